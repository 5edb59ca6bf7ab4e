//! Writing a team ledger: one transaction per command, journalled for `undo`.

use std::collections::{BTreeMap, HashMap};

use crate::i18n::store::StoreMsg;
use anyhow::{Context, Result};
use chrono::NaiveDate;
use postgres::types::ToSql;
use serde_json::Value;

use super::read::{self, failed};
use super::rows::{self, ENTRY_STORED};
use super::schema::ident;
use super::{PgStore, refused, writable};
use crate::i18n::t;
use crate::i18n::team::TeamMsg;
use crate::model::{Client, Contact, Entry};
use crate::parse::fold;
use crate::store::StoreError;
use crate::store::ledger::Txn;
use crate::store::{ClientLookup, EntryFilter, Undone};

/// How many changes `undo` can walk back, as on SQLite.
const KEEP: i64 = 1000;

/// A row's key in the journal: an id, or a setting's name.
#[derive(Clone, PartialEq)]
enum Key {
    Id(i64),
    Name(String),
}

impl Key {
    fn text(&self) -> String {
        match self {
            Key::Id(n) => n.to_string(),
            Key::Name(s) => Value::String(s.clone()).to_string(),
        }
    }

    fn param(&self) -> Box<dyn ToSql + Sync> {
        match self {
            Key::Id(n) => Box::new(*n),
            Key::Name(s) => Box::new(s.clone()),
        }
    }

    fn parse(s: &str) -> Result<Key> {
        match s.parse::<i64>() {
            Ok(n) => Ok(Key::Id(n)),
            Err(_) => match serde_json::from_str::<Value>(s) {
                Ok(Value::String(k)) => Ok(Key::Name(k)),
                _ => {
                    Err(StoreError::said(crate::i18n::store::StoreMsg::JournalDamaged, &[]).into())
                }
            },
        }
    }
}

/// The journalled tables and their keys. Names never come from input.
fn key_column(table: &str) -> Result<&'static str> {
    Ok(match table {
        "clients" | "entries" | "contacts" => "id",
        "entry_contacts" => "entry_id",
        "settings" => "key",
        other => {
            return Err(StoreError::said(
                crate::i18n::store::StoreMsg::JournalUnknownTable,
                &[("table", &format!("{other:?}"))],
            )
            .into());
        }
    })
}

struct Change {
    table: &'static str,
    key: Key,
    before: Option<Value>,
}

/// A write in progress on a team ledger.
pub struct PgTxn<'a> {
    store: &'a PgStore,
    changes: Vec<Change>,
    summary: Option<String>,
    journal: bool,
    keep_recorded_by: bool,
    /// Ids kept by an import, per sequence (the highest): the sequence is moved past them once,
    /// before the next id is handed out and at the end, not once a row.
    kept: std::cell::RefCell<BTreeMap<String, i64>>,
}

/// UTC now, in the form the ledger keeps times in (as SQLite's `datetime('now')`).
fn now() -> String {
    chrono::Utc::now().format("%Y-%m-%d %H:%M:%S").to_string()
}

/// How many times a write runs before a transaction the server keeps giving up is reported.
const TRIES: u32 = 10;

/// Runs `f` as one transaction (see the module's documentation). When the server gives the
/// transaction up (a serialization failure or a deadlock: [`StoreError::TryAgain`]), at any
/// statement or at the commit, it is rolled back and run again from the start, after a short
/// pause that grows with each try.
pub fn write(store: &mut PgStore, f: &mut dyn FnMut(&mut dyn Txn) -> Result<()>) -> Result<()> {
    writable(store)?;
    let summary = retrying(store, |store| attempt(store, f))?;
    if let Ok(mut c) = crate::store::COMMITTED.lock() {
        *c = Some(summary);
    }
    Ok(())
}

/// Runs `run` (one whole transaction, begun and committed by it) until it works, fails for
/// another reason than the server giving it up, or has run [`TRIES`] times; a failed run is
/// rolled back.
fn retrying<T>(store: &PgStore, mut run: impl FnMut(&PgStore) -> Result<T>) -> Result<T> {
    let mut tries = 0;
    loop {
        tries += 1;
        match run(store) {
            Ok(v) => return Ok(v),
            Err(e) => {
                rollback(store);
                if tries >= TRIES || !StoreError::is_retry(&e) {
                    return Err(e);
                }
                pause(tries);
            }
        }
    }
}

