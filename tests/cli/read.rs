//! Reading: timeline, commitments, incidents, and reading a missing ledger.

use serde_json::Value;

use crate::support::{Ledger, relaties, tsv};

fn ids(v: &Value) -> Vec<i64> {
    v.as_array()
        .expect("array")
        .iter()
        .map(|e| e["id"].as_i64().unwrap())
        .collect()
}

/// ACME: gift #1 (03-02), touch #2 (03-05), compliment #3 (03-01); Globex: milestone #4 (03-04).
fn seeded() -> Ledger {
    let l = Ledger::new();
    l.client("ACME");
    l.client("Globex");
    l.ok(&["log-gift", "ACME", "Wine box", "--date", "2026-03-02"]);
    l.ok(&[
        "log-touch",
        "ACME",
        "Call",
        "--channel",
        "call",
        "--date",
        "2026-03-05",
    ]);
    l.ok(&["log-compliment", "ACME", "Nice", "--date", "2026-03-01"]);
    l.ok(&["log-milestone", "Globex", "Launch", "--date", "2026-03-04"]);
    l
}

#[test]
fn reading_a_missing_ledger_says_so_and_creates_nothing() {
    let l = Ledger::new();
    for args in [
        &["timeline"][..],
        &["commitments"],
        &["incidents"],
        &["client", "list"],
        &["client", "show", "ACME"],
    ] {
        let err = l.fails(args, 1);
        let want = format!("error: no ledger at {};", l.path.display());
        assert!(err.starts_with(&want), "{args:?}: {err}");
    }
    let left: Vec<_> = std::fs::read_dir(l.dir.path()).unwrap().collect();
    assert!(left.is_empty(), "files created: {left:?}");
}

#[test]
fn timeline_is_tab_separated_newest_first() {
    let l = seeded();
    let rows = tsv(&l.ok(&["timeline"]));
    assert_eq!(rows[0], ["id", "date", "client", "kind", "what", "by"]);
    let firsts: Vec<[&str; 4]> = rows[1..]
        .iter()
        .map(|r| {
            assert_eq!(r.len(), 6, "{r:?}");
            assert_eq!(r[5], crate::support::USER, "{r:?}");
            [r[0].as_str(), r[1].as_str(), r[2].as_str(), r[3].as_str()]
        })
        .collect();
    assert_eq!(
        firsts,
        [
            ["#2", "2026-03-05", "ACME", "touch"],
            ["#4", "2026-03-04", "Globex", "milestone"],
            ["#1", "2026-03-02", "ACME", "gift"],
            ["#3", "2026-03-01", "ACME", "compliment"],
        ]
    );
    assert!(rows[3][4].contains("Wine box"), "{:?}", rows[3]);
}

#[test]
fn timeline_with_no_entries_prints_the_header_only() {
    let l = Ledger::new();
    l.client("ACME");
    assert_eq!(l.ok(&["timeline"]), "id\tdate\tclient\tkind\twhat\tby\n");
    assert_eq!(l.json(&["timeline"]), serde_json::json!([]));
}

#[test]
fn same_day_entries_list_newest_id_first() {
    let l = Ledger::new();
    l.client("ACME");
    l.ok(&["log-touch", "ACME", "a", "--date", "2026-03-02"]);
    l.ok(&["log-touch", "ACME", "b", "--date", "2026-03-02"]);
    assert_eq!(ids(&l.json(&["timeline"])), [2, 1]);
}

#[test]
fn timeline_filters_client_kind_dates_and_limit() {
    let l = seeded();
    assert_eq!(ids(&l.json(&["timeline", "ACME"])), [2, 1, 3]);
    assert_eq!(
        ids(&l.json(&["timeline", "--kind", "gift", "--kind", "milestone"])),
        [4, 1]
    );
    assert_eq!(
        ids(&l.json(&["timeline", "--since", "2026-03-02", "--until", "2026-03-04"])),
        [4, 1]
    );
    assert_eq!(ids(&l.json(&["timeline", "--limit", "2"])), [2, 4]);
    assert_eq!(ids(&l.json(&["timeline", "acme", "--kind", "touch"])), [2]);
}

#[test]
fn timeline_leaves_out_archived_clients_unless_named() {
    let l = seeded();
    l.ok(&["client", "archive", "Globex"]);
    assert_eq!(ids(&l.json(&["timeline"])), [2, 1, 3]);
    assert_eq!(ids(&l.json(&["timeline", "Globex"])), [4]);
}

#[test]
fn timeline_of_an_unknown_client_is_exit_1() {
    let l = seeded();
    l.fails(&["timeline", "Initech"], 1);
}

