//! Rows of a team ledger as the program's types, and the columns they are read from: the
//! same columns, in the same order and with the same stored forms (ISO dates as text, JSON
//! lists as text, the packed facts) as a SQLite ledger's, so both read back the same values.

use anyhow::{Context, Result};
use chrono::NaiveDate;
use postgres::Row;
use postgres::types::ToSql;

use crate::model::{
    Birthday, Cause, Channel, Client, ClientRef, Contact, Entry, Kind, Money, Occasion, Reschedule,
    Severity,
};

pub const CLIENT_COLUMNS: &str = "id, name, contact, email, phone, since, tags, cadence_days, \
    note, archived, forgotten, uuid, recorded_by";

pub const ENTRY_COLUMNS: &str = "e.id, e.kind, e.client_id, c.name, e.date, e.description, \
    e.note, e.void, e.void_reason, e.occasion, e.cost_cents, e.currency, e.reason, e.channel, \
    e.energy, e.proactive, e.due, e.delivered, e.quality, e.missed, e.missed_reason, \
    e.reschedules, e.cause, e.severity, e.informed, e.explained, e.solution, e.resolved, e.uuid, \
    e.recorded_by";

pub const ENTRY_FROM: &str = "FROM entries e JOIN clients c ON c.id = e.client_id";

pub const CONTACT_COLUMNS: &str = "p.id, p.client_id, c.name, p.name, p.role, p.emails, \
    p.phones, p.birthday, p.note, p.uuid";

pub const CONTACT_FROM: &str = "FROM contacts p JOIN clients c ON c.id = p.client_id";

/// The columns an entry is stored in, in the order of [`entry_values`].
pub const ENTRY_STORED: &[&str] = &[
    "client_id",
    "kind",
    "date",
    "description",
    "note",
    "void",
    "void_reason",
    "occasion",
    "cost_cents",
    "currency",
    "reason",
    "channel",
    "energy",
    "proactive",
    "due",
    "delivered",
    "quality",
    "missed",
    "missed_reason",
    "reschedules",
    "cause",
    "severity",
    "informed",
    "explained",
    "solution",
    "resolved",
    "facts",
];

pub fn date(s: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| {
        anyhow::Error::from(StoreError::said(
            crate::i18n::store::StoreMsg::BadDate,
            &[("value", &format!("{s:?}"))],
        ))
    })
}

fn opt_date(r: &Row, i: usize) -> Result<Option<NaiveDate>> {
    r.try_get::<_, Option<&str>>(i)?.map(date).transpose()
}

fn named<T>(r: &Row, i: usize, from: fn(&str) -> Option<T>) -> Result<Option<T>> {
    match r.try_get::<_, Option<&str>>(i)? {
        None => Ok(None),
        Some(s) => from(s).map(Some).ok_or_else(|| {
            anyhow::Error::from(StoreError::said(
                crate::i18n::store::StoreMsg::UnknownValue,
                &[("value", &format!("{s:?}"))],
            ))
        }),
    }
}

fn small(r: &Row, i: usize) -> Result<Option<u8>> {
    r.try_get::<_, Option<i64>>(i)?
        .map(|n| {
            u8::try_from(n).with_context(|| {
                crate::i18n::t(
                    crate::i18n::store::StoreMsg::CauseOutOfRange,
                    &[("value", &n)],
                )
            })
        })
        .transpose()
}

pub fn client(r: &Row) -> Result<Client> {
    let tags: &str = r.try_get(6)?;
    Ok(Client {
        id: r.try_get(0)?,
        name: r.try_get(1)?,
        contact: r.try_get(2)?,
        email: r.try_get(3)?,
        phone: r.try_get(4)?,
        since: opt_date(r, 5)?,
        tags: serde_json::from_str(tags).unwrap_or_default(),
        cadence_days: r
            .try_get::<_, Option<i64>>(7)?
            .map(|n| {
                u32::try_from(n).with_context(|| {
                    crate::i18n::t(
                        crate::i18n::store::StoreMsg::CauseOutOfRange,
                        &[("value", &n)],
                    )
                })
            })
            .transpose()?,
        note: r.try_get(8)?,
        archived: r.try_get::<_, bool>(9)? || r.try_get::<_, bool>(10)?,
        uuid: r.try_get(11)?,
        recorded_by: r.try_get(12)?,
    })
}

use crate::store::StoreError;
use crate::store::entries::StoredReschedule;

