//! The storage interface every engine implements, and all that commands see of storage.
//!
//! A [`Ledger`] is an open ledger: its read side reads one snapshot for the store's whole
//! life, and [`Ledger::write`] runs a function as one write transaction ([`Txn`]) that
//! happens completely or not at all. Today's engines: one SQLite file ([`super::Store`]) and
//! a team ledger on a PostgreSQL server ([`super::postgres`]).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::RangeInclusive;
use std::path::Path;

use anyhow::{Result, anyhow};
use chrono::NaiveDate;

use super::{ClientLookup, EntryFilter, OpenItem, Texts, Undone};
use crate::model::{Client, Contact, Entry, Kind};

/// Opens a second reader of a snapshot (see [`Ledger::twin`]).
pub type Twin = Box<dyn FnOnce() -> Result<Option<Box<dyn Ledger>>> + Send>;

/// The read side of an open ledger, and the way to its writes.
pub trait Ledger: ClientLookup + Send {
    /// The ledger as a person names it: the file's path, or the server's URL with the
    /// password masked. Never holds a secret.
    fn name(&self) -> String;

    /// Which engine holds the ledger (`sqlite`, `postgresql`), for `doctor` and errors.
    fn engine(&self) -> &'static str;

    /// The ledger's file, when it is one (SQLite). Commands that handle files beside the
    /// ledger (a backup must not overwrite it) ask for it.
    fn file(&self) -> Option<&Path> {
        None
    }

    fn clients(&self) -> Result<Vec<Client>>;
    /// Every client's last change time (as stored), by id: the export's `recorded_at`.
    fn client_times(&self) -> Result<HashMap<i64, String>>;
    /// The clients erased with `client forget` (kept as empty rows so ids stay unique).
    fn forgotten_ids(&self) -> Result<HashSet<i64>>;
    fn birthday_gestures(&self) -> Result<Vec<crate::report::BirthdayGesture>>;
    fn contacts(&self, client: Option<i64>) -> Result<Vec<Contact>>;
    fn contact(&self, id: i64) -> Result<Option<Contact>>;
    /// Which contact person each entry was for: (entry, contact) pairs.
    fn entry_contacts(&self) -> Result<Vec<(i64, i64)>>;
    fn settings(&self) -> Result<BTreeMap<String, String>>;
    fn entries(&self, f: &EntryFilter) -> Result<Vec<Entry>>;
    /// Open commitments or unresolved incidents, in brief (for completion).
    fn open_items(&self, kind: Kind) -> Result<Vec<OpenItem>>;
    /// A client's live (not void) entries, for scoring.
    fn live_entries_of(&self, client: i64) -> Result<Vec<Entry>>;
    /// Every client in `clients` (an id range) with its live entries, in id order, as lean
    /// entries carrying the descriptions `texts` asks for: the scan behind scores and
    /// reports. Clients without entries are not called.
    fn each_client(
        &self,
        clients: RangeInclusive<i64>,
        texts: Texts,
        f: &mut dyn FnMut(i64, &[Entry]) -> Result<()>,
    ) -> Result<()>;
    /// Every entry (void ones and archived clients' too) with when it was recorded, one at a
    /// time: by id, or with `by_date` by date and then id.
    fn each_entry_recorded(
        &self,
        by_date: bool,
        f: &mut dyn FnMut(&Entry, &str) -> Result<()>,
    ) -> Result<()>;
    /// Roughly how many entries there are: whether a scan is worth a second thread.
    fn entry_count_hint(&self) -> Result<i64>;
    /// Entries whose stored facts disagree with their columns (a maintenance check).
    fn stale_facts(&self) -> Result<Vec<i64>>;
    /// How many writes had committed when this snapshot was taken.
    fn changes(&self) -> Result<i64>;

    /// How to open a second reader of exactly this snapshot, in a second thread (opening
    /// it there costs the first thread nothing); it gives `None` when that cannot be had
    /// (the caller then reads everything itself).
    fn twin(&self) -> Result<Twin>;

    /// Writes a consistent SQLite ledger file of this snapshot at `dest`, which must not
    /// exist (`relaties backup`).
    fn backup_to(&self, dest: &Path) -> Result<()>;

    /// After `client forget`: make sure the erased bytes linger nowhere the engine can reach.
    fn wipe_erased(&self) -> Result<()>;

