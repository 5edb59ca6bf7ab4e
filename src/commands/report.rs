//! `report`, `upcoming` and `demo`.

use std::collections::HashMap;
use std::path::Path;

use anyhow::{Context, Result, bail};

use chrono::NaiveDate;

use super::scan::{config, scan};
use super::{Ctx, resolve_client, usage};
use crate::cli::{DemoArgs, ReportArgs, ReportFormat, UpcomingArgs};
use crate::demo;
use crate::model::{Client, Entry};
use crate::render::report as text;
use crate::report::{Builder, Period, Report, UpcomingBuilder};
use crate::store::{Store, Texts};

/// The error `--fail-below` ends with, after the report is printed.
fn below(report: &Report, n: i64) -> Result<()> {
    let low: Vec<String> = report
        .scores
        .iter()
        .filter(|s| s.overall < n)
        .map(|s| format!("{} ({})", s.client.name, s.overall))
        .collect();
    if !low.is_empty() {
        bail!(
            "{} scoring below {n}: {}",
            if low.len() == 1 {
                "1 client"
            } else {
                "clients"
            },
            low.join(", ")
        );
    }
    Ok(())
}

fn print(ctx: &mut Ctx, report: &Report, format: ReportFormat) -> Result<()> {
    let format = if ctx.out.json {
        ReportFormat::Json
    } else {
        format
    };
    match format {
        ReportFormat::Json => ctx.out.json(&serde_json::to_value(report)?),
        ReportFormat::Table => {
            let (color, tty) = (ctx.out.color, ctx.out.tty);
            ctx.out.text(&text::table(report, color, tty))
        }
        ReportFormat::Markdown => ctx.out.text(&text::markdown(report)),
        ReportFormat::Csv => ctx.out.text(&text::csv(report)?),
    }
}

/// Builds the report over `clients` from the ledger, one client at a time.
fn build(store: &Store, clients: &[Client], period: Period, as_of: NaiveDate) -> Result<Report> {
    let cfg = config(store)?;
    let mut parts = scan(
        store,
        clients,
        Texts::OpenItems,
        || Builder::new(&cfg, period.clone(), as_of),
        |b, c, entries| b.add(c, entries),
    )?
    .into_iter();
    let mut b = parts
        .next()
        .unwrap_or_else(|| Builder::new(&cfg, period.clone(), as_of));
    for other in parts {
        b.merge(other);
    }
    b.finish(clients, |id| store.live_entries_of(id))
}

pub fn report(ctx: &mut Ctx, a: ReportArgs) -> Result<()> {
    let as_of = ctx.past(a.as_of)?;
    let week = Period::week_of(as_of);
    let since = a
        .since
        .map(|s| ctx.past(Some(s)))
        .transpose()?
        .unwrap_or(week.since);
    let until = a
        .until
        .map(|s| ctx.past(Some(s)))
        .transpose()?
        .unwrap_or(week.until);
    if until < since {
        return Err(usage(format!("--until {until} is before --since {since}")));
    }
    let store = ctx.read()?;
    let mut clients: Vec<Client> = store
        .clients()?
        .into_iter()
        .filter(|c| !c.archived)
        .collect();
    if let Some(q) = &a.client {
        let c = resolve_client(&store, q)?;
        if c.archived {
            bail!(
                "client {:?} is archived, and reports leave archived clients out; \
                 `relaties client unarchive {}` first",
                c.name,
                c.id
            );
        }
        clients.retain(|x| x.id == c.id);
    }
    let report = build(&store, &clients, Period::new(since, until), as_of)?;
    print(ctx, &report, a.format)?;
    match a.fail_below {
        Some(n) => below(&report, n),
        None => Ok(()),
    }
}

pub fn upcoming(ctx: &mut Ctx, a: UpcomingArgs) -> Result<()> {
    let as_of = ctx.past(a.as_of)?;
    let store = ctx.read()?;
    let cfg = config(&store)?;
    let clients: Vec<Client> = store
        .clients()?
        .into_iter()
        .filter(|c| !c.archived)
        .collect();
    let mut b = UpcomingBuilder::new(&cfg, as_of, a.days);
    for part in scan(
        &store,
        &clients,
        Texts::OpenItems,
        || b.part(),
        |u, c, entries| u.add(c, entries),
    )? {
        b.merge(part);
    }
    let items = b.finish();
    if ctx.out.json {
        return ctx.out.json(&serde_json::to_value(&items)?);
    }
    let mut t = crate::render::Table::new(["date", "kind", "client", "what"]);
    for u in &items {
        t.row([
            u.date.format("%a %Y-%m-%d").to_string(),
            u.kind.to_string(),
            u.client
                .as_ref()
                .map(|c| c.name.clone())
                .unwrap_or_default(),
            u.message.clone(),
        ]);
    }
    if items.is_empty() && ctx.out.tty {
        return ctx.out.line(&format!(
            "nothing in the next {}",
            crate::words::count(a.days as i64, "day", "days")
        ));
    }
    ctx.out.table(&t)
}

/// Writes a generated sample into a new ledger at `path`, in one transaction.
fn write_sample(store: &mut Store, sample: &demo::Sample) -> Result<()> {
    store.write(|w| {
        w.skip_journal();
        let mut ids: HashMap<i64, (i64, String)> = HashMap::new();
        for c in &sample.clients {
            let stored = w.add_client(c)?;
            ids.insert(c.id, (stored.id, stored.name));
        }
        // In client order, so rows append to the clustered table instead of landing at random.
        let mut order: Vec<&Entry> = sample.entries.iter().collect();
        order.sort_by_key(|e| (e.client.id, e.date));
        for e in order {
            let Some((id, name)) = ids.get(&e.client.id) else {
                continue;
            };
            let mut e: Entry = e.clone();
            e.client.id = *id;
            e.client.name.clone_from(name);
            w.insert_entry(&e)?;
        }
        Ok(())
    })
}

pub fn demo(ctx: &mut Ctx, a: DemoArgs, db: Option<&Path>) -> Result<()> {
    let as_of = ctx.past(a.as_of)?;
    let sample = match a.entries {
        Some(m) => demo::large(a.seed, as_of, a.clients, m),
        None => demo::sample(a.seed, as_of, a.clients),
    };
    if let Some(path) = db {
        if path.exists() {
            bail!(
                "{} already exists; demo writes only a new ledger (pick another path)",
                path.display()
            );
        }
        // A half-made demo ledger is of no use to anyone: it appears whole or not at all.
        Store::create_whole(path, |store| write_sample(store, &sample))?;
        let clients: Vec<&Client> = sample.clients.iter().collect();
        return ctx.out.show(
            || serde_json::json!({"db": path.display().to_string(), "clients": clients.len(), "entries": sample.entries.len()}),
            || {
                format!(
                    "wrote a sample ledger to {}: {}, {}",
                    path.display(),
                    crate::words::count(clients.len() as i64, "client", "clients"),
                    crate::words::count(sample.entries.len() as i64, "entry", "entries")
                )
            },
        );
    }
    let dir = tempfile::tempdir().context("cannot make a folder for the demo ledger")?;
    let path = dir.path().join("demo.db");
    write_sample(&mut Store::open_write(&path)?, &sample)?;
    let store = Store::open_read(&path)?;
    let clients = store.clients()?;
    let report = build(&store, &clients, Period::week_of(as_of), as_of)?;
    print(ctx, &report, ReportFormat::Table)
}
