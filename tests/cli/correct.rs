//! Correcting: edit, void, undo.

use serde_json::json;

use crate::support::Ledger;

fn gift(l: &Ledger) -> i64 {
    l.client("ACME");
    l.entry(&[
        "log-gift",
        "ACME",
        "Wine box",
        "--cost",
        "45",
        "--occasion",
        "holiday",
        "--date",
        "2026-03-02",
    ])
}

#[test]
fn edit_changes_the_given_fields_only() {
    let l = Ledger::new();
    let id = gift(&l);
    let before = l.entry_json(id);
    let e = l.json(&[
        "edit",
        &id.to_string(),
        "--description",
        "Wine crate",
        "--note",
        "two bottles",
        "--cost",
        "60",
    ]);
    assert_eq!(e["description"], "Wine crate");
    assert_eq!(e["note"], "two bottles");
    assert_eq!(e["cost"]["cents"], 6000);
    assert_eq!(e["occasion"], before["occasion"]);
    assert_eq!(e["date"], before["date"]);
    assert_eq!(e["id"], id);
    assert_eq!(l.entry_json(id), e);
}

#[test]
fn edit_date_and_client() {
    let l = Ledger::new();
    let id = gift(&l);
    let g = l.client("Globex");
    let e = l.json(&[
        "edit",
        &format!("#{id}"),
        "--date",
        "2026-03-05",
        "--client",
        "Globex",
    ]);
    assert_eq!(e["date"], "2026-03-05");
    assert_eq!(e["client"], json!({"id": g, "name": "Globex"}));
    assert!(l.json(&["timeline", "ACME"]).as_array().unwrap().is_empty());
}

#[test]
fn edit_with_a_flag_of_another_kind_is_refused() {
    let l = Ledger::new();
    let id = gift(&l).to_string();
    for flag in [
        ["--channel", "call"],
        ["--due", "2026-04-01"],
        ["--severity", "major"],
        ["--for", "x"],
    ] {
        let err = l.fails_unchanged(&["edit", &id, flag[0], flag[1]], 1);
        assert!(err.contains(flag[0]), "{err}");
    }
}

#[test]
fn edit_with_nothing_to_change_is_a_usage_error() {
    let l = Ledger::new();
    let id = gift(&l).to_string();
    l.fails_unchanged(&["edit", &id], 2);
}

#[test]
fn edit_of_an_unknown_entry_is_exit_1() {
    let l = Ledger::new();
    gift(&l);
    l.fails_unchanged(&["edit", "99", "--note", "x"], 1);
}

#[test]
fn edit_commitment_due_changes_the_status_rule() {
    let l = Ledger::new();
    l.client("ACME");
    let p = l.promise("ACME", "A", "2026-03-10", "2026-03-01");
    l.ok(&["deliver", &p.to_string(), "--date", "2026-03-12"]);
    assert_eq!(l.entry_json(p)["status"], "late");
    let e = l.json(&["edit", &p.to_string(), "--due", "2026-03-15"]);
    assert_eq!(e["due"], "2026-03-15");
    assert_eq!(e["status"], "kept");
}

#[test]
fn edit_quality_of_an_undelivered_commitment_is_refused() {
    let l = Ledger::new();
    l.client("ACME");
    let p = l.promise("ACME", "A", "2026-03-10", "2026-03-01");
    l.fails_unchanged(&["edit", &p.to_string(), "--quality", "4"], 1);
}

#[test]
fn edit_cannot_move_an_entry_after_its_own_later_dates() {
    let l = Ledger::new();
    l.client("ACME");
    let i = l.entry(&["log-incident", "ACME", "Outage", "--date", "2026-03-01"]);
    l.ok(&["resolve", &i.to_string(), "--date", "2026-03-03"]);
    l.fails_unchanged(&["edit", &i.to_string(), "--date", "2026-03-09"], 1);
}

#[test]
fn void_keeps_the_entry_marked_void() {
    let l = Ledger::new();
    let id = gift(&l);
    let v = l.json(&["void", &id.to_string(), "--reason", "duplicate"]);
    assert_eq!(v["void"], true);
    assert_eq!(v["void_reason"], "duplicate");
    let t = l.timeline();
    assert_eq!(t.len(), 1);
    assert_eq!(t[0]["id"], id);
    assert_eq!(t[0]["void"], true);
    assert_eq!(t[0]["void_reason"], "duplicate");
    assert_eq!(t[0]["description"], "Wine box");
    let err = l.fails_unchanged(&["void", &id.to_string()], 1);
    assert!(err.contains(&format!("#{id}")), "{err}");
}

#[test]
fn void_commitment_cannot_be_delivered() {
    let l = Ledger::new();
    l.client("ACME");
    let p = l.promise("ACME", "A", "2026-03-10", "2026-03-01");
    l.ok(&["void", &p.to_string()]);
    l.fails_unchanged(&["deliver", &p.to_string(), "--date", "2026-03-05"], 1);
}

