//! `config list|get|set|unset`: defaults, validation, normalization, undo, and how the
//! settings move scores (SCORING.md "Settings"). Every date is fixed (2026).

use serde_json::{Value, json};

use crate::support::{Ledger, keys, tsv};

const AS_OF: &str = "2026-11-26";

/// Every key of cli.md's table with its default (decay and cadence from SCORING.md).
const DEFAULTS: [(&str, &str); 11] = [
    ("weight.appreciation", "1"),
    ("weight.trust", "1"),
    ("weight.passion", "1"),
    ("band.strong", "75"),
    ("band.ok", "50"),
    ("decay.half_life_days", "90"),
    ("cadence.default_days", "60"),
    ("currency.default", "EUR"),
    ("gift.yearly_budget", "227.00"),
    ("occasions", "Sinterklaas 12-05, Christmas 12-25"),
    ("hledger.account", "assets:bank"),
];

/// A default as `config list` and `config get` show it to people: the occasions with month
/// names (their JSON keeps the stored `MM-DD` form).
fn shown_default(key: &str) -> &'static str {
    match key {
        "occasions" => "Sinterklaas 5 dec, Christmas 25 dec",
        _ => DEFAULTS.iter().find(|(k, _)| *k == key).map_or("", |x| x.1),
    }
}

fn get(l: &Ledger, key: &str) -> String {
    l.ok(&["config", "get", key]).trim_end().to_string()
}

/// An existing ledger with one client, so `dump()` has something to compare.
fn ledger() -> Ledger {
    let l = Ledger::new();
    l.client("ACME");
    l
}

#[test]
fn list_json_has_every_key_with_its_default() {
    let l = ledger();
    let v = l.json(&["config", "list"]);
    let obj = v.as_object().expect("an object");
    for (k, d) in DEFAULTS {
        assert_eq!(obj.get(k), Some(&json!(d)), "{k}: {v}");
    }
    for (k, val) in obj {
        assert!(val.is_string(), "{k} is not text: {v}");
    }
}

#[test]
fn list_json_shows_set_values() {
    let l = ledger();
    l.ok(&["config", "set", "band.ok", "40"]);
    l.ok(&["config", "set", "hledger.account", "assets:checking"]);
    let v = l.json(&["config", "list"]);
    assert_eq!(v["band.ok"], "40");
    assert_eq!(v["hledger.account"], "assets:checking");
    assert_eq!(v["band.strong"], "75");
}

#[test]
fn list_is_tab_separated_key_value_source() {
    let l = ledger();
    let rows = tsv(&l.ok(&["config", "list"]));
    assert_eq!(rows[0], ["key", "value", "source"]);
    for (k, _) in DEFAULTS {
        let row = rows
            .iter()
            .find(|r| r[0] == k)
            .unwrap_or_else(|| panic!("no row for {k}: {rows:?}"));
        assert_eq!(row, &[k, shown_default(k), "default"], "{rows:?}");
    }
    for r in &rows {
        assert_eq!(r.len(), 3, "{r:?}");
    }
    l.ok(&["config", "set", "currency.default", "usd"]);
    let rows = tsv(&l.ok(&["config", "list"]));
    let row = rows.iter().find(|r| r[0] == "currency.default").unwrap();
    assert_eq!(row, &["currency.default", "USD", "set"]);
    let others = rows[1..].iter().filter(|r| r[2] == "set").count();
    assert_eq!(others, 1, "{rows:?}");
}

#[test]
fn list_on_a_missing_ledger_prints_defaults_and_creates_nothing() {
    let l = Ledger::new();
    let v = l.json(&["config", "list"]);
    for (k, d) in DEFAULTS {
        assert_eq!(v[k], d, "{k}: {v}");
    }
    let rows = tsv(&l.ok(&["config", "list"]));
    assert!(rows[1..].iter().all(|r| r[2] == "default"), "{rows:?}");
    assert_eq!(get(&l, "band.strong"), "75");
    assert!(!l.path.exists(), "config list created the ledger");
    let left: Vec<_> = std::fs::read_dir(l.dir.path()).unwrap().collect();
    assert!(left.is_empty(), "files created: {left:?}");
}

