//! Clients: add, list, show, edit, archive, forget, and how references find them.

use serde_json::json;

use crate::support::{Ledger, keys, sorted, tsv};

#[test]
fn add_with_every_field() {
    let l = Ledger::new();
    let c = l.json(&[
        "client",
        "add",
        "ACME B.V.",
        "--contact",
        "Anna",
        "--email",
        "anna@acme.example",
        "--phone",
        "+31 20 123",
        "--since",
        "2026-01-15",
        "--tag",
        "retail",
        "--tag",
        "nl",
        "--cadence",
        "30",
        "--note",
        "big one",
    ]);
    assert_eq!(
        keys(&c),
        sorted(&[
            "id",
            "name",
            "contact",
            "email",
            "phone",
            "since",
            "tags",
            "cadence",
            "note",
            "archived",
            "recorded_by"
        ])
    );
    assert_eq!(
        c,
        json!({"id": 1, "name": "ACME B.V.", "contact": "Anna", "email": "anna@acme.example",
               "phone": "+31 20 123", "since": "2026-01-15", "tags": ["retail", "nl"],
               "cadence": 30, "note": "big one", "archived": false,
               "recorded_by": crate::support::USER})
    );
}

#[test]
fn add_with_only_a_name_has_nulls() {
    let l = Ledger::new();
    let c = l.json(&["client", "add", "Globex"]);
    assert_eq!(c["name"], "Globex");
    assert_eq!(c["contact"], json!(null));
    assert_eq!(c["since"], json!(null));
    assert_eq!(c["tags"], json!([]));
    assert_eq!(c["archived"], false);
}

#[test]
fn names_are_unique_case_insensitively() {
    let l = Ledger::new();
    l.client("ACME");
    let err = l.fails_unchanged(&["client", "add", "acme"], 1);
    assert!(err.contains("ACME"), "{err}");
}

#[test]
fn names_are_unique_accent_insensitively() {
    let l = Ledger::new();
    l.client("Café de Zon");
    l.fails_unchanged(&["client", "add", "cafe de zon"], 1);
    l.fails_unchanged(&["client", "add", "CAFÉ DE ZON"], 1);
}

#[test]
fn renaming_onto_a_taken_name_is_refused() {
    let l = Ledger::new();
    l.client("ACME");
    l.client("Globex");
    l.fails_unchanged(&["client", "edit", "Globex", "--name", "acme"], 1);
}

#[test]
fn empty_names_are_usage_errors() {
    let l = Ledger::new();
    l.fails(&["client", "add", ""], 2);
    l.fails(&["client", "add", "   "], 2);
    l.client("ACME");
    l.fails_unchanged(&["client", "edit", "ACME", "--name", " "], 2);
}

#[test]
fn list_is_tab_separated_with_a_header() {
    let l = Ledger::new();
    l.ok(&[
        "client",
        "add",
        "ACME",
        "--contact",
        "Anna",
        "--tag",
        "retail",
        "--since",
        "2026-01-15",
        "--cadence",
        "30",
    ]);
    l.ok(&["client", "add", "Globex"]);
    let rows = tsv(&l.ok(&["client", "list"]));
    assert_eq!(
        rows,
        vec![
            vec![
                "id", "name", "contact", "tags", "since", "cadence", "status"
            ],
            vec!["1", "ACME", "Anna", "retail", "2026-01-15", "30d", "active"],
            vec!["2", "Globex", "", "", "", "", "active"],
        ]
    );
}

