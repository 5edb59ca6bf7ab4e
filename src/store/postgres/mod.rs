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

use anyhow::{Context, Result, anyhow, bail};
use postgres::error::SqlState;

use super::{Ledger, Mode};

pub use txn::PgTxn;

/// An open team ledger.
pub struct PgStore {
    db: RefCell<postgres::Client>,
    /// The URL with its password masked: what errors and `doctor` show.
    shown: String,
    /// Where to connect a second reader (see `twin`).
    url: String,
    /// This connection's login (`session_user`): who the changes are recorded as.
    login: String,
    /// The snapshot a reading store holds, for a twin to share.
    snapshot: Option<String>,
    /// Statements prepared on this connection, by their text: a statement run once per
    /// imported row is parsed once, not once a row.
    statements: RefCell<std::collections::HashMap<String, postgres::Statement>>,
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

/// The server's own words for an error (its message, not the driver's `db error: …`).
pub fn server_words(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => db.message().to_string(),
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
            .context("cannot set up the connection")?;
        let login: String = db
            .query_one("SELECT session_user::text", &[])
            .context("cannot ask the server who this is")?
            .try_get(0)?;
        let snapshot = if mode == Mode::Read {
            db.batch_execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                .context("cannot start reading the ledger")?;
            schema::version(&mut db, &shown)?;
            let s: String = db
                .query_one("SELECT pg_export_snapshot()", &[])
                .context("cannot read the ledger")?
                .try_get(0)?;
            Some(s)
        } else {
            schema::version(&mut db, &shown)?;
            None
        };
        Ok(PgStore {
            db: RefCell::new(db),
            shown,
            url: url.to_string(),
            login,
            snapshot,
            statements: RefCell::new(std::collections::HashMap::new()),
        })
    }

    /// The connection, for one statement or one loop over rows at a time.
    fn db(&self) -> Result<RefMut<'_, postgres::Client>> {
        self.db
            .try_borrow_mut()
            .map_err(|_| anyhow!("the ledger's connection is busy"))
    }

    /// `sql` prepared on `db` (this store's connection), once per connection.
    fn prepared(
        &self,
        db: &mut postgres::Client,
        sql: &str,
    ) -> std::result::Result<postgres::Statement, postgres::Error> {
        if let Some(s) = self.statements.borrow().get(sql) {
            return Ok(s.clone());
        }
        let s = db.prepare(sql)?;
        self.statements
            .borrow_mut()
            .insert(sql.to_string(), s.clone());
        Ok(s)
    }

    /// Who this connection writes as.
    pub fn login(&self) -> &str {
        &self.login
    }
}

/// Turns a refused statement into an error that names the role it needs.
pub fn refused(e: postgres::Error, needs: &str) -> anyhow::Error {
    match e.code() {
        Some(c) if *c == SqlState::INSUFFICIENT_PRIVILEGE => anyhow!(
            "this needs the {needs} role in the team ledger, which this login does not have \
             ({}); nothing was changed",
            server_words(&e)
        ),
        _ => anyhow!("{}", server_words(&e)),
    }
}

/// Whether a failed transaction may simply be tried again.
fn retryable(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<postgres::Error>()
            .and_then(postgres::Error::code)
            .is_some_and(|c| {
                *c == SqlState::T_R_SERIALIZATION_FAILURE || *c == SqlState::T_R_DEADLOCK_DETECTED
            })
    })
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
        bail!("this ledger was opened for reading");
    }
    Ok(())
}
