//! `contact add|list|edit|remove`: the people at each client. Each write is one transaction
//! and can be undone.

use crate::i18n::commands::CmdMsg;
use crate::i18n::t;
use anyhow::{Context, Result, bail};
use serde_json::Value;

use super::{Ctx, resolve_client, usage};
use crate::cli::{ContactAdd, ContactCmd, ContactEdit, ContactFields, ContactId, ContactList};
use crate::model::{Birthday, Contact};
use crate::parse::{fold, parse_id};
use crate::render::{Fit, Table};
use crate::store::Txn;

pub fn run(ctx: &mut Ctx, c: ContactCmd) -> Result<()> {
    match c {
        ContactCmd::Add(a) => add(ctx, a),
        ContactCmd::List(a) => list(ctx, a),
        ContactCmd::Edit(a) => edit(ctx, a),
        ContactCmd::Remove(a) => remove(ctx, a),
    }
}

/// A person's name: something, on one line.
fn check_name(name: &str) -> Result<String> {
    let n = name.trim();
    if n.is_empty() {
        return Err(usage(t(CmdMsg::ContactNameEmpty, &[])));
    }
    if n.chars().any(char::is_control) {
        return Err(usage(t(
            CmdMsg::NameControl,
            &[("name", &format!("{n:?}"))],
        )));
    }
    if n.chars().count() > 200 {
        return Err(usage(t(CmdMsg::NameLong, &[])));
    }
    Ok(n.to_string())
}

fn birthday(s: &str) -> Result<Option<Birthday>> {
    if s.trim().is_empty() {
        return Ok(None);
    }
    Birthday::parse(s)
        .map(Some)
        .ok_or_else(|| usage(t(CmdMsg::InvalidBirthday, &[("s", &format!("{s:?}"))])))
}

/// Addresses and numbers as typed, without empty ones; None when none was given.
fn list_of(v: Vec<String>) -> Option<Vec<String>> {
    if v.is_empty() {
        return None;
    }
    Some(
        v.into_iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect(),
    )
}

fn text(s: Option<String>) -> Option<Option<String>> {
    s.map(|s| Some(s.trim().to_string()).filter(|s| !s.is_empty()))
}

/// Applies the fields given (an empty value clears one; a repeated list replaces the list).
fn apply(p: &mut Contact, f: ContactFields) -> Result<()> {
    if let Some(r) = text(f.role) {
        p.role = r;
    }
    if let Some(e) = list_of(f.emails) {
        p.emails = e;
    }
    if let Some(ph) = list_of(f.phones) {
        p.phones = ph;
    }
    if let Some(b) = f.birthday {
        p.birthday = birthday(&b)?;
    }
    if let Some(n) = text(f.note) {
        p.note = n;
    }
    Ok(())
}

fn show(ctx: &mut Ctx, verb: CmdMsg, p: &Contact) -> Result<()> {
    ctx.out.show(
        || p.to_json(),
        || {
            t(
                verb,
                &[("id", &p.id), ("name", &p.name), ("client", &p.client.name)],
            )
        },
    )
}

fn add(ctx: &mut Ctx, a: ContactAdd) -> Result<()> {
    let name = check_name(&a.name)?;
    let mut store = ctx.write()?;
    let p = store.write(|w| {
        let c = resolve_client(w, &a.client)?;
        let mut p = Contact::new(c.to_ref(), name.clone());
        apply(&mut p, a.fields.clone())?;
        let p = w.add_contact(&p)?;
        w.set_summary(format!("added contact #{} {} at {}", p.id, p.name, c.name));
        Ok(p)
    })?;
    show(ctx, CmdMsg::ContactAdded, &p)
}

/// The contact person an id names.
fn find(w: &dyn Txn, id: &str) -> Result<Contact> {
    let n = parse_id(id)
        .ok_or_else(|| usage(t(CmdMsg::NotAContactId, &[("id", &format!("{id:?}"))])))?;
    w.contact(n)?
        .with_context(|| t(CmdMsg::NoContactId, &[("id", &n)]))
}