/// Counts one more change (readers of a snapshot compare the counter) and commits.
fn count_and_commit(db: &mut postgres::Client) -> Result<()> {
    db.execute(
        "UPDATE sequences SET next = next + 1 WHERE name = 'changes'",
        &[],
    )
    .map_err(|e| refused(e, "member"))?;
    db.batch_execute("COMMIT")
        .map_err(failed(StoreMsg::CommitChange))?;
    Ok(())
}

/// One run of a write: begin, `f`, commit.
fn attempt(store: &PgStore, f: &mut dyn FnMut(&mut dyn Txn) -> Result<()>) -> Result<String> {
    begin(store, false)?;
    let mut txn = PgTxn {
        store,
        changes: Vec::new(),
        summary: None,
        journal: true,
        keep_recorded_by: false,
        kept: std::cell::RefCell::new(BTreeMap::new()),
    };
    f(&mut txn)?;
    txn.finish()
}

/// Before try `n + 1`: 20 ms × n, plus up to 20 ms at random so that writers the server
/// stopped together do not meet again.
fn pause(n: u32) {
    let ms = 20 * u64::from(n) + fastrand::u64(0..20);
    std::thread::sleep(std::time::Duration::from_millis(ms));
}

/// Starts a write. A login that may not take the writers' lock (a reader) gets a transaction
/// without it unless `strict`: whatever it then tries to change is refused by the statement
/// itself, naming the role that change needs (an owner's, for settings), and nothing is kept.
fn begin(store: &PgStore, strict: bool) -> Result<()> {
    let wait = crate::store::wait::limit()?;
    let mut db = store.db()?;
    // As long as RELATIES_WAIT says (lock_timeout 0 would mean forever: 1 ms is "do not wait").
    db.batch_execute(&format!(
        "BEGIN ISOLATION LEVEL READ COMMITTED; SET LOCAL lock_timeout = '{}ms'",
        wait.as_millis().max(1)
    ))
    .map_err(failed(StoreMsg::StartWrite))?;
    // Writers queue here, one at a time, as on SQLite; a reader is never held up.
    if let Err(e) = db.query_one(
        "SELECT next FROM sequences WHERE name = 'changes' FOR UPDATE",
        &[],
    ) {
        if e.code() == Some(&postgres::error::SqlState::LOCK_NOT_AVAILABLE) {
            return Err(crate::store::wait::gave_up());
        }
        if strict || e.code() != Some(&postgres::error::SqlState::INSUFFICIENT_PRIVILEGE) {
            return Err(refused(e, "member"));
        }
        db.batch_execute("ROLLBACK; BEGIN ISOLATION LEVEL READ COMMITTED")
            .map_err(failed(StoreMsg::StartWrite))?;
    }
    Ok(())
}

/// A member's write refused or failed: the role it needs, under what failed.
fn as_member(what: StoreMsg) -> impl FnOnce(postgres::Error) -> anyhow::Error {
    move |e| refused(e, "member").context(t(what, &[]))
}

fn rollback(store: &PgStore) {
    if let Ok(mut db) = store.db() {
        let _ = db.batch_execute("ROLLBACK");
    }
}

