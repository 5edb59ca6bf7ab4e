//! The SQLite engine behind the storage interface: [`Store`] is a [`Ledger`] and its
//! [`Writer`] a [`Txn`]. The SQL itself is in the sibling modules (clients, entries, …).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::RangeInclusive;
use std::path::Path;

use anyhow::Result;
use chrono::NaiveDate;

use super::ledger::{Ledger, Twin, Txn};
use super::{EntryFilter, OpenItem, Store, Texts, Undone, Writer};
use crate::model::{Client, Contact, Entry, Kind};

impl Ledger for Store {
    fn name(&self) -> String {
        self.path.display().to_string()
    }

    fn engine(&self) -> &'static str {
        "sqlite"
    }

    fn file(&self) -> Option<&Path> {
        Some(&self.path)
    }

    fn clients(&self) -> Result<Vec<Client>> {
        Store::clients(self)
    }

    fn client_times(&self) -> Result<HashMap<i64, String>> {
        Store::client_times(self)
    }

    fn forgotten_ids(&self) -> Result<HashSet<i64>> {
        Store::forgotten_ids(self)
    }

    fn birthday_gestures(&self) -> Result<Vec<crate::report::BirthdayGesture>> {
        Store::birthday_gestures(self)
    }

    fn contacts(&self, client: Option<i64>) -> Result<Vec<Contact>> {
        Store::contacts(self, client)
    }

    fn contact(&self, id: i64) -> Result<Option<Contact>> {
        Store::contact(self, id)
    }

    fn entry_contacts(&self) -> Result<Vec<(i64, i64)>> {
        Store::entry_contacts(self)
    }

    fn settings(&self) -> Result<BTreeMap<String, String>> {
        Store::settings(self)
    }

    fn entries(&self, f: &EntryFilter) -> Result<Vec<Entry>> {
        Store::entries(self, f)
    }

    fn open_items(&self, kind: Kind) -> Result<Vec<OpenItem>> {
        Store::open_items(self, kind)
    }

    fn live_entries_of(&self, client: i64) -> Result<Vec<Entry>> {
        Store::live_entries_of(self, client)
    }

    fn entry_count_hint(&self) -> Result<i64> {
        Store::entry_count_hint(self)
    }

    fn stale_facts(&self) -> Result<Vec<i64>> {
        Store::stale_facts(self)
    }

    fn changes(&self) -> Result<i64> {
        Store::changes(self)
    }

    fn each_client(
        &self,
        clients: RangeInclusive<i64>,
        texts: Texts,
        f: &mut dyn FnMut(i64, &[Entry]) -> Result<()>,
    ) -> Result<()> {
        Store::each_client(self, clients, texts, f)
    }

    fn each_entry_recorded(
        &self,
        by_date: bool,
        f: &mut dyn FnMut(&Entry, &str) -> Result<()>,
    ) -> Result<()> {
        Store::each_entry_recorded(self, by_date, f)
    }

    fn twin(&self) -> Result<Twin> {
        // A second connection takes its own snapshot: it serves only when no write
        // committed in between.
        let path = self.path.clone();
        let seen = self.changes()?;
        Ok(Box::new(move || {
            let other = Store::open_read(&path)?;
            Ok((other.changes()? == seen).then(|| Box::new(other) as Box<dyn Ledger>))
        }))
    }

    fn backup_to(&self, dest: &Path) -> Result<()> {
        Store::backup_to(self, dest)
    }

    fn wipe_erased(&self) -> Result<()> {
        // Copy the wiped pages over the old ones in the main file and empty the WAL.
        self.checkpoint()
    }

    fn checkup(&self) -> Result<super::Checkup> {
        Ok(super::Checkup::File(Box::new(self.file_checkup()?)))
    }

    fn write_dyn(&mut self, f: &mut dyn FnMut(&mut dyn Txn) -> Result<()>) -> Result<()> {
        Store::write(self, |w| f(w))
    }

    fn undo(&mut self) -> Result<Undone> {
        Store::undo(self)
    }
}

