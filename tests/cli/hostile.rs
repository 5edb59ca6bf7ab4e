//! Hostile input: a table of bad command lines run against a seeded ledger, and ledgers that
//! are not what they claim to be (a folder, text, zero bytes, truncated, corrupted, read-only,
//! from a newer version). Every failure: the documented exit code, one `error:` line on stderr,
//! no panic or backtrace (RUST_BACKTRACE=1 is set), and the ledger exactly as it was.

use std::ffi::{OsStr, OsString};
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use crate::support::{Ledger, Run, have, is_root, relaties, skip, tsv};

/// One bad command line: what to run, the exit code cli.md documents, and a piece of text the
/// error line must contain (the bad value, or the rule broken).
struct Case {
    args: &'static [&'static str],
    code: i32,
    says: &'static str,
}

const fn case(args: &'static [&'static str], code: i32, says: &'static str) -> Case {
    Case { args, code, says }
}

/// Ids in the seeded ledger (see `seeded`).
/// Clients: #1 "ACME B.V.", #2 "ACME Holding", #3 "Café de Zon", #4 "Old Client" (archived).
/// Entries: #1 gift (ACME B.V.), #2 open commitment (Café), #3 open incident (Café),
/// #4 delivered commitment (ACME B.V.), #5 informed and resolved incident (ACME Holding),
/// #6 void gift (Café), #7 missed commitment (ACME Holding).
static CASES: &[Case] = &[
    // ---- impossible and malformed dates: exit 2, naming the value
    case(
        &["log-gift", "1", "Wine", "--date", "2026-02-30"],
        2,
        "2026-02-30",
    ),
    case(
        &["log-gift", "1", "Wine", "--date", "31-04-2026"],
        2,
        "31-04-2026",
    ),
    case(
        &[
            "promise",
            "1",
            "Report",
            "--due",
            "2026-13-01",
            "--date",
            "2026-03-01",
        ],
        2,
        "2026-13-01",
    ),
    case(&["timeline", "--since", "2026-02-30"], 2, "2026-02-30"),
    case(&["deliver", "2", "--date", "0000-01-01"], 2, "0000-01-01"),
    case(
        &["log-touch", "1", "--date", "100001d ago"],
        2,
        "100001d ago",
    ),
    case(&["report", "--as-of", ""], 2, "invalid date"),
    case(
        &["log-gift", "1", "Wine", "--date", "2026-03-01; DROP"],
        2,
        "2026-03-01; DROP",
    ),
    case(
        &["client", "add", "Newco", "--since", "2026-02-30"],
        2,
        "2026-02-30",
    ),
    case(
        &[
            "promise",
            "1",
            "Report",
            "--due",
            "2026-03-01",
            "--date",
            "2026-03-05",
        ],
        2,
        "before",
    ),
    case(
        &[
            "log-incident",
            "1",
            "Outage",
            "--date",
            "2026-03-05",
            "--informed",
            "2026-03-01",
        ],
        2,
        "before",
    ),
    case(&["deliver", "2", "--date", "2026-02-01"], 1, "before"),
    // ---- out-of-range and malformed amounts: exit 2
    case(&["log-gift", "1", "Wine", "--cost=-5"], 2, "negative"),
    case(&["log-gift", "1", "Wine", "--cost", "-5"], 2, "-5"),
    case(&["log-gift", "1", "Wine", "--cost", "1e9"], 2, "1e9"),
    case(
        &["log-gift", "1", "Wine", "--cost", "12,345,67"],
        2,
        "12,345,67",
    ),
    case(&["log-gift", "1", "Wine", "--cost", "€"], 2, "€"),
    case(
        &["log-gift", "1", "Wine", "--cost", ""],
        2,
        "invalid amount",
    ),
    case(
        &["log-gift", "1", "Wine", "--cost", "20000000"],
        2,
        "20000000",
    ),
    case(&["log-gift", "1", "Wine", "--cost", "1.2.3"], 2, "1.2.3"),
    case(
        &["log-gift", "1", "Wine", "--cost", "45 USD EUR"],
        2,
        "currency",
    ),
    case(
        &["log-gift", "1", "Wine", "--cost", "45", "--currency", "XYZ"],
        2,
        "XYZ",
    ),
    case(
        &[
            "log-gift",
            "1",
            "Wine",
            "--cost",
            "€45",
            "--currency",
            "USD",
        ],
        2,
        "USD",
    ),
    case(&["edit", "1", "--cost", "abc"], 2, "abc"),
    // ---- unknown and ambiguous clients: exit 1
    case(&["log-gift", "acme", "Wine"], 1, "several clients"),
    case(
        &["client", "edit", "acme", "--note", "x"],
        1,
        "several clients",
    ),
    case(&["log-gift", "zzz", "Wine"], 1, "zzz"),
    case(&["log-gift", "#0", "Wine"], 1, "#0"),
    case(&["client", "show", "99999"], 1, "99999"),
    case(&["client", "show", ""], 1, "no client"),
    case(&["timeline", "nosuch"], 1, "nosuch"),
    case(&["score", "nosuch"], 1, "nosuch"),
    case(&["log-gift", "zz\nzz", "Wine"], 1, "zz\\nzz"),
    case(&["client", "add", "acme b.v."], 1, "already exists"),
    case(&["log-gift", "Old Client", "Wine"], 1, "archived"),
    // ---- entry ids that do not exist, are malformed, or of the wrong kind
    case(&["deliver", "99999"], 1, "99999"),
    case(&["deliver", "#0"], 2, "#0"),
    case(&["deliver", "abc"], 2, "abc"),
    case(&["deliver", "-1"], 2, "-1"),
    case(
        &["deliver", "99999999999999999999"],
        2,
        "99999999999999999999",
    ),
    case(&["deliver", "\u{7}"], 2, "invalid id"),
    case(&["void", "99999"], 1, "99999"),
    case(&["edit", "abc", "--note", "x"], 2, "abc"),
    case(&["deliver", "1"], 1, "gift"),
    case(&["resolve", "2"], 1, "commitment"),
    case(&["inform", "1"], 1, "gift"),
    case(&["miss", "3"], 1, "incident"),
    case(&["reschedule", "1", "--due", "2026-04-01"], 1, "gift"),
    case(&["deliver", "6"], 1, "gift"),
    // ---- empty texts: exit 2
    case(&["log-gift", "1", ""], 2, "empty"),
    case(&["log-gift", "1", "   "], 2, "empty"),
    case(&["log-compliment", "1", ""], 2, "empty"),
    case(&["log-milestone", "1", ""], 2, "empty"),
    case(
        &[
            "promise",
            "1",
            "",
            "--due",
            "2026-04-01",
            "--date",
            "2026-03-01",
        ],
        2,
        "empty",
    ),
    case(&["log-incident", "1", " "], 2, "empty"),
    case(&["edit", "1", "--description", ""], 2, "empty"),
    case(&["client", "add", ""], 2, "empty"),
    case(&["client", "add", "  "], 2, "empty"),
    case(&["client", "edit", "1", "--name", ""], 2, "empty"),
    // ---- state rules: exit 1
    case(&["deliver", "4"], 1, "already delivered"),
    case(&["miss", "4"], 1, "already delivered"),
    case(
        &["reschedule", "4", "--due", "2026-04-01"],
        1,
        "already delivered",
    ),
    case(&["deliver", "7"], 1, "missed"),
    case(&["reschedule", "7", "--due", "2026-04-01"], 1, "missed"),
    case(&["resolve", "5"], 1, "already resolved"),
    case(&["inform", "5"], 1, "already"),
    case(&["void", "6"], 1, "already void"),
    case(&["edit", "1", "--due", "2026-04-01"], 1, "--due"),
    case(&["edit", "1", "--energy", "3"], 1, "--energy"),
    case(&["edit", "2", "--cost", "5"], 1, "--cost"),
    case(&["edit", "3", "--quality", "3"], 1, "--quality"),
    case(&["edit", "1"], 2, "nothing to change"),
    case(&["client", "forget", "1"], 2, "--yes"),
    case(&["client", "forget", "nosuch", "--yes"], 1, "nosuch"),
    case(&["client", "archive", "Old Client"], 1, "already archived"),
    // ---- the command line itself
    case(&["log-gift"], 2, "required"),
    case(&["frobnicate"], 2, "frobnicate"),
    case(&["timeline", "--limit", "-1"], 2, "-1"),
    case(&["export", "--format", "pdf"], 2, "pdf"),
    case(&["config", "set", "weight.trust", "-1"], 2, "weight.trust"),
    case(&["client", "add", "Newco", "--cadence", "0"], 2, "0"),
    case(&["client", "add", "Newco", "--tag", "a,b"], 2, "a,b"),
    case(&["log-touch", "1", "--energy", "6"], 2, "6"),
    case(
        &["import", "/nonexistent/relaties.json"],
        1,
        "/nonexistent/relaties.json",
    ),
];

