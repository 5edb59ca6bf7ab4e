//! `client add|list|show|edit|archive|unarchive|forget`.

use anyhow::{Context, Result, bail};
use serde_json::{Value, json};

use super::scan::facts;
use super::{Ctx, resolve_client, usage};
use crate::cli::{ClientAdd, ClientCmd, ClientEdit, ClientFields, ClientForget, ClientList};
use crate::config::Config;
use crate::i18n::commands::{CmdMsg, kind};
use crate::i18n::{plural, t};
use crate::model::{Client, Entry, Kind, Status};
use crate::render::{Fit, Table, warn};
use crate::store::EntryFilter;

pub fn run(ctx: &mut Ctx, cmd: ClientCmd) -> Result<()> {
    match cmd {
        ClientCmd::Add(a) => add(ctx, a),
        ClientCmd::List(a) => list(ctx, a),
        ClientCmd::Show(a) => show(ctx, &a.client),
        ClientCmd::Edit(a) => edit(ctx, a),
        ClientCmd::Archive(a) => set_archived(ctx, &a.client, true),
        ClientCmd::Unarchive(a) => set_archived(ctx, &a.client, false),
        ClientCmd::Forget(a) => forget(ctx, a),
    }
}

/// Text flags: an empty value clears the field.
fn text(v: Option<String>, old: Option<String>) -> Option<String> {
    match v {
        None => old,
        Some(s) if s.trim().is_empty() => None,
        Some(s) => Some(s.trim().to_string()),
    }
}

fn clean_tags(tags: Vec<String>) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for t in tags {
        let t = t.trim().to_string();
        crate::model::check_tag(&t).map_err(usage)?;
        if !out.contains(&t) {
            out.push(t);
        }
    }
    Ok(out)
}

/// Applies the flags of `client add` / `client edit` to a client.
fn apply(ctx: &Ctx, c: &mut Client, f: ClientFields) -> Result<()> {
    c.contact = text(f.contact, c.contact.take());
    c.email = text(f.email, c.email.take());
    c.phone = text(f.phone, c.phone.take());
    c.note = text(f.note, c.note.take());
    if let Some(s) = f.since {
        c.since = Some(ctx.past(Some(s))?);
    }
    if f.cadence.is_some() {
        c.cadence_days = f.cadence;
    }
    for t in clean_tags(f.tags)? {
        if !c.tags.contains(&t) {
            c.tags.push(t);
        }
    }
    Ok(())
}

fn show_client(ctx: &mut Ctx, verb: CmdMsg, c: &Client) -> Result<()> {
    ctx.out.show(
        || c.to_json(),
        || t(verb, &[("id", &c.id), ("name", &c.name)]),
    )
}

fn check_name(name: &str) -> Result<()> {
    crate::model::check_client_name(name).map_err(usage)
}

fn add(ctx: &mut Ctx, a: ClientAdd) -> Result<()> {
    check_name(&a.name)?;
    let mut c = Client::named(a.name.trim());
    apply(ctx, &mut c, a.fields)?;
    let mut store = ctx.create()?;
    let c = store.write(|w| {
        let c = w.add_client(&c)?;
        // --contact names the first person at the client, reached at its address and number.
        if let Some(name) = &c.contact {
            let mut p = crate::model::Contact::new(c.to_ref(), name.clone());
            p.emails.extend(c.email.clone());
            p.phones.extend(c.phone.clone());
            w.add_contact(&p)?;
        }
        w.set_summary(format!("added client #{} {}", c.id, c.name));
        Ok(c)
    })?;
    show_client(ctx, CmdMsg::ClientAdded, &c)
}

fn edit(ctx: &mut Ctx, a: ClientEdit) -> Result<()> {
    if let Some(n) = &a.name {
        check_name(n)?;
    }
    let mut store = ctx.write()?;
    let c = store.write(|w| {
        let mut c = resolve_client(w, &a.client)?;
        if let Some(n) = a.name.clone() {
            c.name = n.trim().to_string();
        }
        if a.clear_tags {
            c.tags.clear();
        }
        apply(ctx, &mut c, a.fields.clone())?;
        let c = w.update_client(&c)?;
        w.set_summary(format!("edited client #{} {}", c.id, c.name));
        Ok(c)
    })?;
    show_client(ctx, CmdMsg::ClientEdited, &c)
}

