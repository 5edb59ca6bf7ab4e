//! A team ledger's people and upkeep: making it (`team init`), granting and revoking roles,
//! `doctor`'s checks, and a backup to a SQLite ledger file.

use std::path::Path;

use anyhow::{Context, Result};

use super::read::failed;
use super::schema::{self, ROLES, ident, role_name};
use super::{PgStore, connect, server_words};
use crate::i18n::team::TeamMsg;
use crate::store::StoreError;
use crate::store::{Ledger, Store};

/// Who holds which role in a team ledger.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Member {
    pub login: String,
    pub role: String,
}

/// Makes the ledger's schema and roles in the database `url` names. The login must own the
/// database and may create roles.
pub fn init(url: &str) -> Result<String> {
    let (mut db, shown) = connect(url)?;
    let name: String = db
        .query_one("SELECT current_database()::text", &[])
        .map_err(failed(TeamMsg::AskServer))?
        .try_get(0)?;
    let exists = db
        .query_opt(
            "SELECT 1 FROM pg_namespace WHERE nspname = $1",
            &[&schema::SCHEMA],
        )
        .map_err(failed(TeamMsg::AskServer))?
        .is_some();
    if exists {
        return Err(StoreError::said(TeamMsg::AlreadyThere, &[("ledger", &shown)]).into());
    }
    let sql = schema::init_sql(&name);
    let mut tx = db.transaction().map_err(failed(TeamMsg::MakeLedger))?;
    tx.batch_execute(&sql).map_err(|e| {
        anyhow::Error::from(StoreError::said(
            TeamMsg::CannotMake,
            &[("ledger", &shown), ("detail", &server_words(&e))],
        ))
    })?;
    tx.commit().map_err(failed(TeamMsg::MakeLedger))?;
    Ok(name)
}

fn roles_of(store: &PgStore) -> Result<(String, [String; 3])> {
    let mut db = store.db()?;
    let name = schema::database(&mut db)?;
    let roles = ROLES.map(|r| role_name(&name, r));
    Ok((name, roles))
}

/// The login's highest role in this ledger, if any.
pub fn role_of(store: &PgStore, login: &str) -> Result<Option<&'static str>> {
    let (_, roles) = roles_of(store)?;
    let mut db = store.db()?;
    for (i, r) in roles.iter().enumerate().rev() {
        let has: bool = db
            .query_one(
                "SELECT pg_has_role($1, $2, 'MEMBER')",
                &[&login, &r.as_str()],
            )
            .map_err(failed(TeamMsg::ReadRoles))?
            .try_get(0)?;
        if has {
            return Ok(Some(ROLES[i]));
        }
    }
    Ok(None)
}

/// Every login that holds a role in this ledger, with its highest role, by login.
pub fn list(store: &PgStore) -> Result<Vec<Member>> {
    let (_, roles) = roles_of(store)?;
    let rows = store
        .db()?
        .query(
            "SELECT m.rolname::text, g.rolname::text FROM pg_auth_members a \
             JOIN pg_roles m ON m.oid = a.member JOIN pg_roles g ON g.oid = a.roleid \
             WHERE g.rolname = ANY($1) AND m.rolcanlogin ORDER BY 1",
            &[&roles.to_vec()],
        )
        .map_err(failed(TeamMsg::ReadRoles))?;
    let mut out: Vec<Member> = Vec::new();
    for r in rows {
        let login: String = r.try_get(0)?;
        let group: String = r.try_get(1)?;
        let rank = roles.iter().position(|x| *x == group).unwrap_or(0);
        match out.iter_mut().find(|m| m.login == login) {
            Some(m) if ROLES.iter().position(|x| *x == m.role).unwrap_or(0) < rank => {
                m.role = ROLES[rank].to_string();
            }
            Some(_) => {}
            None => out.push(Member {
                login,
                role: ROLES[rank].to_string(),
            }),
        }
    }
    Ok(out)
}

