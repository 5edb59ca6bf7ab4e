//! Imports that can be repeated: every client and entry has a lasting identity (uuid) that
//! export writes and import reads; records already in the ledger are not added again, and a
//! record that differs is a conflict.

use crate::support::Ledger;

fn s(p: &std::path::Path) -> &str {
    p.to_str().expect("utf-8")
}

/// A ledger with two clients and a few entries, and its JSON export in a file.
fn ledger_and_export() -> (Ledger, std::path::PathBuf) {
    let l = Ledger::new();
    l.ok(&["client", "add", "ACME B.V.", "--email", "jan@acme.nl"]);
    l.client("Café de Zon");
    l.ok(&[
        "log-gift",
        "acme",
        "Wine box",
        "--cost",
        "45,50",
        "--date",
        "2026-03-01",
    ]);
    l.ok(&[
        "log-compliment",
        "zon",
        "Lovely menu",
        "--date",
        "2026-03-02",
    ]);
    l.promise("acme", "Site live", "2026-04-01", "2026-03-03");
    let path = l.dir.path().join("export.json");
    l.ok(&["export", "-o", s(&path)]);
    (l, path)
}

#[test]
fn every_client_and_entry_is_exported_with_a_uuid() {
    let (_l, path) = ledger_and_export();
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("json");
    let mut seen = std::collections::HashSet::new();
    for rec in doc["clients"]
        .as_array()
        .expect("clients")
        .iter()
        .chain(doc["entries"].as_array().expect("entries"))
    {
        let u = rec["uuid"].as_str().expect("uuid");
        assert_eq!(u.len(), 36, "{u}");
        assert_eq!(&u[14..15], "4", "a version 4 UUID: {u}");
        assert!(seen.insert(u.to_string()), "{u} twice");
    }
    assert_eq!(seen.len(), 5);
}

#[test]
fn importing_a_ledgers_export_into_itself_changes_nothing() {
    let (l, path) = ledger_and_export();
    let before = l.dump();
    let bytes = std::fs::read(&l.path).expect("read");
    let out = l.ok(&["import", s(&path)]);
    assert_eq!(out, "0 new clients, 0 new entries, 5 already present\n");
    assert_eq!(l.dump(), before);
    assert_eq!(
        std::fs::read(&l.path).expect("read"),
        bytes,
        "the file changed"
    );
    let v = l.json(&["import", s(&path)]);
    assert_eq!(v["clients_present"], 2);
    assert_eq!(v["entries_present"], 3);
    assert_eq!(v["entries_added"], 0);
    assert_eq!(v["conflicts"], serde_json::json!([]));
}

#[test]
fn a_second_import_elsewhere_adds_nothing_and_scores_stay() {
    let (_l, path) = ledger_and_export();
    let other = Ledger::new();
    other.client("Bakkerij");
    let first = other.ok(&["import", s(&path)]);
    assert_eq!(
        first.lines().next(),
        Some("2 new clients, 3 new entries, 0 already present")
    );
    let scores = other.ok(&["score", "--as-of", "2026-04-10", "--json"]);
    let dump = other.dump();
    let again = other.ok(&["import", s(&path)]);
    assert_eq!(again, "0 new clients, 0 new entries, 5 already present\n");
    assert_eq!(other.dump(), dump);
    assert_eq!(
        other.ok(&["score", "--as-of", "2026-04-10", "--json"]),
        scores
    );
}

#[test]
fn a_record_that_differs_is_a_conflict_listed_and_nothing_is_imported() {
    let (l, path) = ledger_and_export();
    l.ok(&["client", "edit", "acme", "--email", "inkoop@acme.nl"]);
    l.ok(&["edit", "1", "--note", "with a card"]);
    let before = l.dump();
    let err = l.fails(&["import", s(&path)], 1);
    assert!(
        err.contains("2 records in the file differ from the ledger's")
            && err.contains("client #1 ACME B.V. (email)")
            && err.contains("entry #1 gift (note)")
            && err.contains("--on-conflict"),
        "{err}"
    );
    assert_eq!(l.dump(), before);
    // A dry run says the same.
    let err = l.fails(&["import", s(&path), "--dry-run"], 1);
    assert!(err.contains("client #1 ACME B.V. (email)"), "{err}");
    // Keep: the ledger's stay.
    let out = l.ok(&["import", s(&path), "--on-conflict", "keep"]);
    assert_eq!(
        out,
        "0 new clients, 0 new entries, 3 already present\n\
         2 records in the file differed from the ledger's: kept the ledger's\n"
    );
    assert_eq!(l.dump(), before);
    // Replace: the file's win, and undo takes that back.
    let v = l.json(&["import", s(&path), "--on-conflict", "replace", "--dry-run"]);
    assert_eq!(v["conflicts"].as_array().map(Vec::len), Some(2));
    assert_eq!(l.dump(), before);
    l.ok(&["import", s(&path), "--on-conflict", "replace"]);
    assert_eq!(
        l.json(&["client", "show", "acme"])["client"]["email"],
        "jan@acme.nl"
    );
    assert_eq!(l.entry_json(1)["note"], serde_json::Value::Null);
    l.ok(&["undo"]);
    assert_eq!(l.dump(), before);
}

#[test]
fn people_and_whom_a_gift_was_for_go_through_export_and_import_losslessly() {
    let l = Ledger::new();
    l.client("ACME B.V.");
    l.ok(&[
        "contact",
        "add",
        "acme",
        "Jan de Vries",
        "--role",
        "inkoper",
        "--email",
        "jan@acme.nl",
        "--email",
        "jan@gmail.com",
        "--phone",
        "020 1234567",
        "--birthday",
        "1980-12-05",
        "--note",
        "tea, not coffee",
    ]);
    l.ok(&["contact", "add", "acme", "Els", "--birthday", "5-3"]);
    l.ok(&[
        "log-gift",
        "acme",
        "Boek",
        "--for-contact",
        "jan",
        "--date",
        "2026-11-28",
    ]);
    let first = l.ok(&["export"]);
    let doc: serde_json::Value = serde_json::from_str(&first).expect("json");
    assert_eq!(doc["people"].as_array().map(Vec::len), Some(2));
    assert_eq!(doc["entries"][0]["for_person"], doc["people"][1]["id"]);
    // Into an empty ledger and out again: the same bytes.
    let b = Ledger::new();
    let path = b.dir.path().join("l.json");
    std::fs::write(&path, &first).expect("write");
    let out = b.ok(&["import", s(&path)]);
    assert!(out.contains("2 new people"), "{out}");
    assert_eq!(b.ok(&["export"]), first);
    // Again: nothing new.
    let again = b.ok(&["import", s(&path)]);
    // One client, two people, one entry.
    assert_eq!(again, "0 new clients, 0 new entries, 4 already present\n");
    // A person changed since: a conflict.
    b.ok(&["contact", "edit", "1", "--role", "directeur"]);
    let err = b.fails(&["import", s(&path)], 1);
    assert!(err.contains("person #1 Jan de Vries (role)"), "{err}");
}
