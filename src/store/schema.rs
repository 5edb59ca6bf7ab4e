//! The schema, versioned with `PRAGMA user_version` and an ordered list of migrations.
//! Each migration runs in its own immediate transaction and re-reads the version inside it,
//! so two processes creating the same ledger at once cannot both apply it.

use anyhow::{Context, Result};
use rusqlite::{Connection, TransactionBehavior};

use crate::i18n::store::StoreMsg;
use crate::store::StoreError;

/// Migration N (1-based) brings a ledger from version N-1 to N. Append only; never edit one
/// that has shipped.
const MIGRATIONS: &[&str] = &[V1, V2, V3, V4, V5];

pub const CURRENT: i64 = MIGRATIONS.len() as i64;

const V1: &str = "
CREATE TABLE clients (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,  -- ids are never reused
    name         TEXT NOT NULL,
    name_key     TEXT NOT NULL UNIQUE,   -- folded name: case- and accent-insensitive uniqueness
    contact      TEXT,
    email        TEXT,
    phone        TEXT,
    since        TEXT,
    tags         TEXT NOT NULL DEFAULT '[]',  -- JSON array of strings
    cadence_days INTEGER,
    note         TEXT,
    archived     INTEGER NOT NULL DEFAULT 0,
    forgotten    INTEGER NOT NULL DEFAULT 0,  -- anonymized by `client forget --anonymize`
    created_at   TEXT NOT NULL
);

-- One table for every kind, so all entries share one id sequence and scoring reads one table.
-- Clustered by client (WITHOUT ROWID, key (client_id, id)): scoring every client is one
-- sequential scan that hands over one client's entries at a time, in little memory.
CREATE TABLE entries (
    client_id     INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    id            INTEGER NOT NULL,
    -- What the scoring scan reads comes first: SQLite walks a row's header up to the last
    -- column it needs, so these five cost less here than at the end of thirty.
    void          INTEGER NOT NULL DEFAULT 0,
    facts         BLOB NOT NULL,        -- the columns below packed for scoring: store/facts.rs
    description   TEXT,
    reschedules   TEXT,                 -- JSON array of {date, due, agreed}; NULL: none
    kind          TEXT NOT NULL CHECK (kind IN
                    ('gift','compliment','milestone','touch','commitment','incident')),
    date          TEXT NOT NULL,
    note          TEXT,
    void_reason   TEXT,
    occasion      TEXT,
    cost_cents    INTEGER,
    currency      TEXT,
    reason        TEXT,
    channel       TEXT,
    energy        INTEGER,
    proactive     INTEGER NOT NULL DEFAULT 0,
    due           TEXT,
    delivered     TEXT,
    quality       INTEGER,
    missed        TEXT,
    missed_reason TEXT,
    cause         TEXT,
    severity      TEXT,
    informed      TEXT,
    explained     INTEGER NOT NULL DEFAULT 0,
    solution      TEXT,
    resolved      TEXT,
    created_at    TEXT NOT NULL,
    PRIMARY KEY (client_id, id)
) WITHOUT ROWID;
CREATE UNIQUE INDEX entries_by_id ON entries(id);
CREATE INDEX entries_by_date ON entries(date, id);

