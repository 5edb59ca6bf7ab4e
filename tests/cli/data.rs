//! Data in and out: export (json, csv, ics, hledger), import (json, csv, vcf), backup,
//! completions and the man page — the formats of docs/EXPORT.md read back independently.

use std::collections::BTreeSet;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use chrono::{Datelike, Days, NaiveDate};
use serde_json::Value;

use crate::support::{Ledger, Run, assert_failed, dump, relaties};

// ---- helpers ----

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

/// Writes `text` to a file named `name` in the ledger's folder.
fn file(l: &Ledger, name: &str, text: &str) -> PathBuf {
    let p = l.dir.path().join(name);
    std::fs::write(&p, text).unwrap();
    p
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Runs with `input` on standard input.
fn run_stdin(l: &Ledger, args: &[&str], input: &str) -> Run {
    relaties()
        .arg("--db")
        .arg(&l.path)
        .args(args)
        .write_stdin(input.as_bytes().to_vec())
        .output()
        .unwrap()
        .into()
}

/// Names of the clients (archived included), by id.
fn client_names(l: &Ledger) -> Vec<String> {
    l.query("SELECT name FROM clients ORDER BY id")
        .into_iter()
        .map(|r| r[0].clone())
        .collect()
}

fn count(path: &Path, sql: &str) -> i64 {
    let conn =
        rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

fn integrity(path: &Path) -> String {
    let conn =
        rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

/// Ids of a rich ledger's notable entries.
struct Rich {
    open: i64,
    rescheduled_open: i64,
    kept: i64,
    missed: i64,
    void_gift: i64,
    void_promise: i64,
}

/// A ledger with every kind of entry, reschedules, void entries, an archived client, an
/// anonymized client and some settings.
fn rich(l: &Ledger) -> Rich {
    l.ok(&[
        "client",
        "add",
        "ACME B.V.",
        "--contact",
        "Piet Jansen",
        "--email",
        "piet@acme.nl",
        "--phone",
        "+31 20 123 4567",
        "--since",
        "2024-03-10",
        "--tag",
        "key",
        "--tag",
        "nl",
        "--cadence",
        "30",
        "--note",
        "Main account, \"big\"",
    ]);
    l.ok(&["client", "add", "Café de Zon", "--since", "2025-06-01"]);
    l.ok(&["client", "add", "Old Corp", "--since", "2023-09-09"]);
    l.ok(&[
        "client",
        "add",
        "Gone Ltd",
        "--email",
        "x@gone.nl",
        "--since",
        "2024-05-05",
    ]);

    let g = |args: &[&str]| l.entry(args);
    g(&[
        "log-gift",
        "ACME",
        "Wine box",
        "--occasion",
        "holiday",
        "--cost",
        "45.50",
        "--date",
        "2026-01-20",
        "--note",
        "for the team",
    ]);
    g(&[
        "log-gift",
        "Café",
        "Flowers",
        "--cost",
        "20",
        "--currency",
        "USD",
        "--date",
        "2026-01-25",
    ]);
    g(&["log-gift", "ACME", "Card", "--date", "2026-01-26"]);
    g(&[
        "log-gift",
        "ACME",
        "Big hamper",
        "--cost",
        "1234.50",
        "--occasion",
        "thanks",
        "--date",
        "2026-02-01",
    ]);
    g(&[
        "log-compliment",
        "ACME",
        "Great launch",
        "--for",
        "the release",
        "--date",
        "2026-02-03",
    ]);
    g(&[
        "log-milestone",
        "Café",
        "10 years open",
        "--date",
        "2026-02-10",
    ]);
    g(&[
        "log-touch",
        "ACME",
        "Call",
        "--channel",
        "call",
        "--energy",
        "4",
        "--proactive",
        "--date",
        "2026-02-12",
    ]);
    let kept = l.promise("ACME", "Report", "2026-03-01", "2026-02-01");
    let k = kept.to_string();
    l.ok(&[
        "reschedule",
        &k,
        "--due",
        "2026-03-15",
        "--agreed",
        "--date",
        "2026-02-20",
    ]);
    l.ok(&[
        "reschedule",
        &k,
        "--due",
        "2026-03-20",
        "--date",
        "2026-03-10",
    ]);
    l.ok(&["deliver", &k, "--date", "2026-03-18", "--quality", "4"]);
    let missed = l.promise("Café", "Menu", "2026-04-01", "2026-03-01");
    l.ok(&[
        "miss",
        &missed.to_string(),
        "--reason",
        "ill",
        "--date",
        "2026-04-02",
    ]);
    let open = l.promise("ACME", "Open thing", "2026-06-01", "2026-05-01");
    let rescheduled_open = g(&[
        "promise",
        "Café",
        "Quote",
        "--due",
        "2026-07-01",
        "--date",
        "2026-06-01",
        "--note",
        "call first",
    ]);
    l.ok(&[
        "reschedule",
        &rescheduled_open.to_string(),
        "--due",
        "2026-08-15",
        "--date",
        "2026-06-20",
    ]);
    let inc = g(&[
        "log-incident",
        "ACME",
        "Outage",
        "--cause",
        "own",
        "--severity",
        "major",
        "--date",
        "2026-04-10",
        "--informed",
        "2026-04-10",
        "--explained",
        "--solution",
        "patched",
    ]);
    l.ok(&["resolve", &inc.to_string(), "--date", "2026-04-12"]);
    let inc2 = g(&[
        "log-incident",
        "Café",
        "Late delivery",
        "--cause",
        "third-party",
        "--severity",
        "minor",
        "--date",
        "2026-05-01",
    ]);
    l.ok(&[
        "inform",
        &inc2.to_string(),
        "--date",
        "2026-05-02",
        "--explained",
    ]);
    let void_gift = g(&[
        "log-gift",
        "ACME",
        "Mistake",
        "--cost",
        "10",
        "--date",
        "2026-05-05",
    ]);
    l.ok(&["void", &void_gift.to_string(), "--reason", "typo"]);
    let void_promise = l.promise("ACME", "Voided", "2026-06-10", "2026-05-06");
    l.ok(&["void", &void_promise.to_string()]);
    g(&["log-touch", "Old Corp", "Goodbye", "--date", "2026-01-05"]);
    l.promise("Old Corp", "Old promise", "2026-02-01", "2026-01-05");
    l.ok(&["client", "archive", "Old Corp"]);
    g(&[
        "log-gift",
        "Gone",
        "Secret",
        "--cost",
        "30",
        "--date",
        "2026-01-08",
        "--note",
        "private",
    ]);
    l.ok(&["client", "forget", "Gone Ltd", "--anonymize", "--yes"]);

    l.ok(&["config", "set", "weight.trust", "2"]);
    l.ok(&["config", "set", "hledger.account", "assets:checking"]);
    l.ok(&["config", "set", "gift.yearly_budget", "300"]);
    l.ok(&[
        "config",
        "set",
        "occasions",
        "Sinterklaas 5 dec, Christmas 25-12, Koningsdag 04-27",
    ]);
    Rich {
        open,
        rescheduled_open,
        kept,
        missed,
        void_gift,
        void_promise,
    }
}

// ---- JSON ----

#[test]
fn json_round_trip_through_an_empty_ledger_is_byte_identical() {
    let a = Ledger::new();
    rich(&a);
    let first = a.ok(&["export"]);
    let doc: Value = serde_json::from_str(&first).unwrap();
    assert_eq!(doc["format"], "relaties-ledger");
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["settings"]["hledger.account"], "assets:checking");
    assert_eq!(doc["settings"]["weight.trust"], "2");
    assert!(
        doc["settings"].get("band.ok").is_none(),
        "defaults are not written"
    );
    let kinds: BTreeSet<&str> = doc["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        BTreeSet::from([
            "gift",
            "compliment",
            "milestone",
            "touch",
            "commitment",
            "incident"
        ])
    );
    let entries = doc["entries"].as_array().unwrap();
    assert!(entries.iter().any(|e| e["void"] == true));
    assert!(
        entries
            .iter()
            .any(|e| e["reschedules"].as_array().unwrap().len() == 2)
    );
    let clients = doc["clients"].as_array().unwrap();
    assert_eq!(clients.len(), 4);
    assert!(
        clients
            .iter()
            .any(|c| c["archived"] == true && c["forgotten"] == false)
    );
    assert!(clients.iter().any(|c| c["forgotten"] == true));
    // Every key is always present on every entry.
    let n = entries[0].as_object().unwrap().len();
    assert!(entries.iter().all(|e| e.as_object().unwrap().len() == n));

    let b = Ledger::new();
    let path = file(&b, "ledger.json", &first);
    let out = b.ok(&["import", s(&path)]);
    assert!(out.contains("4 new clients"), "{out}");
    let second = b.ok(&["export"]);
    assert_eq!(first, second, "export → import → export must be identical");
    // And the imported ledger scores the same.
    assert_eq!(
        a.json(&["score", "--as-of", "2026-11-01"]),
        b.json(&["score", "--as-of", "2026-11-01"])
    );
    assert_eq!(
        a.ok(&["config", "get", "hledger.account"]),
        b.ok(&["config", "get", "hledger.account"])
    );
}