#[test]
fn get_prints_the_value_and_json_key_value() {
    let l = ledger();
    assert_eq!(get(&l, "occasions"), "Sinterklaas 5 dec, Christmas 25 dec");
    assert_eq!(
        l.json(&["config", "get", "occasions"]),
        json!({"key": "occasions", "value": "Sinterklaas 12-05, Christmas 12-25"})
    );
    assert_eq!(
        l.json(&["config", "get", "gift.yearly_budget"]),
        json!({"key": "gift.yearly_budget", "value": "227.00"})
    );
}

#[test]
fn unknown_keys_are_exit_2() {
    let l = ledger();
    for args in [
        &["config", "get", "nope"][..],
        &["config", "set", "nope", "1"],
        &["config", "unset", "nope"],
    ] {
        let err = l.fails_unchanged(args, 2);
        assert!(err.contains("nope"), "{args:?}: {err}");
    }
}

#[test]
fn set_normalizes_and_get_shows_the_normalized_value() {
    let l = ledger();
    for (k, given, shown) in [
        ("currency.default", "usd", "USD"),
        ("gift.yearly_budget", "€250,5", "250.50"),
        ("gift.yearly_budget", "1.234,56", "1234.56"),
        ("weight.trust", "2.0", "2"),
        ("weight.passion", "0.50", "0.5"),
        ("band.ok", " 40 ", "40"),
        ("decay.half_life_days", "120", "120"),
        ("cadence.default_days", "30", "30"),
        ("hledger.account", "assets:bank:ing", "assets:bank:ing"),
    ] {
        l.ok(&["config", "set", k, given]);
        assert_eq!(get(&l, k), shown, "{k} {given:?}");
        assert_eq!(l.json(&["config", "list"])[k], shown);
    }
    // The occasions are stored (and in JSON) month first, as before; people read month names.
    let out = l.ok(&[
        "config",
        "set",
        "occasions",
        "Koningsdag 04-27,Christmas 25 december",
    ]);
    assert_eq!(
        out,
        "occasions set to Koningsdag 27 apr, Christmas 25 dec\n"
    );
    assert_eq!(get(&l, "occasions"), "Koningsdag 27 apr, Christmas 25 dec");
    assert_eq!(
        l.json(&["config", "list"])["occasions"],
        "Koningsdag 04-27, Christmas 12-25"
    );
}

#[test]
fn set_json_prints_key_and_value() {
    let l = ledger();
    assert_eq!(
        l.json(&["config", "set", "currency.default", "gbp"]),
        json!({"key": "currency.default", "value": "GBP"})
    );
}

#[test]
fn malformed_values_are_exit_2_naming_the_key_and_change_nothing() {
    let l = ledger();
    l.ok(&["config", "set", "band.ok", "40"]);
    for (k, v) in [
        ("weight.appreciation", "-1"),
        ("weight.trust", "abc"),
        ("weight.passion", "NaN"),
        ("weight.trust", "inf"),
        ("band.strong", "101"),
        ("band.strong", "7.5"),
        ("band.ok", "-1"),
        ("band.ok", "many"),
        ("decay.half_life_days", "0"),
        ("decay.half_life_days", "3651"),
        ("decay.half_life_days", "9.5"),
        ("cadence.default_days", "0"),
        ("cadence.default_days", "week"),
        ("currency.default", "EURO"),
        ("currency.default", "XYZ"),
        ("gift.yearly_budget", "lots"),
        ("gift.yearly_budget", "-5"),
        ("occasions", "Christmas 12-32"),
        ("occasions", "Christmas"),
        ("hledger.account", ""),
    ] {
        // `--` so that clap takes "-1" as the value (a bare "-1": see the test below).
        let err = l.fails_unchanged(&["config", "set", k, "--", v], 2);
        assert_eq!(err.trim_end().lines().count(), 1, "{k} {v:?}: {err}");
        assert!(err.contains(k), "{k} {v:?}: the key is not named: {err}");
    }
    assert_eq!(get(&l, "band.ok"), "40");
}