/// The seeded ledger the table runs against (ids as documented above `CASES`).
fn seeded() -> Ledger {
    let l = Ledger::new();
    for name in ["ACME B.V.", "ACME Holding", "Café de Zon", "Old Client"] {
        l.client(name);
    }
    let run = |args: &[&str]| {
        l.ok(args);
    };
    run(&[
        "log-gift",
        "1",
        "Wine box",
        "--cost",
        "45,50",
        "--date",
        "2026-03-01",
    ]);
    run(&[
        "promise",
        "3",
        "Site",
        "--due",
        "2026-03-10",
        "--date",
        "2026-03-01",
    ]);
    run(&["log-incident", "3", "Outage", "--date", "2026-03-01"]);
    run(&[
        "promise",
        "1",
        "Report",
        "--due",
        "2026-03-10",
        "--date",
        "2026-03-01",
    ]);
    run(&["deliver", "4", "--date", "2026-03-05"]);
    run(&[
        "log-incident",
        "2",
        "Bug",
        "--date",
        "2026-03-01",
        "--informed",
        "2026-03-01",
    ]);
    run(&["resolve", "5", "--date", "2026-03-02"]);
    run(&["log-gift", "3", "Flowers", "--date", "2026-03-01"]);
    run(&["void", "6", "--reason", "twice"]);
    run(&[
        "promise",
        "2",
        "Plan",
        "--due",
        "2026-03-10",
        "--date",
        "2026-03-01",
    ]);
    run(&["miss", "7", "--date", "2026-03-11"]);
    run(&["client", "archive", "Old Client"]);
    l
}