fn must_be_owner(store: &PgStore) -> Result<()> {
    if role_of(store, &store.login)? != Some("owner") {
        return Err(StoreError::said(TeamMsg::GrantNeedsOwner, &[("login", &store.login)]).into());
    }
    Ok(())
}

/// Gives `login` exactly `role` (reader, member or owner) in this ledger.
pub fn grant(store: &PgStore, login: &str, role: &str) -> Result<()> {
    must_be_owner(store)?;
    let (_, roles) = roles_of(store)?;
    let Some(rank) = ROLES.iter().position(|r| *r == role) else {
        return Err(
            StoreError::said(TeamMsg::NoSuchRole, &[("role", &format!("{role:?}"))]).into(),
        );
    };
    let mut db = store.db()?;
    let exists = db
        .query_opt(
            "SELECT 1 FROM pg_roles WHERE rolname = $1 AND rolcanlogin",
            &[&login],
        )
        .map_err(failed(TeamMsg::ReadRoles))?
        .is_some();
    if !exists {
        return Err(StoreError::said(
            TeamMsg::NoSuchLogin,
            &[("login", &format!("{login:?}")), ("ident", &ident(login))],
        )
        .into());
    }
    let mut tx = db.transaction().map_err(failed(TeamMsg::ChangeRoles))?;
    for (i, r) in roles.iter().enumerate() {
        if i != rank {
            tx.batch_execute(&format!("REVOKE {} FROM {}", ident(r), ident(login)))
                .map_err(|e| super::refused(e, "owner"))?;
        }
    }
    let admin = if role == "owner" {
        " WITH ADMIN OPTION"
    } else {
        ""
    };
    tx.batch_execute(&format!(
        "GRANT {} TO {}{admin}",
        ident(&roles[rank]),
        ident(login)
    ))
    .map_err(|e| super::refused(e, "owner"))?;
    tx.commit().map_err(failed(TeamMsg::ChangeRoles))?;
    Ok(())
}

/// Takes every role in this ledger from `login`. The last owner stays.
pub fn revoke(store: &PgStore, login: &str) -> Result<()> {
    must_be_owner(store)?;
    let members = list(store)?;
    let owners = members.iter().filter(|m| m.role == "owner").count();
    if owners == 1
        && members
            .iter()
            .any(|m| m.login == login && m.role == "owner")
    {
        return Err(StoreError::said(TeamMsg::LastOwner, &[("login", &login)]).into());
    }
    if !members.iter().any(|m| m.login == login) {
        return Err(StoreError::said(TeamMsg::NoRole, &[("login", &login)]).into());
    }
    let (_, roles) = roles_of(store)?;
    let mut db = store.db()?;
    let mut tx = db.transaction().map_err(failed(TeamMsg::ChangeRoles))?;
    for r in &roles {
        tx.batch_execute(&format!("REVOKE {} FROM {}", ident(r), ident(login)))
            .map_err(|e| super::refused(e, "owner"))?;
    }
    tx.commit().map_err(failed(TeamMsg::ChangeRoles))?;
    Ok(())
}

