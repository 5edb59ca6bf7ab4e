//! The properties of `shared/design/scoring.md`, and the worked examples of SCORING.md.

use chrono::NaiveDate;
use proptest::prelude::*;

use super::*;
use crate::model::{Cause, Channel, ClientRef, Entry, Kind, Money, Reschedule, Severity};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

fn facts() -> ClientFacts {
    ClientFacts {
        client: ClientRef {
            id: 1,
            name: "ACME".into(),
        },
        cadence_days: None,
    }
}

/// Builds entries with ids in order.
struct H {
    entries: Vec<Entry>,
}

impl H {
    fn new() -> H {
        H {
            entries: Vec::new(),
        }
    }

    fn push(&mut self, kind: Kind, date: &str) -> &mut Entry {
        let id = self.entries.len() as i64 + 1;
        let mut e = Entry::new(kind, facts().client, d(date));
        e.id = id;
        e.description = Some(format!("{kind} {id}"));
        self.entries.push(e);
        self.entries.last_mut().expect("just pushed")
    }

    fn gift(&mut self, date: &str, cents: Option<i64>) -> &mut Entry {
        let e = self.push(Kind::Gift, date);
        e.cost = cents.map(|c| Money {
            cents: c,
            currency: "EUR".into(),
        });
        e
    }

    fn compliment(&mut self, date: &str) -> &mut Entry {
        self.push(Kind::Compliment, date)
    }

    fn touch(&mut self, date: &str, energy: u8, proactive: bool) -> &mut Entry {
        let e = self.push(Kind::Touch, date);
        e.energy = Some(energy);
        e.proactive = proactive;
        e.channel = Some(Channel::Call);
        e
    }

    fn commitment(&mut self, date: &str, due: &str) -> &mut Entry {
        let e = self.push(Kind::Commitment, date);
        e.due = Some(d(due));
        e
    }

    fn incident(&mut self, date: &str, severity: Severity, cause: Cause) -> &mut Entry {
        let e = self.push(Kind::Incident, date);
        e.severity = Some(severity);
        e.cause = Some(cause);
        e
    }

    fn at(&self, as_of: &str) -> Snapshot {
        snapshot(&facts(), &self.entries, &Config::default(), d(as_of), true)
    }
}

const AS_OF: &str = "2026-11-26";

fn sums_match(s: &Snapshot) {
    for (p, score) in [
        (Principle::Appreciation, s.appreciation),
        (Principle::Trust, s.trust),
        (Principle::Passion, s.passion),
    ] {
        let sum: i64 = s
            .items
            .iter()
            .filter(|i| i.principle == p)
            .map(|i| i.points)
            .sum();
        assert_eq!(sum, score, "{p:?} items {:?}", s.items);
    }
}

#[test]
fn no_history_is_neutral_not_at_risk() {
    let s = H::new().at(AS_OF);
    assert_eq!(
        (s.appreciation, s.trust, s.passion, s.overall),
        (50, 50, 50, 50)
    );
    assert_eq!(band(s.overall, &Config::default()), "ok");
}

#[test]
fn property_2_a_gesture_never_lowers_appreciation() {
    let mut h = H::new();
    h.touch("2026-03-01", 3, false);
    h.push(Kind::Milestone, "2026-06-01");
    let before = h.at(AS_OF).appreciation;
    for date in ["2026-01-01", "2026-06-10", "2026-11-26"] {
        let mut g = H {
            entries: h.entries.clone(),
        };
        g.compliment(date);
        assert!(g.at(AS_OF).appreciation >= before, "compliment on {date}");
        let mut g = H {
            entries: h.entries.clone(),
        };
        g.gift(date, Some(50_000));
        assert!(g.at(AS_OF).appreciation >= before, "gift on {date}");
    }
}

#[test]
fn compliments_alone_reach_strong() {
    let mut h = H::new();
    let mut date = d("2025-12-01");
    while date <= d(AS_OF) {
        h.compliment(&date.to_string());
        date += chrono::Duration::days(30);
    }
    let s = h.at(AS_OF);
    assert!(
        s.appreciation >= 75,
        "monthly compliments: {}",
        s.appreciation
    );
}

#[test]
fn money_is_not_appreciation() {
    let mut big = H::new();
    big.gift("2026-11-20", Some(50_000));
    let mut gestures = H::new();
    for day in ["2026-11-18", "2026-11-19", "2026-11-20"] {
        gestures.compliment(day);
    }
    assert!(gestures.at(AS_OF).appreciation > big.at(AS_OF).appreciation);
    let mut cheap = H::new();
    cheap.gift("2026-11-20", Some(2_000));
    let gap = big.at(AS_OF).appreciation - cheap.at(AS_OF).appreciation;
    assert!(
        gap <= 4,
        "a 25x dearer gift adds at most the cost cap: {gap}"
    );
}

#[test]
fn neglect_costs_more_the_longer() {
    let mut h = H::new();
    h.touch("2026-01-01", 3, false);
    let a = h.at("2026-03-15").appreciation; // 73 days of work, cadence 60
    let b = h.at("2026-06-01").appreciation;
    let c = h.at("2026-11-01").appreciation;
    assert!(a > b && b > c, "{a} {b} {c}");
    assert!(h.at("2026-03-15").items.iter().any(|i| i.rule == "neglect"));
    // Within the first cadence of work nothing is neglected yet.
    assert!(!h.at("2026-03-01").items.iter().any(|i| i.rule == "neglect"));
}

#[test]
fn unmarked_milestone_costs_and_marking_it_removes_the_cost() {
    let mut h = H::new();
    h.compliment("2026-10-01");
    h.push(Kind::Milestone, "2026-10-15");
    let s = h.at(AS_OF);
    assert!(s.items.iter().any(|i| i.rule == "milestone-unmarked"));
    h.gift("2026-10-20", None);
    assert!(
        !h.at(AS_OF)
            .items
            .iter()
            .any(|i| i.rule == "milestone-unmarked")
    );
    // Within the window it is still a chance, not a cost.
    let mut fresh = H::new();
    fresh.push(Kind::Milestone, "2026-11-20");
    assert!(
        !fresh
            .at(AS_OF)
            .items
            .iter()
            .any(|i| i.rule == "milestone-unmarked")
    );
}

