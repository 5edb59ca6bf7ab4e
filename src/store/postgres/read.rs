//! Reading a team ledger: the queries both a reading store and a write run.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::RangeInclusive;
use std::path::Path;

use crate::i18n::store::StoreMsg;
use crate::i18n::team::TeamMsg;
use anyhow::{Context, Result};
use chrono::NaiveDate;
use postgres::fallible_iterator::FallibleIterator;
use postgres::types::ToSql;

use super::PgStore;
use super::rows::{self, CLIENT_COLUMNS, CONTACT_COLUMNS, CONTACT_FROM, ENTRY_COLUMNS, ENTRY_FROM};
use crate::model::{Client, ClientRef, Contact, Entry, Kind};
use crate::store::StoreError;
use crate::store::ledger::{Ledger, Twin, Txn};
use crate::store::{ClientLookup, EntryFilter, OpenItem, Texts, Undone};

type Db = super::Conn;

/// A failed statement, in the server's words, under what failed (worded from the catalogue).
pub fn failed(what: impl crate::i18n::Message) -> impl FnOnce(postgres::Error) -> anyhow::Error {
    move |e| {
        anyhow::Error::new(crate::store::StoreError::from_pg(e, None))
            .context(crate::i18n::t(what, &[]))
    }
}

pub fn clients(db: &mut Db) -> Result<Vec<Client>> {
    db.query(
        &format!("SELECT {CLIENT_COLUMNS} FROM clients ORDER BY name_key, id"),
        &[],
    )
    .map_err(failed(StoreMsg::ReadClients))?
    .iter()
    .map(rows::client)
    .collect()
}

pub fn client(db: &mut Db, id: i64) -> Result<Option<Client>> {
    db.query_opt(
        &format!("SELECT {CLIENT_COLUMNS} FROM clients WHERE id = $1"),
        &[&id],
    )
    .map_err(failed(StoreMsg::ReadClient))?
    .as_ref()
    .map(rows::client)
    .transpose()
}

pub fn client_by_key(db: &mut Db, key: &str) -> Result<Option<Client>> {
    db.query_opt(
        &format!("SELECT {CLIENT_COLUMNS} FROM clients WHERE name_key = $1"),
        &[&key],
    )
    .map_err(failed(StoreMsg::ReadClient))?
    .as_ref()
    .map(rows::client)
    .transpose()
}

pub fn clients_by_prefix(db: &mut Db, key: &str, limit: u32) -> Result<Vec<Client>> {
    db.query(
        &format!(
            "SELECT {CLIENT_COLUMNS} FROM clients WHERE name_key >= $1 \
             AND name_key < $1 || chr(1114111) AND NOT archived AND NOT forgotten \
             ORDER BY name_key LIMIT $2"
        ),
        &[&key, &i64::from(limit)],
    )
    .map_err(failed(StoreMsg::ReadClients))?
    .iter()
    .map(rows::client)
    .collect()
}

pub fn contacts(db: &mut Db, client: Option<i64>) -> Result<Vec<Contact>> {
    db.query(
        &format!(
            "SELECT {CONTACT_COLUMNS} {CONTACT_FROM} WHERE ($1::bigint IS NULL OR p.client_id = $1) \
             ORDER BY c.name_key, p.name, p.id"
        ),
        &[&client],
    )
    .map_err(failed(StoreMsg::ReadContacts))?
    .iter()
    .map(rows::contact)
    .collect()
}

pub fn contact(db: &mut Db, id: i64) -> Result<Option<Contact>> {
    db.query_opt(
        &format!("SELECT {CONTACT_COLUMNS} {CONTACT_FROM} WHERE p.id = $1"),
        &[&id],
    )
    .map_err(failed(StoreMsg::ReadContact))?
    .as_ref()
    .map(rows::contact)
    .transpose()
}

pub fn links(db: &mut Db) -> Result<Vec<(i64, i64)>> {
    db.query("SELECT entry_id, contact_id FROM entry_contacts", &[])
        .map_err(failed(StoreMsg::ReadContactLinks))?
        .iter()
        .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
        .collect()
}

pub fn settings(db: &mut Db) -> Result<BTreeMap<String, String>> {
    db.query("SELECT key, value FROM settings", &[])
        .map_err(failed(StoreMsg::ReadSettings))?
        .iter()
        .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
        .collect()
}

pub fn entry(db: &mut Db, id: i64) -> Result<Option<Entry>> {
    db.query_opt(
        &format!("SELECT {ENTRY_COLUMNS} {ENTRY_FROM} WHERE e.id = $1"),
        &[&id],
    )
    .map_err(failed(StoreMsg::ReadAnEntry))?
    .as_ref()
    .map(rows::entry)
    .transpose()
}

