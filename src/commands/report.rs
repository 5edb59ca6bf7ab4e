//! `report`, `upcoming` and `demo`.

use std::collections::HashMap;
use std::path::Path;

use anyhow::{Result, bail};

use chrono::NaiveDate;

use super::scan::{config, scan};
use super::{Ctx, resolve_client, usage};
use crate::cli::{DemoArgs, ReportArgs, ReportFormat, UpcomingArgs};
use crate::demo;
use crate::model::{Client, Entry};
use crate::render::report as text;
use crate::report::{Builder, Period, Report, UpcomingBuilder};
use crate::store::{Ledger, Texts};

/// The error `--fail-below` ends with, after the report is printed.
fn below(report: &Report, n: i64) -> Result<()> {
    let low: Vec<String> = report
        .scores
        .iter()
        .filter(|s| s.overall < n)
        .map(|s| format!("{} ({})", s.client.name, s.overall))
        .collect();
    if !low.is_empty() {
        return Err(super::NeedsAttention(crate::i18n::t(
            if low.len() == 1 {
                crate::i18n::commands::CmdMsg::BelowOne
            } else {
                crate::i18n::commands::CmdMsg::BelowMany
            },
            &[("n", &n), ("list", &low.join(", "))],
        ))
        .into());
    }
    Ok(())
}

fn print(ctx: &mut Ctx, report: &Report, format: Option<ReportFormat>) -> Result<()> {
    let format = match format {
        _ if ctx.out.json => ReportFormat::Json,
        Some(f) => f,
        None if ctx.out.tty => ReportFormat::Table,
        // In a pipe: the sections as tab-separated blocks.
        None => return ctx.out.text(&text::tsv(report)),
    };
    match format {
        ReportFormat::Json => ctx.out.json(&serde_json::to_value(report)?),
        ReportFormat::Table => {
            let (color, width) = (ctx.out.color, ctx.out.width);
            ctx.out.text(&text::table(report, color, width))
        }
        ReportFormat::Markdown => ctx.out.text(&text::markdown(report)),
        ReportFormat::Csv => ctx.out.text(&text::csv(report)?),
    }
}

/// Builds the report over `clients` from the ledger, one client at a time.
fn build(
    store: &dyn Ledger,
    clients: &[Client],
    period: Period,
    as_of: NaiveDate,
) -> Result<Report> {
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
    let (people, gestures) = super::scan::birthdays_of(store, clients)?;
    b.add_birthdays(&people, &gestures);
    b.finish(clients, |id| store.live_entries_of(id))
}

pub fn report(ctx: &mut Ctx, a: ReportArgs) -> Result<()> {
    let as_of = ctx.past(a.as_of)?;
    let default = if a.week {
        Period::week_of(as_of)
    } else {
        Period::days_ending(as_of)
    };
    let since = a.since.map(|s| ctx.past(Some(s))).transpose()?;
    let until = a.until.map(|s| ctx.past(Some(s))).transpose()?;
    let period = match (since, until) {
        (None, None) => default,
        (since, until) => {
            let since = since.unwrap_or(default.since);
            let until = until.unwrap_or(default.until);
            if until < since {
                return Err(usage(crate::i18n::t(
                    crate::i18n::commands::CmdMsg::UntilBeforeSince,
                    &[("until", &until), ("since", &since)],
                )));
            }
            Period::new(since, until)
        }
    };
    let store = ctx.read()?;
    let mut clients: Vec<Client> = store
        .clients()?
        .into_iter()
        .filter(|c| !c.archived)
        .collect();
    if let Some(q) = &a.client {
        let c = resolve_client(&*store, q)?;
        if c.archived {
            bail!(
                "{}",
                crate::i18n::t(
                    crate::i18n::commands::CmdMsg::ReportArchived,
                    &[("name", &format!("{:?}", c.name)), ("id", &c.id)]
                )
            );
        }
        clients.retain(|x| x.id == c.id);
    }
    let report = build(&*store, &clients, period, as_of)?;
    print(ctx, &report, a.format)?;
    match a.fail_below {
        Some(n) => below(&report, n),
        None => Ok(()),
    }
}

/// `relaties` alone: the report's "Needs attention" and "Coming up" (like `task` alone), or
/// a short welcome when there is no ledger yet.
pub fn overview(ctx: &mut Ctx) -> Result<()> {
    if let Some(path) = ctx.location().file()
        && crate::store::files::inspect(path)? == crate::store::files::Found::Nothing
    {
        let path = path.to_path_buf();
        return ctx.out.show(
            || serde_json::json!({"ledger": null, "attention": [], "upcoming": []}),
            || text::welcome(&path).trim_end().to_string(),
        );
    }
    let as_of = ctx.today;
    let store = ctx.read()?;
    let clients: Vec<Client> = store
        .clients()?
        .into_iter()
        .filter(|c| !c.archived)
        .collect();
    let report = build(&*store, &clients, Period::days_ending(as_of), as_of)?;
    if ctx.out.json {
        return ctx.out.json(&serde_json::json!({
            "ledger": store.name(),
            "attention": report.attention,
            "upcoming": report.upcoming,
        }));
    }
    if !ctx.out.tty {
        // The same blocks as the report's in a pipe.
        return ctx.out.text(&text::tsv_overview(&report));
    }
    let width = ctx.out.width;
    ctx.out.text(&text::overview(&report, width))
}

