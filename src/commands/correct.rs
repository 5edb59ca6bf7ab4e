//! Correcting: edit, void, undo. Entries are ledger lines: corrected or voided, never erased.

use anyhow::{Context, Result, bail};

use super::record::money;
use super::{Ctx, config_of, entry_id, resolve_client, show_entry, usage};
use crate::cli;
use crate::i18n::commands::{CmdMsg, day, kind};
use crate::i18n::t;
use crate::model::{Entry, Kind};
use crate::parse::DateContext;

/// Refuses a flag that belongs to another kind of entry.
fn only_for(e: &Entry, flag: &str, given: bool, kinds: &[Kind]) -> Result<()> {
    if given && !kinds.contains(&e.kind) {
        let kinds: Vec<String> = kinds.iter().map(|k| kind(*k)).collect();
        bail!(
            "{}",
            t(
                CmdMsg::OnlyFor,
                &[
                    ("flag", &flag),
                    ("kind", &kind(e.kind)),
                    ("id", &e.id),
                    ("kinds", &kinds.join(&t(CmdMsg::Or, &[]))),
                ]
            )
        );
    }
    Ok(())
}

fn text(s: String) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

pub fn edit(ctx: &mut Ctx, a: cli::Edit) -> Result<()> {
    let id = entry_id(&a.id)?;
    let date = ctx.opt_happened(a.date, CmdMsg::WhatEntry)?;
    let due = a
        .due
        .map(|d| ctx.date(Some(d), DateContext::Future))
        .transpose()?;
    let delivered = ctx.opt_happened(a.delivered, CmdMsg::WhatDelivery)?;
    let informed = ctx.opt_happened(a.informed, CmdMsg::WhatInform)?;
    let resolved = ctx.opt_happened(a.resolved, CmdMsg::WhatResolution)?;
    let mut store = ctx.write()?;
    let e = store.write(|w| {
        let mut e = w
            .entry(id)?
            .with_context(|| t(CmdMsg::NoEntry, &[("id", &id)]))?;
        use Kind::*;
        only_for(&e, "--occasion", a.occasion.is_some(), &[Gift])?;
        only_for(&e, "--cost", a.cost.is_some(), &[Gift])?;
        only_for(&e, "--currency", a.currency.is_some(), &[Gift])?;
        only_for(&e, "--for", a.for_.is_some(), &[Compliment])?;
        only_for(&e, "--channel", a.channel.is_some(), &[Touch])?;
        only_for(&e, "--energy", a.energy.is_some(), &[Touch])?;
        only_for(&e, "--proactive", a.proactive.is_some(), &[Touch])?;
        only_for(&e, "--due", due.is_some(), &[Commitment])?;
        only_for(&e, "--delivered", delivered.is_some(), &[Commitment])?;
        only_for(&e, "--quality", a.quality.is_some(), &[Commitment])?;
        only_for(&e, "--reason", a.reason.is_some(), &[Commitment])?;
        only_for(&e, "--cause", a.cause.is_some(), &[Incident])?;
        only_for(&e, "--severity", a.severity.is_some(), &[Incident])?;
        only_for(&e, "--informed", informed.is_some(), &[Incident])?;
        only_for(&e, "--explained", a.explained.is_some(), &[Incident])?;
        only_for(&e, "--solution", a.solution.is_some(), &[Incident])?;
        only_for(&e, "--resolved", resolved.is_some(), &[Incident])?;
        let before = e.clone();

        if let Some(q) = &a.client {
            let c = resolve_client(w, q)?;
            if c.archived {
                bail!(
                    "{}",
                    t(
                        CmdMsg::ClientArchivedShort,
                        &[("name", &format!("{:?}", c.name))]
                    )
                );
            }
            e.client = c.to_ref();
        }
        if let Some(d) = date {
            e.date = d;
        }
        if let Some(n) = a.note.clone() {
            e.note = text(n);
        }
        if let Some(d) = a.description.clone() {
            e.description = text(d);
            if e.description.is_none() && e.kind != Touch {
                return Err(usage(t(
                    CmdMsg::DescriptionEmpty,
                    &[("kind", &kind(e.kind))],
                )));
            }
        }
        if a.occasion.is_some() {
            e.occasion = a.occasion;
        }
        if let Some(amount) = &a.cost {
            let cfg = config_of(w)?;
            e.cost = Some(money(amount, a.currency.as_deref(), &cfg.currency)?);
        } else if let Some(cur) = &a.currency {
            let Some(old) = e.cost.clone() else {
                return Err(usage(t(CmdMsg::CurrencyNeedsCostEdit, &[])));
            };
            e.cost = Some(money(
                &crate::parse::Amount {
                    cents: old.cents,
                    currency: None,
                },
                Some(cur),
                &old.currency,
            )?);
        }
        if let Some(r) = a.for_.clone() {
            e.reason = text(r);
        }
        if a.channel.is_some() {
            e.channel = a.channel;
        }
        if a.energy.is_some() {
            e.energy = a.energy;
        }
        if let Some(p) = a.proactive {
            e.proactive = p;
        }
        if let Some(d) = due {
            match e.reschedules.last_mut() {
                Some(r) => r.due = d,
                None => e.due = Some(d),
            }
        }
        if let Some(d) = delivered {
            if e.missed.is_some() {
                bail!("{}", t(CmdMsg::MissedNoDelivery, &[("id", &e.id)]));
            }
            e.delivered = Some(d);
        }
        if a.quality.is_some() {
            if e.delivered.is_none() {
                bail!("{}", t(CmdMsg::NotDeliveredQuality, &[("id", &e.id)]));
            }
            e.quality = a.quality;
        }
        if let Some(r) = a.reason.clone() {
            if e.missed.is_none() {
                bail!("{}", t(CmdMsg::NotMissedReason, &[("id", &e.id)]));
            }
            e.missed_reason = text(r);
        }
        if a.cause.is_some() {
            e.cause = a.cause;
        }
        if a.severity.is_some() {
            e.severity = a.severity;
        }
        if informed.is_some() {
            e.informed = informed;
        }
        if let Some(x) = a.explained {
            e.explained = x;
        }
        if let Some(s) = a.solution.clone() {
            e.solution = text(s);
        }
        if resolved.is_some() {
            e.resolved = resolved;
        }
        if e == before {
            return Err(usage(t(CmdMsg::NothingToChange, &[("id", &id)])));
        }
        check_order(&e)?;
        let e = w.update_entry(&e)?;
        w.set_summary(format!("edited {}", e.summary()));
        Ok(e)
    })?;
    show_entry(&mut ctx.out, CmdMsg::Edited, &e)
}

