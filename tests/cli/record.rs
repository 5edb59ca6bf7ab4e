//! Recording commands: what they store and print.

use serde_json::json;

use crate::support::{Ledger, keys, sorted};

const BASE: &[&str] = &[
    "id",
    "kind",
    "client",
    "date",
    "description",
    "note",
    "void",
    "void_reason",
    "recorded_by",
];

fn with_base(extra: &[&str]) -> Vec<String> {
    let mut all: Vec<&str> = BASE.to_vec();
    all.extend_from_slice(extra);
    sorted(&all)
}

#[test]
fn gift_json_has_the_contract_keys_and_values() {
    let l = Ledger::new();
    let c = l.client("ACME B.V.");
    let e = l.json(&[
        "log-gift",
        "ACME B.V.",
        "Wine box",
        "--occasion",
        "holiday",
        "--cost",
        "45.50",
        "--date",
        "2026-03-02",
        "--note",
        "for the team",
    ]);
    assert_eq!(keys(&e), with_base(&["occasion", "cost"]));
    assert_eq!(e["id"], 1);
    assert_eq!(e["kind"], "gift");
    assert_eq!(e["client"], json!({"id": c, "name": "ACME B.V."}));
    assert_eq!(e["date"], "2026-03-02");
    assert_eq!(e["description"], "Wine box");
    assert_eq!(e["occasion"], "holiday");
    assert_eq!(e["cost"]["cents"], 4550);
    assert_eq!(e["cost"]["currency"], "EUR");
    assert_eq!(e["note"], "for the team");
    assert_eq!(e["void"], false);
    assert_eq!(e["void_reason"], json!(null));
    // What was printed is what is stored.
    assert_eq!(l.entry_json(1), e);
}

#[test]
fn gift_without_cost_has_null_cost_and_occasion() {
    let l = Ledger::new();
    l.client("ACME");
    let e = l.json(&["log-gift", "ACME", "Flowers", "--date", "2026-04-01"]);
    assert_eq!(e["cost"], json!(null));
    assert_eq!(e["occasion"], json!(null));
    assert_eq!(e["note"], json!(null));
}

#[test]
fn cost_with_thousands_separator_and_decimal_comma() {
    let l = Ledger::new();
    l.client("ACME");
    let e = l.json(&[
        "log-gift",
        "ACME",
        "Dinner",
        "--cost",
        "1.234,56",
        "--date",
        "2026-04-01",
    ]);
    assert_eq!(e["cost"]["cents"], 123456);
    assert_eq!(e["cost"]["currency"], "EUR");
}

#[test]
fn cost_with_euro_sign_is_eur_and_displays_with_the_sign() {
    let l = Ledger::new();
    l.client("ACME");
    let e = l.json(&[
        "log-gift",
        "ACME",
        "Wine box",
        "--cost",
        "€45,50",
        "--date",
        "2026-04-01",
    ]);
    assert_eq!(
        e["cost"],
        json!({"cents": 4550, "currency": "EUR", "display": "€45.50"})
    );
}

#[test]
fn currency_flag_sets_the_code_in_upper_case() {
    let l = Ledger::new();
    l.client("ACME");
    let e = l.json(&[
        "log-gift",
        "ACME",
        "Book",
        "--cost",
        "20",
        "--currency",
        "usd",
        "--date",
        "2026-04-01",
    ]);
    assert_eq!(e["cost"]["cents"], 2000);
    assert_eq!(e["cost"]["currency"], "USD");
}

#[test]
fn compliment_milestone_and_touch_have_their_kind_keys() {
    let l = Ledger::new();
    l.client("ACME");
    let c = l.json(&[
        "log-compliment",
        "ACME",
        "Great brief",
        "--for",
        "clear brief",
        "--date",
        "2026-05-01",
    ]);
    assert_eq!(keys(&c), with_base(&["for"]));
    assert_eq!(c["kind"], "compliment");
    assert_eq!(c["description"], "Great brief");
    assert_eq!(c["for"], "clear brief");

    let m = l.json(&["log-milestone", "ACME", "Go-live", "--date", "2026-05-02"]);
    assert_eq!(keys(&m), with_base(&[]));
    assert_eq!(m["kind"], "milestone");
    assert_eq!(m["description"], "Go-live");

    let t = l.json(&[
        "log-touch",
        "ACME",
        "Quarterly call",
        "--channel",
        "call",
        "--energy",
        "4",
        "--proactive",
        "--date",
        "2026-05-03",
    ]);
    assert_eq!(keys(&t), with_base(&["channel", "energy", "proactive"]));
    assert_eq!(t["kind"], "touch");
    assert_eq!(t["channel"], "call");
    assert_eq!(t["energy"], 4);
    assert_eq!(t["proactive"], true);
    // One id sequence for all kinds.
    assert_eq!(
        [&c["id"], &m["id"], &t["id"]],
        [&json!(1), &json!(2), &json!(3)]
    );
}