fn set_archived(ctx: &mut Ctx, query: &str, archived: bool) -> Result<()> {
    let mut store = ctx.write()?;
    let (c, open) = store.write(|w| {
        let mut c = if archived {
            resolve_client(w, query)?
        } else {
            // What is unarchived is an archived client: among those, a prefix or part of the
            // name will do, as it does for active clients elsewhere.
            match super::find_archived_client(&w.clients()?, query) {
                Ok(c) => c,
                Err(_) => resolve_client(w, query)?,
            }
        };
        if c.archived == archived {
            let msg = if archived {
                CmdMsg::ClientAlreadyArchived
            } else {
                CmdMsg::ClientNotArchived
            };
            bail!("{}", t(msg, &[("name", &format!("{:?}", c.name))]));
        }
        c.archived = archived;
        let c = w.update_client(&c)?;
        let verb = if archived { "archived" } else { "unarchived" };
        w.set_summary(format!("{verb} client #{} {}", c.id, c.name));
        let open: Vec<Entry> = if archived {
            w.entries(&EntryFilter {
                client: Some(c.id),
                kinds: vec![Kind::Commitment, Kind::Incident],
                ..Default::default()
            })?
            .into_iter()
            .filter(is_open)
            .collect()
        } else {
            Vec::new()
        };
        Ok((c, open))
    })?;
    if !open.is_empty() {
        // Oldest first, as they were recorded.
        let named: Vec<String> = open
            .iter()
            .rev()
            .map(|e| {
                format!(
                    "{} #{} ({})",
                    kind(e.kind),
                    e.id,
                    e.description.as_deref().unwrap_or("")
                )
            })
            .collect();
        warn(
            &ctx.out,
            &t(
                CmdMsg::StillOpen,
                &[
                    ("client", &c.name),
                    (
                        "items",
                        &plural(open.len() as i64, CmdMsg::OpenItem1, CmdMsg::OpenItemN, &[]),
                    ),
                    ("named", &named.join(", ")),
                ],
            ),
        );
    }
    let verb = if archived {
        CmdMsg::ClientArchivedDone
    } else {
        CmdMsg::ClientUnarchivedDone
    };
    show_client(ctx, verb, &c)
}

/// An open commitment (neither delivered nor missed) or an unresolved incident.
fn is_open(e: &Entry) -> bool {
    match e.kind {
        Kind::Commitment => e.status() == Some(Status::Open),
        Kind::Incident => e.resolved.is_none(),
        _ => false,
    }
}

fn forget(ctx: &mut Ctx, a: ClientForget) -> Result<()> {
    if !a.yes {
        return Err(usage(t(CmdMsg::ForgetNeedsYes, &[])));
    }
    let mut store = ctx.write()?;
    let (id, name) = store.write(|w| {
        let c = resolve_client(w, &a.client)?;
        w.forget_client(c.id, a.anonymize)?;
        w.set_summary(format!(
            "client #{} {}",
            c.id,
            if a.anonymize { "anonymized" } else { "erased" }
        ));
        Ok((c.id, c.name))
    })?;
    // The erased bytes must linger nowhere the engine can reach (SQLite: copy the wiped
    // pages over the old ones and empty the WAL). A long read by another program can hold
    // that up.
    if let Err(e) = store.wipe_erased() {
        bail!(
            "{}",
            t(
                CmdMsg::ForgetOldBytes,
                &[("cause", &crate::i18n::store::error_text(&e))]
            )
        );
    }
    let done = if a.anonymize {
        CmdMsg::ForgetAnonymized
    } else {
        CmdMsg::ForgetErased
    };
    // A server keeps old row versions and archives beyond our reach: say so.
    let on_server = store.engine() == "postgresql";
    ctx.out.show(
        || json!({"forgotten": {"id": id}, "anonymized": a.anonymize}),
        || {
            let mut said = t(done, &[("id", &id), ("name", &name)]);
            if on_server {
                said.push('\n');
                said.push_str(&t(crate::i18n::team::TeamMsg::ServerRemains, &[]));
            }
            said
        },
    )
}

fn list(ctx: &mut Ctx, a: ClientList) -> Result<()> {
    let store = ctx.read()?;
    let clients: Vec<Client> = store
        .clients()?
        .into_iter()
        .filter(|c| a.all || !c.archived)
        .filter(|c| {
            a.tag
                .as_ref()
                .is_none_or(|t| c.tags.iter().any(|x| x.eq_ignore_ascii_case(t)))
        })
        .collect();
    if ctx.out.json {
        return ctx
            .out
            .json(&Value::Array(clients.iter().map(Client::to_json).collect()));
    }
    let mut t = Table::new([
        "id", "name", "contact", "tags", "since", "cadence", "status",
    ])
    .free(&["name", "contact", "tags"], Fit::Wrap);
    for c in &clients {
        t.row([
            c.id.to_string(),
            c.name.clone(),
            c.contact.clone().unwrap_or_default(),
            c.tags.join(" "),
            c.since.map(|d| d.to_string()).unwrap_or_default(),
            c.cadence_days.map(|d| format!("{d}d")).unwrap_or_default(),
            if c.archived { "archived" } else { "active" }.to_string(),
        ]);
    }
    if t.is_empty() && ctx.out.tty {
        return ctx
            .out
            .line(&crate::i18n::t(crate::i18n::Msg::NoClientsYet, &[]));
    }
    ctx.out.table(&t)
}

