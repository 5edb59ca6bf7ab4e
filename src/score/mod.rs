//! The scoring model: appreciation, trust and passion from a client's entries.
//!
//! Pure: a function of (the client's facts, its entries, the configuration, `as_of`).
//! No clock, no I/O. Every rule and constant here is documented in SCORING.md; change both
//! together. Each principle starts at a neutral 50 and every rule adds signed points; the
//! explanation lists them so that they add up exactly to the score shown.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::config::Config;
use crate::model::{Cause, ClientRef, Entry, Kind, Severity};

/// Where every principle starts before there is evidence: exactly the lower bound of `ok`
/// with the default bands, so a new client is never "at risk" by accident.
pub const NEUTRAL: f64 = 50.0;

// Appreciation
pub const GIFT_POINTS: f64 = 8.0;
/// The most a gift's cost can add, whatever it cost: money is not appreciation.
pub const GIFT_COST_BONUS_MAX: f64 = 4.0;
/// Cost (in whole currency units) at which the bonus reaches 63% of its maximum.
pub const GIFT_COST_SCALE: f64 = 50.0;
pub const COMPLIMENT_POINTS: f64 = 6.0;
/// Each cadence-long period (counted back from `as_of`) that holds a gift or compliment.
pub const RHYTHM_POINTS: f64 = 12.0;
/// Each day of work without a gift or compliment in the cadence before it.
pub const NEGLECT_PER_DAY: f64 = 0.5;
pub const MILESTONE_WINDOW_BEFORE: i64 = 7;
pub const MILESTONE_WINDOW_AFTER: i64 = 21;
pub const MILESTONE_UNMARKED: f64 = 6.0;

// Trust
pub const KEPT_POINTS: f64 = 5.0;
pub const QUALITY_POINTS: f64 = 1.5;
pub const LATE_BASE: f64 = 2.0;
pub const LATE_PER_DAY: f64 = 0.5;
pub const LATE_MAX: f64 = 10.0;
pub const MISSED_POINTS: f64 = 15.0;
pub const OVERDUE_BASE: f64 = 3.0;
pub const OVERDUE_PER_DAY: f64 = 1.0;
pub const OVERDUE_MAX: f64 = 20.0;
pub const INFORMED_PROMPT: f64 = 0.35;
pub const INFORMED_WEEK: f64 = 0.20;
pub const INFORMED_LATE: f64 = 0.10;
pub const EXPLAINED: f64 = 0.15;
pub const SOLUTION: f64 = 0.15;
pub const RESOLVED: f64 = 0.15;
/// Each week an incident stays both untold and open adds this share of its base cost.
pub const HIDDEN_PER_WEEK: f64 = 0.5;

// Passion
pub const ENERGY_POINTS: f64 = 4.0;
pub const CONTACT_POINTS: f64 = 1.5;
pub const PROACTIVE_POINTS: f64 = 4.0;
pub const LOW_ENERGY_TOUCHES: usize = 3;
pub const LOW_ENERGY_WINDOW: i64 = 60;
pub const LOW_ENERGY_MEAN: f64 = 2.0;
pub const LOW_ENERGY_POINTS: f64 = 10.0;
pub const SILENCE_BASE: f64 = 5.0;
pub const SILENCE_PER_CADENCE: f64 = 10.0;
pub const SILENCE_MAX: f64 = 25.0;

/// How far the points must go for a score to get halfway from 50 to 0 or 100: the curve
/// `50 + 50 × x / (CURVE_SCALE + |x|)` maps any sum of points `x` into 0–100.
pub const CURVE_SCALE: f64 = 40.0;

/// A principle's score before rounding: the neutral start moved by the rules' points `raw`
/// along a smooth curve that never reaches 0 or 100, so more of a good thing is always a
/// little better and more of a bad thing always a little worse.
pub fn curve(raw: f64) -> f64 {
    NEUTRAL + (100.0 - NEUTRAL) * raw / (CURVE_SCALE + raw.abs())
}

fn severity_cost(s: Option<Severity>) -> f64 {
    match s.unwrap_or(Severity::Minor) {
        Severity::Minor => 6.0,
        Severity::Major => 12.0,
        Severity::Critical => 20.0,
    }
}