/// The failure checks every bad input gets: the code, exactly one line on stderr starting
/// `error:` and containing `says`, no panic or backtrace. Returns a complaint, or None.
fn judge(r: &Run, code: i32, says: &str) -> Option<String> {
    let mut bad = Vec::new();
    if r.code != code {
        bad.push(format!("exit {} (expected {code})", r.code));
    }
    if !r.stderr.starts_with("error:") {
        bad.push("stderr does not start with error:".to_string());
    }
    if r.stderr.trim_end().lines().count() != 1 {
        bad.push("stderr is not one line".to_string());
    }
    if !r.stderr.contains(says) {
        bad.push(format!("stderr does not mention {says:?}"));
    }
    for word in ["panicked", "backtrace", "RUST_BACKTRACE", "internal error"] {
        if r.stderr.contains(word) {
            bad.push(format!("stderr contains {word:?}"));
        }
    }
    (!bad.is_empty()).then(|| {
        format!(
            "{}; stderr: {:?} stdout: {:?}",
            bad.join(", "),
            r.stderr,
            r.stdout
        )
    })
}

fn with_json(args: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    v.push("--json".into());
    v
}

#[test]
fn the_bad_input_corpus_fails_cleanly_and_changes_nothing() {
    assert!(CASES.len() >= 40, "{} cases", CASES.len());
    let seed = seeded();
    let export_before = seed.ok(&["export"]);
    let dump_before = seed.dump();
    let mut complaints = Vec::new();
    for c in CASES {
        // Each case on its own copy, so one case that wrongly writes cannot spoil the rest.
        let l = seed.copy();
        let r = l.run(c.args);
        if let Some(why) = judge(&r, c.code, c.says) {
            complaints.push(format!("{:?}: {why}", c.args));
        }
        // The same with --json: same code, still one error line, nothing on stdout.
        let a = with_json(c.args);
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        let rj = l.run(&a);
        if let Some(why) = judge(&rj, c.code, "") {
            complaints.push(format!("{a:?}: {why}"));
        }
        if !rj.stdout.is_empty() {
            complaints.push(format!(
                "{a:?}: stdout not empty on failure: {:?}",
                rj.stdout
            ));
        }
        if l.ok(&["export"]) != export_before {
            complaints.push(format!("{:?}: the export changed", c.args));
        }
        if l.dump() != dump_before {
            complaints.push(format!("{:?}: the ledger's rows changed", c.args));
        }
    }
    assert!(
        complaints.is_empty(),
        "{} of {} cases went wrong:\n{}",
        complaints.len(),
        CASES.len(),
        complaints.join("\n")
    );
}

/// Runs with raw (possibly non-UTF-8) arguments after `--db`.
fn run_os(l: &Ledger, args: &[&OsStr]) -> Run {
    relaties()
        .arg("--db")
        .arg(&l.path)
        .args(args)
        .output()
        .expect("runs")
        .into()
}