#[test]
fn json_import_into_a_ledger_with_clients_merges_by_name() {
    let a = Ledger::new();
    a.client("ACME B.V.");
    a.entry(&["log-touch", "ACME", "Call", "--date", "2026-03-01"]);
    a.client("Solo");
    a.entry(&[
        "log-gift",
        "Solo",
        "Pen",
        "--cost",
        "5",
        "--date",
        "2026-03-02",
    ]);
    a.ok(&["config", "set", "hledger.account", "assets:cash"]);
    let doc = a.ok(&["export"]);

    let b = Ledger::new();
    b.client("Other");
    b.client("acme b.v.");
    b.entry(&["log-compliment", "acme", "Nice", "--date", "2026-02-01"]);
    let path = file(&b, "a.json", &doc);
    let out = b.ok(&["import", s(&path)]);
    assert!(out.contains("Solo"), "{out}");
    assert!(
        out.contains("acme b.v. (already in the ledger by that name)"),
        "{out}"
    );
    assert_eq!(client_names(&b), ["Other", "acme b.v.", "Solo"]);
    // The ACME touch went to the existing client, with a new id.
    let rows = b.query(
        "SELECT e.id, c.name FROM entries e JOIN clients c ON c.id = e.client_id ORDER BY e.id",
    );
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert_eq!(rows[0], ["1", "acme b.v."]);
    assert_eq!(rows[1][1], "acme b.v.");
    assert_eq!(rows[2][1], "Solo");
    assert!(rows[1][0] != "1" && rows[2][0] != "1");
    // Settings are left as they are.
    assert_eq!(
        b.ok(&["config", "get", "hledger.account"]).trim(),
        "assets:bank"
    );
}

#[test]
fn json_import_with_a_bad_last_entry_writes_nothing() {
    let a = Ledger::new();
    rich(&a);
    let mut doc: Value = serde_json::from_str(&a.ok(&["export"])).unwrap();
    let entries = doc["entries"].as_array_mut().unwrap();
    let last = entries.last_mut().unwrap();
    last["kind"] = "bogus".into();
    let bad_id = last["id"].as_i64().unwrap();

    let b = Ledger::new();
    b.client("Someone");
    let path = file(&b, "bad.json", &doc.to_string());
    let err = b.fails_unchanged(&["import", s(&path)], 1);
    assert!(err.contains(&format!("#{bad_id}")), "{err}");
    assert!(err.contains("bogus"), "{err}");

    // A newer version and an unknown key are refused too.
    let mut newer: Value = serde_json::from_str(&a.ok(&["export"])).unwrap();
    newer["version"] = 2.into();
    let path = file(&b, "newer.json", &newer.to_string());
    let err = b.fails_unchanged(&["import", s(&path)], 1);
    assert!(err.contains("version 2"), "{err}");
    let mut extra: Value = serde_json::from_str(&a.ok(&["export"])).unwrap();
    extra["clients"][0]["shoe_size"] = 44.into();
    let path = file(&b, "extra.json", &extra.to_string());
    let err = b.fails_unchanged(&["import", s(&path)], 1);
    assert!(err.contains("shoe_size"), "{err}");
}

#[test]
fn json_export_keeps_when_each_row_was_recorded_through_an_import() {
    let a = Ledger::new();
    rich(&a);
    // Distinct, known write times, as if recorded over the years.
    let mut db = rusqlite::Connection::open(&a.path).unwrap();
    let tx = db.transaction().unwrap();
    tx.execute(
        "UPDATE clients SET created_at = printf('2019-01-%02d 08:00:00', id)",
        [],
    )
    .unwrap();
    tx.execute(
        "UPDATE entries SET created_at = printf('2020-02-%02d 09:%02d:00', 1 + id % 28, id % 60)",
        [],
    )
    .unwrap();
    tx.commit().unwrap();
    drop(db);
    let times = |l: &Ledger| {
        l.query(
            "SELECT 'c' || id, created_at FROM clients UNION ALL \
             SELECT 'e' || id, created_at FROM entries ORDER BY 1",
        )
    };
    let doc: Value = serde_json::from_str(&a.ok(&["export"])).unwrap();
    assert_eq!(doc["clients"][0]["recorded_at"], "2019-01-01 08:00:00");
    assert_eq!(doc["entries"][0]["recorded_at"], "2020-02-02 09:01:00");

    // Into an empty ledger: every row keeps its time.
    let b = Ledger::new();
    b.ok(&["import", s(&file(&b, "a.json", &doc.to_string()))]);
    assert_eq!(times(&b), times(&a));

    // Merged into a ledger with clients: new entries keep theirs (under new ids); a client
    // that was already there keeps its own.
    let c = Ledger::new();
    c.client("Other");
    let before = c.query("SELECT created_at FROM clients");
    c.ok(&["import", s(&file(&c, "a.json", &doc.to_string()))]);
    assert_eq!(
        c.query("SELECT created_at FROM clients WHERE name = 'Other'"),
        before
    );
    let imported: BTreeSet<String> = c
        .query("SELECT created_at FROM entries")
        .into_iter()
        .map(|r| r[0].clone())
        .collect();
    let original: BTreeSet<String> = a
        .query("SELECT created_at FROM entries")
        .into_iter()
        .map(|r| r[0].clone())
        .collect();
    assert_eq!(imported, original);

    // A document without the times (written by hand) gets the time of the import; a
    // malformed one is refused and changes nothing.
    let mut bare = doc.clone();
    for e in bare["entries"].as_array_mut().unwrap() {
        e.as_object_mut().unwrap().remove("recorded_at");
    }
    let d = Ledger::new();
    d.ok(&["import", s(&file(&d, "bare.json", &bare.to_string()))]);
    let now: Vec<Vec<String>> = d.query("SELECT DISTINCT substr(created_at, 1, 4) FROM entries");
    assert_eq!(now.len(), 1, "{now:?}");
    assert!(now[0][0].as_str() >= "2026", "{now:?}");
    let mut bad = doc.clone();
    bad["entries"][1]["recorded_at"] = "yesterday".into();
    let bad_id = bad["entries"][1]["id"].as_i64().unwrap();
    let e = Ledger::new();
    e.client("Someone");
    let err = e.fails_unchanged(&["import", s(&file(&e, "bad.json", &bad.to_string()))], 1);
    assert!(
        err.contains(&format!("entry #{bad_id}")) && err.contains("YYYY-MM-DD HH:MM:SS"),
        "{err}"
    );
}

#[test]
fn a_client_twice_in_one_import_file_is_added_once_and_said_so() {
    let l = Ledger::new();
    l.client("Existing BV");
    let csv = file(
        &l,
        "c.csv",
        "name,email\nACME B.V.,a@acme.example\nacme b.v.,b@acme.example\nexisting bv,\n",
    );
    let out = l.ok(&["import", s(&csv)]);
    assert_eq!(
        out,
        "1 new client, 0 new entries, 0 already present\n  + ACME B.V.\n  = Existing BV \
         (already in the ledger by that name)\n  = acme b.v. (already earlier in the file, \
         skipped)\n"
    );
    assert_eq!(client_names(&l), ["Existing BV", "ACME B.V."]);
    // The first record wins.
    assert_eq!(
        l.json(&["client", "show", "acme"])["client"]["email"],
        "a@acme.example"
    );
    let other = Ledger::new();
    let j = other.json(&["import", s(&csv)]);
    assert_eq!(
        j["clients_added"],
        serde_json::json!(["ACME B.V.", "existing bv"])
    );
    assert_eq!(j["clients_repeated"], serde_json::json!(["acme b.v."]));
}

