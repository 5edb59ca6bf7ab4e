//! `doctor`: checks the ledger and says what it holds; exit 1 on any problem.

use anyhow::{Result, bail};
use serde_json::json;

use super::Ctx;
use crate::i18n::commands::CmdMsg;
use crate::i18n::{Lang, lang, plural, t};
use crate::store::checkup::{Checkup, Companion, FileCheckup};
use crate::store::schema_version_current;

/// A companion file as `--json` shows it: null when there is none.
fn companion_json(c: &Companion) -> serde_json::Value {
    match &c.found {
        None => serde_json::Value::Null,
        Some(f) => json!({
            "path": c.path.display().to_string(),
            "owner_uid": f.owner,
            "mode": f.mode.map(|m| format!("{m:o}")),
            "regular": f.not_regular.is_none(),
        }),
    }
}

/// A companion file in words.
fn companion_words(c: &Companion) -> String {
    match &c.found {
        None => t(CmdMsg::DocNone, &[]),
        Some(f) => t(
            CmdMsg::DocSidecar,
            &[
                (
                    "kind",
                    &f.not_regular
                        .map(|k| format!("{}, ", crate::i18n::commands::file_kind(k)))
                        .unwrap_or_default(),
                ),
                ("owner", &f.owner.map_or("?".into(), |o| o.to_string())),
                ("mode", &f.mode.map_or("?".into(), |m| format!("{m:o}"))),
            ],
        ),
    }
}

/// The problems found: in English for `--json` (scripts read them), and in the language of
/// the interface for the error.
#[derive(Default)]
struct Problems {
    en: Vec<String>,
    shown: Vec<String>,
}

impl Problems {
    fn push(&mut self, msg: CmdMsg, args: &[(&str, &dyn std::fmt::Display)]) {
        self.en.push(crate::i18n::t_in(Lang::En, msg, args));
        self.shown.push(t(msg, args));
    }

    /// `push` of the one or the many form, `{n}` filled in.
    fn push_count(
        &mut self,
        n: i64,
        one: CmdMsg,
        many: CmdMsg,
        args: &[(&str, &dyn std::fmt::Display)],
    ) {
        let msg = if n == 1 { one } else { many };
        let mut all: Vec<(&str, &dyn std::fmt::Display)> = vec![("n", &n)];
        all.extend_from_slice(args);
        self.push(msg, &all);
    }

    fn is_empty(&self) -> bool {
        self.en.is_empty()
    }
}

pub fn run(ctx: &mut Ctx) -> Result<()> {
    // A file is opened to write, which brings an older schema up to date (a current one is
    // only read); a team ledger is only read.
    let store = match ctx.location() {
        crate::store::Location::File(_) => ctx.write()?,
        crate::store::Location::Server(_) => ctx.read()?,
    };
    match store.checkup()? {
        Checkup::File(c) => file(ctx, &c),
        Checkup::Server(lines) => server(ctx, &lines),
    }
}