pub fn entries(db: &mut Db, f: &EntryFilter) -> Result<Vec<Entry>> {
    let mut sql = format!("SELECT {ENTRY_COLUMNS} {ENTRY_FROM} WHERE true");
    let mut args: Vec<Box<dyn ToSql + Sync>> = Vec::new();
    if let Some(c) = f.client {
        args.push(Box::new(c));
        sql.push_str(&format!(" AND e.client_id = ${}", args.len()));
    }
    if !f.kinds.is_empty() {
        let kinds: Vec<String> = f.kinds.iter().map(|k| k.as_str().to_string()).collect();
        args.push(Box::new(kinds));
        sql.push_str(&format!(" AND e.kind = ANY(${})", args.len()));
    }
    if let Some(d) = f.since {
        args.push(Box::new(d.to_string()));
        sql.push_str(&format!(" AND e.date >= ${}", args.len()));
    }
    if let Some(d) = f.until {
        args.push(Box::new(d.to_string()));
        sql.push_str(&format!(" AND e.date <= ${}", args.len()));
    }
    if !f.include_void {
        sql.push_str(" AND NOT e.void");
    }
    if !f.include_archived && f.client.is_none() {
        sql.push_str(" AND NOT c.archived AND NOT c.forgotten");
    }
    sql.push_str(" ORDER BY e.date DESC, e.id DESC");
    if let Some(n) = f.limit {
        sql.push_str(&format!(" LIMIT {n}"));
    }
    db.query(&sql, &rows::refs(&args))
        .map_err(failed(StoreMsg::ReadEntries))?
        .iter()
        .map(rows::entry)
        .collect()
}

/// A scan row (id, client_id, facts, description) into `e`; false when the entry is void.
fn scan_row(r: &postgres::Row, client: i64, texts: Texts, e: &mut Entry) -> Result<bool> {
    let id: i64 = r.try_get(0)?;
    let blob: &[u8] = r.try_get(2)?;
    let damaged = || {
        anyhow::Error::from(StoreError::said(
            crate::i18n::store::StoreMsg::DamagedFacts,
            &[("id", &id)],
        ))
    };
    if crate::store::facts::is_void(blob).ok_or_else(damaged)? {
        return Ok(false);
    }
    crate::store::facts::decode_into(e, id, client, blob).ok_or_else(damaged)?;
    let text: Option<&str> = if texts.wants(e.kind) {
        r.try_get(3)?
    } else {
        None
    };
    crate::store::entries::put_description(e, text);
    Ok(true)
}

pub fn each_client(
    db: &mut Db,
    clients: RangeInclusive<i64>,
    texts: Texts,
    f: &mut dyn FnMut(i64, &[Entry]) -> Result<()>,
) -> Result<()> {
    let (lo, hi) = (*clients.start(), *clients.end());
    let params: [&(dyn ToSql + Sync); 2] = [&lo, &hi];
    let mut rows = db
        .query_raw(
            "SELECT id, client_id, facts, description FROM entries \
             WHERE client_id BETWEEN $1 AND $2 ORDER BY client_id, id",
            params,
        )
        .map_err(failed(StoreMsg::ReadEntries))?;
    let mut current: Option<i64> = None;
    let mut batch: Vec<Entry> = Vec::new();
    let mut len = 0;
    while let Some(row) = rows.next().map_err(failed(StoreMsg::ReadEntries))? {
        let client: i64 = row.try_get(1)?;
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
        if scan_row(&row, client, texts, &mut batch[len])
            .with_context(|| StoreError::said(crate::i18n::store::StoreMsg::ReadAnEntry, &[]))?
        {
            len += 1;
        }
    }
    if let Some(id) = current {
        f(id, &batch[..len])?;
    }
    Ok(())
}

pub fn live_of(db: &mut Db, client: i64) -> Result<Vec<Entry>> {
    let mut out = Vec::new();
    for row in db
        .query(
            "SELECT id, client_id, facts, description FROM entries \
             WHERE client_id = $1 AND NOT void ORDER BY id",
            &[&client],
        )
        .map_err(failed(StoreMsg::ReadEntries))?
    {
        let mut e = Entry::new(Kind::Gift, ClientRef::default(), NaiveDate::MIN);
        if scan_row(&row, client, Texts::All, &mut e)? {
            out.push(e);
        }
    }
    Ok(out)
}

pub fn same_gift_since(
    db: &mut Db,
    client: i64,
    description: &str,
    since: NaiveDate,
) -> Result<Option<NaiveDate>> {
    let row = db
        .query_one(
            "SELECT max(date) FROM entries WHERE client_id = $1 AND kind = 'gift' AND NOT void \
             AND lower(trim(description)) = lower(trim($2)) AND date >= $3",
            &[&client, &description, &since.to_string()],
        )
        .map_err(failed(StoreMsg::FindEarlierGifts))?;
    row.try_get::<_, Option<&str>>(0)?
        .map(rows::date)
        .transpose()
}

