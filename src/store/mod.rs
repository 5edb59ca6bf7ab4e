//! The storage layer: the only place that knows SQL.
//!
//! A ledger is one SQLite file in WAL mode. Reading commands open it read-only and never
//! create it; writing commands run in exactly one `BEGIN IMMEDIATE` transaction each, so a
//! command happens completely or not at all, and concurrent writers queue on the busy timeout
//! instead of failing. Every write also records the rows' before-images in a journal, which is
//! what `undo` replays.

pub mod checkup;
mod clients;
mod contacts;
mod entries;
pub mod error;
mod facts;
pub mod files;
mod journal;
pub mod ledger;
pub mod postgres;
mod schema;
mod settings;
mod sqlite;
pub mod user;
pub mod wait;

use crate::i18n::store::StoreMsg;
use crate::i18n::t;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use rusqlite::{Connection, OpenFlags, OptionalExtension, TransactionBehavior};

use files::{Found, create_private_file, create_private_folder, folder_of};

pub use checkup::Checkup;
pub use clients::ClientLookup;
pub use entries::{EntryFilter, OpenItem, Texts};
pub use error::StoreError;
pub use journal::Undone;
pub use ledger::{Ledger, Txn};

/// Where a ledger is: a SQLite file, or a team ledger on a PostgreSQL server (a
/// `postgres://` or `postgresql://` URL given as `--db` or `RELATIES_DB`).
#[derive(Clone, Debug)]
pub enum Location {
    File(PathBuf),
    Server(String),
}

impl Location {
    /// What `--db`/`RELATIES_DB`/the default gave.
    pub fn of(path: PathBuf) -> Location {
        match path.to_str() {
            Some(s) if postgres::connect::is_url(s) => Location::Server(s.to_string()),
            _ => Location::File(path),
        }
    }

    /// The ledger's file, when it is one.
    pub fn file(&self) -> Option<&Path> {
        match self {
            Location::File(p) => Some(p),
            Location::Server(_) => None,
        }
    }

    /// Whether something is there: a file (a dangling link too: opening it says what is
    /// wrong), or, for a server, always (connecting tells).
    pub fn exists(&self) -> bool {
        match self {
            Location::File(p) => fs::symlink_metadata(p).is_ok(),
            Location::Server(_) => true,
        }
    }
}

/// How a command opens its ledger.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Mode {
    /// Reading one snapshot; never creates or changes anything.
    Read,
    /// Writing a ledger that must exist.
    Existing,
    /// Writing, creating the ledger when missing (a SQLite file).
    Create,
}

/// Opens the ledger at `loc`.
pub fn open(loc: &Location, mode: Mode) -> Result<Box<dyn Ledger>> {
    match loc {
        Location::File(p) => Ok(Box::new(match mode {
            Mode::Read => Store::open_read(p)?,
            Mode::Existing => Store::open_existing(p)?,
            Mode::Create => Store::open_write(p)?,
        })),
        Location::Server(url) => postgres::open(url, mode),
    }
}

/// Makes a new ledger at `loc` filled by `fill`, appearing whole or not at all (see
/// [`Store::create_whole`]). A team ledger exists once `team init` made it: `fill` runs in
/// its write, which commits whole or not at all.
pub fn create_whole<T>(
    loc: &Location,
    fill: impl FnOnce(&mut dyn Ledger) -> Result<T>,
) -> Result<T> {
    match loc {
        Location::File(p) => Store::create_whole(p, |s| fill(s)),
        Location::Server(_) => fill(&mut *open(loc, Mode::Existing)?),
    }
}

/// A throw-away ledger (the demo's, a dry run's on a ledger that does not exist yet): an
/// empty SQLite ledger in a private temporary folder, removed when dropped.
pub struct Scratch {
    // Declared first: the store closes before its folder goes.
    pub ledger: Box<dyn Ledger>,
    path: PathBuf,
    _dir: tempfile::TempDir,
}