#[test]
fn an_import_naming_a_client_with_a_line_break_imports_nothing() {
    let l = Ledger::new();
    let csv = file(
        &l,
        "c.csv",
        "name,email\nFine BV,a@b.example\n\"Multi\nLine BV\",c@d.example\n",
    );
    let r = l.run(&["import", s(&csv)]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert_eq!(
        r.stderr.trim(),
        "error: record 2: a client name cannot contain control characters (tab, newline): \
         \"Multi\\nLine BV\""
    );
    // The import would have made the ledger: there is none.
    assert!(!l.path.exists());
}

// ---- CSV export ----

#[test]
fn csv_entries_export_reads_back_with_the_csv_crate() {
    let l = Ledger::new();
    let r = rich(&l);
    let total = count(&l.path, "SELECT count(*) FROM entries");
    let out = l.ok(&["export", "--format", "csv", "--what", "entries"]);
    let mut rd = csv::Reader::from_reader(out.as_bytes());
    let headers: Vec<String> = rd.headers().unwrap().iter().map(String::from).collect();
    for h in [
        "id", "kind", "client", "date", "amount", "currency", "void", "due", "status",
    ] {
        assert!(headers.iter().any(|x| x == h), "no {h} column: {headers:?}");
    }
    let col = |h: &str| headers.iter().position(|x| x == h).unwrap();
    let rows: Vec<csv::StringRecord> = rd.records().map(|r| r.unwrap()).collect();
    assert_eq!(
        rows.len() as i64,
        total,
        "one row per entry, void ones included"
    );
    assert!(rows.iter().all(|r| r.len() == headers.len()));
    let by_desc = |d: &str| {
        rows.iter()
            .find(|r| &r[col("description")] == d)
            .unwrap_or_else(|| panic!("no row {d}"))
            .clone()
    };
    let wine = by_desc("Wine box");
    assert_eq!(&wine[col("kind")], "gift");
    assert_eq!(&wine[col("client")], "ACME B.V.");
    assert_eq!(&wine[col("amount")], "45.50");
    assert_eq!(&wine[col("currency")], "EUR");
    assert_eq!(&wine[col("date")], "2026-01-20");
    assert_eq!(&wine[col("void")], "false");
    let flowers = by_desc("Flowers");
    assert_eq!(
        (&flowers[col("amount")], &flowers[col("currency")]),
        ("20.00", "USD")
    );
    assert_eq!(&by_desc("Big hamper")[col("amount")], "1234.50");
    let card = by_desc("Card");
    assert_eq!((&card[col("amount")], &card[col("currency")]), ("", ""));
    let mistake = by_desc("Mistake");
    assert_eq!(&mistake[col("void")], "true");
    assert_eq!(mistake[col("id")].parse::<i64>().unwrap(), r.void_gift);
    let by_id = |id: i64| {
        rows.iter()
            .find(|row| row[col("id")].parse::<i64>().unwrap() == id)
            .unwrap()
            .clone()
    };
    assert_eq!(&by_id(r.open)[col("status")], "open");
    assert_eq!(&by_id(r.missed)[col("status")], "missed");
    assert_eq!(
        &by_id(r.kept)[col("due")],
        "2026-03-20",
        "the current due date"
    );
    assert_eq!(&by_id(r.rescheduled_open)[col("due")], "2026-08-15");
    // Every date-like cell is ISO.
    let iso = |v: &str| NaiveDate::parse_from_str(v, "%Y-%m-%d").is_ok() && v.len() == 10;
    for h in ["date", "due", "delivered", "missed", "informed", "resolved"] {
        for row in &rows {
            let v = &row[col(h)];
            assert!(v.is_empty() || iso(v), "{h}: {v:?}");
        }
    }
    for row in &rows {
        assert!(iso(&row[col("date")]));
        let a = &row[col("amount")];
        assert!(
            a.is_empty()
                || (a.len() >= 4
                    && a.as_bytes()[a.len() - 3] == b'.'
                    && a.replace('.', "").bytes().all(|b| b.is_ascii_digit())),
            "amount {a:?}"
        );
        assert_eq!(a.is_empty(), row[col("currency")].is_empty());
    }
}

#[test]
fn csv_clients_export_reads_back_and_imports_again() {
    let l = Ledger::new();
    rich(&l);
    l.ok(&["client", "add", "Smith, Jones & \"Co\""]);
    let out = l.ok(&["export", "--format", "csv", "--what", "clients"]);
    let mut rd = csv::Reader::from_reader(out.as_bytes());
    let headers: Vec<String> = rd.headers().unwrap().iter().map(String::from).collect();
    let col = |h: &str| headers.iter().position(|x| x == h).unwrap();
    let rows: Vec<csv::StringRecord> = rd.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 5, "archived and anonymized clients included");
    let acme = rows
        .iter()
        .find(|r| &r[col("name")] == "ACME B.V.")
        .unwrap();
    assert_eq!(&acme[col("since")], "2024-03-10");
    assert_eq!(&acme[col("email")], "piet@acme.nl");
    assert_eq!(&acme[col("note")], "Main account, \"big\"");
    assert_eq!(&acme[col("archived")], "false");
    let old = rows.iter().find(|r| &r[col("name")] == "Old Corp").unwrap();
    assert_eq!(&old[col("archived")], "true");
    assert!(
        rows.iter()
            .any(|r| &r[col("name")] == "Smith, Jones & \"Co\"")
    );

    // The client list is a valid import: unknown columns (id, archived) are reported.
    let b = Ledger::new();
    let path = file(&b, "clients.csv", &out);
    let r = b.run(&["import", s(&path)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("warning:") && r.stderr.contains("archived"),
        "{}",
        r.stderr
    );
    let names = client_names(&b);
    assert_eq!(names.len(), 5, "{names:?}");
    assert!(names.contains(&"Smith, Jones & \"Co\"".to_string()));
    let acme = &b
        .json(&["client", "list", "--all"])
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "ACME B.V.")
        .unwrap()
        .clone();
    assert_eq!(acme["since"], "2024-03-10");
    assert_eq!(acme["cadence"], 30);
    assert_eq!(acme["tags"], serde_json::json!(["key", "nl"]));
}

// ---- CSV import ----