#[test]
fn global_flags_before_or_after_the_subcommand() {
    let l = seeded();
    let db = l.path.to_str().unwrap();
    let a = relaties()
        .args(["--json", "--db", db, "timeline", "ACME"])
        .output()
        .unwrap();
    let b = relaties()
        .args(["timeline", "ACME", "--db", db, "--json"])
        .output()
        .unwrap();
    assert!(a.status.success() && b.status.success());
    assert_eq!(a.stdout, b.stdout);
    let v: Value = serde_json::from_slice(&a.stdout).expect("one JSON document");
    assert_eq!(ids(&v), [2, 1, 3]);
}

#[test]
fn quiet_reading_prints_nothing() {
    let l = seeded();
    let r = l.run(&["timeline", "-q"]);
    assert_eq!((r.code, r.stdout.as_str(), r.stderr.as_str()), (0, "", ""));
}

/// #1 open, overdue (due 2026-02-10); #2 kept; #3 missed; #4 open for Globex (due 2026-04-01).
fn commitments() -> Ledger {
    let l = Ledger::new();
    l.client("ACME");
    l.client("Globex");
    l.ok(&[
        "promise",
        "ACME",
        "Proposal",
        "--due",
        "2026-02-10",
        "--date",
        "2026-02-01",
    ]);
    l.ok(&[
        "promise",
        "ACME",
        "Quote",
        "--due",
        "2026-02-05",
        "--date",
        "2026-02-01",
    ]);
    l.ok(&[
        "promise",
        "ACME",
        "Visit",
        "--due",
        "2026-02-07",
        "--date",
        "2026-02-01",
    ]);
    l.ok(&[
        "promise",
        "Globex",
        "Demo",
        "--due",
        "2026-04-01",
        "--date",
        "2026-02-01",
    ]);
    l.ok(&["deliver", "2", "--date", "2026-02-04"]);
    l.ok(&["miss", "3", "--date", "2026-02-08"]);
    l.ok(&["log-touch", "ACME", "--date", "2026-02-02"]);
    l
}

#[test]
fn commitments_lists_only_commitments_by_due_date() {
    let l = commitments();
    let all = l.json(&["commitments"]);
    assert_eq!(ids(&all), [2, 3, 1, 4]);
    let status: Vec<&str> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["status"].as_str().unwrap())
        .collect();
    assert_eq!(status, ["kept", "missed", "open", "open"]);
}

#[test]
fn commitments_open_overdue_and_client_filters() {
    let l = commitments();
    assert_eq!(ids(&l.json(&["commitments", "--open"])), [1, 4]);
    // Fixed past dates: both open ones are overdue whatever today is (after 2026-04-01).
    assert_eq!(ids(&l.json(&["commitments", "--overdue"])), [1, 4]);
    assert_eq!(ids(&l.json(&["commitments", "ACME", "--open"])), [1]);
    assert_eq!(ids(&l.json(&["commitments", "--due-within", "7"])), [1, 4]);
}

#[test]
fn commitments_due_within_uses_today() {
    let l = Ledger::new();
    l.client("ACME");
    let today = chrono::Local::now().date_naive();
    let near = (today + chrono::Duration::days(3)).to_string();
    let far = (today + chrono::Duration::days(40)).to_string();
    l.ok(&[
        "promise",
        "ACME",
        "Near",
        "--due",
        &near,
        "--date",
        "2026-01-01",
    ]);
    l.ok(&[
        "promise",
        "ACME",
        "Far",
        "--due",
        &far,
        "--date",
        "2026-01-01",
    ]);
    assert_eq!(ids(&l.json(&["commitments", "--due-within", "7"])), [1]);
    assert_eq!(
        ids(&l.json(&["commitments", "--overdue"])),
        Vec::<i64>::new()
    );
}

#[test]
fn incidents_and_open_incidents() {
    let l = Ledger::new();
    l.client("ACME");
    l.ok(&["log-incident", "ACME", "Outage", "--date", "2026-03-01"]);
    l.ok(&["log-incident", "ACME", "Typo", "--date", "2026-03-02"]);
    l.ok(&["log-gift", "ACME", "Sorry flowers", "--date", "2026-03-02"]);
    l.ok(&["resolve", "1", "--date", "2026-03-03"]);
    let all = l.json(&["incidents"]);
    let mut all_ids = ids(&all);
    all_ids.sort();
    assert_eq!(all_ids, [1, 2]);
    assert!(
        all.as_array()
            .unwrap()
            .iter()
            .all(|e| e["kind"] == "incident")
    );
    assert_eq!(ids(&l.json(&["incidents", "--open"])), [2]);
}

#[test]
fn json_output_is_exactly_one_document() {
    let l = seeded();
    for args in [
        &["timeline", "--json"][..],
        &["client", "list", "--json"],
        &["commitments", "--json"],
    ] {
        let out = l.ok(args);
        let mut docs = serde_json::Deserializer::from_str(&out).into_iter::<Value>();
        let first = docs.next().expect("a document").expect("valid JSON");
        assert!(first.is_array(), "{args:?}: {first}");
        assert!(
            docs.next().is_none(),
            "{args:?}: more than one document: {out}"
        );
    }
}