impl Scratch {
    pub fn new() -> Result<Scratch> {
        let dir = tempfile::tempdir()
            .with_context(|| t(crate::i18n::commands::CmdMsg::ScratchFolder, &[]))?;
        let path = dir.path().join("scratch.db");
        Ok(Scratch {
            ledger: Box::new(Store::open_write(&path)?),
            path,
            _dir: dir,
        })
    }

    /// A reader of the scratch ledger as it is now (after the writes through `ledger`).
    pub fn reader(&self) -> Result<Box<dyn Ledger>> {
        Ok(Box::new(Store::open_read(&self.path)?))
    }
}

/// Where the ledger lives: `--db`, else `$RELATIES_DB`, else the per-user data folder.
pub fn ledger_path(flag: Option<&Path>) -> Result<PathBuf> {
    if let Some(p) = flag {
        return Ok(p.to_path_buf());
    }
    if let Some(p) = std::env::var_os("RELATIES_DB").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    // `dirs` ignores a relative $XDG_DATA_HOME but takes a relative $HOME as it is; a ledger
    // found relative to the current folder would move with it, so that counts as no home.
    let data = dirs::data_dir()
        .filter(|p| p.is_absolute())
        .ok_or_else(|| anyhow::Error::from(StoreError::said(StoreMsg::NoHome, &[])))?;
    Ok(data.join("relaties").join("ledger.db"))
}

/// The schema version this program writes.
pub fn schema_version_current() -> i64 {
    schema::CURRENT
}

/// The error for a ledger that does not exist yet, with how to start one.
pub fn no_ledger(path: &Path) -> anyhow::Error {
    anyhow::Error::from(StoreError::said(
        StoreMsg::NoLedger,
        &[("path", &path.display())],
    ))
}

pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens an existing ledger for reading. Never creates a file and never writes. The
    /// store reads one snapshot of the ledger: writes committed after it opened do not show.
    pub fn open_read(path: &Path) -> Result<Store> {
        if files::inspect(path)? != Found::Ledger {
            return Err(no_ledger(path));
        }
        wait::limit()?;
        let open = |flags: OpenFlags, target: &Path| -> Result<Store> {
            let mut conn = Connection::open_with_flags(target, flags).with_context(|| {
                StoreError::said(StoreMsg::OpenLedger, &[("path", &path.display())])
            })?;
            conn.busy_handler(Some(wait::busy))?;
            steady_plans(&conn)?;
            // One read transaction for the reader's whole life: everything a command reads
            // comes from one snapshot of the ledger, taken by the schema check below.
            conn.execute_batch("BEGIN DEFERRED").with_context(|| {
                StoreError::said(StoreMsg::ReadLedgerAt, &[("path", &path.display())])
            })?;
            let store = Store {
                conn,
                path: path.to_path_buf(),
            };
            schema::check_readable(&store.conn).map_err(|e| describe(e, path))?;
            Ok(store)
        };
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        match open(flags, path) {
            // A ledger in a folder we may not write to: SQLite cannot make the WAL's shared
            // memory file there. Nobody can be writing it then either, so read it as
            // immutable, but only when no changes wait in the WAL: an immutable read does not
            // see them, and an old state of the ledger must never pass for the current one.
            Err(e) if cannot_init_wal(&e) => {
                let wal = files::sidecar(path, "-wal");
                if fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
                    return Err(StoreError::said(
                        StoreMsg::StaleReadOnly,
                        &[
                            ("path", &path.display()),
                            ("wal", &wal.display()),
                            ("shm", &files::sidecar(Path::new(""), "-shm").display()),
                            ("folder", &folder_of(path).display()),
                        ],
                    )
                    .into());
                }
                let uri = format!("file:{}?immutable=1", uri_path(path));
                open(flags | OpenFlags::SQLITE_OPEN_URI, Path::new(&uri))
            }
            other => other,
        }
    }

    /// Opens a ledger for writing, creating it (folder 0700, file 0600) when missing,
    /// and bringing its schema up to date.
    pub fn open_write(path: &Path) -> Result<Store> {
        Store::open_write_as(path, true)
    }

    /// Opens an existing ledger for writing; a missing one is an error that says how to
    /// start one (only commands that can stand on an empty ledger create it).
    pub fn open_existing(path: &Path) -> Result<Store> {
        Store::open_write_as(path, false)
    }

    fn open_write_as(path: &Path, create: bool) -> Result<Store> {
        match files::inspect(path)? {
            Found::Ledger | Found::EmptyFile => {}
            Found::Nothing if create => create_private_file(path)?,
            Found::Nothing => return Err(no_ledger(path)),
        }
        files::check_sidecars(path)?;
        wait::limit()?;
        let mut conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .with_context(|| StoreError::said(StoreMsg::OpenLedger, &[("path", &path.display())]))?;
        conn.busy_handler(Some(wait::busy))?;
        steady_plans(&conn)?;
        let store = Store {
            conn,
            path: path.to_path_buf(),
        };
        store.setup_write().map_err(|e| {
            if wait::is_busy(&e) {
                wait::gave_up()
            } else {
                describe(e, path)
            }
        })?;
        Ok(store)
    }

    fn setup_write(&self) -> Result<()> {
        // journal_mode needs the schema lock; the busy timeout above makes it wait its turn.
        let mode: String = self
            .conn
            .query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))
            .with_context(|| StoreError::said(StoreMsg::EnableWriteLog, &[]))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::said(StoreMsg::WriteLogRefused, &[("mode", &mode)]).into());
        }
        self.conn
            .execute_batch(
                "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA secure_delete=ON;",
            )
            .with_context(|| StoreError::said(StoreMsg::ConfigureLedger, &[]))?;
        schema::migrate(&self.conn)
    }

    /// Runs `f` as one write transaction. When `f` fails nothing is written.
    /// The changes it made are journalled under the summary it sets, for `undo`.
    /// The ledger's file, for opening a second reader.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A consistent copy of the ledger at `dest` (which must not exist), made with SQLite's
    /// online backup in one step: it reads one snapshot, and writers go on meanwhile (WAL).
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        create_private_file(dest)?;
        let mut out = Connection::open(dest).with_context(|| {
            StoreError::said(StoreMsg::CreateBackup, &[("path", &dest.display())])
        })?;
        {
            let b = rusqlite::backup::Backup::new(&self.conn, &mut out)
                .with_context(|| StoreError::said(StoreMsg::StartBackup, &[]))?;
            // All pages in one step: one read snapshot, so the copy is consistent.
            let started = Instant::now();
            loop {
                match b
                    .step(-1)
                    .with_context(|| StoreError::said(StoreMsg::BackupIncomplete, &[]))?
                {
                    rusqlite::backup::StepResult::Done => break,
                    _ if started.elapsed() < wait::limit()? => {
                        std::thread::sleep(Duration::from_millis(50));
                    }
                    _ => return Err(StoreError::said(StoreMsg::BackupLocked, &[]).into()),
                }
            }
        }
        let check: String = out
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .with_context(|| StoreError::said(StoreMsg::CheckBackup, &[]))?;
        if check != "ok" {
            return Err(StoreError::said(StoreMsg::BackupIntegrity, &[("check", &check)]).into());
        }
        out.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .with_context(|| StoreError::said(StoreMsg::FinishBackup, &[]))?;
        Ok(())
    }

    pub fn write<T>(&mut self, f: impl FnOnce(&mut Writer<'_>) -> Result<T>) -> Result<T> {
        let tx = match self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
        {
            Ok(tx) => tx,
            Err(e) if wait::busy_error(&e) => {
                return Err(wait::gave_up());
            }
            Err(e) => return Err(e).with_context(|| StoreError::said(StoreMsg::StartWrite, &[])),
        };
        let mut w = Writer {
            tx,
            changes: Vec::new(),
            summary: None,
            journal: true,
            keep_recorded_by: false,
        };
        let out = f(&mut w)?;
        w.finish()?;
        Ok(out)
    }
}