/// `doctor` on a SQLite ledger: its structure and counts, and the files on disk.
fn file(ctx: &mut Ctx, c: &FileCheckup) -> Result<()> {
    let (path, h, stale_facts) = (&c.path, &c.health, &c.stale_facts);
    let checkpoint_complete = c.checkpoint_complete;
    let (file_mode, file_owner, dir_mode) = (c.file.mode, c.file.owner, c.folder_mode);
    let folder = &c.folder;
    let wal_bytes = c.log_bytes;
    let leftovers = &c.leftovers;
    let companion = |suffix: &str| c.companions.iter().find(|s| s.suffix == suffix);
    let mut problems = Problems::default();
    if !stale_facts.is_empty() {
        let ids: Vec<String> = stale_facts
            .iter()
            .take(10)
            .map(|id| format!("#{id}"))
            .collect();
        problems.push_count(
            stale_facts.len() as i64,
            CmdMsg::DocStale1,
            CmdMsg::DocStaleN,
            &[("ids", &ids.join(", "))],
        );
    }
    if h.quick_check != "ok" {
        problems.push(CmdMsg::DocQuickCheckProblem, &[("v", &h.quick_check)]);
    }
    if h.foreign_key_problems > 0 {
        problems.push(
            CmdMsg::DocForeignKeyProblem,
            &[("n", &h.foreign_key_problems)],
        );
    }
    if h.schema_version != schema_version_current() {
        problems.push(CmdMsg::DocSchemaProblem, &[("v", &h.schema_version)]);
    }
    if !h.journal_mode.eq_ignore_ascii_case("wal") {
        problems.push(CmdMsg::DocJournalProblem, &[("mode", &h.journal_mode)]);
    }
    if let Some(m) = file_mode.filter(|m| m & 0o077 != 0) {
        problems.push(CmdMsg::DocFileReadable, &[("mode", &format!("{m:o}"))]);
    }
    for sc in &c.companions {
        if let Some(f) = &sc.found {
            let (owner, mode) = (f.owner, f.mode);
            let shown = sc.path.display().to_string();
            if let Some(k) = f.not_regular {
                problems.en.push(crate::i18n::t_in(
                    Lang::En,
                    CmdMsg::DocSidecarKind,
                    &[("path", &shown), ("kind", &k)],
                ));
                problems.shown.push(t(
                    CmdMsg::DocSidecarKind,
                    &[
                        ("path", &shown),
                        ("kind", &crate::i18n::commands::file_kind(k)),
                    ],
                ));
            } else if owner.is_some() && owner != file_owner {
                problems.push(CmdMsg::DocSidecarOwner, &[("path", &shown)]);
            } else if let Some(m) = mode.filter(|m| m & 0o066 != 0) {
                problems.push(
                    CmdMsg::DocSidecarMode,
                    &[("path", &shown), ("mode", &format!("{m:o}"))],
                );
            }
        }
    }
    let shared_folder = dir_mode.is_some_and(|m| m & 0o022 != 0);
    if let Some(m) = dir_mode.filter(|_| shared_folder) {
        problems.push(
            CmdMsg::DocFolderShared,
            &[
                ("path", &folder.display().to_string()),
                ("mode", &format!("{m:o}")),
            ],
        );
    }
    if ctx.out.json {
        ctx.out.json(&json!({
            "ledger": path.display().to_string(),
            "ok": problems.is_empty(),
            "problems": problems.en,
            "schema_version": h.schema_version,
            "journal_mode": h.journal_mode,
            "quick_check": h.quick_check,
            "foreign_key_problems": h.foreign_key_problems,
            "clients": h.clients,
            "archived_clients": h.archived_clients,
            "entries": h.entries,
            "void_entries": h.void_entries,
            "undo_steps": h.undo_steps,
            "checkpoint_complete": checkpoint_complete,
            "file_mode": file_mode.map(|m| format!("{m:o}")),
            "folder_mode": dir_mode.map(|m| format!("{m:o}")),
            "folder_writable_by_others": shared_folder,
            "file_owner_uid": file_owner,
            "wal_file": companion("-wal").map_or(serde_json::Value::Null, companion_json),
            "shm_file": companion("-shm").map_or(serde_json::Value::Null, companion_json),
            "leftovers": leftovers.iter().map(|l| json!({
                "path": l.path.display().to_string(),
                "abandoned": l.abandoned,
            })).collect::<Vec<_>>(),
            "file_bytes": c.file.bytes,
            "wal_bytes": wal_bytes,
        }))?;
    } else {
        let kinds: Vec<String> = h
            .entries
            .iter()
            .map(|(k, n)| {
                let kind = match lang() {
                    Lang::En => k.to_string(),
                    Lang::Nl => crate::model::Kind::from_name(k)
                        .map_or_else(|| k.to_string(), crate::i18n::commands::kind),
                };
                t(CmdMsg::DocKindCount, &[("n", n), ("kind", &kind)])
            })
            .collect();
        let octal = |m: Option<u32>| m.map_or("?".into(), |m| format!("{m:o}"));
        let lines = [
            t(CmdMsg::DocLedger, &[("path", &path.display())]),
            t(
                CmdMsg::DocSchema,
                &[("v", &h.schema_version), ("mode", &h.journal_mode)],
            ),
            t(CmdMsg::DocQuickCheck, &[("v", &h.quick_check)]),
            plural(
                h.foreign_key_problems as i64,
                CmdMsg::DocForeignKeys1,
                CmdMsg::DocForeignKeysN,
                &[],
            ),
            t(
                CmdMsg::DocClients,
                &[("active", &h.clients), ("archived", &h.archived_clients)],
            ),
            t(
                CmdMsg::DocEntries,
                &[
                    (
                        "kinds",
                        &if kinds.is_empty() {
                            t(CmdMsg::DocNone, &[])
                        } else {
                            kinds.join(", ")
                        },
                    ),
                    ("void", &h.void_entries),
                ],
            ),
            plural(h.undo_steps, CmdMsg::DocUndo1, CmdMsg::DocUndoN, &[]),
            t(
                if checkpoint_complete {
                    CmdMsg::DocCheckpointDone
                } else {
                    CmdMsg::DocCheckpointPartial
                },
                &[],
            ),
            t(
                CmdMsg::DocFiles,
                &[
                    ("bytes", &c.file.bytes),
                    ("mode", &octal(file_mode)),
                    ("owner", &file_owner.map_or("?".into(), |o| o.to_string())),
                    ("wal", &wal_bytes),
                ],
            ),
            format!(
                "-wal          {}",
                companion("-wal").map_or_else(|| t(CmdMsg::DocNone, &[]), companion_words)
            ),
            format!(
                "-shm          {}",
                companion("-shm").map_or_else(|| t(CmdMsg::DocNone, &[]), companion_words)
            ),
            t(
                CmdMsg::DocFolder,
                &[
                    ("path", &folder.display()),
                    ("mode", &octal(dir_mode)),
                    (
                        "sticky",
                        &match dir_mode {
                            Some(m) if m & 0o1000 != 0 => ", sticky",
                            _ => "",
                        },
                    ),
                ],
            ),
        ];
        let mut lines = lines.to_vec();
        for l in leftovers {
            lines.push(t(
                if l.abandoned {
                    CmdMsg::DocLeftoverAbandoned
                } else {
                    CmdMsg::DocLeftoverBusy
                },
                &[("path", &l.path.display())],
            ));
        }
        ctx.out.line(&lines.join("\n"))?;
    }
    if !problems.is_empty() {
        bail!(
            "{}",
            t(
                CmdMsg::DocProblems,
                &[("problems", &problems.shown.join("; "))]
            )
        );
    }
    Ok(())
}