pub fn entry(r: &Row) -> Result<Entry> {
    let kind = named(r, 1, Kind::from_name)?
        .with_context(|| StoreError::said(crate::i18n::store::StoreMsg::NoKind, &[]))?;
    let cost = match (
        r.try_get::<_, Option<i64>>(10)?,
        r.try_get::<_, Option<String>>(11)?,
    ) {
        (Some(cents), Some(currency)) => Some(Money { cents, currency }),
        _ => None,
    };
    let reschedules = match r.try_get::<_, Option<&str>>(21)? {
        None | Some("[]") => Vec::new(),
        Some(json) => serde_json::from_str::<Vec<StoredReschedule>>(json)
            .with_context(|| StoreError::said(crate::i18n::store::StoreMsg::DamagedDate, &[]))?
            .into_iter()
            .map(|s| {
                Ok(Reschedule {
                    date: date(&s.date)?,
                    due: date(&s.due)?,
                    agreed: s.agreed,
                })
            })
            .collect::<Result<_>>()?,
    };
    Ok(Entry {
        id: r.try_get(0)?,
        kind,
        client: ClientRef {
            id: r.try_get(2)?,
            name: r.try_get(3)?,
        },
        date: opt_date(r, 4)?
            .with_context(|| StoreError::said(crate::i18n::store::StoreMsg::NoDate, &[]))?,
        description: r.try_get(5)?,
        note: r.try_get(6)?,
        void: r.try_get(7)?,
        void_reason: r.try_get(8)?,
        occasion: named(r, 9, Occasion::from_name)?,
        cost,
        reason: r.try_get(12)?,
        channel: named(r, 13, Channel::from_name)?,
        energy: small(r, 14)?,
        proactive: r.try_get(15)?,
        due: opt_date(r, 16)?,
        delivered: opt_date(r, 17)?,
        quality: small(r, 18)?,
        missed: opt_date(r, 19)?,
        missed_reason: r.try_get(20)?,
        reschedules,
        cause: named(r, 22, Cause::from_name)?,
        severity: named(r, 23, Severity::from_name)?,
        informed: opt_date(r, 24)?,
        explained: r.try_get(25)?,
        solution: r.try_get(26)?,
        resolved: opt_date(r, 27)?,
        uuid: r.try_get(28)?,
        recorded_by: r.try_get(29)?,
    })
}

pub fn contact(r: &Row) -> Result<Contact> {
    let list = |i: usize| -> Result<Vec<String>> {
        let s: &str = r.try_get(i)?;
        Ok(serde_json::from_str(s).unwrap_or_default())
    };
    let birthday: Option<&str> = r.try_get(7)?;
    Ok(Contact {
        id: r.try_get(0)?,
        client: ClientRef {
            id: r.try_get(1)?,
            name: r.try_get(2)?,
        },
        name: r.try_get(3)?,
        role: r.try_get(4)?,
        emails: list(5)?,
        phones: list(6)?,
        birthday: birthday.and_then(Birthday::parse),
        note: r.try_get(8)?,
        uuid: r.try_get(9)?,
    })
}

/// One stored value of an entry, owned, ready to be a parameter.
pub type Param = Box<dyn ToSql + Sync>;

/// An entry's stored values, in the order of [`ENTRY_STORED`].
pub fn entry_values(e: &Entry) -> Result<Vec<Param>> {
    let day = |d: Option<NaiveDate>| -> Param { Box::new(d.map(|d| d.to_string())) };
    let text = |s: &Option<String>| -> Param { Box::new(s.clone()) };
    let name = |s: Option<&'static str>| -> Param { Box::new(s.map(str::to_string)) };
    let reschedules = crate::store::entries::reschedules_json(e)?;
    Ok(vec![
        Box::new(e.client.id),
        Box::new(e.kind.as_str().to_string()),
        Box::new(e.date.to_string()),
        text(&e.description),
        text(&e.note),
        Box::new(e.void),
        text(&e.void_reason),
        name(e.occasion.map(Occasion::as_str)),
        Box::new(e.cost.as_ref().map(|m| m.cents)),
        Box::new(e.cost.as_ref().map(|m| m.currency.clone())),
        text(&e.reason),
        name(e.channel.map(Channel::as_str)),
        Box::new(e.energy.map(i64::from)),
        Box::new(e.proactive),
        day(e.due),
        day(e.delivered),
        Box::new(e.quality.map(i64::from)),
        day(e.missed),
        text(&e.missed_reason),
        Box::new(reschedules),
        name(e.cause.map(Cause::as_str)),
        name(e.severity.map(Severity::as_str)),
        day(e.informed),
        Box::new(e.explained),
        text(&e.solution),
        day(e.resolved),
        Box::new(crate::store::facts::encode(e)),
    ])
}

/// Borrowed parameters for a query from owned ones.
pub fn refs(v: &[Param]) -> Vec<&(dyn ToSql + Sync)> {
    v.iter()
        .map(|p| p.as_ref() as &(dyn ToSql + Sync))
        .collect()
}