impl PgTxn<'_> {
    fn db(&self) -> Result<std::cell::RefMut<'_, super::Conn>> {
        self.store.db()
    }

    /// Who a stored row is recorded as: this login, or with `keep_recorded_by` the row's own
    /// (the server's trigger has the last word: only an owner's may stand).
    fn by(&self, own: &Option<String>) -> Option<String> {
        if self.keep_recorded_by {
            own.clone()
        } else {
            Some(self.store.login.clone())
        }
    }

    /// Journals, counts and commits; returns the summary.
    fn finish(&mut self) -> Result<String> {
        let summary = self
            .summary
            .clone()
            .unwrap_or_else(|| "a change".to_string());
        self.move_past_kept()?;
        let mut db = self.db()?;
        if !self.changes.is_empty() {
            let id: i64 = db
                .query_one(
                    "INSERT INTO journal (at, summary, recorded_by) VALUES ($1, $2, $3) \
                     RETURNING id",
                    &[&now(), &summary, &self.store.login],
                )
                .map_err(|e| refused(e, "member"))?
                .try_get(0)?;
            for (seq, c) in self.changes.iter().enumerate() {
                db.execute(
                    "INSERT INTO journal_rows (journal_id, seq, tbl, row_key, before) \
                     VALUES ($1, $2, $3, $4, $5)",
                    &[&id, &(seq as i64), &c.table, &c.key.text(), &c.before],
                )
                .map_err(|e| refused(e, "member"))?;
            }
            db.execute(
                "DELETE FROM journal WHERE id <= $1 AND recorded_by = session_user",
                &[&(id - KEEP)],
            )
            .map_err(failed(StoreMsg::PruneJournal))?;
        }
        count_and_commit(&mut db)?;
        Ok(summary)
    }

    /// Remembers a row as it is before this write changes it (the first image counts).
    fn remember(&mut self, table: &'static str, key: Key) -> Result<()> {
        if !self.journal
            || self
                .changes
                .iter()
                .any(|c| c.table == table && c.key == key)
        {
            return Ok(());
        }
        let col = key_column(table)?;
        let param = key.param();
        let before: Option<Value> = self
            .db()?
            .query_opt(
                &format!("SELECT to_jsonb(t) FROM {table} t WHERE {col} = $1"),
                &[param.as_ref()],
            )
            .map_err(failed(TeamMsg::ReadJournalRow))?
            .map(|r| r.try_get(0))
            .transpose()?;
        self.changes.push(Change { table, key, before });
        Ok(())
    }

    fn remember_new(&mut self, table: &'static str, key: Key) {
        if self.journal {
            self.changes.push(Change {
                table,
                key,
                before: None,
            });
        }
    }

    /// The next id of `sequence` (clients, entries, contacts).
    fn next_id(&self, sequence: &str) -> Result<i64> {
        self.move_past_kept()?;
        Ok(self
            .db()?
            .query_one(
                "UPDATE sequences SET next = next + 1 WHERE name = $1 RETURNING next - 1",
                &[&sequence],
            )
            .map_err(|e| refused(e, "member"))?
            .try_get(0)?)
    }

    /// Moves `sequence` past an id an import keeps (see `move_past_kept`).
    fn keep_id(&self, sequence: &str, id: i64) -> Result<()> {
        let mut kept = self.kept.borrow_mut();
        let top = kept.entry(sequence.to_string()).or_insert(id);
        *top = (*top).max(id);
        Ok(())
    }

    /// Moves each sequence past the highest id kept since the last time.
    fn move_past_kept(&self) -> Result<()> {
        let kept = std::mem::take(&mut *self.kept.borrow_mut());
        for (sequence, id) in kept {
            self.db()?
                .execute(
                    "UPDATE sequences SET next = greatest(next, $2::bigint + 1) WHERE name = $1",
                    &[&sequence, &id],
                )
                .map_err(|e| refused(e, "member"))?;
        }
        Ok(())
    }

    fn check_name_free(&self, name: &str, except: Option<i64>) -> Result<String> {
        crate::model::check_client_name(name).map_err(anyhow::Error::msg)?;
        let key = fold(name);
        if key.is_empty() {
            return Err(
                StoreError::said(crate::i18n::store::StoreMsg::ClientNameEmpty, &[]).into(),
            );
        }
        if let Some(existing) = read::client_by_key(&mut *self.db()?, &key)?
            && Some(existing.id) != except
        {
            return Err(StoreError::said(
                crate::i18n::store::StoreMsg::ClientExists,
                &[
                    ("name", &format!("{:?}", existing.name)),
                    ("id", &existing.id),
                ],
            )
            .into());
        }
        Ok(key)
    }

    fn insert_entry_as(&mut self, e: &Entry, id: i64, recorded_at: Option<&str>) -> Result<i64> {
        let mut vals = rows::entry_values(e)?;
        vals.push(Box::new(id));
        vals.push(Box::new(recorded_at.map_or_else(now, str::to_string)));
        vals.push(Box::new(e.uuid.clone()));
        vals.push(Box::new(self.by(&e.recorded_by)));
        let n = vals.len();
        // $1…$(n-2): the stored columns, id and created_at; then uuid and recorded_by.
        let marks: Vec<String> = (1..=n - 2).map(|i| format!("${i}")).collect();
        self.db()?
            .execute(
                &format!(
                    "INSERT INTO entries ({}, id, created_at, uuid, recorded_by) \
                     VALUES ({}, coalesce(${}, gen_random_uuid()::text), ${n})",
                    ENTRY_STORED.join(", "),
                    marks.join(", "),
                    n - 1
                ),
                &rows::refs(&vals),
            )
            .map_err(as_member(StoreMsg::RecordEntry))?;
        self.remember_new("entries", Key::Id(id));
        Ok(id)
    }
}