#[test]
fn touch_without_text_has_null_description_and_defaults() {
    let l = Ledger::new();
    l.client("ACME");
    let t = l.json(&["log-touch", "ACME", "--date", "2026-05-03"]);
    assert_eq!(t["description"], json!(null));
    assert_eq!(t["channel"], json!(null));
    assert_eq!(t["energy"], json!(null));
    assert_eq!(t["proactive"], false);
}

#[test]
fn promise_is_an_open_commitment() {
    let l = Ledger::new();
    l.client("ACME");
    let p = l.json(&[
        "promise",
        "ACME",
        "Send the proposal",
        "--due",
        "2026-03-10",
        "--date",
        "2026-03-01",
        "--note",
        "by mail",
    ]);
    assert_eq!(
        keys(&p),
        with_base(&[
            "due",
            "status",
            "delivered",
            "quality",
            "missed",
            "missed_reason",
            "reschedules"
        ])
    );
    assert_eq!(p["kind"], "commitment");
    assert_eq!(p["date"], "2026-03-01");
    assert_eq!(p["due"], "2026-03-10");
    assert_eq!(p["status"], "open");
    assert_eq!(p["delivered"], json!(null));
    assert_eq!(p["quality"], json!(null));
    assert_eq!(p["missed"], json!(null));
    assert_eq!(p["reschedules"], json!([]));
    assert_eq!(p["note"], "by mail");
}

#[test]
fn deliver_on_time_is_kept_and_late_is_late() {
    let l = Ledger::new();
    l.client("ACME");
    let a = l.promise("ACME", "A", "2026-03-10", "2026-03-01");
    let b = l.promise("ACME", "B", "2026-03-10", "2026-03-01");
    let ka = l.json(&[
        "deliver",
        &a.to_string(),
        "--date",
        "2026-03-10",
        "--quality",
        "5",
    ]);
    assert_eq!(ka["status"], "kept");
    assert_eq!(ka["delivered"], "2026-03-10");
    assert_eq!(ka["quality"], 5);
    let kb = l.json(&["deliver", &format!("#{b}"), "--date", "2026-03-11"]);
    assert_eq!(kb["status"], "late");
    assert_eq!(kb["delivered"], "2026-03-11");
    assert_eq!(kb["quality"], json!(null));
    assert_eq!(l.entry_json(b)["status"], "late");
}

#[test]
fn miss_records_date_and_reason() {
    let l = Ledger::new();
    l.client("ACME");
    let a = l.promise("ACME", "A", "2026-03-10", "2026-03-01");
    let m = l.json(&[
        "miss",
        &a.to_string(),
        "--reason",
        "ill",
        "--date",
        "2026-03-12",
    ]);
    assert_eq!(m["status"], "missed");
    assert_eq!(m["missed"], "2026-03-12");
    assert_eq!(m["missed_reason"], "ill");
    assert_eq!(m["delivered"], json!(null));
}

#[test]
fn unagreed_reschedule_keeps_the_original_due_date_for_lateness() {
    let l = Ledger::new();
    l.client("ACME");
    let a = l.promise("ACME", "A", "2026-03-10", "2026-03-01");
    let r = l.json(&[
        "reschedule",
        &a.to_string(),
        "--due",
        "2026-03-20",
        "--date",
        "2026-03-05",
    ]);
    assert_eq!(r["due"], "2026-03-20");
    assert_eq!(r["status"], "open");
    assert_eq!(
        r["reschedules"],
        json!([{"date": "2026-03-05", "due": "2026-03-20", "agreed": false}])
    );
    let d = l.json(&["deliver", &a.to_string(), "--date", "2026-03-15"]);
    assert_eq!(d["status"], "late");
}