/// A write in progress: reads see its own changes.
pub struct Writer<'a> {
    tx: rusqlite::Transaction<'a>,
    changes: Vec<journal::Change>,
    summary: Option<String>,
    journal: bool,
    /// Whether the entries and clients written keep their own `recorded_by` (see
    /// `keep_recorded_by`) instead of taking the current user's name.
    keep_recorded_by: bool,
}

impl Writer<'_> {
    /// What this write did, in words: shown by `undo`.
    pub fn set_summary(&mut self, s: impl Into<String>) {
        self.summary = Some(s.into());
    }

    /// Bulk writes (a generated or imported ledger) are not journalled: one `undo` could not
    /// sensibly take back a hundred thousand rows, and the journal would double the file.
    pub fn skip_journal(&mut self) {
        self.journal = false;
    }

    /// Every entry and client this write adds or changes keeps the `recorded_by` it carries
    /// (None: not known) instead of taking the current user's name: an import records who
    /// made each record, not who imported it; a generated demo ledger was made by nobody.
    pub fn keep_recorded_by(&mut self) {
        self.keep_recorded_by = true;
    }

    /// Who is recorded as making a change to a row that carries `own`: the current user
    /// (store/user.rs), or with `keep_recorded_by` the row's own.
    fn recorded_by<'a>(&self, own: &'a Option<String>) -> Option<&'a str> {
        if self.keep_recorded_by {
            own.as_deref()
        } else {
            Some(user::current())
        }
    }

    fn finish(self) -> Result<()> {
        let Writer {
            tx,
            changes,
            summary,
            ..
        } = self;
        let summary = summary.unwrap_or_else(|| "a change".to_string());
        if !changes.is_empty() {
            journal::record(&tx, &summary, &changes)?;
        }
        count_change(&tx)?;
        tx.commit().map_err(|e| {
            if wait::busy_error(&e) {
                wait::gave_up()
            } else {
                anyhow::Error::from(e).context(StoreError::said(StoreMsg::CommitChange, &[]))
            }
        })?;
        if let Ok(mut c) = COMMITTED.lock() {
            *c = Some(summary);
        }
        Ok(())
    }
}

/// What this process last wrote to the ledger, once committed.
static COMMITTED: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);

/// The summary of the last change this process committed (`recorded gift #5 …`), if any:
/// an error after it must say that the change was made, so that nobody records it twice.
pub fn committed() -> Option<String> {
    COMMITTED.lock().ok().and_then(|c| c.clone())
}

/// Every row's lasting identity → its id, for the tables that have one (an import reads them
/// once). `table` is one of ours, never input.
fn uuid_map(conn: &Connection, table: &str) -> Result<std::collections::HashMap<String, i64>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT uuid, id FROM {table} WHERE uuid IS NOT NULL"
    ))?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.collect::<rusqlite::Result<_>>().with_context(|| {
        t(
            StoreMsg::ReadIdentities,
            &[("table", &crate::i18n::store::table(table))],
        )
    })
}

impl Writer<'_> {
    /// Every client's lasting identity → its id.
    pub fn client_uuids(&self) -> Result<std::collections::HashMap<String, i64>> {
        uuid_map(&self.tx, "clients")
    }

    /// Every entry's lasting identity → its id.
    pub fn entry_uuids(&self) -> Result<std::collections::HashMap<String, i64>> {
        uuid_map(&self.tx, "entries")
    }

    /// Every contact person's lasting identity → their id.
    pub fn contact_uuids(&self) -> Result<std::collections::HashMap<String, i64>> {
        uuid_map(&self.tx, "contacts")
    }
}

/// Counts every committed write, so that two readers can tell whether they see the same
/// snapshot (see `Store::changes`).
fn count_change(conn: &Connection) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO sequences (name, next) VALUES ('changes', 1) \
         ON CONFLICT (name) DO UPDATE SET next = next + 1",
    )?
    .execute([])
    .with_context(|| StoreError::said(StoreMsg::CountChange, &[]))?;
    Ok(())
}

