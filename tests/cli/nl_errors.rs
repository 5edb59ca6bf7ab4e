//! Dutch (#16): the errors of the ledger's storage and of the environment in Dutch (a damaged
//! ledger, a file that is not one, a folder, a read-only ledger, bad RELATIES_WAIT and
//! RELATIES_TODAY values, an import's conflicts), each one line after `error:`, with the
//! same exit code as in English, no backtrace, and nothing changed; and the same cases in
//! English still word them as before.

use std::ffi::OsStr;
use std::fs;

use crate::support::{Ledger, Run, assert_failed, dump};

/// Runs with `--lang LANG`, whatever the environment's locale says, with `envs` set.
fn run_in(l: &Ledger, lang: &str, envs: &[(&str, &str)], args: &[&str]) -> Run {
    let mut all = vec!["--lang", lang];
    all.extend_from_slice(args);
    let mut env: Vec<(&str, &OsStr)> = vec![("LANG", OsStr::new("C"))];
    env.extend(envs.iter().map(|(k, v)| (*k, OsStr::new(*v))));
    l.run_env(true, &env, &all)
}

/// The file's bytes (with its -wal, if any): what "nothing changed" compares.
fn bytes(l: &Ledger) -> Vec<u8> {
    let mut b = fs::read(&l.path).unwrap_or_default();
    b.extend(fs::read(format!("{}-wal", l.path.display())).unwrap_or_default());
    b
}

/// Runs `args` in `lang`; expects exit `code` with one `error:` line and no backtrace, and
/// the ledger's bytes as they were. Returns that line, without `error: ` and the newline.
fn fails(l: &Ledger, lang: &str, envs: &[(&str, &str)], args: &[&str], code: i32) -> String {
    let before = bytes(l);
    let r = run_in(l, lang, envs, args);
    assert_failed(&r, code, args);
    assert_eq!(r.stdout, "", "{args:?}");
    assert_eq!(before, bytes(l), "{args:?} changed the ledger");
    r.stderr
        .strip_prefix("error: ")
        .and_then(|s| s.strip_suffix('\n'))
        .unwrap_or_else(|| panic!("{args:?}: {:?}", r.stderr))
        .to_string()
}

/// A ledger with a client and a gift, written and closed.
fn acme() -> Ledger {
    let l = Ledger::new();
    l.client("ACME B.V.");
    l.ok(&["log-gift", "ACME", "Wine", "--date", "2026-11-02"]);
    l
}