#[test]
fn undo_a_record_removes_it_and_the_id_is_not_reused() {
    let l = Ledger::new();
    let id = gift(&l);
    let out = l.ok(&["undo"]);
    assert!(out.starts_with("undid: "), "{out}");
    assert!(out.contains("Wine box"), "{out}");
    assert!(l.timeline().is_empty());
    assert_eq!(l.query("SELECT count(*) FROM entries"), [["0"]]);
    let next = l.entry(&["log-touch", "ACME", "--date", "2026-03-03"]);
    assert!(next > id, "id {next} reused after undo of {id}");
}

#[test]
fn repeated_undo_walks_back_void_edit_and_record() {
    let l = Ledger::new();
    let id = gift(&l);
    let s = id.to_string();
    let recorded = l.dump();
    l.ok(&["edit", &s, "--description", "Cheese"]);
    let edited = l.dump();
    l.ok(&["void", &s, "--reason", "oops"]);

    assert!(l.ok(&["undo"]).starts_with("undid: "));
    assert_eq!(l.dump(), edited);
    assert_eq!(l.entry_json(id)["void"], false);
    l.ok(&["undo"]);
    assert_eq!(l.dump(), recorded);
    assert_eq!(l.entry_json(id)["description"], "Wine box");
    l.ok(&["undo"]);
    assert!(l.timeline().is_empty());
    // Then the client add.
    l.ok(&["undo"]);
    assert_eq!(l.query("SELECT count(*) FROM clients"), [["0"]]);
    let err = l.fails_unchanged(&["undo"], 1);
    assert!(err.contains("nothing to undo"), "{err}");
}

#[test]
fn undo_client_edit_and_archive() {
    let l = Ledger::new();
    l.ok(&["client", "add", "ACME", "--contact", "Anna"]);
    l.ok(&[
        "client",
        "edit",
        "ACME",
        "--name",
        "ACME B.V.",
        "--contact",
        "Bob",
    ]);
    l.ok(&["client", "archive", "ACME B.V."]);
    l.ok(&["undo"]);
    let c = &l.json(&["client", "list"])[0];
    assert_eq!(
        (&c["name"], &c["archived"]),
        (&json!("ACME B.V."), &json!(false))
    );
    l.ok(&["undo"]);
    let c = &l.json(&["client", "list"])[0];
    assert_eq!(
        (&c["name"], &c["contact"]),
        (&json!("ACME"), &json!("Anna"))
    );
}

#[test]
fn undo_a_delivery_reopens_the_commitment() {
    let l = Ledger::new();
    l.client("ACME");
    let p = l.promise("ACME", "A", "2026-03-10", "2026-03-01");
    l.ok(&["deliver", &p.to_string(), "--date", "2026-03-05"]);
    l.ok(&["undo"]);
    let e = l.entry_json(p);
    assert_eq!(e["status"], "open");
    assert_eq!(e["delivered"], json!(null));
    // And it can be delivered again.
    assert_eq!(
        l.json(&["deliver", &p.to_string(), "--date", "2026-03-12"])["status"],
        "late"
    );
}

#[test]
fn undo_json_says_what_it_undid() {
    let l = Ledger::new();
    l.client("ACME");
    let v = l.json(&["undo"]);
    let s = v["undone"].as_str().expect("undone is a string");
    assert!(s.contains("ACME"), "{v}");
}

#[test]
fn undo_with_nothing_on_a_missing_ledger_is_exit_1() {
    let l = Ledger::new();
    let err = l.fails(&["undo"], 1);
    assert!(
        err.contains("nothing to undo") || err.contains("no ledger"),
        "{err}"
    );
}

#[test]

fn undo_on_a_missing_ledger_creates_nothing() {
    let l = Ledger::new();
    l.fails(&["undo"], 1);
    assert!(
        !l.path.exists(),
        "a failed undo created {}",
        l.path.display()
    );
}

#[test]
fn undo_skips_failed_commands() {
    let l = Ledger::new();
    let id = gift(&l);
    l.fails(&["deliver", &id.to_string()], 1);
    l.fails(&["log-gift", "ACME", "x", "--date", "2026-02-30"], 2);
    let out = l.ok(&["undo"]);
    assert!(out.contains("Wine box"), "{out}");
    assert!(l.timeline().is_empty());
}

#[test]
fn undo_void_clears_the_reason() {
    let l = Ledger::new();
    let id = gift(&l);
    l.ok(&["void", &id.to_string(), "--reason", "dup"]);
    l.ok(&["undo"]);
    let e = l.entry_json(id);
    assert_eq!(
        (&e["void"], &e["void_reason"]),
        (&json!(false), &json!(null))
    );
}

#[test]
fn undo_a_move_to_another_client() {
    let l = Ledger::new();
    let id = gift(&l);
    l.client("Globex");
    l.ok(&["edit", &id.to_string(), "--client", "Globex"]);
    l.ok(&["undo"]);
    assert_eq!(l.entry_json(id)["client"]["name"], "ACME");
}

#[test]
fn quiet_undo_prints_nothing() {
    let l = Ledger::new();
    gift(&l);
    let r = l.run(&["undo", "-q"]);
    assert_eq!((r.code, r.stdout.as_str(), r.stderr.as_str()), (0, "", ""));
    assert!(l.timeline().is_empty());
}