/// What `doctor` shows of a team ledger.
pub fn checkup(store: &PgStore) -> Result<Vec<(String, String)>> {
    let (name, roles) = roles_of(store)?;
    let role = role_of(store, &store.login)?;
    let mut db = store.db()?;
    let one = |db: &mut postgres::Client, sql: &str| -> Result<String> {
        db.query_one(sql, &[])
            .map_err(failed(TeamMsg::AskServer))?
            .try_get::<_, String>(0)
            .with_context(|| StoreError::said(crate::i18n::team::TeamMsg::AskServer, &[]))
    };
    let version = one(&mut db, "SELECT current_setting('server_version')")?;
    let version_num: i64 = one(&mut db, "SELECT current_setting('server_version_num')")?
        .parse()
        .unwrap_or(0);
    let tls = one(
        &mut db,
        "SELECT coalesce((SELECT CASE WHEN ssl THEN version ELSE 'no' END \
         FROM pg_stat_ssl WHERE pid = pg_backend_pid()), 'no')",
    )?;
    let schema_version = one(
        &mut db,
        "SELECT value FROM meta WHERE key = 'schema_version'",
    )?;
    let mut out = vec![
        ("engine".to_string(), "postgresql".to_string()),
        ("ledger".to_string(), store.shown.clone()),
        ("server_version".to_string(), version),
        (
            "server_version_ok".to_string(),
            if version_num >= 140000 { "yes" } else { "no" }.to_string(),
        ),
        ("schema_version".to_string(), schema_version),
        ("database".to_string(), name),
        ("login".to_string(), store.login.clone()),
        ("role".to_string(), role.unwrap_or("none").to_string()),
        ("tls".to_string(), tls),
    ];
    // The grants as team init made them: members may not truncate, readers may not write.
    let expect: [(&str, &str, &str, bool); 6] = [
        (&roles[0], "entries", "INSERT", false),
        (&roles[0], "entries", "SELECT", true),
        (&roles[1], "entries", "INSERT", true),
        (&roles[1], "entries", "TRUNCATE", false),
        (&roles[1], "settings", "INSERT", false),
        (&roles[2], "settings", "INSERT", true),
    ];
    let mut wrong = Vec::new();
    for (role, table, privilege, want) in expect {
        let has: bool = db
            .query_one(
                "SELECT has_table_privilege($1, $2, $3)",
                &[&role, &format!("relaties.{table}"), &privilege],
            )
            .map_err(failed(TeamMsg::ReadRoles))?
            .try_get(0)?;
        if has != want {
            wrong.push(format!(
                "{role} {} {privilege} on {table}",
                if has { "has" } else { "lacks" }
            ));
        }
    }
    out.push((
        "grants".to_string(),
        if wrong.is_empty() {
            "ok".to_string()
        } else {
            format!("changed: {}", wrong.join("; "))
        },
    ));
    for table in ["clients", "entries", "contacts"] {
        let n: i64 = db
            .query_one(&format!("SELECT count(*) FROM {table}"), &[])
            .map_err(failed(TeamMsg::AskServer))?
            .try_get(0)?;
        out.push((table.to_string(), n.to_string()));
    }
    Ok(out)
}

/// Writes the whole team ledger, as this store's snapshot shows it, as a new SQLite ledger
/// file at `dest`.
pub fn backup(store: &PgStore, dest: &Path) -> Result<()> {
    let clients = store.clients()?;
    let times = store.client_times()?;
    let forgotten = store.forgotten_ids()?;
    let contacts = store.contacts(None)?;
    let links = store.entry_contacts()?;
    let settings = store.settings()?;
    Store::create_whole(dest, |s| {
        s.write(|w| {
            w.skip_journal();
            // Every row keeps who recorded it (or that nobody is known), not the backup's
            // maker.
            w.keep_recorded_by();
            for c in &clients {
                w.import_client(
                    c,
                    true,
                    forgotten.contains(&c.id),
                    times.get(&c.id).map(String::as_str),
                )?;
            }
            for p in &contacts {
                w.insert_contact(p, true)?;
            }
            let mut failure = None;
            store.each_entry_recorded(false, &mut |e, at| {
                if failure.is_none()
                    && let Err(err) = w.import_entry(e, Some(at))
                {
                    failure = Some(err);
                }
                Ok(())
            })?;
            if let Some(e) = failure {
                return Err(e);
            }
            for (entry, contact) in &links {
                w.link_contact(*entry, *contact)?;
            }
            for (k, v) in &settings {
                w.set_setting(k, Some(v))?;
            }
            Ok(())
        })
    })
    .with_context(|| StoreError::said(TeamMsg::WriteBackup, &[("path", &dest.display())]))
}
