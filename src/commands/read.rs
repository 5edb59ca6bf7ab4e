//! Reading: timeline, commitments, incidents. They open the ledger read-only.

use std::collections::HashSet;

use anyhow::Result;
use serde_json::Value;

use super::{Ctx, resolve_client};
use crate::cli;
use crate::model::{Entry, Kind, Status};
use crate::parse::DateContext;
use crate::render::{Fit, Table};
use crate::store::{EntryFilter, Ledger};

fn client_id(store: &dyn Ledger, query: Option<&str>) -> Result<Option<i64>> {
    query.map(|q| Ok(resolve_client(store, q)?.id)).transpose()
}

fn print_entries(ctx: &mut Ctx, entries: &[Entry], table: Table) -> Result<()> {
    if ctx.out.json {
        return ctx
            .out
            .json(&Value::Array(entries.iter().map(Entry::to_json).collect()));
    }
    print_table(ctx, entries.is_empty(), table)
}

fn print_table(ctx: &mut Ctx, empty: bool, table: Table) -> Result<()> {
    if empty && ctx.out.tty {
        return ctx
            .out
            .line(&crate::i18n::t(crate::i18n::Msg::NothingFound, &[]));
    }
    ctx.out.table(&table)
}

pub fn timeline(ctx: &mut Ctx, a: cli::Timeline) -> Result<()> {
    let since = ctx.opt_past(a.since)?;
    let until = ctx.opt_past(a.until)?;
    let store = ctx.read()?;
    let entries = store.entries(&EntryFilter {
        client: client_id(&*store, a.client.as_deref())?,
        kinds: a.kinds,
        since,
        until,
        include_void: true,
        include_archived: false,
        limit: a.limit,
    })?;
    let tty = ctx.out.tty;
    // Who recorded each entry: always in a pipe (the last column, so that scripts cutting by
    // position keep working), on a screen only when the entries shown were recorded by more
    // than one person (a freelancer alone would get a column that always says the same).
    let by = !tty || recorders(&entries) > 1;
    let mut headers = vec!["id", "date", "client", "kind", "what"];
    if by {
        headers.push("by");
    }
    let mut t = Table::new(headers).free(&["client", "what", "by"], Fit::Cut);
    for e in &entries {
        let mut row = vec![
            format!("#{}", e.id),
            e.date.to_string(),
            e.client.name.clone(),
            e.kind.to_string(),
            if tty {
                crate::render::summary(e)
            } else {
                e.summary_details()
            },
        ];
        if by {
            row.push(match (&e.recorded_by, tty) {
                (Some(name), _) => name.clone(),
                (None, true) => crate::i18n::word("unknown").to_string(),
                (None, false) => String::new(),
            });
        }
        t.row(row);
    }
    print_entries(ctx, &entries, t)
}

/// How many different people recorded `entries` (those not known not counted).
fn recorders(entries: &[Entry]) -> usize {
    entries
        .iter()
        .filter_map(|e| e.recorded_by.as_deref())
        .collect::<HashSet<&str>>()
        .len()
}

/// The ids of the archived clients: their open items stay listed, marked archived.
fn archived_ids(store: &dyn Ledger) -> Result<HashSet<i64>> {
    Ok(store
        .clients()?
        .into_iter()
        .filter(|c| c.archived)
        .map(|c| c.id)
        .collect())
}

/// The client cell of a listed entry: its name, marked when the client is archived.
fn client_cell(e: &Entry, archived: &HashSet<i64>, tty: bool) -> String {
    if archived.contains(&e.client.id) {
        let mark = if tty {
            crate::i18n::t(crate::i18n::Msg::ArchivedMark, &[])
        } else {
            "(archived)".to_string()
        };
        format!("{} {mark}", e.client.name)
    } else {
        e.client.name.clone()
    }
}

/// The listed entries as JSON: each entry's object, its client marked `archived` or not, and
/// whatever `extra` adds.
fn entries_json(
    entries: &[Entry],
    archived: &HashSet<i64>,
    extra: impl Fn(&Entry, &mut serde_json::Map<String, Value>),
) -> Value {
    Value::Array(
        entries
            .iter()
            .map(|e| {
                let mut v = e.to_json();
                if let Some(o) = v.as_object_mut() {
                    if let Some(c) = o.get_mut("client").and_then(Value::as_object_mut) {
                        c.insert("archived".into(), archived.contains(&e.client.id).into());
                    }
                    extra(e, o);
                }
                v
            })
            .collect(),
    )
}