impl Store {
    /// How many writes had committed when this store's snapshot was taken. Two stores with
    /// the same count read the same ledger.
    pub fn changes(&self) -> Result<i64> {
        let n: Option<i64> = self
            .conn
            .query_row(
                "SELECT next FROM sequences WHERE name = 'changes'",
                [],
                |r| r.get(0),
            )
            .optional()
            .with_context(|| StoreError::said(StoreMsg::ReadLedger, &[]))?;
        Ok(n.unwrap_or(0))
    }
}

fn cannot_init_wal(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        matches!(
            c.downcast_ref::<rusqlite::Error>(),
            Some(rusqlite::Error::SqliteFailure(f, _))
                if f.code == rusqlite::ErrorCode::ReadOnly || f.code == rusqlite::ErrorCode::CannotOpen
        )
    })
}

/// A path as the path part of an SQLite URI: `?`, `#` and `%` escaped.
fn uri_path(path: &Path) -> String {
    let s = path.to_string_lossy();
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '?' => out.push_str("%3f"),
            '#' => out.push_str("%23"),
            '%' => out.push_str("%25"),
            c => out.push(c),
        }
    }
    out
}

impl Store {
    /// Makes a new ledger at `path` (which must not exist) and fills it with `fill`, so that
    /// it appears whole or not at all: it is built under a temporary name in the same folder,
    /// checkpointed, and linked into place at the end, which fails, leaving the other file
    /// alone, if something appeared at `path` meanwhile. A crash leaves no ledger at `path`,
    /// at most the temporary file (`.NAME.new-…`, removed on any other failure).
    pub fn create_whole<T>(path: &Path, fill: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        if files::inspect(path)? != Found::Nothing {
            return Err(
                StoreError::said(StoreMsg::AlreadyExists, &[("path", &path.display())]).into(),
            );
        }
        let folder = folder_of(path);
        create_private_folder(folder)?;
        let name = path.file_name().ok_or_else(|| {
            anyhow::Error::from(StoreError::said(
                StoreMsg::NotAFilePath,
                &[("path", &path.display())],
            ))
        })?;
        // What a killed import or demo left behind is of no use to anyone.
        for stale in leftovers(path) {
            if stale.abandoned {
                for suffix in ["", "-wal", "-shm", "-journal"] {
                    let _ = fs::remove_file(files::sidecar(&stale.path, suffix));
                }
            }
        }
        let temp = tempfile::Builder::new()
            .prefix(&format!(".{}.new-", name.to_string_lossy()))
            .tempfile_in(folder)
            .with_context(|| {
                StoreError::said(StoreMsg::CreateFileIn, &[("folder", &folder.display())])
            })?
            .into_temp_path();
        let result = (|| {
            let mut store = Store::open_write(&temp)?;
            let out = fill(&mut store)?;
            store.checkpoint()?;
            drop(store);
            match fs::hard_link(&temp, path) {
                Ok(()) => Ok(out),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(StoreError::said(
                    StoreMsg::AppearedMeanwhile,
                    &[("path", &path.display())],
                )
                .into()),
                // A file system without hard links: the check above and a rename.
                Err(_) if !path.exists() => {
                    fs::rename(&temp, path).with_context(|| {
                        StoreError::said(StoreMsg::CreateLedger, &[("path", &path.display())])
                    })?;
                    Ok(out)
                }
                Err(e) => Err(e).with_context(|| {
                    StoreError::said(StoreMsg::CreateLedger, &[("path", &path.display())])
                }),
            }
        })();
        for suffix in ["-wal", "-shm"] {
            let mut p = temp.as_os_str().to_owned();
            p.push(suffix);
            let _ = fs::remove_file(p);
        }
        let _ = temp.close();
        if result.is_ok() {
            // The new name must survive a power cut too.
            if let Ok(dir) = fs::File::open(folder) {
                let _ = dir.sync_all();
            }
        }
        result
    }
}