#[test]
fn agreed_reschedule_moves_the_due_date_for_lateness() {
    let l = Ledger::new();
    l.client("ACME");
    let a = l.promise("ACME", "A", "2026-03-10", "2026-03-01");
    let r = l.json(&[
        "reschedule",
        &a.to_string(),
        "--due",
        "2026-03-20",
        "--agreed",
        "--date",
        "2026-03-05",
    ]);
    assert_eq!(
        r["reschedules"],
        json!([{"date": "2026-03-05", "due": "2026-03-20", "agreed": true}])
    );
    let d = l.json(&["deliver", &a.to_string(), "--date", "2026-03-15"]);
    assert_eq!(d["status"], "kept");
    assert_eq!(d["due"], "2026-03-20");
}

#[test]
fn incident_inform_and_resolve() {
    let l = Ledger::new();
    l.client("ACME");
    let i = l.json(&[
        "log-incident",
        "ACME",
        "Server down",
        "--cause",
        "third-party",
        "--severity",
        "major",
        "--date",
        "2026-06-01",
    ]);
    assert_eq!(
        keys(&i),
        with_base(&[
            "cause",
            "severity",
            "informed",
            "explained",
            "solution",
            "resolved"
        ])
    );
    assert_eq!(i["cause"], "third-party");
    assert_eq!(i["severity"], "major");
    assert_eq!(i["informed"], json!(null));
    assert_eq!(i["explained"], false);
    assert_eq!(i["resolved"], json!(null));
    let id = i["id"].as_i64().unwrap().to_string();
    let inf = l.json(&["inform", &id, "--explained", "--date", "2026-06-02"]);
    assert_eq!(inf["informed"], "2026-06-02");
    assert_eq!(inf["explained"], true);
    let res = l.json(&[
        "resolve",
        &id,
        "--solution",
        "new host",
        "--date",
        "2026-06-03",
    ]);
    assert_eq!(res["resolved"], "2026-06-03");
    assert_eq!(res["solution"], "new host");
    assert_eq!(res["informed"], "2026-06-02");
}

#[test]
fn incident_with_informed_explained_and_solution_at_once() {
    let l = Ledger::new();
    l.client("ACME");
    let i = l.json(&[
        "log-incident",
        "ACME",
        "Late invoice",
        "--cause",
        "own",
        "--severity",
        "minor",
        "--date",
        "2026-06-01",
        "--informed",
        "2026-06-01",
        "--explained",
        "--solution",
        "credit",
    ]);
    assert_eq!(i["informed"], "2026-06-01");
    assert_eq!(i["explained"], true);
    assert_eq!(i["solution"], "credit");
    assert_eq!(i["cause"], "own");
    assert_eq!(i["severity"], "minor");
}

#[test]
fn recording_prints_the_new_entry_with_its_id() {
    let l = Ledger::new();
    l.client("ACME");
    l.ok(&["log-touch", "ACME", "hello", "--date", "2026-05-03"]);
    let out = l.ok(&["log-gift", "ACME", "Wine box", "--date", "2026-05-04"]);
    assert!(out.contains("#2"), "{out}");
    assert!(out.contains("Wine box"), "{out}");
    assert_eq!(out.lines().count(), 1, "{out}");
}

#[test]
fn quiet_prints_nothing_but_records() {
    let l = Ledger::new();
    let r = l.run(&["-q", "client", "add", "ACME"]);
    assert_eq!((r.code, r.stdout.as_str(), r.stderr.as_str()), (0, "", ""));
    let r = l.run(&[
        "log-gift",
        "ACME",
        "Wine",
        "--date",
        "2026-05-04",
        "--quiet",
    ]);
    assert_eq!((r.code, r.stdout.as_str(), r.stderr.as_str()), (0, "", ""));
    let t = l.timeline();
    assert_eq!(t.len(), 1);
    assert_eq!(t[0]["description"], "Wine");
}

