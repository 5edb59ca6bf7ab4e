//! The weekly report, computed: scores, the period's activity, what needs attention, what is
//! coming up, and the actions that would help most (by rescoring, not guessing).
//! Pure: everything comes in as arguments, `as_of` included.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, Days, NaiveDate};
use serde::Serialize;

use crate::config::Config;
use crate::model::{Client, ClientRef, Contact, Entry, Kind, Money, Status};
use crate::score::{ClientFacts, Score, score_weeks, snapshot};
use crate::words::count;

/// Days ahead that "due soon" covers in Needs attention.
pub const DUE_SOON_DAYS: u64 = 7;
/// Days ahead that the report's Coming up covers.
pub const UPCOMING_DAYS: u64 = 14;
/// A drop of overall score in one week that asks for attention.
pub const DROP_POINTS: i64 = 10;
/// Share of the yearly gift budget that triggers a warning before it is exceeded.
pub const BUDGET_WARN_SHARE: f64 = 0.9;
/// How many suggested actions the report shows.
pub const ACTIONS: usize = 3;
/// How many weekly overall scores the score table's trend shows (`trend_12w`).
pub const TREND_WEEKS: usize = 12;
/// Milestones younger than this that are not marked are listed as chances.
pub const MILESTONE_LOOKBACK_DAYS: i64 = 60;

#[derive(Debug, Clone, Serialize)]
pub struct Period {
    pub since: NaiveDate,
    pub until: NaiveDate,
    /// "2026-W48" when the period is exactly one ISO week, else null.
    pub iso_week: Option<String>,
}

impl Period {
    /// The ISO week (Monday to Sunday) that contains `d`.
    pub fn week_of(d: NaiveDate) -> Period {
        let monday = d - chrono::Duration::days(i64::from(d.weekday().num_days_from_monday()));
        let sunday = monday + chrono::Duration::days(6);
        let w = d.iso_week();
        Period {
            since: monday,
            until: sunday,
            iso_week: Some(format!("{}-W{:02}", w.year(), w.week())),
        }
    }

    /// The 7 days ending on `d` (the default: on a Monday, Tuesday to Monday).
    pub fn days_ending(d: NaiveDate) -> Period {
        Period::new(d - chrono::Duration::days(6), d)
    }

    /// Any span; only `week_of` names an ISO week.
    pub fn new(since: NaiveDate, until: NaiveDate) -> Period {
        Period {
            since,
            until,
            iso_week: None,
        }
    }