impl ClientLookup for PgTxn<'_> {
    fn all_clients(&self) -> Result<Vec<Client>> {
        read::clients(&mut *self.db()?)
    }
    fn client_by_id(&self, id: i64) -> Result<Option<Client>> {
        read::client(&mut *self.db()?, id)
    }
    fn client_by_key(&self, key: &str) -> Result<Option<Client>> {
        read::client_by_key(&mut *self.db()?, key)
    }
    fn clients_by_prefix(&self, key: &str, limit: u32) -> Result<Vec<Client>> {
        read::clients_by_prefix(&mut *self.db()?, key, limit)
    }
}

impl Txn for PgTxn<'_> {
    fn set_summary(&mut self, s: String) {
        self.summary = Some(s);
    }

    fn skip_journal(&mut self) {
        self.journal = false;
    }

    fn keep_recorded_by(&mut self) {
        self.keep_recorded_by = true;
    }

    fn clients(&self) -> Result<Vec<Client>> {
        read::clients(&mut *self.db()?)
    }

    fn client(&self, id: i64) -> Result<Option<Client>> {
        read::client(&mut *self.db()?, id)
    }

    fn client_named(&self, name: &str) -> Result<Option<Client>> {
        read::client_by_key(&mut *self.db()?, &fold(name))
    }

    fn add_client(&mut self, c: &Client) -> Result<Client> {
        let id = self.import_client(c, false, false, None)?;
        self.client(id)?
            .with_context(|| StoreError::said(crate::i18n::store::StoreMsg::NewClientVanished, &[]))
    }

    fn update_client(&mut self, c: &Client) -> Result<Client> {
        c.check().map_err(anyhow::Error::msg)?;
        self.remember("clients", Key::Id(c.id))?;
        let name = c.name.trim();
        let key = self.check_name_free(name, Some(c.id))?;
        self.db()?
            .execute(
                "UPDATE clients SET name = $1, name_key = $2, contact = $3, email = $4, \
                 phone = $5, since = $6, tags = $7, cadence_days = $8, note = $9, archived = $10, \
                 recorded_by = $11 WHERE id = $12",
                &[
                    &name,
                    &key,
                    &c.contact,
                    &c.email,
                    &c.phone,
                    &c.since.map(|d| d.to_string()),
                    &serde_json::to_string(&c.tags)?,
                    &c.cadence_days.map(i64::from),
                    &c.note,
                    &c.archived,
                    &self.by(&c.recorded_by),
                    &c.id,
                ],
            )
            .map_err(as_member(StoreMsg::UpdateClient))?;
        self.client(c.id)?
            .with_context(|| StoreError::said(crate::i18n::store::StoreMsg::ClientVanished, &[]))
    }

    fn forget_client(&mut self, id: i64, anonymize: bool) -> Result<()> {
        // Anonymizing is an update, and erasing deletes a member's own entries first: the
        // grants alone would let a member do either part, so the role is checked here.
        if super::team::role_of(self.store, &self.store.login)? != Some("owner") {
            return Err(StoreError::said(TeamMsg::NeedsRoleHere, &[("role", &"owner")]).into());
        }
        let mut db = self.db()?;
        let owner = |e: postgres::Error| refused(e, "owner");
        if anonymize {
            let placeholder = format!("forgotten client #{id}");
            db.execute(
                "UPDATE clients SET name = $1, name_key = $2, contact = NULL, email = NULL, \
                 phone = NULL, since = NULL, tags = '[]', cadence_days = NULL, note = NULL, \
                 archived = true, forgotten = true, recorded_by = $4 WHERE id = $3",
                &[&placeholder, &fold(&placeholder), &id, &self.store.login],
            )
            .map_err(owner)?;
            db.execute(
                "UPDATE entries SET description = NULL, note = NULL, void_reason = NULL, \
                 occasion = NULL, reason = NULL, channel = NULL, energy = NULL, proactive = false, \
                 quality = NULL, missed_reason = NULL, cause = NULL, severity = NULL, \
                 explained = false, solution = NULL, recorded_by = $2 WHERE client_id = $1",
                &[&id, &self.store.login],
            )
            .map_err(owner)?;
            let entries: Vec<Entry> = db
                .query(
                    &format!(
                        "SELECT {} {} WHERE e.client_id = $1",
                        rows::ENTRY_COLUMNS,
                        rows::ENTRY_FROM
                    ),
                    &[&id],
                )
                .map_err(failed(StoreMsg::ReadEntries))?
                .iter()
                .map(rows::entry)
                .collect::<Result<_>>()?;
            for e in &entries {
                db.execute(
                    "UPDATE entries SET facts = $2 WHERE id = $1",
                    &[&e.id, &crate::store::facts::encode(e)],
                )
                .map_err(owner)?;
            }
            db.execute("DELETE FROM contacts WHERE client_id = $1", &[&id])
                .map_err(owner)?;
        } else {
            db.execute("DELETE FROM entries WHERE client_id = $1", &[&id])
                .map_err(owner)?;
            let n = db
                .execute("DELETE FROM clients WHERE id = $1", &[&id])
                .map_err(owner)?;
            if n == 0 {
                return Err(StoreError::said(
                    TeamMsg::NeedsRole,
                    &[("role", &"owner"), ("detail", &"client forget")],
                )
                .into());
            }
        }
        // Nothing before this point may be undone (the images would bring erased data back).
        db.execute("DELETE FROM journal", &[]).map_err(owner)?;
        let what = if anonymize { "anonymized" } else { "erased" };
        db.execute(
            "INSERT INTO journal (at, summary, final, recorded_by) VALUES ($1, $2, true, $3)",
            &[
                &now(),
                &format!("client #{id} {what} (client forget)"),
                &self.store.login,
            ],
        )
        .map_err(owner)?;
        drop(db);
        self.changes.clear();
        Ok(())
    }

    fn import_client(
        &mut self,
        c: &Client,
        keep_id: bool,
        forgotten: bool,
        recorded_at: Option<&str>,
    ) -> Result<i64> {
        c.check().map_err(anyhow::Error::msg)?;
        let key = self.check_name_free(c.name.trim(), None)?;
        let id = if keep_id {
            self.keep_id("clients", c.id)?;
            c.id
        } else {
            self.next_id("clients")?
        };
        self.db()?
            .execute(
                "INSERT INTO clients (id, name, name_key, contact, email, phone, since, tags, \
                 cadence_days, note, archived, forgotten, created_at, uuid, recorded_by) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, \
                 coalesce($14, gen_random_uuid()::text), $15)",
                &[
                    &id,
                    &c.name.trim(),
                    &key,
                    &c.contact,
                    &c.email,
                    &c.phone,
                    &c.since.map(|d| d.to_string()),
                    &serde_json::to_string(&c.tags)?,
                    &c.cadence_days.map(i64::from),
                    &c.note,
                    &c.archived,
                    &forgotten,
                    &recorded_at.map_or_else(now, str::to_string),
                    &c.uuid,
                    &self.by(&c.recorded_by),
                ],
            )
            .map_err(|e| {
                refused(e, "member").context(StoreError::said(
                    StoreMsg::AddClient,
                    &[("name", &format!("{:?}", c.name))],
                ))
            })?;
        self.remember_new("clients", Key::Id(id));
        Ok(id)
    }

    fn contacts(&self, client: Option<i64>) -> Result<Vec<Contact>> {
        read::contacts(&mut *self.db()?, client)
    }

    fn contact(&self, id: i64) -> Result<Option<Contact>> {
        read::contact(&mut *self.db()?, id)
    }

    fn add_contact(&mut self, p: &Contact) -> Result<Contact> {
        self.insert_contact(p, false)
    }

    fn insert_contact(&mut self, p: &Contact, keep_id: bool) -> Result<Contact> {
        let id = if keep_id {
            self.keep_id("contacts", p.id)?;
            p.id
        } else {
            self.next_id("contacts")?
        };
        self.db()?
            .execute(
                "INSERT INTO contacts (id, client_id, name, role, emails, phones, birthday, note, \
                 created_at, uuid, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, \
                 coalesce($10, gen_random_uuid()::text), $11)",
                &[
                    &id,
                    &p.client.id,
                    &p.name,
                    &p.role,
                    &serde_json::to_string(&p.emails)?,
                    &serde_json::to_string(&p.phones)?,
                    &p.birthday.map(|b| b.stored()),
                    &p.note,
                    &now(),
                    &p.uuid,
                    &self.store.login,
                ],
            )
            .map_err(as_member(StoreMsg::AddContact))?;
        self.remember_new("contacts", Key::Id(id));
        self.contact(id)?.with_context(|| {
            StoreError::said(crate::i18n::store::StoreMsg::NewContactVanished, &[])
        })
    }

    fn update_contact(&mut self, p: &Contact) -> Result<Contact> {
        self.remember("contacts", Key::Id(p.id))?;
        self.db()?
            .execute(
                "UPDATE contacts SET client_id = $1, name = $2, role = $3, emails = $4, \
                 phones = $5, birthday = $6, note = $7, recorded_by = $8 WHERE id = $9",
                &[
                    &p.client.id,
                    &p.name,
                    &p.role,
                    &serde_json::to_string(&p.emails)?,
                    &serde_json::to_string(&p.phones)?,
                    &p.birthday.map(|b| b.stored()),
                    &p.note,
                    &self.store.login,
                    &p.id,
                ],
            )
            .map_err(as_member(StoreMsg::UpdateContact))?;
        self.contact(p.id)?
            .with_context(|| StoreError::said(crate::i18n::store::StoreMsg::ContactVanished, &[]))
    }

    fn remove_contact(&mut self, id: i64) -> Result<()> {
        let linked: Vec<i64> = read::links(&mut *self.db()?)?
            .into_iter()
            .filter(|(_, c)| *c == id)
            .map(|(e, _)| e)
            .collect();
        for e in linked {
            self.remember("entry_contacts", Key::Id(e))?;
        }
        self.remember("contacts", Key::Id(id))?;
        let n = self
            .db()?
            .execute("DELETE FROM contacts WHERE id = $1", &[&id])
            .map_err(as_member(StoreMsg::RemoveContact))?;
        if n == 0 {
            return Err(StoreError::said(TeamMsg::ContactOfOthers, &[("id", &id)]).into());
        }
        Ok(())
    }

    fn link_contact(&mut self, entry: i64, contact: i64) -> Result<()> {
        self.remember("entry_contacts", Key::Id(entry))?;
        self.db()?
            .execute(
                "INSERT INTO entry_contacts (entry_id, contact_id, recorded_by) \
                 VALUES ($1, $2, $3) ON CONFLICT (entry_id) DO UPDATE \
                 SET contact_id = excluded.contact_id, recorded_by = excluded.recorded_by",
                &[&entry, &contact, &self.store.login],
            )
            .map_err(as_member(StoreMsg::LinkContact))?;
        Ok(())
    }

    fn entry(&self, id: i64) -> Result<Option<Entry>> {
        read::entry(&mut *self.db()?, id)
    }

    fn entries(&self, f: &EntryFilter) -> Result<Vec<Entry>> {
        read::entries(&mut *self.db()?, f)
    }

    fn same_gift_since(
        &self,
        client: i64,
        description: &str,
        since: NaiveDate,
    ) -> Result<Option<NaiveDate>> {
        read::same_gift_since(&mut *self.db()?, client, description, since)
    }

    fn add_entry(&mut self, e: &Entry) -> Result<Entry> {
        let id = self.insert_entry(e)?;
        self.entry(id)?
            .with_context(|| StoreError::said(crate::i18n::store::StoreMsg::NewEntryVanished, &[]))
    }

    fn insert_entry(&mut self, e: &Entry) -> Result<i64> {
        self.insert_entry_recorded(e, None)
    }

    fn insert_entry_recorded(&mut self, e: &Entry, recorded_at: Option<&str>) -> Result<i64> {
        let id = self.next_id("entries")?;
        self.insert_entry_as(e, id, recorded_at)
    }

    fn import_entry(&mut self, e: &Entry, recorded_at: Option<&str>) -> Result<i64> {
        self.keep_id("entries", e.id)?;
        self.insert_entry_as(e, e.id, recorded_at)
    }

    fn update_entry(&mut self, e: &Entry) -> Result<Entry> {
        self.remember("entries", Key::Id(e.id))?;
        let mut vals = rows::entry_values(e)?;
        let sets: Vec<String> = ENTRY_STORED
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{c} = ${}", i + 1))
            .collect();
        vals.push(Box::new(self.by(&e.recorded_by)));
        vals.push(Box::new(e.id));
        let n = vals.len();
        self.db()?
            .execute(
                &format!(
                    "UPDATE entries SET {}, recorded_by = ${} WHERE id = ${n}",
                    sets.join(", "),
                    n - 1
                ),
                &rows::refs(&vals),
            )
            .map_err(|err| {
                refused(err, "member")
                    .context(StoreError::said(StoreMsg::UpdateEntry, &[("id", &e.id)]))
            })?;
        self.entry(e.id)?
            .with_context(|| StoreError::said(crate::i18n::store::StoreMsg::EntryVanished, &[]))
    }

    fn settings(&self) -> Result<BTreeMap<String, String>> {
        read::settings(&mut *self.db()?)
    }

    fn set_setting(&mut self, key: &str, value: Option<&str>) -> Result<()> {
        self.remember("settings", Key::Name(key.to_string()))?;
        let mut db = self.db()?;
        match value {
            Some(v) => db.execute(
                "INSERT INTO settings (key, value, recorded_by) VALUES ($1, $2, $3) \
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value, recorded_by = excluded.recorded_by",
                &[&key, &v, &self.store.login],
            ),
            None => db.execute("DELETE FROM settings WHERE key = $1", &[&key]),
        }
        .map_err(|e| refused(e, "owner"))?;
        Ok(())
    }

    fn client_uuids(&self) -> Result<HashMap<String, i64>> {
        read::uuids(&mut *self.db()?, "clients")
    }

    fn entry_uuids(&self) -> Result<HashMap<String, i64>> {
        read::uuids(&mut *self.db()?, "entries")
    }

    fn contact_uuids(&self) -> Result<HashMap<String, i64>> {
        read::uuids(&mut *self.db()?, "contacts")
    }
}

