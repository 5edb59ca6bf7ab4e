//! `score [CLIENT] [--as-of DATE] [--explain]`.

use std::collections::HashMap;

use anyhow::{Context, Result};

use super::{Ctx, find_client};
use crate::cli::ScoreArgs;
use crate::config::Config;
use crate::model::{Client, Entry};
use crate::render;
use crate::score::{ClientFacts, Score, score};
use crate::store::{EntryFilter, Store};

/// What scoring needs from the ledger, read in one pass: settings, clients, entries.
pub struct Ledger {
    pub config: Config,
    pub clients: Vec<Client>,
    /// Every live (not void) entry of active clients, by client id.
    pub entries: HashMap<i64, Vec<Entry>>,
}

impl Ledger {
    pub fn load(store: &Store) -> Result<Ledger> {
        let config = Config::from_settings(&store.settings()?)
            .context("the ledger's settings are invalid (see `relaties config list`)")?;
        let clients = store.clients()?;
        let mut entries: HashMap<i64, Vec<Entry>> = HashMap::new();
        for e in store.entries(&EntryFilter::default())? {
            entries.entry(e.client.id).or_default().push(e);
        }
        Ok(Ledger {
            config,
            clients,
            entries,
        })
    }

    pub fn entries_of(&self, client: i64) -> &[Entry] {
        self.entries.get(&client).map_or(&[], Vec::as_slice)
    }

    pub fn score(&self, c: &Client, as_of: chrono::NaiveDate, explain: bool) -> Score {
        score(
            &facts(c),
            self.entries_of(c.id),
            &self.config,
            as_of,
            explain,
        )
    }

    /// Every active client's score, lowest overall first.
    pub fn scores(&self, as_of: chrono::NaiveDate, explain: bool) -> Vec<Score> {
        let mut out: Vec<Score> = self
            .clients
            .iter()
            .filter(|c| !c.archived)
            .map(|c| self.score(c, as_of, explain))
            .collect();
        out.sort_by(|a, b| {
            a.overall
                .cmp(&b.overall)
                .then_with(|| a.client.name.cmp(&b.client.name))
        });
        out
    }
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
    let ledger = Ledger::load(&store)?;
    let scores = match &a.client {
        Some(q) => {
            let c = find_client(&ledger.clients, q)?;
            vec![ledger.score(&c, as_of, a.explain)]
        }
        None => ledger.scores(as_of, a.explain),
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
