//! Moving a ledger into a team ledger (issue #17, "Moving"): a JSON export of a SQLite ledger
//! imported on the test server keeps its ids, and the next entry is numbered after them.

use serde_json::Value;

use crate::pg_support::server;
use crate::support::{Ledger, relaties};

fn ok(url: &str, args: &[&str]) -> String {
    let out = relaties()
        .arg("--db")
        .arg(url)
        .args(args)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn ids(timeline: &str) -> Vec<i64> {
    let v: Value = serde_json::from_str(timeline).expect("timeline --json");
    let mut ids: Vec<i64> = v
        .as_array()
        .expect("a list")
        .iter()
        .map(|e| e["id"].as_i64().expect("an id"))
        .collect();
    ids.sort_unstable();
    ids
}

#[test]
fn pg_import_keeps_ids_and_numbers_on_after_them() {
    let Some(pg) = server("pg_import_keeps_ids_and_numbers_on_after_them") else {
        return;
    };
    let db = pg.fresh_database();
    let url = db.url();
    let file = Ledger::new();
    file.client("Acme");
    file.client("Globex");
    for what in ["tea", "cake", "wine"] {
        file.ok(&["log-gift", "acme", what, "--cost", "10"]);
    }
    // A gap in the ids, as a ledger with voided-then-erased history has.
    let gone = file.entry(&["log-touch", "globex", "--channel", "call"]);
    file.ok(&["client", "forget", "globex", "--yes"]);
    let last = file.entry(&["log-gift", "acme", "book", "--cost", "20"]);
    assert!(last > gone);
    let doc = file.dir.path().join("ledger.json");
    file.ok(&["export", "-o", doc.to_str().expect("utf-8 path")]);

    ok(&url, &["team", "init"]);
    ok(&url, &["import", doc.to_str().expect("utf-8 path")]);

    let on_file = ids(&file.ok(&["timeline", "--json"]));
    let on_server = ids(&ok(&url, &["timeline", "--json"]));
    assert_eq!(on_server, on_file, "the ids kept");
    let added = ok(
        &url,
        &["log-gift", "acme", "flowers", "--cost", "5", "--json"],
    );
    let added: Value = serde_json::from_str(&added).expect("log-gift --json");
    assert_eq!(
        added["id"].as_i64(),
        Some(last + 1),
        "numbered after the imported ids: {added}"
    );
}

#[test]
fn pg_backup_keeps_who_recorded_each_row() {
    let Some(pg) = server("pg_backup_keeps_who_recorded_each_row") else {
        return;
    };
    let db = pg.fresh_database();
    let url = db.url();
    ok(&url, &["team", "init"]);
    ok(&url, &["client", "add", "Acme"]);
    ok(&url, &["log-gift", "acme", "tea", "--cost", "5"]);
    let file = Ledger::new();
    ok(&url, &["backup", file.path.to_str().expect("utf-8 path")]);
    let timeline: Value = serde_json::from_str(&file.ok(&["timeline", "--json"])).expect("json");
    assert_eq!(
        timeline[0]["recorded_by"].as_str(),
        Some(db.login.as_str()),
        "the login, not this machine's user: {timeline}"
    );
}
