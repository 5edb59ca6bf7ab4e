//! Settings stored in the ledger itself, so a backup or export carries them.

use std::collections::BTreeMap;

use anyhow::{Context, Result};
use rusqlite::{Connection, params};
use serde_json::json;

use super::journal::Table;
use super::{Store, Writer};
use crate::i18n::store::StoreMsg;
use crate::store::StoreError;

fn all(conn: &Connection) -> Result<BTreeMap<String, String>> {
    let mut stmt = conn.prepare_cached("SELECT key, value FROM settings")?;
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()
        .with_context(|| StoreError::said(StoreMsg::ReadSettings, &[]))
}

impl Store {
    /// Every key that was set, with its stored text.
    pub fn settings(&self) -> Result<BTreeMap<String, String>> {
        all(&self.conn)
    }
}

impl Writer<'_> {
    pub fn settings(&self) -> Result<BTreeMap<String, String>> {
        all(&self.tx)
    }

    /// Sets a key, or with `None` removes it (back to the default).
    pub fn set_setting(&mut self, key: &str, value: Option<&str>) -> Result<()> {
        self.remember(Table::Settings, json!(key))?;
        match value {
            Some(v) => self.tx.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2) \
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                params![key, v],
            ),
            None => self
                .tx
                .execute("DELETE FROM settings WHERE key = ?1", [key]),
        }
        .with_context(|| StoreError::said(StoreMsg::StoreSetting, &[("key", &key)]))?;
        Ok(())
    }
}
