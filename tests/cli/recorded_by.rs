//! Who made each entry and client change (`recorded_by`): on SQLite the operating-system
//! user, or `RELATIES_USER` (what these tests use to be two people). Shown in `timeline` when
//! more than one person recorded what it lists, always in `client show`; in `--json`, the
//! pipe output, the exports and imports; put back by `undo`; unknown for the rows of a ledger
//! from before (schema version 4).

use std::ffi::OsStr;
use std::path::Path;

use serde_json::{Value, json};

use crate::screens::{assert_fits, screen};
use crate::support::{Ledger, Run, USER, is_root, relaties, skip, tsv};

/// Runs as `user` (RELATIES_USER).
fn as_user(l: &Ledger, user: &str, args: &[&str]) -> Run {
    let r = l.run_env(true, &[("RELATIES_USER", OsStr::new(user))], args);
    assert_eq!(r.code, 0, "{args:?} as {user}: {}", r.stderr);
    r
}

/// A ledger in which anna (the tests' default user) added ACME and recorded a gift, and bob
/// recorded a compliment: (gift id, compliment id).
fn two_people() -> (Ledger, i64, i64) {
    let l = Ledger::new();
    l.client("ACME");
    let gift = l.entry(&["log-gift", "ACME", "Wine box", "--date", "2026-11-02"]);
    let r = as_user(
        &l,
        "bob",
        &[
            "log-compliment",
            "ACME",
            "Great call",
            "--date",
            "2026-11-03",
            "--json",
        ],
    );
    let v: Value = serde_json::from_str(&r.stdout).expect("json");
    assert_eq!(v["recorded_by"], "bob", "{v}");
    (l, gift, v["id"].as_i64().expect("id"))
}

/// The names in the last column of a tab-separated output, header first.
fn last_column(out: &str) -> Vec<String> {
    tsv(out)
        .into_iter()
        .map(|r| r.last().cloned().unwrap_or_default())
        .collect()
}

#[test]
fn timeline_shows_who_only_when_more_than_one_person_recorded_what_it_lists() {
    let (l, _, _) = two_people();
    // A pipe always has the column, last, so that scripts cutting by position keep working.
    let piped = l.ok(&["timeline"]);
    assert_eq!(last_column(&piped), ["by", "bob", "anna"], "{piped}");
    assert_eq!(
        tsv(&piped)[0],
        ["id", "date", "client", "kind", "what", "by"]
    );
    // JSON: always, on every entry.
    let names: Vec<Value> = l
        .timeline()
        .iter()
        .map(|e| e["recorded_by"].clone())
        .collect();
    assert_eq!(names, [json!("bob"), json!("anna")]);

    let Some(both) = screen(&l.path, 80, &["timeline"], false) else {
        return;
    };
    let header = both.lines().nth(1).expect("a header line");
    assert!(header.contains("┆ by"), "{both}");
    assert!(both.contains("bob") && both.contains("anna"), "{both}");
    // Only anna's gift: one person, no column.
    let one = screen(&l.path, 80, &["timeline", "--kind", "gift"], false).expect("screen");
    assert!(one.contains("Wine box"), "{one}");
    assert!(!one.contains("┆ by") && !one.contains("anna"), "{one}");
    // In Dutch the column is `door`.
    let nl = screen(&l.path, 80, &["--lang", "nl", "timeline"], false).expect("screen");
    assert!(
        nl.lines().nth(1).expect("header").contains("┆ door"),
        "{nl}"
    );
    // The screen rules hold with the extra column, down to a narrow terminal.
    for cols in [40, 50, 60, 80, 120] {
        let out = screen(&l.path, cols, &["timeline"], false).expect("screen");
        assert_fits("timeline by", cols, &out);
        for w in ["2026-11-02", "2026-11-03", "compliment"] {
            assert!(out.contains(w), "{w} split at {cols}:\n{out}");
        }
    }
}

#[test]
fn a_freelancer_alone_gets_no_column_on_a_screen() {
    let l = Ledger::new();
    l.client("ACME");
    l.ok(&["log-gift", "ACME", "Wine box", "--date", "2026-11-02"]);
    l.ok(&["log-touch", "ACME", "--date", "2026-11-03"]);
    let Some(out) = screen(&l.path, 80, &["timeline"], false) else {
        return;
    };
    assert!(!out.contains(USER), "{out}");
    assert!(!out.contains("┆ by"), "{out}");
    // A pipe still says who.
    assert_eq!(last_column(&l.ok(&["timeline"])), ["by", USER, USER]);
}

