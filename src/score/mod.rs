//! The scoring model: appreciation, trust and passion from a client's entries.
//!
//! Pure: a function of (the client's facts, its entries, the configuration, `as_of`).
//! No clock, no I/O. Every rule and constant here is documented in SCORING.md; change both
//! together. Each principle starts at a neutral 50 and every rule adds signed points; the
//! explanation lists them so that they add up exactly to the score shown.

use chrono::NaiveDate;
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
pub const GAP_BASE: f64 = 5.0;
pub const GAP_PER_CADENCE: f64 = 15.0;
pub const GAP_MAX: f64 = 30.0;
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
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Item {
    pub principle: Principle,
    pub entry: Option<i64>,
    pub points: i64,
    pub rule: &'static str,
    pub reason: String,
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
    pub appreciation: i64,
    pub trust: i64,
    pub passion: i64,
    pub overall: i64,
    pub items: Vec<Item>,
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
    // One walk over the entries scores both dates.
    let mut today = Pass::new(facts, entries, cfg, as_of, explain);
    let mut before = as_of
        .checked_sub_days(chrono::Days::new(7))
        .map(|d| Pass::new(facts, entries, cfg, d, false));
    for e in entries {
        today.add(e);
        if let Some(b) = &mut before {
            b.add(e);
        }
    }
    let now = today.finish(cfg);
    let week_ago = before.map_or_else(|| now.clone(), |b| b.finish(cfg));
    Score {
        client: facts.client.clone(),
        as_of,
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
        explain: explain.then_some(now.items),
    }
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
    parts: Vec<(Option<i64>, f64, &'static str, String)>,
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
        reason: impl FnOnce() -> String,
    ) {
        if points == 0.0 {
            return;
        }
        self.sum += points;
        if self.explain {
            self.parts.push((entry, points, rule, reason()));
        }
    }

    /// The score and its items. Items are rounded so that they add up exactly to the
    /// unclamped rounded total (largest remainders get the spare points); a `clamp` item
    /// carries whatever clamping to 0–100 took off.
    fn finish(self, items: &mut Vec<Item>) -> i64 {
        let unclamped = (NEUTRAL + self.sum).round();
        let score = unclamped.clamp(0.0, 100.0);
        if !self.explain {
            return score as i64;
        }
        let p = self.principle;
        items.push(Item {
            principle: p,
            entry: None,
            points: NEUTRAL as i64,
            rule: "start",
            reason: "neutral start, before any evidence".into(),
        });
        let target = (unclamped - NEUTRAL) as i64;
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
        for ((entry, _, rule, reason), points) in self.parts.into_iter().zip(floors) {
            items.push(Item {
                principle: p,
                entry,
                points,
                rule,
                reason,
            });
        }
        if score != unclamped {
            items.push(Item {
                principle: p,
                entry: None,
                points: (score - unclamped) as i64,
                rule: "clamp",
                reason: format!("kept within 0-100 (the rules add up to {unclamped})"),
            });
        }
        score as i64
    }
}

fn days(from: NaiveDate, to: NaiveDate) -> i64 {
    (to - from).num_days()
}

fn n_days(n: i64) -> String {
    crate::words::count(n, "day", "days")
}

/// "today", "1 day ago", "3 days ago".
fn ago(n: i64) -> String {
    if n == 0 {
        "today".into()
    } else {
        format!("{} ago", n_days(n))
    }
}

/// How much an event of `age` days still counts: halves every `half_life` days.
fn decay(age: i64, half_life: u32) -> f64 {
    0.5f64.powf(age.max(0) as f64 / f64::from(half_life.max(1)))
}

/// Scores at one date, without a trend.
pub fn snapshot(
    facts: &ClientFacts,
    entries: &[Entry],
    cfg: &Config,
    as_of: NaiveDate,
    explain: bool,
) -> Snapshot {
    let mut pass = Pass::new(facts, entries, cfg, as_of, explain);
    for e in entries {
        pass.add(e);
    }
    pass.finish(cfg)
}

fn is_gesture(e: &Entry) -> bool {
    matches!(e.kind, Kind::Gift | Kind::Compliment)
}

/// Whether `e` counts at `as_of`: void entries, and those not yet recorded then, do not.
fn counts(e: &Entry, as_of: NaiveDate) -> bool {
    !e.void && e.date <= as_of
}

/// The three principles at one date, taking the entries one at a time: a report scores
/// every client at two dates, and one walk over the entries feeds both. Each principle's
/// items keep the entries' order.
struct Pass<'a> {
    /// All the client's entries: whether a milestone was marked looks at the others.
    entries: &'a [Entry],
    as_of: NaiveDate,
    half_life: u32,
    cadence: i64,
    appreciation: Tally,
    trust: Tally,
    passion: Tally,
    /// The first thing recorded: gaps count from it when there is no gesture or touch.
    origin: Option<NaiveDate>,
    last_gesture: Option<NaiveDate>,
    last_touch: Option<NaiveDate>,
    /// The most recent touches with an energy level inside the window, newest first, as
    /// (date, id, energy).
    recent: [Option<(NaiveDate, i64, u8)>; LOW_ENERGY_TOUCHES],
}

