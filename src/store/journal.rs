//! The undo journal. Each write stores the before-image of every row it touched; `undo`
//! puts those images back (or deletes rows that did not exist) in reverse order.

use anyhow::{Context, Result};
use rusqlite::types::{Value as SqlValue, ValueRef};
use rusqlite::{Connection, OptionalExtension, params, params_from_iter};
use serde_json::{Map, Value, json};

use super::{Store, Writer};
use crate::i18n::store::{self, StoreMsg};
use crate::i18n::t;
use crate::store::StoreError;

/// How many changes `undo` can walk back; older ones are pruned as new ones arrive.
const KEEP: i64 = 1000;

pub(super) struct Change {
    table: Table,
    key: Value,
    before: Option<Value>,
}

/// The journalled tables, with their primary keys. Table names never come from input.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Table {
    Clients,
    Entries,
    Settings,
    Contacts,
    EntryContacts,
}

impl Table {
    fn name(self) -> &'static str {
        match self {
            Table::Clients => "clients",
            Table::Entries => "entries",
            Table::Settings => "settings",
            Table::Contacts => "contacts",
            Table::EntryContacts => "entry_contacts",
        }
    }

    fn key_column(self) -> &'static str {
        match self {
            Table::Clients | Table::Entries | Table::Contacts => "id",
            Table::EntryContacts => "entry_id",
            Table::Settings => "key",
        }
    }

    fn from_name(s: &str) -> Option<Table> {
        [
            Table::Clients,
            Table::Entries,
            Table::Settings,
            Table::Contacts,
            Table::EntryContacts,
        ]
        .into_iter()
        .find(|t| t.name() == s)
    }
}

fn row_image(conn: &Connection, table: Table, key: &Value) -> Result<Option<Value>> {
    let sql = format!(
        "SELECT * FROM {} WHERE {} = ?1",
        table.name(),
        table.key_column()
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let names: Vec<String> = stmt.column_names().map(str::to_string).collect();
    stmt.query_row([sql_value(key)], |row| {
        let mut m = Map::new();
        for (i, name) in names.iter().enumerate() {
            let v = match row.get_ref(i)? {
                ValueRef::Null => Value::Null,
                ValueRef::Integer(n) => Value::from(n),
                ValueRef::Real(f) => Value::from(f),
                ValueRef::Text(t) => Value::String(String::from_utf8_lossy(t).into_owned()),
                ValueRef::Blob(b) => json!({ BLOB_KEY: hex(b) }),
            };
            m.insert(name.clone(), v);
        }
        Ok(Value::Object(m))
    })
    .optional()
    .with_context(|| {
        t(
            StoreMsg::ReadJournalRow,
            &[("table", &store::table(table.name()))],
        )
    })
}

/// A blob in a row image is an object with this one key and the bytes in hex.
const BLOB_KEY: &str = "$blob";

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| s.get(i..i + 2).and_then(|p| u8::from_str_radix(p, 16).ok()))
        .collect()
}

/// A JSON scalar of a row image back as the SQLite value it came from.
fn sql_value(v: &Value) -> SqlValue {
    if let Some(bytes) = v.get(BLOB_KEY).and_then(Value::as_str).and_then(unhex) {
        return SqlValue::Blob(bytes);
    }
    match v {
        Value::Null => SqlValue::Null,
        Value::Bool(b) => SqlValue::Integer(i64::from(*b)),
        Value::Number(n) => n
            .as_i64()
            .map(SqlValue::Integer)
            .unwrap_or_else(|| SqlValue::Real(n.as_f64().unwrap_or_default())),
        Value::String(s) => SqlValue::Text(s.clone()),
        other => SqlValue::Text(other.to_string()),
    }
}