#[test]
fn invalid_utf8_arguments_are_usage_errors() {
    let l = seeded();
    let before = l.ok(&["export"]);
    let bad = OsStr::from_bytes(b"bad\xff\xfename");
    let o = OsStr::new;
    let cases: Vec<Vec<&OsStr>> = vec![
        vec![o("client"), o("add"), bad],
        vec![o("log-gift"), o("1"), bad],
        vec![o("log-gift"), bad, o("Wine")],
        vec![o("log-gift"), o("1"), o("Wine"), o("--note"), bad],
        vec![o("deliver"), bad],
        vec![o("timeline"), bad],
        vec![o("log-gift"), o("1"), o("Wine"), o("--cost"), bad],
    ];
    for args in &cases {
        let r = run_os(&l, args);
        if let Some(why) = judge(&r, 2, "UTF-8") {
            panic!("{args:?}: {why}");
        }
    }
    assert_eq!(before, l.ok(&["export"]));
}

#[test]
fn a_ledger_path_that_is_not_utf8_works() {
    // A path is bytes on Unix: a ledger may live at one that is not UTF-8.
    let l = Ledger::new();
    let path = l.dir.path().join(OsStr::from_bytes(b"led\xffger.db"));
    let r: Run = relaties()
        .arg("--db")
        .arg(&path)
        .args(["client", "add", "ACME", "-q"])
        .output()
        .unwrap()
        .into();
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(path.is_file());
}