#[test]
fn every_change_records_who_made_it_and_undo_puts_the_maker_back() {
    let (l, gift, _) = two_people();
    let g = gift.to_string();
    // Each change is recorded as made by whoever made it last.
    let before = l.dump();
    as_user(&l, "carol", &["edit", &g, "--description", "Cheese"]);
    assert_eq!(l.entry_json(gift)["recorded_by"], "carol");
    as_user(&l, "dave", &["void", &g, "--reason", "oops"]);
    assert_eq!(l.entry_json(gift)["recorded_by"], "dave");
    let p = l.promise("ACME", "Proposal", "2026-12-10", "2026-11-04");
    as_user(
        &l,
        "bob",
        &["deliver", &p.to_string(), "--date", "2026-11-05"],
    );
    assert_eq!(l.entry_json(p)["recorded_by"], "bob");
    // Undo (whoever runs it) puts the row back as it was, its maker included.
    as_user(&l, "erik", &["undo"]);
    assert_eq!(l.entry_json(p)["recorded_by"], USER);
    as_user(&l, "erik", &["undo"]);
    as_user(&l, "erik", &["undo"]);
    assert_eq!(l.entry_json(gift)["recorded_by"], "carol");
    as_user(&l, "erik", &["undo"]);
    assert_eq!(l.entry_json(gift)["recorded_by"], USER);
    assert_eq!(l.dump(), before);

    // Clients: who added it, then who changed it last.
    let c = &l.json(&["client", "show", "ACME"])["client"];
    assert_eq!(c["recorded_by"], USER);
    as_user(
        &l,
        "bob",
        &["client", "edit", "ACME", "--note", "Pays late"],
    );
    assert_eq!(
        l.json(&["client", "show", "ACME"])["client"]["recorded_by"],
        "bob"
    );
    let card = l.ok(&["client", "show", "ACME"]);
    assert!(card.contains("changed by  bob"), "{card}");
    as_user(&l, "carol", &["client", "archive", "ACME"]);
    let listed = &l.json(&["client", "list", "--all"])[0];
    assert_eq!(listed["recorded_by"], "carol", "{listed}");
    as_user(&l, "erik", &["undo"]);
    as_user(&l, "erik", &["undo"]);
    assert_eq!(
        l.json(&["client", "show", "ACME"])["client"]["recorded_by"],
        USER
    );
    assert_eq!(l.dump(), before);
}

#[test]
fn client_show_always_says_who_changed_the_client() {
    let l = Ledger::new();
    l.client("ACME");
    let Some(out) = screen(&l.path, 80, &["client", "show", "ACME"], false) else {
        return;
    };
    assert!(out.contains("  changed by  anna"), "{out}");
    let nl = screen(
        &l.path,
        80,
        &["--lang", "nl", "client", "show", "ACME"],
        false,
    )
    .expect("screen");
    assert!(nl.contains("  gewijzigd door  anna"), "{nl}");
}

/// Runs `c` (the binary, its environment set) to add client `C{i}` to `l`; the client as JSON.
fn client_added(mut c: assert_cmd::Command, l: &Ledger, i: usize) -> Value {
    let r: Run = c
        .arg("--db")
        .arg(&l.path)
        .args(["client", "add", &format!("C{i}"), "--json"])
        .output()
        .expect("runs")
        .into();
    assert_eq!(r.code, 0, "{}", r.stderr);
    serde_json::from_str(&r.stdout).expect("json")
}

#[test]
fn the_operating_system_user_is_recorded_without_the_override() {
    let l = Ledger::new();
    let login = std::process::Command::new("id")
        .arg("-un")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
    let Some(login) = login else {
        skip(
            "recorded_by",
            "`id -un` (coreutils) is needed to know the user's name",
        );
        return;
    };
    for (i, unset) in [None, Some(""), Some("two\nlines")].into_iter().enumerate() {
        let mut c = relaties();
        // Without the session's names the system's user database is asked.
        c.env_remove("LOGNAME").env_remove("USER");
        match unset {
            None => c.env_remove("RELATIES_USER"),
            // Not a name: ignored, never a failed write.
            Some(v) => c.env("RELATIES_USER", v),
        };
        let v = client_added(c, &l, i);
        assert_eq!(v["recorded_by"], login.as_str(), "RELATIES_USER={unset:?}");
    }
}