fn cause_share(c: Option<Cause>) -> f64 {
    match c.unwrap_or(Cause::Own) {
        Cause::Own => 1.0,
        Cause::ThirdParty => 0.8,
        Cause::Client => 0.5,
        Cause::ForceMajeure => 0.5,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Principle {
    Appreciation,
    Trust,
    Passion,
}

impl Principle {
    pub const ALL: [Principle; 3] = [
        Principle::Appreciation,
        Principle::Trust,
        Principle::Passion,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Principle::Appreciation => "appreciation",
            Principle::Trust => "trust",
            Principle::Passion => "passion",
        }
    }
}

/// One reason a score moved: which entry (or none, for a rule), by how much, and why.
/// The score layer gives the facts (`why`); the words (`reason`) are the render layer's
/// (`render::score::word`), so that they can be translated there.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Item {
    pub principle: Principle,
    pub entry: Option<i64>,
    pub points: i64,
    pub rule: &'static str,
    /// Empty until `render::score::word` fills it in.
    pub reason: String,
    #[serde(skip)]
    pub why: Why,
}

/// The facts behind one explanation item, for the render layer to put into words. Ages and
/// spans are in days.
#[derive(Debug, Clone, PartialEq)]
pub enum Why {
    /// The neutral start.
    Start,
    Gift {
        description: Option<String>,
        age: i64,
    },
    Compliment {
        age: i64,
    },
    /// Cadence periods holding a gift or compliment.
    Rhythm {
        periods: i64,
        cadence: i64,
    },
    /// Days of work without a gift or compliment in the cadence before.
    Neglect {
        days: i64,
        cadence: i64,
    },
    MilestoneUnmarked {
        description: Option<String>,
    },
    Kept {
        description: Option<String>,
        quality: Option<u8>,
    },
    Late {
        description: Option<String>,
        days: i64,
        quality: Option<u8>,
    },
    Missed {
        description: Option<String>,
    },
    Overdue {
        description: Option<String>,
        days: i64,
    },
    Incident {
        description: Option<String>,
        severity: Severity,
        cause: Cause,
        /// Days from the incident until the client was told, if told by `as_of`.
        informed_after: Option<i64>,
        explained: bool,
        solution: bool,
        /// Days since it was resolved, if resolved by `as_of`.
        resolved_ago: Option<i64>,
        /// Days it stayed untold and open.
        hidden: i64,
    },
    Touch {
        age: i64,
        energy: Option<u8>,
        proactive: bool,
    },
    LowEnergy {
        mean: f64,
        touches: usize,
    },
    Silence {
        days: i64,
    },
    /// What the curve added or took off; `rules` is the rules' points, rounded.
    Curve {
        rules: i64,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Trend {
    pub appreciation: i64,
    pub trust: i64,
    pub passion: i64,
    pub overall: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Score {
    pub client: ClientRef,
    pub as_of: NaiveDate,
    pub appreciation: i64,
    pub trust: i64,
    pub passion: i64,
    pub overall: i64,
    pub band: &'static str,
    pub trend: Trend,
    /// The overall score at `as_of` and each of the 11 weeks before it, oldest first (the
    /// report fills it in; `score` leaves it out).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trend_12w: Option<Vec<i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explain: Option<Vec<Item>>,
}

impl Score {
    pub fn get(&self, p: Principle) -> i64 {
        match p {
            Principle::Appreciation => self.appreciation,
            Principle::Trust => self.trust,
            Principle::Passion => self.passion,
        }
    }
}

/// What scoring needs to know about the client besides its entries.
#[derive(Debug, Clone)]
pub struct ClientFacts {
    pub client: ClientRef,
    pub cadence_days: Option<u32>,
}

/// The three principle scores at one date, before the trend is known.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    pub as_of: NaiveDate,
    pub appreciation: i64,
    pub trust: i64,
    pub passion: i64,
    pub overall: i64,
    /// Each principle's score before rounding (appreciation, trust, passion): where rounding
    /// hides a small move, this shows it.
    pub exact: [f64; 3],
    pub items: Vec<Item>,
}

/// One row of a client's history: the four scores as of one date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Row {
    pub as_of: NaiveDate,
    pub appreciation: i64,
    pub trust: i64,
    pub passion: i64,
    pub overall: i64,
}

impl From<&Snapshot> for Row {
    fn from(s: &Snapshot) -> Row {
        Row {
            as_of: s.as_of,
            appreciation: s.appreciation,
            trust: s.trust,
            passion: s.passion,
            overall: s.overall,
        }
    }
}

fn week_before(d: NaiveDate) -> Option<NaiveDate> {
    d.checked_sub_days(chrono::Days::new(7))
}

/// Scores a client at `as_of`, with the trend against `as_of` − 7 days.
/// `entries` are this client's; void ones and those dated after `as_of` are ignored.
pub fn score(
    facts: &ClientFacts,
    entries: &[Entry],
    cfg: &Config,
    as_of: NaiveDate,
    explain: bool,
) -> Score {
    let dates: Vec<NaiveDate> = week_before(as_of).into_iter().chain([as_of]).collect();
    let snaps = snapshots(facts, entries, cfg, &dates, explain);
    to_score(facts, cfg, snaps, false)
}

/// Scores a client at `as_of` like `score`, with `trend_12w` filled in: the overall score at
/// `as_of` and each of the `weeks` − 1 weeks before it, all from one walk over the entries.
pub fn score_weeks(
    facts: &ClientFacts,
    entries: &[Entry],
    cfg: &Config,
    as_of: NaiveDate,
    weeks: usize,
) -> Score {
    let mut dates = vec![as_of];
    while dates.len() < weeks.max(2) {
        match dates.last().copied().and_then(week_before) {
            Some(d) => dates.push(d),
            None => break,
        }
    }
    dates.reverse();
    let snaps = snapshots(facts, entries, cfg, &dates, false);
    to_score(facts, cfg, snaps, true)
}

/// A `Score` from snapshots in date order, the last one at `as_of` and the one before it
/// (when there is one) a week earlier.
fn to_score(facts: &ClientFacts, cfg: &Config, mut snaps: Vec<Snapshot>, weeks: bool) -> Score {
    let trend_12w = weeks.then(|| snaps.iter().map(|s| s.overall).collect());
    let now = snaps
        .pop()
        .unwrap_or_else(|| unreachable!("at least as_of is scored"));
    let week_ago = snaps.last().unwrap_or(&now);
    Score {
        client: facts.client.clone(),
        as_of: now.as_of,
        appreciation: now.appreciation,
        trust: now.trust,
        passion: now.passion,
        overall: now.overall,
        band: band(now.overall, cfg),
        trend: Trend {
            appreciation: now.appreciation - week_ago.appreciation,
            trust: now.trust - week_ago.trust,
            passion: now.passion - week_ago.passion,
            overall: now.overall - week_ago.overall,
        },
        trend_12w,
        explain: (!now.items.is_empty()).then_some(now.items),
    }
}

/// The `n` most recent Sundays on or before `as_of`, oldest first: the dates of a client's
/// weekly history.
pub fn sundays(as_of: NaiveDate, n: usize) -> Vec<NaiveDate> {
    let back = i64::from(as_of.weekday().num_days_from_sunday());
    let mut out = Vec::with_capacity(n);
    let mut d = as_of.checked_sub_days(chrono::Days::new(back as u64));
    while let Some(day) = d {
        if out.len() >= n {
            break;
        }
        out.push(day);
        d = week_before(day);
    }
    out.reverse();
    out
}

/// The four scores at each of `dates` (any order), from one walk over the entries.
pub fn history(
    facts: &ClientFacts,
    entries: &[Entry],
    cfg: &Config,
    dates: &[NaiveDate],
) -> Vec<Row> {
    snapshots(facts, entries, cfg, dates, false)
        .iter()
        .map(Row::from)
        .collect()
}

pub fn band(overall: i64, cfg: &Config) -> &'static str {
    if overall >= cfg.band_strong {
        "strong"
    } else if overall >= cfg.band_ok {
        "ok"
    } else {
        "at-risk"
    }
}