#[test]
fn csv_import_reports_unknown_columns_on_stderr() {
    let l = Ledger::new();
    let path = file(
        &l,
        "people.csv",
        "Name,E-mail,Phone,Favourite colour,TAGS,Since,Cadence\n\
         ACME B.V.,a@acme.nl,+31 20,blue,key;nl, 10-03-2024 ,30\n\
         \"Café, de Zon\",,,red,food drinks,,\n",
    );
    let r = l.run(&["import", s(&path)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("warning:"), "{}", r.stderr);
    // E-mail is the Dutch (and common English) spelling of email: known.
    assert!(!r.stderr.contains("E-mail"), "{}", r.stderr);
    assert!(r.stderr.contains("Favourite colour"), "{}", r.stderr);
    assert!(!r.stderr.contains("error"), "{}", r.stderr);
    assert_eq!(client_names(&l), ["ACME B.V.", "Café, de Zon"]);
    let list = l.json(&["client", "list"]);
    let acme = &list[0];
    assert_eq!(acme["since"], "2024-03-10");
    assert_eq!(acme["phone"], "+31 20");
    assert_eq!(acme["email"], "a@acme.nl");
    assert_eq!(acme["tags"], serde_json::json!(["key", "nl"]));
    assert_eq!(acme["cadence"], 30);
    assert_eq!(list[1]["tags"], serde_json::json!(["food", "drinks"]));
}

#[test]
fn csv_import_bad_row_at_the_end_of_a_long_file_aborts_with_its_row_number() {
    let l = Ledger::new();
    l.client("Existing");
    let mut text = String::from("name,email,cadence\n");
    // Rows 2..=499 are good, row 500 has a bad cadence.
    for i in 2..500 {
        text.push_str(&format!("Client {i},c{i}@example.org,14\n"));
    }
    text.push_str("Client 500,c500@example.org,often\n");
    let path = file(&l, "long.csv", &text);
    let err = l.fails_unchanged(&["import", s(&path)], 1);
    assert!(err.contains("row 500"), "{err}");
    assert!(err.contains("often"), "{err}");
    assert_eq!(client_names(&l), ["Existing"]);
    // Dry run fails the same way.
    let err = l.fails_unchanged(&["import", s(&path), "--dry-run"], 1);
    assert!(err.contains("row 500"), "{err}");
}

#[test]
fn csv_import_of_a_name_already_there_reports_it_and_adds_it_once() {
    let l = Ledger::new();
    l.client("Café de Zon");
    let path = file(
        &l,
        "c.csv",
        "name,contact\ncafe de zon,Ann\nNew Co,Bob\nnew co,Bob again\n",
    );
    let out = l.ok(&["import", s(&path)]);
    assert!(out.contains("+ New Co"), "{out}");
    assert!(
        out.contains("Café de Zon") && out.contains("skipped"),
        "{out}"
    );
    assert_eq!(client_names(&l), ["Café de Zon", "New Co"]);
    // The existing client is left as it was.
    assert_eq!(l.json(&["client", "list"])[0]["contact"], Value::Null);
}

#[test]
fn csv_import_with_a_wrong_field_count_names_the_row() {
    let l = Ledger::new();
    l.client("Existing");
    let path = file(&l, "c.csv", "name,email\nA,a@x\nB,b@x,extra\nC,c@x\n");
    let err = l.fails_unchanged(&["import", s(&path)], 1);
    assert!(err.contains("row 3"), "{err}");
    let path = file(&l, "noname.csv", "email,phone\na@x,1\n");
    let err = l.fails_unchanged(&["import", s(&path)], 1);
    assert!(err.contains("name"), "{err}");
}

#[test]
fn csv_import_from_a_spreadsheet_bom_crlf_and_multiline_notes() {
    let l = Ledger::new();
    let text = "\u{feff}name,note\r\nA,\"two\r\nlines\"\r\nB,plain\r\n";
    let path = file(&l, "excel.csv", text);
    l.ok(&["import", s(&path)]);
    assert_eq!(client_names(&l), ["A", "B"]);
    assert_eq!(l.json(&["client", "list"])[0]["note"], "two\nlines");
    // Rows are numbered by the line they start on: the empty name is on line 5.
    let b = Ledger::new();
    b.client("Existing");
    let path = file(
        &b,
        "bad.csv",
        "name,note\nA,\"one\ntwo\nthree\"\n ,empty name\n",
    );
    let err = b.fails_unchanged(&["import", s(&path)], 1);
    assert!(err.contains("row 5"), "{err}");
}

// ---- dry run, stdin, format guessing ----

#[test]
fn dry_run_writes_nothing_and_says_what_would_be_added_and_skipped() {
    let l = Ledger::new();
    l.client("ACME B.V.");
    let path = file(&l, "c.csv", "name\nacme b.v.\nNew Co\nOther Co\n");
    let before = l.dump();
    let out = l.ok(&["import", s(&path), "--dry-run"]);
    assert_eq!(before, l.dump());
    assert!(out.starts_with("would import: 2 new clients"), "{out}");
    assert!(out.contains("New Co") && out.contains("Other Co"), "{out}");
    assert!(
        out.contains("ACME B.V. (already in the ledger by that name)"),
        "{out}"
    );
    let v = l.json(&["import", s(&path), "--dry-run"]);
    assert_eq!(before, l.dump());
    assert_eq!(v["dry_run"], true);
    assert_eq!(
        v["clients_added"],
        serde_json::json!(["New Co", "Other Co"])
    );
    assert_eq!(v["clients_existing"], serde_json::json!(["ACME B.V."]));

    // A whole-ledger document, dry run: nothing, not even its settings.
    let a = Ledger::new();
    rich(&a);
    let doc = file(&l, "all.json", &a.ok(&["export"]));
    let out = l.ok(&["import", s(&doc), "--dry-run"]);
    assert!(out.contains("would import"), "{out}");
    assert_eq!(before, l.dump());
}

#[test]
fn dry_run_on_a_missing_ledger_adds_no_data() {
    let l = Ledger::new();
    let path = file(&l, "c.csv", "name\nNew Co\n");
    let out = l.ok(&["import", s(&path), "--dry-run"]);
    assert!(out.contains("New Co"), "{out}");
    if l.path.exists() {
        assert_eq!(count(&l.path, "SELECT count(*) FROM clients"), 0);
    }
}

#[test]
fn dry_run_on_a_missing_ledger_creates_no_file() {
    let l = Ledger::new();
    let path = file(&l, "c.csv", "name\nNew Co\n");
    l.ok(&["import", s(&path), "--dry-run"]);
    assert!(!l.path.exists(), "the dry run created {}", l.path.display());
}

#[test]
fn import_of_a_file_that_does_not_exist_is_exit_1_and_creates_nothing() {
    let l = Ledger::new();
    let missing = l.dir.path().join("nope.csv");
    let err = l.fails(&["import", s(&missing)], 1);
    assert!(err.contains("nope.csv"), "{err}");
    assert!(!l.path.exists());
}

#[test]
fn a_failed_import_on_a_missing_ledger_creates_no_file() {
    let a = Ledger::new();
    a.client("ACME");
    a.entry(&["log-touch", "ACME", "Call", "--date", "2026-03-01"]);
    let mut doc: Value = serde_json::from_str(&a.ok(&["export"])).unwrap();
    doc["entries"][0]["kind"] = "bogus".into();
    let l = Ledger::new();
    let path = file(&l, "bad.json", &doc.to_string());
    l.fails(&["import", s(&path)], 1);
    assert!(
        !l.path.exists(),
        "the failed import created {}",
        l.path.display()
    );
}

#[test]
fn import_from_standard_input_with_dash() {
    let l = Ledger::new();
    let r = run_stdin(
        &l,
        &["import", "-", "--format", "csv"],
        "name,note\nPiped Co,hi\n",
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = run_stdin(
        &l,
        &["import", "-", "--format", "vcf"],
        "BEGIN:VCARD\nVERSION:4.0\nFN:Vera\nORG:Piped Card BV\nEND:VCARD\n",
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(client_names(&l), ["Piped Co", "Piped Card BV"]);

    // A whole ledger through a pipe into an empty one.
    let a = Ledger::new();
    rich(&a);
    let doc = a.ok(&["export"]);
    let b = Ledger::new();
    let r = run_stdin(&b, &["import", "-", "--format", "json"], &doc);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(doc, b.ok(&["export"]));

    // `-` without --format cannot be guessed: a usage error.
    let c = Ledger::new();
    let r = run_stdin(&c, &["import", "-"], "name\nX\n");
    assert_failed(&r, 2, &["import", "-"]);
    assert!(r.stderr.contains("--format"), "{}", r.stderr);
    assert!(!c.path.exists());
}

#[test]
fn import_format_is_guessed_from_the_extension() {
    let l = Ledger::new();
    let csv = file(&l, "list.csv", "name\nFrom CSV\n");
    let vcf = file(
        &l,
        "cards.VCF",
        "BEGIN:VCARD\nVERSION:3.0\nFN:From VCF\nEND:VCARD\n",
    );
    l.ok(&["import", s(&csv)]);
    l.ok(&["import", s(&vcf)]);
    assert_eq!(client_names(&l), ["From CSV", "From VCF"]);
    let b = Ledger::new();
    let json = file(&b, "all.json", &l.ok(&["export"]));
    b.ok(&["import", s(&json)]);
    assert_eq!(client_names(&b), ["From CSV", "From VCF"]);

    // An unknown extension (or none) is a usage error, and no ledger is created.
    let c = Ledger::new();
    for name in ["clients.txt", "clients"] {
        let p = file(&c, name, "name\nX\n");
        let err = c.fails(&["import", s(&p)], 2);
        assert!(err.contains("--format"), "{err}");
        assert!(!c.path.exists());
    }
    // --format wins over the extension.
    let p = file(&c, "clients.txt", "name\nGiven\n");
    c.ok(&["import", s(&p), "--format", "csv"]);
    assert_eq!(client_names(&c), ["Given"]);
    // The wrong format for the contents is exit 1, nothing written.
    let err = c.fails_unchanged(&["import", s(&csv), "--format", "json"], 1);
    assert!(err.contains("list.csv"), "{err}");
    c.fails_unchanged(&["import", s(&csv), "--format", "vcf"], 1);
}

// ---- vCard ----

#[test]
fn vcard_3_and_4_folded_and_non_ascii() {
    let l = Ledger::new();
    let text = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        "N:Müller;Jürgen;;;",
        "FN:Jürgen Mül",
        " ler",
        "ORG:Bäckerei Müller GmbH;Verkauf",
        "EMAIL;TYPE=INTERNET,WORK:juergen@baeckerei.de",
        "EMAIL;TYPE=HOME:j@home.de",
        "TEL;TYPE=WORK,VOICE:+49 30 1234",
        "NOTE:Met at the fair\\, 2025\\nlikes brea",
        "\td",
        "END:VCARD",
        "",
        "BEGIN:VCARD",
        "VERSION:4.0",
        "FN:Zoë Ångström",
        "TEL;VALUE=uri;TYPE=cell:tel:+31-6-1234",
        "EMAIL;PREF=1:zoe@example.org",
        "END:VCARD",
        "BEGIN:VCARD",
        "VERSION:4.0",
        "ORG:東京商事",
        "FN:田中 太郎",
        "END:VCARD",
        "",
    ]
    .join("\r\n");
    let path = file(&l, "contacts.vcf", &text);
    let out = l.ok(&["import", s(&path)]);
    assert!(out.contains("3 new clients"), "{out}");
    assert_eq!(
        client_names(&l),
        ["Bäckerei Müller GmbH", "Zoë Ångström", "東京商事"]
    );
    let doc: Value = serde_json::from_str(&l.ok(&["export"])).unwrap();
    let c = &doc["clients"];
    assert_eq!(c[0]["contact"], "Jürgen Müller");
    assert_eq!(c[0]["email"], "juergen@baeckerei.de");
    assert_eq!(c[0]["phone"], "+49 30 1234");
    assert_eq!(c[0]["note"], "Met at the fair, 2025\nlikes bread");
    assert_eq!(c[1]["contact"], "Zoë Ångström");
    assert_eq!(c[1]["phone"], "+31-6-1234");
    assert_eq!(c[1]["email"], "zoe@example.org");
    assert_eq!(c[2]["contact"], "田中 太郎");
    // Found again by an accent-free name.
    assert_eq!(
        l.json(&["client", "show", "zoe angstrom"])["client"]["name"],
        "Zoë Ångström"
    );
}

#[test]
fn a_broken_card_names_the_card_and_line_and_writes_nothing() {
    let l = Ledger::new();
    l.client("Existing");
    let cards = "BEGIN:VCARD\nVERSION:3.0\nFN:One\nEND:VCARD\n\
                 BEGIN:VCARD\nVERSION:4.0\nFN:Two\nEND:VCARD\n\
                 BEGIN:VCARD\nVERSION:3.0\nN:;;;;\nEMAIL:x@y.z\nEND:VCARD\n";
    let path = file(&l, "broken.vcf", cards);
    let err = l.fails_unchanged(&["import", s(&path)], 1);
    assert!(err.contains("card 3"), "{err}");
    assert!(err.contains("line 9"), "{err}");
    assert!(err.contains("broken.vcf"), "{err}");

    let unclosed = "BEGIN:VCARD\nFN:One\nEND:VCARD\n\nBEGIN:VCARD\nFN:Two\n";
    let path = file(&l, "unclosed.vcf", unclosed);
    let err = l.fails_unchanged(&["import", s(&path)], 1);
    assert!(err.contains("card 2") && err.contains("line 5"), "{err}");

    let new = "BEGIN:VCARD\r\nVERSION:5.0\r\nFN:New\r\nEND:VCARD\r\n";
    let path = file(&l, "new.vcf", new);
    let err = l.fails_unchanged(&["import", s(&path), "--dry-run"], 1);
    assert!(err.contains("VERSION 5.0"), "{err}");

    let bday = "BEGIN:VCARD\nVERSION:3.0\nFN:A\nBDAY:1980-02-30\nEND:VCARD\n";
    let path = file(&l, "bday.vcf", bday);
    let err = l.fails_unchanged(&["import", s(&path)], 1);
    assert!(err.contains("card 1 (line 1): unreadable BDAY"), "{err}");
    assert!(err.contains("line 4"), "{err}");
    assert_eq!(client_names(&l), ["Existing"]);

    // A UTF-16 file whose byte-order mark is followed by half a character.
    let p = l.dir.path().join("broken16.vcf");
    std::fs::write(&p, b"\xff\xfeB\x00E").unwrap();
    let err = l.fails_unchanged(&["import", s(&p)], 1);
    assert!(err.contains("UTF-16LE"), "{err}");
}

#[test]
fn cards_matching_existing_clients_are_reported_not_duplicated() {
    let l = Ledger::new();
    l.client("Cafe de Zon");
    let text = "BEGIN:VCARD\nVERSION:3.0\nFN:Ann\nORG:Café de Zon\nEMAIL:ann@zon.nl\nEND:VCARD\n\
                BEGIN:VCARD\nVERSION:3.0\nFN:Piet\nORG:ACME B.V.\nEND:VCARD\n";
    let path = file(&l, "c.vcf", text);
    let out = l.ok(&["import", s(&path)]);
    assert!(out.contains("+ ACME B.V."), "{out}");
    assert!(
        out.contains("Cafe de Zon (already in the ledger by that name)"),
        "{out}"
    );
    assert_eq!(client_names(&l), ["Cafe de Zon", "ACME B.V."]);
    // The existing client keeps its data.
    assert_eq!(l.json(&["client", "list"])[0]["email"], Value::Null);
    // The same file again: everything skipped.
    let before = l.dump();
    let out = l.ok(&["import", s(&path)]);
    assert!(out.starts_with("0 new clients"), "{out}");
    assert_eq!(before, l.dump());
}

// ---- files as Dutch offices have them (tests/fixtures, see its README) ----

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Imports a fixture into a new ledger, expecting success; returns the ledger and stderr.
fn import_fixture(name: &str, extra: &[&str]) -> (Ledger, String) {
    let l = Ledger::new();
    let path = fixture(name);
    let mut args = vec!["import", s(&path)];
    args.extend_from_slice(extra);
    let r = l.run(&args);
    assert_eq!(r.code, 0, "{name}: {}", r.stderr);
    assert!(!r.stderr.contains("error"), "{}", r.stderr);
    (l, r.stderr)
}

/// The clients' JSON by name.
fn clients_by_name(l: &Ledger) -> std::collections::BTreeMap<String, Value> {
    l.json(&["client", "list"])
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["name"].as_str().unwrap().to_string(), c.clone()))
        .collect()
}