/// `doctor` on a team ledger: the server, the ledger's schema, this login's role, TLS, the
/// grants as `team init` made them, and row counts. Exit 1 when the server is too old or the
/// grants were changed. `--json` has the keys and values as they are, in English.
fn server(ctx: &mut Ctx, lines: &[(String, String)]) -> Result<()> {
    use crate::i18n::team::TeamMsg;
    let value = |k: &str| {
        lines
            .iter()
            .find(|(key, _)| key == k)
            .map_or("", |(_, v)| v.as_str())
    };
    let too_old = value("server_version_ok") == "no";
    let grants_changed = value("grants") != "ok";
    ctx.out.show(
        || {
            let map: serde_json::Map<String, serde_json::Value> = lines
                .iter()
                .map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone())))
                .collect();
            serde_json::Value::Object(map)
        },
        || {
            let mut out = Vec::new();
            for (k, v) in lines {
                let (label, shown) = match k.as_str() {
                    "engine" => (TeamMsg::Engine, v.clone()),
                    "ledger" => (TeamMsg::Ledger, v.clone()),
                    "server_version" if too_old => (
                        TeamMsg::ServerVersion,
                        t(TeamMsg::TooOld, &[("version", v)]),
                    ),
                    "server_version" => (TeamMsg::ServerVersion, v.clone()),
                    "schema_version" => (TeamMsg::SchemaVersion, v.clone()),
                    "database" => (TeamMsg::Database, v.clone()),
                    "login" => (TeamMsg::Login, v.clone()),
                    "role" if v == "none" => (TeamMsg::Role, t(TeamMsg::NoRoleHeld, &[])),
                    "role" => (TeamMsg::Role, v.clone()),
                    "tls" if v == "no" => (TeamMsg::Tls, t(TeamMsg::NoTls, &[])),
                    "tls" => (TeamMsg::Tls, v.clone()),
                    "grants" if v == "ok" => (TeamMsg::Grants, t(TeamMsg::GrantsAsMade, &[])),
                    "grants" => (
                        TeamMsg::Grants,
                        t(
                            TeamMsg::GrantsChanged,
                            &[("list", &v.trim_start_matches("changed: "))],
                        ),
                    ),
                    "clients" => (TeamMsg::Clients, v.clone()),
                    "entries" => (TeamMsg::Entries, v.clone()),
                    "contacts" => (TeamMsg::Contacts, v.clone()),
                    _ => continue,
                };
                out.push(format!("{}: {shown}", t(label, &[])));
            }
            out.join("\n")
        },
    )?;
    let mut problems = Vec::new();
    if too_old {
        problems.push(t(TeamMsg::TooOld, &[("version", &value("server_version"))]));
    }
    if grants_changed {
        problems.push(t(
            TeamMsg::GrantsChanged,
            &[("list", &value("grants").trim_start_matches("changed: "))],
        ));
    }
    if !problems.is_empty() {
        bail!(
            "{}",
            t(CmdMsg::DocProblems, &[("problems", &problems.join("; "))])
        );
    }
    Ok(())
}
