//! `team init|grant|revoke|list`: a team ledger on a PostgreSQL server and who may do what in
//! it. Only a ledger at a `postgres://` URL has a team.

use anyhow::{Result, bail};
use serde_json::json;

use super::Ctx;
use crate::cli::{TeamCmd, TeamGrant, TeamLogin};
use crate::i18n::t;
use crate::i18n::team::TeamMsg;
use crate::render::{Fit, Table};
use crate::store::postgres::{PgStore, schema, team};
use crate::store::{Location, Mode};

pub fn run(ctx: &mut Ctx, c: TeamCmd) -> Result<()> {
    let url = match ctx.location() {
        Location::Server(url) => url.clone(),
        Location::File(path) => bail!("{}", t(TeamMsg::NotATeam, &[("path", &path.display())])),
    };
    match c {
        TeamCmd::Init => init(ctx, &url),
        TeamCmd::Grant(a) => grant(ctx, &url, a),
        TeamCmd::Revoke(a) => revoke(ctx, &url, a),
        TeamCmd::List => list(ctx, &url),
    }
}

fn init(ctx: &mut Ctx, url: &str) -> Result<()> {
    let db = team::init(url)?;
    let shown = crate::store::postgres::mask(url);
    ctx.out.show(
        || json!({"ledger": shown, "database": db, "roles": schema::ROLES.map(|r| schema::role_name(&db, r))}),
        || {
            let [reader, member, owner] = schema::ROLES.map(|r| schema::role_name(&db, r));
            t(
                TeamMsg::Made,
                &[
                    ("ledger", &shown),
                    ("reader", &reader),
                    ("member", &member),
                    ("owner", &owner),
                ],
            )
        },
    )
}

fn grant(ctx: &mut Ctx, url: &str, a: TeamGrant) -> Result<()> {
    let store = PgStore::open(url, Mode::Existing)?;
    team::grant(&store, &a.login, a.role.as_str())?;
    ctx.out.show(
        || json!({"login": a.login, "role": a.role.as_str()}),
        || {
            t(
                TeamMsg::Granted,
                &[("login", &a.login), ("role", &a.role.as_str())],
            )
        },
    )
}

fn revoke(ctx: &mut Ctx, url: &str, a: TeamLogin) -> Result<()> {
    let store = PgStore::open(url, Mode::Existing)?;
    team::revoke(&store, &a.login)?;
    ctx.out.show(
        || json!({"login": a.login, "role": null}),
        || t(TeamMsg::Revoked, &[("login", &a.login)]),
    )
}

fn list(ctx: &mut Ctx, url: &str) -> Result<()> {
    let store = PgStore::open(url, Mode::Read)?;
    let members = team::list(&store)?;
    if ctx.out.json {
        return ctx.out.json(&json!(members));
    }
    let login = t(TeamMsg::Login, &[]);
    let mut table =
        Table::new([login.clone(), t(TeamMsg::Role, &[])]).free(&[login.as_str()], Fit::Wrap);
    for m in &members {
        table.row(vec![m.login.clone(), m.role.clone()]);
    }
    ctx.out.table(&table)
}