#[test]
fn negative_values_without_double_dash_name_the_key() {
    let l = ledger();
    for (k, v) in [
        ("weight.trust", "-1"),
        ("band.ok", "-1"),
        ("gift.yearly_budget", "-5"),
    ] {
        let err = l.fails_unchanged(&["config", "set", k, v], 2);
        assert_eq!(err.trim_end().lines().count(), 1, "{k} {v:?}: {err}");
        assert!(err.contains(k), "{k} {v:?}: the key is not named: {err}");
    }
}

#[test]
fn malformed_values_on_a_missing_ledger_create_nothing() {
    let l = Ledger::new();
    l.fails(&["config", "set", "band.ok", "lots"], 2);
    l.fails(&["config", "set", "band.ok", "90"], 2);
    assert!(!l.path.exists(), "a failed config set created the ledger");
}

#[test]
fn band_ok_at_or_above_band_strong_is_exit_2() {
    let l = ledger();
    for v in ["80", "75"] {
        let err = l.fails_unchanged(&["config", "set", "band.ok", v], 2);
        assert!(err.contains("band."), "{err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    }
    let err = l.fails_unchanged(&["config", "set", "band.strong", "50"], 2);
    assert!(err.contains("band.strong"), "{err}");
    assert_eq!(get(&l, "band.ok"), "50");
    assert_eq!(get(&l, "band.strong"), "75");
    // In the right order both can move.
    l.ok(&["config", "set", "band.strong", "90"]);
    l.ok(&["config", "set", "band.ok", "80"]);
    assert_eq!(
        (get(&l, "band.ok"), get(&l, "band.strong")),
        ("80".into(), "90".into())
    );
    // Unsetting band.strong back to 75 would put it below band.ok 80.
    l.fails_unchanged(&["config", "unset", "band.strong"], 2);
}

#[test]
fn all_weights_zero_is_refused_on_the_last_one() {
    let l = ledger();
    l.ok(&["config", "set", "weight.appreciation", "0"]);
    l.ok(&["config", "set", "weight.trust", "0"]);
    let err = l.fails_unchanged(&["config", "set", "weight.passion", "0"], 2);
    assert!(err.contains("weight"), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert_eq!(get(&l, "weight.passion"), "1");
    assert_eq!(get(&l, "weight.trust"), "0");
}

#[test]
fn unset_returns_to_the_default() {
    let l = ledger();
    for (k, v) in [
        ("currency.default", "usd"),
        ("band.ok", "30"),
        ("decay.half_life_days", "10"),
        ("occasions", "Koningsdag 04-27"),
    ] {
        let d = shown_default(k);
        l.ok(&["config", "set", k, v]);
        assert_ne!(get(&l, k), d);
        l.ok(&["config", "unset", k]);
        assert_eq!(get(&l, k), d, "{k}");
        let rows = tsv(&l.ok(&["config", "list"]));
        let row = rows.iter().find(|r| r[0] == k).unwrap();
        assert_eq!(row[2], "default", "{row:?}");
    }
    // Unsetting a key that was never set is harmless.
    l.ok(&["config", "unset", "hledger.account"]);
    assert_eq!(get(&l, "hledger.account"), "assets:bank");
}

#[test]
fn undo_after_set_restores_the_previous_value() {
    let l = ledger();
    l.ok(&["config", "set", "band.ok", "40"]);
    l.ok(&["config", "set", "band.ok", "45"]);
    assert_eq!(get(&l, "band.ok"), "45");
    let said = l.ok(&["undo"]);
    assert!(said.contains("band.ok"), "{said}");
    assert_eq!(get(&l, "band.ok"), "40");
    l.ok(&["undo"]);
    assert_eq!(get(&l, "band.ok"), "50");
    let rows = tsv(&l.ok(&["config", "list"]));
    let row = rows.iter().find(|r| r[0] == "band.ok").unwrap();
    assert_eq!(row[2], "default", "{row:?}");
    // Undo of an unset brings the value back.
    l.ok(&["config", "set", "currency.default", "chf"]);
    l.ok(&["config", "unset", "currency.default"]);
    l.ok(&["undo"]);
    assert_eq!(get(&l, "currency.default"), "CHF");
}

#[test]
fn weight_trust_zero_leaves_trust_out_of_overall() {
    let l = Ledger::new();
    l.example_1("ACME");
    let before = l.score_of("ACME", AS_OF, &[]);
    assert_eq!(before.four(), (70, 57, 65, 64));
    l.ok(&["config", "set", "weight.trust", "0"]);
    let s = l.score_of("ACME", AS_OF, &[]);
    // The principles themselves do not change.
    assert_eq!((s.appreciation, s.trust, s.passion), (70, 57, 65));
    let mean = ((s.appreciation + s.passion) as f64 / 2.0).round() as i64;
    assert_eq!(s.overall, mean, "{s:?}");
    assert_eq!(s.overall, 68, "(70 + 65) / 2 = 67.5 rounds to 68");
    // Weights are relative: 2 / 1 / 1 → (140 + 57 + 65) / 4 = 65.5 → 66.
    l.ok(&["config", "set", "weight.trust", "1"]);
    l.ok(&["config", "set", "weight.appreciation", "2"]);
    assert_eq!(l.score_of("ACME", AS_OF, &[]).overall, 66);
}

#[test]
fn band_bounds_change_the_band() {
    let l = Ledger::new();
    l.example_1("ACME");
    assert_eq!(l.score_of("ACME", AS_OF, &[]).band, "ok");
    l.ok(&["config", "set", "band.strong", "64"]);
    assert_eq!(l.score_of("ACME", AS_OF, &[]).band, "strong", "64 ≥ 64");
    l.ok(&["config", "set", "band.strong", "65"]);
    assert_eq!(l.score_of("ACME", AS_OF, &[]).band, "ok");
    l.ok(&["config", "set", "band.ok", "64"]);
    assert_eq!(l.score_of("ACME", AS_OF, &[]).band, "ok", "64 ≥ 64");
    l.ok(&["config", "unset", "band.strong"]);
    l.ok(&["config", "set", "band.ok", "65"]);
    let s = l.score_of("ACME", AS_OF, &[]);
    assert_eq!((s.overall, s.band.as_str()), (64, "at-risk"));
    // A client with no entries is `ok` by default; band.ok 51 makes it at-risk.
    l.client("Fresh");
    l.ok(&["config", "unset", "band.ok"]);
    assert_eq!(l.score_of("Fresh", AS_OF, &[]).band, "ok");
    l.ok(&["config", "set", "band.ok", "51"]);
    assert_eq!(l.score_of("Fresh", AS_OF, &[]).band, "at-risk");
}

/// The explain points of the one item with `rule`.
fn points(l: &Ledger, client: &str, rule: &str) -> Option<i64> {
    let s = l.score_of(client, AS_OF, &["--explain"]);
    let items = s.explain.unwrap();
    let mine: Vec<_> = items.iter().filter(|i| i.rule == rule).collect();
    assert!(mine.len() <= 1, "{items:#?}");
    mine.first().map(|i| i.points)
}

#[test]
fn half_life_changes_an_old_gifts_points() {
    let l = Ledger::new();
    // A long cadence; the gift is exactly 90 days old, and nothing else is logged (no work,
    // so no neglect). SCORING.md: gift 8 × decay, rhythm 12 × decay (one period), then the
    // curve 50 + 50 × x / (40 + |x|).
    l.ok(&["client", "add", "ACME", "--cadence", "365"]);
    l.ok(&["log-gift", "ACME", "Pen", "--date", "2026-08-28"]);
    let want = |half_life: f64| {
        let x = 20.0 * 0.5f64.powf(90.0 / half_life);
        (50.0 + 50.0 * x / (40.0 + x)).round() as i64
    };
    // 8 × 0.5^(90/90) = 4; (4 + 6) → 50 + 50 × 10 / 50 = 60.
    assert_eq!(points(&l, "ACME", "gift"), Some(4));
    assert_eq!(l.score_of("ACME", AS_OF, &[]).appreciation, want(90.0));
    assert_eq!(want(90.0), 60);
    // 8 × 0.5^(90/180) = 5.66 → 6.
    l.ok(&["config", "set", "decay.half_life_days", "180"]);
    assert_eq!(points(&l, "ACME", "gift"), Some(6));
    assert_eq!(l.score_of("ACME", AS_OF, &[]).appreciation, want(180.0));
    assert_eq!(want(180.0), 63);
    // 8 × 0.5^(90/30) = 1.
    l.ok(&["config", "set", "decay.half_life_days", "30"]);
    assert_eq!(points(&l, "ACME", "gift"), Some(1));
    assert_eq!(l.score_of("ACME", AS_OF, &[]).appreciation, want(30.0));
    assert_eq!(want(30.0), 53);
    l.ok(&["config", "unset", "decay.half_life_days"]);
    assert_eq!(l.score_of("ACME", AS_OF, &[]).appreciation, 60);
}

#[test]
fn default_cadence_moves_neglect_and_silence() {
    let l = Ledger::new();
    l.client("ACME");
    l.ok(&["log-gift", "ACME", "Pen", "--date", "2026-08-28"]);
    l.ok(&["log-touch", "ACME", "Call", "--date", "2026-08-28"]);
    // 90 days since the gift and the call, over a 60-day cadence: the last 31 days are
    // neglected, and silence costs −min(25, 5 + 10 × 30/60) = −10.
    let s = l.score_of("ACME", AS_OF, &["--explain"]);
    assert!(points(&l, "ACME", "neglect").is_some(), "{s:?}");
    assert_eq!(points(&l, "ACME", "silence"), Some(-10));
    // Passion: the call 1.5 × 0.5 = 0.75, silence −10: 50 − 50 × 9.25 / 49.25 = 40.6.
    assert_eq!(s.passion, 41, "{s:?}");
    let neglected = s.appreciation;
    l.ok(&["config", "set", "cadence.default_days", "120"]);
    let s = l.score_of("ACME", AS_OF, &[]);
    // Passion: 0.75 alone → 50.9.
    assert_eq!(s.passion, 51, "{s:?}");
    assert!(s.appreciation > neglected, "{s:?}");
    assert_eq!(points(&l, "ACME", "neglect"), None);
    assert_eq!(points(&l, "ACME", "silence"), None);
    // A client's own --cadence wins over the default.
    l.ok(&["client", "edit", "ACME", "--cadence", "60"]);
    assert_eq!(l.score_of("ACME", AS_OF, &[]).passion, 41);
}

#[test]
fn settings_survive_and_are_carried_in_the_ledger() {
    let l = ledger();
    l.ok(&["config", "set", "decay.half_life_days", "45"]);
    let rows = l.query("SELECT * FROM settings");
    assert!(
        rows.iter().flatten().any(|c| c == "45"),
        "the value is not in the settings table: {rows:?}"
    );
    let v: Value = l.json(&["config", "list"]);
    assert_eq!(v["decay.half_life_days"], "45");
    assert!(keys(&v).len() >= DEFAULTS.len());
}