/// A temporary ledger (`.NAME.new-…`) that an import or `demo --db` left beside `NAME`.
pub struct Leftover {
    pub path: PathBuf,
    /// Untouched for a minute and locked by no one: its maker is gone.
    pub abandoned: bool,
}

/// The temporary ledgers beside `path` that killed imports left behind.
pub fn leftovers(path: &Path) -> Vec<Leftover> {
    let Some(name) = path.file_name() else {
        return Vec::new();
    };
    let prefix = format!(".{}.new-", name.to_string_lossy());
    let Ok(dir) = fs::read_dir(folder_of(path)) else {
        return Vec::new();
    };
    let mut out: Vec<Leftover> = dir
        .filter_map(|e| e.ok())
        .filter(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            n.starts_with(&prefix) && !n.ends_with("-wal") && !n.ends_with("-shm")
        })
        .map(|e| {
            let path = e.path();
            let idle = fs::symlink_metadata(&path)
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|d| d > LEFTOVER_IDLE);
            let abandoned = idle && !in_use(&path);
            Leftover { path, abandoned }
        })
        .collect();
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

/// How long a temporary ledger must be untouched before it counts as left behind.
const LEFTOVER_IDLE: Duration = Duration::from_secs(60);

/// Whether another process holds a lock on the SQLite file at `path` (an import under way).
fn in_use(path: &Path) -> bool {
    let Ok(conn) = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    ) else {
        return false;
    };
    match conn.execute_batch("BEGIN IMMEDIATE; ROLLBACK;") {
        Ok(()) => false,
        Err(e) => wait::busy_error(&e),
    }
}

/// Turns SQLite's terse "file is not a database" into something a user can act on.
/// Query plans that do not depend on the values bound (SQLite's query planner stability
/// guarantee). Without it SQLite prepares a statement again on its first run once a bound value
/// might change the plan (a range on a name, a LIMIT, a text compared with a column): a second
/// parse of the client lookup and of the repeated-gift check, 7 % of a `log-gift`'s
/// instructions. The ledger has no ANALYZE statistics for a value to choose between plans
/// with, so the plans are the same.
fn steady_plans(conn: &Connection) -> Result<()> {
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
        true,
    )?;
    Ok(())
}

fn describe(e: anyhow::Error, path: &Path) -> anyhow::Error {
    let not_db = e.chain().any(|c| {
        matches!(
            c.downcast_ref::<rusqlite::Error>(),
            Some(rusqlite::Error::SqliteFailure(f, _))
                if f.code == rusqlite::ErrorCode::NotADatabase
                    || f.code == rusqlite::ErrorCode::DatabaseCorrupt
        )
    });
    if not_db {
        StoreError::NotALedger {
            path: path.to_path_buf(),
        }
        .into()
    } else {
        e.context(StoreError::said(
            StoreMsg::LedgerAt,
            &[("path", &path.display())],
        ))
    }
}

/// Dates are stored as ISO text (`YYYY-MM-DD`, as `NaiveDate`'s Display writes them); a value
/// that does not parse means the file was edited by hand. Read without chrono's format
/// machinery: a report reads millions of these.
fn read_date(s: &str) -> rusqlite::Result<chrono::NaiveDate> {
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b.get(r.clone())?.iter().try_fold(0u32, |n, c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let date = (b.len() == 10 && b[4] == b'-' && b[7] == b'-')
        .then(|| {
            let y = i32::try_from(num(0..4)?).ok()?;
            chrono::NaiveDate::from_ymd_opt(y, num(5..7)?, num(8..10)?)
        })
        .flatten();
    date.ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            0,
            rusqlite::types::Type::Text,
            t(StoreMsg::BadDate, &[("value", &format!("{s:?}"))]).into(),
        )
    })
}

fn read_opt_date(s: Option<String>) -> rusqlite::Result<Option<chrono::NaiveDate>> {
    s.as_deref().map(read_date).transpose()
}

