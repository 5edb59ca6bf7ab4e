//! `doctor`: checks the ledger and says what it holds; exit 1 on any problem.

use std::path::Path;

use anyhow::{Result, bail};
use serde_json::json;

use super::Ctx;
use crate::store::{Store, files, no_ledger, schema_version_current};

/// File mode bits (Unix; with the sticky bit for folders), or None elsewhere.
fn mode(path: &Path) -> Option<u32> {
    std::fs::metadata(path).ok().as_ref().and_then(files::mode)
}

/// Owner and mode of one of the files SQLite keeps beside the ledger, not following links.
struct Sidecar {
    path: std::path::PathBuf,
    found: Option<(Option<u32>, Option<u32>, Option<&'static str>)>,
}

impl Sidecar {
    fn of(ledger: &Path, suffix: &str) -> Sidecar {
        let path = files::sidecar(ledger, suffix);
        let found = std::fs::symlink_metadata(&path)
            .ok()
            .map(|m| (files::owner(&m), files::mode(&m), files::not_regular(&m)));
        Sidecar { path, found }
    }

    fn json(&self) -> serde_json::Value {
        match self.found {
            None => serde_json::Value::Null,
            Some((owner, mode, kind)) => json!({
                "path": self.path.display().to_string(),
                "owner_uid": owner,
                "mode": mode.map(|m| format!("{m:o}")),
                "regular": kind.is_none(),
            }),
        }
    }

