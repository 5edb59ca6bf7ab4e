//! Typing (issue #13): values that begin with `-`, client names matched by whole words, no
//! future dates for what happened, amounts that read two ways.

use chrono::{Days, Local, NaiveDate};
use serde_json::Value;

use crate::support::Ledger;

fn today() -> NaiveDate {
    Local::now().date_naive()
}

fn days_ago(n: u64) -> String {
    (today() - Days::new(n)).to_string()
}

#[test]
fn a_value_that_begins_with_a_dash_is_a_value() {
    let l = Ledger::new();
    l.client("ACME B.V.");
    let e = l.json(&["log-touch", "acme", "call", "--date", "-1d"]);
    assert_eq!(e["date"], days_ago(1));
    let e = l.json(&["log-gift", "acme", "Wine", "--date", "-2w"]);
    assert_eq!(e["date"], days_ago(14));
    let s = l.json(&["score", "acme", "--as-of", "-2w"]);
    assert_eq!(s["as_of"], days_ago(14));
    let s = l.json(&["score", "--as-of", "-3d"]);
    assert_eq!(s[0]["as_of"], days_ago(3));
    let t = l.json(&["timeline", "--since", "-3d"]);
    assert_eq!(t.as_array().map(Vec::len), Some(1), "{t}");

    // A negative amount gets the amount's own error, naming it; nothing is recorded.
    let before = l.dump();
    let err = l.fails(&["log-gift", "acme", "Wine", "--cost", "-12"], 2);
    assert!(err.contains("\"-12\""), "{err}");
    assert!(err.contains("cannot be negative"), "{err}");
    assert!(!err.contains("unexpected argument"), "{err}");
    let err = l.fails(&["log-touch", "acme", "--date", "-1x"], 2);
    assert!(err.contains("invalid date \"-1x\""), "{err}");
    assert_eq!(l.dump(), before);
}

#[test]
fn client_names_match_whole_words_before_parts_of_words() {
    let l = Ledger::new();
    for name in [
        "Café de Zon",
        "Boekhandel De Vries & Zonen",
        "Brouwerij 't IJ",
        "Bakkerij Jansen",
    ] {
        l.client(name);
    }
    let client_of = |q: &str| -> Value {
        l.json(&["log-touch", q, "--channel", "call"])["client"]["name"].clone()
    };
    // "zon" is a word of one name and the start of a word of another.
    assert_eq!(client_of("zon"), "Café de Zon");
    assert_eq!(client_of("ZÓN"), "Café de Zon");
    // "ij" is a word of one name, the end of a word of another.
    assert_eq!(client_of("ij"), "Brouwerij 't IJ");
    assert_eq!(client_of("'t ij"), "Brouwerij 't IJ");
    // A word's start, when no word equals the text.
    assert_eq!(client_of("zone"), "Boekhandel De Vries & Zonen");
    assert_eq!(client_of("vri"), "Boekhandel De Vries & Zonen");
    // A unique prefix still comes first.
    assert_eq!(client_of("bakk"), "Bakkerij Jansen");
    // Reading commands match the same way.
    let show = l.json(&["client", "show", "ij"]);
    assert_eq!(show["client"]["name"], "Brouwerij 't IJ");
    // Where a step finds several, it says so (exit 1) and names them.
    let err = l.fails(&["log-touch", "erij"], 1);
    assert!(
        err.contains("Bakkerij Jansen") && err.contains("Brouwerij 't IJ"),
        "{err}"
    );
    let err = l.fails(&["log-touch", "de"], 1);
    assert!(
        err.contains("Café de Zon") && err.contains("Boekhandel"),
        "{err}"
    );
}