-- Id sequences that never hand out an id twice, even after undo removed the newest entry.
CREATE TABLE sequences (
    name TEXT PRIMARY KEY,
    next INTEGER NOT NULL
);
INSERT INTO sequences (name, next) VALUES ('entries', 1);
-- 'changes' counts committed writes (store/mod.rs: count_change).
INSERT INTO sequences (name, next) VALUES ('changes', 0);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- The undo journal: one row per change, with the before-image of every row it touched.
CREATE TABLE journal (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    at      TEXT NOT NULL,
    summary TEXT NOT NULL,
    final   INTEGER NOT NULL DEFAULT 0  -- 1: cannot be undone (client forget)
);
CREATE TABLE journal_rows (
    journal_id INTEGER NOT NULL REFERENCES journal(id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    tbl        TEXT NOT NULL,
    row_key    TEXT NOT NULL,
    before     TEXT,                          -- JSON object of the row, NULL: it did not exist
    PRIMARY KEY (journal_id, seq)
);
";

/// The undo journal in fewer pages per write (a `log-gift` wrote 9 pages to the WAL, now 6):
/// journal ids without AUTOINCREMENT (no `sqlite_sequence` row to update; an id freed by
/// `undo` may be given again, which nothing depends on), and the before-images clustered by
/// their key (`WITHOUT ROWID`: no separate key index). The rows are copied over as they are.
const V2: &str = "
CREATE TABLE journal_v2 (
    id      INTEGER PRIMARY KEY,
    at      TEXT NOT NULL,
    summary TEXT NOT NULL,
    final   INTEGER NOT NULL DEFAULT 0  -- 1: cannot be undone (client forget)
);
INSERT INTO journal_v2 (id, at, summary, final) SELECT id, at, summary, final FROM journal;
CREATE TABLE journal_rows_v2 (
    journal_id INTEGER NOT NULL REFERENCES journal_v2(id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    tbl        TEXT NOT NULL,
    row_key    TEXT NOT NULL,
    before     TEXT,                          -- JSON object of the row, NULL: it did not exist
    PRIMARY KEY (journal_id, seq)
) WITHOUT ROWID;
INSERT INTO journal_rows_v2 (journal_id, seq, tbl, row_key, before)
    SELECT journal_id, seq, tbl, row_key, before FROM journal_rows;
DROP TABLE journal_rows;
DROP TABLE journal;
-- Renaming the parent rewrites the reference in journal_rows_v2.
ALTER TABLE journal_v2 RENAME TO journal;
ALTER TABLE journal_rows_v2 RENAME TO journal_rows;
DELETE FROM sqlite_sequence WHERE name = 'journal';
";

/// The people at each client (contact persons), and which of them a gift or compliment was
/// for. Both go with their client (`client forget`) and their entry.
const V3: &str = "
CREATE TABLE contacts (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,  -- ids are never reused
    client_id  INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    role       TEXT,
    emails     TEXT NOT NULL DEFAULT '[]',  -- JSON array of strings
    phones     TEXT NOT NULL DEFAULT '[]',  -- JSON array of strings
    birthday   TEXT,                        -- 'YYYY-MM-DD', or '--MM-DD' without a year
    note       TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX contacts_by_client ON contacts(client_id);
CREATE TABLE entry_contacts (
    entry_id   INTEGER PRIMARY KEY REFERENCES entries(id) ON DELETE CASCADE,
    contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE
);
CREATE INDEX entry_contacts_by_contact ON entry_contacts(contact_id);
";

/// A new random (version 4) UUID, as SQL: evaluated anew for every row.
pub const NEW_UUID: &str = "lower(printf('%s-%s-4%s-%s%s-%s', hex(randomblob(4)), \
    hex(randomblob(2)), substr(hex(randomblob(2)), 2), substr('89ab', 1 + (abs(random()) % 4), 1), \
    substr(hex(randomblob(2)), 2), hex(randomblob(6))))";

/// Every client, entry and contact person gets a lasting identity that export writes and
/// import reads, so importing the same record twice adds it once. Clients are found by it
/// (an index); entries only by an import, which reads them all once (no index: a log
/// command writes no extra page).
const V4: &str = "
ALTER TABLE clients ADD COLUMN uuid TEXT;
ALTER TABLE entries ADD COLUMN uuid TEXT;
ALTER TABLE contacts ADD COLUMN uuid TEXT;
UPDATE clients SET uuid = lower(printf('%s-%s-4%s-%s%s-%s', hex(randomblob(4)),
    hex(randomblob(2)), substr(hex(randomblob(2)), 2), substr('89ab', 1 + (abs(random()) % 4), 1),
    substr(hex(randomblob(2)), 2), hex(randomblob(6))));
UPDATE entries SET uuid = lower(printf('%s-%s-4%s-%s%s-%s', hex(randomblob(4)),
    hex(randomblob(2)), substr(hex(randomblob(2)), 2), substr('89ab', 1 + (abs(random()) % 4), 1),
    substr(hex(randomblob(2)), 2), hex(randomblob(6))));
UPDATE contacts SET uuid = lower(printf('%s-%s-4%s-%s%s-%s', hex(randomblob(4)),
    hex(randomblob(2)), substr(hex(randomblob(2)), 2), substr('89ab', 1 + (abs(random()) % 4), 1),
    substr(hex(randomblob(2)), 2), hex(randomblob(6))));
CREATE UNIQUE INDEX clients_by_uuid ON clients(uuid);
CREATE UNIQUE INDEX contacts_by_uuid ON contacts(uuid);
";

/// Who made each entry and client, or changed it last (`recorded_by`: on SQLite the
/// operating-system user, see store/user.rs). Rows from before stay NULL: not known. Appended
/// to the rows, after everything the scoring scan reads, and with no index: a log command
/// writes it in the INSERT it makes anyway, and no extra page.
const V5: &str = "
ALTER TABLE entries ADD COLUMN recorded_by TEXT;
ALTER TABLE clients ADD COLUMN recorded_by TEXT;
";

fn version(conn: &Connection) -> Result<i64> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
        .with_context(|| StoreError::said(StoreMsg::ReadSchemaVersion, &[]))
}

fn refuse_newer(v: i64) -> Result<()> {
    if v > CURRENT {
        return Err(
            StoreError::said(StoreMsg::SchemaNewer, &[("v", &v), ("current", &CURRENT)]).into(),
        );
    }
    Ok(())
}

/// For read-only access: the ledger must be at the current version (a reader never upgrades).
pub fn check_readable(conn: &Connection) -> Result<()> {
    let v = version(conn)?;
    refuse_newer(v)?;
    if v == 0 {
        return Err(StoreError::said(StoreMsg::LedgerEmpty, &[]).into());
    }
    if v < CURRENT {
        return Err(
            StoreError::said(StoreMsg::SchemaOlder, &[("v", &v), ("current", &CURRENT)]).into(),
        );
    }
    Ok(())
}

/// Brings the schema up to date. When it is current this reads one pragma and nothing else.
pub fn migrate(conn: &Connection) -> Result<()> {
    let v = version(conn)?;
    refuse_newer(v)?;
    if v == CURRENT {
        return Ok(());
    }
    // Connection::transaction needs &mut; an immediate transaction by hand does the same.
    for (i, sql) in MIGRATIONS.iter().enumerate() {
        let target = i as i64 + 1;
        let tx = rusqlite::Transaction::new_unchecked(conn, TransactionBehavior::Immediate)
            .with_context(|| StoreError::said(StoreMsg::StartUpgrade, &[]))?;
        let v = version(&tx)?;
        refuse_newer(v)?;
        if v >= target {
            continue;
        }
        tx.execute_batch(sql)
            .with_context(|| StoreError::said(StoreMsg::Upgrade, &[("target", &target)]))?;
        tx.pragma_update(None, "user_version", target)?;
        tx.commit()
            .with_context(|| StoreError::said(StoreMsg::CommitUpgrade, &[("target", &target)]))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(conn: &Connection, sql: &str) -> Result<i64> {
        Ok(conn.query_row(sql, [], |r| r.get(0))?)
    }

    #[test]
    fn version_2_moves_the_undo_journal_over_whole() -> Result<()> {
        let conn = Connection::open_in_memory()?;
        conn.execute_batch("PRAGMA foreign_keys = ON;")?;
        // A ledger as version 1 left it, with two journalled changes.
        conn.execute_batch(V1)?;
        conn.pragma_update(None, "user_version", 1)?;
        conn.execute_batch(
            "INSERT INTO journal (at, summary) VALUES ('2026-11-01T10:00:00', 'first'), \
                                                      ('2026-11-02T10:00:00', 'second');
             INSERT INTO journal_rows VALUES (1, 0, 'entries', '1', NULL),
                                             (2, 0, 'entries', '2', '{\"id\":2}'),
                                             (2, 1, 'clients', '1', NULL);",
        )?;
        migrate(&conn)?;
        assert_eq!(one(&conn, "PRAGMA user_version")?, CURRENT);
        assert_eq!(one(&conn, "SELECT count(*) FROM journal")?, 2);
        assert_eq!(one(&conn, "SELECT count(*) FROM journal_rows")?, 3);
        assert_eq!(
            conn.query_row("SELECT summary FROM journal WHERE id = 2", [], |r| r
                .get::<_, String>(0))?,
            "second"
        );
        let sql: String = conn.query_row(
            "SELECT sql FROM sqlite_master WHERE name = 'journal_rows'",
            [],
            |r| r.get(0),
        )?;
        assert!(sql.contains("WITHOUT ROWID"), "{sql}");
        assert_eq!(
            one(
                &conn,
                "SELECT count(*) FROM sqlite_sequence WHERE name = 'journal'"
            )?,
            0
        );
        let broken = conn
            .prepare("PRAGMA foreign_key_check")?
            .query_map([], |_| Ok(()))?
            .count();
        assert_eq!(broken, 0);
        // Undo's delete still takes a change's before-images with it.
        conn.execute("DELETE FROM journal WHERE id = 2", [])?;
        assert_eq!(one(&conn, "SELECT count(*) FROM journal_rows")?, 1);
        // New ids follow the highest.
        conn.execute(
            "INSERT INTO journal (at, summary) VALUES ('2026-11-03T10:00:00', 'third')",
            [],
        )?;
        assert_eq!(one(&conn, "SELECT max(id) FROM journal")?, 2);
        Ok(())
    }

    #[test]
    fn version_4_gives_every_existing_record_its_own_uuid() -> Result<()> {
        let conn = Connection::open_in_memory()?;
        conn.execute_batch(V1)?;
        conn.execute_batch(V2)?;
        conn.execute_batch(V3)?;
        conn.pragma_update(None, "user_version", 3)?;
        for i in 1..=50 {
            conn.execute(
                "INSERT INTO clients (name, name_key, created_at) VALUES (?1, ?1, 'x')",
                [format!("c{i}")],
            )?;
        }
        migrate(&conn)?;
        assert_eq!(one(&conn, "SELECT count(DISTINCT uuid) FROM clients")?, 50);
        let bad = one(
            &conn,
            "SELECT count(*) FROM clients WHERE uuid NOT GLOB \
             '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-*-4*-*-*' \
             OR length(uuid) != 36 OR substr(uuid, 20, 1) NOT IN ('8', '9', 'a', 'b')",
        )?;
        assert_eq!(bad, 0);
        Ok(())
    }

    #[test]
    fn version_5_leaves_who_recorded_the_existing_rows_unknown() -> Result<()> {
        let conn = Connection::open_in_memory()?;
        conn.execute_batch("PRAGMA foreign_keys = ON;")?;
        for sql in [V1, V2, V3, V4] {
            conn.execute_batch(sql)?;
        }
        conn.pragma_update(None, "user_version", 4)?;
        // A version 4 ledger with a client, an entry and the undo image of an earlier change.
        conn.execute_batch(
            "INSERT INTO clients (name, name_key, created_at, uuid) VALUES ('ACME', 'acme', 'x', 'u1');
             INSERT INTO entries (client_id, id, facts, kind, date, created_at, uuid)
                 VALUES (1, 1, x'00', 'gift', '2026-11-01', 'x', 'u2');
             INSERT INTO journal (id, at, summary) VALUES (1, '2026-11-01 10:00:00', 'edited');
             INSERT INTO journal_rows VALUES (1, 0, 'entries', '1', '{\"id\":1}');",
        )?;
        migrate(&conn)?;
        assert_eq!(one(&conn, "PRAGMA user_version")?, 5);
        for table in ["entries", "clients"] {
            let unknown = one(
                &conn,
                &format!("SELECT count(*) FROM {table} WHERE recorded_by IS NULL"),
            )?;
            assert_eq!(unknown, 1, "{table}");
        }
        // The rows and the journal are as they were; nothing is indexed on the new columns.
        assert_eq!(one(&conn, "SELECT count(*) FROM journal_rows")?, 1);
        assert_eq!(
            one(
                &conn,
                "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND sql LIKE '%recorded_by%'"
            )?,
            0
        );
        // A new row takes a name.
        conn.execute("UPDATE entries SET recorded_by = 'anna' WHERE id = 1", [])?;
        assert_eq!(
            conn.query_row("SELECT recorded_by FROM entries", [], |r| r
                .get::<_, String>(0))?,
            "anna"
        );
        Ok(())
    }
}