pub fn uuids(db: &mut Db, table: &str) -> Result<HashMap<String, i64>> {
    db.query(
        &format!("SELECT uuid, id FROM {table} WHERE uuid IS NOT NULL"),
        &[],
    )
    .map_err(failed(TeamMsg::ReadIdentities))?
    .iter()
    .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
    .collect()
}

fn changes(db: &mut Db) -> Result<i64> {
    let row = db
        .query_opt("SELECT next FROM sequences WHERE name = 'changes'", &[])
        .map_err(failed(StoreMsg::ReadLedger))?;
    Ok(row.map(|r| r.try_get(0)).transpose()?.unwrap_or(0))
}

impl ClientLookup for PgStore {
    fn all_clients(&self) -> Result<Vec<Client>> {
        clients(&mut *self.db()?)
    }
    fn client_by_id(&self, id: i64) -> Result<Option<Client>> {
        client(&mut *self.db()?, id)
    }
    fn client_by_key(&self, key: &str) -> Result<Option<Client>> {
        client_by_key(&mut *self.db()?, key)
    }
    fn clients_by_prefix(&self, key: &str, limit: u32) -> Result<Vec<Client>> {
        clients_by_prefix(&mut *self.db()?, key, limit)
    }
}

impl Ledger for PgStore {
    fn name(&self) -> String {
        self.shown.clone()
    }