#[test]
fn list_hides_archived_unless_all_and_filters_by_tag() {
    let l = Ledger::new();
    l.ok(&["client", "add", "ACME", "--tag", "retail"]);
    l.ok(&["client", "add", "Globex", "--tag", "tech"]);
    l.ok(&["client", "add", "Initech", "--tag", "retail"]);
    l.ok(&["client", "archive", "Initech"]);
    let names = |v: serde_json::Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|c| c["name"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(names(l.json(&["client", "list"])), ["ACME", "Globex"]);
    assert_eq!(
        names(l.json(&["client", "list", "--all"])),
        ["ACME", "Globex", "Initech"]
    );
    assert_eq!(
        names(l.json(&["client", "list", "--tag", "retail", "--all"])),
        ["ACME", "Initech"]
    );
    let rows = tsv(&l.ok(&["client", "list", "--all"]));
    assert_eq!(rows[3][1], "Initech");
    assert_eq!(rows[3][6], "archived");
}

#[test]
fn references_by_id_name_prefix_and_substring() {
    let l = Ledger::new();
    l.client("ACME B.V.");
    l.client("Café de Zon");
    l.client("Globex Corporation");
    let id_of = |q: &str| {
        l.json(&["client", "show", q])["client"]["id"]
            .as_i64()
            .unwrap()
    };
    assert_eq!(id_of("2"), 2);
    assert_eq!(id_of("#3"), 3);
    assert_eq!(id_of("acme b.v."), 1);
    assert_eq!(id_of("glo"), 3);
    assert_eq!(id_of("Corp"), 3);
    assert_eq!(id_of("cafe"), 2);
    assert_eq!(id_of("de zon"), 2);
}

#[test]
fn an_exact_name_wins_over_a_longer_prefix_match() {
    let l = Ledger::new();
    l.client("Acme");
    l.client("Acme Holding");
    let c = l.json(&["client", "show", "acme"]);
    assert_eq!(c["client"]["name"], "Acme");
}

#[test]
fn ambiguous_reference_names_the_candidates() {
    let l = Ledger::new();
    l.client("Globex East");
    l.client("Globex West");
    let err = l.fails(&["client", "show", "globex"], 1);
    assert!(
        err.contains("Globex East") && err.contains("Globex West"),
        "{err}"
    );
    l.fails_unchanged(&["log-touch", "globex", "--date", "2026-05-01"], 1);
}

#[test]
fn unknown_reference_suggests_a_close_name() {
    let l = Ledger::new();
    l.client("ACME B.V.");
    l.client("Globex");
    let err = l.fails(&["client", "show", "Glboex"], 1);
    assert!(err.contains("did you mean \"Globex\"?"), "{err}");
    let err = l.fails(&["client", "show", "acme bv"], 1);
    assert!(err.contains("did you mean \"ACME B.V.\"?"), "{err}");
    let err = l.fails(&["client", "show", "Zyxwvut"], 1);
    assert!(!err.contains("did you mean"), "{err}");
}

#[test]

fn typo_in_the_first_word_of_a_longer_name_suggests_it() {
    let l = Ledger::new();
    l.client("ACME B.V.");
    l.client("Globex");
    let err = l.fails(&["client", "show", "acne"], 1);
    assert!(err.contains("did you mean \"ACME B.V.\"?"), "{err}");
}

#[test]
fn unknown_id_is_exit_1() {
    let l = Ledger::new();
    l.client("ACME");
    l.fails(&["client", "show", "#7"], 1);
}

#[test]
fn archived_clients_match_only_by_exact_name() {
    let l = Ledger::new();
    l.client("ACME Holding");
    l.ok(&["client", "archive", "ACME Holding"]);
    l.fails(&["client", "show", "acme"], 1);
    l.fails(&["client", "show", "Holding"], 1);
    assert_eq!(
        l.json(&["client", "show", "acme holding"])["client"]["archived"],
        true
    );
    let u = l.json(&["client", "unarchive", "ACME Holding"]);
    assert_eq!(u["archived"], false);
    assert_eq!(
        l.json(&["client", "show", "acme"])["client"]["name"],
        "ACME Holding"
    );
}

#[test]
fn an_archived_client_named_by_part_says_it_is_archived_and_unarchive_finds_it() {
    let l = Ledger::new();
    l.client("Nordlicht GmbH");
    l.client("Nordstar");
    l.ok(&["client", "archive", "Nordlicht GmbH"]);
    // Not "did you mean" the name whose start was typed: it is archived, and how to reach it.
    let err = l.fails_unchanged(&["log-gift", "nordl", "Wine"], 1);
    assert_eq!(
        err.trim(),
        "error: no active client matches \"nordl\"; \"Nordlicht GmbH\" (#1) is archived: use \
         its full name or id, or `relaties client unarchive 1`"
    );
    // Among archived clients a prefix is enough for unarchive; an active one is refused.
    let u = l.json(&["client", "unarchive", "nordl"]);
    assert_eq!(
        (u["name"].as_str(), u["archived"].as_bool()),
        (Some("Nordlicht GmbH"), Some(false))
    );
    let err = l.fails_unchanged(&["client", "unarchive", "Nordstar"], 1);
    assert!(err.contains("\"Nordstar\" is not archived"), "{err}");
}

#[test]
fn archiving_twice_is_refused() {
    let l = Ledger::new();
    l.client("ACME");
    l.ok(&["client", "archive", "ACME"]);
    l.fails_unchanged(&["client", "archive", "ACME"], 1);
    l.ok(&["client", "unarchive", "ACME"]);
    l.fails_unchanged(&["client", "unarchive", "ACME"], 1);
}

#[test]
fn edit_changes_only_what_is_given() {
    let l = Ledger::new();
    l.ok(&[
        "client",
        "add",
        "ACME",
        "--contact",
        "Anna",
        "--tag",
        "retail",
        "--cadence",
        "30",
    ]);
    let c = l.json(&[
        "client",
        "edit",
        "ACME",
        "--name",
        "ACME B.V.",
        "--email",
        "a@b.example",
        "--tag",
        "nl",
    ]);
    assert_eq!(c["name"], "ACME B.V.");
    assert_eq!(c["contact"], "Anna");
    assert_eq!(c["email"], "a@b.example");
    assert_eq!(c["tags"], json!(["retail", "nl"]));
    assert_eq!(c["cadence"], 30);
    let c = l.json(&["client", "edit", "1", "--clear-tags", "--tag", "vip"]);
    assert_eq!(c["tags"], json!(["vip"]));
    assert_eq!(l.json(&["client", "list"])[0], c);
}

#[test]
fn show_lists_open_items() {
    let l = Ledger::new();
    l.client("ACME");
    let p = l.promise("ACME", "Proposal", "2026-03-10", "2026-03-01");
    let done = l.promise("ACME", "Quote", "2026-03-10", "2026-03-01");
    l.ok(&["deliver", &done.to_string(), "--date", "2026-03-05"]);
    let i = l.entry(&["log-incident", "ACME", "Outage", "--date", "2026-03-02"]);
    let s = l.json(&["client", "show", "ACME"]);
    assert_eq!(s["client"]["name"], "ACME");
    let ids = |k: &str| -> Vec<i64> {
        s[k].as_array()
            .unwrap()
            .iter()
            .map(|e| e["id"].as_i64().unwrap())
            .collect()
    };
    assert_eq!(ids("open_commitments"), [p]);
    assert_eq!(ids("open_incidents"), [i]);
    let human = l.ok(&["client", "show", "ACME"]);
    assert!(
        human.contains("Proposal") && human.contains("Outage"),
        "{human}"
    );
}

#[test]
fn cadence_out_of_range_is_a_usage_error() {
    let l = Ledger::new();
    l.fails(&["client", "add", "ACME", "--cadence", "0"], 2);
    l.fails(&["client", "add", "ACME", "--cadence", "many"], 2);
    assert_eq!(l.dump(), "<no ledger>");
}

#[test]
fn forget_needs_yes() {
    let l = Ledger::new();
    l.client("ACME");
    l.ok(&["log-touch", "ACME", "--date", "2026-05-01"]);
    l.fails_unchanged(&["client", "forget", "ACME"], 2);
}

#[test]
fn forget_erases_the_client_and_its_entries_and_cannot_be_undone() {
    let l = Ledger::new();
    l.client("ACME");
    l.client("Globex");
    l.ok(&[
        "log-gift",
        "ACME",
        "Secret wine",
        "--date",
        "2026-05-01",
        "--note",
        "private",
    ]);
    l.ok(&["log-touch", "Globex", "call", "--date", "2026-05-02"]);
    l.ok(&[
        "promise",
        "ACME",
        "Proposal",
        "--due",
        "2026-05-10",
        "--date",
        "2026-05-01",
    ]);
    l.ok(&["client", "forget", "ACME", "--yes"]);
    let dump = l.dump();
    assert!(
        !dump.contains("ACME") && !dump.contains("Secret wine") && !dump.contains("private"),
        "{dump}"
    );
    assert_eq!(l.query("SELECT count(*) FROM clients"), [["1"]]);
    assert_eq!(l.query("SELECT id, kind FROM entries"), [["2", "touch"]]);
    let err = l.fails_unchanged(&["undo"], 1);
    assert!(err.contains("cannot undo"), "{err}");
    assert_eq!(l.timeline().len(), 1);
}

#[test]
fn forget_anonymize_keeps_kinds_dates_and_costs_only() {
    let l = Ledger::new();
    let c = l.json(&[
        "client",
        "add",
        "ACME",
        "--contact",
        "Anna",
        "--email",
        "a@acme.example",
        "--note",
        "n",
    ])["id"]
        .as_i64()
        .unwrap();
    l.ok(&[
        "log-gift",
        "ACME",
        "Secret wine",
        "--cost",
        "45",
        "--occasion",
        "thanks",
        "--date",
        "2026-05-01",
        "--note",
        "private",
    ]);
    l.ok(&[
        "log-compliment",
        "ACME",
        "Nice words",
        "--for",
        "x",
        "--date",
        "2026-05-02",
    ]);
    l.ok(&[
        "promise",
        "ACME",
        "Proposal",
        "--due",
        "2026-05-10",
        "--date",
        "2026-05-03",
    ]);
    l.ok(&["client", "forget", "ACME", "--yes", "--anonymize"]);
    let dump = l.dump();
    for secret in [
        "ACME",
        "Anna",
        "a@acme.example",
        "Secret wine",
        "private",
        "Nice words",
        "Proposal",
    ] {
        assert!(!dump.contains(secret), "{secret} kept: {dump}");
    }
    let name = format!("forgotten client #{c}");
    assert_eq!(
        l.query("SELECT name, contact, email, note FROM clients"),
        [[name.as_str(), "NULL", "NULL", "NULL"]]
    );
    assert_eq!(
        l.query(
            "SELECT kind, date, cost_cents, currency, description, note FROM entries ORDER BY id"
        ),
        [
            ["gift", "2026-05-01", "4500", "EUR", "NULL", "NULL"],
            ["compliment", "2026-05-02", "NULL", "NULL", "NULL", "NULL"],
            ["commitment", "2026-05-03", "NULL", "NULL", "NULL", "NULL"],
        ]
    );
    let err = l.fails_unchanged(&["undo"], 1);
    assert!(err.contains("cannot undo"), "{err}");
}

#[test]
fn accented_names_match_exactly_and_by_folded_prefix() {
    let l = Ledger::new();
    l.client("Café de Zon");
    l.client("Cafeteria Noord");
    assert_eq!(
        l.json(&["client", "show", "CAFÉ DE ZON"])["client"]["id"],
        1
    );
    assert_eq!(l.json(&["client", "show", "cafe de"])["client"]["id"], 1);
    let err = l.fails(&["client", "show", "caf"], 1);
    assert!(
        err.contains("Café de Zon") && err.contains("Cafeteria Noord"),
        "{err}"
    );
}

#[test]
fn edit_with_empty_text_clears_a_field() {
    let l = Ledger::new();
    l.ok(&[
        "client",
        "add",
        "ACME",
        "--contact",
        "Anna",
        "--phone",
        "123",
    ]);
    let c = l.json(&["client", "edit", "ACME", "--contact", ""]);
    assert_eq!(c["contact"], json!(null));
    assert_eq!(c["phone"], "123");
}

#[test]
fn anonymized_client_is_listed_under_its_placeholder_and_takes_no_entries() {
    let l = Ledger::new();
    l.client("ACME");
    l.ok(&["log-touch", "ACME", "--date", "2026-05-01"]);
    l.ok(&["client", "forget", "ACME", "--yes", "--anonymize"]);
    assert_eq!(l.json(&["client", "list"]), json!([]));
    let all = l.json(&["client", "list", "--all"]);
    assert_eq!(all[0]["name"], "forgotten client #1");
    assert_eq!(all[0]["archived"], true);
    l.fails_unchanged(&["log-touch", "1", "--date", "2026-05-02"], 1);
    assert!(
        l.timeline().is_empty(),
        "anonymized entries leak into the timeline"
    );
}

#[test]
fn ids_are_not_reused_after_forget() {
    let l = Ledger::new();
    l.client("ACME");
    let e = l.entry(&["log-touch", "ACME", "--date", "2026-05-01"]);
    l.ok(&["client", "forget", "ACME", "--yes"]);
    let c = l.client("Globex");
    assert!(c > 1, "client id {c} reused");
    let e2 = l.entry(&["log-touch", "Globex", "--date", "2026-05-01"]);
    assert!(e2 > e, "entry id {e2} reused");
    // Undo works again for changes after the forget, but stops there.
    l.ok(&["undo"]);
    l.ok(&["undo"]);
    l.fails(&["undo"], 1);
}

#[test]
fn forget_prints_json_when_asked() {
    let l = Ledger::new();
    l.client("ACME");
    let v = l.json(&["client", "forget", "ACME", "--yes"]);
    assert!(v.is_object(), "{v}");
    assert_eq!(l.query("SELECT count(*) FROM clients"), [["0"]]);
}

#[test]
fn names_are_trimmed() {
    let l = Ledger::new();
    let c = l.json(&["client", "add", "  ACME  "]);
    assert_eq!(c["name"], "ACME");
    l.fails_unchanged(&["client", "add", "acme "], 1);
}
