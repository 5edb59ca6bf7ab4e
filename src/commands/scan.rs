//! Reading every client with its entries, for scores, reports and exports: one sequential
//! pass over the ledger, split over two threads (two read connections) when it is large.

use std::collections::HashSet;

use anyhow::{Context, Result};

use crate::config::Config;
use crate::model::{Client, Entry};
use crate::score::ClientFacts;
use crate::store::{Ledger, Texts};

/// Below this many entries one thread is faster than starting a second connection.
const PARALLEL_FROM: i64 = 20_000;

/// The ledger's settings as a checked configuration.
pub fn config(store: &dyn Ledger) -> Result<Config> {
    Config::from_settings(&store.settings()?)
        .with_context(|| crate::i18n::t(crate::i18n::commands::CmdMsg::SettingsInvalid, &[]))
}

pub fn facts(c: &Client) -> ClientFacts {
    ClientFacts {
        client: c.to_ref(),
        cadence_days: c.cadence_days,
    }
}

/// Calls `add` for every client in `clients` with its live entries (clients without entries
/// get an empty slice), accumulating into states made by `init`; returns one state per thread
/// used, for the caller to merge. The entries carry no client name and no free text but the
/// descriptions `texts` asks for (see `Ledger::each_client`): use the `Client` given.
///
/// Everything comes from `store`'s snapshot. A second thread reads through a connection of
/// its own; when a write committed between the two snapshots, the second thread's half is
/// read again from `store` instead.
pub fn scan<T: Send>(
    store: &dyn Ledger,
    clients: &[Client],
    texts: Texts,
    init: impl Fn() -> T + Sync,
    add: impl Fn(&mut T, &Client, &[Entry]) + Sync,
) -> Result<Vec<T>> {
    let parallel = clients.len() >= 2 && store.entry_count_hint()? >= PARALLEL_FROM;
    scan_with(store, clients, texts, init, add, parallel, || Ok(()))
}

/// `scan`, told whether to use two threads; `before_second` runs just before the second
/// thread opens its connection (tests write there).
fn scan_with<T: Send>(
    store: &dyn Ledger,
    clients: &[Client],
    texts: Texts,
    init: impl Fn() -> T + Sync,
    add: impl Fn(&mut T, &Client, &[Entry]) + Sync,
    parallel: bool,
    before_second: impl FnOnce() -> Result<()>,
) -> Result<Vec<T>> {
    let mut sorted: Vec<&Client> = clients.iter().collect();
    sorted.sort_by_key(|c| c.id);
    if !parallel {
        let mut state = init();
        scan_part(store, &sorted, texts, &mut state, &add)?;
        return Ok(vec![state]);
    }
    let (first, second) = sorted.split_at(sorted.len() / 2);
    before_second()?;
    // A reader of the same snapshot for the second half, else it is read below, from `store`.
    let twin = store.twin()?;
    let (init, add) = (&init, &add);
    std::thread::scope(|s| {
        let other = s.spawn(move || -> Result<Option<T>> {
            let Some(other) = twin()? else {
                return Ok(None);
            };
            let mut state = init();
            scan_part(&*other, second, texts, &mut state, add)?;
            Ok(Some(state))
        });
        let mut state = init();
        scan_part(store, first, texts, &mut state, add)?;
        let other = other.join().map_err(|_| {
            anyhow::anyhow!(
                "{}",
                crate::i18n::t(crate::i18n::commands::CmdMsg::ReadingThreadFailed, &[])
            )
        })??;
        match other {
            Some(other) => Ok(vec![state, other]),
            None => {
                scan_part(store, second, texts, &mut state, add)?;
                Ok(vec![state])
            }
        }
    })
}

/// One thread's share: the clients (sorted by id) and their entries.
fn scan_part<T>(
    store: &dyn Ledger,
    clients: &[&Client],
    texts: Texts,
    state: &mut T,
    add: &impl Fn(&mut T, &Client, &[Entry]),
) -> Result<()> {
    let (Some(lo), Some(hi)) = (clients.first(), clients.last()) else {
        return Ok(());
    };
    let mut seen: HashSet<i64> = HashSet::new();
    let mut next = 0;
    store.each_client(lo.id..=hi.id, texts, &mut |id, entries| {
        // Both lists are in id order: walk the clients alongside the entries.
        while next < clients.len() && clients[next].id < id {
            next += 1;
        }
        if let Some(c) = clients.get(next).filter(|c| c.id == id) {
            seen.insert(id);
            add(state, c, entries);
        }
        Ok(())
    })?;
    for c in clients.iter().filter(|c| !seen.contains(&c.id)) {
        add(state, c, &[]);
    }
    Ok(())
}

/// The people at `clients` (active ones, as the caller chose them) and what marks their
/// birthdays, for Coming up, `upcoming` and the calendar.
pub fn birthdays_of(
    store: &dyn Ledger,
    clients: &[Client],
) -> Result<(
    Vec<crate::model::Contact>,
    Vec<crate::report::BirthdayGesture>,
)> {
    let ids: std::collections::HashSet<i64> = clients.iter().map(|c| c.id).collect();
    let people: Vec<crate::model::Contact> = store
        .contacts(None)?
        .into_iter()
        .filter(|p| p.birthday.is_some() && ids.contains(&p.client.id))
        .collect();
    if people.is_empty() {
        return Ok((people, Vec::new()));
    }
    Ok((people, store.birthday_gestures()?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Kind;
    use crate::store::Store;
    use chrono::NaiveDate;

    fn gift(w: &mut dyn crate::store::Txn, client: &Client) -> Result<()> {
        let date = NaiveDate::from_ymd_opt(2026, 11, 20).context("date")?;
        w.add_entry(&Entry::new(Kind::Gift, client.to_ref(), date))?;
        Ok(())
    }

    /// (client id, live entries) for every client, in id order.
    fn counts(
        store: &dyn Ledger,
        clients: &[Client],
        parallel: bool,
        between: impl FnOnce() -> Result<()>,
    ) -> Result<Vec<(i64, usize)>> {
        let parts = scan_with(
            store,
            clients,
            Texts::All,
            Vec::new,
            |v: &mut Vec<(i64, usize)>, c, entries| v.push((c.id, entries.len())),
            parallel,
            between,
        )?;
        let mut all: Vec<(i64, usize)> = parts.into_iter().flatten().collect();
        all.sort();
        Ok(all)
    }

    #[test]
    fn both_threads_read_the_snapshot_the_store_took() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("ledger.db");
        let mut w = Store::open_write(&path)?;
        w.write(|w| {
            for name in ["Alpha", "Beta", "Gamma", "Delta"] {
                w.add_client(&Client::named(name))?;
            }
            Ok(())
        })?;
        let clients = w.clients()?;
        w.write(|w| clients.iter().try_for_each(|c| gift(w, c)))?;

        let reader = Store::open_read(&path)?;
        let before = counts(&reader, &clients, true, || Ok(()))?;
        assert_eq!(before.iter().map(|x| x.1).collect::<Vec<_>>(), [1, 1, 1, 1]);
        // A gift to every client commits after the reader's snapshot, before the second
        // thread opens its connection: neither half may show it.
        let after = counts(&reader, &clients, true, || {
            w.write(|w| clients.iter().try_for_each(|c| gift(w, c)))
        })?;
        assert_eq!(after, before);
        assert_eq!(Store::open_read(&path)?.changes()?, reader.changes()? + 1);
        assert_eq!(counts(&reader, &clients, false, || Ok(()))?, before);
        Ok(())
    }
}