/// The session's login name (LOGNAME, else USER, as login, sshd, su and sudo set them) is who
/// writes, when RELATIES_USER does not say otherwise; a value that is not a name is passed over.
#[test]
fn the_sessions_login_name_is_recorded() {
    let l = Ledger::new();
    let cases: [(&[(&str, &str)], &str); 4] = [
        (&[("LOGNAME", "jan"), ("USER", "piet")], "jan"),
        (&[("LOGNAME", ""), ("USER", "piet")], "piet"),
        (&[("LOGNAME", "two\nlines"), ("USER", "piet")], "piet"),
        (
            &[
                ("LOGNAME", "jan"),
                ("USER", "piet"),
                ("RELATIES_USER", "anna"),
            ],
            "anna",
        ),
    ];
    for (i, (vars, who)) in cases.into_iter().enumerate() {
        let mut c = relaties();
        c.env_remove("RELATIES_USER")
            .env_remove("LOGNAME")
            .env_remove("USER");
        for (k, v) in vars {
            c.env(k, v);
        }
        let v = client_added(c, &l, i);
        assert_eq!(v["recorded_by"], *who, "{vars:?}");
    }
}

#[test]
fn a_user_without_a_name_is_recorded_by_number() {
    if !is_root() {
        skip(
            "recorded_by",
            "running as a user without a name needs root (setpriv)",
        );
        return;
    }
    if !crate::support::have("setpriv") {
        skip(
            "recorded_by",
            "running as another user needs setpriv (util-linux)",
        );
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o777)).expect("chmod");
    let db = dir.path().join("ledger.db");
    // 54321 has no passwd entry on any ordinary system (a container's arbitrary user).
    let out = std::process::Command::new("setpriv")
        .args(["--reuid=54321", "--regid=54321", "--clear-groups"])
        .arg(env!("CARGO_BIN_EXE_relaties"))
        .env_remove("RELATIES_USER")
        .env_remove("LOGNAME")
        .env_remove("USER")
        .env_remove("RELATIES_DB")
        .env("HOME", "/nonexistent-home-for-tests")
        .env("RUST_BACKTRACE", "1")
        .arg("--db")
        .arg(&db)
        .args(["client", "add", "ACME", "--json"])
        .current_dir("/")
        .output()
        .expect("runs");
    let r: Run = out.into();
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: Value = serde_json::from_str(&r.stdout).expect("json");
    assert_eq!(v["recorded_by"], "54321", "{v}");
}

/// The export with every `recorded_by` key taken out (a document from before them).
fn without_recorded_by(doc: &str) -> String {
    let mut v: Value = serde_json::from_str(doc).expect("json");
    for list in ["clients", "entries"] {
        for r in v[list].as_array_mut().expect("list") {
            r.as_object_mut().expect("object").remove("recorded_by");
        }
    }
    serde_json::to_string_pretty(&v).expect("json")
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).expect("write");
    p.to_string_lossy().into_owned()
}

