//! The PostgreSQL engine: a team ledger on a server, behind the same [`Ledger`] interface
//! as a SQLite file.
//!
//! A reading store holds one `REPEATABLE READ, READ ONLY` transaction for its whole life:
//! everything a command reads comes from one snapshot. A write is one `READ COMMITTED`
//! transaction that first locks the ledger's change counter (`SELECT … FOR UPDATE`), so
//! writers queue as they do on SQLite, and every write sees what the one before committed.

pub mod connect;
mod read;
mod rows;
pub mod schema;
pub mod team;
mod txn;

use std::cell::{RefCell, RefMut};
use std::collections::HashMap;

use postgres::types::ToSql;

use anyhow::Result;

use super::{Ledger, Mode};
use crate::i18n::team::TeamMsg;
use crate::store::StoreError;
use read::failed;

pub use txn::PgTxn;

/// A connection that prepares each statement once (a write runs a handful, an import the
/// same few a million times): the server parses and plans it once, and each run is one round
/// trip instead of two. Everything else is the client's own (`Deref`).
pub struct Conn {
    client: postgres::Client,
    prepared: HashMap<String, postgres::Statement>,
}

impl Conn {
    fn new(client: postgres::Client) -> Conn {
        Conn {
            client,
            prepared: HashMap::new(),
        }
    }

    fn statement(&mut self, sql: &str) -> Result<postgres::Statement, postgres::Error> {
        if let Some(s) = self.prepared.get(sql) {
            return Ok(s.clone());
        }
        let s = self.client.prepare(sql)?;
        self.prepared.insert(sql.to_string(), s.clone());
        Ok(s)
    }

    pub fn query(
        &mut self,
        sql: &str,
        params: &[&(dyn ToSql + Sync)],
    ) -> Result<Vec<postgres::Row>, postgres::Error> {
        let s = self.statement(sql)?;
        self.client.query(&s, params)
    }

    pub fn query_one(
        &mut self,
        sql: &str,
        params: &[&(dyn ToSql + Sync)],
    ) -> Result<postgres::Row, postgres::Error> {
        let s = self.statement(sql)?;
        self.client.query_one(&s, params)
    }

    pub fn query_opt(
        &mut self,
        sql: &str,
        params: &[&(dyn ToSql + Sync)],
    ) -> Result<Option<postgres::Row>, postgres::Error> {
        let s = self.statement(sql)?;
        self.client.query_opt(&s, params)
    }

    pub fn execute(
        &mut self,
        sql: &str,
        params: &[&(dyn ToSql + Sync)],
    ) -> Result<u64, postgres::Error> {
        let s = self.statement(sql)?;
        self.client.execute(&s, params)
    }
}

impl std::ops::Deref for Conn {
    type Target = postgres::Client;
    fn deref(&self) -> &postgres::Client {
        &self.client
    }
}

impl std::ops::DerefMut for Conn {
    fn deref_mut(&mut self) -> &mut postgres::Client {
        &mut self.client
    }
}

/// An open team ledger.
pub struct PgStore {
    db: RefCell<Conn>,
    /// The URL with its password masked: what errors and `doctor` show.
    shown: String,
    /// Where to connect a second reader (see `twin`).
    url: String,
    /// This connection's login (`session_user`): who the changes are recorded as.
    login: String,
    /// The snapshot a reading store holds, for a twin to share.
    snapshot: Option<String>,
}

/// Connects to the server at `url` (PG* variables and the password file fill in what it
/// leaves out); returns the connection and the URL with the password masked.
fn connect(url: &str) -> Result<(postgres::Client, String)> {
    let target = connect::Target::parse(url)?;
    let shown = target.masked();
    Ok((connect::connect(&target)?, shown))
}

/// The URL with its password masked, for what is printed before connecting.
pub fn mask(url: &str) -> String {
    connect::Target::parse(url)
        .map_or_else(|_| "the PostgreSQL URL given".to_string(), |t| t.masked())
}

/// The server's own words for an error (its message, not the driver's `db error: …`). When
/// the server said nothing (the connection broke), the driver's words in English, and in Dutch
/// what happened in Dutch.
pub fn server_words(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => db.message().to_string(),
        None if crate::i18n::lang() == crate::i18n::Lang::Nl => {
            connect::driver_words_in(crate::i18n::Lang::Nl, e)
        }
        None => {
            let s = e.to_string();
            match std::error::Error::source(e) {
                Some(src) if !s.contains(&src.to_string()) => format!("{s}: {src}"),
                _ => s,
            }
        }
    }
}

/// Opens the team ledger at `url`.
pub fn open(url: &str, mode: Mode) -> Result<Box<dyn Ledger>> {
    Ok(Box::new(PgStore::open(url, mode)?))
}

impl PgStore {
    pub fn open(url: &str, mode: Mode) -> Result<PgStore> {
        let (mut db, shown) = connect(url)?;
        db.batch_execute("SET search_path = relaties, pg_catalog")
            .map_err(failed(crate::i18n::team::TeamMsg::AskServer))?;
        let login: String = db
            .query_one("SELECT session_user::text", &[])
            .map_err(failed(crate::i18n::team::TeamMsg::AskServer))?
            .try_get(0)?;
        let snapshot = if mode == Mode::Read {
            db.batch_execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                .map_err(failed(crate::i18n::store::StoreMsg::ReadLedger))?;
            schema::version(&mut db, &shown)?;
            let s: String = db
                .query_one("SELECT pg_export_snapshot()", &[])
                .map_err(failed(crate::i18n::store::StoreMsg::ReadLedger))?
                .try_get(0)?;
            Some(s)
        } else {
            schema::version(&mut db, &shown)?;
            None
        };
        Ok(PgStore {
            db: RefCell::new(Conn::new(db)),
            shown,
            url: url.to_string(),
            login,
            snapshot,
        })
    }

    /// The connection, for one statement or one loop over rows at a time.
    fn db(&self) -> Result<RefMut<'_, Conn>> {
        self.db
            .try_borrow_mut()
            .map_err(|_| anyhow::Error::from(StoreError::said(TeamMsg::ConnectionBusy, &[])))
    }

    /// Who this connection writes as.
    pub fn login(&self) -> &str {
        &self.login
    }
}

/// Turns a refused statement into an error that names the role it needs.
pub fn refused(e: postgres::Error, needs: &'static str) -> anyhow::Error {
    crate::store::StoreError::from_pg(e, Some(needs)).into()
}

impl Drop for PgStore {
    fn drop(&mut self) {
        if self.snapshot.is_some()
            && let Ok(mut db) = self.db.try_borrow_mut()
        {
            let _ = db.batch_execute("COMMIT");
        }
    }
}

/// Fails unless the store may write.
fn writable(store: &PgStore) -> Result<()> {
    if store.snapshot.is_some() {
        return Err(StoreError::said(TeamMsg::OpenedForReading, &[]).into());
    }
    Ok(())
}