/// The weighted mean of the three principle scores, rounded.
pub fn overall(a: i64, t: i64, p: i64, cfg: &Config) -> i64 {
    let (wa, wt, wp) = (
        cfg.weight_appreciation,
        cfg.weight_trust,
        cfg.weight_passion,
    );
    let total = wa + wt + wp;
    if total <= 0.0 {
        return ((a + t + p) as f64 / 3.0).round() as i64;
    }
    ((wa * a as f64 + wt * t as f64 + wp * p as f64) / total).round() as i64
}

/// Raw contributions to one principle; the explanation is only built when asked for.
struct Tally {
    principle: Principle,
    explain: bool,
    sum: f64,
    parts: Vec<(Option<i64>, f64, &'static str, Why)>,
}

impl Tally {
    fn new(principle: Principle, explain: bool) -> Tally {
        Tally {
            principle,
            explain,
            sum: 0.0,
            parts: Vec::new(),
        }
    }

    fn add(
        &mut self,
        entry: Option<i64>,
        points: f64,
        rule: &'static str,
        why: impl FnOnce() -> Why,
    ) {
        if points == 0.0 {
            return;
        }
        self.sum += points;
        if self.explain {
            self.parts.push((entry, points, rule, why()));
        }
    }

    /// The score (and its exact value before rounding) and its items. The items are rounded
    /// so that they add up exactly to the rules' points, rounded (largest remainders get the
    /// spare points); one `curve` item carries what the curve then adds or takes off.
    fn finish(self, items: &mut Vec<Item>) -> (i64, f64) {
        let exact = curve(self.sum);
        let score = exact.round().clamp(0.0, 100.0);
        if !self.explain {
            return (score as i64, exact);
        }
        let p = self.principle;
        items.push(Item {
            principle: p,
            entry: None,
            points: NEUTRAL as i64,
            rule: "start",
            reason: String::new(),
            why: Why::Start,
        });
        let target = self.sum.round() as i64;
        let mut floors: Vec<i64> = self.parts.iter().map(|x| x.1.floor() as i64).collect();
        let spare = target - floors.iter().sum::<i64>();
        let mut order: Vec<usize> = (0..self.parts.len()).collect();
        order.sort_by(|&i, &j| {
            let fi = self.parts[i].1 - self.parts[i].1.floor();
            let fj = self.parts[j].1 - self.parts[j].1.floor();
            fj.total_cmp(&fi).then(i.cmp(&j))
        });
        for &i in order.iter().take(spare.max(0) as usize) {
            floors[i] += 1;
        }
        for ((entry, _, rule, why), points) in self.parts.into_iter().zip(floors) {
            items.push(Item {
                principle: p,
                entry,
                points,
                rule,
                reason: String::new(),
                why,
            });
        }
        let bend = score as i64 - NEUTRAL as i64 - target;
        if bend != 0 {
            items.push(Item {
                principle: p,
                entry: None,
                points: bend,
                rule: "curve",
                reason: String::new(),
                why: Why::Curve { rules: target },
            });
        }
        (score as i64, exact)
    }
}

/// A date as a day number, so that ages are cheap integer differences.
fn dn(d: NaiveDate) -> i64 {
    i64::from(d.num_days_from_ce())
}

/// Ages up to this many days are weighed from a table.
const DECAY_TABLE: i64 = 8192;

/// How much an event of `age` days still counts: halves every `half_life` days, as
/// `q^age` with `q = 0.5^(1/half_life)`. Ages below `DECAY_TABLE` are the products
/// `q × q × …` (a table, built as far as a client's history needs), older ones `q.powi(age)`:
/// either way the same age always weighs exactly the same, whichever dates are scored
/// together.
#[derive(Debug, Clone)]
struct Decay {
    q: f64,
    table: Vec<f64>,
}

impl Decay {
    fn new(half_life: u32, max_age: i64) -> Decay {
        let q = 0.5f64.powf(1.0 / f64::from(half_life.max(1)));
        let n = (max_age.max(0) + 1).min(DECAY_TABLE) as usize;
        let mut table = Vec::with_capacity(n);
        let mut w = 1.0;
        for _ in 0..n {
            table.push(w);
            w *= q;
        }
        Decay { q, table }
    }