/// Dates that follow an entry cannot come before it.
fn check_order(e: &Entry) -> Result<()> {
    let later = [
        (CmdMsg::OrderDue, e.current_due()),
        (CmdMsg::OrderDelivery, e.delivered),
        (CmdMsg::OrderMissed, e.missed),
        (CmdMsg::OrderInformed, e.informed),
        (CmdMsg::OrderResolved, e.resolved),
    ];
    for (what, d) in later {
        if let Some(d) = d
            && d < e.date
        {
            bail!(
                "{}",
                t(
                    CmdMsg::OrderBefore,
                    &[
                        ("what", &t(what, &[])),
                        ("d", &day(d)),
                        ("date", &day(e.date))
                    ]
                )
            );
        }
    }
    Ok(())
}

pub fn void(ctx: &mut Ctx, a: cli::Void) -> Result<()> {
    let id = entry_id(&a.id)?;
    let mut store = ctx.write()?;
    let e = store.write(|w| {
        let mut e = w
            .entry(id)?
            .with_context(|| t(CmdMsg::NoEntry, &[("id", &id)]))?;
        if e.void {
            bail!("{}", t(CmdMsg::EntryAlreadyVoid, &[("id", &id)]));
        }
        e.void = true;
        e.void_reason = a.reason.clone().and_then(text);
        let e = w.update_entry(&e)?;
        w.set_summary(format!("voided {}", e.summary()));
        Ok(e)
    })?;
    show_entry(&mut ctx.out, CmdMsg::Voided, &e)
}

pub fn undo(ctx: &mut Ctx) -> Result<()> {
    let mut store = ctx.write()?;
    let u = store.undo()?;
    let shown = crate::i18n::commands::undone(&u.summary, &u.entries);
    ctx.out.show(
        || serde_json::json!({"undone": u.summary, "at": u.at}),
        || t(CmdMsg::Undid, &[("summary", &shown), ("at", &u.at)]),
    )
}