impl<'a> Pass<'a> {
    fn new(
        facts: &ClientFacts,
        entries: &'a [Entry],
        cfg: &Config,
        as_of: NaiveDate,
        explain: bool,
    ) -> Pass<'a> {
        Pass {
            entries,
            as_of,
            half_life: cfg.half_life_days,
            cadence: i64::from(facts.cadence_days.unwrap_or(cfg.cadence_days).max(1)),
            appreciation: Tally::new(Principle::Appreciation, explain),
            trust: Tally::new(Principle::Trust, explain),
            passion: Tally::new(Principle::Passion, explain),
            origin: None,
            last_gesture: None,
            last_touch: None,
            recent: [None; LOW_ENERGY_TOUCHES],
        }
    }

    fn add(&mut self, e: &Entry) {
        let (as_of, h) = (self.as_of, self.half_life);
        if !counts(e, as_of) {
            return;
        }
        self.origin = Some(self.origin.map_or(e.date, |o| o.min(e.date)));
        let age = days(e.date, as_of);
        match e.kind {
            Kind::Gift => {
                self.last_gesture = self.last_gesture.max(Some(e.date));
                let units = e
                    .cost
                    .as_ref()
                    .map_or(0.0, |m| m.cents.max(0) as f64 / 100.0);
                let bonus = GIFT_COST_BONUS_MAX * (1.0 - (-units / GIFT_COST_SCALE).exp());
                let pts = (GIFT_POINTS + bonus) * decay(age, h);
                self.appreciation.add(Some(e.id), pts, "gift", || {
                    format!(
                        "gift #{} ({}), {}",
                        e.id,
                        e.description.as_deref().unwrap_or("-"),
                        ago(age)
                    )
                });
            }
            Kind::Compliment => {
                self.last_gesture = self.last_gesture.max(Some(e.date));
                let pts = COMPLIMENT_POINTS * decay(age, h);
                self.appreciation.add(Some(e.id), pts, "compliment", || {
                    format!("compliment #{}, {}", e.id, ago(age))
                });
            }
            Kind::Milestone => {
                let window_end = e.date + chrono::Duration::days(MILESTONE_WINDOW_AFTER);
                if as_of > window_end {
                    let lo = e.date - chrono::Duration::days(MILESTONE_WINDOW_BEFORE);
                    let marked = self.entries.iter().any(|g| {
                        counts(g, as_of) && is_gesture(g) && g.date >= lo && g.date <= window_end
                    });
                    if !marked {
                        let pts = -MILESTONE_UNMARKED * decay(age, h);
                        self.appreciation
                            .add(Some(e.id), pts, "milestone-unmarked", || {
                                format!(
                                    "milestone #{} ({}) not marked with a gift or compliment",
                                    e.id,
                                    e.description.as_deref().unwrap_or("-")
                                )
                            });
                    }
                }
            }
            Kind::Commitment => commitment(&mut self.trust, e, as_of, h),
            Kind::Incident => incident(&mut self.trust, e, as_of, h),
            Kind::Touch => self.touch(e, age),
        }
    }

    fn touch(&mut self, e: &Entry, age: i64) {
        self.last_touch = self.last_touch.max(Some(e.date));
        let energy = f64::from(e.energy.unwrap_or(3));
        let mut pts = (energy - 3.0) * ENERGY_POINTS + CONTACT_POINTS;
        if e.proactive {
            pts += PROACTIVE_POINTS;
        }
        let pts = pts * decay(age, self.half_life);
        self.passion.add(Some(e.id), pts, "touch", || {
            format!(
                "touch #{}, {}: energy {}{}",
                e.id,
                ago(age),
                e.energy
                    .map_or("not given (3)".to_string(), |n| format!("{n}/5")),
                if e.proactive { ", proactive" } else { "" }
            )
        });
        if let Some(n) = e.energy.filter(|_| age <= LOW_ENERGY_WINDOW) {
            let mut item = Some((e.date, e.id, n));
            for slot in &mut self.recent {
                // `None` sorts first: a candidate fills an empty slot or displaces an older one.
                if item > *slot {
                    std::mem::swap(slot, &mut item);
                }
            }
        }
    }

    fn finish(mut self, cfg: &Config) -> Snapshot {
        let (as_of, cadence) = (self.as_of, self.cadence);
        // Gaps are counted from the last gesture, else from the first thing recorded: a
        // client with no history stays neutral, whatever its since-date (that only feeds
        // anniversaries).
        let last_gesture = self.last_gesture;
        if let Some(anchor) = last_gesture.or(self.origin) {
            let gap = days(anchor, as_of);
            if gap > cadence {
                let over = (gap - cadence) as f64 / cadence as f64;
                let pts = -(GAP_BASE + GAP_PER_CADENCE * over).min(GAP_MAX);
                self.appreciation.add(None, pts, "cadence-gap", || {
                    let since = if last_gesture.is_some() {
                        "the last gift or compliment"
                    } else {
                        "the first entry, without any gift or compliment"
                    };
                    format!("{} since {since} (cadence {cadence} days)", n_days(gap))
                });
            }
        }
        if self.recent.iter().all(Option::is_some) {
            let mean = self
                .recent
                .iter()
                .flatten()
                .map(|&(_, _, n)| f64::from(n))
                .sum::<f64>()
                / LOW_ENERGY_TOUCHES as f64;
            if mean <= LOW_ENERGY_MEAN {
                self.passion.add(None, -LOW_ENERGY_POINTS, "low-energy", || {
                    format!(
                        "your energy averaged {mean:.1}/5 over the last {LOW_ENERGY_TOUCHES} touches"
                    )
                });
            }
        }
        if let Some(anchor) = self.last_touch.or(self.origin) {
            let silent = days(anchor, as_of);
            if silent > cadence {
                let over = (silent - cadence) as f64 / cadence as f64;
                let pts = -(SILENCE_BASE + SILENCE_PER_CADENCE * over).min(SILENCE_MAX);
                self.passion.add(None, pts, "silence", || {
                    format!("{} without contact", n_days(silent))
                });
            }
        }
        let mut items = Vec::new();
        let appreciation = self.appreciation.finish(&mut items);
        let trust = self.trust.finish(&mut items);
        let passion = self.passion.finish(&mut items);
        Snapshot {
            appreciation,
            trust,
            passion,
            overall: overall(appreciation, trust, passion, cfg),
            items,
        }
    }
}