    fn at(&self, age: i64) -> f64 {
        if age <= 0 {
            return 1.0;
        }
        if let Some(w) = self.table.get(age as usize) {
            return *w;
        }
        if age < DECAY_TABLE {
            // Past the table's end: the same products the table would have held.
            let mut k = self.table.len() as i64 - 1;
            let mut w = self.table.last().copied().unwrap_or(1.0);
            while k < age {
                w *= self.q;
                k += 1;
            }
            return w;
        }
        self.q.powi(age.min(i64::from(i32::MAX)) as i32)
    }

    /// The weights of `n` consecutive days, the newest `age` days old.
    fn days(&self, age: i64, n: i64) -> f64 {
        if n <= 0 {
            return 0.0;
        }
        self.at(age) * (1.0 - self.at(n)) / (1.0 - self.q)
    }
}

/// Scores at one date, without a trend.
pub fn snapshot(
    facts: &ClientFacts,
    entries: &[Entry],
    cfg: &Config,
    as_of: NaiveDate,
    explain: bool,
) -> Snapshot {
    let mut s = snapshots(facts, entries, cfg, &[as_of], explain);
    s.pop().unwrap_or_else(|| unreachable!("one date scored"))
}

/// Scores at each of `dates`, in that order, from one walk over the entries; the
/// explanation (when asked for) only at the last date.
pub fn snapshots(
    facts: &ClientFacts,
    entries: &[Entry],
    cfg: &Config,
    dates: &[NaiveDate],
    explain: bool,
) -> Vec<Snapshot> {
    let prep = Prep::new(entries);
    let latest = dates.iter().map(|d| dn(*d)).max().unwrap_or(0);
    let max_age = prep.first.map_or(0, |f| latest - f);
    let decay = Decay::new(cfg.half_life_days, max_age);
    let cadence = i64::from(facts.cadence_days.unwrap_or(cfg.cadence_days).max(1));
    let mut passes: Vec<Pass<'_>> = dates
        .iter()
        .enumerate()
        .map(|(i, &d)| Pass::new(&prep, &decay, cadence, d, explain && i + 1 == dates.len()))
        .collect();
    for (e, p) in entries.iter().zip(&prep.pre) {
        if e.void {
            continue;
        }
        for pass in &mut passes {
            pass.add(e, p);
        }
    }
    passes.into_iter().map(|p| p.finish(cfg)).collect()
}

fn is_gesture(e: &Entry) -> bool {
    matches!(e.kind, Kind::Gift | Kind::Compliment)
}

/// Work with the client: what the cadence of appreciation is measured against.
fn is_work(e: &Entry) -> bool {
    matches!(e.kind, Kind::Touch | Kind::Commitment)
}

/// What every date's pass needs to know about one entry, worked out once: its dates as day
/// numbers and the points it is worth before decay.
#[derive(Debug, Clone, Default)]
struct Pre {
    date: i64,
    points: f64,
    due: Option<i64>,
    /// Whether an agreed reschedule may move the due date (then it is looked up per date).
    rescheduled: bool,
    delivered: Option<i64>,
    missed: Option<i64>,
    informed: Option<i64>,
    resolved: Option<i64>,
}

impl Pre {
    fn new(e: &Entry) -> Pre {
        let points = match e.kind {
            Kind::Gift => {
                let units = e
                    .cost
                    .as_ref()
                    .map_or(0.0, |m| m.cents.max(0) as f64 / 100.0);
                GIFT_POINTS + GIFT_COST_BONUS_MAX * (1.0 - (-units / GIFT_COST_SCALE).exp())
            }
            Kind::Compliment => COMPLIMENT_POINTS,
            Kind::Touch => {
                let energy = f64::from(e.energy.unwrap_or(3));
                let mut pts = (energy - 3.0) * ENERGY_POINTS + CONTACT_POINTS;
                if e.proactive {
                    pts += PROACTIVE_POINTS;
                }
                pts
            }
            Kind::Incident => severity_cost(e.severity) * cause_share(e.cause),
            Kind::Milestone | Kind::Commitment => 0.0,
        };
        Pre {
            date: dn(e.date),
            points,
            due: e.due.map(dn),
            rescheduled: e.reschedules.iter().any(|r| r.agreed),
            delivered: e.delivered.map(dn),
            missed: e.missed.map(dn),
            informed: e.informed.map(dn),
            resolved: e.resolved.map(dn),
        }
    }
}

/// What every date's pass needs from all the entries: each entry's `Pre`, the dates of the
/// gifts and compliments (sorted), the first work and the first entry.
struct Prep {
    pre: Vec<Pre>,
    gestures: Vec<i64>,
    first_work: Option<i64>,
    first: Option<i64>,
}

impl Prep {
    fn new(entries: &[Entry]) -> Prep {
        let mut gestures = Vec::new();
        let mut first_work: Option<i64> = None;
        let mut first: Option<i64> = None;
        let pre: Vec<Pre> = entries
            .iter()
            .map(|e| {
                if e.void {
                    return Pre::default();
                }
                let p = Pre::new(e);
                first = Some(first.map_or(p.date, |f| f.min(p.date)));
                if is_gesture(e) {
                    gestures.push(p.date);
                } else if is_work(e) {
                    first_work = Some(first_work.map_or(p.date, |w| w.min(p.date)));
                }
                p
            })
            .collect();
        gestures.sort_unstable();
        Prep {
            pre,
            gestures,
            first_work,
            first,
        }
    }