#[test]
fn same_gift_within_a_year_warns_but_records() {
    let l = Ledger::new();
    l.client("ACME");
    let first = l.run(&["log-gift", "ACME", "Wine box", "--date", "2026-01-10"]);
    assert_eq!(first.code, 0);
    assert_eq!(first.stderr, "");
    let again = l.run(&["log-gift", "ACME", "Wine box", "--date", "2026-06-10"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(again.stderr.starts_with("warning:"), "{}", again.stderr);
    assert!(!again.stderr.contains("error"), "{}", again.stderr);
    assert_eq!(l.timeline().len(), 2);
}

#[test]
fn same_gift_more_than_a_year_ago_or_to_another_client_does_not_warn() {
    let l = Ledger::new();
    l.client("ACME");
    l.client("Globex");
    l.ok(&["log-gift", "ACME", "Wine box", "--date", "2025-01-10"]);
    let later = l.run(&["log-gift", "ACME", "Wine box", "--date", "2026-06-10"]);
    assert_eq!((later.code, later.stderr.as_str()), (0, ""));
    let other = l.run(&["log-gift", "Globex", "Wine box", "--date", "2026-06-11"]);
    assert_eq!((other.code, other.stderr.as_str()), (0, ""));
    assert_eq!(l.timeline().len(), 3);
}

#[test]
fn impossible_date_is_a_usage_error_and_writes_nothing() {
    let l = Ledger::new();
    l.client("ACME");
    l.fails_unchanged(&["log-gift", "ACME", "Wine", "--date", "2026-02-30"], 2);
    l.fails_unchanged(
        &[
            "promise",
            "ACME",
            "x",
            "--date",
            "2026-02-01",
            "--due",
            "2026-02-30",
        ],
        2,
    );
    assert!(l.timeline().is_empty());
}

#[test]
fn day_month_year_date_is_accepted() {
    let l = Ledger::new();
    l.client("ACME");
    let e = l.json(&["log-milestone", "ACME", "Launch", "--date", "05-03-2026"]);
    assert_eq!(e["date"], "2026-03-05");
}

#[test]
fn relative_dates_resolve_against_today() {
    let l = Ledger::new();
    l.client("ACME");
    let before = chrono::Local::now().date_naive();
    let e = l.json(&["log-touch", "ACME", "--date", "3d ago"]);
    let y = l.json(&["log-touch", "ACME", "--date", "yesterday"]);
    let t = l.json(&["log-touch", "ACME"]);
    let after = chrono::Local::now().date_naive();
    let ok = |v: &serde_json::Value, days: i64| {
        let d = v["date"].as_str().unwrap().to_string();
        [before, after]
            .iter()
            .any(|today| (*today - chrono::Duration::days(days)).to_string() == d)
    };
    assert!(ok(&e, 3), "{e}");
    assert!(ok(&y, 1), "{y}");
    assert!(ok(&t, 0), "{t}");
}

#[test]
fn recording_for_an_archived_client_is_refused() {
    let l = Ledger::new();
    let c = l.client("ACME");
    l.ok(&["client", "archive", "ACME"]);
    let err = l.fails_unchanged(&["log-gift", "ACME", "Wine", "--date", "2026-05-01"], 1);
    assert!(err.contains("archived"), "{err}");
    l.fails_unchanged(&["log-touch", &c.to_string(), "--date", "2026-05-01"], 1);
}

#[test]
fn amounts_in_several_notations() {
    let l = Ledger::new();
    l.client("ACME");
    for (typed, cents) in [
        ("45", 4500),
        ("45.5", 4550),
        ("45,50", 4550),
        ("1,234.56", 123456),
    ] {
        let e = l.json(&[
            "log-gift",
            "ACME",
            typed,
            "--cost",
            typed,
            "--date",
            "2026-04-01",
        ]);
        assert_eq!(e["cost"]["cents"], cents, "{typed}");
    }
}

#[test]
fn currency_needs_a_cost_and_must_agree_with_the_symbol() {
    let l = Ledger::new();
    l.client("ACME");
    l.fails_unchanged(
        &[
            "log-gift",
            "ACME",
            "Book",
            "--currency",
            "USD",
            "--date",
            "2026-04-01",
        ],
        2,
    );
    l.fails_unchanged(
        &[
            "log-gift",
            "ACME",
            "Book",
            "--cost",
            "€5",
            "--currency",
            "USD",
            "--date",
            "2026-04-01",
        ],
        2,
    );
}

#[test]

fn currency_must_be_an_iso_code() {
    let l = Ledger::new();
    l.client("ACME");
    l.fails_unchanged(
        &[
            "log-gift",
            "ACME",
            "Book",
            "--cost",
            "5",
            "--currency",
            "XYZ",
            "--date",
            "2026-04-01",
        ],
        2,
    );
}

#[test]
fn weekday_names_are_past_for_events_and_future_for_due_dates() {
    use chrono::Datelike;
    let l = Ledger::new();
    l.client("ACME");
    let today0 = chrono::Local::now().date_naive();
    let p = l.json(&[
        "promise",
        "ACME",
        "x",
        "--due",
        "friday",
        "--date",
        "wednesday",
    ]);
    let today1 = chrono::Local::now().date_naive();
    let day = |v: &serde_json::Value, k: &str| {
        chrono::NaiveDate::parse_from_str(v[k].as_str().unwrap(), "%Y-%m-%d").unwrap()
    };
    let (agreed, due) = (day(&p, "date"), day(&p, "due"));
    assert_eq!(agreed.weekday(), chrono::Weekday::Wed, "{p}");
    assert_eq!(due.weekday(), chrono::Weekday::Fri, "{p}");
    assert!(agreed <= today1 && (today0 - agreed).num_days() <= 7, "{p}");
    assert!(due >= today0 && (due - today1).num_days() <= 7, "{p}");
}

#[test]
fn dutch_and_offset_dates() {
    let l = Ledger::new();
    l.client("ACME");
    let t0 = chrono::Local::now().date_naive();
    let v = l.json(&["log-touch", "ACME", "--date", "vandaag"]);
    let p = l.json(&["promise", "ACME", "x", "--due", "+2w", "--date", "gisteren"]);
    let t1 = chrono::Local::now().date_naive();
    let is = |val: &serde_json::Value, days: i64| {
        [t0, t1]
            .iter()
            .any(|t| (*t + chrono::Duration::days(days)).to_string() == val.as_str().unwrap())
    };
    assert!(is(&v["date"], 0), "{v}");
    assert!(is(&p["date"], -1), "{p}");
    assert!(is(&p["due"], 14), "{p}");
}

#[test]
fn due_before_the_agreement_is_refused() {
    let l = Ledger::new();
    l.client("ACME");
    l.fails_unchanged(
        &[
            "promise",
            "ACME",
            "x",
            "--due",
            "2026-02-01",
            "--date",
            "2026-03-01",
        ],
        2,
    );
}

#[test]
fn rescheduling_before_the_agreement_or_to_the_same_due_is_refused() {
    let l = Ledger::new();
    l.client("ACME");
    let a = l.promise("ACME", "A", "2026-03-10", "2026-03-01");
    let a = a.to_string();
    l.fails_unchanged(
        &[
            "reschedule",
            &a,
            "--due",
            "2026-03-20",
            "--date",
            "2026-02-20",
        ],
        1,
    );
    l.fails_unchanged(
        &[
            "reschedule",
            &a,
            "--due",
            "2026-03-10",
            "--date",
            "2026-03-02",
        ],
        1,
    );
}

#[test]
fn two_reschedules_are_both_kept_and_the_last_is_due() {
    let l = Ledger::new();
    l.client("ACME");
    let a = l
        .promise("ACME", "A", "2026-03-10", "2026-03-01")
        .to_string();
    l.ok(&[
        "reschedule",
        &a,
        "--due",
        "2026-03-20",
        "--agreed",
        "--date",
        "2026-03-05",
    ]);
    let r = l.json(&[
        "reschedule",
        &a,
        "--due",
        "2026-03-25",
        "--date",
        "2026-03-18",
    ]);
    assert_eq!(r["due"], "2026-03-25");
    assert_eq!(r["reschedules"].as_array().unwrap().len(), 2);
    // Agreed due is 03-20: delivering on 03-22 is late, on 03-19 would be kept.
    assert_eq!(
        l.json(&["deliver", &a, "--date", "2026-03-22"])["status"],
        "late"
    );
}

#[test]
fn informing_with_explanation_twice_is_refused() {
    let l = Ledger::new();
    l.client("ACME");
    let i = l
        .entry(&["log-incident", "ACME", "x", "--date", "2026-06-01"])
        .to_string();
    l.ok(&["inform", &i, "--explained", "--date", "2026-06-02"]);
    l.fails_unchanged(&["inform", &i, "--explained", "--date", "2026-06-03"], 1);
}

#[test]
fn text_with_tabs_and_newlines_stays_one_tsv_row() {
    let l = Ledger::new();
    l.client("ACME");
    l.ok(&[
        "log-touch",
        "ACME",
        "line one\nline\ttwo",
        "--date",
        "2026-06-01",
    ]);
    let out = l.ok(&["timeline"]);
    let rows = crate::support::tsv(&out);
    assert_eq!(rows.len(), 2, "{out:?}");
    assert_eq!(rows[1].len(), 6, "{out:?}");
    assert_eq!(l.timeline()[0]["description"], "line one\nline\ttwo");
}
