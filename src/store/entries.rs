//! Entries of every kind: reads and writes.

use anyhow::{Context, Result};
use chrono::NaiveDate;
use rusqlite::types::Value as SqlValue;
use rusqlite::{Connection, OptionalExtension, Row, params, params_from_iter};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::journal::Table;
use super::{Store, Writer, read_date};
use crate::i18n::store::StoreMsg;
use crate::i18n::t;
use crate::model::{Cause, Channel, ClientRef, Entry, Kind, Money, Occasion, Reschedule, Severity};
use crate::store::StoreError;

const COLUMNS: &str = "e.id, e.kind, e.client_id, c.name, e.date, e.description, e.note, e.void, \
    e.void_reason, e.occasion, e.cost_cents, e.currency, e.reason, e.channel, e.energy, \
    e.proactive, e.due, e.delivered, e.quality, e.missed, e.missed_reason, e.reschedules, \
    e.cause, e.severity, e.informed, e.explained, e.solution, e.resolved, e.uuid, e.recorded_by";

const FROM: &str = "FROM entries e JOIN clients c ON c.id = e.client_id";

/// The index of a column selected after `COLUMNS`.
const AFTER_COLUMNS: usize = 30;

/// An open commitment or incident in brief (see `Store::open_items`): `date` is a
/// commitment's due date in force, an incident's date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenItem {
    pub id: i64,
    pub client: String,
    pub description: Option<String>,
    pub date: Option<String>,
}

/// How reschedules are kept in their JSON column.
#[derive(Serialize, Deserialize)]
pub(super) struct StoredReschedule {
    pub(super) date: String,
    pub(super) due: String,
    pub(super) agreed: bool,
}

fn bad_value(
    col: usize,
    what: impl Into<Box<dyn std::error::Error + Send + Sync>>,
) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(col, rusqlite::types::Type::Text, what.into())
}

/// Borrows a text column without copying it (a report reads millions of them).
fn text<'r>(r: &'r Row<'_>, col: usize) -> rusqlite::Result<Option<&'r str>> {
    r.get_ref(col)?
        .as_str_or_null()
        .map_err(|e| bad_value(col, e))
}

/// Reads a stored enum name; an unknown one means the file was edited by hand.
fn named<T>(r: &Row<'_>, col: usize, from: fn(&str) -> Option<T>) -> rusqlite::Result<Option<T>> {
    match text(r, col)? {
        None => Ok(None),
        Some(s) => from(s).map(Some).ok_or_else(|| {
            bad_value(
                col,
                t(StoreMsg::UnknownValue, &[("value", &format!("{s:?}"))]),
            )
        }),
    }
}

fn day(r: &Row<'_>, col: usize) -> rusqlite::Result<Option<NaiveDate>> {
    text(r, col)?.map(read_date).transpose()
}

