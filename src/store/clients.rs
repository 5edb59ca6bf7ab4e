//! Clients: reads and writes.

use anyhow::{Context, Result};
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde_json::json;

use super::journal::Table;
use super::{Store, Writer, read_opt_date};
use crate::i18n::store::StoreMsg;
use crate::model::Client;
use crate::parse::fold;
use crate::store::StoreError;

const COLUMNS: &str = "id, name, contact, email, phone, since, tags, cadence_days, note, archived, \
    forgotten, uuid, recorded_by";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Client> {
    let tags: String = r.get(6)?;
    Ok(Client {
        id: r.get(0)?,
        name: r.get(1)?,
        contact: r.get(2)?,
        email: r.get(3)?,
        phone: r.get(4)?,
        since: read_opt_date(r.get(5)?)?,
        tags: serde_json::from_str(&tags).unwrap_or_default(),
        cadence_days: r.get(7)?,
        note: r.get(8)?,
        archived: r.get::<_, bool>(9)? || r.get::<_, bool>(10)?,
        uuid: r.get(11)?,
        recorded_by: r.get(12)?,
    })
}

/// Every client, archived ones included, by name.
pub fn all(conn: &Connection) -> Result<Vec<Client>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM clients ORDER BY name_key, id"
    ))?;
    stmt.query_map([], from_row)?
        .collect::<rusqlite::Result<_>>()
        .with_context(|| StoreError::said(StoreMsg::ReadClients, &[]))
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<Client>> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM clients WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()
        .with_context(|| StoreError::said(StoreMsg::ReadClient, &[]))
}

impl Store {
    pub fn clients(&self) -> Result<Vec<Client>> {
        all(&self.conn)
    }
}

impl Writer<'_> {
    pub fn clients(&self) -> Result<Vec<Client>> {
        all(&self.tx)
    }

    pub fn client(&self, id: i64) -> Result<Option<Client>> {
        get(&self.tx, id)
    }

    fn check_name_free(&self, name: &str, except: Option<i64>) -> Result<String> {
        crate::model::check_client_name(name).map_err(anyhow::Error::msg)?;
        let key = fold(name);
        if key.is_empty() {
            return Err(StoreError::said(StoreMsg::ClientNameEmpty, &[]).into());
        }
        let taken: Option<(i64, String)> = self
            .tx
            .query_row(
                "SELECT id, name FROM clients WHERE name_key = ?1",
                [&key],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        if let Some((id, existing)) = taken
            && Some(id) != except
        {
            return Err(StoreError::said(
                StoreMsg::ClientExists,
                &[("name", &format!("{existing:?}")), ("id", &id)],
            )
            .into());
        }
        Ok(key)
    }

    /// Adds a client (its `id` is ignored) and returns it as stored.
    pub fn add_client(&mut self, c: &Client) -> Result<Client> {
        let id = self.import_client(c, false, false, None)?;
        self.client(id)?
            .with_context(|| StoreError::said(StoreMsg::NewClientVanished, &[]))
    }

    /// Stores every field of `c` over the client with its id, as changed by the current user.
    pub fn update_client(&mut self, c: &Client) -> Result<Client> {
        c.check().map_err(anyhow::Error::msg)?;
        self.remember(Table::Clients, json!(c.id))?;
        let name = c.name.trim();
        let key = self.check_name_free(name, Some(c.id))?;
        let by = self.recorded_by(&c.recorded_by);
        self.tx
            .execute(
                "UPDATE clients SET name = ?1, name_key = ?2, contact = ?3, email = ?4, \
                 phone = ?5, since = ?6, tags = ?7, cadence_days = ?8, note = ?9, archived = ?10, \
                 recorded_by = ?12 WHERE id = ?11",
                params![
                    name,
                    key,
                    c.contact,
                    c.email,
                    c.phone,
                    c.since.map(|d| d.to_string()),
                    serde_json::to_string(&c.tags)?,
                    c.cadence_days,
                    c.note,
                    c.archived,
                    c.id,
                    by
                ],
            )
            .with_context(|| StoreError::said(StoreMsg::UpdateClient, &[]))?;
        self.client(c.id)?
            .with_context(|| StoreError::said(StoreMsg::ClientVanished, &[]))
    }

    /// Erases a client and all its entries for good (GDPR/AVG erasure). With `anonymize`
    /// the entries stay with only their kind, dates and amounts, under a nameless client.
    pub fn forget_client(&mut self, id: i64, anonymize: bool) -> Result<()> {
        if anonymize {
            let placeholder = format!("forgotten client #{id}");
            // Anonymizing changes the client and its entries: it is recorded as a change.
            let by = self.recorded_by(&None);
            self.tx
                .execute(
                    "UPDATE clients SET name = ?1, name_key = ?2, contact = NULL, email = NULL, \
                     phone = NULL, since = NULL, tags = '[]', cadence_days = NULL, note = NULL, \
                     archived = 1, forgotten = 1, recorded_by = ?4 WHERE id = ?3",
                    params![placeholder, fold(&placeholder), id, by],
                )
                .with_context(|| StoreError::said(StoreMsg::AnonymizeClient, &[]))?;
            self.tx
                .execute(
                    "UPDATE entries SET description = NULL, note = NULL, void_reason = NULL, \
                     occasion = NULL, reason = NULL, channel = NULL, energy = NULL, proactive = 0, \
                     quality = NULL, missed_reason = NULL, cause = NULL, severity = NULL, \
                     explained = 0, solution = NULL, recorded_by = ?2 WHERE client_id = ?1",
                    params![id, by],
                )
                .with_context(|| StoreError::said(StoreMsg::AnonymizeClientEntries, &[]))?;
            super::entries::repack_facts_of(&self.tx, id)?;
            // The people are personal data, not bookkeeping: they go (with whom a gift was
            // for).
            self.tx
                .execute("DELETE FROM contacts WHERE client_id = ?1", [id])
                .with_context(|| StoreError::said(StoreMsg::EraseClientContacts, &[]))?;
        } else {
            self.tx
                .execute("DELETE FROM entries WHERE client_id = ?1", [id])
                .with_context(|| StoreError::said(StoreMsg::EraseClientEntries, &[]))?;
            self.tx
                .execute("DELETE FROM clients WHERE id = ?1", [id])
                .with_context(|| StoreError::said(StoreMsg::EraseClient, &[]))?;
        }
        let what = if anonymize { "anonymized" } else { "erased" };
        self.seal_journal(&format!("client #{id} {what} (client forget)"))
    }
}