fn delivered(on: Option<&str>, missed: Option<&str>) -> i64 {
    let mut h = H::new();
    let e = h.commitment("2026-09-01", "2026-10-01");
    e.delivered = on.map(d);
    e.missed = missed.map(d);
    e.quality = on.map(|_| 3);
    h.at(AS_OF).trust
}

#[test]
fn property_3_on_time_beats_late_beats_missed() {
    for late_day in ["2026-10-02", "2026-10-10", "2026-11-20"] {
        let on_time = delivered(Some("2026-10-01"), None);
        let early = delivered(Some("2026-09-20"), None);
        let late = delivered(Some(late_day), None);
        let missed = delivered(None, Some(late_day));
        assert!(on_time >= late && early >= late, "{on_time} {late}");
        assert!(late >= missed, "{late} {missed} on {late_day}");
    }
    assert!(delivered(Some("2026-10-02"), None) > delivered(Some("2026-11-01"), None));
}

#[test]
fn open_overdue_costs_more_every_day() {
    let mut h = H::new();
    h.commitment("2026-09-01", "2026-10-01");
    let a = h.at("2026-10-05").trust;
    let b = h.at("2026-10-10").trust;
    assert!(a > b, "{a} {b}");
    assert_eq!(h.at("2026-10-01").trust, 50, "not overdue on its due day");
}

#[test]
fn agreed_reschedule_is_not_lateness_unagreed_is() {
    let run = |agreed: bool| {
        let mut h = H::new();
        let e = h.commitment("2026-09-01", "2026-10-01");
        e.reschedules.push(Reschedule {
            date: d("2026-09-25"),
            due: d("2026-10-15"),
            agreed,
        });
        e.delivered = Some(d("2026-10-14"));
        h.at(AS_OF)
    };
    assert!(run(true).items.iter().any(|i| i.rule == "kept"));
    assert!(run(false).items.iter().any(|i| i.rule == "late"));
    assert!(run(true).trust > run(false).trust);
}

#[test]
fn quality_moves_trust() {
    let q = |quality: u8| {
        let mut h = H::new();
        let e = h.commitment("2026-09-01", "2026-10-01");
        e.delivered = Some(d("2026-10-01"));
        e.quality = Some(quality);
        h.at(AS_OF).trust
    };
    assert!(q(5) > q(3) && q(3) > q(1), "{} {} {}", q(5), q(3), q(1));
}

fn incident_trust(f: impl Fn(&mut Entry)) -> i64 {
    let mut h = H::new();
    let e = h.incident("2026-11-01", Severity::Major, Cause::Own);
    f(e);
    h.at(AS_OF).trust
}

#[test]
fn property_4_a_handled_incident_costs_strictly_less() {
    let never_told = incident_trust(|_| {});
    let handled = incident_trust(|e| {
        e.informed = Some(e.date);
        e.explained = true;
        e.solution = Some("fix".into());
        e.resolved = Some(d("2026-11-03"));
    });
    assert!(handled > never_told, "{handled} {never_told}");
    for sev in [Severity::Minor, Severity::Major, Severity::Critical] {
        for cause in [
            Cause::Own,
            Cause::Client,
            Cause::ThirdParty,
            Cause::ForceMajeure,
        ] {
            let cost = |handle: bool| {
                let mut h = H::new();
                let e = h.incident("2026-11-01", sev, cause);
                if handle {
                    e.informed = Some(e.date);
                    e.explained = true;
                    e.solution = Some("fix".into());
                    e.resolved = Some(d("2026-11-03"));
                }
                let mut t = Tally::new(Principle::Trust, false);
                let e = &h.entries[0];
                incident(&mut t, e, &Pre::new(e), dn(d(AS_OF)), &Decay::new(90, 1000));
                -t.sum
            };
            assert!(cost(true) < cost(false), "{sev:?} {cause:?}");
        }
    }
}

#[test]
fn property_5_force_majeure_costs_no_more_than_own() {
    for sev in [Severity::Minor, Severity::Major, Severity::Critical] {
        let run = |cause| {
            let mut h = H::new();
            h.incident("2026-11-01", sev, cause);
            h.at(AS_OF).trust
        };
        assert!(run(Cause::ForceMajeure) >= run(Cause::Own));
    }
}

#[test]
fn open_incident_does_not_fade_resolved_one_does() {
    let mut h = H::new();
    let e = h.incident("2026-01-10", Severity::Critical, Cause::Own);
    e.informed = Some(d("2026-01-10"));
    assert_eq!(h.at("2026-02-01").trust, h.at("2026-11-01").trust);
    h.entries[0].resolved = Some(d("2026-01-20"));
    assert!(h.at("2026-11-01").trust > h.at("2026-02-01").trust);
}