#[test]
fn export_and_import_carry_who_recorded_what() {
    let (l, gift, compliment) = two_people();
    let doc = l.ok(&["export"]);
    let v: Value = serde_json::from_str(&doc).expect("json");
    assert_eq!(v["clients"][0]["recorded_by"], USER);
    let by_id = |id: i64| {
        v["entries"]
            .as_array()
            .expect("entries")
            .iter()
            .find(|e| e["id"] == id)
            .map(|e| e["recorded_by"].clone())
    };
    assert_eq!(by_id(gift), Some(json!("anna")));
    assert_eq!(by_id(compliment), Some(json!("bob")));

    // Imported by carol: each record keeps who made it, and the export is the same again.
    let file = write(l.dir.path(), "ledger.json", &doc);
    let m = Ledger::new();
    as_user(&m, "carol", &["import", &file]);
    assert_eq!(m.ok(&["export"]), doc);
    assert_eq!(last_column(&m.ok(&["timeline"])), ["by", "bob", "anna"]);

    // Merged into a ledger that has other clients: the same.
    let n = Ledger::new();
    n.client("Other");
    as_user(&n, "carol", &["import", &file]);
    let names: Vec<Value> = n
        .timeline()
        .iter()
        .map(|e| e["recorded_by"].clone())
        .collect();
    assert_eq!(names, [json!("bob"), json!("anna")]);
    assert_eq!(
        n.json(&["client", "show", "ACME"])["client"]["recorded_by"],
        USER
    );
    // Importing it again: the same records, whoever imports them, are already present.
    let again = as_user(&n, "dave", &["import", &file]);
    assert!(again.stdout.contains("already present"), "{}", again.stdout);

    // A document without them (from before): not known, not the importer.
    let old = write(l.dir.path(), "old.json", &without_recorded_by(&doc));
    let o = Ledger::new();
    as_user(&o, "carol", &["import", &old]);
    for e in o.timeline() {
        assert_eq!(e["recorded_by"], Value::Null, "{e}");
    }
    assert_eq!(
        o.json(&["client", "show", "ACME"])["client"]["recorded_by"],
        Value::Null
    );
    let v: Value = serde_json::from_str(&o.ok(&["export"])).expect("json");
    assert_eq!(
        v["entries"][0]["recorded_by"],
        Value::Null,
        "null, not absent"
    );
    assert_eq!(
        v["clients"][0]["recorded_by"],
        Value::Null,
        "null, not absent"
    );

    // A name that could drive a terminal is refused, and nothing is imported.
    let bad = doc.replacen(
        "\"recorded_by\": \"bob\"",
        "\"recorded_by\": \"bob\\u001b[2J\"",
        1,
    );
    assert_ne!(bad, doc);
    let bad = write(l.dir.path(), "bad.json", &bad);
    let p = Ledger::new();
    let err = p.fails(&["import", &bad], 1);
    assert!(err.contains("recorded_by"), "{err}");
    assert!(!p.path.exists() || p.query("SELECT count(*) FROM entries") == [["0"]]);
}

#[test]
fn the_csv_export_of_entries_ends_with_who_recorded_them() {
    let (l, _, _) = two_people();
    let out = l.ok(&["export", "--format", "csv"]);
    let mut rows = csv::Reader::from_reader(out.as_bytes());
    let header = rows.headers().expect("header").clone();
    assert_eq!(header.iter().next_back(), Some("recorded_by"));
    let names: Vec<String> = rows
        .records()
        .map(|r| {
            r.expect("row")
                .iter()
                .next_back()
                .unwrap_or_default()
                .to_string()
        })
        .collect();
    assert_eq!(names, ["anna", "bob"]);
}

#[test]
fn a_version_4_ledger_upgrades_and_shows_who_as_unknown() {
    let l = Ledger::new();
    l.client("ACME");
    l.ok(&["log-gift", "ACME", "Wine box", "--date", "2026-11-02"]);
    // Back to version 4: as that release left it, without the columns.
    {
        let conn = rusqlite::Connection::open(&l.path).expect("open");
        conn.execute_batch(
            "ALTER TABLE entries DROP COLUMN recorded_by;
             ALTER TABLE clients DROP COLUMN recorded_by;
             PRAGMA user_version = 4;",
        )
        .expect("downgrade");
    }
    // Any writing command upgrades it; the rows it had are by nobody known.
    as_user(&l, "bob", &["doctor"]);
    assert_eq!(l.query("PRAGMA user_version"), [["5"]]);
    let e = &l.timeline()[0];
    assert_eq!(e["recorded_by"], Value::Null, "{e}");
    let card = l.ok(&["client", "show", "ACME"]);
    assert!(card.contains("changed by  unknown"), "{card}");
    let piped = l.ok(&["timeline"]);
    assert_eq!(last_column(&piped), ["by", ""], "{piped}");
    // One person known: still no column on a screen; two: the old entry says unknown.
    as_user(&l, "bob", &["log-touch", "ACME", "--date", "2026-11-03"]);
    if let Some(out) = screen(&l.path, 80, &["timeline"], false) {
        assert!(!out.contains("┆ by"), "{out}");
        as_user(&l, "carol", &["log-touch", "ACME", "--date", "2026-11-04"]);
        let out = screen(&l.path, 80, &["timeline"], false).expect("screen");
        assert!(out.contains("┆ by"), "{out}");
        assert!(
            out.lines()
                .any(|r| r.contains("Wine box") && r.contains("unknown")),
            "{out}"
        );
        let nl = screen(&l.path, 80, &["--lang", "nl", "timeline"], false).expect("screen");
        assert!(nl.contains("onbekend"), "{nl}");
    }
}
