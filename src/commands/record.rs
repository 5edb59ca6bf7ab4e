//! Recording: log-gift, log-compliment, log-milestone, log-touch, promise, deliver, miss,
//! reschedule, log-incident, inform, resolve. Each is one write transaction.

use anyhow::{Result, bail};
use chrono::{Months, NaiveDate};

use super::{Ctx, config_of, find_entry, resolve_client, show_entry, usage};
use crate::cli;
use crate::config::currency_code;
use crate::i18n::commands::{CmdMsg, day, kind};
use crate::i18n::t;
use crate::model::{Entry, Kind, Money, Reschedule};
use crate::parse::DateContext;
use crate::render::warn;
use crate::store::Txn;

/// Text that must say something: a description, a compliment, what was promised.
fn required(what: CmdMsg, s: &str) -> Result<String> {
    let text = s.trim();
    if text.is_empty() {
        return Err(usage(t(CmdMsg::CannotBeEmpty, &[("what", &t(what, &[]))])));
    }
    Ok(text.to_string())
}

/// Optional text; empty means none.
fn optional(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

/// A later note (on deliver, miss, reschedule, inform, resolve) adds a dated line to what
/// the entry's note already says; only `edit --note` replaces it.
fn add_note(e: &mut Entry, date: NaiveDate, note: Option<String>) {
    if let Some(n) = optional(note) {
        let line = format!("{date}: {n}");
        e.note = Some(match e.note.take().filter(|old| !old.is_empty()) {
            Some(old) => format!("{old}\n{line}"),
            None => line,
        });
    }
}

/// Starts an entry for the client a reference names, dated as given.
fn new_entry(w: &dyn Txn, client: &str, kind: Kind, date: NaiveDate) -> Result<Entry> {
    let c = resolve_client(w, client)?;
    if c.archived {
        bail!(
            "{}",
            t(
                CmdMsg::ClientIsArchived,
                &[("name", &format!("{:?}", c.name)), ("id", &c.id)]
            )
        );
    }
    Ok(Entry::new(kind, c.to_ref(), date))
}

/// Records `e`, journalled under its summary.
fn add(w: &mut dyn Txn, e: &Entry) -> Result<Entry> {
    let e = w.add_entry(e)?;
    w.set_summary(format!("recorded {}", e.summary()));
    Ok(e)
}

/// Records `e` (a gift or compliment), for the contact person `for_contact` names when given.
fn add_for(w: &mut dyn Txn, e: &Entry, for_contact: Option<&str>) -> Result<Entry> {
    let person = for_contact
        .map(|q| super::contact::person_at(w, e.client.id, q))
        .transpose()?;
    let e = add(w, e)?;
    if let Some(p) = person {
        w.link_contact(e.id, p.id)?;
    }
    Ok(e)
}

/// The cost of a gift: the amount's own currency symbol, else --currency, else the default.
pub fn money(amount: &crate::parse::Amount, flag: Option<&str>, default: &str) -> Result<Money> {
    let flag = flag
        .map(|f| {
            currency_code(f)
                .ok_or_else(|| usage(t(CmdMsg::InvalidCurrency, &[("f", &format!("{f:?}"))])))
        })
        .transpose()?;
    let currency = match (&amount.currency, flag) {
        (Some(a), Some(f)) if *a != f => {
            return Err(usage(t(CmdMsg::CurrencyConflict, &[("a", a), ("f", &f)])));
        }
        (Some(a), _) => a.clone(),
        (None, Some(f)) => f,
        (None, None) => default.to_string(),
    };
    Ok(Money {
        cents: amount.cents,
        currency,
    })
}

pub fn log_gift(ctx: &mut Ctx, a: cli::LogGift) -> Result<()> {
    let date = ctx.happened(a.common.date, CmdMsg::WhatGift)?;
    let description = required(CmdMsg::WhatGiftDescription, &a.description)?;
    let mut store = ctx.write()?;
    let (e, repeat) = store.write(|w| {
        let cfg = config_of(w)?;
        let mut e = new_entry(w, &a.client, Kind::Gift, date)?;
        e.description = Some(description.clone());
        e.occasion = a.occasion;
        e.cost = match &a.cost {
            Some(amount) => Some(money(amount, a.currency.as_deref(), &cfg.currency)?),
            None if a.currency.is_some() => return Err(usage(t(CmdMsg::CurrencyNeedsCost, &[]))),
            None => None,
        };
        e.note = optional(a.common.note.clone());
        let year_ago = date.checked_sub_months(Months::new(12)).unwrap_or(date);
        let repeat = w.same_gift_since(e.client.id, &description, year_ago)?;
        let e = add_for(w, &e, a.for_contact.as_deref())?;
        Ok((e, repeat))
    })?;
    if let Some(when) = repeat {
        warn(
            &ctx.out,
            &t(
                CmdMsg::RepeatGift,
                &[
                    ("client", &e.client.name),
                    ("gift", &format!("{description:?}")),
                    ("when", &day(when)),
                ],
            ),
        );
    }
    show_entry(&mut ctx.out, CmdMsg::Recorded, &e)
}

pub fn log_compliment(ctx: &mut Ctx, a: cli::LogCompliment) -> Result<()> {
    let date = ctx.happened(a.common.date, CmdMsg::WhatCompliment)?;
    let text = required(CmdMsg::WhatComplimentText, &a.text)?;
    let mut store = ctx.write()?;
    let e = store.write(|w| {
        let mut e = new_entry(w, &a.client, Kind::Compliment, date)?;
        e.description = Some(text.clone());
        e.reason = optional(a.for_.clone());
        e.note = optional(a.common.note.clone());
        let e = add_for(w, &e, a.for_contact.as_deref())?;
        Ok(e)
    })?;
    show_entry(&mut ctx.out, CmdMsg::Recorded, &e)
}

pub fn log_milestone(ctx: &mut Ctx, a: cli::LogMilestone) -> Result<()> {
    let date = ctx.happened(a.common.date, CmdMsg::WhatMilestone)?;
    let text = required(CmdMsg::WhatMilestoneText, &a.text)?;
    let mut store = ctx.write()?;
    let e = store.write(|w| {
        let mut e = new_entry(w, &a.client, Kind::Milestone, date)?;
        e.description = Some(text.clone());
        e.note = optional(a.common.note.clone());
        add(w, &e)
    })?;
    show_entry(&mut ctx.out, CmdMsg::Recorded, &e)
}

pub fn log_touch(ctx: &mut Ctx, a: cli::LogTouch) -> Result<()> {
    let date = ctx.happened(a.common.date, CmdMsg::WhatTouch)?;
    let mut store = ctx.write()?;
    let e = store.write(|w| {
        let mut e = new_entry(w, &a.client, Kind::Touch, date)?;
        e.description = optional(a.text.clone());
        e.channel = a.channel;
        e.energy = a.energy;
        e.proactive = a.proactive;
        e.note = optional(a.common.note.clone());
        add(w, &e)
    })?;
    show_entry(&mut ctx.out, CmdMsg::Recorded, &e)
}

pub fn promise(ctx: &mut Ctx, a: cli::Promise) -> Result<()> {
    let date = ctx.happened(a.date, CmdMsg::WhatAgreed)?;
    let due = ctx.date(Some(a.due), DateContext::Future)?;
    let what = required(CmdMsg::WhatPromised, &a.what)?;
    if due < date {
        return Err(usage(t(
            CmdMsg::DueBeforeAgreed,
            &[("due", &day(due)), ("date", &day(date))],
        )));
    }
    let mut store = ctx.write()?;
    let e = store.write(|w| {
        let mut e = new_entry(w, &a.client, Kind::Commitment, date)?;
        e.description = Some(what.clone());
        e.due = Some(due);
        e.note = optional(a.note.clone());
        add(w, &e)
    })?;
    show_entry(&mut ctx.out, CmdMsg::Recorded, &e)
}

/// A commitment that is still open: neither delivered nor missed.
fn open_commitment(w: &dyn Txn, id: &str) -> Result<Entry> {
    let e = find_entry(w, id, Some(Kind::Commitment))?;
    if let Some(d) = e.delivered {
        bail!(
            "{}",
            t(CmdMsg::AlreadyDelivered, &[("id", &e.id), ("d", &day(d))])
        );
    }
    if let Some(d) = e.missed {
        bail!(
            "{}",
            t(CmdMsg::MarkedMissed, &[("id", &e.id), ("d", &day(d))])
        );
    }
    Ok(e)
}

fn not_before(what: CmdMsg, date: NaiveDate, e: &Entry) -> Result<()> {
    if date < e.date {
        bail!(
            "{}",
            t(
                CmdMsg::NotBefore,
                &[
                    ("what", &t(what, &[])),
                    ("d", &day(date)),
                    ("kind", &kind(e.kind)),
                    ("id", &e.id),
                    ("own", &day(e.date)),
                ]
            )
        );
    }
    Ok(())
}

/// Stores a changed entry, journalled under `verb` and its summary.
fn update(w: &mut dyn Txn, verb: &str, e: &Entry) -> Result<Entry> {
    let e = w.update_entry(e)?;
    w.set_summary(format!("{verb} {}", e.summary()));
    Ok(e)
}

pub fn deliver(ctx: &mut Ctx, a: cli::Deliver) -> Result<()> {
    let date = ctx.happened(a.common.date, CmdMsg::WhatDelivery)?;
    let mut store = ctx.write()?;
    let e = store.write(|w| {
        let mut e = open_commitment(w, &a.id)?;
        not_before(CmdMsg::WhatDeliveryDate, date, &e)?;
        e.delivered = Some(date);
        e.quality = a.quality;
        add_note(&mut e, date, a.common.note.clone());
        update(w, "delivered", &e)
    })?;
    show_entry(&mut ctx.out, CmdMsg::Delivered, &e)
}

pub fn miss(ctx: &mut Ctx, a: cli::Miss) -> Result<()> {
    let date = ctx.happened(a.common.date, CmdMsg::WhatMiss)?;
    let mut store = ctx.write()?;
    let e = store.write(|w| {
        let mut e = open_commitment(w, &a.id)?;
        not_before(CmdMsg::WhatTheDate, date, &e)?;
        e.missed = Some(date);
        e.missed_reason = optional(a.reason.clone());
        add_note(&mut e, date, a.common.note.clone());
        update(w, "missed", &e)
    })?;
    show_entry(&mut ctx.out, CmdMsg::Missed, &e)
}

pub fn reschedule(ctx: &mut Ctx, a: cli::Reschedule) -> Result<()> {
    let date = ctx.happened(a.date, CmdMsg::WhatReschedule)?;
    let due = ctx.date(Some(a.due), DateContext::Future)?;
    let mut store = ctx.write()?;
    let e = store.write(|w| {
        let mut e = open_commitment(w, &a.id)?;
        not_before(CmdMsg::WhatRescheduleDate, date, &e)?;
        if due < e.date {
            return Err(usage(t(
                CmdMsg::NewDueBeforeAgreed,
                &[("due", &day(due)), ("date", &day(e.date))],
            )));
        }
        if e.current_due() == Some(due) {
            bail!(
                "{}",
                t(CmdMsg::AlreadyDue, &[("id", &e.id), ("due", &day(due))])
            );
        }
        e.reschedules.push(Reschedule {
            date,
            due,
            agreed: a.agreed,
        });
        add_note(&mut e, date, a.note.clone());
        update(w, "rescheduled", &e)
    })?;
    show_entry(&mut ctx.out, CmdMsg::Rescheduled, &e)
}

pub fn log_incident(ctx: &mut Ctx, a: cli::LogIncident) -> Result<()> {
    let date = ctx.happened(a.common.date, CmdMsg::WhatIncident)?;
    let informed = ctx.opt_happened(a.informed, CmdMsg::WhatInforming)?;
    let what = required(CmdMsg::WhatWentWrong, &a.what)?;
    if let Some(i) = informed
        && i < date
    {
        return Err(usage(t(
            CmdMsg::InformedBeforeIncident,
            &[("i", &day(i)), ("date", &day(date))],
        )));
    }
    let mut store = ctx.write()?;
    let e = store.write(|w| {
        let mut e = new_entry(w, &a.client, Kind::Incident, date)?;
        e.description = Some(what.clone());
        e.cause = a.cause;
        e.severity = a.severity;
        e.informed = informed;
        e.explained = a.explained;
        e.solution = optional(a.solution.clone());
        e.note = optional(a.common.note.clone());
        add(w, &e)
    })?;
    show_entry(&mut ctx.out, CmdMsg::Recorded, &e)
}

pub fn inform(ctx: &mut Ctx, a: cli::Inform) -> Result<()> {
    let date = ctx.happened(a.common.date, CmdMsg::WhatInform)?;
    let mut store = ctx.write()?;
    let e = store.write(|w| {
        let mut e = find_entry(w, &a.id, Some(Kind::Incident))?;
        if let Some(d) = e.informed {
            if !a.explained || e.explained {
                bail!(
                    "{}",
                    t(CmdMsg::AlreadyInformed, &[("id", &e.id), ("d", &day(d))])
                );
            }
        } else {
            not_before(CmdMsg::WhatTheDate, date, &e)?;
            e.informed = Some(date);
        }
        e.explained |= a.explained;
        add_note(&mut e, date, a.common.note.clone());
        update(w, "informed client of", &e)
    })?;
    show_entry(&mut ctx.out, CmdMsg::Informed, &e)
}

pub fn resolve(ctx: &mut Ctx, a: cli::Resolve) -> Result<()> {
    let date = ctx.happened(a.common.date, CmdMsg::WhatResolution)?;
    let mut store = ctx.write()?;
    let e = store.write(|w| {
        let mut e = find_entry(w, &a.id, Some(Kind::Incident))?;
        if let Some(d) = e.resolved {
            bail!(
                "{}",
                t(CmdMsg::AlreadyResolved, &[("id", &e.id), ("d", &day(d))])
            );
        }
        not_before(CmdMsg::WhatTheDate, date, &e)?;
        e.resolved = Some(date);
        if let Some(s) = optional(a.solution.clone()) {
            e.solution = Some(s);
        }
        add_note(&mut e, date, a.common.note.clone());
        update(w, "resolved", &e)
    })?;
    show_entry(&mut ctx.out, CmdMsg::Resolved, &e)
}