#[test]
fn long_descriptions_are_stored_intact() {
    // Linux refuses any single argument over 128 KiB (MAX_ARG_STRLEN) before relaties runs,
    // so a 1 MB description cannot come in on the command line at all; the largest that can
    // (128 KiB - 1) is stored intact, and a 1 MB one comes in through `import`.
    let l = seeded();
    let one_mb: String = "x".repeat(1 << 20);
    let spawn = relaties()
        .arg("--db")
        .arg(&l.path)
        .args(["log-gift", "1", &one_mb])
        .output();
    println!(
        "note: a 1 MB argument cannot be passed to any program here: {:?}",
        spawn.as_ref().err()
    );
    assert!(spawn.is_err(), "the OS unexpectedly passed a 1 MB argument");

    let long: String = "Lang verhaal — ".chars().cycle().take(97_000).collect();
    assert!(long.len() < 128 * 1024 && long.len() > 100_000);
    let id = l.entry(&["log-gift", "1", &long, "--date", "2026-03-02"]);
    assert_eq!(l.entry_json(id)["description"], long.as_str());
    let export: serde_json::Value = serde_json::from_str(&l.ok(&["export"])).unwrap();
    let e = export["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == id)
        .unwrap();
    assert_eq!(e["description"], long.as_str());

    // 1 MB through import, into a ledger that has clients of its own (merge).
    let big: String = "ZyxLong ".repeat((1 << 20) / 8);
    let doc = serde_json::json!({
        "format": "relaties-ledger", "version": 1, "settings": {},
        "clients": [{"id": 1, "name": "Bigco", "contact": null, "email": null, "phone": null,
                     "since": null, "tags": [], "cadence": null, "note": null,
                     "archived": false, "forgotten": false}],
        "entries": [{"id": 1, "kind": "gift", "client_id": 1, "date": "2026-03-01",
                     "description": big, "note": null, "void": false, "void_reason": null,
                     "occasion": null, "cost": null, "for": null, "channel": null,
                     "energy": null, "proactive": false, "due": null, "reschedules": [],
                     "delivered": null, "quality": null, "missed": null, "missed_reason": null,
                     "cause": null, "severity": null, "informed": null, "explained": false,
                     "solution": null, "resolved": null}]
    });
    let file = l.dir.path().join("big.json");
    fs::write(&file, doc.to_string()).unwrap();
    l.ok(&["import", file.to_str().unwrap(), "-q"]);
    let export: serde_json::Value = serde_json::from_str(&l.ok(&["export"])).unwrap();
    let found = export["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["description"] == big.as_str())
        .count();
    assert_eq!(
        found, 1,
        "the 1 MB description was not stored and exported intact"
    );
    // Reading commands cope with it.
    l.ok(&["timeline", "Bigco"]);
}

#[test]
fn control_characters_are_stored_verbatim_and_tables_stay_one_line_per_row() {
    // relaties stores texts as typed (control characters included); tables in a pipe flatten
    // line breaks and tabs, so each row stays one line. Client names, which exports use as
    // identifiers (hledger accounts, calendar summaries), refuse control characters.
    let l = Ledger::new();
    for bad in [
        "Bell\u{7} Co",
        "Line\nBreak BV",
        "Tab\tCo",
        "Ctl\u{1}Co",
        "Cr\r\nLf BV",
    ] {
        let err = l.fails_unchanged(&["client", "add", bad], 2);
        assert!(err.contains("cannot contain control characters"), "{err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{err:?}");
    }
    let names = ["Bell Co", "Line Break BV", "Tab Co", "Ctl Co", "Cr Lf BV"];
    for n in names {
        let c = l.json(&[
            "client",
            "add",
            n,
            "--contact",
            "a\u{1}b\nc",
            "--note",
            "x\ny",
        ]);
        assert_eq!(c["name"], n, "{n:?}");
    }
    let texts = [
        "gift\nwith\nnewlines",
        "bell\u{7}",
        "soh\u{1}",
        "esc\u{1b}[31mred",
        "tab\there",
    ];
    for (i, t) in texts.iter().enumerate() {
        let client = (i % names.len() + 1).to_string();
        l.ok(&[
            "log-gift",
            &client,
            t,
            "--date",
            "2026-03-01",
            "--note",
            "n\r\nm",
        ]);
        l.ok(&[
            "promise",
            &client,
            t,
            "--due",
            "2026-03-20",
            "--date",
            "2026-03-01",
        ]);
        l.ok(&[
            "log-incident",
            &client,
            t,
            "--date",
            "2026-03-02",
            "--solution",
            "s\nt",
        ]);
    }
    // Stored and exported verbatim.
    let export: serde_json::Value = serde_json::from_str(&l.ok(&["export"])).unwrap();
    let stored: Vec<&str> = export["clients"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    for n in names {
        assert!(stored.contains(&n), "{n:?} not stored verbatim: {stored:?}");
    }
    for t in texts {
        let n = export["entries"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["description"] == t)
            .count();
        assert_eq!(n, 3, "{t:?} not stored verbatim");
    }
    // Tables in a pipe: a header and one line per row.
    for (args, rows) in [
        (&["client", "list"][..], names.len()),
        (&["timeline"], texts.len() * 3),
        (&["commitments"], texts.len()),
        (&["incidents"], texts.len()),
    ] {
        let out = l.ok(args);
        let t = tsv(&out);
        assert_eq!(t.len(), rows + 1, "{args:?}: not one line per row:\n{out}");
        let width = t[0].len();
        for row in &t {
            assert_eq!(row.len(), width, "{args:?}: a cell split the row: {row:?}");
        }
    }
    // An error naming such a value stays one line.
    for bad in ["no\nsuch", "no\rsuch", "bell\u{7}less"] {
        let err = l.fails(&["log-touch", bad], 1);
        assert_eq!(err.trim_end().lines().count(), 1, "{err:?}");
    }
    let err = l.fails(&["client", "edit", "Tab Co", "--name", "line\nbreak bv"], 2);
    assert_eq!(err.trim_end().lines().count(), 1, "{err:?}");
}

#[test]
fn sql_looking_text_is_stored_verbatim() {
    let l = seeded();
    let evil = "'); DROP TABLE clients;--";
    let evil2 = "x\" OR 1=1; DELETE FROM entries WHERE \"1\"=\"1";
    let c = l.json(&["client", "add", evil, "--note", evil2, "--email", evil]);
    assert_eq!(c["name"], evil);
    let id = c["id"].as_i64().unwrap().to_string();
    let e = l.entry(&[
        "log-gift",
        &id,
        evil,
        "--note",
        evil2,
        "--date",
        "2026-03-01",
    ]);
    let e2 = l.entry(&[
        "log-compliment",
        evil,
        evil2,
        "--for",
        evil,
        "--date",
        "2026-03-01",
    ]);
    l.ok(&["edit", &e.to_string(), "--description", evil2]);
    l.ok(&["void", &e2.to_string(), "--reason", evil]);
    l.ok(&["timeline", evil]);
    l.ok(&["client", "show", evil]);
    l.ok(&["score", evil]);
    // Every table is intact: the seeded clients and entries are all still there.
    assert_eq!(l.query("SELECT count(*) FROM clients"), [["5"]]);
    assert_eq!(l.query("SELECT count(*) FROM entries"), [["9"]]);
    let export: serde_json::Value = serde_json::from_str(&l.ok(&["export"])).unwrap();
    let client = export["clients"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == evil);
    let client = client.expect("the client is exported under its name");
    assert_eq!(client["note"], evil2);
    assert_eq!(client["email"], evil);
    assert_eq!(l.entry_json(e)["description"], evil2);
    assert_eq!(l.entry_json(e)["note"], evil2);
    assert_eq!(l.entry_json(e2)["description"], evil2);
    // And undo walks it back without harm.
    l.ok(&["undo"]);
    l.ok(&["undo"]);
    assert_eq!(l.entry_json(e)["description"], evil);
    l.ok(&["doctor"]);
}

/// Commands that only read, and commands that write.
const READING: &[&[&str]] = &[
    &["timeline"],
    &["client", "list"],
    &["client", "show", "1"],
    &["commitments"],
    &["incidents"],
    &["score"],
    &["report", "--as-of", "2026-06-30"],
    &["upcoming"],
    &["export"],
    &["config", "list"],
];
const WRITING: &[&[&str]] = &[
    &["client", "add", "Newco"],
    &["log-gift", "1", "Wine", "--date", "2026-03-01"],
    &["log-touch", "1", "--date", "2026-03-01"],
    &["config", "set", "weight.trust", "2"],
    &["undo"],
];

fn bytes(p: &Path) -> Vec<u8> {
    fs::read(p).unwrap_or_default()
}

/// Every command fails with exit 1 and one `error:` line containing `says`, and the file
/// keeps its bytes.
fn all_fail(l: &Ledger, says: &str) {
    let before = bytes(&l.path);
    for args in READING.iter().chain(WRITING) {
        let r = l.run(args);
        if let Some(why) = judge(&r, 1, says) {
            panic!("{args:?}: {why}");
        }
    }
    assert_eq!(before, bytes(&l.path), "the file changed");
}

#[test]
fn db_pointing_at_a_folder() {
    let l = Ledger::new();
    fs::create_dir(&l.path).unwrap();
    all_fail(&l, "folder");
    assert!(l.path.is_dir());
}

#[test]
fn db_pointing_at_a_text_file() {
    let l = Ledger::new();
    fs::write(
        &l.path,
        "Dear diary,\nthis is not a database.\n".repeat(100),
    )
    .unwrap();
    all_fail(&l, "not a relaties ledger");
}

#[test]
fn db_pointing_at_a_zero_byte_file_reading() {
    let l = Ledger::new();
    fs::write(&l.path, b"").unwrap();
    for args in READING {
        let r = l.run(args);
        if let Some(why) = judge(&r, 1, "empty") {
            panic!("{args:?}: {why}");
        }
    }
    assert_eq!(
        fs::metadata(&l.path).unwrap().len(),
        0,
        "a reading command wrote"
    );
}

#[test]
fn db_pointing_at_a_zero_byte_file_writing_initialises_it() {
    // A zero-byte file is an SQLite database with no tables: the first writing command turns
    // it into a ledger (as it would create a missing file), and the result is a sound ledger.
    let l = Ledger::new();
    fs::write(&l.path, b"").unwrap();
    fs::set_permissions(&l.path, fs::Permissions::from_mode(0o600)).unwrap();
    let c = l.json(&["client", "add", "ACME"]);
    assert_eq!(c["name"], "ACME");
    l.ok(&["log-gift", "ACME", "Wine", "--date", "2026-03-01"]);
    assert_eq!(l.timeline().len(), 1);
    assert_eq!(l.query("PRAGMA integrity_check"), [["ok"]]);
    assert_eq!(
        l.query("PRAGMA user_version"),
        [[relaties::store::schema_version_current().to_string()]]
    );
}

/// A real ledger with a few hundred entries (the demo generator, fixed seed and day).
fn sample() -> Ledger {
    let l = Ledger::new();
    let r = l.run(&[
        "demo",
        "--clients",
        "6",
        "--entries",
        "600",
        "--seed",
        "3",
        "--as-of",
        "2026-06-30",
        "-q",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(l.path.is_file());
    // Everything in the main file, no WAL beside it.
    rusqlite::Connection::open(&l.path)
        .unwrap()
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .unwrap();
    for side in ["-wal", "-shm"] {
        let _ = fs::remove_file(side_file(&l.path, side));
    }
    l
}

fn side_file(p: &Path, suffix: &str) -> PathBuf {
    let mut s = p.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

#[test]
fn db_pointing_at_a_truncated_ledger() {
    let l = sample();
    let len = fs::metadata(&l.path).unwrap().len();
    assert!(len > 64 * 1024, "the sample is too small: {len}");
    let f = fs::OpenOptions::new().write(true).open(&l.path).unwrap();
    f.set_len(len / 2).unwrap();
    drop(f);
    all_fail(&l, "not a relaties ledger");
    // doctor says so too.
    let r = l.run(&["doctor"]);
    assert!(judge(&r, 1, "").is_none(), "{}", r.stderr);
}

#[test]
fn db_pointing_at_a_corrupted_ledger() {
    let l = sample();
    let len = fs::metadata(&l.path).unwrap().len() as usize;
    let mut b = fs::read(&l.path).unwrap();
    for (i, x) in b[len / 2..len / 2 + 8192].iter_mut().enumerate() {
        *x = [0xde, 0xad, 0xbe, 0xef][i % 4];
    }
    fs::write(&l.path, &b).unwrap();
    // Whatever reads the damaged pages fails cleanly with exit 1.
    for args in [
        &["timeline"][..],
        &["export"],
        &["score"],
        &["report", "--as-of", "2026-06-30"],
        &["doctor"],
    ] {
        let r = l.run(args);
        if let Some(why) = judge(&r, 1, "") {
            panic!("{args:?}: {why}");
        }
    }
    // Nothing ends in a panic or a second line, whatever it touches.
    for args in READING.iter().chain(WRITING) {
        let r = l.run(args);
        assert!(
            r.code == 0 || judge(&r, 1, "").is_none(),
            "{args:?}: {} {}",
            r.code,
            r.stderr
        );
        for word in ["panicked", "backtrace", "internal error"] {
            assert!(!r.stderr.contains(word), "{args:?}: {}", r.stderr);
        }
    }
}

// ---- read-only ledgers: run as someone file modes bind ----

/// The uid and gid of `nobody`, whom file modes bind, to run as when the tests run as root.
const NOBODY: u32 = 65534;

/// Who runs the binary on a read-only ledger: this process when it is not root; as root (whom
/// file modes do not stop) `nobody`, through setpriv, with a binary it may run.
enum Who {
    Me,
    Nobody(PathBuf),
}

/// A seeded ledger made read-only (file 0400; its folder 0700, or 0500 when not
/// `folder_writable`) for whoever runs the binary on it.
pub(crate) struct ReadOnly {
    pub(crate) l: Ledger,
    who: Who,
    /// Holds a copy of the binary when nobody could not run the one in target/.
    _bin: Option<tempfile::TempDir>,
}

impl Drop for ReadOnly {
    fn drop(&mut self) {
        // Writable again, so that the folder can be removed.
        let _ = fs::set_permissions(self.l.dir.path(), fs::Permissions::from_mode(0o700));
    }
}

/// `setpriv` as `nobody`, groups cleared.
fn setpriv_nobody() -> std::process::Command {
    let mut c = std::process::Command::new("setpriv");
    c.arg(format!("--reuid={NOBODY}"))
        .arg(format!("--regid={NOBODY}"))
        .arg("--clear-groups")
        .stdin(std::process::Stdio::null());
    c
}

/// Whether `nobody` can run `bin`.
fn nobody_runs(bin: &Path) -> Result<(), String> {
    let out = setpriv_nobody()
        .arg(bin)
        .arg("--version")
        .output()
        .map_err(|e| format!("setpriv: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).trim().to_string())
    }
}

/// Whether `nobody` passes `test FLAG path` (coreutils `test`, which asks the kernel).
fn nobody_test(flag: &str, p: &Path) -> bool {
    setpriv_nobody()
        .args(["test", flag])
        .arg(p)
        .status()
        .is_ok_and(|s| s.success())
}

/// The read-only ledger for `test`, or None (after `support::skip`, which fails under
/// CI=true) where nobody whom file modes bind can be had. Panics when the modes do not bind
/// the one chosen: then the test would prove nothing.
pub(crate) fn read_only(test: &str, folder_writable: bool) -> Option<ReadOnly> {
    let l = seeded();
    let dir = l.dir.path().to_path_buf();
    let folder_mode = if folder_writable { 0o700 } else { 0o500 };
    let probe = dir.join("probe");
    if !is_root() {
        fs::set_permissions(&l.path, fs::Permissions::from_mode(0o400)).unwrap();
        fs::set_permissions(&dir, fs::Permissions::from_mode(folder_mode)).unwrap();
        let ro = ReadOnly {
            l,
            who: Who::Me,
            _bin: None,
        };
        let writes_anyway = fs::OpenOptions::new().append(true).open(&ro.l.path).is_ok();
        let creates_anyway = !folder_writable && fs::File::create(&probe).is_ok();
        if writes_anyway || creates_anyway {
            skip(
                test,
                "this user writes files and folders whatever their mode says \
                 (CAP_DAC_OVERRIDE?) but is not root, so cannot become nobody",
            );
            return None;
        }
        return Some(ro);
    }
    if !have("setpriv") {
        skip(
            test,
            "running as root, whom file modes do not stop, and util-linux setpriv is \
             missing to run as nobody",
        );
        return None;
    }
    for p in [&dir, &l.path] {
        std::os::unix::fs::chown(p, Some(NOBODY), Some(NOBODY)).unwrap();
    }
    fs::set_permissions(&l.path, fs::Permissions::from_mode(0o400)).unwrap();
    fs::set_permissions(&dir, fs::Permissions::from_mode(folder_mode)).unwrap();
    // The binary in target/ may sit in a folder nobody cannot enter (a checkout in /root):
    // then a copy in a temporary folder everyone may enter.
    let mut bin = assert_cmd::cargo::cargo_bin("relaties");
    let mut copy = None;
    if nobody_runs(&bin).is_err() {
        let tmp = tempfile::tempdir().unwrap();
        fs::set_permissions(tmp.path(), fs::Permissions::from_mode(0o755)).unwrap();
        let to = tmp.path().join("relaties");
        fs::copy(&bin, &to).unwrap();
        fs::set_permissions(&to, fs::Permissions::from_mode(0o755)).unwrap();
        if let Err(why) = nobody_runs(&to) {
            skip(test, &format!("cannot run relaties as nobody: {why}"));
            return None;
        }
        bin = to;
        copy = Some(tmp);
    }
    if !nobody_test("-r", &l.path) {
        skip(
            test,
            &format!(
                "nobody cannot reach {} (a temporary folder inside one only root may enter?)",
                l.path.display()
            ),
        );
        return None;
    }
    assert!(
        !nobody_test("-w", &l.path),
        "nobody may write the 0400 ledger"
    );
    if !folder_writable {
        assert!(!nobody_test("-w", &dir), "nobody may write the 0500 folder");
    }
    Some(ReadOnly {
        l,
        who: Who::Nobody(bin),
        _bin: copy,
    })
}

impl ReadOnly {
    /// Runs `relaties --db LEDGER ARGS` as the one file modes bind, with support::relaties()'s
    /// clean environment.
    pub(crate) fn run(&self, args: &[&str]) -> Run {
        let Who::Nobody(bin) = &self.who else {
            return self.l.run(args);
        };
        setpriv_nobody()
            .arg(bin)
            .arg("--db")
            .arg(&self.l.path)
            .args(args)
            .env_remove("RELATIES_DB")
            .env_remove("NO_COLOR")
            .env_remove("XDG_DATA_HOME")
            .env("RUST_BACKTRACE", "1")
            .env("HOME", "/nonexistent-home-for-tests")
            .output()
            .expect("setpriv ran before")
            .into()
    }

    /// Every reading command works; every writing command fails with exit 1 and one error
    /// line; the ledger keeps its bytes.
    fn check(&self) {
        let before = bytes(&self.l.path);
        assert!(!before.is_empty());
        for args in READING {
            let r = self.run(args);
            assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
        }
        for args in WRITING {
            let r = self.run(args);
            if let Some(why) = judge(&r, 1, "") {
                panic!("{args:?}: {why}");
            }
        }
        assert_eq!(before, bytes(&self.l.path), "the read-only ledger changed");
    }
}

#[test]
fn a_read_only_ledger_reads_but_refuses_writes() {
    if let Some(ro) = read_only("a_read_only_ledger_reads_but_refuses_writes", true) {
        ro.check();
    }
}

#[test]
fn a_read_only_ledger_in_a_read_only_folder_can_be_read() {
    let test = "a_read_only_ledger_in_a_read_only_folder_can_be_read";
    if let Some(ro) = read_only(test, false) {
        ro.check();
        // Nothing was made beside it either (no -wal or -shm: the folder is read-only).
        let names: Vec<_> = fs::read_dir(ro.l.dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, [OsString::from("ledger.db")]);
    }
}

#[test]
fn a_ledger_from_a_newer_schema_version_is_refused_by_every_command() {
    let l = seeded();
    l.set_user_version(99);
    let before = l.dump();
    for args in READING
        .iter()
        .chain(WRITING)
        .chain([&["doctor"][..]].iter())
    {
        let r = l.run(args);
        if let Some(why) = judge(&r, 1, "99") {
            panic!("{args:?}: {why}");
        }
        assert!(r.stderr.contains("newer"), "{args:?}: {}", r.stderr);
    }
    assert_eq!(before, l.dump());
    assert_eq!(l.query("PRAGMA user_version"), [["99"]]);
}

#[test]
fn an_error_naming_a_non_utf8_path_is_one_line() {
    // An error naming a path that is not UTF-8 still prints one clean line.
    let l = Ledger::new();
    let dir = l.dir.path().join(OsStr::from_bytes(b"f\xffolder"));
    fs::create_dir(&dir).unwrap();
    let r: Run = relaties()
        .arg("--db")
        .arg(&dir)
        .arg("timeline")
        .output()
        .unwrap()
        .into();
    assert!(judge(&r, 1, "folder").is_none(), "{}", r.stderr);
    let _: OsString = dir.into_os_string();
}