    /// "week 48, 23–29 Nov 2026", or "1 Nov – 5 Dec 2026" for another span.
    pub fn title(&self) -> String {
        let (a, b) = (self.since, self.until);
        let span = if a.year() != b.year() {
            format!("{} – {}", a.format("%-d %b %Y"), b.format("%-d %b %Y"))
        } else if a.month() != b.month() {
            format!("{} – {}", a.format("%-d %b"), b.format("%-d %b %Y"))
        } else {
            format!("{}–{}", a.format("%-d"), b.format("%-d %b %Y"))
        };
        match &self.iso_week {
            Some(_) => format!("week {}, {span}", a.iso_week().week()),
            None => span,
        }
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Gifts {
    pub count: usize,
    /// Spend per currency, largest first.
    pub spend: Vec<MoneyJson>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MoneyJson {
    pub cents: i64,
    pub currency: String,
    pub display: String,
}

impl From<&Money> for MoneyJson {
    fn from(m: &Money) -> MoneyJson {
        MoneyJson {
            cents: m.cents,
            currency: m.currency.clone(),
            display: m.display(),
        }
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct CommitmentCounts {
    pub kept: usize,
    pub late: usize,
    pub missed: usize,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct IncidentCounts {
    pub opened: usize,
    pub resolved: usize,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Activity {
    pub gifts: Gifts,
    pub compliments: usize,
    pub milestones: usize,
    pub touches: usize,
    pub commitments: CommitmentCounts,
    pub incidents: IncidentCounts,
}

/// What an attention, coming-up or action item says, as data: the render layer words it in
/// the screen's language (the English `message` beside it is for JSON and pipes).
#[derive(Debug, Clone, PartialEq)]
pub enum Said {
    ScoreDrop {
        points: i64,
        overall: i64,
    },
    NotInformed {
        id: i64,
        what: String,
        days: i64,
    },
    IncidentOpen {
        id: i64,
        what: String,
        days: i64,
    },
    Overdue {
        id: i64,
        what: String,
        days: i64,
    },
    Due {
        id: i64,
        what: String,
        days: i64,
        date: NaiveDate,
    },
    MilestoneUnmarked {
        id: i64,
        what: String,
        days: i64,
    },
    /// `ever`: a gift or compliment was given before (`days` since it), else `days` of history.
    Cadence {
        days: i64,
        cadence: i64,
        ever: bool,
    },
    GiftBudget {
        year: i32,
        spent: i64,
        budget: i64,
        currency: String,
    },
    Holiday {
        name: String,
    },
    Anniversary {
        years: i64,
        date: NaiveDate,
    },
    CommitmentDue {
        id: i64,
        what: String,
        archived: bool,
    },
    Birthday {
        person: String,
        client: String,
        age: Option<i32>,
        date: NaiveDate,
        marked: Option<(Kind, i64)>,
    },
    Deliver {
        id: i64,
        what: String,
    },
    Inform {
        id: i64,
    },
    Resolve {
        id: i64,
        what: String,
    },
    Compliment,
    Touch,
}

#[derive(Debug, Clone, Serialize)]
pub struct Attention {
    pub client: ClientRef,
    pub kind: &'static str,
    pub message: String,
    pub entry: Option<i64>,
    #[serde(skip)]
    pub said: Said,
    #[serde(skip)]
    urgency: (u8, i64),
}

#[derive(Debug, Clone, Serialize)]
pub struct Upcoming {
    pub date: NaiveDate,
    pub client: Option<ClientRef>,
    pub kind: &'static str,
    pub message: String,
    #[serde(skip)]
    pub said: Said,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Effect {
    pub appreciation: i64,
    pub trust: i64,
    pub passion: i64,
    pub overall: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Action {
    pub action: &'static str,
    pub client: ClientRef,
    pub entry: Option<i64>,
    pub message: String,
    pub effect: Effect,
    #[serde(skip)]
    pub said: Said,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub as_of: NaiveDate,
    pub period: Period,
    pub scores: Vec<Score>,
    pub activity: Activity,
    pub attention: Vec<Attention>,
    pub upcoming: Vec<Upcoming>,
    pub actions: Vec<Action>,
}

fn facts(c: &Client) -> ClientFacts {
    ClientFacts {
        client: c.to_ref(),
        cadence_days: c.cadence_days,
    }
}

/// Builds a report one client at a time, so a large ledger is never all in memory.
pub struct Builder<'a> {
    config: &'a Config,
    period: Period,
    as_of: NaiveDate,
    scores: Vec<Score>,
    activity: Activity,
    spend: BTreeMap<String, i64>,
    attention: Vec<Attention>,
    upcoming: Vec<Upcoming>,
}

impl<'a> Builder<'a> {
    pub fn new(config: &'a Config, period: Period, as_of: NaiveDate) -> Builder<'a> {
        Builder {
            config,
            period,
            as_of,
            scores: Vec::new(),
            activity: Activity::default(),
            spend: BTreeMap::new(),
            attention: Vec::new(),
            upcoming: Vec::new(),
        }
    }

    /// Takes in what another builder (over other clients) collected.
    pub fn merge(&mut self, other: Builder<'_>) {
        self.scores.extend(other.scores);
        let (a, b) = (&mut self.activity, other.activity);
        a.gifts.count += b.gifts.count;
        a.compliments += b.compliments;
        a.milestones += b.milestones;
        a.touches += b.touches;
        a.commitments.kept += b.commitments.kept;
        a.commitments.late += b.commitments.late;
        a.commitments.missed += b.commitments.missed;
        a.incidents.opened += b.incidents.opened;
        a.incidents.resolved += b.incidents.resolved;
        for (currency, cents) in other.spend {
            *self.spend.entry(currency).or_default() += cents;
        }
        self.attention.extend(other.attention);
        self.upcoming.extend(other.upcoming);
    }

    /// Adds one client with its live entries; archived clients are left out.
    pub fn add(&mut self, c: &Client, entries: &[Entry]) {
        if c.archived {
            return;
        }
        let s = score_weeks(&facts(c), entries, self.config, self.as_of, TREND_WEEKS);
        if s.trend.overall <= -DROP_POINTS {
            self.attention.push(Attention {
                client: s.client.clone(),
                kind: "score-drop",
                message: format!(
                    "{}'s overall score dropped {} points this week, to {}",
                    s.client.name, -s.trend.overall, s.overall
                ),
                entry: None,
                said: Said::ScoreDrop {
                    points: -s.trend.overall,
                    overall: s.overall,
                },
                urgency: (3, s.trend.overall),
            });
        }
        self.scores.push(s);
        // What happened after `as_of` is not known yet on that day, even inside the period.
        let known = Period {
            since: self.period.since,
            until: self.period.until.min(self.as_of),
            iso_week: None,
        };
        activity(&mut self.activity, &mut self.spend, entries, &known);
        attention(&mut self.attention, self.config, c, entries, self.as_of);
        client_upcoming(&mut self.upcoming, c, entries, self.as_of, UPCOMING_DAYS);
    }

    /// The birthdays of these people (at the report's clients) in Coming up.
    pub fn add_birthdays(&mut self, people: &[Contact], gestures: &[BirthdayGesture]) {
        birthdays(
            &mut self.upcoming,
            people,
            gestures,
            self.as_of,
            UPCOMING_DAYS,
        );
    }

    /// The report. Suggested actions are computed for the lowest-scoring clients, whose
    /// entries `entries_of` reads again.
    pub fn finish(
        mut self,
        clients: &[Client],
        mut entries_of: impl FnMut(i64) -> anyhow::Result<Vec<Entry>>,
    ) -> anyhow::Result<Report> {
        sort_scores(&mut self.scores);
        let mut spend: Vec<MoneyJson> = std::mem::take(&mut self.spend)
            .into_iter()
            .map(|(currency, cents)| MoneyJson::from(&Money { cents, currency }))
            .collect();
        spend.sort_by(|a, b| b.cents.cmp(&a.cents).then(a.currency.cmp(&b.currency)));
        self.activity.gifts.spend = spend;
        holidays(self.config, self.as_of, UPCOMING_DAYS, &mut self.upcoming);
        self.attention.sort_by(|a, b| {
            a.urgency
                .cmp(&b.urgency)
                .then_with(|| a.client.name.cmp(&b.client.name))
                .then(a.entry.cmp(&b.entry))
        });
        sort_upcoming(&mut self.upcoming);
        let by_id: HashMap<i64, &Client> = clients.iter().map(|c| (c.id, c)).collect();
        let mut acts = Vec::new();
        for s in self.scores.iter().take(ACTION_CANDIDATES) {
            if let Some(c) = by_id.get(&s.client.id) {
                let entries = entries_of(c.id)?;
                actions(&mut acts, self.config, c, &entries, self.as_of);
            }
        }
        rank_actions(&mut acts);
        Ok(Report {
            as_of: self.as_of,
            period: self.period,
            scores: self.scores,
            activity: self.activity,
            attention: self.attention,
            upcoming: self.upcoming,
            actions: acts,
        })
    }
}

/// Lowest overall first, then by name.
pub fn sort_scores(scores: &mut [Score]) {
    scores.sort_by(|a, b| {
        a.overall
            .cmp(&b.overall)
            .then_with(|| a.client.name.cmp(&b.client.name))
    });
}

fn within(d: Option<NaiveDate>, p: &Period) -> bool {
    d.is_some_and(|d| d >= p.since && d <= p.until)
}

fn activity(a: &mut Activity, spend: &mut BTreeMap<String, i64>, entries: &[Entry], p: &Period) {
    for e in entries.iter().filter(|e| !e.void) {
        let on = within(Some(e.date), p);
        match e.kind {
            Kind::Gift if on => {
                a.gifts.count += 1;
                if let Some(m) = &e.cost {
                    *spend.entry(m.currency.clone()).or_default() += m.cents;
                }
            }
            Kind::Compliment if on => a.compliments += 1,
            Kind::Milestone if on => a.milestones += 1,
            Kind::Touch if on => a.touches += 1,
            Kind::Commitment => {
                if within(e.delivered, p) {
                    match e.status() {
                        Some(Status::Late) => a.commitments.late += 1,
                        _ => a.commitments.kept += 1,
                    }
                } else if within(e.missed, p) {
                    a.commitments.missed += 1;
                }
            }
            Kind::Incident => {
                if on {
                    a.incidents.opened += 1;
                }
                if within(e.resolved, p) {
                    a.incidents.resolved += 1;
                }
            }
            _ => {}
        }
    }
}

fn days(from: NaiveDate, to: NaiveDate) -> i64 {
    (to - from).num_days()
}

fn what(e: &Entry) -> String {
    e.description.clone().unwrap_or_else(|| "-".into())
}

/// Whether a gift or compliment falls in a milestone's marking window.
fn marked(entries: &[Entry], m: &Entry, as_of: NaiveDate) -> bool {
    let lo = m.date - chrono::Duration::days(crate::score::MILESTONE_WINDOW_BEFORE);
    let hi = m.date + chrono::Duration::days(crate::score::MILESTONE_WINDOW_AFTER);
    entries.iter().any(|g| {
        !g.void
            && matches!(g.kind, Kind::Gift | Kind::Compliment)
            && g.date >= lo
            && g.date <= hi
            && g.date <= as_of
    })
}

fn attention(
    out: &mut Vec<Attention>,
    cfg: &Config,
    c: &Client,
    entries: &[Entry],
    as_of: NaiveDate,
) {
    let soon = as_of + chrono::Duration::days(DUE_SOON_DAYS as i64);
    let year_start = NaiveDate::from_ymd_opt(as_of.year(), 1, 1).unwrap_or(as_of);
    let client = c.to_ref();
    let mut push = |kind: &'static str,
                    urgency: (u8, i64),
                    entry: Option<i64>,
                    message: String,
                    said: Said| {
        out.push(Attention {
            client: client.clone(),
            kind,
            message,
            entry,
            said,
            urgency,
        })
    };
    let mut last_gesture: Option<NaiveDate> = None;
    let mut spent = 0i64;
    for e in entries.iter().filter(|e| !e.void && e.date <= as_of) {
        match e.kind {
            Kind::Incident if e.informed.is_none_or(|d| d > as_of) => {
                let n = days(e.date, as_of);
                push(
                    "incident-not-informed",
                    (0, -n),
                    Some(e.id),
                    format!(
                        "tell {} about incident #{} ({}): not informed after {}",
                        c.name,
                        e.id,
                        what(e),
                        count(n, "day", "days")
                    ),
                    Said::NotInformed {
                        id: e.id,
                        what: what(e),
                        days: n,
                    },
                );
            }
            Kind::Incident if e.resolved.is_none_or(|d| d > as_of) => {
                let n = days(e.date, as_of);
                push(
                    "incident-open",
                    (2, -n),
                    Some(e.id),
                    format!(
                        "resolve incident #{} ({}): open for {}",
                        e.id,
                        what(e),
                        count(n, "day", "days")
                    ),
                    Said::IncidentOpen {
                        id: e.id,
                        what: what(e),
                        days: n,
                    },
                );
            }
            Kind::Commitment => {
                let open = e.open_at(as_of);
                let due = e.agreed_due_at(as_of).unwrap_or(e.date);
                let current = e.due_at(as_of).unwrap_or(due);
                if open && due < as_of {
                    let n = days(due, as_of);
                    push(
                        "commitment-overdue",
                        (1, -n),
                        Some(e.id),
                        format!(
                            "commitment #{} ({}) is {} overdue",
                            e.id,
                            what(e),
                            count(n, "day", "days")
                        ),
                        Said::Overdue {
                            id: e.id,
                            what: what(e),
                            days: n,
                        },
                    );
                } else if open && current <= soon {
                    let n = days(as_of, current);
                    let when = if n == 0 {
                        "today".to_string()
                    } else {
                        format!("in {}", count(n, "day", "days"))
                    };
                    push(
                        "commitment-due",
                        (3, n),
                        Some(e.id),
                        format!(
                            "commitment #{} ({}) is due {when}, {}",
                            e.id,
                            what(e),
                            current.format("%a %-d %b")
                        ),
                        Said::Due {
                            id: e.id,
                            what: what(e),
                            days: n,
                            date: current,
                        },
                    );
                }
            }
            Kind::Milestone => {
                let age = days(e.date, as_of);
                if age <= MILESTONE_LOOKBACK_DAYS && !marked(entries, e, as_of) {
                    push(
                        "milestone-unmarked",
                        (5, age),
                        Some(e.id),
                        format!(
                            "mark milestone #{} ({}) with a gift or compliment, {} ago",
                            e.id,
                            what(e),
                            count(age, "day", "days")
                        ),
                        Said::MilestoneUnmarked {
                            id: e.id,
                            what: what(e),
                            days: age,
                        },
                    );
                }
            }
            Kind::Gift | Kind::Compliment => {
                last_gesture = last_gesture.max(Some(e.date));
                if e.kind == Kind::Gift
                    && e.date >= year_start
                    && let Some(m) = &e.cost
                    && m.currency == cfg.currency
                {
                    spent += m.cents;
                }
            }
            _ => {}
        }
    }
    let cadence = i64::from(c.cadence_days.unwrap_or(cfg.cadence_days));
    let first = entries
        .iter()
        .filter(|e| !e.void && e.date <= as_of)
        .map(|e| e.date)
        .min();
    if let Some(anchor) = last_gesture.or(first) {
        let gap = days(anchor, as_of);
        if gap > cadence {
            let what = if last_gesture.is_some() {
                format!(
                    "{} since the last gift or compliment",
                    count(gap, "day", "days")
                )
            } else {
                format!(
                    "no gift or compliment in {} of history",
                    count(gap, "day", "days")
                )
            };
            push(
                "cadence",
                (4, -(gap - cadence)),
                None,
                format!("appreciate {}: {what} (cadence {cadence})", c.name),
                Said::Cadence {
                    days: gap,
                    cadence,
                    ever: last_gesture.is_some(),
                },
            );
        }
    }
    let budget = cfg.gift_budget_cents;
    if budget > 0 && spent as f64 >= budget as f64 * BUDGET_WARN_SHARE {
        let money = |cents| {
            Money {
                cents,
                currency: cfg.currency.clone(),
            }
            .display()
        };
        let state = if spent > budget { "over" } else { "close to" };
        push(
            "gift-budget",
            (6, -spent),
            None,
            format!(
                "gifts to {} in {}: {} spent, {state} the yearly budget of {}",
                c.name,
                as_of.year(),
                money(spent),
                money(budget)
            ),
            Said::GiftBudget {
                year: as_of.year(),
                spent,
                budget,
                currency: cfg.currency.clone(),
            },
        );
    }
}

/// The next occurrence of (month, day) on or after `from`; 29 Feb falls on 28 Feb in other years.
fn next_yearly(month: u32, day: u32, from: NaiveDate) -> Option<NaiveDate> {
    (from.year()..=from.year() + 1).find_map(|y| {
        let d = NaiveDate::from_ymd_opt(y, month, day)
            .or_else(|| NaiveDate::from_ymd_opt(y, month, day.saturating_sub(1)))?;
        (d >= from).then_some(d)
    })
}

/// The holiday occasions from `as_of` through `as_of + days_ahead`, inclusive.
fn holidays(cfg: &Config, as_of: NaiveDate, days_ahead: u64, out: &mut Vec<Upcoming>) {
    let Some(end) = as_of.checked_add_days(Days::new(days_ahead)) else {
        return;
    };
    for h in &cfg.occasions {
        for d in h.between(as_of, end) {
            out.push(Upcoming {
                date: d,
                client: None,
                kind: "holiday",
                message: h.name.clone(),
                said: Said::Holiday {
                    name: h.name.clone(),
                },
            });
        }
    }
}

/// Every date (month, day) falls on from `from` through `end`.
fn yearly(month: u32, day: u32, from: NaiveDate, end: NaiveDate) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    let mut from = from;
    while let Some(d) = next_yearly(month, day, from) {
        if d > end {
            break;
        }
        out.push(d);
        match d.checked_add_days(Days::new(1)) {
            Some(n) => from = n,
            None => break,
        }
    }
    out
}

/// A client's anniversaries and due commitments from `as_of` through `as_of + days_ahead`.
fn client_upcoming(
    out: &mut Vec<Upcoming>,
    c: &Client,
    entries: &[Entry],
    as_of: NaiveDate,
    days_ahead: u64,
) {
    let Some(end) = as_of.checked_add_days(Days::new(days_ahead)) else {
        return;
    };
    // An archived client has no anniversaries to mind, but what is still open stays, marked.
    let mark = if c.archived { " (archived)" } else { "" };
    if let Some(since) = c.since.filter(|_| !c.archived) {
        for d in yearly(since.month(), since.day(), as_of, end) {
            let years = d.year() - since.year();
            if years >= 1 {
                out.push(Upcoming {
                    date: d,
                    client: Some(c.to_ref()),
                    kind: "anniversary",
                    message: format!(
                        "{} with {} on {}",
                        count(i64::from(years), "year", "years"),
                        c.name,
                        d.format("%-d %b")
                    ),
                    said: Said::Anniversary {
                        years: i64::from(years),
                        date: d,
                    },
                });
            }
        }
    }
    for e in entries {
        if e.void || !e.open_at(as_of) {
            continue;
        }
        if let Some(due) = e.due_at(as_of)
            && due >= as_of
            && due <= end
        {
            out.push(Upcoming {
                date: due,
                client: Some(c.to_ref()),
                kind: "commitment-due",
                message: format!(
                    "commitment #{} ({}) for {}{mark} due",
                    e.id,
                    what(e),
                    c.name
                ),
                said: Said::CommitmentDue {
                    id: e.id,
                    what: what(e),
                    archived: c.archived,
                },
            });
        }
    }
}

/// A gift or compliment for a contact person (or for a birthday at their client), as
/// `birthdays` needs it: (contact id, entry id, kind, date).
pub type BirthdayGesture = (i64, i64, Kind, NaiveDate);

/// How long before a birthday a gift or compliment for that person marks it.
pub const BIRTHDAY_MARK_DAYS: i64 = 30;

/// The birthdays of the people at active clients from `as_of` through `as_of + days_ahead`,
/// each marked by a gift or compliment given for it.
fn birthdays(
    out: &mut Vec<Upcoming>,
    people: &[Contact],
    gestures: &[BirthdayGesture],
    as_of: NaiveDate,
    days_ahead: u64,
) {
    let Some(end) = as_of.checked_add_days(Days::new(days_ahead)) else {
        return;
    };
    for p in people {
        let Some(b) = p.birthday else { continue };
        for d in yearly(b.month, b.day, as_of, end) {
            let day = d.format("%-d %b");
            let mut message = match b.year {
                Some(y) if d.year() > y => format!(
                    "{} ({}) turns {} on {day}",
                    p.name,
                    p.client.name,
                    d.year() - y
                ),
                _ => format!("birthday of {} ({}) on {day}", p.name, p.client.name),
            };
            let mark = gestures.iter().find(|(c, _, _, when)| {
                *c == p.id && *when <= d && (d - *when).num_days() <= BIRTHDAY_MARK_DAYS
            });
            if let Some((_, id, kind, _)) = mark {
                message.push_str(&format!(", marked by {kind} #{id}"));
            }
            out.push(Upcoming {
                date: d,
                client: Some(p.client.clone()),
                kind: "birthday",
                message,
                said: Said::Birthday {
                    person: p.name.clone(),
                    client: p.client.name.clone(),
                    age: b.year.filter(|y| d.year() > *y).map(|y| d.year() - y),
                    date: d,
                    marked: mark.map(|(_, id, kind, _)| (*kind, *id)),
                },
            });
        }
    }
}

fn sort_upcoming(out: &mut [Upcoming]) {
    out.sort_by(|a, b| {
        a.date
            .cmp(&b.date)
            .then(a.kind.cmp(b.kind))
            .then_with(|| a.message.cmp(&b.message))
    });
}

/// `upcoming`: the same items as the report's Coming up, over any span, built one client
/// at a time.
pub struct UpcomingBuilder {
    as_of: NaiveDate,
    days: u64,
    items: Vec<Upcoming>,
}

impl UpcomingBuilder {
    /// Starts with the holidays; `add` the clients (a builder per thread: `merge` the rest).
    pub fn new(cfg: &Config, as_of: NaiveDate, days: u64) -> UpcomingBuilder {
        let mut items = Vec::new();
        holidays(cfg, as_of, days, &mut items);
        UpcomingBuilder { as_of, days, items }
    }

    /// A builder for more clients, without the holidays (those come once, from `new`).
    pub fn part(&self) -> UpcomingBuilder {
        UpcomingBuilder {
            as_of: self.as_of,
            days: self.days,
            items: Vec::new(),
        }
    }

    pub fn merge(&mut self, other: UpcomingBuilder) {
        self.items.extend(other.items);
    }

    pub fn add(&mut self, c: &Client, entries: &[Entry]) {
        client_upcoming(&mut self.items, c, entries, self.as_of, self.days);
    }

    /// The birthdays of these people (at active clients).
    pub fn add_birthdays(&mut self, people: &[Contact], gestures: &[BirthdayGesture]) {
        birthdays(&mut self.items, people, gestures, self.as_of, self.days);
    }

    pub fn finish(mut self) -> Vec<Upcoming> {
        sort_upcoming(&mut self.items);
        self.items
    }
}

/// How many of the lowest-scoring clients are considered for suggested actions.
const ACTION_CANDIDATES: usize = 25;

/// The actions that would raise scores most, each measured by rescoring the client with the
/// hypothetical entry dated `as_of`.
fn actions(out: &mut Vec<Action>, cfg: &Config, c: &Client, entries: &[Entry], as_of: NaiveDate) {
    let f = facts(c);
    let base = snapshot(&f, entries, cfg, as_of, false);
    let mut consider =
        |action: &'static str, entry: Option<i64>, changed: &[Entry], text: String, said: Said| {
            let n = snapshot(&f, changed, cfg, as_of, false);
            let effect = Effect {
                appreciation: n.appreciation - base.appreciation,
                trust: n.trust - base.trust,
                passion: n.passion - base.passion,
                overall: n.overall - base.overall,
            };
            if effect.overall > 0 || effect.appreciation + effect.trust + effect.passion > 0 {
                out.push(Action {
                    action,
                    client: c.to_ref(),
                    entry,
                    message: text,
                    effect,
                    said,
                });
            }
        };
    // One copy of the entries, changed for each hypothesis and put back after it.
    let mut changed = entries.to_vec();
    for i in 0..changed.len() {
        let e = &entries[i];
        if e.void || e.date > as_of {
            continue;
        }
        match e.kind {
            Kind::Commitment if e.open_at(as_of) => {
                changed[i].delivered = Some(as_of);
                let text = format!("deliver #{} ({}) today", e.id, what(e));
                consider(
                    "deliver",
                    Some(e.id),
                    &changed,
                    text,
                    Said::Deliver {
                        id: e.id,
                        what: what(e),
                    },
                );
                changed[i].delivered = e.delivered;
            }
            Kind::Incident if e.informed.is_none_or(|d| d > as_of) => {
                changed[i].informed = Some(as_of);
                changed[i].explained = true;
                let text = format!(
                    "tell {} about incident #{} today and explain it",
                    c.name, e.id
                );
                consider(
                    "inform",
                    Some(e.id),
                    &changed,
                    text,
                    Said::Inform { id: e.id },
                );
                changed[i].informed = e.informed;
                changed[i].explained = e.explained;
            }
            Kind::Incident if e.resolved.is_none_or(|d| d > as_of) => {
                changed[i].resolved = Some(as_of);
                let text = format!("resolve incident #{} ({})", e.id, what(e));
                consider(
                    "resolve",
                    Some(e.id),
                    &changed,
                    text,
                    Said::Resolve {
                        id: e.id,
                        what: what(e),
                    },
                );
                changed[i].resolved = e.resolved;
            }
            _ => {}
        }
    }
    for (kind, action, text, proactive, said) in [
        (
            Kind::Compliment,
            "compliment",
            format!("give {} a sincere compliment", c.name),
            false,
            Said::Compliment,
        ),
        (
            Kind::Touch,
            "touch",
            format!("get in touch with {} with an idea of your own", c.name),
            true,
            Said::Touch,
        ),
    ] {
        let mut e = Entry::new(kind, c.to_ref(), as_of);
        e.proactive = proactive;
        e.energy = proactive.then_some(4);
        changed.push(e);
        consider(action, None, &changed, text, said);
        changed.pop();
    }
}

fn rank_actions(out: &mut Vec<Action>) {
    out.sort_by(|a, b| {
        let total = |x: &Action| x.effect.appreciation + x.effect.trust + x.effect.passion;
        b.effect
            .overall
            .cmp(&a.effect.overall)
            .then_with(|| total(b).cmp(&total(a)))
            .then_with(|| a.client.name.cmp(&b.client.name))
            .then(a.entry.cmp(&b.entry))
    });
    // The best action per client, and never the same one twice: the list spreads the week's
    // attention over clients.
    let mut seen = std::collections::HashSet::new();
    out.retain(|a| seen.insert(a.client.id));
    out.truncate(ACTIONS);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn action(client: i64, overall: i64) -> Action {
        Action {
            action: "compliment",
            client: ClientRef {
                id: client,
                name: format!("c{client}"),
            },
            entry: None,
            message: format!("give c{client} a sincere compliment"),
            said: Said::Compliment,
            effect: Effect {
                appreciation: overall * 3,
                overall,
                ..Default::default()
            },
        }
    }

    #[test]
    fn actions_are_one_per_client_best_first() {
        let mut v = vec![
            action(1, 12),
            action(1, 10),
            action(2, 5),
            action(1, 9),
            action(3, 4),
        ];
        rank_actions(&mut v);
        let got: Vec<(i64, i64)> = v.iter().map(|a| (a.client.id, a.effect.overall)).collect();
        assert_eq!(got, [(1, 12), (2, 5), (3, 4)]);
    }

    #[test]
    fn the_default_period_is_the_seven_days_ending_on_as_of() {
        let p = Period::days_ending(d("2026-11-30"));
        assert_eq!((p.since, p.until), (d("2026-11-24"), d("2026-11-30")));
        assert_eq!(p.iso_week, None);
        assert_eq!(p.title(), "24–30 Nov 2026");
    }

    #[test]
    fn week_of_is_monday_to_sunday() {
        let p = Period::week_of(d("2026-11-27"));
        assert_eq!((p.since, p.until), (d("2026-11-23"), d("2026-11-29")));
        assert_eq!(p.iso_week.as_deref(), Some("2026-W48"));
        assert_eq!(p.title(), "week 48, 23–29 Nov 2026");
        let p = Period::week_of(d("2027-01-01"));
        assert_eq!(p.iso_week.as_deref(), Some("2026-W53"));
        assert_eq!(p.title(), "week 53, 28 Dec 2026 – 3 Jan 2027");
    }

    fn upcoming(c: &Client, from: &str, days: u64) -> Vec<Upcoming> {
        let cfg = Config::default();
        let mut b = UpcomingBuilder::new(&cfg, d(from), days);
        b.add(c, &[]);
        b.finish()
    }

    #[test]
    fn upcoming_crosses_the_year_end() {
        let mut c = Client::named("ACME");
        c.id = 1;
        c.since = Some(d("2021-01-03"));
        let u = upcoming(&c, "2026-12-24", 14);
        let kinds: Vec<(&str, NaiveDate)> = u.iter().map(|x| (x.kind, x.date)).collect();
        assert_eq!(
            kinds,
            vec![
                ("holiday", d("2026-12-25")),
                ("anniversary", d("2027-01-03"))
            ]
        );
        assert!(u[1].message.starts_with("6 years with ACME"));
        // A window of a year and a day sees Christmas twice.
        c.since = None;
        let xmas = upcoming(&c, "2026-12-25", 365)
            .iter()
            .filter(|x| x.message == "Christmas")
            .count();
        assert_eq!(xmas, 2);
    }

    #[test]
    fn leap_day_anniversaries_fall_on_28_february() {
        assert_eq!(next_yearly(2, 29, d("2027-02-01")), Some(d("2027-02-28")));
        assert_eq!(next_yearly(2, 29, d("2028-02-01")), Some(d("2028-02-29")));
    }
}
