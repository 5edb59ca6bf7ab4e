//! The JSON export document: the whole ledger (clients, every entry including void ones,
//! settings) in a versioned, documented shape that `import` reads back. Pure conversions
//! between the document and the model; see docs/EXPORT.md for the format.

use std::collections::BTreeMap;

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::{
    Cause, Channel, Client, ClientRef, Entry, Kind, Money, Occasion, Reschedule, Severity,
};

pub const FORMAT: &str = "relaties-ledger";
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub format: String,
    pub version: u32,
    /// Settings that were set (defaults are not written).
    pub settings: BTreeMap<String, String>,
    pub clients: Vec<ClientDoc>,
    pub entries: Vec<EntryDoc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClientDoc {
    pub id: i64,
    pub name: String,
    pub contact: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub since: Option<NaiveDate>,
    pub tags: Vec<String>,
    pub cadence: Option<u32>,
    pub note: Option<String>,
    pub archived: bool,
    /// Anonymized by `client forget --anonymize`.
    pub forgotten: bool,
    /// When the client was added, UTC, `YYYY-MM-DD HH:MM:SS`. Optional on import (then the
    /// time of the import).
    #[serde(default)]
    pub recorded_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CostDoc {
    pub cents: i64,
    pub currency: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RescheduleDoc {
    pub date: NaiveDate,
    pub due: NaiveDate,
    pub agreed: bool,
}

/// Every field of every kind; those of other kinds are null (or false, or empty).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntryDoc {
    pub id: i64,
    pub kind: String,
    pub client_id: i64,
    pub date: NaiveDate,
    pub description: Option<String>,
    pub note: Option<String>,
    pub void: bool,
    pub void_reason: Option<String>,
    pub occasion: Option<String>,
    pub cost: Option<CostDoc>,
    #[serde(rename = "for")]
    pub for_: Option<String>,
    pub channel: Option<String>,
    pub energy: Option<u8>,
    pub proactive: bool,
    /// As first promised; reschedules move it.
    pub due: Option<NaiveDate>,
    pub reschedules: Vec<RescheduleDoc>,
    pub delivered: Option<NaiveDate>,
    pub quality: Option<u8>,
    pub missed: Option<NaiveDate>,
    pub missed_reason: Option<String>,
    pub cause: Option<String>,
    pub severity: Option<String>,
    pub informed: Option<NaiveDate>,
    pub explained: bool,
    pub solution: Option<String>,
    pub resolved: Option<NaiveDate>,
    /// When the entry was recorded, UTC, `YYYY-MM-DD HH:MM:SS`. Optional on import (then the
    /// time of the import).
    #[serde(default)]
    pub recorded_at: Option<String>,
}

pub fn client_doc(c: &Client, forgotten: bool, recorded_at: Option<String>) -> ClientDoc {
    ClientDoc {
        id: c.id,
        name: c.name.clone(),
        contact: c.contact.clone(),
        email: c.email.clone(),
        phone: c.phone.clone(),
        since: c.since,
        tags: c.tags.clone(),
        cadence: c.cadence_days,
        note: c.note.clone(),
        archived: c.archived,
        forgotten,
        recorded_at,
    }
}

pub fn entry_doc(e: &Entry, recorded_at: Option<String>) -> EntryDoc {
    EntryDoc {
        id: e.id,
        kind: e.kind.as_str().to_string(),
        client_id: e.client.id,
        date: e.date,
        description: e.description.clone(),
        note: e.note.clone(),
        void: e.void,
        void_reason: e.void_reason.clone(),
        occasion: e.occasion.map(|o| o.as_str().to_string()),
        cost: e.cost.as_ref().map(|m| CostDoc {
            cents: m.cents,
            currency: m.currency.clone(),
        }),
        for_: e.reason.clone(),
        channel: e.channel.map(|c| c.as_str().to_string()),
        energy: e.energy,
        proactive: e.proactive,
        due: e.due,
        reschedules: e
            .reschedules
            .iter()
            .map(|r| RescheduleDoc {
                date: r.date,
                due: r.due,
                agreed: r.agreed,
            })
            .collect(),
        delivered: e.delivered,
        quality: e.quality,
        missed: e.missed,
        missed_reason: e.missed_reason.clone(),
        cause: e.cause.map(|c| c.as_str().to_string()),
        severity: e.severity.map(|c| c.as_str().to_string()),
        informed: e.informed,
        explained: e.explained,
        solution: e.solution.clone(),
        resolved: e.resolved,
        recorded_at,
    }
}

/// A write time as the ledger stores it and the document carries it.
pub const RECORDED_FORMAT: &str = "%Y-%m-%d %H:%M:%S";

/// Checks a document's `recorded_at` (None: not given).
pub fn check_recorded(v: &Option<String>) -> Result<Option<&str>> {
    match v.as_deref() {
        None => Ok(None),
        Some(s) => match chrono::NaiveDateTime::parse_from_str(s, RECORDED_FORMAT) {
            Ok(_) => Ok(Some(s)),
            Err(_) => bail!("recorded_at {s:?} is not a UTC time as YYYY-MM-DD HH:MM:SS"),
        },
    }
}

impl ClientDoc {
    pub fn to_client(&self) -> Client {
        Client {
            id: self.id,
            name: self.name.clone(),
            contact: self.contact.clone(),
            email: self.email.clone(),
            phone: self.phone.clone(),
            since: self.since,
            tags: self.tags.clone(),
            cadence_days: self.cadence,
            note: self.note.clone(),
            archived: self.archived || self.forgotten,
        }
    }
}

fn named<T>(what: &str, v: &Option<String>, from: fn(&str) -> Option<T>) -> Result<Option<T>> {
    v.as_deref()
        .map(|s| from(s).with_context(|| format!("unknown {what} {s:?}")))
        .transpose()
}

impl EntryDoc {
    /// The entry, checked: known names, values in range, dates in order.
    pub fn to_entry(&self, client: ClientRef) -> Result<Entry> {
        let kind =
            Kind::from_name(&self.kind).with_context(|| format!("unknown kind {:?}", self.kind))?;
        let mut e = Entry::new(kind, client, self.date);
        e.id = self.id;
        e.description = self.description.clone();
        e.note = self.note.clone();
        e.void = self.void;
        e.void_reason = self.void_reason.clone();
        e.occasion = named("occasion", &self.occasion, Occasion::from_name)?;
        e.cost = match &self.cost {
            Some(c) => {
                if c.cents < 0 || c.cents > crate::parse::MAX_AMOUNT_CENTS {
                    bail!("cost {} cents is out of range", c.cents);
                }
                let currency = crate::config::currency_code(&c.currency)
                    .with_context(|| format!("unknown currency {:?}", c.currency))?;
                Some(Money {
                    cents: c.cents,
                    currency,
                })
            }
            None => None,
        };
        e.reason = self.for_.clone();
        e.channel = named("channel", &self.channel, Channel::from_name)?;
        if let Some(n) = self.energy.filter(|n| !(1..=5).contains(n)) {
            bail!("energy {n} is not 1-5");
        }
        e.energy = self.energy;
        e.proactive = self.proactive;
        e.due = self.due;
        e.reschedules = self
            .reschedules
            .iter()
            .map(|r| Reschedule {
                date: r.date,
                due: r.due,
                agreed: r.agreed,
            })
            .collect();
        e.delivered = self.delivered;
        if let Some(n) = self.quality.filter(|n| !(1..=5).contains(n)) {
            bail!("quality {n} is not 1-5");
        }
        e.quality = self.quality;
        e.missed = self.missed;
        e.missed_reason = self.missed_reason.clone();
        if e.delivered.is_some() && e.missed.is_some() {
            bail!("a commitment cannot be both delivered and missed");
        }
        e.cause = named("cause", &self.cause, Cause::from_name)?;
        e.severity = named("severity", &self.severity, Severity::from_name)?;
        e.informed = self.informed;
        e.explained = self.explained;
        e.solution = self.solution.clone();
        e.resolved = self.resolved;
        if kind == Kind::Commitment && e.due.is_none() {
            bail!("a commitment needs a due date");
        }
        Ok(e)
    }
}

impl Document {
    pub fn new(
        settings: BTreeMap<String, String>,
        clients: Vec<ClientDoc>,
        entries: Vec<EntryDoc>,
    ) -> Document {
        Document {
            format: FORMAT.into(),
            version: VERSION,
            settings,
            clients,
            entries,
        }
    }

    pub fn parse(text: &str) -> Result<Document> {
        let head: serde_json::Value = serde_json::from_str(text).context("not a JSON document")?;
        match (
            head.get("format").and_then(|f| f.as_str()),
            head.get("version").and_then(|v| v.as_u64()),
        ) {
            (Some(FORMAT), Some(v)) if v == u64::from(VERSION) => {}
            (Some(FORMAT), Some(v)) => {
                bail!("this export has version {v}; this relaties reads version {VERSION}")
            }
            _ => bail!("not a relaties export (no \"format\": \"{FORMAT}\")"),
        }
        serde_json::from_value(head).context("the export document is malformed")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recorded_times_must_be_utc_date_and_time() {
        assert_eq!(check_recorded(&None).expect("absent"), None);
        let ok = Some("2026-11-27 05:20:11".to_string());
        assert_eq!(
            check_recorded(&ok).expect("valid"),
            Some("2026-11-27 05:20:11")
        );
        for bad in [
            "2026-11-27",
            "2026-11-27T05:20:11Z",
            "2026-13-01 00:00:00",
            "now",
            "",
        ] {
            let err = check_recorded(&Some(bad.into())).expect_err(bad);
            assert!(err.to_string().contains("YYYY-MM-DD HH:MM:SS"), "{err}");
        }
    }

    #[test]
    fn rejects_other_documents_and_versions() {
        assert!(Document::parse("[]").is_err());
        let e = Document::parse(r#"{"format":"relaties-ledger","version":9}"#).expect_err("newer");
        assert!(e.to_string().contains("version 9"), "{e}");
        let e = Document::parse(
            r#"{"format":"relaties-ledger","version":1,"settings":{},"clients":[],"entries":[],"x":1}"#,
        )
        .expect_err("unknown key");
        assert!(format!("{e:#}").contains("unknown field"), "{e:#}");
    }

    #[test]
    fn entries_round_trip_through_the_document() {
        let c = ClientRef {
            id: 3,
            name: "ACME".into(),
        };
        let mut e = Entry::new(
            Kind::Commitment,
            c.clone(),
            NaiveDate::from_ymd_opt(2026, 1, 2).expect("d"),
        );
        e.id = 9;
        e.due = NaiveDate::from_ymd_opt(2026, 2, 1);
        e.reschedules.push(Reschedule {
            date: NaiveDate::from_ymd_opt(2026, 1, 20).expect("d"),
            due: NaiveDate::from_ymd_opt(2026, 2, 10).expect("d"),
            agreed: true,
        });
        e.delivered = NaiveDate::from_ymd_opt(2026, 2, 9);
        e.quality = Some(4);
        let doc = entry_doc(&e, Some("2026-01-02 09:30:00".into()));
        assert_eq!(doc.to_entry(c).expect("valid"), e);
    }
}