    /// The gestures dated on or before `as_of`.
    fn gestures_at(&self, as_of: i64) -> &[i64] {
        &self.gestures[..self.gestures.partition_point(|g| *g <= as_of)]
    }
}

/// The three principles at one date, taking the entries one at a time: several dates are
/// scored in one walk over the entries. Each principle's items keep the entries' order.
struct Pass<'a> {
    prep: &'a Prep,
    decay: &'a Decay,
    as_of: NaiveDate,
    /// `as_of` as a day number.
    today: i64,
    cadence: i64,
    appreciation: Tally,
    trust: Tally,
    passion: Tally,
    /// The first thing recorded: silence counts from it when there is no touch.
    origin: Option<i64>,
    last_touch: Option<i64>,
    /// The most recent touches with an energy level inside the window, newest first, as
    /// (day, id, energy).
    recent: [Option<(i64, i64, u8)>; LOW_ENERGY_TOUCHES],
}

impl<'a> Pass<'a> {
    fn new(
        prep: &'a Prep,
        decay: &'a Decay,
        cadence: i64,
        as_of: NaiveDate,
        explain: bool,
    ) -> Pass<'a> {
        Pass {
            prep,
            decay,
            as_of,
            today: dn(as_of),
            cadence,
            appreciation: Tally::new(Principle::Appreciation, explain),
            trust: Tally::new(Principle::Trust, explain),
            passion: Tally::new(Principle::Passion, explain),
            origin: None,
            last_touch: None,
            recent: [None; LOW_ENERGY_TOUCHES],
        }
    }

    /// Takes in one entry that is not void (it counts from its date on).
    fn add(&mut self, e: &Entry, p: &Pre) {
        let today = self.today;
        if p.date > today {
            return;
        }
        self.origin = Some(self.origin.map_or(p.date, |o| o.min(p.date)));
        let age = today - p.date;
        match e.kind {
            Kind::Gift => {
                let pts = p.points * self.decay.at(age);
                self.appreciation
                    .add(Some(e.id), pts, "gift", || Why::Gift {
                        description: e.description.clone(),
                        age,
                    });
            }
            Kind::Compliment => {
                let pts = p.points * self.decay.at(age);
                self.appreciation
                    .add(Some(e.id), pts, "compliment", || Why::Compliment { age });
            }
            Kind::Milestone => {
                let window_end = p.date + MILESTONE_WINDOW_AFTER;
                if today > window_end {
                    let lo = p.date - MILESTONE_WINDOW_BEFORE;
                    let g = self.prep.gestures_at(today);
                    let first = g.partition_point(|d| *d < lo);
                    let marked = g.get(first).is_some_and(|d| *d <= window_end);
                    if !marked {
                        let pts = -MILESTONE_UNMARKED * self.decay.at(age);
                        self.appreciation
                            .add(Some(e.id), pts, "milestone-unmarked", || {
                                Why::MilestoneUnmarked {
                                    description: e.description.clone(),
                                }
                            });
                    }
                }
            }
            Kind::Commitment => commitment(&mut self.trust, e, p, self.as_of, self.decay),
            Kind::Incident => incident(&mut self.trust, e, p, today, self.decay),
            Kind::Touch => self.touch(e, p, age),
        }
    }

    fn touch(&mut self, e: &Entry, p: &Pre, age: i64) {
        self.last_touch = self.last_touch.max(Some(p.date));
        let pts = p.points * self.decay.at(age);
        self.passion.add(Some(e.id), pts, "touch", || Why::Touch {
            age,
            energy: e.energy,
            proactive: e.proactive,
        });
        if let Some(n) = e.energy.filter(|_| age <= LOW_ENERGY_WINDOW) {
            let mut item = Some((p.date, e.id, n));
            for slot in &mut self.recent {
                // `None` sorts first: a candidate fills an empty slot or displaces an older one.
                if item > *slot {
                    std::mem::swap(slot, &mut item);
                }
            }
        }
    }

    /// The rhythm of appreciation: credit for each cadence-long period (counted back from
    /// `as_of`) that holds a gift or compliment, and a cost for each day of work that had
    /// none in the cadence before it.
    fn rhythm(&mut self) {
        let (today, cadence, decay) = (self.today, self.cadence, self.decay);
        let gestures = self.prep.gestures_at(today);
        // Newest first: the first gesture met in a period is its newest.
        let mut credit = 0.0;
        let mut periods = 0;
        let mut last_period = -1;
        for g in gestures.iter().rev() {
            let age = today - g;
            let period = age / cadence;
            if period != last_period {
                last_period = period;
                periods += 1;
                credit += RHYTHM_POINTS * decay.at(age);
            }
        }
        self.appreciation
            .add(None, credit, "rhythm", || Why::Rhythm { periods, cadence });
        // A day is neglected when work has gone on for a full cadence, and no gift or
        // compliment came in the cadence up to it (a gesture covers its day and the
        // cadence − 1 days after).
        let Some(work) = self.prep.first_work.filter(|w| *w <= today) else {
            return;
        };
        let mut from = work + cadence;
        let (mut weight, mut neglected) = (0.0, 0);
        let mut gap = |from: i64, to: i64| {
            let n = to - from + 1;
            if n > 0 {
                weight += decay.days(today - to, n);
                neglected += n;
            }
        };
        for g in gestures {
            gap(from, g - 1);
            from = from.max(g + cadence);
        }
        gap(from, today);
        self.appreciation
            .add(None, -NEGLECT_PER_DAY * weight, "neglect", || {
                Why::Neglect {
                    days: neglected,
                    cadence,
                }
            });
    }

    fn finish(mut self, cfg: &Config) -> Snapshot {
        let (today, cadence) = (self.today, self.cadence);
        self.rhythm();
        if self.recent.iter().all(Option::is_some) {
            let mean = self
                .recent
                .iter()
                .flatten()
                .map(|&(_, _, n)| f64::from(n))
                .sum::<f64>()
                / LOW_ENERGY_TOUCHES as f64;
            if mean <= LOW_ENERGY_MEAN {
                self.passion
                    .add(None, -LOW_ENERGY_POINTS, "low-energy", || Why::LowEnergy {
                        mean,
                        touches: LOW_ENERGY_TOUCHES,
                    });
            }
        }
        if let Some(anchor) = self.last_touch.or(self.origin) {
            let silent = today - anchor;
            if silent > cadence {
                let over = (silent - cadence) as f64 / cadence as f64;
                let pts = -(SILENCE_BASE + SILENCE_PER_CADENCE * over).min(SILENCE_MAX);
                self.passion
                    .add(None, pts, "silence", || Why::Silence { days: silent });
            }
        }
        let mut items = Vec::new();
        let (appreciation, ea) = self.appreciation.finish(&mut items);
        let (trust, et) = self.trust.finish(&mut items);
        let (passion, ep) = self.passion.finish(&mut items);
        Snapshot {
            as_of: self.as_of,
            appreciation,
            trust,
            passion,
            overall: overall(appreciation, trust, passion, cfg),
            exact: [ea, et, ep],
            items,
        }
    }
}

