//! The store's errors, whichever engine holds the ledger. Every error the store raises itself
//! is a [`StoreError`]: one of its catalogue messages with its values ([`StoreError::Said`]:
//! a ledger from a newer version, a damaged row, nothing to undo, or what failed, as the
//! context over an engine's error below it), or one of the kinds a command, the retry loop or
//! a test tells apart (a lock given up, not a ledger, a role missing, a transaction the server
//! gave up, the server's own refusal). Each keeps what the engine reported and is worded here,
//! through the catalogues, only when it is shown; find it in an error's chain with
//! [`StoreError::of`].
//!
//! The engine's own errors (`rusqlite::Error`, `std::io::Error`) stay in the chain typed, under
//! the store's context, and are worded by `i18n::store` when printed. The trait methods return
//! `anyhow::Result` so that a command adds its own context on top.

use std::fmt;
use std::path::PathBuf;

use crate::i18n::store::StoreMsg;
use crate::i18n::t;
use crate::i18n::team::TeamMsg;

/// A message of the store's catalogues, with its values, worded when shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Said {
    Store(StoreMsg),
    Team(TeamMsg),
    Connect(crate::i18n::connect::ConnMsg),
}

impl From<StoreMsg> for Said {
    fn from(m: StoreMsg) -> Said {
        Said::Store(m)
    }
}

impl From<TeamMsg> for Said {
    fn from(m: TeamMsg) -> Said {
        Said::Team(m)
    }
}

impl From<crate::i18n::connect::ConnMsg> for Said {
    fn from(m: crate::i18n::connect::ConnMsg) -> Said {
        Said::Connect(m)
    }
}

#[derive(Debug)]
pub enum StoreError {
    /// What the store found wrong, as one of its messages (a ledger from a newer version, a
    /// damaged row, nothing to undo, what failed over an engine's error below it, …).
    Said {
        msg: Said,
        args: Vec<(&'static str, String)>,
    },
    /// Another writer kept the ledger longer than `RELATIES_WAIT` allows (seconds waited).
    GaveUp { secs: u64 },
    /// The file is not a ledger (or is damaged beyond opening).
    NotALedger { path: PathBuf },
    /// The login's role in a team ledger does not allow this: the role it needs, and the
    /// server's refusal.
    NeedsRole {
        role: &'static str,
        cause: postgres::Error,
    },
    /// The server gave the transaction up (serialization failure 40001, deadlock 40P01):
    /// running it again from the start is safe.
    TryAgain(postgres::Error),
    /// Anything else the server or the connection reported.
    Server(postgres::Error),
}

impl StoreError {
    /// One of the store's messages with its values, as `i18n::t` takes them.
    pub fn said(
        msg: impl Into<Said>,
        args: &[(&'static str, &dyn std::fmt::Display)],
    ) -> StoreError {
        StoreError::Said {
            msg: msg.into(),
            args: args.iter().map(|(k, v)| (*k, v.to_string())).collect(),
        }
    }

    /// The catalogue message, when the error is one.
    pub fn msg(&self) -> Option<Said> {
        match self {
            StoreError::Said { msg, .. } => Some(*msg),
            _ => None,
        }
    }

    /// Sorts what PostgreSQL reported. `needs` is the role the statement was allowed to:
    /// a refusal then says so.
    pub fn from_pg(e: postgres::Error, needs: Option<&'static str>) -> StoreError {
        use postgres::error::SqlState;
        if server_gave_up(&e) {
            return StoreError::TryAgain(e);
        }
        match needs {
            Some(role) if e.code() == Some(&SqlState::INSUFFICIENT_PRIVILEGE) => {
                StoreError::NeedsRole { role, cause: e }
            }
            _ => StoreError::Server(e),
        }
    }

    /// The store error somewhere in `e`'s chain, if there is one.
    pub fn of(e: &anyhow::Error) -> Option<&StoreError> {
        e.chain().find_map(|c| c.downcast_ref::<StoreError>())
    }

    /// Whether the write that failed with `e` may simply run again from the start.
    pub fn is_retry(e: &anyhow::Error) -> bool {
        e.chain().any(|c| {
            matches!(
                c.downcast_ref::<StoreError>(),
                Some(StoreError::TryAgain(_))
            ) || c
                .downcast_ref::<postgres::Error>()
                .is_some_and(server_gave_up)
        })
    }
}

/// A serialization failure (40001) or a deadlock (40P01): the server rolled the transaction
/// back so that another could go on.
fn server_gave_up(e: &postgres::Error) -> bool {
    use postgres::error::SqlState;
    e.code().is_some_and(|c| {
        *c == SqlState::T_R_SERIALIZATION_FAILURE || *c == SqlState::T_R_DEADLOCK_DETECTED
    })
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::store::postgres::server_words;
        match self {
            StoreError::Said { msg, args } => {
                let args: Vec<(&str, &dyn fmt::Display)> = args
                    .iter()
                    .map(|(k, v)| (*k, v as &dyn fmt::Display))
                    .collect();
                f.write_str(&match msg {
                    Said::Store(m) => t(*m, &args),
                    Said::Team(m) => t(*m, &args),
                    Said::Connect(m) => t(*m, &args),
                })
            }
            StoreError::GaveUp { secs } => f.write_str(&t(StoreMsg::GaveUp, &[("secs", secs)])),
            StoreError::NotALedger { path } => {
                f.write_str(&t(StoreMsg::NotALedger, &[("path", &path.display())]))
            }
            StoreError::NeedsRole { role, cause } => f.write_str(&t(
                TeamMsg::NeedsRole,
                &[("role", role), ("detail", &server_words(cause))],
            )),
            StoreError::TryAgain(e) | StoreError::Server(e) => f.write_str(&server_words(e)),
        }
    }
}

/// The engine's error is worded into this one's text; it is not a cause shown again.
impl std::error::Error for StoreError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lock_given_up_reads_as_before_and_is_not_retried() {
        let e = anyhow::Error::new(StoreError::GaveUp { secs: 3 }).context("recording a gift");
        assert!(matches!(
            StoreError::of(&e),
            Some(StoreError::GaveUp { secs: 3 })
        ));
        assert!(!StoreError::is_retry(&e));
        assert_eq!(
            format!("{e:#}"),
            "recording a gift: another program kept the ledger locked for 3 s; nothing was \
             changed (set RELATIES_WAIT=SECONDS to wait longer)"
        );
    }
}
