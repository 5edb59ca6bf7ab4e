//! What the ledger holds, as plain types: clients, entries of every kind, money.
//! The JSON shapes of `cli.md` are produced here, so every command prints the same keys.

use crate::i18n::commands::CmdMsg;
use crate::i18n::t;
use chrono::NaiveDate;
use clap::ValueEnum;
use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::parse::format_money;

/// Declares a string-valued enum once: its variants, their stored/JSON names, clap and serde.
macro_rules! named_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $text:literal $(| $alias:literal)*),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ValueEnum)]
        pub enum $name { $(#[value(name = $text $(, alias = $alias)*)] $variant),+ }

        impl $name {
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            #[allow(dead_code)] // not every enum is read back from the ledger
            pub fn from_name(s: &str) -> Option<Self> {
                match s { $($text => Some($name::$variant),)+ _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
    };
}

named_enum!(
    /// The kinds of ledger entry; all share one id sequence.
    Kind {
        Gift => "gift",
        Compliment => "compliment",
        Milestone => "milestone",
        Touch => "touch",
        Commitment => "commitment",
        Incident => "incident",
    }
);

// After a `|`: Dutch aliases, accepted on the command line in every language (clap's
// `alias`, hidden from --help); the stored and JSON names stay the English ones.
named_enum!(Occasion {
    Holiday => "holiday" | "feestdag" | "kerst" | "kerstmis" | "sinterklaas",
    Milestone => "milestone" | "mijlpaal",
    Anniversary => "anniversary" | "jubileum",
    Thanks => "thanks" | "bedankje",
    Other => "other" | "anders",
    Birthday => "birthday" | "verjaardag",
});

named_enum!(Channel {
    Call => "call" | "telefoon" | "bellen",
    Meeting => "meeting" | "afspraak" | "vergadering",
    Email => "email" | "mail" | "e-mail",
    Visit => "visit" | "bezoek",
    Message => "message" | "bericht",
    Other => "other" | "anders",
});

named_enum!(Cause {
    Own => "own" | "eigen",
    Client => "client" | "klant",
    ThirdParty => "third-party" | "derde",
    ForceMajeure => "force-majeure" | "overmacht",
});

named_enum!(Severity {
    Minor => "minor" | "klein",
    Major => "major" | "groot",
    Critical => "critical" | "kritiek",
});

named_enum!(Status {
    Open => "open",
    Kept => "kept",
    Late => "late",
    Missed => "missed",
});

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Money {
    pub cents: i64,
    pub currency: String,
}

impl Money {
    pub fn display(&self) -> String {
        format_money(self.cents, &self.currency)
    }

    pub fn to_json(&self) -> Value {
        json!({"cents": self.cents, "currency": self.currency, "display": self.display()})
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ClientRef {
    pub id: i64,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Client {
    pub id: i64,
    pub name: String,
    pub contact: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub since: Option<NaiveDate>,
    pub tags: Vec<String>,
    pub cadence_days: Option<u32>,
    pub note: Option<String>,
    pub archived: bool,
    /// The client's lasting identity across ledgers (export and import), once stored.
    pub uuid: Option<String>,
    /// Who added the client or last changed its own fields (not its people or entries): the
    /// login that wrote it, filled in by the store; None when not known (ledgers from before).
    pub recorded_by: Option<String>,
}

/// A birthday: day and month, the year when known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Birthday {
    pub year: Option<i32>,
    pub month: u32,
    pub day: u32,
}

impl Birthday {
    /// `1980-12-05`, `05-12-1980`, `5-12` (day first), or vCard's `--12-05`.
    pub fn parse(s: &str) -> Option<Birthday> {
        let s = s.trim();
        let nums = |t: &str| -> Option<Vec<u32>> {
            t.split(['-', '/', '.']).map(|p| p.parse().ok()).collect()
        };
        let b = if let Some(rest) = s.strip_prefix("--") {
            match nums(rest)?.as_slice() {
                [m, d] => Birthday {
                    year: None,
                    month: *m,
                    day: *d,
                },
                _ => return None,
            }
        } else {
            let parts: Vec<&str> = s.split(['-', '/', '.']).collect();
            let n = nums(s)?;
            match (parts.first().map(|p| p.len()), n.as_slice()) {
                (Some(4), [y, m, d]) => Birthday {
                    year: Some(i32::try_from(*y).ok()?),
                    month: *m,
                    day: *d,
                },
                (_, [d, m, y]) if parts[2].len() == 4 => Birthday {
                    year: Some(i32::try_from(*y).ok()?),
                    month: *m,
                    day: *d,
                },
                (_, [d, m]) => Birthday {
                    year: None,
                    month: *m,
                    day: *d,
                },
                _ => return None,
            }
        };
        // 29 February is a birthday; the year, when given, must make the date real.
        let check_year = b.year.unwrap_or(2000);
        if !(1800..=2200).contains(&check_year) {
            return None;
        }
        NaiveDate::from_ymd_opt(check_year, b.month, b.day)?;
        Some(b)
    }

    /// How the ledger stores it: `YYYY-MM-DD`, or `--MM-DD` without a year.
    pub fn stored(&self) -> String {
        match self.year {
            Some(y) => format!("{y:04}-{:02}-{:02}", self.month, self.day),
            None => format!("--{:02}-{:02}", self.month, self.day),
        }
    }

    /// The birthday in `year` (28 February for 29 February outside leap years).
    pub fn in_year(&self, year: i32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(year, self.month, self.day)
            .or_else(|| NaiveDate::from_ymd_opt(year, self.month, self.day - 1))
    }
}

/// A person at a client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    pub id: i64,
    pub client: ClientRef,
    pub name: String,
    pub role: Option<String>,
    pub emails: Vec<String>,
    pub phones: Vec<String>,
    pub birthday: Option<Birthday>,
    pub note: Option<String>,
    /// The person's lasting identity across ledgers (export and import), once stored.
    pub uuid: Option<String>,
}

impl Contact {
    pub fn new(client: ClientRef, name: impl Into<String>) -> Contact {
        Contact {
            id: 0,
            client,
            name: name.into(),
            role: None,
            emails: Vec::new(),
            phones: Vec::new(),
            birthday: None,
            note: None,
            uuid: None,
        }
    }

    pub fn to_json(&self) -> Value {
        json!({
            "id": self.id,
            "client": self.client,
            "name": self.name,
            "role": self.role,
            "emails": self.emails,
            "phones": self.phones,
            "birthday": self.birthday.map(|b| b.stored()),
            "note": self.note,
        })
    }
}

/// The longest client name, in characters: longer names are typos or pasted paragraphs, and
/// they make name matching slow.
pub const MAX_NAME_CHARS: usize = 200;

/// The cadences a client can have, in days.
pub const CADENCE_DAYS: std::ops::RangeInclusive<u32> = 1..=3650;

/// The rules every client name follows, however it arrives (command line, any import):
/// not empty, no control characters, at most [`MAX_NAME_CHARS`] characters.
pub fn check_client_name(name: &str) -> Result<(), String> {
    if name.trim().is_empty() {
        return Err(t(CmdMsg::ClientNameEmpty, &[]));
    }
    if name.chars().any(char::is_control) {
        return Err(t(
            CmdMsg::ClientNameControl,
            &[("name", &format!("{name:?}"))],
        ));
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(t(CmdMsg::ClientNameLong, &[("max", &MAX_NAME_CHARS)]));
    }
    Ok(())
}

/// A tag is one non-empty word without commas or control characters.
pub fn check_tag(tag: &str) -> Result<(), String> {
    if tag.trim().is_empty() || tag.contains(',') || tag.chars().any(char::is_control) {
        return Err(t(CmdMsg::InvalidTag, &[("tag", &format!("{tag:?}"))]));
    }
    Ok(())
}

impl Client {
    /// A new client with only a name (id 0 until stored).
    pub fn named(name: impl Into<String>) -> Client {
        Client {
            id: 0,
            name: name.into(),
            contact: None,
            email: None,
            phone: None,
            since: None,
            tags: Vec::new(),
            cadence_days: None,
            note: None,
            archived: false,
            uuid: None,
            recorded_by: None,
        }
    }

    /// The limits of the command line, for a client however it arrives: its name
    /// ([`check_client_name`]), its tags ([`check_tag`]) and its cadence ([`CADENCE_DAYS`]).
    pub fn check(&self) -> Result<(), String> {
        check_client_name(&self.name)?;
        for t in &self.tags {
            check_tag(t)?;
        }
        if let Some(d) = self.cadence_days.filter(|d| !CADENCE_DAYS.contains(d)) {
            return Err(t(
                CmdMsg::CadenceRange,
                &[
                    ("d", &d),
                    ("min", CADENCE_DAYS.start()),
                    ("max", CADENCE_DAYS.end()),
                ],
            ));
        }
        Ok(())
    }

    pub fn to_ref(&self) -> ClientRef {
        ClientRef {
            id: self.id,
            name: self.name.clone(),
        }
    }

    pub fn to_json(&self) -> Value {
        json!({
            "id": self.id,
            "name": self.name,
            "contact": self.contact,
            "email": self.email,
            "phone": self.phone,
            "since": self.since.map(|d| d.to_string()),
            "tags": self.tags,
            "cadence": self.cadence_days,
            "note": self.note,
            "archived": self.archived,
            "recorded_by": self.recorded_by,
        })
    }
}

/// A change of a commitment's due date. `agreed`: the client agreed beforehand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reschedule {
    pub date: NaiveDate,
    pub due: NaiveDate,
    pub agreed: bool,
}

/// One ledger line. Fields that belong to one kind only are `None` (or empty) for the others.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub id: i64,
    pub kind: Kind,
    pub client: ClientRef,
    /// When it happened; for a commitment, when it was agreed.
    pub date: NaiveDate,
    pub description: Option<String>,
    pub note: Option<String>,
    pub void: bool,
    pub void_reason: Option<String>,
    // gift
    pub occasion: Option<Occasion>,
    pub cost: Option<Money>,
    // compliment
    pub reason: Option<String>,
    // touch
    pub channel: Option<Channel>,
    pub energy: Option<u8>,
    pub proactive: bool,
    // commitment
    /// The due date as first promised; reschedules move it (see `current_due`).
    pub due: Option<NaiveDate>,
    pub delivered: Option<NaiveDate>,
    pub quality: Option<u8>,
    pub missed: Option<NaiveDate>,
    pub missed_reason: Option<String>,
    pub reschedules: Vec<Reschedule>,
    // incident
    pub cause: Option<Cause>,
    pub severity: Option<Severity>,
    pub informed: Option<NaiveDate>,
    pub explained: bool,
    pub solution: Option<String>,
    pub resolved: Option<NaiveDate>,
    /// The entry's lasting identity across ledgers (export and import), once stored.
    pub uuid: Option<String>,
    /// Who recorded the entry or last changed it (edit, void, deliver, …): the login that
    /// wrote it, filled in by the store; None when not known (ledgers from before).
    pub recorded_by: Option<String>,
}

impl Entry {
    /// A blank entry of a kind, to be filled in by the recording commands.
    pub fn new(kind: Kind, client: ClientRef, date: NaiveDate) -> Entry {
        Entry {
            id: 0,
            kind,
            client,
            date,
            description: None,
            note: None,
            void: false,
            void_reason: None,
            occasion: None,
            cost: None,
            reason: None,
            channel: None,
            energy: None,
            proactive: false,
            due: None,
            delivered: None,
            quality: None,
            missed: None,
            missed_reason: None,
            reschedules: Vec::new(),
            cause: None,
            severity: None,
            informed: None,
            explained: false,
            solution: None,
            resolved: None,
            uuid: None,
            recorded_by: None,
        }
    }

    /// The due date now: the last reschedule's, else the one first promised.
    pub fn current_due(&self) -> Option<NaiveDate> {
        self.reschedules.last().map(|r| r.due).or(self.due)
    }

    /// Whether a commitment was open at `as_of`: agreed by then, and neither delivered nor
    /// missed by then.
    pub fn open_at(&self, as_of: NaiveDate) -> bool {
        self.kind == Kind::Commitment
            && self.date <= as_of
            && self.delivered.is_none_or(|d| d > as_of)
            && self.missed.is_none_or(|d| d > as_of)
    }

    /// The due date as it stood at `as_of` (reschedules made later are not known yet).
    pub fn due_at(&self, as_of: NaiveDate) -> Option<NaiveDate> {
        self.reschedules
            .iter()
            .rev()
            .find(|r| r.date <= as_of)
            .map(|r| r.due)
            .or(self.due)
    }

    /// The agreed due date as it stood at `as_of`.
    pub fn agreed_due_at(&self, as_of: NaiveDate) -> Option<NaiveDate> {
        let mut due = self.due?;
        for r in self
            .reschedules
            .iter()
            .filter(|r| r.agreed && r.date <= as_of)
        {
            due = r.due;
        }
        Some(due)
    }

    /// The due date that counts for lateness: the one first promised, moved only by
    /// reschedules the client agreed to beforehand.
    pub fn agreed_due(&self) -> Option<NaiveDate> {
        let mut due = self.due?;
        for r in self.reschedules.iter().filter(|r| r.agreed) {
            due = r.due;
        }
        Some(due)
    }

    /// A commitment's status. Open until delivered or missed; kept when delivered on or
    /// before the agreed due date, else late.
    pub fn status(&self) -> Option<Status> {
        if self.kind != Kind::Commitment {
            return None;
        }
        Some(match (self.delivered, self.missed) {
            (Some(d), _) => match self.agreed_due() {
                Some(due) if d > due => Status::Late,
                _ => Status::Kept,
            },
            (None, Some(_)) => Status::Missed,
            (None, None) => Status::Open,
        })
    }

    /// The JSON object of cli.md.
    pub fn to_json(&self) -> Value {
        let mut m = Map::new();
        m.insert("id".into(), json!(self.id));
        m.insert("kind".into(), json!(self.kind));
        m.insert("client".into(), json!(self.client));
        m.insert("date".into(), json!(self.date.to_string()));
        m.insert("description".into(), json!(self.description));
        let day = |d: Option<NaiveDate>| json!(d.map(|d| d.to_string()));
        match self.kind {
            Kind::Gift => {
                m.insert("occasion".into(), json!(self.occasion));
                m.insert(
                    "cost".into(),
                    self.cost.as_ref().map_or(Value::Null, Money::to_json),
                );
            }
            Kind::Compliment => {
                m.insert("for".into(), json!(self.reason));
            }
            Kind::Milestone => {}
            Kind::Touch => {
                m.insert("channel".into(), json!(self.channel));
                m.insert("energy".into(), json!(self.energy));
                m.insert("proactive".into(), json!(self.proactive));
            }
            Kind::Commitment => {
                m.insert("due".into(), day(self.current_due()));
                m.insert("status".into(), json!(self.status()));
                m.insert("delivered".into(), day(self.delivered));
                m.insert("quality".into(), json!(self.quality));
                m.insert("missed".into(), day(self.missed));
                m.insert("missed_reason".into(), json!(self.missed_reason));
                let rs: Vec<Value> = self
                    .reschedules
                    .iter()
                    .map(|r| json!({"date": r.date.to_string(), "due": r.due.to_string(), "agreed": r.agreed}))
                    .collect();
                m.insert("reschedules".into(), Value::Array(rs));
            }
            Kind::Incident => {
                m.insert("cause".into(), json!(self.cause));
                m.insert("severity".into(), json!(self.severity));
                m.insert("informed".into(), day(self.informed));
                m.insert("explained".into(), json!(self.explained));
                m.insert("solution".into(), json!(self.solution));
                m.insert("resolved".into(), day(self.resolved));
            }
        }
        m.insert("note".into(), json!(self.note));
        m.insert("void".into(), json!(self.void));
        m.insert("void_reason".into(), json!(self.void_reason));
        m.insert("recorded_by".into(), json!(self.recorded_by));
        Value::Object(m)
    }

    /// A one-line human summary: "gift #12 for ACME B.V. on 2026-11-26: Wine box (€45.50)".
    pub fn summary(&self) -> String {
        let details = self.summary_details();
        let head = format!(
            "{} #{} for {} on {}",
            self.kind, self.id, self.client.name, self.date
        );
        if details.is_empty() {
            head
        } else {
            format!("{head}: {details}")
        }
    }

    /// What the entry says, with the facts of its kind: "Wine box (holiday, €45.50)"; without
    /// a description only the facts ("call, energy 4"), and nothing at all where there are none.
    pub fn summary_details(&self) -> String {
        let description = self.description.clone().filter(|d| !d.is_empty());
        let mut extras: Vec<String> = Vec::new();
        let mut add = |x: String| extras.push(x);
        match self.kind {
            Kind::Gift => {
                if let Some(o) = self.occasion {
                    add(o.to_string());
                }
                if let Some(c) = &self.cost {
                    add(c.display());
                }
            }
            Kind::Compliment => {
                if let Some(r) = &self.reason {
                    add(format!("for {r}"));
                }
            }
            Kind::Milestone => {}
            Kind::Touch => {
                if let Some(c) = self.channel {
                    add(c.to_string());
                }
                if let Some(n) = self.energy {
                    add(format!("energy {n}"));
                }
                if self.proactive {
                    add("proactive".into());
                }
            }
            Kind::Commitment => {
                let due = self
                    .current_due()
                    .map(|d| d.to_string())
                    .unwrap_or_default();
                match (self.status(), self.delivered, self.missed) {
                    (Some(st), Some(d), _) => add(format!("{st}, delivered {d}, due {due}")),
                    (_, None, Some(d)) => add(format!("missed {d}, due {due}")),
                    _ => add(format!("open, due {due}")),
                }
                if let Some(q) = self.quality {
                    add(format!("quality {q}"));
                }
            }
            Kind::Incident => {
                if let Some(c) = self.cause {
                    add(c.to_string());
                }
                if let Some(v) = self.severity {
                    add(v.to_string());
                }
                add(match self.informed {
                    Some(d) => format!("informed {d}"),
                    None => "client not informed".into(),
                });
                add(match self.resolved {
                    Some(d) => format!("resolved {d}"),
                    None => "open".into(),
                });
            }
        }
        if self.void {
            add("VOID".into());
        }
        match (description, extras.is_empty()) {
            (Some(d), true) => d,
            (Some(d), false) => format!("{d} ({})", extras.join(", ")),
            (None, _) => extras.join(", "),
        }
    }
}