    fn words(&self) -> String {
        match self.found {
            None => "none".into(),
            Some((owner, mode, kind)) => format!(
                "{}owner uid {}, mode {}",
                kind.map(|k| format!("{k}, ")).unwrap_or_default(),
                owner.map_or("?".into(), |o| o.to_string()),
                mode.map_or("?".into(), |m| format!("{m:o}"))
            ),
        }
    }
}

fn size(path: &Path) -> u64 {
    std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}

pub fn run(ctx: &mut Ctx) -> Result<()> {
    let path = ctx.path().to_path_buf();
    if !path.exists() {
        return Err(no_ledger(&path));
    }
    // Opening for writing brings an older schema up to date; a current one is only read.
    let store = Store::open_write(&path)?;
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    let wal_bytes = size(Path::new(&wal));
    // Also copies into the main file what a reader held up earlier (after `client forget`,
    // say), without waiting for readers: a reader is no fault in the ledger.
    let checkpoint_complete = store.checkpoint_passive()?;
    let h = store.health()?;
    let stale_facts = store.stale_facts()?;
    let file_mode = mode(&path);
    let folder = files::folder_of(&path);
    let dir_mode = mode(folder);
    let file_owner = std::fs::metadata(&path)
        .ok()
        .as_ref()
        .and_then(files::owner);
    let sidecars = [Sidecar::of(&path, "-wal"), Sidecar::of(&path, "-shm")];
    let leftovers = crate::store::leftovers(&path);
    let mut problems: Vec<String> = Vec::new();
    if !stale_facts.is_empty() {
        let ids: Vec<String> = stale_facts
            .iter()
            .take(10)
            .map(|id| format!("#{id}"))
            .collect();
        problems.push(format!(
            "{} whose packed facts disagree with their columns (edited by hand?): {}",
            crate::words::count(stale_facts.len() as i64, "entry", "entries"),
            ids.join(", ")
        ));
    }
    if h.quick_check != "ok" {
        problems.push(format!("quick_check: {}", h.quick_check));
    }
    if h.foreign_key_problems > 0 {
        problems.push(format!(
            "{} rows point at missing rows",
            h.foreign_key_problems
        ));
    }
    if h.schema_version != schema_version_current() {
        problems.push(format!("schema version {}", h.schema_version));
    }
    if !h.journal_mode.eq_ignore_ascii_case("wal") {
        problems.push(format!("journal mode {} (expected wal)", h.journal_mode));
    }
    if let Some(m) = file_mode.filter(|m| m & 0o077 != 0) {
        problems.push(format!(
            "the ledger file is readable by others (mode {m:o}; run chmod 600)"
        ));
    }
    for sc in &sidecars {
        if let Some((owner, mode, kind)) = sc.found {
            if let Some(k) = kind {
                problems.push(format!("{} is {k}", sc.path.display()));
            } else if owner.is_some() && owner != file_owner {
                problems.push(format!(
                    "{} belongs to another user than the ledger",
                    sc.path.display()
                ));
            } else if let Some(m) = mode.filter(|m| m & 0o066 != 0) {
                problems.push(format!(
                    "{} is readable or writable by others (mode {m:o}; run chmod 600)",
                    sc.path.display()
                ));
            }
        }
    }
    let shared_folder = dir_mode.is_some_and(|m| m & 0o022 != 0);
    if let Some(m) = dir_mode.filter(|_| shared_folder) {
        problems.push(format!(
            "the folder {} can be written by others (mode {m:o}): they can plant or replace \
             files beside the ledger; keep the ledger in a private folder (chmod 700)",
            folder.display()
        ));
    }
    if ctx.out.json {
        ctx.out.json(&json!({
            "ledger": path.display().to_string(),
            "ok": problems.is_empty(),
            "problems": problems,
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
            "wal_file": sidecars[0].json(),
            "shm_file": sidecars[1].json(),
            "leftovers": leftovers.iter().map(|l| json!({
                "path": l.path.display().to_string(),
                "abandoned": l.abandoned,
            })).collect::<Vec<_>>(),
            "file_bytes": size(&path),
            "wal_bytes": wal_bytes,
        }))?;
    } else {
        let kinds: Vec<String> = h.entries.iter().map(|(k, n)| format!("{n} {k}")).collect();
        let lines = [
            format!("ledger        {}", path.display()),
            format!(
                "schema        version {} ({} mode)",
                h.schema_version, h.journal_mode
            ),
            format!("quick_check   {}", h.quick_check),
            format!(
                "foreign keys  {}",
                crate::words::count(h.foreign_key_problems as i64, "problem", "problems")
            ),
            format!(
                "clients       {} active, {} archived",
                h.clients, h.archived_clients
            ),
            format!(
                "entries       {} ({} void)",
                if kinds.is_empty() {
                    "none".to_string()
                } else {
                    kinds.join(", ")
                },
                h.void_entries
            ),
            format!(
                "undo          {}",
                crate::words::count(h.undo_steps, "step", "steps")
            ),
            format!(
                "checkpoint    {}",
                if checkpoint_complete {
                    "complete"
                } else {
                    "partial: another program is reading; run doctor again later"
                }
            ),
            format!(
                "files         {} bytes (mode {}, owner uid {}), WAL {} bytes",
                size(&path),
                file_mode.map_or("?".into(), |m| format!("{m:o}")),
                file_owner.map_or("?".into(), |o| o.to_string()),
                wal_bytes,
            ),
            format!("-wal          {}", sidecars[0].words()),
            format!("-shm          {}", sidecars[1].words()),
            format!(
                "folder        {} (mode {}{})",
                folder.display(),
                dir_mode.map_or("?".into(), |m| format!("{m:o}")),
                match dir_mode {
                    Some(m) if m & 0o1000 != 0 => ", sticky",
                    _ => "",
                }
            ),
        ];
        let mut lines = lines.to_vec();
        for l in &leftovers {
            lines.push(format!(
                "leftover      {} ({})",
                l.path.display(),
                if l.abandoned {
                    "left by a stopped import or demo; the next import or demo --db here removes it"
                } else {
                    "an import or demo under way"
                }
            ));
        }
        ctx.out.line(&lines.join("\n"))?;
    }
    if !problems.is_empty() {
        bail!("the ledger has problems: {}", problems.join("; "));
    }
    Ok(())
}