fn reschedules(r: &Row<'_>, col: usize) -> rusqlite::Result<Vec<Reschedule>> {
    match text(r, col)? {
        None | Some("[]") => Ok(Vec::new()),
        Some(json) => {
            let stored: Vec<StoredReschedule> =
                serde_json::from_str(json).map_err(|e| bad_value(col, e))?;
            stored
                .into_iter()
                .map(|s| {
                    Ok(Reschedule {
                        date: read_date(&s.date)?,
                        due: read_date(&s.due)?,
                        agreed: s.agreed,
                    })
                })
                .collect()
        }
    }
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<Entry> {
    let kind =
        named(r, 1, Kind::from_name)?.ok_or_else(|| bad_value(1, t(StoreMsg::NoKind, &[])))?;
    let cost = match (r.get::<_, Option<i64>>(10)?, text(r, 11)?) {
        (Some(cents), Some(currency)) => Some(Money {
            cents,
            currency: currency.to_string(),
        }),
        _ => None,
    };
    Ok(Entry {
        id: r.get(0)?,
        kind,
        client: ClientRef {
            id: r.get(2)?,
            name: r.get(3)?,
        },
        date: day(r, 4)?.ok_or_else(|| bad_value(4, t(StoreMsg::NoDate, &[])))?,
        description: r.get(5)?,
        note: r.get(6)?,
        void: r.get(7)?,
        void_reason: r.get(8)?,
        occasion: named(r, 9, Occasion::from_name)?,
        cost,
        reason: r.get(12)?,
        channel: named(r, 13, Channel::from_name)?,
        energy: r.get(14)?,
        proactive: r.get(15)?,
        due: day(r, 16)?,
        delivered: day(r, 17)?,
        quality: r.get(18)?,
        missed: day(r, 19)?,
        missed_reason: r.get(20)?,
        reschedules: reschedules(r, 21)?,
        cause: named(r, 22, Cause::from_name)?,
        severity: named(r, 23, Severity::from_name)?,
        informed: day(r, 24)?,
        explained: r.get(25)?,
        solution: r.get(26)?,
        resolved: day(r, 27)?,
        uuid: r.get(28)?,
        recorded_by: r.get(29)?,
    })
}

/// Fills `e` from a scan row (id, client_id, facts, description) of client `client`; false,
/// with `e` left as it was, when the entry is void. With `Texts::OpenItems` only the
/// descriptions that report lines name are read: SQLite decodes a column only when asked, so
/// skipping the others saves a copy per row.
fn scoring_row(r: &Row<'_>, client: i64, texts: Texts, e: &mut Entry) -> rusqlite::Result<bool> {
    let id: i64 = r.get(0)?;
    let blob = r.get_ref(2)?.as_blob().map_err(|e| bad_value(2, e))?;
    let damaged = || bad_value(2, t(StoreMsg::DamagedFacts, &[("id", &id)]));
    if super::facts::is_void(blob).ok_or_else(damaged)? {
        return Ok(false);
    }
    super::facts::decode_into(e, id, client, blob).ok_or_else(damaged)?;
    let text = if texts.wants(e.kind) {
        text(r, 3)?
    } else {
        None
    };
    put_description(e, text);
    Ok(true)
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<Entry>> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} {FROM} WHERE e.id = ?1"))?
        .query_row([id], from_row)
        .optional()
        .with_context(|| StoreError::said(StoreMsg::ReadEntry, &[("id", &id)]))
}

/// What `timeline`, `commitments` and `incidents` ask for. Empty fields do not filter.
#[derive(Debug, Default)]
pub struct EntryFilter {
    pub client: Option<i64>,
    pub kinds: Vec<Kind>,
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    pub include_void: bool,
    pub include_archived: bool,
    pub limit: Option<u32>,
}

/// Entries matching `f`, newest first.
pub fn list(conn: &Connection, f: &EntryFilter) -> Result<Vec<Entry>> {
    let mut sql = format!("SELECT {COLUMNS} {FROM} WHERE 1 = 1");
    let mut args: Vec<SqlValue> = Vec::new();
    if let Some(c) = f.client {
        args.push(c.into());
        sql.push_str(&format!(" AND e.client_id = ?{}", args.len()));
    }
    if !f.kinds.is_empty() {
        let marks: Vec<String> = f
            .kinds
            .iter()
            .map(|k| {
                args.push(k.as_str().to_string().into());
                format!("?{}", args.len())
            })
            .collect();
        sql.push_str(&format!(" AND e.kind IN ({})", marks.join(", ")));
    }
    if let Some(d) = f.since {
        args.push(d.to_string().into());
        sql.push_str(&format!(" AND e.date >= ?{}", args.len()));
    }
    if let Some(d) = f.until {
        args.push(d.to_string().into());
        sql.push_str(&format!(" AND e.date <= ?{}", args.len()));
    }
    if !f.include_void {
        sql.push_str(" AND e.void = 0");
    }
    if !f.include_archived && f.client.is_none() {
        sql.push_str(" AND c.archived = 0 AND c.forgotten = 0");
    }
    sql.push_str(" ORDER BY e.date DESC, e.id DESC");
    if let Some(n) = f.limit {
        sql.push_str(&format!(" LIMIT {n}"));
    }
    let mut stmt = conn.prepare_cached(&sql)?;
    stmt.query_map(params_from_iter(args), from_row)?
        .collect::<rusqlite::Result<_>>()
        .with_context(|| StoreError::said(StoreMsg::ReadEntries, &[]))
}

/// Sets a scanned entry's description, reusing its buffer (a scan refills one set of entries).
pub(super) fn put_description(e: &mut Entry, text: Option<&str>) {
    match text {
        None => e.description = None,
        Some(t) => match &mut e.description {
            Some(d) => {
                d.clear();
                d.push_str(t);
            }
            None => e.description = Some(t.to_string()),
        },
    }
}