/// The four clients of the three Excel fixtures, whatever the encoding and separator.
fn assert_excel_clients(l: &Ledger) {
    assert_eq!(
        client_names(l),
        [
            "Café de Zon",
            "Brouwerij 't IJ",
            "Bakkerij Müller",
            "Coöperatie De Eendracht"
        ]
    );
    let c = clients_by_name(l);
    let zon = &c["Café de Zon"];
    assert_eq!(zon["contact"], "Anouk Jansen");
    assert_eq!(zon["email"], "info@cafedezon.nl");
    assert_eq!(zon["phone"], "020-1234567");
    assert_eq!(zon["since"], "2019-03-05");
    assert_eq!(zon["note"], "Terras op het zuiden");
    assert_eq!(c["Brouwerij 't IJ"]["note"], "Proeverij; voorjaar");
    assert_eq!(c["Brouwerij 't IJ"]["since"], "2021-09-17");
    assert_eq!(c["Bakkerij Müller"]["contact"], "Jürgen Müller");
    assert_eq!(c["Bakkerij Müller"]["note"], "Brood à € 3,50");
    assert_eq!(c["Coöperatie De Eendracht"]["email"], Value::Null);
}

#[test]
fn fixture_dutch_excel_csv_in_windows_1252_imports_and_says_so_in_one_line() {
    let (l, err) = import_fixture("excel-nl-windows-1252.csv", &[]);
    assert_excel_clients(&l);
    let notice: Vec<&str> = err.lines().collect();
    assert_eq!(
        notice,
        [format!(
            "warning: {} is not UTF-8: read as windows-1252",
            fixture("excel-nl-windows-1252.csv").display()
        )],
        "{err}"
    );
    // Found by the name without accents.
    assert_eq!(
        l.json(&["client", "show", "cooperatie de eendracht"])["client"]["name"],
        "Coöperatie De Eendracht"
    );
}