pub fn commitments(ctx: &mut Ctx, a: cli::Commitments) -> Result<()> {
    let store = ctx.read()?;
    let archived = archived_ids(&*store)?;
    let horizon = a
        .due_within
        .map(|n| {
            ctx.date(
                Some(crate::parse::DateSpec::DaysFromToday(n.into())),
                DateContext::Future,
            )
        })
        .transpose()?;
    let mut entries: Vec<Entry> = store
        .entries(&EntryFilter {
            client: client_id(&*store, a.client.as_deref())?,
            kinds: vec![Kind::Commitment],
            include_archived: true,
            ..Default::default()
        })?
        .into_iter()
        .filter(|e| {
            let open = e.status() == Some(Status::Open);
            let due = e.current_due();
            // An archived client's commitments are listed while they are open (and whenever
            // that client is asked for by name).
            (open || a.client.is_some() || !archived.contains(&e.client.id))
                && (!a.open || open)
                && (!a.overdue || (open && due.is_some_and(|d| d < ctx.today)))
                && horizon.is_none_or(|h| open && due.is_some_and(|d| d <= h))
        })
        .collect();
    entries.sort_by_key(|e| (e.current_due(), e.id));
    let today = ctx.today;
    let overdue =
        |e: &Entry| e.status() == Some(Status::Open) && e.current_due().is_some_and(|d| d < today);
    if ctx.out.json {
        let v = entries_json(&entries, &archived, |e, o| {
            o.insert("overdue".into(), overdue(e).into());
        });
        return ctx.out.json(&v);
    }
    // `closed`: the day it was delivered or missed.
    let mut t = Table::new(["id", "client", "what", "agreed", "due", "status", "closed"])
        .free(&["client", "what"], Fit::Wrap);
    for e in &entries {
        let status = if overdue(e) {
            "overdue".to_string()
        } else {
            e.status().map(|s| s.to_string()).unwrap_or_default()
        };
        t.row([
            format!("#{}", e.id),
            client_cell(e, &archived, ctx.out.tty),
            e.description.clone().unwrap_or_default(),
            e.date.to_string(),
            e.current_due().map(|d| d.to_string()).unwrap_or_default(),
            status,
            e.delivered
                .or(e.missed)
                .map(|d| d.to_string())
                .unwrap_or_default(),
        ]);
    }
    print_table(ctx, entries.is_empty(), t)
}

pub fn incidents(ctx: &mut Ctx, a: cli::Incidents) -> Result<()> {
    let store = ctx.read()?;
    let archived = archived_ids(&*store)?;
    let entries: Vec<Entry> = store
        .entries(&EntryFilter {
            client: client_id(&*store, a.client.as_deref())?,
            kinds: vec![Kind::Incident],
            include_archived: true,
            ..Default::default()
        })?
        .into_iter()
        .filter(|e| {
            let open = e.resolved.is_none();
            (open || a.client.is_some() || !archived.contains(&e.client.id)) && (!a.open || open)
        })
        .collect();
    if ctx.out.json {
        return ctx.out.json(&entries_json(&entries, &archived, |_, _| {}));
    }
    let mut t = Table::new([
        "id", "date", "client", "what", "cause", "severity", "informed", "resolved",
    ])
    .free(&["client", "what"], Fit::Wrap);
    // An empty cell is empty: in a pipe, tab-separated cells carry no placeholder.
    let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    for e in &entries {
        t.row([
            format!("#{}", e.id),
            e.date.to_string(),
            client_cell(e, &archived, ctx.out.tty),
            e.description.clone().unwrap_or_default(),
            e.cause.map(|c| c.to_string()).unwrap_or_default(),
            e.severity.map(|c| c.to_string()).unwrap_or_default(),
            day(e.informed),
            day(e.resolved),
        ]);
    }
    print_table(ctx, entries.is_empty(), t)
}