/// Which descriptions a scan reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Texts {
    /// Every entry's (explanations name gifts and compliments).
    All,
    /// Those of commitments, incidents and milestones only: what report lines name.
    OpenItems,
}

impl Texts {
    /// Whether a scan reads the description of an entry of `kind`.
    pub fn wants(self, kind: Kind) -> bool {
        self == Texts::All || matches!(kind, Kind::Commitment | Kind::Incident | Kind::Milestone)
    }
}

/// Every live (not void) entry of the clients whose ids fall in `clients`, handed over one
/// client at a time in client-id order: one
/// sequential scan of the table, which is clustered by client, so memory holds one client's
/// entries. Entries carry their description but no other free text (note, reasons); a
/// solution shows only as present or not. Client names are left empty.
pub fn each_client(
    conn: &Connection,
    clients: std::ops::RangeInclusive<i64>,
    texts: Texts,
    mut f: impl FnMut(i64, &[Entry]) -> Result<()>,
) -> Result<()> {
    // Four columns instead of the entry's thirty (see store/facts.rs); void entries are
    // skipped by the flag in the blob rather than by reading one more column.
    let mut stmt = conn.prepare_cached(
        "SELECT id, client_id, facts, description FROM entries \
         WHERE client_id BETWEEN ?1 AND ?2 ORDER BY client_id, id",
    )?;
    let mut rows = stmt.query([clients.start(), clients.end()])?;
    let mut current: Option<i64> = None;
    // One set of entries for every client, overwritten in place: entries are large, and
    // moving fresh ones into a fresh vector per client cost more than scoring them.
    let mut batch: Vec<Entry> = Vec::new();
    let mut len = 0;
    while let Some(row) = rows
        .next()
        .with_context(|| StoreError::said(StoreMsg::ReadEntries, &[]))?
    {
        let client: i64 = row
            .get(1)
            .with_context(|| StoreError::said(StoreMsg::ReadAnEntry, &[]))?;
        if current != Some(client) {
            if let Some(id) = current {
                f(id, &batch[..len])?;
                len = 0;
            }
            current = Some(client);
        }
        if len == batch.len() {
            batch.push(Entry::new(Kind::Gift, ClientRef::default(), NaiveDate::MIN));
        }
        if scoring_row(row, client, texts, &mut batch[len])
            .with_context(|| StoreError::said(StoreMsg::ReadAnEntry, &[]))?
        {
            len += 1;
        }
    }
    if let Some(id) = current {
        f(id, &batch[..len])?;
    }
    Ok(())
}

/// Re-packs the facts of every entry of `client` from its columns, after an SQL update of
/// the columns (anonymizing a client): the blob must not keep what the columns lost.
pub fn repack_facts_of(conn: &Connection, client: i64) -> Result<()> {
    let entries: Vec<Entry> = conn
        .prepare(&format!("SELECT {COLUMNS} {FROM} WHERE e.client_id = ?1"))?
        .query_map([client], from_row)?
        .collect::<rusqlite::Result<_>>()
        .with_context(|| StoreError::said(StoreMsg::ReadEntries, &[]))?;
    let mut update = conn.prepare_cached("UPDATE entries SET facts = ?2 WHERE id = ?1")?;
    for e in &entries {
        update
            .execute(params![e.id, super::facts::encode(e)])
            .with_context(|| StoreError::said(StoreMsg::UpdateEntry, &[("id", &e.id)]))?;
    }
    Ok(())
}

/// One client's live entries in the scan's form (description but no other text, no client
/// name): what rescoring a client needs, read cheaply.
pub fn live_of(conn: &Connection, client: i64) -> Result<Vec<Entry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, client_id, facts, description FROM entries \
         WHERE client_id = ?1 AND void = 0 ORDER BY id",
    )?;
    let mut rows = stmt.query([client])?;
    let mut out = Vec::new();
    while let Some(row) = rows
        .next()
        .with_context(|| StoreError::said(StoreMsg::ReadEntries, &[]))?
    {
        let mut e = Entry::new(Kind::Gift, ClientRef::default(), NaiveDate::MIN);
        if scoring_row(row, client, Texts::All, &mut e)
            .with_context(|| StoreError::said(StoreMsg::ReadAnEntry, &[]))?
        {
            out.push(e);
        }
    }
    Ok(out)
}