/// Undoes this login's most recent change, unless someone changed those rows since.
pub fn undo(store: &mut PgStore) -> Result<Undone> {
    writable(store)?;
    let login = store.login.clone();
    retrying(store, |store| {
        begin(store, true)?;
        undo_last(store, &login)
    })
}

/// Undoes `login`'s most recent change, in the transaction begun, and commits.
fn undo_last(store_ref: &PgStore, login: &str) -> Result<Undone> {
    let mut db = store_ref.db()?;
    let last = db
        .query_opt(
            "SELECT id, at, summary, final FROM journal \
                 WHERE recorded_by = $1 OR final ORDER BY id DESC LIMIT 1",
            &[&login],
        )
        .map_err(failed(StoreMsg::ReadJournal))?;
    let Some(last) = last else {
        return Err(StoreError::said(crate::i18n::store::StoreMsg::NothingToUndo, &[]).into());
    };
    let (id, at, summary, final_): (i64, String, String, bool) = (
        last.try_get(0)?,
        last.try_get(1)?,
        last.try_get(2)?,
        last.try_get(3)?,
    );
    let at = crate::store::journal::shown(&at);
    if final_ {
        return Err(StoreError::said(
            crate::i18n::store::StoreMsg::CannotUndoErased,
            &[("summary", &summary), ("at", &at)],
        )
        .into());
    }
    // Someone else's later change to the same rows would be lost: refuse, naming them.
    if let Some(r) = db
        .query_opt(
            "SELECT j.recorded_by, j.at, j.summary FROM journal j \
                 JOIN journal_rows r ON r.journal_id = j.id \
                 WHERE j.id > $1 AND (r.tbl, r.row_key) IN \
                   (SELECT tbl, row_key FROM journal_rows WHERE journal_id = $1) \
                 ORDER BY j.id DESC LIMIT 1",
            &[&id],
        )
        .map_err(failed(StoreMsg::ReadJournal))?
    {
        let who: Option<String> = r.try_get(0)?;
        let when: String = r.try_get(1)?;
        let what: String = r.try_get(2)?;
        let someone = t(TeamMsg::Someone, &[]);
        return Err(StoreError::said(
            TeamMsg::OthersChangedSince,
            &[
                ("summary", &summary),
                ("at", &at),
                ("who", &who.as_deref().unwrap_or(&someone)),
                ("what", &what),
                ("when", &crate::store::journal::shown(&when)),
            ],
        )
        .into());
    }
    let rows = db
        .query(
            "SELECT tbl, row_key, before FROM journal_rows WHERE journal_id = $1 \
                 ORDER BY seq DESC",
            &[&id],
        )
        .map_err(failed(StoreMsg::ReadJournal))?;
    let mut entries = Vec::new();
    for r in &rows {
        let tbl: &str = r.try_get(0)?;
        let key: &str = r.try_get(1)?;
        if tbl == "entries"
            && let Ok(n) = key.parse::<i64>()
            && let Some(e) = read::entry(&mut db, n)?
        {
            entries.push(e);
        }
    }
    for r in &rows {
        let tbl: &str = r.try_get(0)?;
        let key = Key::parse(r.try_get(1)?)?;
        let before: Option<Value> = r.try_get(2)?;
        restore(&mut db, tbl, &key, before.as_ref())?;
    }
    db.execute("DELETE FROM journal WHERE id = $1", &[&id])
        .map_err(|e| refused(e, "member"))?;
    count_and_commit(&mut db)?;
    Ok(Undone {
        summary,
        entries,
        at,
    })
}