    fn engine(&self) -> &'static str {
        "postgresql"
    }

    fn clients(&self) -> Result<Vec<Client>> {
        clients(&mut *self.db()?)
    }

    fn client_times(&self) -> Result<HashMap<i64, String>> {
        self.db()?
            .query("SELECT id, created_at FROM clients", &[])
            .map_err(failed(StoreMsg::ReadClients))?
            .iter()
            .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
            .collect()
    }

    fn forgotten_ids(&self) -> Result<HashSet<i64>> {
        self.db()?
            .query("SELECT id FROM clients WHERE forgotten", &[])
            .map_err(failed(StoreMsg::ReadClients))?
            .iter()
            .map(|r| Ok(r.try_get(0)?))
            .collect()
    }

    fn birthday_gestures(&self) -> Result<Vec<crate::report::BirthdayGesture>> {
        let rows = self
            .db()?
            .query(
                "SELECT ec.contact_id, e.id, e.kind, e.date FROM entry_contacts ec \
                   JOIN entries e ON e.id = ec.entry_id WHERE NOT e.void \
                 UNION ALL \
                 SELECT p.id, e.id, e.kind, e.date FROM entries e JOIN contacts p \
                   ON p.client_id = e.client_id \
                 WHERE e.occasion = 'birthday' AND NOT e.void \
                   AND e.id NOT IN (SELECT entry_id FROM entry_contacts)",
                &[],
            )
            .map_err(failed(StoreMsg::ReadBirthdayGifts))?;
        let mut out = Vec::new();
        for r in rows {
            let kind: &str = r.try_get(2)?;
            if let Some(k) = Kind::from_name(kind) {
                out.push((r.try_get(0)?, r.try_get(1)?, k, rows::date(r.try_get(3)?)?));
            }
        }
        Ok(out)
    }

    fn contacts(&self, client: Option<i64>) -> Result<Vec<Contact>> {
        contacts(&mut *self.db()?, client)
    }

    fn contact(&self, id: i64) -> Result<Option<Contact>> {
        contact(&mut *self.db()?, id)
    }

    fn entry_contacts(&self) -> Result<Vec<(i64, i64)>> {
        links(&mut *self.db()?)
    }

    fn settings(&self) -> Result<BTreeMap<String, String>> {
        settings(&mut *self.db()?)
    }

    fn entries(&self, f: &EntryFilter) -> Result<Vec<Entry>> {
        entries(&mut *self.db()?, f)
    }

    fn open_items(&self, kind: Kind) -> Result<Vec<OpenItem>> {
        let (open, when) = match kind {
            Kind::Commitment => (
                "e.delivered IS NULL AND e.missed IS NULL",
                "COALESCE(e.reschedules::jsonb -> -1 ->> 'due', e.due)",
            ),
            Kind::Incident => ("e.resolved IS NULL", "e.date"),
            _ => return Ok(Vec::new()),
        };
        let mut items: Vec<OpenItem> = self
            .db()?
            .query(
                &format!(
                    "SELECT e.id, c.name, e.description, {when} {ENTRY_FROM} \
                     WHERE e.kind = $1 AND NOT e.void AND {open}"
                ),
                &[&kind.as_str()],
            )
            .map_err(failed(StoreMsg::ReadEntries))?
            .iter()
            .map(|r| {
                Ok(OpenItem {
                    id: r.try_get(0)?,
                    client: r.try_get(1)?,
                    description: r.try_get(2)?,
                    date: r.try_get(3)?,
                })
            })
            .collect::<Result<_>>()?;
        items.sort_by_key(|i| std::cmp::Reverse(i.id));
        Ok(items)
    }

    fn live_entries_of(&self, client: i64) -> Result<Vec<Entry>> {
        live_of(&mut *self.db()?, client)
    }

    fn each_client(
        &self,
        clients: RangeInclusive<i64>,
        texts: Texts,
        f: &mut dyn FnMut(i64, &[Entry]) -> Result<()>,
    ) -> Result<()> {
        each_client(&mut *self.db()?, clients, texts, f)
    }

    fn each_entry_recorded(
        &self,
        by_date: bool,
        f: &mut dyn FnMut(&Entry, &str) -> Result<()>,
    ) -> Result<()> {
        let order = if by_date { "e.date, e.id" } else { "e.id" };
        let mut db = self.db()?;
        let none: [&(dyn ToSql + Sync); 0] = [];
        let mut rows = db
            .query_raw(
                &format!("SELECT {ENTRY_COLUMNS}, e.created_at {ENTRY_FROM} ORDER BY {order}"),
                none,
            )
            .map_err(failed(StoreMsg::ReadEntries))?;
        while let Some(r) = rows.next().map_err(failed(StoreMsg::ReadEntries))? {
            let e = rows::entry(&r)?;
            let recorded: &str = r.try_get(30)?;
            f(&e, recorded)?;
        }
        Ok(())
    }

    fn entry_count_hint(&self) -> Result<i64> {
        let row = self
            .db()?
            .query_one("SELECT next - 1 FROM sequences WHERE name = 'entries'", &[])
            .map_err(failed(StoreMsg::ReadLedger))?;
        Ok(row.try_get(0)?)
    }

    fn stale_facts(&self) -> Result<Vec<i64>> {
        let mut db = self.db()?;
        let none: [&(dyn ToSql + Sync); 0] = [];
        let mut rows = db
            .query_raw(
                &format!("SELECT {ENTRY_COLUMNS}, e.facts {ENTRY_FROM} ORDER BY e.id"),
                none,
            )
            .map_err(failed(StoreMsg::ReadEntries))?;
        let mut stale = Vec::new();
        while let Some(r) = rows.next().map_err(failed(StoreMsg::ReadEntries))? {
            let e = rows::entry(&r)?;
            let stored: &[u8] = r.try_get(30)?;
            if stored != crate::store::facts::encode(&e).as_slice() {
                stale.push(e.id);
            }
        }
        Ok(stale)
    }

    fn changes(&self) -> Result<i64> {
        changes(&mut *self.db()?)
    }

    fn twin(&self) -> Result<Twin> {
        let (url, snapshot) = (self.url.clone(), self.snapshot.clone());
        Ok(Box::new(move || {
            let Some(snapshot) = snapshot else {
                return Ok(None);
            };
            // A reader of the snapshot this one exported (it stays valid while this one's
            // transaction is open, which outlives the scan).
            let mut other = PgStore::open(&url, crate::store::Mode::Existing)?;
            other
                .db()?
                .batch_execute(&format!(
                    "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY; SET TRANSACTION SNAPSHOT {}",
                    super::schema::literal(&snapshot)
                ))
                .map_err(failed(crate::i18n::store::StoreMsg::ReadLedger))?;
            other.snapshot = Some(snapshot);
            Ok(Some(Box::new(other) as Box<dyn Ledger>))
        }))
    }

    fn backup_to(&self, dest: &Path) -> Result<()> {
        super::team::backup(self, dest)
    }

    fn wipe_erased(&self) -> Result<()> {
        // The rows are gone from every table and from the undo journal; old row versions
        // stay in the server's files until VACUUM (FULL) and in its WAL archives and backups
        // until they expire: docs/TEAM.md says so, and `client forget` prints it.
        Ok(())
    }

    fn checkup(&self) -> Result<crate::store::Checkup> {
        Ok(crate::store::Checkup::Server(super::team::checkup(self)?))
    }

    fn write_dyn(&mut self, f: &mut dyn FnMut(&mut dyn Txn) -> Result<()>) -> Result<()> {
        super::txn::write(self, f)
    }

    fn undo(&mut self) -> Result<Undone> {
        super::txn::undo(self)
    }
}