impl Txn for Writer<'_> {
    fn set_summary(&mut self, s: String) {
        Writer::set_summary(self, s);
    }

    fn skip_journal(&mut self) {
        Writer::skip_journal(self);
    }

    fn keep_recorded_by(&mut self) {
        Writer::keep_recorded_by(self);
    }

    fn clients(&self) -> Result<Vec<Client>> {
        Writer::clients(self)
    }

    fn client(&self, id: i64) -> Result<Option<Client>> {
        Writer::client(self, id)
    }

    fn client_named(&self, name: &str) -> Result<Option<Client>> {
        Writer::client_named(self, name)
    }

    fn contacts(&self, client: Option<i64>) -> Result<Vec<Contact>> {
        Writer::contacts(self, client)
    }

    fn contact(&self, id: i64) -> Result<Option<Contact>> {
        Writer::contact(self, id)
    }

    fn entry(&self, id: i64) -> Result<Option<Entry>> {
        Writer::entry(self, id)
    }

    fn entries(&self, f: &EntryFilter) -> Result<Vec<Entry>> {
        Writer::entries(self, f)
    }

    fn same_gift_since(
        &self,
        client: i64,
        description: &str,
        since: NaiveDate,
    ) -> Result<Option<NaiveDate>> {
        Writer::same_gift_since(self, client, description, since)
    }

    fn settings(&self) -> Result<BTreeMap<String, String>> {
        Writer::settings(self)
    }

    fn client_uuids(&self) -> Result<HashMap<String, i64>> {
        Writer::client_uuids(self)
    }

    fn entry_uuids(&self) -> Result<HashMap<String, i64>> {
        Writer::entry_uuids(self)
    }

    fn contact_uuids(&self) -> Result<HashMap<String, i64>> {
        Writer::contact_uuids(self)
    }

    fn add_client(&mut self, c: &Client) -> Result<Client> {
        Writer::add_client(self, c)
    }

    fn update_client(&mut self, c: &Client) -> Result<Client> {
        Writer::update_client(self, c)
    }

    fn forget_client(&mut self, id: i64, anonymize: bool) -> Result<()> {
        Writer::forget_client(self, id, anonymize)
    }

    fn import_client(
        &mut self,
        c: &Client,
        keep_id: bool,
        forgotten: bool,
        recorded_at: Option<&str>,
    ) -> Result<i64> {
        Writer::import_client(self, c, keep_id, forgotten, recorded_at)
    }

    fn add_contact(&mut self, p: &Contact) -> Result<Contact> {
        Writer::add_contact(self, p)
    }

    fn insert_contact(&mut self, p: &Contact, keep_id: bool) -> Result<Contact> {
        Writer::insert_contact(self, p, keep_id)
    }

    fn update_contact(&mut self, p: &Contact) -> Result<Contact> {
        Writer::update_contact(self, p)
    }

    fn remove_contact(&mut self, id: i64) -> Result<()> {
        Writer::remove_contact(self, id)
    }

    fn link_contact(&mut self, entry: i64, contact: i64) -> Result<()> {
        Writer::link_contact(self, entry, contact)
    }

    fn add_entry(&mut self, e: &Entry) -> Result<Entry> {
        Writer::add_entry(self, e)
    }

    fn insert_entry(&mut self, e: &Entry) -> Result<i64> {
        Writer::insert_entry(self, e)
    }

    fn insert_entry_recorded(&mut self, e: &Entry, recorded_at: Option<&str>) -> Result<i64> {
        Writer::insert_entry_recorded(self, e, recorded_at)
    }

    fn import_entry(&mut self, e: &Entry, recorded_at: Option<&str>) -> Result<i64> {
        Writer::import_entry(self, e, recorded_at)
    }

    fn update_entry(&mut self, e: &Entry) -> Result<Entry> {
        Writer::update_entry(self, e)
    }

    fn set_setting(&mut self, key: &str, value: Option<&str>) -> Result<()> {
        Writer::set_setting(self, key, value)
    }
}
