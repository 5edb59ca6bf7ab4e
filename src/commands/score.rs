//! `score [CLIENT] [--as-of DATE] [--explain]`.

use anyhow::Result;

use super::scan::{config, facts, scan};
use super::{Ctx, find_client, usage};
use crate::cli::ScoreArgs;
use crate::model::{Client, Entry};
use crate::render;
use crate::report::sort_scores;
use crate::score::{Score, history, score, sundays};
use crate::store::{EntryFilter, Store, Texts};

/// One client's live entries, texts included.
pub fn entries_of(store: &Store, client: i64) -> Result<Vec<Entry>> {
    store.entries(&EntryFilter {
        client: Some(client),
        ..Default::default()
    })
}

/// Weeks of history when `--weeks` is not given.
pub const HISTORY_WEEKS: u16 = 26;

pub fn run(ctx: &mut Ctx, a: ScoreArgs) -> Result<()> {
    let as_of = ctx.past(a.as_of)?;
    let store = ctx.read()?;
    let cfg = config(&store)?;
    let clients = store.clients()?;
    if a.history {
        // clap requires CLIENT with --history; said again here rather than assumed.
        let q = a
            .client
            .as_deref()
            .ok_or_else(|| usage("--history needs a CLIENT"))?;
        let c = find_client(&clients, q)?;
        let entries = entries_of(&store, c.id)?;
        let dates = sundays(as_of, usize::from(a.weeks.unwrap_or(HISTORY_WEEKS)));
        let rows = history(&facts(&c), &entries, &cfg, &dates);
        if ctx.out.json {
            return ctx.out.json(&serde_json::to_value(&rows)?);
        }
        ctx.out.table(&render::score::history_table(&rows))?;
        if ctx.out.tty {
            ctx.out
                .text(&render::score::history_lines(&c.name, c.id, &rows))?;
        }
        return Ok(());
    }
    let mut scores = match &a.client {
        Some(q) => {
            let c = find_client(&clients, q)?;
            let entries = entries_of(&store, c.id)?;
            vec![score(&facts(&c), &entries, &cfg, as_of, a.explain)]
        }
        None => {
            let active: Vec<Client> = clients.into_iter().filter(|c| !c.archived).collect();
            let texts = if a.explain {
                Texts::All
            } else {
                Texts::OpenItems
            };
            let parts = scan(
                &store,
                &active,
                texts,
                Vec::new,
                |scores: &mut Vec<Score>, c, entries| {
                    scores.push(score(&facts(c), entries, &cfg, as_of, a.explain));
                },
            )?;
            let mut scores: Vec<Score> = parts.into_iter().flatten().collect();
            sort_scores(&mut scores);
            scores
        }
    };
    scores.iter_mut().for_each(render::score::word);
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