#[test]
fn a_damaged_ledger_is_said_in_dutch_without_sqlites_english() {
    let l = acme();
    // The clients' table page overwritten: the file opens, its header is intact, and reading
    // the clients finds the damage.
    let (root, size): (i64, i64) = {
        let conn = rusqlite::Connection::open(&l.path).unwrap();
        let root = conn
            .query_row(
                "SELECT rootpage FROM sqlite_master WHERE name = 'clients'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let size = conn
            .query_row("PRAGMA page_size", [], |r| r.get(0))
            .unwrap();
        (root, size)
    };
    let mut file = fs::read(&l.path).unwrap();
    let at = usize::try_from((root - 1) * size).unwrap();
    file[at..at + usize::try_from(size).unwrap()].fill(0xA5);
    fs::write(&l.path, &file).unwrap();

    assert_eq!(
        fails(&l, "nl", &[], &["client", "list"], 1),
        "kan de klanten niet lezen: het bestand is beschadigd"
    );
    assert_eq!(
        fails(&l, "en", &[], &["client", "list"], 1),
        "cannot read the clients: database disk image is malformed: Error code 11: database \
         disk image is malformed"
    );
}

#[test]
fn a_file_that_is_not_a_ledger_is_said_in_dutch() {
    let l = Ledger::new();
    fs::write(&l.path, "hello, this is not a ledger\n").unwrap();
    let shown = l.path.display().to_string();
    for args in [&["report"][..], &["client", "add", "Kees"]] {
        assert_eq!(
            fails(&l, "nl", &[], args, 1),
            format!("{shown} is geen grootboek van relaties (geen SQLite-database, of beschadigd)")
        );
        assert_eq!(
            fails(&l, "en", &[], args, 1),
            format!("{shown} is not a relaties ledger (not an SQLite database, or damaged)")
        );
    }
}

#[test]
fn a_folder_as_the_ledger_is_said_in_dutch() {
    let l = Ledger::new();
    fs::create_dir(&l.path).unwrap();
    let shown = l.path.display().to_string();
    for args in [&["report"][..], &["client", "add", "Kees"]] {
        assert_eq!(
            fails(&l, "nl", &[], args, 1),
            format!(
                "het grootboekpad {shown} is een map, geen grootboekbestand; geef het pad van \
                 een gewoon bestand"
            )
        );
        assert_eq!(
            fails(&l, "en", &[], args, 1),
            format!(
                "the ledger path {shown} is a folder, not a ledger file; pass the path of a \
                 regular file"
            )
        );
    }
}

#[test]
fn a_read_only_ledger_refuses_a_write_in_dutch() {
    let test = "a_read_only_ledger_refuses_a_write_in_dutch";
    let Some(ro) = crate::hostile::read_only(test, true) else {
        return;
    };
    let before = fs::read(&ro.l.path).unwrap();
    let mut lines = Vec::new();
    for lang in ["nl", "en"] {
        let args = ["--lang", lang, "client", "add", "Kees"];
        let r = ro.run(&args);
        assert_failed(&r, 1, &args);
        lines.push(r.stderr);
    }
    assert_eq!(before, fs::read(&ro.l.path).unwrap(), "the ledger changed");
    assert_eq!(
        lines[0],
        "error: kan klant \"Kees\" niet toevoegen: het grootboek is alleen-lezen\n"
    );
    assert_eq!(
        lines[1],
        "error: cannot add client \"Kees\": attempt to write a readonly database: Error code 8: \
         attempt to write a readonly database\n"
    );
}

#[test]
fn a_bad_relaties_wait_is_said_in_dutch() {
    let l = acme();
    for args in [&["report"][..], &["client", "add", "Kees"]] {
        assert_eq!(
            fails(&l, "nl", &[("RELATIES_WAIT", "abc")], args, 1),
            "RELATIES_WAIT=\"abc\" is geen aantal seconden (zeg RELATIES_WAIT=120)"
        );
        assert_eq!(
            fails(&l, "en", &[("RELATIES_WAIT", "abc")], args, 1),
            "RELATIES_WAIT=\"abc\" is not a number of seconds (say RELATIES_WAIT=120)"
        );
    }
}

#[test]
fn a_bad_relaties_today_is_said_in_dutch() {
    let l = acme();
    for args in [&["report"][..], &["log-touch", "ACME", "call"]] {
        assert_eq!(
            fails(&l, "nl", &[("RELATIES_TODAY", "2026-13-01")], args, 1),
            "RELATIES_TODAY=\"2026-13-01\" is geen datum als JJJJ-MM-DD"
        );
        assert_eq!(
            fails(&l, "en", &[("RELATIES_TODAY", "2026-13-01")], args, 1),
            "RELATIES_TODAY=\"2026-13-01\" is not a date as YYYY-MM-DD"
        );
    }
}

/// A ledger with ACME, its contact Kees and a gift, and an export of it in which each of the
/// three differs from the ledger's.
fn conflicting() -> (Ledger, std::path::PathBuf) {
    let l = acme();
    l.ok(&["contact", "add", "ACME", "Kees"]);
    let file = l.dir.path().join("export.json");
    l.ok(&["export", "-o", file.to_str().unwrap()]);
    let mut doc: serde_json::Value = serde_json::from_slice(&fs::read(&file).unwrap()).unwrap();
    doc["clients"][0]["note"] = "changed".into();
    doc["people"][0]["role"] = "boss".into();
    doc["entries"][0]["description"] = "Beer".into();
    fs::write(&file, doc.to_string()).unwrap();
    (l, file)
}

#[test]
fn an_imports_conflicts_are_listed_in_dutch() {
    let (l, file) = conflicting();
    let file = file.to_str().unwrap();
    let items = |client, person, entry, gift| {
        format!(
            "{client} #1 ACME B.V. (note); {person} #1 Kees (role); {entry} #1 {gift} (description)"
        )
    };
    assert_eq!(
        fails(&l, "nl", &[], &["import", file], 1),
        format!(
            "3 records in het bestand wijken af van het grootboek: {}; er is niets geïmporteerd \
             (--on-conflict keep houdt die van het grootboek, --on-conflict replace neemt die \
             uit het bestand)",
            items("klant", "persoon", "regel", "cadeau")
        )
    );
    assert_eq!(
        fails(&l, "en", &[], &["import", file], 1),
        format!(
            "3 records in the file differ from the ledger's: {}; nothing was imported \
             (--on-conflict keep keeps the ledger's, --on-conflict replace takes the file's)",
            items("client", "person", "entry", "gift")
        )
    );
    // Keeping the ledger's changes nothing, and says so in the language asked for.
    let before = dump(&l.path);
    let r = run_in(&l, "nl", &[], &["import", file, "--on-conflict", "keep"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        "0 nieuwe klanten, 0 nieuwe regels, 0 al aanwezig\n\
         3 records in het bestand weken af van het grootboek: die uit het grootboek behouden\n"
    );
    let r = run_in(&l, "en", &[], &["import", file, "--on-conflict", "keep"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        "0 new clients, 0 new entries, 0 already present\n\
         3 records in the file differed from the ledger's: kept the ledger's\n"
    );
    assert_eq!(before, dump(&l.path));
}

#[test]
fn an_error_in_json_mode_is_worded_in_the_language_after_error() {
    let l = acme();
    let r = run_in(&l, "nl", &[("RELATIES_WAIT", "abc")], &["report", "--json"]);
    assert_failed(&r, 1, &["report", "--json"]);
    assert_eq!(r.stdout, "");
    assert_eq!(
        r.stderr,
        "error: RELATIES_WAIT=\"abc\" is geen aantal seconden (zeg RELATIES_WAIT=120)\n"
    );
}

#[test]
fn a_bad_ledger_document_is_said_in_dutch() {
    let (l, file) = conflicting();
    let doc: serde_json::Value = serde_json::from_slice(&fs::read(&file).unwrap()).unwrap();
    let write = |name: &str, text: String| {
        let p = l.dir.path().join(name);
        fs::write(&p, text).unwrap();
        p.to_str().unwrap().to_string()
    };
    let mut energy = doc.clone();
    energy["entries"][0]["kind"] = "touch".into();
    energy["entries"][0]["energy"] = 9.into();
    let mut uuid = doc.clone();
    uuid["clients"][0]["uuid"] = "xyz".into();
    let mut cadence = doc.clone();
    cadence["clients"][0]["cadence"] = 0.into();
    let mut often = doc.clone();
    often["clients"][0]["cadence"] = "often".into();
    let mut version = doc.clone();
    version["version"] = 9.into();
    let mut colour = doc.clone();
    colour["clients"][0]["colour"] = "red".into();
    let cases = [
        (
            write("other.json", "{\"a\": 1}".into()),
            "kan {f} niet importeren: geen export van relaties (geen \"format\": \
             \"relaties-ledger\")",
            "cannot import {f}: not a relaties export (no \"format\": \"relaties-ledger\")",
        ),
        (
            write("broken.json", "nope".into()),
            "kan {f} niet importeren: geen geldige JSON: bij regel 1, kolom 2",
            "cannot import {f}: not valid JSON: expected ident at line 1 column 2",
        ),
        (
            write("energy.json", energy.to_string()),
            "regel #1: energy 9 ligt niet tussen 1 en 5",
            "entry #1: energy 9 is not 1-5",
        ),
        (
            write("uuid.json", uuid.to_string()),
            "record 1 (klant #1): uuid \"xyz\" is geen UUID",
            "record 1 (client #1): uuid \"xyz\" is not a UUID",
        ),
        (
            write("cadence.json", cadence.to_string()),
            "record 1 (klant #1): ritme (cadence) 0 is geen geheel aantal dagen van 1 tot 3650",
            "record 1 (client #1): cadence 0 is not a whole number of days from 1 to 3650",
        ),
        (
            write("often.json", often.to_string()),
            "kan {f} niet importeren: record 1: een waarde van de verkeerde soort bij regel 1, \
             kolom {col}",
            "cannot import {f}: record 1: invalid type: string \"often\", expected u32 at line 1 \
             column {col}",
        ),
        (
            write("version.json", version.to_string()),
            "kan {f} niet importeren: deze export heeft versie 9; deze relaties leest versie 1",
            "cannot import {f}: this export has version 9; this relaties reads version 1",
        ),
        (
            write("colour.json", colour.to_string()),
            "kan {f} niet importeren: record 1: onbekend veld `colour` bij regel 1, kolom {col}",
            "cannot import {f}: record 1: unknown field `colour`, expected one of `id`, `uuid`, \
             `name`, `contact`, `email`, `phone`, `since`, `tags`, `cadence`, `note`, \
             `archived`, `forgotten`, `recorded_at`, `recorded_by` at line 1 column {col}",
        ),
    ];
    // Into a new ledger (where ids are kept and every record is checked), and nothing made.
    let fresh = Ledger::new();
    for (f, nl, en) in cases {
        let args = ["import", f.as_str()];
        // serde's column, the same in both languages.
        let en_said = fails(&fresh, "en", &[], &args, 1);
        let col = en_said.rsplit(" column ").next().unwrap_or_default();
        assert_eq!(en_said, en.replace("{f}", &f).replace("{col}", col));
        let nl_said = fails(&fresh, "nl", &[], &args, 1);
        assert_eq!(nl_said, nl.replace("{f}", &f).replace("{col}", col));
        assert!(!fresh.path.exists());
    }
}

/// What `relaties --lang LANG --db DB contact list` shows on a pseudo-terminal (util-linux
/// `script`); None (after `support::skip`, which fails under CI=true) without `script`.
fn contact_list_on_terminal(test: &str, l: &Ledger, lang: &str) -> Option<String> {
    if !crate::support::have("script") {
        crate::support::skip(
            test,
            "no util-linux `script` (Debian: bsdutils) to give the binary a pseudo-terminal",
        );
        return None;
    }
    let out = std::process::Command::new("script")
        .args(["--quiet", "--return", "--command"])
        .arg(r#"exec "$RELATIES_TEST_BIN" --lang "$RELATIES_TEST_LANG" --db "$RELATIES_TEST_DB" contact list"#)
        .arg("/dev/null")
        .env("SHELL", "/bin/sh")
        .env("RELATIES_TEST_BIN", env!("CARGO_BIN_EXE_relaties"))
        .env("RELATIES_TEST_DB", &l.path)
        .env("RELATIES_TEST_LANG", lang)
        .env_remove("RELATIES_DB")
        .env("RUST_BACKTRACE", "1")
        .env("HOME", "/nonexistent-home-for-tests")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("script runs");
    assert!(out.status.success(), "{out:?}");
    Some(String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n"))
}

#[test]
fn no_contact_persons_yet_is_said_in_dutch_on_a_terminal() {
    let test = "no_contact_persons_yet_is_said_in_dutch_on_a_terminal";
    let l = acme();
    let Some(nl) = contact_list_on_terminal(test, &l, "nl") else {
        return;
    };
    assert_eq!(
        nl,
        "nog geen contactpersonen; voeg er een toe met `relaties contact add KLANT NAAM`\n"
    );
    let en = contact_list_on_terminal(test, &l, "en").expect("script ran before");
    assert_eq!(
        en,
        "no contact persons yet; add one with `relaties contact add CLIENT NAME`\n"
    );
}

/// `acme()` with `sql` run on its file, as a hand edit would.
fn edited(sql: &str) -> Ledger {
    let l = acme();
    rusqlite::Connection::open(&l.path)
        .unwrap()
        .execute_batch(sql)
        .unwrap();
    l
}

#[test]
fn a_hand_edited_value_is_said_in_dutch() {
    let cases = [
        (
            "UPDATE clients SET name = x'00ff'",
            &["client", "list"][..],
            "kan de klanten niet lezen: kolom name bevat een waarde van de verkeerde soort",
            "cannot read the clients: Invalid column type Blob at index: 1, name: name",
        ),
        (
            "UPDATE entries SET facts = x'00'",
            &["report"][..],
            "kan een regel niet lezen: regel #1 heeft beschadigde gegevens; voer `relaties \
             doctor` uit",
            "cannot read an entry: Conversion error from type Text at index: 2, entry #1 has \
             damaged facts; run `relaties doctor`: entry #1 has damaged facts; run `relaties \
             doctor`",
        ),
        (
            "UPDATE entries SET date = '2026-02-31'",
            &["timeline"][..],
            "kan de regels niet lezen: ongeldige datum \"2026-02-31\" in het grootboek",
            "cannot read the entries: Conversion error from type Text at index: 0, bad date \
             \"2026-02-31\" in the ledger: bad date \"2026-02-31\" in the ledger",
        ),
    ];
    for (sql, args, nl, en) in cases {
        let l = edited(sql);
        assert_eq!(fails(&l, "nl", &[], args, 1), nl, "{sql}");
        assert_eq!(fails(&l, "en", &[], args, 1), en, "{sql}");
    }
    // The same, met while an export streams the entries into a file.
    let l = edited("UPDATE entries SET date = '2026-02-31'");
    let out = l.dir.path().join("out.json");
    let args = ["export", "-o", out.to_str().unwrap()];
    assert_eq!(
        fails(&l, "nl", &[], &args, 1),
        format!(
            "kan {} niet schrijven: kan een regel niet lezen: ongeldige datum \"2026-02-31\" in \
             het grootboek",
            out.display()
        )
    );
    assert_eq!(
        fails(&l, "en", &[], &args, 1),
        format!(
            "cannot write {}: cannot read an entry: Conversion error from type Text at index: 0, \
             bad date \"2026-02-31\" in the ledger: bad date \"2026-02-31\" in the ledger",
            out.display()
        )
    );
    assert!(!out.exists());
}

#[test]
fn an_erased_past_and_an_undone_contact_are_worded_in_dutch() {
    let l = acme();
    l.ok(&["contact", "add", "ACME", "Kees"]);
    let r = run_in(&l, "nl", &[], &["undo"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.starts_with(
            "ongedaan gemaakt: contactpersoon toegevoegd: #1 Kees bij ACME B.V. (gedaan op "
        ),
        "{}",
        r.stdout
    );
    l.ok(&["contact", "add", "ACME", "Kees"]);
    let r = run_in(&l, "en", &[], &["undo"]);
    assert!(
        r.stdout
            .starts_with("undid: added contact #2 Kees at ACME B.V. (at "),
        "{}",
        r.stdout
    );

    l.ok(&["client", "forget", "ACME", "--yes"]);
    let nl = fails(&l, "nl", &[], &["undo"], 1);
    assert!(
        nl.starts_with("kan niet ongedaan maken: de laatste wijziging (klant #1 voorgoed gewist (client forget), "),
        "{nl}"
    );
    let en = fails(&l, "en", &[], &["undo"], 1);
    assert!(
        en.starts_with("cannot undo: the last change (client #1 erased (client forget), "),
        "{en}"
    );
}

#[test]
fn an_amount_too_large_says_its_limit_in_dutch() {
    let l = acme();
    let args = ["log-gift", "ACME", "Car", "--cost", "99999999999999"];
    let nl = fails(&l, "nl", &[], &args, 2);
    assert!(
        nl.contains(": te groot (hoogstens 10.000.000,00) ("),
        "{nl}"
    );
    let en = fails(&l, "en", &[], &args, 2);
    assert!(en.contains(": too large (at most 10,000,000.00) ("), "{en}");
}

#[test]
fn a_shared_wal_file_is_refused_in_dutch() {
    use std::os::unix::fs::PermissionsExt;
    let l = acme();
    let wal = format!("{}-wal", l.path.display());
    assert!(fs::metadata(&wal).is_err(), "the ledger left a -wal file");
    fs::write(&wal, "").unwrap();
    fs::set_permissions(&wal, fs::Permissions::from_mode(0o644)).unwrap();
    let args = ["client", "add", "Kees"];
    assert_eq!(
        fails(&l, "nl", &[], &args, 1),
        format!(
            "relaties schrijft niet in het grootboek: {wal} hoort erbij maar anderen mogen het \
             lezen of schrijven (modus 644); voer `chmod 600 {wal}` uit, of verwijder het als er \
             geen relaties draait"
        )
    );
    assert_eq!(
        fails(&l, "en", &[], &args, 1),
        format!(
            "refusing to write the ledger: {wal} is part of it but others may read or write it \
             (mode 644); run `chmod 600 {wal}`, or remove it when no relaties is running"
        )
    );
}
