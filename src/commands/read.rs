//! Reading: timeline, commitments, incidents. They open the ledger read-only.

use anyhow::Result;
use serde_json::Value;

use super::{Ctx, resolve_client};
use crate::cli;
use crate::model::{Entry, Kind, Status};
use crate::parse::DateContext;
use crate::render::{Fit, Table};
use crate::store::{EntryFilter, Store};

fn client_id(store: &Store, query: Option<&str>) -> Result<Option<i64>> {
    query.map(|q| Ok(resolve_client(store, q)?.id)).transpose()
}

fn print_entries(ctx: &mut Ctx, entries: &[Entry], table: Table) -> Result<()> {
    if ctx.out.json {
        return ctx
            .out
            .json(&Value::Array(entries.iter().map(Entry::to_json).collect()));
    }
    if entries.is_empty() && ctx.out.tty {
        return ctx.out.line("nothing found");
    }
    ctx.out.table(&table)
}

pub fn timeline(ctx: &mut Ctx, a: cli::Timeline) -> Result<()> {
    let since = ctx.opt_past(a.since)?;
    let until = ctx.opt_past(a.until)?;
    let store = ctx.read()?;
    let entries = store.entries(&EntryFilter {
        client: client_id(&store, a.client.as_deref())?,
        kinds: a.kinds,
        since,
        until,
        include_void: true,
        include_archived: false,
        limit: a.limit,
    })?;
    let mut t =
        Table::new(["id", "date", "client", "kind", "what"]).free(&["client", "what"], Fit::Cut);
    for e in &entries {
        t.row([
            format!("#{}", e.id),
            e.date.to_string(),
            e.client.name.clone(),
            e.kind.to_string(),
            e.summary_details(),
        ]);
    }
    print_entries(ctx, &entries, t)
}

pub fn commitments(ctx: &mut Ctx, a: cli::Commitments) -> Result<()> {
    let store = ctx.read()?;
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
            client: client_id(&store, a.client.as_deref())?,
            kinds: vec![Kind::Commitment],
            ..Default::default()
        })?
        .into_iter()
        .filter(|e| {
            let open = e.status() == Some(Status::Open);
            let due = e.current_due();
            (!a.open || open)
                && (!a.overdue || (open && due.is_some_and(|d| d < ctx.today)))
                && horizon.is_none_or(|h| open && due.is_some_and(|d| d <= h))
        })
        .collect();
    entries.sort_by_key(|e| (e.current_due(), e.id));
    let mut t = Table::new([
        "id",
        "client",
        "what",
        "agreed",
        "due",
        "status",
        "delivered",
    ])
    .free(&["client", "what"], Fit::Wrap);
    for e in &entries {
        let status = match e.status() {
            Some(Status::Open) if e.current_due().is_some_and(|d| d < ctx.today) => {
                "overdue".to_string()
            }
            s => s.map(|s| s.to_string()).unwrap_or_default(),
        };
        t.row([
            format!("#{}", e.id),
            e.client.name.clone(),
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
    print_entries(ctx, &entries, t)
}

pub fn incidents(ctx: &mut Ctx, a: cli::Incidents) -> Result<()> {
    let store = ctx.read()?;
    let entries: Vec<Entry> = store
        .entries(&EntryFilter {
            client: client_id(&store, a.client.as_deref())?,
            kinds: vec![Kind::Incident],
            ..Default::default()
        })?
        .into_iter()
        .filter(|e| !a.open || e.resolved.is_none())
        .collect();
    let mut t = Table::new([
        "id", "date", "client", "what", "cause", "severity", "informed", "resolved",
    ])
    .free(&["client", "what"], Fit::Wrap);
    let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_else(|| "-".into());
    for e in &entries {
        t.row([
            format!("#{}", e.id),
            e.date.to_string(),
            e.client.name.clone(),
            e.description.clone().unwrap_or_default(),
            e.cause.map(|c| c.to_string()).unwrap_or_default(),
            e.severity.map(|c| c.to_string()).unwrap_or_default(),
            day(e.informed),
            day(e.resolved),
        ]);
    }
    print_entries(ctx, &entries, t)
}