/// Whether the same gift went to the client on or after `since` (for the repeat warning).
pub fn same_gift_since(
    conn: &Connection,
    client: i64,
    description: &str,
    since: NaiveDate,
) -> Result<Option<NaiveDate>> {
    conn.prepare_cached(
        "SELECT max(date) FROM entries WHERE client_id = ?1 AND kind = 'gift' AND void = 0 \
         AND lower(trim(description)) = lower(trim(?2)) AND date >= ?3",
    )?
    .query_row(params![client, description, since.to_string()], |r| {
        r.get::<_, Option<String>>(0)
    })
    .with_context(|| StoreError::said(StoreMsg::FindEarlierGifts, &[]))?
    .as_deref()
    .map(read_date)
    .transpose()
    .with_context(|| StoreError::said(StoreMsg::DamagedDate, &[]))
}

impl Store {
    /// Ids of entries whose packed facts do not match their columns (only a hand edit of the
    /// file can cause that). Reads every entry: a maintenance check for `doctor`.
    pub fn stale_facts(&self) -> Result<Vec<i64>> {
        let mut stmt = self
            .conn
            .prepare(&format!("SELECT {COLUMNS}, e.facts {FROM} ORDER BY e.id"))?;
        let mut rows = stmt.query([])?;
        let mut stale = Vec::new();
        while let Some(r) = rows
            .next()
            .with_context(|| StoreError::said(StoreMsg::ReadEntries, &[]))?
        {
            let e = from_row(r).with_context(|| StoreError::said(StoreMsg::ReadAnEntry, &[]))?;
            let stored = r
                .get_ref(AFTER_COLUMNS)?
                .as_blob()
                .unwrap_or_default()
                .to_vec();
            if stored != super::facts::encode(&e) {
                stale.push(e.id);
            }
        }
        Ok(stale)
    }

    pub fn entries(&self, f: &EntryFilter) -> Result<Vec<Entry>> {
        list(&self.conn, f)
    }

    /// The open commitments (neither delivered nor missed) or unresolved incidents, archived
    /// clients' too, newest first, in brief: what shell completion offers. One lean query, where
    /// `entries` would decode every commitment or incident ever recorded.
    pub fn open_items(&self, kind: Kind) -> Result<Vec<OpenItem>> {
        let (open, when) = match kind {
            // The due date in force: the last reschedule's, else the agreed one.
            Kind::Commitment => (
                "e.delivered IS NULL AND e.missed IS NULL",
                "COALESCE(json_extract(e.reschedules, '$[#-1].due'), e.due)",
            ),
            Kind::Incident => ("e.resolved IS NULL", "e.date"),
            _ => return Ok(Vec::new()),
        };
        // Sorted here: ORDER BY e.id would walk the id index and look every row up.
        let mut stmt = self.conn.prepare(&format!(
            "SELECT e.id, c.name, e.description, {when} {FROM} \
             WHERE e.kind = ?1 AND e.void = 0 AND {open}"
        ))?;
        let rows = stmt.query_map([kind.as_str()], |r| {
            Ok(OpenItem {
                id: r.get(0)?,
                client: r.get(1)?,
                description: r.get(2)?,
                date: r.get(3)?,
            })
        })?;
        let mut items: Vec<OpenItem> = rows.collect::<rusqlite::Result<_>>()?;
        items.sort_by_key(|i| std::cmp::Reverse(i.id));
        Ok(items)
    }

    /// See [`live_of`].
    pub fn live_entries_of(&self, client: i64) -> Result<Vec<Entry>> {
        live_of(&self.conn, client)
    }

    /// See [`each_client`].
    pub fn each_client(
        &self,
        clients: std::ops::RangeInclusive<i64>,
        texts: Texts,
        f: impl FnMut(i64, &[Entry]) -> Result<()>,
    ) -> Result<()> {
        each_client(&self.conn, clients, texts, f)
    }

