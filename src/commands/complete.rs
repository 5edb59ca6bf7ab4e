//! Shell completion of client names and open entry ids, read from the ledger while the user
//! presses Tab (clap_complete's dynamic completion: `RELATIES_COMPLETE=bash relaties`, which
//! the script `relaties completions bash|zsh|fish` prints runs). Nothing here may print or
//! fail: a ledger that cannot be read completes nothing.

use std::ffi::{OsStr, OsString};
use std::path::PathBuf;

use clap_complete::engine::CompletionCandidate;

use crate::model::Kind;
use crate::parse::fold;
use crate::store::{Ledger, Location, Mode, ledger_path};

/// The environment variable that switches the binary into completion mode.
/// Our own name, not clap's generic `COMPLETE`, which other programs may set.
pub const VAR: &str = "RELATIES_COMPLETE";

/// Prints the shell code that asks relaties for completions on every Tab, for the shells that
/// have it (bash, zsh, fish); `None` for the others.
pub fn registration(shell: clap_complete::Shell) -> Option<Vec<u8>> {
    use clap_complete::env::{Bash, EnvCompleter, Fish, Zsh};
    let completer: &dyn EnvCompleter = match shell {
        clap_complete::Shell::Bash => &Bash,
        clap_complete::Shell::Zsh => &Zsh,
        clap_complete::Shell::Fish => &Fish,
        _ => return None,
    };
    // The program as it was started: a bare name is found on $PATH each time, a path is made
    // absolute so that the script works from any folder.
    let me = std::env::args_os()
        .next()
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("relaties"));
    let me = if me.components().count() > 1 {
        std::env::current_dir().map(|d| d.join(&me)).unwrap_or(me)
    } else {
        me
    };
    let mut buf = Vec::new();
    completer
        .write_registration(VAR, "relaties", "relaties", &me.to_string_lossy(), &mut buf)
        .ok()?;
    Some(buf)
}

/// The ledger the command line being completed names (`--db PATH` or `--db=PATH`), else the
/// usual one. In completion mode the arguments are `relaties -- relaties WORDS…`.
fn ledger() -> Option<Box<dyn Ledger>> {
    let args: Vec<OsString> = std::env::args_os().collect();
    let words = args
        .iter()
        .position(|a| a == "--")
        .map_or(&args[..0], |i| &args[i + 1..]);
    let mut flag: Option<PathBuf> = None;
    for (i, w) in words.iter().enumerate() {
        if w == "--db" {
            flag = words.get(i + 1).map(|p| PathBuf::from(unquote(p)));
        } else if let Some(p) = w.to_str().and_then(|w| w.strip_prefix("--db=")) {
            flag = Some(PathBuf::from(unquote(OsStr::new(p))));
        }
    }
    let path = ledger_path(flag.as_deref()).ok()?;
    crate::store::open(&Location::of(path), Mode::Read).ok()
}

/// The word as typed, without the shell's quoting (`"Café d`, `Café\ d` → `Café d`).
fn unquote(word: &OsStr) -> String {
    let w = word.to_string_lossy();
    let w = w.trim_start_matches(['"', '\'']);
    let mut out = String::with_capacity(w.len());
    let mut chars = w.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.extend(chars.next()),
            '"' | '\'' => {}
            c => out.push(c),
        }
    }
    out
}

/// bash inserts a candidate as it is; the other shells quote it themselves. Only bash's
/// completion script sets `_CLAP_COMPLETE_SPACE`.
fn for_shell(value: &str) -> String {
    if std::env::var_os("_CLAP_COMPLETE_SPACE").is_none() {
        return value.to_string();
    }
    let mut out = String::with_capacity(value.len() + 8);
    for c in value.chars() {
        if !(c.is_alphanumeric() || "-_.,+@%/:=".contains(c)) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Active clients whose name starts with what was typed, or has a word that does (case and
/// accents aside); those whose name starts with it first.
pub fn clients(current: &OsStr) -> Vec<CompletionCandidate> {
    names(current, false)
}

/// The same among archived clients: what `client unarchive` takes.
pub fn archived_clients(current: &OsStr) -> Vec<CompletionCandidate> {
    names(current, true)
}

fn names(current: &OsStr, archived: bool) -> Vec<CompletionCandidate> {
    let Some(store) = ledger() else {
        return Vec::new();
    };
    let Ok(all) = store.clients() else {
        return Vec::new();
    };
    let q = fold(&unquote(current));
    let mut hits: Vec<(bool, String, String)> = all
        .into_iter()
        .filter(|c| c.archived == archived)
        .filter_map(|c| {
            let key = fold(&c.name);
            let prefix = key.starts_with(&q);
            let word = prefix
                || key
                    .split(|ch: char| !ch.is_alphanumeric())
                    .any(|w| w.starts_with(&q));
            word.then_some((!prefix, key, c.name))
        })
        .collect();
    hits.sort();
    hits.into_iter()
        .map(|(_, _, name)| CompletionCandidate::new(for_shell(&name)))
        .collect()
}

/// Candidates for the ids of the open entries of `kind`, each with its client and what it is
/// (`when` says what its date is).
fn entry_ids(current: &OsStr, kind: Kind, when: &str) -> Vec<CompletionCandidate> {
    let Some(items) = ledger().and_then(|s| s.open_items(kind).ok()) else {
        return Vec::new();
    };
    let typed = unquote(current);
    let typed = typed.trim_start_matches('#');
    items
        .into_iter()
        .map(|i| (i.id.to_string(), i))
        .filter(|(id, _)| id.starts_with(typed))
        .map(|(id, i)| {
            let about = format!(
                "{}: {}, {when} {}",
                i.client,
                i.description.as_deref().unwrap_or(""),
                i.date.as_deref().unwrap_or("")
            );
            CompletionCandidate::new(id).help(Some(about.into()))
        })
        .collect()
}

/// Open commitments: what `deliver`, `miss` and `reschedule` take.
pub fn open_commitments(current: &OsStr) -> Vec<CompletionCandidate> {
    entry_ids(current, Kind::Commitment, "due")
}

/// Unresolved incidents: what `inform` and `resolve` take.
pub fn open_incidents(current: &OsStr) -> Vec<CompletionCandidate> {
    entry_ids(current, Kind::Incident, "since")
}