/// The commitment as it stood at `as_of`: later deliveries and reschedules are not known yet.
fn commitment(t: &mut Tally, e: &Entry, p: &Pre, as_of: NaiveDate, decay: &Decay) {
    let due = if p.rescheduled {
        e.agreed_due_at(as_of).map(dn)
    } else {
        p.due
    };
    let Some(due) = due else {
        return;
    };
    let today = dn(as_of);
    let delivered = p.delivered.filter(|d| *d <= today);
    let missed = p.missed.filter(|d| *d <= today);
    let what = || e.description.clone();
    if let Some(d) = delivered {
        let age = today - d;
        let quality = e
            .quality
            .map_or(0.0, |q| (f64::from(q) - 3.0) * QUALITY_POINTS);
        let late = d - due;
        if late <= 0 {
            let pts = (KEPT_POINTS + quality) * decay.at(age);
            t.add(Some(e.id), pts, "kept", || Why::Kept {
                description: what(),
                quality: e.quality,
            });
        } else {
            let penalty = (LATE_BASE + LATE_PER_DAY * late as f64).min(LATE_MAX);
            let pts = (quality - penalty) * decay.at(age);
            t.add(Some(e.id), pts, "late", || Why::Late {
                description: what(),
                days: late,
                quality: e.quality,
            });
        }
    } else if let Some(m) = missed {
        let pts = -MISSED_POINTS * decay.at(today - m);
        t.add(Some(e.id), pts, "missed", || Why::Missed {
            description: what(),
        });
    } else if today > due {
        let over = today - due;
        let pts = -(OVERDUE_BASE + OVERDUE_PER_DAY * over as f64).min(OVERDUE_MAX);
        t.add(Some(e.id), pts, "overdue", || Why::Overdue {
            description: what(),
            days: over,
        });
    }
}