impl Store {
    /// Moves everything out of the WAL and truncates it, so erased bytes do not linger there.
    /// Copies what it can from the WAL into the main file without waiting for readers;
    /// false when a reader kept part of it back.
    pub fn checkpoint_passive(&self) -> Result<bool> {
        let (busy, log, done): (i64, i64, i64) = self
            .conn
            .query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .with_context(|| StoreError::said(StoreMsg::Checkpoint, &[]))?;
        Ok(busy == 0 && log == done)
    }

    /// Fails when another program's open read kept the checkpoint from finishing: then
    /// pages written before (erased data among them) are still in the main file.
    pub fn checkpoint(&self) -> Result<()> {
        let (busy, log, done): (i64, i64, i64) = self
            .conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .with_context(|| StoreError::said(StoreMsg::Checkpoint, &[]))?;
        if busy != 0 || log != done {
            return Err(StoreError::said(StoreMsg::CheckpointKeptBack, &[]).into());
        }
        Ok(())
    }
}

impl Store {
    /// Ids of clients anonymized by `client forget --anonymize`.
    /// When each client was added (UTC, as stored), by id.
    pub fn client_times(&self) -> Result<std::collections::HashMap<i64, String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, created_at FROM clients")?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()
            .with_context(|| StoreError::said(StoreMsg::ReadClients, &[]))
    }

    pub fn forgotten_ids(&self) -> Result<std::collections::HashSet<i64>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id FROM clients WHERE forgotten = 1")?;
        stmt.query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()
            .with_context(|| StoreError::said(StoreMsg::ReadClients, &[]))
    }
}