impl Writer<'_> {
    /// Remembers a row as it is now, before this write changes it. Call before every change;
    /// only the first image of a row in one write counts.
    pub(super) fn remember(&mut self, table: Table, key: Value) -> Result<()> {
        if !self.journal
            || self
                .changes
                .iter()
                .any(|c| c.table == table && c.key == key)
        {
            return Ok(());
        }
        let before = row_image(&self.tx, table, &key)?;
        self.changes.push(Change { table, key, before });
        Ok(())
    }

    /// Marks that rows were inserted under `key` (they did not exist before).
    pub(super) fn remember_new(&mut self, table: Table, key: Value) {
        if !self.journal {
            return;
        }
        self.changes.push(Change {
            table,
            key,
            before: None,
        });
    }

    /// After `client forget`: nothing before this point may be undone (the images would
    /// bring erased data back), so the journal is emptied and a final marker left.
    pub(super) fn seal_journal(&mut self, summary: &str) -> Result<()> {
        self.tx
            .execute("DELETE FROM journal", [])
            .with_context(|| StoreError::said(StoreMsg::ClearJournal, &[]))?;
        self.tx
            .execute(
                "INSERT INTO journal (at, summary, final) VALUES (?1, ?2, 1)",
                params![now(), summary],
            )
            .with_context(|| StoreError::said(StoreMsg::WriteJournal, &[]))?;
        self.changes.clear();
        Ok(())
    }
}

/// How the journal keeps when a change was made: UTC, in the form SQLite's `datetime('now')`
/// gives (the rows' `created_at` too).
const STORED: &str = "%Y-%m-%d %H:%M:%S";

fn now() -> String {
    chrono::Utc::now().format(STORED).to_string()
}

/// When a journalled change was made, for people and scripts: in the local time zone, as
/// RFC 3339 with its offset (`2026-11-30T14:01:24+09:00`). Ledgers written before the journal
/// kept UTC hold the writer's local time without a zone (`2026-11-30T14:01:24`, with a `T`):
/// which zone that was is not known, so it is shown as it is.
pub fn shown(stored: &str) -> String {
    match chrono::NaiveDateTime::parse_from_str(stored, STORED) {
        Ok(t) => t
            .and_utc()
            .with_timezone(&chrono::Local)
            .format("%Y-%m-%dT%H:%M:%S%:z")
            .to_string(),
        Err(_) => stored.to_string(),
    }
}

pub(super) fn record(conn: &Connection, summary: &str, changes: &[Change]) -> Result<()> {
    conn.execute(
        "INSERT INTO journal (at, summary) VALUES (?1, ?2)",
        params![now(), summary],
    )
    .with_context(|| StoreError::said(StoreMsg::WriteJournal, &[]))?;
    let id = conn.last_insert_rowid();
    let mut stmt = conn.prepare_cached(
        "INSERT INTO journal_rows (journal_id, seq, tbl, row_key, before) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (seq, c) in changes.iter().enumerate() {
        let before = c.before.as_ref().map(Value::to_string);
        stmt.execute(params![
            id,
            seq as i64,
            c.table.name(),
            c.key.to_string(),
            before
        ])
        .with_context(|| StoreError::said(StoreMsg::WriteJournal, &[]))?;
    }
    conn.execute("DELETE FROM journal WHERE id <= ?1", [id - KEEP])
        .with_context(|| StoreError::said(StoreMsg::PruneJournal, &[]))?;
    Ok(())
}

/// What `undo` undid.
pub struct Undone {
    pub summary: String,
    /// The entries the change touched, as they were before it was undone (to word it).
    pub entries: Vec<crate::model::Entry>,
    /// When the change was made, in local time (see `shown`).
    pub at: String,
}