pub fn upcoming(ctx: &mut Ctx, a: UpcomingArgs) -> Result<()> {
    let as_of = ctx.past(a.as_of)?;
    let store = ctx.read()?;
    let cfg = config(&*store)?;
    // Archived clients too: their open commitments stay in view, marked archived.
    let clients: Vec<Client> = store.clients()?;
    let mut b = UpcomingBuilder::new(&cfg, as_of, a.days);
    for part in scan(
        &*store,
        &clients,
        Texts::OpenItems,
        || b.part(),
        |u, c, entries| u.add(c, entries),
    )? {
        b.merge(part);
    }
    let (people, gestures) = super::scan::birthdays_of(&*store, &clients)?;
    b.add_birthdays(&people, &gestures);
    let items = b.finish();
    if ctx.out.json {
        return ctx.out.json(&serde_json::to_value(&items)?);
    }
    let mut t = crate::render::Table::new(["date", "kind", "client", "what"])
        .free(&["client", "what"], crate::render::Fit::Wrap);
    let shown = ctx.out.tty && crate::i18n::lang() == crate::i18n::Lang::Nl;
    for u in &items {
        t.row([
            if shown {
                format!(
                    "{} {}",
                    crate::i18n::format::weekday_day(u.date, crate::i18n::Lang::Nl)
                        .split(' ')
                        .next()
                        .unwrap_or_default(),
                    u.date
                )
            } else {
                u.date.format("%a %Y-%m-%d").to_string()
            },
            u.kind.to_string(),
            u.client
                .as_ref()
                .map(|c| c.name.clone())
                .unwrap_or_default(),
            if ctx.out.tty {
                let client = u.client.as_ref().map_or("", |c| c.name.as_str());
                crate::render::report::said(&u.message, &u.said, client).into_owned()
            } else {
                u.message.clone()
            },
        ]);
    }
    if items.is_empty() && ctx.out.tty {
        let days = crate::i18n::plural(
            a.days as i64,
            crate::i18n::Msg::Day1,
            crate::i18n::Msg::DayN,
            &[],
        );
        return ctx.out.line(&crate::i18n::t(
            crate::i18n::Msg::NothingInNext,
            &[("days", &days)],
        ));
    }
    ctx.out.table(&t)
}

/// Writes a generated sample into a new ledger at `path`, in one transaction.
fn write_sample(store: &mut dyn Ledger, sample: &demo::Sample) -> Result<()> {
    store.write(|w| {
        w.skip_journal();
        // A generated ledger was recorded by nobody: its screens are the same for everyone.
        w.keep_recorded_by();
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
        let loc = crate::store::Location::of(path.to_path_buf());
        let taken = match &loc {
            crate::store::Location::File(p) => p.exists(),
            // A team ledger (made by `team init`) is filled only while it is empty.
            crate::store::Location::Server(_) => {
                !crate::store::open(&loc, crate::store::Mode::Read)?
                    .clients()?
                    .is_empty()
            }
        };
        if taken {
            bail!(
                "{}",
                crate::i18n::t(
                    crate::i18n::commands::CmdMsg::DemoExists,
                    &[("path", &ctx.location_name())]
                )
            );
        }
        // A half-made demo ledger is of no use to anyone: it appears whole or not at all.
        crate::store::create_whole(&loc, |store| write_sample(store, &sample))?;
        let path = ctx.location_name();
        let clients: Vec<&Client> = sample.clients.iter().collect();
        return ctx.out.show(
            || serde_json::json!({"db": path, "clients": clients.len(), "entries": sample.entries.len()}),
            || {
                use crate::i18n::{Msg, plural};
                crate::i18n::t(
                    crate::i18n::commands::CmdMsg::DemoWrote,
                    &[
                        ("path", &path),
                        (
                            "clients",
                            &plural(clients.len() as i64, Msg::Client1, Msg::ClientN, &[]),
                        ),
                        (
                            "entries",
                            &plural(
                                sample.entries.len() as i64,
                                Msg::Entry1,
                                Msg::EntryN,
                                &[],
                            ),
                        ),
                    ],
                )
            },
        );
    }
    let mut scratch = crate::store::Scratch::new()?;
    write_sample(&mut *scratch.ledger, &sample)?;
    let store = scratch.reader()?;
    let clients = store.clients()?;
    let report = build(&*store, &clients, Period::days_ending(as_of), as_of)?;
    print(ctx, &report, None)
}