/// One line per entry for people: id, date, kind and what it says.
pub fn entry_rows(t: &mut Table, entries: &[Entry], tty: bool) {
    for e in entries {
        t.row([
            format!("#{}", e.id),
            e.date.to_string(),
            e.kind.to_string(),
            if tty {
                crate::render::summary(e)
            } else {
                e.summary_details()
            },
        ]);
    }
}

fn show(ctx: &mut Ctx, query: &str) -> Result<()> {
    let store = ctx.read()?;
    let c = resolve_client(&*store, query)?;
    let all = store.entries(&EntryFilter {
        client: Some(c.id),
        ..Default::default()
    })?;
    let open_commitments: Vec<&Entry> = all
        .iter()
        .filter(|e| e.kind == Kind::Commitment && e.status() == Some(Status::Open))
        .collect();
    let open_incidents: Vec<&Entry> = all
        .iter()
        .filter(|e| e.kind == Kind::Incident && e.resolved.is_none())
        .collect();
    let recent: Vec<&Entry> = all.iter().take(10).collect();
    let cfg = Config::from_settings(&store.settings()?)
        .with_context(|| crate::i18n::t(crate::i18n::commands::CmdMsg::SettingsInvalid, &[]))?;
    let people = store.contacts(Some(c.id))?;
    let live: Vec<Entry> = all.iter().filter(|e| !e.void).cloned().collect();
    let sc = crate::score::score(&facts(&c), &live, &cfg, ctx.today, false);
    if ctx.out.json {
        let arr = |v: &[&Entry]| Value::Array(v.iter().map(|e| e.to_json()).collect());
        return ctx.out.json(&json!({
            "client": c.to_json(),
            "people": people.iter().map(crate::model::Contact::to_json).collect::<Vec<_>>(),
            "entries": all.len(),
            "score": sc,
            "open_commitments": arr(&open_commitments),
            "open_incidents": arr(&open_incidents),
            "recent": arr(&recent),
        }));
    }
    use crate::i18n::{Msg, t, word};
    let head = format!(
        "#{} {}{}",
        c.id,
        c.name,
        if c.archived {
            format!(" {}", t(Msg::ArchivedMark, &[]))
        } else {
            String::new()
        }
    );
    let mut fields: Vec<(&str, String)> = Vec::new();
    let mut field = |k: &'static str, v: Option<String>| {
        if let Some(v) = v {
            fields.push((word(k), v));
        }
    };
    field("contact", c.contact.clone());
    field("e-mail", c.email.clone());
    field("phone", c.phone.clone());
    field("since", c.since.map(|d| d.to_string()));
    field("tags", (!c.tags.is_empty()).then(|| c.tags.join(" ")));
    field(
        "cadence",
        c.cadence_days.map(|d| t(Msg::CardCadence, &[("n", &d)])),
    );
    field("note", c.note.clone());
    field("entries", Some(all.len().to_string()));
    field(
        "scores",
        Some(t(
            Msg::CardScores,
            &[
                ("a", &sc.appreciation),
                ("t", &sc.trust),
                ("p", &sc.passion),
                ("o", &sc.overall),
                ("band", &word(sc.band)),
                ("trend", &crate::render::score::arrow(sc.trend.overall)),
            ],
        )),
    );
    // Always, even when one person keeps the ledger: the card is about this one client.
    field(
        "changed by",
        Some(
            c.recorded_by
                .clone()
                .unwrap_or_else(|| word("unknown").to_string()),
        ),
    );
    let card = crate::render::card(&head, &fields, ctx.out.width);
    ctx.out.text(&card)?;
    if !people.is_empty() {
        ctx.out.line(&format!("\n{}", t(Msg::CardPeople, &[])))?;
        ctx.out.table(&super::contact::table(&people, false))?;
    }
    for (title, list) in [
        (Msg::CardOpenCommitments, &open_commitments),
        (Msg::CardOpenIncidents, &open_incidents),
        (Msg::CardRecent, &recent),
    ] {
        if list.is_empty() {
            continue;
        }
        ctx.out.line(&format!("\n{}", t(title, &[])))?;
        let mut table = Table::new(["id", "date", "kind", "what"]).free(&["what"], Fit::Wrap);
        let owned: Vec<Entry> = list.iter().map(|e| (*e).clone()).collect();
        entry_rows(&mut table, &owned, ctx.out.tty);
        ctx.out.table(&table)?;
    }
    Ok(())
}