fn incident(t: &mut Tally, e: &Entry, p: &Pre, today: i64, decay: &Decay) {
    let informed = p.informed.filter(|d| *d <= today);
    let resolved = p.resolved.filter(|d| *d <= today);
    let informed_after = informed.map(|d| d - p.date);
    let mut handled = match informed_after {
        Some(n) if n <= 1 => INFORMED_PROMPT,
        Some(n) if n <= 7 => INFORMED_WEEK,
        Some(_) => INFORMED_LATE,
        None => 0.0,
    };
    let explained = informed.is_some() && e.explained;
    if explained {
        handled += EXPLAINED;
    }
    if e.solution.is_some() {
        handled += SOLUTION;
    }
    // Hidden: untold and open, from the incident until the client was told or it was
    // resolved (whichever came first), else until as_of. Each such week costs more.
    let hidden_until = informed.unwrap_or(today).min(resolved.unwrap_or(today));
    let hidden = (hidden_until - p.date).max(0);
    let growth = HIDDEN_PER_WEEK * hidden as f64 / 7.0;
    // An open incident does not fade; a resolved one fades from its resolution.
    let fade = match resolved {
        Some(r) => {
            handled += RESOLVED;
            decay.at(today - r)
        }
        None => 1.0,
    };
    let pts = -p.points * (1.0 - handled + growth) * fade;
    t.add(Some(e.id), pts, "incident", || Why::Incident {
        description: e.description.clone(),
        severity: e.severity.unwrap_or(Severity::Minor),
        cause: e.cause.unwrap_or(Cause::Own),
        informed_after,
        explained,
        solution: e.solution.is_some(),
        resolved_ago: resolved.map(|r| today - r),
        hidden,
    });
}

#[cfg(test)]
mod tests;