    /// Every entry, void ones and archived clients' included, with when it was recorded
    /// (UTC, as stored), handed to `f` one at a time as they are read, so that memory holds
    /// one entry however large the ledger: by id, or with `by_date` by date and then id.
    pub fn each_entry_recorded(
        &self,
        by_date: bool,
        mut f: impl FnMut(&Entry, &str) -> Result<()>,
    ) -> Result<()> {
        let order = if by_date { "e.date, e.id" } else { "e.id" };
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {COLUMNS}, e.created_at {FROM} ORDER BY {order}"
        ))?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows
            .next()
            .with_context(|| StoreError::said(StoreMsg::ReadEntries, &[]))?
        {
            let e = from_row(r).with_context(|| StoreError::said(StoreMsg::ReadAnEntry, &[]))?;
            let recorded = text(r, AFTER_COLUMNS)
                .with_context(|| StoreError::said(StoreMsg::ReadAnEntry, &[]))?
                .unwrap_or_default();
            f(&e, recorded)?;
        }
        Ok(())
    }

    /// Roughly how many entries the ledger holds (the next id): enough to decide whether a
    /// scan is worth splitting over threads.
    pub fn entry_count_hint(&self) -> Result<i64> {
        self.conn
            .query_row(
                "SELECT next - 1 FROM sequences WHERE name = 'entries'",
                [],
                |r| r.get(0),
            )
            .with_context(|| StoreError::said(StoreMsg::ReadLedger, &[]))
    }
}

/// NULL when there are none (most entries), so the scan skips parsing them.
pub(super) fn reschedules_json(e: &Entry) -> Result<Option<String>> {
    if e.reschedules.is_empty() {
        return Ok(None);
    }
    let stored: Vec<StoredReschedule> = e
        .reschedules
        .iter()
        .map(|r| StoredReschedule {
            date: r.date.to_string(),
            due: r.due.to_string(),
            agreed: r.agreed,
        })
        .collect();
    Ok(Some(serde_json::to_string(&stored)?))
}

/// The stored columns of an entry, in the order of the INSERT and UPDATE below; `by` is who
/// writes it.
fn values(e: &Entry, by: Option<&str>) -> Result<Vec<SqlValue>> {
    let day = |d: Option<NaiveDate>| -> SqlValue { d.map(|d| d.to_string()).into() };
    let text = |s: &Option<String>| -> SqlValue { s.clone().into() };
    let name = |s: Option<&'static str>| -> SqlValue { s.map(str::to_string).into() };
    Ok(vec![
        e.client.id.into(),
        e.kind.as_str().to_string().into(),
        e.date.to_string().into(),
        text(&e.description),
        text(&e.note),
        e.void.into(),
        text(&e.void_reason),
        name(e.occasion.map(Occasion::as_str)),
        e.cost.as_ref().map(|m| m.cents).into(),
        e.cost.as_ref().map(|m| m.currency.clone()).into(),
        text(&e.reason),
        name(e.channel.map(Channel::as_str)),
        e.energy.map(i64::from).into(),
        e.proactive.into(),
        day(e.due),
        day(e.delivered),
        e.quality.map(i64::from).into(),
        day(e.missed),
        text(&e.missed_reason),
        reschedules_json(e)?.into(),
        name(e.cause.map(Cause::as_str)),
        name(e.severity.map(Severity::as_str)),
        day(e.informed),
        e.explained.into(),
        text(&e.solution),
        day(e.resolved),
        super::facts::encode(e).into(),
        by.map(str::to_string).into(),
    ])
}

const STORED: &str = "client_id, kind, date, description, note, void, void_reason, occasion, \
    cost_cents, currency, reason, channel, energy, proactive, due, delivered, quality, missed, \
    missed_reason, reschedules, cause, severity, informed, explained, solution, resolved, facts, \
    recorded_by";