#[test]
fn what_happened_cannot_be_dated_in_the_future() {
    let l = Ledger::new();
    l.client("ACME B.V.");
    let c = l.promise("acme", "Website", "+10d", "today");
    let i = l.entry(&["log-incident", "acme", "Server down"]);
    let before = l.dump();
    let tomorrow = (today() + Days::new(1)).to_string();
    let refused: Vec<Vec<&str>> = vec![
        vec!["log-gift", "acme", "Wine", "--date", "tomorrow"],
        vec!["log-compliment", "acme", "Nice", "--date", "+1d"],
        vec!["log-milestone", "acme", "100th order", "--date", &tomorrow],
        vec!["log-touch", "acme", "--date", "+1d"],
        vec!["log-incident", "acme", "Down", "--date", "tomorrow"],
        vec!["log-incident", "acme", "Down", "--informed", "tomorrow"],
        vec!["promise", "acme", "X", "--due", "+5d", "--date", "tomorrow"],
    ];
    let c = c.to_string();
    let i = i.to_string();
    let refused_ids: Vec<Vec<&str>> = vec![
        vec!["deliver", &c, "--date", "tomorrow"],
        vec!["miss", &c, "--date", "tomorrow"],
        vec!["reschedule", &c, "--due", "+20d", "--date", "tomorrow"],
        vec!["inform", &i, "--date", "tomorrow"],
        vec!["resolve", &i, "--date", "tomorrow"],
        vec!["edit", &i, "--date", "tomorrow"],
        vec!["edit", &i, "--resolved", "tomorrow"],
        vec!["edit", &c, "--delivered", "tomorrow"],
    ];
    for args in refused.iter().chain(&refused_ids) {
        let err = l.fails(args, 2);
        assert!(
            err.contains("cannot be dated in the future"),
            "{args:?}: {err}"
        );
        assert!(err.contains(&tomorrow), "{args:?}: {err}");
        assert!(
            err.contains(&format!("today ({})", today())),
            "{args:?}: {err}"
        );
    }
    assert_eq!(l.dump(), before, "a refused date changed the ledger");
    // Due dates may lie ahead, and today is not the future.
    l.ok(&["promise", "acme", "Report", "--due", "tomorrow"]);
    l.ok(&["reschedule", &c, "--due", "+30d"]);
    l.ok(&["deliver", &c, "--date", "today"]);
}

#[test]
fn score_explain_counts_the_entries_after_as_of() {
    let l = Ledger::new();
    l.client("ACME B.V.");
    l.client("Café de Zon");
    l.ok(&["log-touch", "acme", "--date", &days_ago(10)]);
    l.ok(&["log-touch", "acme", "--date", &days_ago(2)]);
    l.ok(&["log-gift", "acme", "Wine", "--date", &days_ago(1)]);
    let v = l.ok(&[
        "log-gift",
        "acme",
        "Void one",
        "--date",
        &days_ago(1),
        "--json",
    ]);
    let void: Value = serde_json::from_str(&v).expect("json");
    l.ok(&["void", &void["id"].to_string()]);
    let as_of = days_ago(5);
    let out = l.ok(&["score", "acme", "--as-of", &as_of, "--explain"]);
    assert!(
        out.contains(&format!("left out: 2 entries dated after {as_of}")),
        "{out}"
    );
    let s = l.json(&["score", "acme", "--as-of", &as_of, "--explain"]);
    assert_eq!(s["left_out_after_as_of"], 2, "{s}");
    let all = l.json(&["score", "--as-of", &as_of, "--explain"]);
    let acme = all
        .as_array()
        .and_then(|a| a.iter().find(|s| s["client"]["name"] == "ACME B.V."))
        .expect("acme scored");
    assert_eq!(acme["left_out_after_as_of"], 2);
    let zon = all
        .as_array()
        .and_then(|a| a.iter().find(|s| s["client"]["name"] == "Café de Zon"))
        .expect("zon scored");
    assert_eq!(zon["left_out_after_as_of"], 0);
    let out = l.ok(&["score", "--as-of", &as_of, "--explain"]);
    assert_eq!(out.matches("left out:").count(), 1, "{out}");
    // Without a later entry, nothing is said.
    let out = l.ok(&["score", "acme", "--explain"]);
    assert!(!out.contains("left out"), "{out}");
}

#[test]
fn an_amount_that_reads_two_ways_is_refused_with_both_readings() {
    let l = Ledger::new();
    l.client("ACME B.V.");
    let before = l.dump();
    for (typed, thousands, decimal) in [
        ("1.234", "1234", "1.234"),
        ("1,234", "1234", "1,234"),
        ("€ 2.500", "2500", "2.500"),
    ] {
        let err = l.fails(&["log-gift", "acme", "Wine", "--cost", typed], 2);
        assert!(err.contains("reads two ways"), "{typed}: {err}");
        assert!(
            err.contains(&format!("as {thousands} (")) && err.contains(&format!("as {decimal} (")),
            "{typed}: {err}"
        );
    }
    assert_eq!(l.dump(), before);
    for (typed, cents) in [
        ("12,50 euro", 1250),
        ("12,50 EUR", 1250),
        ("EUR 12,50", 1250),
        ("€ 12,50", 1250),
        ("12,50€", 1250),
        ("1.234,56", 123_456),
        ("1,234.56", 123_456),
        ("1.234.567", 123_456_700),
    ] {
        let e = l.json(&["log-gift", "acme", "Wine", "--cost", typed]);
        assert_eq!(e["cost"]["cents"], cents, "{typed}: {e}");
        assert_eq!(e["cost"]["currency"], "EUR", "{typed}: {e}");
    }
}