    /// What `doctor` is told about the ledger: a file's structure, counts and files on disk,
    /// or a server's (key, value) lines.
    fn checkup(&self) -> Result<super::Checkup>;

    /// Runs `f` as one write transaction; see [`Ledger::write`] (on `dyn Ledger`).
    fn write_dyn(&mut self, f: &mut dyn FnMut(&mut dyn Txn) -> Result<()>) -> Result<()>;

    /// Undoes the most recent change (in a team ledger: the user's own), in its own
    /// transaction.
    fn undo(&mut self) -> Result<Undone>;
}

impl dyn Ledger + '_ {
    /// Runs `f` as one write transaction: when `f` fails nothing is written. The changes it
    /// made are journalled under the summary it sets, for `undo`. An engine may run `f` again
    /// from the start when the server gives the transaction up (a serialization failure or a
    /// deadlock on a team ledger), so `f` must not keep anything from a run that failed.
    pub fn write<T>(&mut self, mut f: impl FnMut(&mut dyn Txn) -> Result<T>) -> Result<T> {
        let mut out = None;
        self.write_dyn(&mut |w| {
            out = Some(f(w)?);
            Ok(())
        })?;
        out.ok_or_else(|| anyhow!("a write did not run"))
    }
}

/// A write in progress: its reads see its own changes.
pub trait Txn: ClientLookup {
    /// What this write did, in words: shown by `undo`.
    fn set_summary(&mut self, s: String);
    /// Bulk writes (a generated or imported ledger) are not journalled.
    fn skip_journal(&mut self);
    /// The entries and clients this write stores keep the `recorded_by` they carry (an
    /// import) instead of taking the writer's name. On a team ledger the server allows that
    /// to owners only: anyone else's rows are recorded as theirs.
    fn keep_recorded_by(&mut self);

    fn clients(&self) -> Result<Vec<Client>>;
    fn client(&self, id: i64) -> Result<Option<Client>>;
    fn client_named(&self, name: &str) -> Result<Option<Client>>;
    fn add_client(&mut self, c: &Client) -> Result<Client>;
    fn update_client(&mut self, c: &Client) -> Result<Client>;
    fn forget_client(&mut self, id: i64, anonymize: bool) -> Result<()>;
    /// A client from an export: `keep_id` keeps its id, `recorded_at` its change time.
    fn import_client(
        &mut self,
        c: &Client,
        keep_id: bool,
        forgotten: bool,
        recorded_at: Option<&str>,
    ) -> Result<i64>;

    fn contacts(&self, client: Option<i64>) -> Result<Vec<Contact>>;
    fn contact(&self, id: i64) -> Result<Option<Contact>>;
    fn add_contact(&mut self, p: &Contact) -> Result<Contact>;
    fn insert_contact(&mut self, p: &Contact, keep_id: bool) -> Result<Contact>;
    fn update_contact(&mut self, p: &Contact) -> Result<Contact>;
    fn remove_contact(&mut self, id: i64) -> Result<()>;
    fn link_contact(&mut self, entry: i64, contact: i64) -> Result<()>;

    fn entry(&self, id: i64) -> Result<Option<Entry>>;
    fn entries(&self, f: &EntryFilter) -> Result<Vec<Entry>>;
    /// When a gift with this description last went to `client` on or after `since`.
    fn same_gift_since(
        &self,
        client: i64,
        description: &str,
        since: NaiveDate,
    ) -> Result<Option<NaiveDate>>;
    fn add_entry(&mut self, e: &Entry) -> Result<Entry>;
    fn insert_entry(&mut self, e: &Entry) -> Result<i64>;
    fn insert_entry_recorded(&mut self, e: &Entry, recorded_at: Option<&str>) -> Result<i64>;
    fn import_entry(&mut self, e: &Entry, recorded_at: Option<&str>) -> Result<i64>;
    fn update_entry(&mut self, e: &Entry) -> Result<Entry>;

    fn settings(&self) -> Result<BTreeMap<String, String>>;
    fn set_setting(&mut self, key: &str, value: Option<&str>) -> Result<()>;

    /// Lasting identity → id, for the rows that have one (an import reads them once).
    fn client_uuids(&self) -> Result<HashMap<String, i64>>;
    fn entry_uuids(&self) -> Result<HashMap<String, i64>>;
    fn contact_uuids(&self) -> Result<HashMap<String, i64>>;
}
