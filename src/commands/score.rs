//! `score [CLIENT] [--as-of DATE] [--explain]`.

use std::collections::{HashMap, HashSet};

use anyhow::{Context, Result};

use super::{Ctx, find_client};
use crate::cli::ScoreArgs;
use crate::config::Config;
use crate::model::{Client, Entry};
use crate::render;
use crate::report::sort_scores;
use crate::score::{ClientFacts, score};
use crate::store::{EntryFilter, Store};

/// The ledger's settings as a checked configuration.
pub fn config(store: &Store) -> Result<Config> {
    Config::from_settings(&store.settings()?)
        .context("the ledger's settings are invalid (see `relaties config list`)")
}

/// Calls `f` for every client in `clients` with its live entries, reading the ledger in one
/// pass (clients without entries get an empty slice). The entries carry no client name and no
/// free text but their description (see `Store::each_client`): use the `Client` given.
pub fn each_client(
    store: &Store,
    clients: &[Client],
    mut f: impl FnMut(&Client, &[Entry]) -> Result<()>,
) -> Result<()> {
    let by_id: HashMap<i64, &Client> = clients.iter().map(|c| (c.id, c)).collect();
    let mut seen: HashSet<i64> = HashSet::new();
    store.each_client(|id, entries| {
        let Some(c) = by_id.get(&id) else {
            return Ok(());
        };
        seen.insert(id);
        f(c, &entries)
    })?;
    for c in clients.iter().filter(|c| !seen.contains(&c.id)) {
        f(c, &[])?;
    }
    Ok(())
}

/// One client's live entries.
pub fn entries_of(store: &Store, client: i64) -> Result<Vec<Entry>> {
    store.entries(&EntryFilter {
        client: Some(client),
        ..Default::default()
    })
}

pub fn facts(c: &Client) -> ClientFacts {
    ClientFacts {
        client: c.to_ref(),
        cadence_days: c.cadence_days,
    }
}

pub fn run(ctx: &mut Ctx, a: ScoreArgs) -> Result<()> {
    let as_of = ctx.past(a.as_of)?;
    let store = ctx.read()?;
    let cfg = config(&store)?;
    let clients = store.clients()?;
    let scores = match &a.client {
        Some(q) => {
            let c = find_client(&clients, q)?;
            let entries = entries_of(&store, c.id)?;
            vec![score(&facts(&c), &entries, &cfg, as_of, a.explain)]
        }
        None => {
            let active: Vec<Client> = clients.into_iter().filter(|c| !c.archived).collect();
            let mut scores = Vec::with_capacity(active.len());
            each_client(&store, &active, |c, entries| {
                scores.push(score(&facts(c), entries, &cfg, as_of, a.explain));
                Ok(())
            })?;
            sort_scores(&mut scores);
            scores
        }
    };
    if ctx.out.json {
        let v = match (&a.client, scores.first()) {
            (Some(_), Some(s)) => serde_json::to_value(s)?,
            _ => serde_json::to_value(&scores)?,
        };
        return ctx.out.json(&v);
    }
    if scores.is_empty() {
        return ctx.out.line("no active clients to score");
    }
    let color = ctx.out.color;
    ctx.out.table(&render::score::table(&scores, color))?;
    if a.explain {
        for s in &scores {
            ctx.out.line(&render::score::explain(s))?;
        }
    }
    Ok(())
}