/// What `doctor` finds out about a ledger.
#[derive(Debug, serde::Serialize)]
pub struct Health {
    pub schema_version: i64,
    pub journal_mode: String,
    pub quick_check: String,
    pub foreign_key_problems: usize,
    pub clients: i64,
    pub archived_clients: i64,
    pub entries: std::collections::BTreeMap<String, i64>,
    pub void_entries: i64,
    pub undo_steps: i64,
}

impl Store {
    /// Checks the ledger's structure and counts what it holds. Reads only.
    pub fn health(&self) -> Result<Health> {
        let c = &self.conn;
        let one = |sql: &str| -> Result<i64> {
            c.query_row(sql, [], |r| r.get(0))
                .with_context(|| StoreError::said(StoreMsg::RunCheck, &[("check", &sql)]))
        };
        let quick_check: String = c
            .query_row("PRAGMA quick_check", [], |r| r.get(0))
            .with_context(|| StoreError::said(StoreMsg::RunCheck, &[("check", &"quick_check")]))?;
        let foreign_key_problems = c
            .prepare("PRAGMA foreign_key_check")?
            .query_map([], |_| Ok(()))?
            .count();
        let mut entries = std::collections::BTreeMap::new();
        {
            let mut stmt =
                c.prepare("SELECT kind, count(*) FROM entries WHERE void = 0 GROUP BY kind")?;
            for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))? {
                let (k, n) = row?;
                entries.insert(k, n);
            }
        }
        Ok(Health {
            schema_version: one("PRAGMA user_version")?,
            journal_mode: c
                .query_row("PRAGMA journal_mode", [], |r| r.get(0))
                .with_context(|| StoreError::said(StoreMsg::ReadJournalMode, &[]))?,
            quick_check,
            foreign_key_problems,
            clients: one("SELECT count(*) FROM clients WHERE archived = 0 AND forgotten = 0")?,
            archived_clients: one(
                "SELECT count(*) FROM clients WHERE archived = 1 OR forgotten = 1",
            )?,
            entries,
            void_entries: one("SELECT count(*) FROM entries WHERE void = 1")?,
            undo_steps: one("SELECT count(*) FROM journal WHERE final = 0")?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .map(|d| {
                d.filter_map(|e| e.ok())
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    }

    fn settings_count(path: &Path) -> Result<i64> {
        let store = Store::open_read(path)?;
        Ok(store
            .conn
            .query_row("SELECT count(*) FROM settings", [], |r| r.get(0))?)
    }

    fn set(store: &mut Store) -> Result<()> {
        store.write(|w| {
            w.tx.execute(
                "INSERT INTO settings (key, value) VALUES ('weight.trust', '2')",
                [],
            )?;
            Ok(())
        })
    }

    /// What the store finds wrong comes back typed (a kind, and for its own findings the
    /// catalogue message), worded only when shown.
    #[test]
    fn the_store_says_what_went_wrong_as_a_typed_error() -> Result<()> {
        use crate::store::error::Said;
        let dir = tempfile::tempdir()?;
        let mut store = Store::open_write(&dir.path().join("l.db"))?;
        let e = store.undo().map(|_| ()).expect_err("nothing to undo yet");
        assert_eq!(
            StoreError::of(&e).and_then(StoreError::msg),
            Some(Said::Store(StoreMsg::NothingToUndo))
        );
        assert_eq!(format!("{e:#}"), "nothing to undo");
        let junk = dir.path().join("notes.db");
        fs::write(
            &junk,
            "not a ledger but a long enough line of plain text to be read",
        )?;
        let e = Store::open_read(&junk)
            .map(|_| ())
            .expect_err("not a ledger");
        assert!(
            matches!(StoreError::of(&e), Some(StoreError::NotALedger { path }) if *path == junk),
            "{e:#}"
        );
        Ok(())
    }

    /// `add_entry` returns the entry it built rather than reading it back: it must be exactly
    /// what a read returns, for every field a kind can carry.
    #[test]
    fn an_added_entry_is_what_a_read_returns() -> Result<()> {
        use crate::model::{
            Cause, Channel, Client, Entry, Kind, Money, Occasion, Reschedule, Severity,
        };
        let dir = tempfile::tempdir()?;
        let mut store = Store::open_write(&dir.path().join("l.db"))?;
        let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d");
        store.write(|w| {
            let c = w.add_client(&Client::named("Acme B.V."))?;
            let mut full = Entry::new(Kind::Commitment, c.to_ref(), day("2026-03-01")?);
            full.description = Some("  Café, \"quoted\"\nand a line ".into());
            full.note = Some("n".into());
            full.void = true;
            full.void_reason = Some("typo".into());
            full.occasion = Some(Occasion::Anniversary);
            full.cost = Some(Money {
                cents: -1,
                currency: "JPY".into(),
            });
            full.reason = Some("r".into());
            full.channel = Some(Channel::Visit);
            full.energy = Some(5);
            full.proactive = true;
            full.due = Some(day("2026-04-01")?);
            full.delivered = Some(day("2026-04-02")?);
            full.quality = Some(1);
            full.missed = Some(day("2026-04-03")?);
            full.missed_reason = Some("m".into());
            full.reschedules = vec![Reschedule {
                date: day("2026-03-10")?,
                due: day("2026-04-01")?,
                agreed: true,
            }];
            full.cause = Some(Cause::ThirdParty);
            full.severity = Some(Severity::Major);
            full.informed = Some(day("2026-03-02")?);
            full.explained = true;
            full.solution = Some("s".into());
            full.resolved = Some(day("2026-03-03")?);
            let kept_uuid = Entry {
                uuid: Some("0b5d1a4e-1111-4222-8333-444455556666".into()),
                recorded_by: Some("someone else".into()),
                ..Entry::new(Kind::Gift, c.to_ref(), day("2026-01-01")?)
            };
            for e in [
                full,
                Entry::new(Kind::Touch, c.to_ref(), day("2026-02-01")?),
                kept_uuid,
            ] {
                let added = w.add_entry(&e)?;
                assert_eq!(Some(&added), w.entry(added.id)?.as_ref());
                assert_ne!(added.id, 0);
                assert!(added.uuid.is_some());
                assert_eq!(added.recorded_by.as_deref(), Some(user::current()));
            }
            Ok(())
        })
    }

    #[test]
    fn a_whole_ledger_appears_under_its_name_and_nothing_else_stays() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("sub").join("ledger.db");
        let out = Store::create_whole(&path, |s| set(s).map(|()| 7))?;
        assert_eq!(out, 7);
        assert_eq!(names_in(&dir.path().join("sub")), ["ledger.db"]);
        assert_eq!(settings_count(&path)?, 1);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(fs::metadata(&path)?.permissions().mode() & 0o777, 0o600);
            let folder = fs::metadata(dir.path().join("sub"))?;
            assert_eq!(folder.permissions().mode() & 0o777, 0o700);
        }
        Ok(())
    }

    #[test]
    fn a_failed_fill_leaves_no_file() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("ledger.db");
        let err = Store::create_whole(&path, |s| {
            set(s)?;
            anyhow::bail!("the import found a bad record")
        })
        .map(|_: ()| ())
        .expect_err("the fill failed");
        assert_eq!(format!("{err:#}"), "the import found a bad record");
        assert!(
            names_in(dir.path()).is_empty(),
            "{:?}",
            names_in(dir.path())
        );
        Ok(())
    }

    #[test]
    fn a_file_that_appears_meanwhile_is_left_alone() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("ledger.db");
        let err = Store::create_whole(&path, |s| {
            set(s)?;
            fs::write(&path, "someone else's")?;
            Ok(())
        })
        .expect_err("the name was taken");
        assert!(format!("{err:#}").contains("appeared while"), "{err:#}");
        assert_eq!(fs::read_to_string(&path)?, "someone else's");
        assert_eq!(names_in(dir.path()), ["ledger.db"]);
        assert!(Store::create_whole(&path, |_| Ok(())).is_err());
        Ok(())
    }
}
