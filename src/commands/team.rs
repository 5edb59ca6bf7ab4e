//! `team init|grant|revoke|list`: a team ledger on a PostgreSQL server and who may do what in
//! it. Only a ledger at a `postgres://` URL has a team.

use anyhow::{Result, bail};
use serde_json::json;

use super::Ctx;
use crate::cli::{TeamCmd, TeamGrant, TeamLogin};
use crate::render::{Fit, Table};
use crate::store::postgres::{PgStore, team};
use crate::store::{Location, Mode};

pub fn run(ctx: &mut Ctx, c: TeamCmd) -> Result<()> {
    let url = match ctx.location() {
        Location::Server(url) => url.clone(),
        Location::File(path) => bail!(
            "{} is a ledger file of one person; a team ledger lives on a PostgreSQL server: \
             relaties --db postgres://HOST/DATABASE team …",
            path.display()
        ),
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
        || json!({"ledger": shown, "database": db, "roles": crate::store::postgres::schema::ROLES.map(|r| crate::store::postgres::schema::role_name(&db, r))}),
        || {
            format!(
                "made a team ledger at {shown}, with the roles {db}_reader, {db}_member and \
                 {db}_owner (you are its owner); give people access with \
                 `relaties team grant LOGIN member`"
            )
        },
    )
}

fn grant(ctx: &mut Ctx, url: &str, a: TeamGrant) -> Result<()> {
    let store = PgStore::open(url, Mode::Existing)?;
    team::grant(&store, &a.login, a.role.as_str())?;
    ctx.out.show(
        || json!({"login": a.login, "role": a.role.as_str()}),
        || format!("{} is now {} of this ledger", a.login, a.role.as_str()),
    )
}

fn revoke(ctx: &mut Ctx, url: &str, a: TeamLogin) -> Result<()> {
    let store = PgStore::open(url, Mode::Existing)?;
    team::revoke(&store, &a.login)?;
    ctx.out.show(
        || json!({"login": a.login, "role": null}),
        || format!("{} no longer has a role in this ledger", a.login),
    )
}

fn list(ctx: &mut Ctx, url: &str) -> Result<()> {
    let store = PgStore::open(url, Mode::Read)?;
    let members = team::list(&store)?;
    if ctx.out.json {
        return ctx.out.json(&json!(members));
    }
    let mut t = Table::new(["login", "role"]).free(&["login"], Fit::Wrap);
    for m in &members {
        t.row(vec![m.login.clone(), m.role.clone()]);
    }
    ctx.out.table(&t)
}