#[test]
fn fixture_excel_csv_utf8_with_bom_and_unicode_text_utf16_tabs() {
    let (l, err) = import_fixture("excel-nl-utf8-bom.csv", &[]);
    assert_excel_clients(&l);
    assert_eq!(err, "", "UTF-8 needs no notice");
    let (l, err) = import_fixture("excel-unicode-text.txt", &["--format", "csv"]);
    assert_excel_clients(&l);
    assert!(err.contains("is not UTF-8: read as UTF-16LE"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn a_bad_row_in_a_dutch_excel_file_names_its_line_and_writes_nothing() {
    let l = Ledger::new();
    l.client("Existing");
    let mut bytes = std::fs::read(fixture("excel-nl-windows-1252.csv")).unwrap();
    // Line 6: 31 February, in Windows-1252 like the rest.
    bytes.extend_from_slice(b"Zuivelhoeve Ter M\xfcnde;;;;31-2-2020;\r\n");
    let p = l.dir.path().join("klanten.csv");
    std::fs::write(&p, &bytes).unwrap();
    let err = l.fails_unchanged(&["import", s(&p)], 1);
    assert!(
        err.contains("row 6: invalid date \"31-2-2020\" in column Klant sinds"),
        "{err}"
    );
    // A row with a field too many.
    let mut bytes = std::fs::read(fixture("excel-nl-windows-1252.csv")).unwrap();
    bytes.extend_from_slice(b"Caf\xe9 Noord;;;;;;te veel\r\n");
    std::fs::write(&p, &bytes).unwrap();
    let err = l.fails_unchanged(&["import", s(&p)], 1);
    assert!(err.contains("row 6: 7 fields, the header has 6"), "{err}");
    assert_eq!(client_names(&l), ["Existing"]);
}

#[test]
fn fixture_android_vcard_2_1_quoted_printable() {
    let (l, err) = import_fixture("android-2.1-qp.vcf", &[]);
    assert_eq!(client_names(&l), ["Bakkerij Müller", "Sanne"]);
    let c = clients_by_name(&l);
    let m = &c["Bakkerij Müller"];
    assert_eq!(m["contact"], "Jürgen Müller");
    assert_eq!(m["email"], "juergen@bakkerijmuller.nl");
    assert_eq!(m["phone"], "+31 6 12345678");
    assert_eq!(
        m["note"],
        "Levert elke ochtend om zes uur vers brood, ook op zon- en feestdagen. Houdt van \
         appeltaart en van een praatje over de Bundesliga. Koffie: één klontje."
    );
    assert_eq!(c["Sanne"]["phone"], "0612345679");
    // The second address and the other two numbers are kept on the person.
    assert_eq!(err.trim_end(), "");
    let people = l.json(&["contact", "list", "Bakkerij"]);
    assert_eq!(people[0]["name"], "Jürgen Müller");
    let kept = |k: &str| {
        people.as_array().map_or(0, |p| {
            p.iter()
                .map(|x| x[k].as_array().map_or(0, Vec::len))
                .sum::<usize>()
        })
    };
    let sanne = l.json(&["contact", "list", "Sanne"]);
    let kept_sanne = |k: &str| sanne[0][k].as_array().map_or(0, Vec::len);
    assert_eq!(kept("emails") + kept_sanne("emails"), 2, "{people} {sanne}");
    assert_eq!(kept("phones") + kept_sanne("phones"), 4, "{people} {sanne}");
    // The same file again adds nobody.
    let path = fixture("android-2.1-qp.vcf");
    let again = l.ok(&["import", "--dry-run", s(&path)]);
    assert!(again.starts_with("would import: 0 new clients"), "{again}");
}

#[test]
fn fixture_outlook_vcard_2_1_windows_1252_and_utf8() {
    let (l, err) = import_fixture("outlook-2.1-windows-1252.vcf", &[]);
    assert_eq!(client_names(&l), ["Café de Zon"]);
    let c = &l.json(&["client", "list"])[0];
    assert_eq!(c["contact"], "Anouk Jansen");
    assert_eq!(c["email"], "info@cafedezon.nl");
    assert_eq!(c["phone"], "(020) 123 4567");
    assert_eq!(
        c["note"],
        "Vaste klant sinds 2019.\nTerras op het zuiden, lunch € 35 p.p."
    );
    assert_eq!(c["tags"], serde_json::json!(["Klanten", "Horeca"]));
    // Every value said its CHARSET: no encoding notice; every address and number is kept.
    assert_eq!(err, "");
    let anouk = &l.json(&["contact", "list", "cafe"])[0];
    assert_eq!(anouk["name"], "Anouk Jansen");
    assert_eq!(anouk["emails"].as_array().map(Vec::len), Some(2), "{anouk}");
    assert_eq!(anouk["phones"].as_array().map(Vec::len), Some(2), "{anouk}");

    let (l, err) = import_fixture("outlook-2.1-utf8.vcf", &[]);
    assert_eq!(client_names(&l), ["Brouwerij 't IJ"]);
    let c = &l.json(&["client", "list"])[0];
    assert_eq!(c["contact"], "Joëlle Bakker");
    assert_eq!(
        c["note"],
        "Proeverij in het voorjaar; houdt van IPA, niet van stout. Café-bezoek: vrijdag."
    );
    assert_eq!(c["tags"], serde_json::json!(["Klanten"]));
    assert_eq!(err, "");
}

#[test]
fn fixture_apple_contacts_vcard_3_0() {
    let (l, err) = import_fixture("apple-3.0.vcf", &[]);
    assert_eq!(client_names(&l), ["Brouwerij 't IJ", "Café de Zon"]);
    let c = clients_by_name(&l);
    let ij = &c["Brouwerij 't IJ"];
    assert_eq!(ij["contact"], "Sophie de Vries");
    assert_eq!(ij["email"], "sophie@brouwerijhetij.nl");
    assert_eq!(ij["phone"], "+31 6 23456789");
    assert_eq!(
        ij["tags"],
        serde_json::json!(["Klanten", "Horeca", "Goede-klant"])
    );
    assert_eq!(
        ij["note"],
        "Proeverij in het voorjaar. Houdt van IPA, niet van stout. Vraagt altijd naar de \
         nieuwe seizoensbieren – wéér een één-liter fles meenemen."
    );
    assert_eq!(c["Café de Zon"]["contact"], "Ayşe Özdemir");
    assert_eq!(c["Café de Zon"]["tags"], serde_json::json!(["Klanten"]));
    // item2.EMAIL (facturen@) and the HOME address, and the work number: all kept.
    assert_eq!(err, "");
    let sophie = &l.json(&["contact", "list", "brouwerij"])[0];
    assert_eq!(
        sophie["emails"].as_array().map(Vec::len),
        Some(3),
        "{sophie}"
    );
    assert_eq!(
        sophie["phones"].as_array().map(Vec::len),
        Some(2),
        "{sophie}"
    );
    // Tags from CATEGORIES filter the list.
    let horeca = l.json(&["client", "list", "--tag", "horeca"]);
    assert_eq!(horeca.as_array().unwrap().len(), 1);
}

#[test]
fn fixture_vcard_4_0_in_utf16_and_an_unlabelled_windows_1252_card() {
    let (l, err) = import_fixture("utf16le-4.0.vcf", &[]);
    assert_eq!(client_names(&l), ["Coöperatie De Eendracht"]);
    let c = &l.json(&["client", "list"])[0];
    assert_eq!(c["phone"], "+31-50-1234567");
    assert_eq!(c["tags"], serde_json::json!(["Leveranciers"]));
    assert!(err.contains("is not UTF-8: read as UTF-16LE"), "{err}");

    // 8-bit text without a CHARSET that is not UTF-8: read as Windows-1252, said once.
    let l = Ledger::new();
    let p = l.dir.path().join("oud.vcf");
    std::fs::write(
        &p,
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Caf\xe9 de Zon\r\nNOTE:\x80 5\r\nEND:VCARD\r\n",
    )
    .unwrap();
    let r = l.run(&["import", s(&p)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(client_names(&l), ["Café de Zon"]);
    assert_eq!(l.json(&["client", "list"])[0]["note"], "€ 5");
    assert_eq!(
        r.stderr,
        format!(
            "warning: {} is not UTF-8: read as windows-1252\n",
            p.display()
        )
    );
    // --quiet keeps it quiet.
    let q = Ledger::new();
    let r = q.run(&["--quiet", "import", s(&p)]);
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
}

#[test]
fn a_vcard_line_folded_inside_a_utf8_character_imports_whole() {
    let l = Ledger::new();
    let p = l.dir.path().join("fold.vcf");
    // "é" is C3 A9; the fold falls between the two bytes.
    std::fs::write(
        &p,
        b"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Caf\xc3\r\n \xa9 de Zon\r\nEND:VCARD\r\n",
    )
    .unwrap();
    let r = l.run(&["import", s(&p)]);
    assert_eq!((r.code, r.stderr.as_str()), (0, ""), "{}", r.stderr);
    assert_eq!(client_names(&l), ["Café de Zon"]);
}

// ---- CSV for Excel ----

#[test]
fn csv_export_for_excel_is_semicolons_decimal_comma_and_a_bom() {
    let l = Ledger::new();
    rich(&l);
    for what in ["entries", "clients"] {
        let plain = l.ok(&["export", "--format", "csv", "--what", what]);
        let excel = l.ok(&["export", "--format", "csv", "--what", what, "--excel"]);
        let body = excel
            .strip_prefix('\u{feff}')
            .unwrap_or_else(|| panic!("no BOM: {excel:?}"));
        let read = |text: &str, sep: u8| -> Vec<Vec<String>> {
            csv::ReaderBuilder::new()
                .has_headers(false)
                .delimiter(sep)
                .from_reader(text.as_bytes())
                .records()
                .map(|r| r.unwrap().iter().map(String::from).collect())
                .collect()
        };
        let (p, e) = (read(&plain, b','), read(body, b';'));
        assert_eq!(p.len(), e.len());
        assert!(body.lines().next().unwrap().contains(';'), "{body}");
        let amount = p[0].iter().position(|h| h == "amount");
        for (pr, er) in p.iter().zip(&e) {
            for (i, (pc, ec)) in pr.iter().zip(er).enumerate() {
                if Some(i) == amount && pc.contains('.') {
                    assert_eq!(ec, &pc.replace('.', ","));
                } else {
                    assert_eq!(ec, pc);
                }
            }
        }
        if what == "entries" {
            assert!(body.contains(";45,50;EUR;"), "{body}");
            assert!(body.contains(";1234,50;"), "{body}");
        }
    }
    // To a file too, and only with --format csv.
    let out = l.dir.path().join("excel.csv");
    l.ok(&["export", "--format", "csv", "--excel", "-o", s(&out)]);
    assert!(
        std::fs::read(&out)
            .unwrap()
            .starts_with(b"\xef\xbb\xbfid;kind;")
    );
    for f in ["json", "ics", "hledger"] {
        let err = l.fails(&["export", "--format", f, "--excel"], 2);
        assert!(err.contains("--excel goes with --format csv"), "{err}");
    }
}

// ---- iCalendar ----

fn prop(props: &[ical::property::Property], name: &str) -> Option<String> {
    props
        .iter()
        .find(|p| p.name.eq_ignore_ascii_case(name))
        .and_then(|p| p.value.clone())
}

fn parse_ics(text: &str) -> ical::parser::ical::component::IcalCalendar {
    let mut parser = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
    let cal = parser.next().expect("one calendar").expect("parses");
    assert!(parser.next().is_none(), "exactly one calendar");
    cal
}

/// The dates (month, day) falls on from `today` through `today + 365`, at least `min_year`.
fn occurrences(month: u32, day: u32, today: NaiveDate, min_year: i32) -> Vec<NaiveDate> {
    let end = today.checked_add_days(Days::new(365)).unwrap();
    (today.year()..=today.year() + 1)
        .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
        .filter(|d| *d >= today && *d <= end && d.year() >= min_year)
        .collect()
}

#[test]
fn ics_export_parses_back_with_todos_and_events() {
    let l = Ledger::new();
    let r = rich(&l);
    let today = chrono::Local::now().date_naive();
    let text = l.ok(&["export", "--format", "ics"]);
    assert!(text.contains("\r\n"), "CRLF line ends");
    let cal = parse_ics(&text);

    // One VTODO per commitment of an active client, with its state: open ones to do, the kept
    // one completed on its delivery date, the missed and the void one cancelled (so a calendar
    // that imported them open closes them). Old Corp's is left out: the client is archived.
    let mut todos: Vec<(String, String, String, Option<String>)> = cal
        .todos
        .iter()
        .map(|t| {
            (
                prop(&t.properties, "UID").unwrap(),
                prop(&t.properties, "DUE").unwrap(),
                prop(&t.properties, "STATUS").unwrap(),
                prop(&t.properties, "COMPLETED"),
            )
        })
        .collect();
    todos.sort();
    let todo = |id: i64, due: &str, status: &str, completed: Option<&str>| {
        (
            format!("commitment-{id}@relaties"),
            due.to_string(),
            status.to_string(),
            completed.map(str::to_string),
        )
    };
    let mut want = vec![
        todo(r.open, "20260601", "NEEDS-ACTION", None),
        todo(r.rescheduled_open, "20260815", "NEEDS-ACTION", None),
        todo(r.kept, "20260320", "COMPLETED", Some("20260318T120000Z")),
        todo(r.missed, "20260401", "CANCELLED", None),
        todo(r.void_promise, "20260610", "CANCELLED", None),
    ];
    want.sort();
    assert_eq!(todos, want);
    for t in &cal.todos {
        let summary = prop(&t.properties, "SUMMARY").unwrap();
        assert!(summary.contains('#'), "{summary}");
    }

    // VEVENTs: the holidays and the anniversaries of active clients, next 365 days.
    let mut want: BTreeSet<String> = BTreeSet::new();
    for (slug, m, d) in [
        ("sinterklaas", 12, 5),
        ("christmas", 12, 25),
        ("koningsdag", 4, 27),
    ] {
        for day in occurrences(m, d, today, 0) {
            want.insert(format!(
                "holiday-{slug}-{}@relaties",
                day.format("%Y-%m-%d")
            ));
        }
    }
    // ACME (#1) since 2024-03-10, Café (#2) since 2025-06-01; Old Corp is archived and
    // Gone Ltd anonymized.
    for (id, since) in [(1, "2024-03-10"), (2, "2025-06-01")] {
        let since = NaiveDate::parse_from_str(since, "%Y-%m-%d").unwrap();
        for day in occurrences(since.month(), since.day(), today, since.year() + 1) {
            want.insert(format!(
                "anniversary-{id}-{}@relaties",
                day.format("%Y-%m-%d")
            ));
        }
    }
    let got: BTreeSet<String> = cal
        .events
        .iter()
        .map(|e| prop(&e.properties, "UID").unwrap())
        .collect();
    assert_eq!(got, want);
    assert_eq!(got.len(), cal.events.len(), "no duplicate UIDs");
    for e in &cal.events {
        let uid = prop(&e.properties, "UID").unwrap();
        let start = e.properties.iter().find(|p| p.name == "DTSTART").unwrap();
        let date = start.value.clone().unwrap();
        assert_eq!(date.len(), 8, "an all-day date: {date}");
        let compact = uid
            .trim_end_matches("@relaties")
            .rsplitn(4, '-')
            .take(3)
            .collect::<Vec<_>>();
        assert_eq!(
            format!("{}{}{}", compact[2], compact[1], compact[0]),
            date,
            "{uid}"
        );
        assert!(prop(&e.properties, "SUMMARY").is_some_and(|s| !s.is_empty()));
    }

    // Stable UIDs: a second export has the same ones.
    let again = parse_ics(&l.ok(&["export", "--format", "ics"]));
    let uids = |c: &ical::parser::ical::component::IcalCalendar| -> Vec<String> {
        c.todos
            .iter()
            .map(|t| prop(&t.properties, "UID").unwrap())
            .chain(c.events.iter().map(|e| prop(&e.properties, "UID").unwrap()))
            .collect()
    };
    assert_eq!(uids(&cal), uids(&again));
}

#[test]
fn ics_export_of_a_ledger_without_commitments_still_has_the_holidays() {
    let l = Ledger::new();
    l.client("ACME");
    let cal = parse_ics(&l.ok(&["export", "--format", "ics"]));
    assert!(cal.todos.is_empty());
    let today = chrono::Local::now().date_naive();
    let n = occurrences(12, 5, today, 0).len() + occurrences(12, 25, today, 0).len();
    assert_eq!(cal.events.len(), n);
}

// ---- hledger ----

/// A ledger with gifts: costs (cents) of the ones that count.
fn gifts(l: &Ledger) -> i64 {
    l.client("ACME B.V.");
    l.client("Café de Zon");
    l.client("Old Corp");
    let g = |args: &[&str]| l.entry(args);
    g(&[
        "log-gift",
        "ACME",
        "Wine box",
        "--cost",
        "45.50",
        "--occasion",
        "holiday",
        "--date",
        "2026-01-20",
    ]);
    g(&[
        "log-gift",
        "ACME",
        "Big; hamper",
        "--cost",
        "1234.5",
        "--date",
        "2026-03-01",
    ]);
    g(&[
        "log-gift",
        "Café",
        "Flowers",
        "--cost",
        "20",
        "--date",
        "2026-02-14",
    ]);
    g(&["log-gift", "Café", "Card only", "--date", "2026-02-15"]);
    let v = g(&[
        "log-gift",
        "ACME",
        "Mistake",
        "--cost",
        "99",
        "--date",
        "2026-04-01",
    ]);
    l.ok(&["void", &v.to_string()]);
    g(&[
        "log-gift",
        "Old Corp",
        "Pen",
        "--cost",
        "7.25",
        "--date",
        "2026-01-02",
    ]);
    l.ok(&["client", "archive", "Old Corp"]);
    l.ok(&["log-touch", "ACME", "Call", "--date", "2026-01-03"]);
    4550 + 123450 + 2000 + 725
}

#[test]
fn hledger_export_has_one_transaction_per_gift_with_a_cost() {
    let l = Ledger::new();
    gifts(&l);
    l.ok(&["config", "set", "hledger.account", "assets:checking"]);
    let out = l.ok(&["export", "--format", "hledger"]);
    let lines: Vec<&str> = out.lines().collect();
    let headers: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| l.len() > 10 && NaiveDate::parse_from_str(&l[..10], "%Y-%m-%d").is_ok())
        .collect();
    assert_eq!(headers.len(), 4, "{out}");
    // Oldest first.
    let dates: Vec<&str> = headers.iter().map(|h| &h[..10]).collect();
    assert_eq!(
        dates,
        ["2026-01-02", "2026-01-20", "2026-02-14", "2026-03-01"]
    );
    assert!(headers[1].contains("Wine box"), "{}", headers[1]);
    assert!(
        !headers[3][10..].split("  ;").next().unwrap().contains(';'),
        "{}",
        headers[3]
    );
    let postings: Vec<(String, String)> = lines
        .iter()
        .filter(|l| l.trim_start().starts_with("expenses:gifts:"))
        .map(|l| {
            let t = l.trim();
            let (acc, amt) = t.split_once("  ").unwrap();
            (acc.to_string(), amt.trim().to_string())
        })
        .collect();
    assert_eq!(
        postings,
        [
            (
                "expenses:gifts:Old Corp".to_string(),
                "7.25 EUR".to_string()
            ),
            ("expenses:gifts:ACME B.V.".into(), "45.50 EUR".into()),
            ("expenses:gifts:Café de Zon".into(), "20.00 EUR".into()),
            ("expenses:gifts:ACME B.V.".into(), "1234.50 EUR".into()),
        ]
    );
    let balancing = lines
        .iter()
        .filter(|l| l.trim() == "assets:checking")
        .count();
    assert_eq!(balancing, 4, "{out}");
    assert!(!out.contains("assets:bank"));
    assert!(
        !out.contains("Mistake") && !out.contains("Card only"),
        "{out}"
    );
    // Amounts look like NN.NN EUR.
    for (_, amt) in &postings {
        let (n, cur) = amt.split_once(' ').unwrap();
        assert_eq!(cur, "EUR");
        assert_eq!(n.as_bytes()[n.len() - 3], b'.', "{amt}");
    }
}

#[test]
fn hledger_reads_the_export_and_the_gift_total_matches() {
    let l = Ledger::new();
    let total = gifts(&l);
    let path = l.dir.path().join("gifts.journal");
    l.ok(&["export", "--format", "hledger", "--output", s(&path)]);
    if !crate::support::have("hledger") {
        crate::support::skip(
            "hledger_reads_the_export_and_the_gift_total_matches",
            "hledger is not installed",
        );
        return;
    }
    let out = std::process::Command::new("hledger")
        .args([
            "-f",
            s(&path),
            "balance",
            "expenses:gifts",
            "--depth",
            "2",
            "-N",
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let line = stdout
        .lines()
        .find(|l| l.trim_end().ends_with("expenses:gifts"))
        .unwrap_or_else(|| panic!("{stdout}"));
    let amount = line.split_whitespace().next().unwrap().replace(',', "");
    let want = format!("{}.{:02}", total / 100, total % 100);
    assert_eq!(amount, want, "{stdout}");
    assert!(line.contains("EUR"), "{line}");
    // The whole journal balances.
    let out = std::process::Command::new("hledger")
        .args(["-f", s(&path), "balance"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

// ---- export --output, missing ledgers ----

#[test]
fn export_output_file_is_private_and_quiet() {
    let l = Ledger::new();
    rich(&l);
    let path = l.dir.path().join("out.json");
    let r = l.run(&["-q", "export", "--output", s(&path)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, "");
    assert_eq!(r.stderr, "");
    assert_eq!(mode(&path), 0o600);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), l.ok(&["export"]));

    // An existing, world-readable file is replaced whole and ends up private.
    let csv = file(
        &l,
        "out.csv",
        "old contents that are much longer than nothing\n"
            .repeat(1000)
            .as_str(),
    );
    std::fs::set_permissions(&csv, std::fs::Permissions::from_mode(0o644)).unwrap();
    let r = l.run(&["export", "--format", "csv", "-o", s(&csv), "--force"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        !r.stdout.contains("id,kind"),
        "the data goes to the file: {}",
        r.stdout
    );
    assert_eq!(mode(&csv), 0o600);
    assert_eq!(
        std::fs::read_to_string(&csv).unwrap(),
        l.ok(&["export", "--format", "csv"])
    );
    // Nothing left behind but the two files (and the ledger's own).
    let mut names: Vec<String> = std::fs::read_dir(l.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| !n.starts_with("ledger.db"))
        .collect();
    names.sort();
    assert_eq!(names, ["out.csv", "out.json"]);
}

#[test]
fn export_to_a_folder_that_does_not_exist_is_exit_1() {
    let l = Ledger::new();
    l.client("ACME");
    let path = l.dir.path().join("no").join("such").join("out.json");
    l.fails_unchanged(&["export", "--output", s(&path)], 1);
    assert!(!path.exists());
}

#[test]
fn export_json_flag_goes_with_the_json_format_only() {
    let l = Ledger::new();
    l.client("ACME");
    let v = l.json(&["export"]);
    assert_eq!(v["format"], "relaties-ledger");
    for f in ["csv", "ics", "hledger"] {
        l.fails(&["export", "--format", f, "--json"], 2);
    }
    l.fails(&["export", "--format", "xml"], 2);
}

#[test]
fn reading_data_commands_on_a_missing_ledger_create_nothing() {
    let l = Ledger::new();
    let out = l.dir.path().join("out.json");
    let copy = l.dir.path().join("copy.db");
    for args in [
        vec!["export"],
        vec!["export", "--format", "csv"],
        vec!["export", "--format", "csv", "--what", "clients"],
        vec!["export", "--format", "ics"],
        vec!["export", "--format", "hledger"],
        vec!["export", "--output", s(&out)],
        vec!["backup", s(&copy)],
    ] {
        let r = l.run(&args);
        assert_failed(&r, 1, &args);
        assert_eq!(r.stdout, "", "{args:?}");
        assert!(!l.path.exists(), "{args:?} created the ledger");
    }
    assert!(!out.exists());
    assert!(!copy.exists());
    let left: Vec<_> = std::fs::read_dir(l.dir.path()).unwrap().collect();
    assert!(left.is_empty(), "{left:?}");
}

// ---- backup ----

#[test]
fn backup_refuses_an_existing_file_without_force() {
    let l = Ledger::new();
    rich(&l);
    let target = file(&l, "copy.db", "precious");
    let err = l.fails(&["backup", s(&target)], 1);
    assert!(err.contains("--force"), "{err}");
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "precious");

    let out = l.ok(&["backup", s(&target), "--force"]);
    assert!(!out.is_empty());
    assert_eq!(integrity(&target), "ok");
    assert_eq!(dump(&target), l.dump());
    assert_eq!(mode(&target), 0o600);
    let r = relaties()
        .arg("--db")
        .arg(&target)
        .args(["report", "--as-of", "2026-06-10", "--json"])
        .output()
        .unwrap();
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let report: Value = serde_json::from_slice(&r.stdout).unwrap();
    assert_eq!(report["period"]["since"], "2026-06-04");
    assert_eq!(report, l.json(&["report", "--as-of", "2026-06-10"]));
}

#[test]
fn backup_to_a_new_file_is_a_working_ledger() {
    let l = Ledger::new();
    l.example_1("ACME B.V.");
    let target = l.dir.path().join("sub-copy.db");
    let v = l.json(&["backup", s(&target)]);
    assert_eq!(v["integrity"], "ok");
    assert_eq!(integrity(&target), "ok");
    let copy = Ledger {
        dir: tempfile::tempdir().unwrap(),
        path: target.clone(),
    };
    assert_eq!(
        copy.score_of("ACME", "2026-11-26", &[]).four(),
        (70, 57, 65, 64)
    );
    // The copy is independent: writing to it leaves the original alone.
    let before = l.dump();
    copy.client("Only in the copy");
    assert_eq!(before, l.dump());
    // No temporary files left beside it.
    let stray: Vec<String> = std::fs::read_dir(l.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with(".relaties"))
        .collect();
    assert!(stray.is_empty(), "{stray:?}");
}

#[test]
fn backups_taken_while_another_process_writes_are_consistent() {
    let l = Ledger::new();
    l.client("ACME");
    let before = count(&l.path, "SELECT count(*) FROM entries");
    let copies: Vec<PathBuf> = (0..3)
        .map(|i| l.dir.path().join(format!("copy-{i}.db")))
        .collect();
    std::thread::scope(|scope| {
        let writer = scope.spawn(|| {
            for i in 0..100 {
                let day = format!("2025-{:02}-{:02}", 1 + i % 12, 1 + i % 28);
                let r = l.run(&["log-touch", "ACME", "Ping", "--date", &day]);
                assert_eq!(r.code, 0, "touch {i}: {}", r.stderr);
            }
        });
        for c in &copies {
            std::thread::sleep(std::time::Duration::from_millis(150));
            let r = l.run(&["backup", s(c)]);
            assert_eq!(r.code, 0, "backup: {}", r.stderr);
        }
        writer.join().unwrap();
    });
    let after = count(&l.path, "SELECT count(*) FROM entries");
    assert_eq!(after, before + 100);
    eprintln!(
        "backup counts: {:?}",
        copies
            .iter()
            .map(|c| count(c, "SELECT count(*) FROM entries"))
            .collect::<Vec<_>>()
    );
    let mut last = before;
    for c in &copies {
        assert_eq!(integrity(c), "ok");
        let n = count(c, "SELECT count(*) FROM entries");
        assert!(
            n >= last && n <= after,
            "{}: {n} not in {last}..={after}",
            c.display()
        );
        // Consistent: every entry's client is there, and ids run 1..=n.
        assert_eq!(count(c, "SELECT count(*) FROM clients"), 1);
        if n > 0 {
            assert_eq!(count(c, "SELECT max(id) FROM entries"), n);
        }
        last = n;
    }
}

// ---- completions, man ----

#[test]
fn completions_for_every_shell() {
    let l = Ledger::new();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let r = l.run(&["completions", shell]);
        assert_eq!(r.code, 0, "{shell}: {}", r.stderr);
        assert!(r.stdout.len() > 200, "{shell}: {}", r.stdout);
        assert!(r.stdout.contains("relaties"), "{shell}");
        if ["bash", "zsh", "fish"].contains(&shell) {
            // These ask relaties itself on every Tab (tests/cli/completion.rs).
            assert!(r.stdout.contains("RELATIES_COMPLETE="), "{shell}");
        } else {
            assert!(r.stdout.contains("log-gift"), "{shell}");
            assert!(r.stdout.contains("export"), "{shell}");
        }
    }
    l.fails(&["completions", "tcsh"], 2);
    assert!(!l.path.exists(), "completions need no ledger");
}

#[test]
fn man_page_is_roff() {
    let l = Ledger::new();
    let out = l.ok(&["man"]);
    assert!(
        out.starts_with(".TH") || out.starts_with(".ie"),
        "{}",
        &out[..out.len().min(200)]
    );
    assert!(out.contains(".TH"));
    assert!(out.contains("relaties"));
    assert!(out.contains("export") && out.contains("import"));
    assert!(!l.path.exists(), "man needs no ledger");
}

#[test]
fn a_second_import_of_any_fixture_changes_nothing() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).expect("fixtures") {
        let path = entry.expect("entry").path();
        let format = match path.extension().and_then(|e| e.to_str()) {
            Some("csv") => "csv",
            Some("vcf") => "vcf",
            Some("txt") => "csv",
            _ => continue,
        };
        let l = Ledger::new();
        let name = path.display().to_string();
        let first = l.run(&["import", &name, "--format", format]);
        assert_eq!(first.code, 0, "{name}: {}", first.stderr);
        let before = l.dump();
        let again = l.ok(&["import", &name, "--format", format]);
        assert!(
            again.starts_with("0 new clients, 0 new entries"),
            "{name}: {again}"
        );
        assert_eq!(
            l.dump(),
            before,
            "{name}: the second import changed the ledger"
        );
        seen += 1;
    }
    assert!(seen >= 6, "only {seen} fixtures");
}
