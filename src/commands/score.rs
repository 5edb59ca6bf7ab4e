//! `score [CLIENT] [--as-of DATE] [--explain]`.

use std::collections::HashMap;

use anyhow::Result;

use super::scan::{config, facts, scan};
use super::{Ctx, find_client, usage};
use crate::cli::ScoreArgs;
use crate::model::{Client, Entry};
use crate::render;
use crate::report::sort_scores;
use crate::score::{Score, history, score, sundays};
use crate::store::{EntryFilter, Ledger, Texts};

/// One client's live entries, texts included.
pub fn entries_of(store: &dyn Ledger, client: i64) -> Result<Vec<Entry>> {
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
    let cfg = config(&*store)?;
    let clients = store.clients()?;
    if a.history {
        // clap requires CLIENT with --history; said again here rather than assumed.
        let q = a.client.as_deref().ok_or_else(|| {
            usage(crate::i18n::t(
                crate::i18n::commands::CmdMsg::HistoryNeedsClient,
                &[],
            ))
        })?;
        let c = find_client(&clients, q)?;
        let entries = entries_of(&*store, c.id)?;
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
    // With each score, how many of its client's entries are dated after `as_of` (left out).
    let scored = |c: &Client, entries: &[Entry]| {
        let later = entries.iter().filter(|e| !e.void && e.date > as_of).count();
        (score(&facts(c), entries, &cfg, as_of, a.explain), later)
    };
    let pairs: Vec<(Score, usize)> = match &a.client {
        Some(q) => {
            let c = find_client(&clients, q)?;
            let entries = entries_of(&*store, c.id)?;
            vec![scored(&c, &entries)]
        }
        None => {
            let active: Vec<Client> = clients.into_iter().filter(|c| !c.archived).collect();
            let texts = if a.explain {
                Texts::All
            } else {
                Texts::OpenItems
            };
            let parts = scan(
                &*store,
                &active,
                texts,
                Vec::new,
                |pairs: &mut Vec<(Score, usize)>, c, entries| pairs.push(scored(c, entries)),
            )?;
            parts.into_iter().flatten().collect()
        }
    };
    let later: HashMap<i64, usize> = pairs.iter().map(|(s, n)| (s.client.id, *n)).collect();
    let later_of = |s: &Score| later.get(&s.client.id).copied().unwrap_or(0);
    let mut scores: Vec<Score> = pairs.into_iter().map(|(s, _)| s).collect();
    sort_scores(&mut scores);
    scores.iter_mut().for_each(render::score::word);
    if ctx.out.json {
        let one = |s: &Score| -> Result<serde_json::Value> {
            let mut v = serde_json::to_value(s)?;
            if a.explain
                && let Some(o) = v.as_object_mut()
            {
                o.insert("left_out_after_as_of".into(), later_of(s).into());
            }
            Ok(v)
        };
        let v = match (&a.client, scores.first()) {
            (Some(_), Some(s)) => one(s)?,
            _ => serde_json::Value::Array(scores.iter().map(one).collect::<Result<_>>()?),
        };
        return ctx.out.json(&v);
    }
    if scores.is_empty() {
        return ctx
            .out
            .line(&crate::i18n::t(crate::i18n::Msg::NoClientsToScore, &[]));
    }
    if a.explain && !ctx.out.tty {
        return ctx
            .out
            .table(&render::score::explain_rows(&scores, later_of));
    }
    let color = ctx.out.color;
    ctx.out.table(&render::score::table(&scores, color))?;
    if a.explain {
        for s in &scores {
            let width = ctx.out.width;
            ctx.out
                .line(&render::score::explain(s, later_of(s), width))?;
        }
    }
    Ok(())
}