/// Property 6: the same closed entry dated longer ago moves the score less.
#[test]
fn property_6_older_moves_less() {
    let shifts = ["2026-11-20", "2026-09-01", "2026-03-01", "2025-06-01"];
    let moved = |build: &dyn Fn(&mut H, &str), pick: fn(&Snapshot) -> i64| -> Vec<i64> {
        shifts
            .iter()
            .map(|date| {
                // A background entry old enough to anchor the gaps before every shift.
                let mut base = H::new();
                base.push(Kind::Milestone, "2025-01-01");
                let without = pick(&base.at(AS_OF));
                build(&mut base, date);
                (pick(&base.at(AS_OF)) - without).abs()
            })
            .collect()
    };
    let checks: Vec<(&str, Vec<i64>)> = vec![
        (
            "gift",
            moved(
                &|h, date| {
                    h.gift(date, Some(4500));
                },
                |s| s.appreciation,
            ),
        ),
        (
            "compliment",
            moved(
                &|h, date| {
                    h.compliment(date);
                },
                |s| s.appreciation,
            ),
        ),
        (
            "touch",
            moved(
                &|h, date| {
                    h.touch(date, 5, true);
                },
                |s| s.passion,
            ),
        ),
        (
            "kept",
            moved(
                &|h, date| {
                    let e = h.commitment(date, date);
                    e.delivered = Some(d(date));
                },
                |s| s.trust,
            ),
        ),
        (
            "missed",
            moved(
                &|h, date| {
                    let e = h.commitment(date, date);
                    e.missed = Some(d(date));
                },
                |s| s.trust,
            ),
        ),
        (
            "resolved incident",
            moved(
                &|h, date| {
                    let e = h.incident(date, Severity::Major, Cause::Own);
                    e.resolved = Some(d(date));
                },
                |s| s.trust,
            ),
        ),
    ];
    for (what, v) in checks {
        assert!(v.windows(2).all(|w| w[0] >= w[1]), "{what}: {v:?}");
        assert!(v[0] > *v.last().unwrap_or(&0), "{what} must fade: {v:?}");
    }
}

#[test]
fn property_7_energy_and_proactivity_never_lower_passion() {
    for e in 1..5u8 {
        for p in [false, true] {
            let run = |energy: u8, proactive: bool| {
                let mut h = H::new();
                h.touch("2026-11-01", 2, false);
                h.touch("2026-11-10", 2, false);
                h.touch("2026-11-20", energy, proactive);
                h.at(AS_OF).passion
            };
            assert!(run(e + 1, p) >= run(e, p));
            assert!(run(e, true) >= run(e, false));
        }
    }
}

#[test]
fn low_energy_shows_even_with_frequent_contact() {
    let mut h = H::new();
    for day in ["2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23"] {
        h.touch(day, 2, false);
    }
    let s = h.at(AS_OF);
    assert!(s.items.iter().any(|i| i.rule == "low-energy"));
    assert!(s.passion < 50, "{}", s.passion);
}

#[test]
fn long_silence_lowers_passion() {
    let mut h = H::new();
    h.touch("2026-03-01", 3, false);
    assert!(h.at(AS_OF).items.iter().any(|i| i.rule == "silence"));
    assert!(h.at(AS_OF).passion < h.at("2026-03-02").passion);
}

#[test]
fn property_9_later_entries_do_not_count() {
    let mut h = H::new();
    h.compliment("2026-10-01");
    let before = h.at("2026-10-15");
    h.gift("2026-10-20", Some(100));
    h.incident("2026-10-16", Severity::Critical, Cause::Own);
    let c = h.commitment("2026-09-01", "2026-10-10");
    c.delivered = Some(d("2026-10-30"));
    assert_eq!(h.at("2026-10-15").appreciation, before.appreciation);
    assert_eq!(before.trust, 50);
    // Only the commitment, 5 days overdue on 10-15, counts then.
    assert_eq!(h.at("2026-10-15").trust, curve_score(-overdue_cost(5)));
}

fn overdue_cost(days: i64) -> f64 {
    (OVERDUE_BASE + OVERDUE_PER_DAY * days as f64).min(OVERDUE_MAX)
}

#[test]
fn a_curve_item_carries_the_bend_and_nothing_is_clamped() {
    let mut h = H::new();
    for i in 0..15 {
        h.incident(
            &format!("2026-11-{:02}", i + 1),
            Severity::Critical,
            Cause::Own,
        );
    }
    let s = h.at(AS_OF);
    assert!(s.trust > 0 && s.trust < 10, "{}", s.trust);
    assert!(!s.items.iter().any(|i| i.rule == "clamp"));
    let curve: Vec<_> = s.items.iter().filter(|i| i.rule == "curve").collect();
    assert_eq!(curve.len(), 1);
    assert!(curve[0].points > 0 && curve[0].entry.is_none());
    // The rules' points, rounded, then the curve: 50 + rules + curve = the score.
    let rules: i64 = s
        .items
        .iter()
        .filter(|i| i.principle == Principle::Trust && i.rule != "start" && i.rule != "curve")
        .map(|i| i.points)
        .sum();
    let raw = s.items.iter().filter(|i| i.rule == "incident").count();
    assert_eq!(raw, 15);
    assert_eq!(50 + rules + curve[0].points, s.trust);
    sums_match(&s);
}

fn curve_score(raw: f64) -> i64 {
    (50.0 + 50.0 * raw / (CURVE_SCALE + raw.abs())).round() as i64
}

#[test]
fn weights_move_overall_as_documented() {
    let mut cfg = Config {
        weight_trust: 0.0,
        ..Config::default()
    };
    assert_eq!(overall(80, 0, 60, &cfg), 70);
    cfg.weight_trust = 2.0;
    assert_eq!(overall(80, 20, 60, &cfg), 45);
}

// ---- property tests over random histories ----

fn arb_entry() -> impl Strategy<Value = Entry> {
    (
        0usize..6,
        0i64..800,
        proptest::option::of(0i64..5_000_000),
        1u8..=5,
        any::<bool>(),
        0usize..3,
        0usize..4,
        proptest::option::of(0i64..60),
        proptest::option::of(0i64..90),
        proptest::option::of(-20i64..60),
        any::<bool>(),
    )
        .prop_map(
            |(k, age, cost, energy, flag, sev, cause, after1, after2, due_in, void)| {
                let kind = [
                    Kind::Gift,
                    Kind::Compliment,
                    Kind::Milestone,
                    Kind::Touch,
                    Kind::Commitment,
                    Kind::Incident,
                ][k];
                let date = d("2026-11-26") - chrono::Duration::days(age);
                let mut e = Entry::new(kind, facts().client, date);
                e.void = void && flag;
                let plus = |n: i64| date + chrono::Duration::days(n);
                match kind {
                    Kind::Gift => {
                        e.cost = cost.map(|c| Money {
                            cents: c,
                            currency: "EUR".into(),
                        })
                    }
                    Kind::Touch => {
                        e.energy = Some(energy);
                        e.proactive = flag;
                    }
                    Kind::Commitment => {
                        e.due = Some(plus(due_in.unwrap_or(10).abs()));
                        if flag {
                            e.delivered = after1.map(plus);
                            e.quality = Some(energy);
                        } else {
                            e.missed = after1.map(plus);
                        }
                        if let Some(n) = after2 {
                            e.reschedules.push(Reschedule {
                                date: plus(n / 3),
                                due: plus(n),
                                agreed: energy > 2,
                            });
                        }
                    }
                    Kind::Incident => {
                        e.severity =
                            Some([Severity::Minor, Severity::Major, Severity::Critical][sev]);
                        e.cause = Some(
                            [
                                Cause::Own,
                                Cause::Client,
                                Cause::ThirdParty,
                                Cause::ForceMajeure,
                            ][cause],
                        );
                        e.informed = after1.map(plus);
                        e.explained = flag;
                        e.resolved = after2.map(plus);
                        e.solution = flag.then(|| "fix".into());
                    }
                    _ => {}
                }
                e
            },
        )
}