impl Store {
    /// Undoes the most recent journalled change, in its own transaction.
    pub fn undo(&mut self) -> Result<Undone> {
        self.write(|w| {
            let last: Option<(i64, String, String, bool)> = w
                .tx
                .query_row(
                    "SELECT id, at, summary, final FROM journal ORDER BY id DESC LIMIT 1",
                    [],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                )
                .optional()
                .with_context(|| StoreError::said(StoreMsg::ReadJournal, &[]))?;
            let Some((id, at, summary, final_)) = last else {
                return Err(StoreError::said(StoreMsg::NothingToUndo, &[]).into());
            };
            let at = shown(&at);
            if final_ {
                return Err(StoreError::said(StoreMsg::CannotUndoErased,
                        &[
                            ("summary", &crate::i18n::commands::undone(&summary, &[])),
                            ("at", &at)
                        ]).into());
            }
            let rows: Vec<(String, String, Option<String>)> = {
                let mut stmt = w.tx.prepare(
                    "SELECT tbl, row_key, before FROM journal_rows WHERE journal_id = ?1 ORDER BY seq DESC",
                )?;
                stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                    .collect::<rusqlite::Result<_>>()
                    .with_context(|| StoreError::said(StoreMsg::ReadJournal, &[]))?
            };
            let mut entries = Vec::new();
            for (tbl, key, _) in &rows {
                if tbl == Table::Entries.name()
                    && let Ok(id) = key.parse::<i64>()
                    && let Some(e) = w.entry(id)?
                {
                    entries.push(e);
                }
            }
            for (tbl, key, before) in rows {
                let table = Table::from_name(&tbl)
                    .with_context(|| StoreError::said(StoreMsg::JournalUnknownTable, &[("table", &format!("{tbl:?}"))]))?;
                let key: Value = serde_json::from_str(&key).with_context(|| StoreError::said(StoreMsg::JournalDamaged, &[]))?;
                let before: Option<Value> = before
                    .map(|b| serde_json::from_str(&b))
                    .transpose()
                    .with_context(|| StoreError::said(StoreMsg::JournalDamaged, &[]))?;
                restore(&w.tx, table, &key, before.as_ref())?;
            }
            w.tx.execute("DELETE FROM journal WHERE id = ?1", [id])
                .with_context(|| StoreError::said(StoreMsg::UpdateJournal, &[]))?;
            Ok(Undone {
                summary,
                entries,
                at,
            })
        })
    }
}

fn restore(conn: &Connection, table: Table, key: &Value, before: Option<&Value>) -> Result<()> {
    let (t, k) = (table.name(), table.key_column());
    let Some(Value::Object(cols)) = before else {
        conn.execute(&format!("DELETE FROM {t} WHERE {k} = ?1"), [sql_value(key)])
            .with_context(|| StoreError::said(StoreMsg::UndoRow, &[("table", &store::table(t))]))?;
        return Ok(());
    };
    // Column names come from our own SELECT *; quote them anyway.
    let names: Vec<&String> = cols.keys().collect();
    let values: Vec<&Value> = cols.values().collect();
    let sets: Vec<String> = names
        .iter()
        .enumerate()
        .map(|(i, n)| format!("\"{n}\" = ?{}", i + 1))
        .collect();
    let key_param = names.len() + 1;
    let mut params: Vec<SqlValue> = values.iter().map(|v| sql_value(v)).collect();
    params.push(sql_value(key));
    let updated = conn
        .execute(
            &format!(
                "UPDATE {t} SET {} WHERE {k} = ?{key_param}",
                sets.join(", ")
            ),
            params_from_iter(&params),
        )
        .with_context(|| StoreError::said(StoreMsg::UndoRow, &[("table", &store::table(t))]))?;
    if updated == 0 {
        let quoted: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
        let marks: Vec<String> = (1..=names.len()).map(|i| format!("?{i}")).collect();
        conn.execute(
            &format!(
                "INSERT INTO {t} ({}) VALUES ({})",
                quoted.join(", "),
                marks.join(", ")
            ),
            params_from_iter(&params[..names.len()]),
        )
        .with_context(|| StoreError::said(StoreMsg::UndoRow, &[("table", &store::table(t))]))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_from_before_utc_storage_are_shown_as_they_are() {
        // Written in some unknown zone, with a `T`: no conversion can be right.
        assert_eq!(shown("2026-11-30T14:01:24"), "2026-11-30T14:01:24");
        assert_eq!(shown("garbage"), "garbage");
    }

    #[test]
    fn utc_times_are_shown_with_an_offset() {
        let s = shown("2026-11-30 05:01:24");
        // Whatever the local zone is, the result is the same instant, with its offset.
        let t = chrono::DateTime::parse_from_rfc3339(&s).expect(&s);
        assert_eq!(
            t.naive_utc().format(STORED).to_string(),
            "2026-11-30 05:01:24"
        );
    }
}
