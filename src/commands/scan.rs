//! Reading every client with its entries, for scores, reports and exports: one sequential
//! pass over the ledger, split over two threads (two read connections) when it is large.

use std::collections::HashSet;

use anyhow::{Context, Result};

use crate::config::Config;
use crate::model::{Client, Entry};
use crate::score::ClientFacts;
use crate::store::{Store, Texts};

/// Below this many entries one thread is faster than starting a second connection.
const PARALLEL_FROM: i64 = 20_000;

/// The ledger's settings as a checked configuration.
pub fn config(store: &Store) -> Result<Config> {
    Config::from_settings(&store.settings()?)
        .context("the ledger's settings are invalid (see `relaties config list`)")
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
/// descriptions `texts` asks for (see `Store::each_client`): use the `Client` given.
///
/// With two threads each reads its own snapshot: a write that commits in between may show in
/// one half of the clients and not the other. Each client is always read whole.
pub fn scan<T: Send>(
    store: &Store,
    clients: &[Client],
    texts: Texts,
    init: impl Fn() -> T + Sync,
    add: impl Fn(&mut T, &Client, &[Entry]) + Sync,
) -> Result<Vec<T>> {
    let mut sorted: Vec<&Client> = clients.iter().collect();
    sorted.sort_by_key(|c| c.id);
    let parallel = sorted.len() >= 2 && store.entry_count_hint()? >= PARALLEL_FROM;
    if !parallel {
        let mut state = init();
        scan_part(store, &sorted, texts, &mut state, &add)?;
        return Ok(vec![state]);
    }
    let (first, second) = sorted.split_at(sorted.len() / 2);
    let path = store.path().to_path_buf();
    let (init, add) = (&init, &add);
    std::thread::scope(|s| {
        let other = s.spawn(move || -> Result<T> {
            let store = Store::open_read(&path)?;
            let mut state = init();
            scan_part(&store, second, texts, &mut state, add)?;
            Ok(state)
        });
        let mut state = init();
        scan_part(store, first, texts, &mut state, add)?;
        let other = other
            .join()
            .map_err(|_| anyhow::anyhow!("a reading thread failed"))??;
        Ok(vec![state, other])
    })
}

/// One thread's share: the clients (sorted by id) and their entries.
fn scan_part<T>(
    store: &Store,
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
    store.each_client(lo.id..=hi.id, texts, |id, entries| {
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