impl Writer<'_> {
    /// Adds a client, under its own id with `keep_id` (an import into an empty ledger keeps
    /// ids), marked forgotten when it was anonymized; returns the id.
    pub fn import_client(
        &mut self,
        c: &Client,
        keep_id: bool,
        forgotten: bool,
        recorded_at: Option<&str>,
    ) -> Result<i64> {
        c.check().map_err(anyhow::Error::msg)?;
        let key = self.check_name_free(c.name.trim(), None)?;
        let by = self.recorded_by(&c.recorded_by);
        self.tx
            .execute(
                &format!(
                    "INSERT INTO clients (id, name, name_key, contact, email, phone, since, tags, \
                     cadence_days, note, archived, forgotten, created_at, uuid, recorded_by) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, \
                     coalesce(?13, datetime('now')), coalesce(?14, {}), ?15)",
                    super::schema::NEW_UUID
                ),
                params![
                    keep_id.then_some(c.id),
                    c.name.trim(),
                    key,
                    c.contact,
                    c.email,
                    c.phone,
                    c.since.map(|d| d.to_string()),
                    serde_json::to_string(&c.tags)?,
                    c.cadence_days,
                    c.note,
                    c.archived,
                    forgotten,
                    recorded_at,
                    c.uuid,
                    by
                ],
            )
            .with_context(|| {
                StoreError::said(StoreMsg::AddClient, &[("name", &format!("{:?}", c.name))])
            })?;
        let id = self.tx.last_insert_rowid();
        self.remember_new(Table::Clients, json!(id));
        Ok(id)
    }

    /// The client whose name folds to the same key, if any.
    pub fn client_named(&self, name: &str) -> Result<Option<Client>> {
        let id: Option<i64> = self
            .tx
            .query_row(
                "SELECT id FROM clients WHERE name_key = ?1",
                [fold(name)],
                |r| r.get(0),
            )
            .optional()?;
        id.map(|id| get(&self.tx, id))
            .transpose()
            .map(Option::flatten)
    }
}

/// Looking a client up by what a user typed, in as few rows as the answer needs: by id, by
/// exact folded name, by unique prefix (index range scans), and only then every client.
pub trait ClientLookup {
    fn all_clients(&self) -> Result<Vec<Client>>;
    fn client_by_id(&self, id: i64) -> Result<Option<Client>>;
    /// The client whose folded name is `key` (archived ones too).
    fn client_by_key(&self, key: &str) -> Result<Option<Client>>;
    /// Up to `limit` active clients whose folded name starts with `key`.
    fn clients_by_prefix(&self, key: &str, limit: u32) -> Result<Vec<Client>>;
}

fn by_key(conn: &Connection, key: &str) -> Result<Option<Client>> {
    conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM clients WHERE name_key = ?1"
    ))?
    .query_row([key], from_row)
    .optional()
    .with_context(|| StoreError::said(StoreMsg::ReadClient, &[]))
}

fn by_prefix(conn: &Connection, key: &str, limit: u32) -> Result<Vec<Client>> {
    // name_key compares as UTF-8 bytes, so [key, key + U+10FFFF) is exactly the names that
    // start with key, and the unique index on name_key serves the range.
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM clients WHERE name_key >= ?1 AND name_key < ?1 || char(1114111) \
         AND archived = 0 AND forgotten = 0 ORDER BY name_key LIMIT ?2"
    ))?;
    stmt.query_map(params![key, limit], from_row)?
        .collect::<rusqlite::Result<_>>()
        .with_context(|| StoreError::said(StoreMsg::ReadClients, &[]))
}

/// The same lookups over the ledger a reader holds (`conn`) and a write in progress (`tx`).
macro_rules! client_lookup {
    ($type:ty, $conn:ident) => {
        impl ClientLookup for $type {
            fn all_clients(&self) -> Result<Vec<Client>> {
                all(&self.$conn)
            }
            fn client_by_id(&self, id: i64) -> Result<Option<Client>> {
                get(&self.$conn, id)
            }
            fn client_by_key(&self, key: &str) -> Result<Option<Client>> {
                by_key(&self.$conn, key)
            }
            fn clients_by_prefix(&self, key: &str, limit: u32) -> Result<Vec<Client>> {
                by_prefix(&self.$conn, key, limit)
            }
        }
    };
}

client_lookup!(Store, conn);
client_lookup!(Writer<'_>, tx);