impl Writer<'_> {
    pub fn entry(&self, id: i64) -> Result<Option<Entry>> {
        get(&self.tx, id)
    }

    /// Entries matching `f`, newest first, as this transaction sees them.
    pub fn entries(&self, f: &EntryFilter) -> Result<Vec<Entry>> {
        list(&self.tx, f)
    }

    pub fn same_gift_since(
        &self,
        client: i64,
        description: &str,
        since: NaiveDate,
    ) -> Result<Option<NaiveDate>> {
        same_gift_since(&self.tx, client, description, since)
    }

    /// Adds an entry (its `id` is ignored) and returns it as stored: with its new id, uuid and
    /// who recorded it. Built from `e` rather than read back, which would cost a third of a
    /// `log-gift`'s SQL (the unit test `an_added_entry_is_what_a_read_returns` holds the two
    /// the same).
    pub fn add_entry(&mut self, e: &Entry) -> Result<Entry> {
        let id = self.next_entry_id()?;
        let uuid = self.insert_entry_as(e, id, None)?;
        let mut stored = e.clone();
        stored.id = id;
        stored.uuid = Some(uuid);
        stored.recorded_by = self.recorded_by(&e.recorded_by).map(str::to_string);
        Ok(stored)
    }

    /// Adds an entry (its `id` is ignored) and returns its new id.
    pub fn insert_entry(&mut self, e: &Entry) -> Result<i64> {
        self.insert_entry_recorded(e, None)
    }

    /// `insert_entry`, keeping the time it was first recorded (UTC, as stored) when given.
    pub fn insert_entry_recorded(&mut self, e: &Entry, recorded_at: Option<&str>) -> Result<i64> {
        let id = self.next_entry_id()?;
        self.insert_entry_as(e, id, recorded_at)?;
        Ok(id)
    }

    /// Takes the next entry id.
    fn next_entry_id(&mut self) -> Result<i64> {
        self.tx
            .prepare_cached(
                "UPDATE sequences SET next = next + 1 WHERE name = 'entries' RETURNING next - 1",
            )?
            .query_row([], |r| r.get(0))
            .with_context(|| StoreError::said(StoreMsg::NumberEntry, &[]))
    }

    /// Adds an entry under its own id (an import into an empty ledger keeps the ids), and
    /// moves the id sequence past it.
    pub fn import_entry(&mut self, e: &Entry, recorded_at: Option<&str>) -> Result<i64> {
        self.tx
            .prepare_cached("UPDATE sequences SET next = max(next, ?1 + 1) WHERE name = 'entries'")?
            .execute([e.id])
            .with_context(|| StoreError::said(StoreMsg::NumberEntry, &[]))?;
        self.insert_entry_as(e, e.id, recorded_at)?;
        Ok(e.id)
    }

    /// Stores `e` as entry `id`; returns its uuid (its own, or a new one).
    fn insert_entry_as(&mut self, e: &Entry, id: i64, recorded_at: Option<&str>) -> Result<String> {
        let mut vals = values(e, self.recorded_by(&e.recorded_by))?;
        vals.push(id.into());
        let marks: Vec<String> = (1..=vals.len()).map(|i| format!("?{i}")).collect();
        vals.push(recorded_at.map(str::to_string).into());
        vals.push(e.uuid.clone().into());
        let uuid: String = self
            .tx
            .prepare_cached(&format!(
                "INSERT INTO entries ({STORED}, id, created_at, uuid) \
                 VALUES ({}, coalesce(?{}, datetime('now')), coalesce(?{}, {})) RETURNING uuid",
                marks.join(", "),
                vals.len() - 1,
                vals.len(),
                super::schema::NEW_UUID
            ))?
            .query_row(params_from_iter(vals), |r| r.get(0))
            .with_context(|| StoreError::said(StoreMsg::RecordEntry, &[]))?;
        self.remember_new(Table::Entries, json!(id));
        Ok(uuid)
    }

    /// Stores every field of `e` over the entry with its id.
    pub fn update_entry(&mut self, e: &Entry) -> Result<Entry> {
        self.remember(Table::Entries, json!(e.id))?;
        let mut vals = values(e, self.recorded_by(&e.recorded_by))?;
        let sets: Vec<String> = STORED
            .split(", ")
            .enumerate()
            .map(|(i, c)| format!("{c} = ?{}", i + 1))
            .collect();
        vals.push(e.id.into());
        self.tx
            .prepare_cached(&format!(
                "UPDATE entries SET {} WHERE id = ?{}",
                sets.join(", "),
                vals.len()
            ))?
            .execute(params_from_iter(vals))
            .with_context(|| StoreError::said(StoreMsg::UpdateEntry, &[("id", &e.id)]))?;
        self.entry(e.id)?
            .with_context(|| StoreError::said(StoreMsg::EntryVanished, &[]))
    }
}