fn arb_history() -> impl Strategy<Value = Vec<Entry>> {
    proptest::collection::vec(arb_entry(), 0..60).prop_map(|mut v| {
        for (i, e) in v.iter_mut().enumerate() {
            e.id = i as i64 + 1;
        }
        v
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Property 1 (bounds) and 10 (explain sums), over random histories and dates.
    #[test]
    fn property_1_scores_stay_within_bounds(history in arb_history(), back in 0i64..900) {
        let as_of = d(AS_OF) - chrono::Duration::days(back);
        let s = snapshot(&facts(), &history, &Config::default(), as_of, true);
        for v in [s.appreciation, s.trust, s.passion, s.overall] {
            prop_assert!((0..=100).contains(&v), "{v}");
        }
        sums_match(&s);
    }

    /// Property 8: voiding an entry scores the same as never having logged it.
    #[test]
    fn property_8_void_is_never_logged(history in arb_history(), pick in any::<prop::sample::Index>()) {
        prop_assume!(!history.is_empty());
        let i = pick.index(history.len());
        let mut voided = history.clone();
        voided[i].void = true;
        let mut removed = history.clone();
        removed.remove(i);
        let cfg = Config::default();
        let a = score(&facts(), &voided, &cfg, d(AS_OF), true);
        let b = score(&facts(), &removed, &cfg, d(AS_OF), true);
        prop_assert_eq!(a, b);
    }

    /// Property 9: nothing dated after as_of counts.
    #[test]
    fn property_9_as_of_ignores_later_entries(history in arb_history(), back in 0i64..400) {
        let as_of = d(AS_OF) - chrono::Duration::days(back);
        let earlier: Vec<Entry> = history.iter().filter(|e| e.date <= as_of).cloned().collect();
        let cfg = Config::default();
        let a = snapshot(&facts(), &history, &cfg, as_of, false);
        let b = snapshot(&facts(), &earlier, &cfg, as_of, false);
        prop_assert_eq!((a.appreciation, a.trust, a.passion), (b.appreciation, b.trust, b.passion));
    }
}

// ---- the worked examples of SCORING.md, figure for figure ----

fn example_attentive() -> H {
    let mut h = H::new();
    h.gift("2026-11-20", Some(4550));
    h.compliment("2026-10-27");
    let c = h.commitment("2026-10-01", "2026-11-10");
    c.delivered = Some(d("2026-11-09"));
    c.quality = Some(5);
    h.touch("2026-11-03", 4, false);
    h.touch("2026-11-24", 5, true);
    h
}

fn example_incidents() -> H {
    let mut h = H::new();
    h.compliment("2026-11-01");
    h.touch("2026-11-20", 3, false);
    let e = h.incident("2026-11-02", Severity::Major, Cause::ForceMajeure);
    e.informed = Some(d("2026-11-02"));
    e.explained = true;
    e.solution = Some("moved to the backup server".into());
    e.resolved = Some(d("2026-11-05"));
    h.incident("2026-11-15", Severity::Minor, Cause::Own);
    h
}

fn example_neglected() -> H {
    let mut h = H::new();
    h.compliment("2026-06-01");
    h.commitment("2026-10-01", "2026-11-01");
    h.touch("2026-10-20", 2, false);
    h.touch("2026-11-05", 2, false);
    h.touch("2026-11-19", 1, false);
    h.touch("2026-05-15", 3, false);
    h
}

fn points(s: &Snapshot) -> Vec<(&'static str, &'static str, i64)> {
    s.items
        .iter()
        .map(|i| (i.principle.as_str(), i.rule, i.points))
        .collect()
}

/// `0.5^(days/90)`: the documented decay at the default half-life.
fn dk(days: f64) -> f64 {
    0.5f64.powf(days / 90.0)
}

/// Checks a principle against SCORING.md's arithmetic: the rules' points `raw` (computed in
/// the test from the documented formulas), the curve, and the rounded score.
fn check(what: &str, score: i64, exact: f64, raw: f64, want: i64) {
    let curved = 50.0 + 50.0 * raw / (40.0 + raw.abs());
    assert!((exact - curved).abs() < 1e-9, "{what}: {exact} vs {curved}");
    assert_eq!(curved.round() as i64, want, "{what}: the documented figure");
    assert_eq!(score, want, "{what}");
}

#[test]
fn example_1_attentive_client() {
    let s = example_attentive().at(AS_OF);
    let gift = (8.0 + 4.0 * (1.0 - (-45.5f64 / 50.0).exp())) * dk(6.0);
    let appreciation = gift + 6.0 * dk(30.0) + 12.0 * dk(6.0);
    check("appreciation", s.appreciation, s.exact[0], appreciation, 70);
    check("trust", s.trust, s.exact[1], 8.0 * dk(17.0), 57);
    let passion = 5.5 * dk(23.0) + 13.5 * dk(2.0);
    check("passion", s.passion, s.exact[2], passion, 65);
    assert_eq!(s.overall, 64, "(70 + 57 + 65) / 3 = 64");
    assert_eq!(
        points(&s),
        vec![
            ("appreciation", "start", 50),
            ("appreciation", "gift", 10),
            ("appreciation", "compliment", 5),
            ("appreciation", "rhythm", 11),
            ("appreciation", "curve", -6),
            ("trust", "start", 50),
            ("trust", "kept", 7),
            ("passion", "start", 50),
            ("passion", "touch", 5),
            ("passion", "touch", 13),
            ("passion", "curve", -3),
        ]
    );
    assert_eq!(band(s.overall, &Config::default()), "ok");
}

#[test]
fn example_2_incidents_handled_well_and_badly() {
    let s = example_incidents().at(AS_OF);
    check(
        "appreciation",
        s.appreciation,
        s.exact[0],
        18.0 * dk(25.0),
        64,
    );
    let handled = 12.0 * 0.5 * (1.0 - 0.8) * dk(21.0);
    let hidden = 6.0 * (1.0 + 0.5 * 11.0 / 7.0);
    check("trust", s.trust, s.exact[1], -handled - hidden, 39);
    check("passion", s.passion, s.exact[2], 1.5 * dk(6.0), 52);
    assert_eq!(s.overall, 52, "(64 + 39 + 52) / 3 = 51.7");
    let trust: Vec<_> = points(&s).into_iter().filter(|p| p.0 == "trust").collect();
    assert_eq!(
        trust,
        vec![
            ("trust", "start", 50),
            ("trust", "incident", -1),
            ("trust", "incident", -11),
            ("trust", "curve", 1)
        ]
    );
}

#[test]
fn example_3_neglected_client() {
    let s = example_neglected().at(AS_OF);
    // Work since 05-15: days from 07-31 (60 days after the compliment) to 11-26 are neglected.
    let q = dk(1.0);
    let neglect = 0.5 * (1.0 - q.powi(119)) / (1.0 - q);
    let appreciation = 6.0 * dk(178.0) + 12.0 * dk(178.0) - neglect;
    check("appreciation", s.appreciation, s.exact[0], appreciation, 27);
    check("trust", s.trust, s.exact[1], -20.0, 33);
    let passion = -2.5 * dk(37.0) - 2.5 * dk(21.0) - 6.5 * dk(7.0) + 1.5 * dk(195.0) - 10.0;
    check("passion", s.passion, s.exact[2], passion, 33);
    assert_eq!(s.overall, 31, "(27 + 33 + 33) / 3 = 31");
    assert_eq!(
        points(&s),
        vec![
            ("appreciation", "start", 50),
            ("appreciation", "compliment", 1),
            ("appreciation", "rhythm", 3),
            ("appreciation", "neglect", -39),
            ("appreciation", "curve", 12),
            ("trust", "start", 50),
            ("trust", "overdue", -20),
            ("trust", "curve", 3),
            ("passion", "start", 50),
            ("passion", "touch", -2),
            ("passion", "touch", -2),
            ("passion", "touch", -6),
            ("passion", "touch", 0),
            ("passion", "low-energy", -10),
            ("passion", "curve", 3),
        ]
    );
    assert_eq!(band(s.overall, &Config::default()), "at-risk");
}

#[test]
fn explanations_count_days_in_words() {
    let mut h = H::new();
    h.compliment("2026-11-26");
    h.touch("2026-11-27", 4, false);
    h.commitment("2026-11-01", "2026-11-26");
    let s = h.at("2026-11-27");
    // The words are the render layer's; the score layer gives the facts.
    assert!(s.items.iter().all(|i| i.reason.is_empty()));
    let reasons: Vec<String> = s.items.iter().map(crate::render::score::reason).collect();
    assert!(
        reasons.iter().any(|r| r.ends_with(", 1 day ago")),
        "{reasons:?}"
    );
    assert!(
        reasons.iter().any(|r| r.contains(", today: energy 4/5")),
        "{reasons:?}"
    );
    assert!(
        reasons
            .iter()
            .any(|r| r.ends_with("open and 1 day overdue")),
        "{reasons:?}"
    );
    assert!(
        !reasons.iter().any(|r| r.contains(" 1 days")),
        "{reasons:?}"
    );
}

// ---- the second round (issue #14): no gaming, no cliffs ----

/// Work every three weeks from `from` to `to`: calls (energy 3) and, every other time, a
/// commitment delivered on time.
fn work(h: &mut H, from: &str, to: &str) {
    let mut day = d(from);
    let mut n = 0;
    while day <= d(to) {
        let date = day.to_string();
        if n % 2 == 0 {
            h.touch(&date, 3, false);
        } else {
            let e = h.commitment(&date, &date);
            e.delivered = Some(day);
            e.quality = Some(4);
        }
        n += 1;
        day += chrono::Duration::days(21);
    }
}

#[test]
fn item_1_a_first_gesture_never_lowers_appreciation() {
    let empty = H::new().at(AS_OF);
    assert_eq!(empty.appreciation, 50);
    // One compliment ten weeks ago, and nothing else: today it scored 23.
    let mut h = H::new();
    h.compliment("2026-09-17");
    let one = h.at(AS_OF);
    assert!(one.appreciation > 50, "{}", one.appreciation);
    // Before the first work, too.
    let mut h = H::new();
    h.touch("2026-10-01", 3, false);
    let before = h.at(AS_OF).appreciation;
    h.compliment("2026-06-01");
    assert!(h.at(AS_OF).appreciation >= before);
}

#[test]
fn item_2_one_gesture_does_not_erase_neglect() {
    let cfg = Config::default();
    // Work since May, the last compliment on 2026-06-01 (178 days before as_of).
    let mut h = H::new();
    work(&mut h, "2026-05-04", AS_OF);
    h.compliment("2026-06-01");
    let before = h.at(AS_OF).appreciation;
    h.compliment(AS_OF);
    let after = h.at(AS_OF).appreciation;
    assert!(
        after - before <= 15,
        "one compliment lifted {before} to {after}"
    );
    assert!(after < cfg.band_ok, "{after}");
    assert!(after > before);
    // Three, four, six cadences of work without any gesture.
    for cadences in [3, 4, 6] {
        let mut h = H::new();
        let from = d(AS_OF) - chrono::Duration::days(60 * cadences);
        work(&mut h, &from.to_string(), AS_OF);
        let before = h.at(AS_OF).appreciation;
        h.compliment(AS_OF);
        let after = h.at(AS_OF).appreciation;
        assert!(
            after - before <= 15 && after < cfg.band_ok,
            "{cadences}: {before} -> {after}"
        );
    }
}

#[test]
fn item_2_a_steady_rhythm_reaches_strong() {
    for (cadence, gift) in [(60, false), (60, true), (30, false), (45, false)] {
        let mut h = H::new();
        work(&mut h, "2025-11-01", AS_OF);
        let mut day = d(AS_OF) - chrono::Duration::days(365);
        let mut last = day;
        while day <= d(AS_OF) {
            if gift {
                h.gift(&day.to_string(), Some(2500));
            } else {
                h.compliment(&day.to_string());
            }
            last = day;
            day += chrono::Duration::days(cadence);
        }
        let f = ClientFacts {
            cadence_days: Some(cadence as u32),
            ..facts()
        };
        let s = snapshot(&f, &h.entries, &Config::default(), last, false);
        assert!(
            s.appreciation >= 75,
            "one gesture per {cadence} days: {}",
            s.appreciation
        );
    }
}

fn hidden_vs_handled(weeks: i64) -> (i64, i64) {
    let date = d(AS_OF) - chrono::Duration::days(7 * weeks);
    let mut hidden = H::new();
    hidden.incident(&date.to_string(), Severity::Major, Cause::Own);
    let mut handled = H::new();
    let e = handled.incident(&date.to_string(), Severity::Major, Cause::Own);
    e.informed = Some(date);
    e.explained = true;
    e.solution = Some("fixed".into());
    e.resolved = Some(date);
    (hidden.at(AS_OF).trust, handled.at(AS_OF).trust)
}

#[test]
fn item_3_hiding_an_incident_costs_more_every_week() {
    let (hidden, handled) = hidden_vs_handled(4);
    assert!(
        handled - hidden >= 15,
        "after four weeks: hidden {hidden}, handled {handled}"
    );
    let mut last = 50;
    for weeks in 0..10 {
        let (hidden, _) = hidden_vs_handled(weeks);
        assert!(hidden <= last, "week {weeks}: {hidden} after {last}");
        last = hidden;
    }
    // Telling late still helps, and stops the growth; so does resolving.
    let mut h = H::new();
    h.incident("2026-10-01", Severity::Major, Cause::Own);
    let untold = h.at(AS_OF).trust;
    h.entries[0].informed = Some(d("2026-10-29"));
    h.entries[0].explained = true;
    let told_late = h.at(AS_OF).trust;
    assert!(told_late > untold, "{told_late} {untold}");
    assert_eq!(h.at("2026-11-05").trust, h.at(AS_OF).trust);
    let mut r = H::new();
    let e = r.incident("2026-10-01", Severity::Major, Cause::Own);
    e.resolved = Some(d("2026-10-29"));
    let at_resolve = r.at("2026-10-29").trust;
    assert!(r.at(AS_OF).trust >= at_resolve);
}

#[test]
fn item_4_no_cliffs_at_0_and_100() {
    // Missed commitments: every one more is a little worse, and 0 is never reached.
    let mut last = 51;
    for n in 0..12 {
        let mut h = H::new();
        for i in 0..n {
            let date = format!("2026-11-{:02}", i + 1);
            let e = h.commitment(&date, &date);
            e.missed = Some(d(&date));
        }
        let t = h.at(AS_OF).trust;
        assert!(t < last && t > 0, "{n} missed: {t} after {last}");
        last = t;
    }
    // Enthusiasm: weekly touches at energy 4, 5, and 5 with ideas, all below 100 and apart.
    let passion = |energy: u8, proactive: bool| {
        let mut h = H::new();
        let mut day = d("2025-11-27");
        while day <= d(AS_OF) {
            h.touch(&day.to_string(), energy, proactive);
            day += chrono::Duration::days(7);
        }
        h.at(AS_OF).passion
    };
    let (a, b, c) = (passion(4, false), passion(5, false), passion(5, true));
    assert!(a < b && b < c && c < 100, "{a} {b} {c}");
    // A sum far beyond any real history still maps inside 0–100.
    assert!(curve(1e9) <= 100.0 && curve(-1e9) >= 0.0);
    assert!(curve(1e3) < curve(1e4));
}

// ---- properties over random histories (scoring.md 1–15) ----

fn gesture(kind: Kind, date: NaiveDate, id: i64) -> Entry {
    let mut e = Entry::new(kind, facts().client, date);
    e.id = id;
    if kind == Kind::Gift {
        e.cost = Some(Money {
            cents: 4500,
            currency: "EUR".into(),
        });
    }
    e
}

fn at(history: &[Entry], as_of: NaiveDate) -> Snapshot {
    snapshot(&facts(), history, &Config::default(), as_of, false)
}

/// A random background of `kinds` only (from arb_history's kinds).
fn only(history: Vec<Entry>, kinds: &[Kind]) -> Vec<Entry> {
    history
        .into_iter()
        .filter(|e| kinds.contains(&e.kind))
        .collect()
}

fn missed(date: NaiveDate, id: i64) -> Entry {
    let mut e = Entry::new(Kind::Commitment, facts().client, date);
    e.id = id;
    e.due = Some(date);
    e.missed = Some(date);
    e
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Properties 2 and 11: a gift or compliment dated ≤ as_of never lowers appreciation,
    /// from any history, the empty one and one without any gesture included.
    #[test]
    fn property_2_11_a_gesture_never_lowers_appreciation(
        history in arb_history(), age in 0i64..800, gift in any::<bool>(), no_gestures in any::<bool>()
    ) {
        let history = if no_gestures {
            only(history, &[Kind::Milestone, Kind::Touch, Kind::Commitment, Kind::Incident])
        } else {
            history
        };
        let as_of = d(AS_OF);
        let before = at(&history, as_of);
        let mut more = history.clone();
        let kind = if gift { Kind::Gift } else { Kind::Compliment };
        more.push(gesture(kind, as_of - chrono::Duration::days(age), 1000));
        let after = at(&more, as_of);
        prop_assert!(after.appreciation >= before.appreciation);
        prop_assert!(after.exact[0] >= before.exact[0]);
        if history.is_empty() {
            prop_assert!(after.appreciation >= 50);
        }
    }

    /// Property 3: on time ≥ late ≥ missed, on any background.
    #[test]
    fn property_3_on_time_late_missed(history in arb_history(), age in 0i64..400, late in 1i64..60) {
        let as_of = d(AS_OF);
        let due = as_of - chrono::Duration::days(age + late);
        let run = |delivered: Option<NaiveDate>, missed: Option<NaiveDate>| {
            let mut h = history.clone();
            let mut e = Entry::new(Kind::Commitment, facts().client, due - chrono::Duration::days(30));
            e.id = 1000;
            e.due = Some(due);
            e.delivered = delivered;
            e.missed = missed;
            h.push(e);
            at(&h, as_of).exact[1]
        };
        let end = as_of - chrono::Duration::days(age);
        let on_time = run(Some(due), None);
        let late = run(Some(end), None);
        let missed = run(None, Some(end));
        prop_assert!(on_time >= late && late >= missed, "{} {} {}", on_time, late, missed);
    }

    /// Properties 4, 5 and 14: handled costs strictly less than never informed; force majeure
    /// no more than own; hidden longer (told or resolved later, or scored later while still
    /// hidden) never costs less.
    #[test]
    fn property_4_5_14_incidents(
        history in arb_history(), age in 0i64..300, sev in 0usize..3, cause in 0usize..4,
        told in 0i64..60, more in 1i64..60, resolve in any::<bool>()
    ) {
        let as_of = d(AS_OF);
        let date = as_of - chrono::Duration::days(age);
        let severity = [Severity::Minor, Severity::Major, Severity::Critical][sev];
        let cause = [Cause::Own, Cause::Client, Cause::ThirdParty, Cause::ForceMajeure][cause];
        let trust = |f: &dyn Fn(&mut Entry), as_of: NaiveDate| {
            let mut h = history.clone();
            let mut e = Entry::new(Kind::Incident, facts().client, date);
            e.id = 1000;
            e.severity = Some(severity);
            e.cause = Some(cause);
            f(&mut e);
            h.push(e);
            at(&h, as_of).exact[1]
        };
        let never = trust(&|_| {}, as_of);
        let handled = trust(&|e| {
            e.informed = Some(date);
            e.explained = true;
            e.solution = Some("fix".into());
            e.resolved = Some(date);
        }, as_of);
        prop_assert!(handled > never, "{} {}", handled, never);
        let own = trust(&|e| e.cause = Some(Cause::Own), as_of);
        let fm = trust(&|e| e.cause = Some(Cause::ForceMajeure), as_of);
        prop_assert!(fm >= own);
        let plus = |n: i64| date + chrono::Duration::days(n);
        let sooner = trust(&|e| if resolve { e.resolved = Some(plus(told)) } else { e.informed = Some(plus(told)) }, as_of);
        let later = trust(&|e| if resolve { e.resolved = Some(plus(told + more)) } else { e.informed = Some(plus(told + more)) }, as_of);
        prop_assert!(later <= sooner, "{} {}", later, sooner);
        // Scored later while still untold and open: the incident's own cost grows.
        let cost = |as_of: NaiveDate| {
            let mut t = Tally::new(Principle::Trust, false);
            let mut e = Entry::new(Kind::Incident, facts().client, date);
            e.severity = Some(severity);
            e.cause = Some(cause);
            incident(&mut t, &e, &Pre::new(&e), dn(as_of), &Decay::new(90, 1000));
            -t.sum
        };
        prop_assert!(cost(as_of + chrono::Duration::days(more)) > cost(as_of));
    }

    /// Property 6: the same closed entry dated longer ago moves the score less. Trust entries
    /// and touches on any background; a gift or compliment on a background where it does not
    /// also end neglect, keep a rhythm or mark a milestone (incidents only: see SCORING.md).
    #[test]
    fn property_6_older_moves_less_on_random_histories(history in arb_history(), age in 0i64..400, more in 1i64..400, k in 0usize..5) {
        let as_of = d(AS_OF);
        let history = if k < 2 { only(history, &[Kind::Incident]) } else { history };
        let base = at(&history, as_of);
        let moved = |age: i64| {
            let date = as_of - chrono::Duration::days(age);
            let mut e = match k {
                0 => gesture(Kind::Gift, date, 1000),
                1 => gesture(Kind::Compliment, date, 1000),
                2 => {
                    let mut e = Entry::new(Kind::Touch, facts().client, date);
                    e.energy = Some(5);
                    e.proactive = true;
                    e
                }
                3 => missed(date, 1000),
                _ => {
                    let mut e = Entry::new(Kind::Commitment, facts().client, date);
                    e.due = Some(date);
                    e.delivered = Some(date);
                    e
                }
            };
            e.id = 1000;
            let mut h = history.clone();
            h.push(e);
            let s = at(&h, as_of);
            let p = match k { 0 | 1 => 0, 2 => 2, _ => 1 };
            // Signed, so that a good thing helps less and a bad thing costs less.
            let sign = if k == 3 { -1.0 } else { 1.0 };
            sign * (s.exact[p] - base.exact[p])
        };
        prop_assert!(moved(age + more) <= moved(age) + 1e-9, "{} {}", moved(age + more), moved(age));
    }

    /// Properties 7 and 13: raising a touch's energy, or making it proactive, never lowers
    /// passion, and raises it before rounding; one more missed commitment never raises trust,
    /// and lowers it before rounding.
    #[test]
    fn property_7_13_more_is_always_a_little_more(history in arb_history(), pick in any::<prop::sample::Index>(), age in 0i64..400) {
        let as_of = d(AS_OF);
        let before = at(&history, as_of);
        let touches: Vec<usize> = (0..history.len())
            .filter(|&i| history[i].kind == Kind::Touch && !history[i].void && history[i].date <= as_of)
            .collect();
        if !touches.is_empty() {
            let i = touches[pick.index(touches.len())];
            let mut h = history.clone();
            if h[i].energy.unwrap_or(3) < 5 {
                h[i].energy = Some(h[i].energy.unwrap_or(3) + 1);
            } else {
                h[i].proactive = !h[i].proactive;
            }
            let raised = h[i].proactive || history[i].energy.unwrap_or(3) < 5;
            let after = at(&h, as_of);
            if raised {
                prop_assert!(after.passion >= before.passion);
                prop_assert!(after.exact[2] > before.exact[2]);
            }
        }
        let mut h = history.clone();
        h.push(missed(as_of - chrono::Duration::days(age), 1000));
        let after = at(&h, as_of);
        prop_assert!(after.trust <= before.trust);
        prop_assert!(after.exact[1] < before.exact[1]);
    }

    /// Property 12: after three or more cadences of work without a gift or compliment (at
    /// most two older ones), one compliment today lifts appreciation by at most 15 and
    /// leaves it below `band.ok`.
    #[test]
    fn property_12_one_gesture_does_not_erase_neglect(
        history in arb_history(), start in 180i64..800, old in proptest::collection::vec((180i64..900, any::<bool>()), 0..3)
    ) {
        let as_of = d(AS_OF);
        let cfg = Config::default();
        let mut h: Vec<Entry> = history.into_iter().filter(|e| !is_gesture(e)).collect();
        let mut kick = Entry::new(Kind::Touch, facts().client, as_of - chrono::Duration::days(start));
        kick.id = 999;
        h.push(kick);
        for (i, (age, gift)) in old.iter().enumerate() {
            let kind = if *gift { Kind::Gift } else { Kind::Compliment };
            h.push(gesture(kind, as_of - chrono::Duration::days(*age), 2000 + i as i64));
        }
        let before = at(&h, as_of);
        h.push(gesture(Kind::Compliment, as_of, 1000));
        let after = at(&h, as_of);
        prop_assert!(after.appreciation - before.appreciation <= 15, "{} -> {}", before.appreciation, after.appreciation);
        prop_assert!(after.appreciation < cfg.band_ok, "{}", after.appreciation);
    }

    /// Property 15: each row of the history is the score as of that day.
    #[test]
    fn property_15_history_agrees_with_the_present(history in arb_history(), back in 0i64..400, weeks in 1usize..30) {
        let as_of = d(AS_OF) - chrono::Duration::days(back);
        let cfg = Config::default();
        let dates = sundays(as_of, weeks);
        prop_assert_eq!(dates.len(), weeks);
        let rows = super::history(&facts(), &history, &cfg, &dates);
        for (row, date) in rows.iter().zip(&dates) {
            prop_assert_eq!(date.weekday(), chrono::Weekday::Sun);
            let s = snapshot(&facts(), &history, &cfg, *date, false);
            prop_assert_eq!(*row, Row::from(&s));
        }
        let w = score_weeks(&facts(), &history, &cfg, as_of, 12);
        let plain = score(&facts(), &history, &cfg, as_of, false);
        let trend = w.trend_12w.clone().unwrap_or_default();
        prop_assert_eq!(trend.len(), 12);
        prop_assert_eq!(trend.last().copied(), Some(plain.overall));
        prop_assert_eq!(Score { trend_12w: None, ..w }, plain);
    }
}

/// The figures SCORING.md quotes outside the worked examples.
#[test]
fn scoring_md_figures() {
    let round = |x: f64| curve(x).round() as i64;
    assert_eq!(
        (round(10.0), round(40.0), curve(120.0), round(-40.0)),
        (60, 75, 87.5, 25)
    );
    // Three and six missed commitments today.
    let missed_today = |n: usize| {
        let mut h = H::new();
        for _ in 0..n {
            let e = h.commitment("2026-11-01", AS_OF);
            e.missed = Some(d(AS_OF));
        }
        h.at(AS_OF).trust
    };
    assert_eq!((missed_today(3), missed_today(6)), (24, 15));
    // One compliment ten weeks ago, nothing else.
    let mut h = H::new();
    h.compliment("2026-09-17");
    assert_eq!(h.at(AS_OF).appreciation, 60);
    // One compliment every 60 days for a year, the last today.
    let mut h = H::new();
    for k in 0..7 {
        h.compliment(&(d(AS_OF) - chrono::Duration::days(60 * k)).to_string());
    }
    assert_eq!(h.at(AS_OF).appreciation, 77);
    // Example 3 with a compliment today.
    let mut h = example_neglected();
    h.compliment(AS_OF);
    assert_eq!(h.at(AS_OF).appreciation, 36);
    // A major own incident four weeks ago, hidden and open, or handled at once.
    assert_eq!(hidden_vs_handled(4), (26, 48));
    // Weekly touches for a year.
    let passion = |energy: u8, proactive: bool| {
        let mut h = H::new();
        let mut day = d("2025-11-27");
        while day <= d(AS_OF) {
            h.touch(&day.to_string(), energy, proactive);
            day += chrono::Duration::days(7);
        }
        h.at(AS_OF).passion
    };
    assert_eq!(
        (passion(4, false), passion(5, false), passion(5, true)),
        (86, 91, 93)
    );
    // Three compliments today against a €500 gift today.
    let mut c = H::new();
    for _ in 0..3 {
        c.compliment(AS_OF);
    }
    let mut g = H::new();
    g.gift(AS_OF, Some(50_000));
    assert!(c.at(AS_OF).exact[0] > g.at(AS_OF).exact[0]);
}
