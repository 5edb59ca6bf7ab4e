//! Waiting for another writer. SQLite lets one process write at a time; the others wait
//! their turn here, as long as it takes up to a generous limit (`RELATIES_WAIT` seconds,
//! default 300), and say so on a terminal after a second.

use crate::i18n::store::StoreMsg;
use crate::i18n::t;
use std::cell::Cell;
use std::io::IsTerminal;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use crate::store::StoreError;
use anyhow::Result;

/// How long a command waits for another one's write by default.
pub const DEFAULT_WAIT: Duration = Duration::from_secs(300);

/// After how long a waiting command says so.
const SAY_AFTER: Duration = Duration::from_secs(1);

static LIMIT: OnceLock<Duration> = OnceLock::new();

thread_local! {
    static STARTED: Cell<Option<Instant>> = const { Cell::new(None) };
    static SAID: Cell<bool> = const { Cell::new(false) };
}

/// Reads `RELATIES_WAIT` (whole seconds, 0 = do not wait) once per process.
pub fn limit() -> Result<Duration> {
    if let Some(d) = LIMIT.get() {
        return Ok(*d);
    }
    let d = match std::env::var("RELATIES_WAIT") {
        Err(std::env::VarError::NotPresent) => DEFAULT_WAIT,
        Ok(s) if s.trim().is_empty() => DEFAULT_WAIT,
        Ok(s) => parse_seconds(&s).ok_or_else(|| {
            anyhow::Error::from(StoreError::said(
                StoreMsg::WaitNotSeconds,
                &[("value", &format!("{s:?}"))],
            ))
        })?,
        Err(std::env::VarError::NotUnicode(_)) => {
            return Err(anyhow::Error::from(StoreError::said(
                StoreMsg::WaitNotText,
                &[],
            )));
        }
    };
    Ok(*LIMIT.get_or_init(|| d))
}

fn parse_seconds(s: &str) -> Option<Duration> {
    let n: u64 = s.trim().parse().ok()?;
    // A day is more than any write takes; beyond it a typo is likelier than intent.
    (n <= 86_400).then(|| Duration::from_secs(n))
}

/// SQLite's busy handler: called with 0 when a lock is first found taken, then with 1, 2…
/// for as long as it stays taken. Returns false to give up (SQLite then reports "busy").
pub fn busy(count: i32) -> bool {
    let now = Instant::now();
    let started = STARTED.with(|s| {
        if count == 0 || s.get().is_none() {
            s.set(Some(now));
        }
        s.get().unwrap_or(now)
    });
    let waited = now.duration_since(started);
    let limit = LIMIT.get().copied().unwrap_or(DEFAULT_WAIT);
    if waited >= limit {
        return false;
    }
    if waited >= SAY_AFTER && !SAID.with(Cell::get) {
        SAID.with(|s| s.set(true));
        if std::io::stderr().is_terminal() {
            eprintln!("{}", t(StoreMsg::Waiting, &[]));
        }
    }
    // Short sleeps first (most writes take milliseconds), then a steady 50 ms.
    let step = match count {
        0..=4 => 1,
        5..=9 => 5,
        10..=19 => 20,
        _ => 50,
    };
    std::thread::sleep(Duration::from_millis(step).min(limit - waited));
    true
}

/// The error for a lock that stayed taken past the limit.
pub fn gave_up() -> anyhow::Error {
    let secs = LIMIT.get().copied().unwrap_or(DEFAULT_WAIT).as_secs();
    super::StoreError::GaveUp { secs }.into()
}

/// True when `e` is SQLite's "busy"/"locked": the wait ran out.
pub fn is_busy(e: &anyhow::Error) -> bool {
    e.chain()
        .any(|c| c.downcast_ref::<rusqlite::Error>().is_some_and(busy_error))
}

/// True for SQLite's "busy" and "locked" errors.
pub fn busy_error(e: &rusqlite::Error) -> bool {
    matches!(
        e,
        rusqlite::Error::SqliteFailure(f, _)
            if f.code == rusqlite::ErrorCode::DatabaseBusy
                || f.code == rusqlite::ErrorCode::DatabaseLocked
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds() {
        assert_eq!(parse_seconds("120"), Some(Duration::from_secs(120)));
        assert_eq!(parse_seconds(" 0 "), Some(Duration::ZERO));
        assert_eq!(parse_seconds("-1"), None);
        assert_eq!(parse_seconds("2m"), None);
        assert_eq!(parse_seconds("99999999"), None);
    }
}