#[test]
fn edit_touch_and_incident_fields() {
    let l = Ledger::new();
    l.client("ACME");
    let t = l
        .entry(&[
            "log-touch",
            "ACME",
            "call",
            "--proactive",
            "--date",
            "2026-03-01",
        ])
        .to_string();
    let e = l.json(&[
        "edit",
        &t,
        "--channel",
        "visit",
        "--energy",
        "2",
        "--proactive",
        "false",
    ]);
    assert_eq!(
        (&e["channel"], &e["energy"], &e["proactive"]),
        (&json!("visit"), &json!(2), &json!(false))
    );
    let i = l
        .entry(&["log-incident", "ACME", "x", "--date", "2026-03-01"])
        .to_string();
    let e = l.json(&[
        "edit",
        &i,
        "--cause",
        "client",
        "--severity",
        "critical",
        "--informed",
        "2026-03-02",
        "--explained",
        "true",
    ]);
    assert_eq!(e["cause"], "client");
    assert_eq!(e["severity"], "critical");
    assert_eq!(e["informed"], "2026-03-02");
    assert_eq!(e["explained"], true);
}

#[test]
fn edit_delivery_of_a_missed_commitment_is_refused() {
    let l = Ledger::new();
    l.client("ACME");
    let p = l
        .promise("ACME", "A", "2026-03-10", "2026-03-01")
        .to_string();
    l.ok(&["miss", &p, "--date", "2026-03-11"]);
    l.fails_unchanged(&["edit", &p, "--delivered", "2026-03-12"], 1);
}

#[test]
fn edit_to_an_archived_client_is_refused() {
    let l = Ledger::new();
    let id = gift(&l).to_string();
    l.client("Globex");
    l.ok(&["client", "archive", "Globex"]);
    l.fails_unchanged(&["edit", &id, "--client", "Globex"], 1);
}

/// `TZ` for one run, as an environment pair.
fn tz(zone: &str) -> [(&str, &std::ffi::OsStr); 1] {
    [("TZ", std::ffi::OsStr::new(zone))]
}

fn utc_time(s: &str) -> chrono::NaiveDateTime {
    chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S")
        .unwrap_or_else(|e| panic!("{s:?} is not a UTC time as SQLite writes it: {e}"))
}

#[test]
fn undo_times_are_kept_in_utc_and_shown_in_local_time() {
    // Tokyo is UTC+9 all year; POSIX forms (JST-9, UTC0) need no time zone database.
    const TOKYO: &str = "JST-9";
    let l = Ledger::new();
    let r = l.run_env(true, &tz(TOKYO), &["client", "add", "ACME"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = l.run_env(true, &tz("UTC0"), &["log-touch", "ACME", "Call"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // Each journal time is the moment of its write in UTC: the `created_at` SQLite gave the
    // row in the same transaction (datetime('now'), UTC whatever TZ says), to the minute.
    let rows = l.query(
        "SELECT j.at, coalesce((SELECT created_at FROM entries), ''), \
         (SELECT created_at FROM clients) FROM journal j ORDER BY j.id",
    );
    assert_eq!(rows.len(), 2, "{rows:?}");
    let (client_at, entry_at) = (utc_time(&rows[0][0]), utc_time(&rows[1][0]));
    for (at, created) in [(client_at, &rows[0][2]), (entry_at, &rows[1][1])] {
        let off = (at - utc_time(created)).num_seconds().abs();
        assert!(off <= 60, "journal {at} vs created_at {created}: not UTC");
    }
    // Shown in the local time of whoever runs undo, with the offset.
    let v = l.run_env(true, &tz(TOKYO), &["undo", "--json"]);
    assert_eq!(v.code, 0, "{}", v.stderr);
    let v: serde_json::Value = serde_json::from_str(&v.stdout).unwrap();
    let want = (entry_at + chrono::Duration::hours(9)).format("%Y-%m-%dT%H:%M:%S+09:00");
    assert_eq!(v["at"], want.to_string(), "{v}");
    let r = l.run_env(true, &tz("UTC0"), &["undo"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let want = client_at.format("%Y-%m-%dT%H:%M:%S+00:00");
    assert!(
        r.stdout.ends_with(&format!("(at {want})\n")),
        "{:?}",
        r.stdout
    );
}

#[test]
fn the_time_in_a_cannot_undo_error_is_local_too() {
    let l = Ledger::new();
    l.client("ACME");
    let r = l.run_env(true, &tz("JST-9"), &["client", "forget", "ACME", "--yes"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let at = utc_time(&l.query("SELECT at FROM journal")[0][0]);
    let want = (at + chrono::Duration::hours(9)).format("%Y-%m-%dT%H:%M:%S+09:00");
    let r = l.run_env(true, &tz("JST-9"), &["undo"]);
    crate::support::assert_failed(&r, 1, &["undo"]);
    assert!(r.stderr.contains(&format!(", {want})")), "{}", r.stderr);
}