fn restore(
    db: &mut postgres::Client,
    table: &str,
    key: &Key,
    before: Option<&Value>,
) -> Result<()> {
    let col = key_column(table)?;
    let param = key.param();
    let Some(Value::Object(cols)) = before else {
        let n = db
            .execute(
                &format!("DELETE FROM {table} WHERE {col} = $1"),
                &[param.as_ref()],
            )
            .map_err(|e| refused(e, "owner").context(undo_row(table)))?;
        if n == 0 && table != "entry_contacts" {
            // Row-level security hid the row: someone else wrote it last.
            let row = db
                .query_opt(
                    &format!("SELECT coalesce(made_by, recorded_by) FROM {table} WHERE {col} = $1"),
                    &[param.as_ref()],
                )
                .map_err(failed(StoreMsg::ReadLedger))?;
            if let Some(row) = row {
                let who: Option<String> = row.try_get(0)?;
                let someone = t(TeamMsg::SomeoneElse, &[]);
                return Err(StoreError::said(
                    TeamMsg::RowOfOthers,
                    &[
                        ("table", &table),
                        ("who", &who.as_deref().unwrap_or(&someone)),
                    ],
                )
                .into());
            }
        }
        return Ok(());
    };
    let names: Vec<String> = cols.keys().map(|n| ident(n)).collect();
    let list = names.join(", ");
    let image = Value::Object(cols.clone());
    let n = db
        .execute(
            &format!(
                "UPDATE {table} SET ({list}) = (SELECT {list} FROM \
                 jsonb_populate_record(NULL::{table}, $1)) WHERE {col} = $2"
            ),
            &[&image, param.as_ref()],
        )
        .map_err(|e| refused(e, "member").context(undo_row(table)))?;
    if n == 0 {
        db.execute(
            &format!(
                "INSERT INTO {table} ({list}) SELECT {list} FROM \
                 jsonb_populate_record(NULL::{table}, $1)"
            ),
            &[&image],
        )
        .map_err(|e| refused(e, "member").context(undo_row(table)))?;
    }
    Ok(())
}

/// "cannot undo a clients row", as the SQLite store says it (in Dutch what the table holds).
fn undo_row(table: &str) -> String {
    t(
        StoreMsg::UndoRow,
        &[("table", &crate::i18n::store::table(table))],
    )
}