fn edit(ctx: &mut Ctx, a: ContactEdit) -> Result<()> {
    let name = a.name.as_deref().map(check_name).transpose()?;
    let mut store = ctx.write()?;
    let p = store.write(|w| {
        let mut p = find(w, &a.id)?;
        if let Some(n) = name.clone() {
            p.name = n;
        }
        if let Some(c) = &a.client {
            p.client = resolve_client(w, c)?.to_ref();
        }
        apply(&mut p, a.fields.clone())?;
        let p = w.update_contact(&p)?;
        w.set_summary(format!("edited contact #{} {}", p.id, p.name));
        Ok(p)
    })?;
    show(ctx, CmdMsg::ContactEdited, &p)
}

fn remove(ctx: &mut Ctx, a: ContactId) -> Result<()> {
    let mut store = ctx.write()?;
    let p = store.write(|w| {
        let p = find(w, &a.id)?;
        w.remove_contact(p.id)?;
        w.set_summary(format!("removed contact #{} {}", p.id, p.name));
        Ok(p)
    })?;
    show(ctx, CmdMsg::ContactRemoved, &p)
}

/// The people as a table (also for `client show`).
pub fn table(people: &[Contact], with_client: bool) -> Table {
    let mut headers = vec!["id"];
    if with_client {
        headers.push("client");
    }
    headers.extend(["name", "role", "e-mail", "phone", "birthday"]);
    let mut t = Table::new(headers).free(&["client", "name", "role", "e-mail", "phone"], Fit::Wrap);
    for p in people {
        let mut row = vec![p.id.to_string()];
        if with_client {
            row.push(p.client.name.clone());
        }
        row.extend([
            p.name.clone(),
            p.role.clone().unwrap_or_default(),
            p.emails.join(" "),
            p.phones.join(" "),
            p.birthday.map(|b| b.stored()).unwrap_or_default(),
        ]);
        t.row(row);
    }
    t
}

fn list(ctx: &mut Ctx, a: ContactList) -> Result<()> {
    let store = ctx.read()?;
    let client = a
        .client
        .as_deref()
        .map(|q| resolve_client(&*store, q))
        .transpose()?;
    let people = store.contacts(client.as_ref().map(|c| c.id))?;
    if ctx.out.json {
        return ctx
            .out
            .json(&Value::Array(people.iter().map(Contact::to_json).collect()));
    }
    if people.is_empty() && ctx.out.tty {
        return ctx.out.line(&crate::i18n::t(CmdMsg::NoContactsYet, &[]));
    }
    ctx.out.table(&table(&people, client.is_none()))
}

/// The one person at client `client` whom `query` names: an id, or their name (exact, else
/// a unique prefix, else a unique part), case- and accent-insensitively.
pub fn person_at(w: &dyn Txn, client: i64, query: &str) -> Result<Contact> {
    let people = w.contacts(Some(client))?;
    if let Some(id) = parse_id(query) {
        return people
            .into_iter()
            .find(|p| p.id == id)
            .with_context(|| t(CmdMsg::NoContactHere, &[("id", &id)]));
    }
    let key = fold(query);
    let pick = |f: &dyn Fn(&str) -> bool| -> Vec<&Contact> {
        people.iter().filter(|p| f(&fold(&p.name))).collect()
    };
    for found in [
        pick(&|n| n == key),
        pick(&|n| n.starts_with(&key)),
        pick(&|n| n.contains(&key)),
    ] {
        match found.as_slice() {
            [one] => return Ok((*one).clone()),
            [] => continue,
            many => {
                let names: Vec<&str> = many.iter().map(|p| p.name.as_str()).collect();
                bail!(
                    "{}",
                    t(
                        CmdMsg::ContactCouldBe,
                        &[
                            ("query", &format!("{query:?}")),
                            ("names", &names.join(", "))
                        ]
                    )
                );
            }
        }
    }
    let known: Vec<&str> = people.iter().map(|p| p.name.as_str()).collect();
    if known.is_empty() {
        bail!(
            "{}",
            t(CmdMsg::ContactNoneHere, &[("query", &format!("{query:?}"))])
        );
    }
    bail!(
        "{}",
        t(
            CmdMsg::ContactNotHere,
            &[
                ("query", &format!("{query:?}")),
                ("names", &known.join(", "))
            ]
        )
    )
}