/// The commitment as it stood at `as_of`: later deliveries and reschedules are not known yet.
fn commitment(t: &mut Tally, e: &Entry, as_of: NaiveDate, h: u32) {
    let Some(due) = e.agreed_due_at(as_of) else {
        return;
    };
    let delivered = e.delivered.filter(|d| *d <= as_of);
    let missed = e.missed.filter(|d| *d <= as_of);
    let what = || e.description.clone().unwrap_or_default();
    if let Some(d) = delivered {
        let age = days(d, as_of);
        let quality = e
            .quality
            .map_or(0.0, |q| (f64::from(q) - 3.0) * QUALITY_POINTS);
        let late = days(due, d);
        if late <= 0 {
            let pts = (KEPT_POINTS + quality) * decay(age, h);
            t.add(Some(e.id), pts, "kept", || {
                format!(
                    "commitment #{} ({}) delivered on time{}",
                    e.id,
                    what(),
                    q_text(e.quality)
                )
            });
        } else {
            let penalty = (LATE_BASE + LATE_PER_DAY * late as f64).min(LATE_MAX);
            let pts = (quality - penalty) * decay(age, h);
            t.add(Some(e.id), pts, "late", || {
                format!(
                    "commitment #{} ({}) delivered {} late{}",
                    e.id,
                    what(),
                    n_days(late),
                    q_text(e.quality)
                )
            });
        }
    } else if let Some(m) = missed {
        let pts = -MISSED_POINTS * decay(days(m, as_of), h);
        t.add(Some(e.id), pts, "missed", || {
            format!("commitment #{} ({}) missed", e.id, what())
        });
    } else if as_of > due {
        let over = days(due, as_of);
        let pts = -(OVERDUE_BASE + OVERDUE_PER_DAY * over as f64).min(OVERDUE_MAX);
        t.add(Some(e.id), pts, "overdue", || {
            format!(
                "commitment #{} ({}) open and {} overdue",
                e.id,
                what(),
                n_days(over)
            )
        });
    }
}

fn q_text(q: Option<u8>) -> String {
    q.map(|q| format!(", quality {q}/5")).unwrap_or_default()
}

fn incident(t: &mut Tally, e: &Entry, as_of: NaiveDate, h: u32) {
    let base = severity_cost(e.severity) * cause_share(e.cause);
    let informed = e.informed.filter(|d| *d <= as_of);
    let resolved = e.resolved.filter(|d| *d <= as_of);
    let informed_after = informed.map(|d| days(e.date, d));
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
    // An open incident does not fade; a resolved one fades from its resolution.
    let fade = match resolved {
        Some(r) => {
            handled += RESOLVED;
            decay(days(r, as_of), h)
        }
        None => 1.0,
    };
    let pts = -base * (1.0 - handled) * fade;
    t.add(Some(e.id), pts, "incident", || {
        let mut how: Vec<String> = Vec::new();
        how.push(match informed_after {
            Some(n) if n <= 1 => "informed promptly".into(),
            Some(n) => format!("informed after {}", n_days(n)),
            None => "client not informed".into(),
        });
        if explained {
            how.push("explained".into());
        }
        if e.solution.is_some() {
            how.push("solution offered".into());
        }
        how.push(match resolved {
            Some(r) => format!("resolved {}", ago(days(r, as_of))),
            None => "still open".into(),
        });
        format!(
            "incident #{} ({}, {}, {}): {}",
            e.id,
            e.description.as_deref().unwrap_or("-"),
            e.severity.unwrap_or(Severity::Minor),
            e.cause.unwrap_or(Cause::Own),
            how.join(", ")
        )
    });
}

#[cfg(test)]
mod tests;
