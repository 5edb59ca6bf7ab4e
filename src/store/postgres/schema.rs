//! A team ledger's schema, roles and grants: what `team init` creates and `doctor` checks.
//!
//! The tables live in their own schema (`relaties`) and mirror a SQLite ledger's columns, so
//! the same ledger reads back the same on either engine. Text that is sorted or compared
//! uses the "C" collation: byte order, as SQLite's. Three group roles, named after the
//! database so two ledgers on one server do not clash, carry the rights:
//!
//! - `<db>_reader`: reads everything;
//! - `<db>_member`: also inserts and updates, and deletes only rows it made (row-level
//!   security); no `TRUNCATE`, no settings, no erasing clients;
//! - `<db>_owner`: everything, and may grant and revoke the three roles.

use anyhow::{Context, Result};

use crate::i18n::team::TeamMsg;
use crate::store::StoreError;

/// The schema version a team ledger of this program has.
pub const CURRENT: i64 = 1;

/// The PostgreSQL schema the tables live in.
pub const SCHEMA: &str = "relaties";

/// The roles of a ledger, from least to most.
pub const ROLES: [&str; 3] = ["reader", "member", "owner"];

/// `"name"` as an SQL identifier.
pub fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// `'text'` as an SQL literal.
pub fn literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// The group role for `role` (reader, member, owner) of the ledger in database `db`.
pub fn role_name(db: &str, role: &str) -> String {
    format!("{db}_{role}")
}

/// The tables, as of version 1. `T` is text in byte order.
fn tables() -> String {
    let t = "text COLLATE \"C\"";
    format!(
        "
CREATE TABLE meta (key {t} PRIMARY KEY, value {t} NOT NULL);
CREATE TABLE sequences (name {t} PRIMARY KEY, next bigint NOT NULL);
INSERT INTO sequences (name, next) VALUES ('clients', 1), ('entries', 1), ('contacts', 1),
    ('changes', 0);
CREATE TABLE clients (
    id           bigint PRIMARY KEY,
    name         {t} NOT NULL,
    name_key     {t} NOT NULL UNIQUE,
    contact      {t},
    email        {t},
    phone        {t},
    since        {t},
    tags         {t} NOT NULL DEFAULT '[]',
    cadence_days bigint,
    note         {t},
    archived     boolean NOT NULL DEFAULT false,
    forgotten    boolean NOT NULL DEFAULT false,
    created_at   {t} NOT NULL,
    uuid         {t} UNIQUE,
    recorded_by  {t}
);
CREATE TABLE entries (
    client_id     bigint NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    id            bigint PRIMARY KEY,
    void          boolean NOT NULL DEFAULT false,
    facts         bytea NOT NULL,
    description   {t},
    reschedules   {t},
    kind          {t} NOT NULL CHECK (kind IN
                    ('gift','compliment','milestone','touch','commitment','incident')),
    date          {t} NOT NULL,
    note          {t},
    void_reason   {t},
    occasion      {t},
    cost_cents    bigint,
    currency      {t},
    reason        {t},
    channel       {t},
    energy        bigint,
    proactive     boolean NOT NULL DEFAULT false,
    due           {t},
    delivered     {t},
    quality       bigint,
    missed        {t},
    missed_reason {t},
    cause         {t},
    severity      {t},
    informed      {t},
    explained     boolean NOT NULL DEFAULT false,
    solution      {t},
    resolved      {t},
    created_at    {t} NOT NULL,
    uuid          {t},
    recorded_by   {t}
);
CREATE INDEX entries_by_client ON entries (client_id, id);
CREATE INDEX entries_by_date ON entries (date, id);
CREATE TABLE settings (key {t} PRIMARY KEY, value {t} NOT NULL, recorded_by {t});
CREATE TABLE contacts (
    id          bigint PRIMARY KEY,
    client_id   bigint NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    name        {t} NOT NULL,
    role        {t},
    emails      {t} NOT NULL DEFAULT '[]',
    phones      {t} NOT NULL DEFAULT '[]',
    birthday    {t},
    note        {t},
    created_at  {t} NOT NULL,
    uuid        {t} UNIQUE,
    recorded_by {t}
);
CREATE INDEX contacts_by_client ON contacts (client_id);
CREATE TABLE entry_contacts (
    entry_id    bigint PRIMARY KEY REFERENCES entries(id) ON DELETE CASCADE,
    contact_id  bigint NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    recorded_by {t}
);
CREATE INDEX entry_contacts_by_contact ON entry_contacts (contact_id);
CREATE TABLE journal (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at          {t} NOT NULL,
    summary     {t} NOT NULL,
    final       boolean NOT NULL DEFAULT false,
    recorded_by {t}
);
CREATE TABLE journal_rows (
    journal_id bigint NOT NULL REFERENCES journal(id) ON DELETE CASCADE,
    seq        bigint NOT NULL,
    tbl        {t} NOT NULL,
    row_key    {t} NOT NULL,
    before     jsonb,
    PRIMARY KEY (journal_id, seq)
);
CREATE INDEX journal_rows_by_row ON journal_rows (tbl, row_key);
"
    )
}

/// The tables whose rows say who wrote them last (row-level security tells them apart).
pub const STAMPED: [&str; 6] = [
    "clients",
    "entries",
    "contacts",
    "entry_contacts",
    "settings",
    "journal",
];

/// Everything `team init` runs, in one transaction, as the login that owns the database.
pub fn init_sql(db: &str) -> String {
    let [reader, member, owner] = ROLES.map(|r| ident(&role_name(db, r)));
    let owner_name = literal(&role_name(db, "owner"));
    let mut sql = format!(
        "CREATE SCHEMA {SCHEMA};\nSET LOCAL search_path = {SCHEMA};\n{}",
        tables()
    );
    sql.push_str(&format!(
        "INSERT INTO meta (key, value) VALUES ('schema_version', '{CURRENT}'), \
         ('database', {});\n",
        literal(db)
    ));
    // Who wrote a row is the server's word, not the client's: the login, except that an
    // owner may keep the name an imported row came with (moving a ledger in), also none (a
    // row of a ledger that never knew its writers), so that it reads back as it was; and a
    // row a login writes back exactly as its own journalled change found it (its undo) keeps
    // the writer it had then. That last cannot be forged: the whole row must be what the
    // journal says it was.
    sql.push_str(&format!(
        "CREATE FUNCTION {SCHEMA}.stamp() RETURNS trigger LANGUAGE plpgsql \
         SET search_path = pg_catalog AS $$
BEGIN
    IF NOT pg_has_role(session_user, {owner_name}, 'MEMBER') THEN
        IF TG_OP = 'INSERT' THEN
            NEW.made_by := session_user;
        ELSE
            NEW.made_by := OLD.made_by;
            IF NEW.recorded_by IS DISTINCT FROM session_user AND EXISTS (
                SELECT 1 FROM {SCHEMA}.journal_rows r
                JOIN {SCHEMA}.journal j ON j.id = r.journal_id
                WHERE j.recorded_by = session_user AND r.tbl = TG_TABLE_NAME
                AND r.before = to_jsonb(NEW)) THEN
                RETURN NEW;
            END IF;
        END IF;
        NEW.recorded_by := session_user;
    ELSIF TG_OP = 'INSERT' AND NEW.made_by IS NULL THEN
        NEW.made_by := session_user;
    END IF;
    RETURN NEW;
END $$;\n"
    ));
    // Who made a row (inserted it) stays with it through every change: a member deletes only
    // rows it made (undoing its own additions). `recorded_by` cannot be the test, as any
    // member's update makes a row "theirs".
    for t in STAMPED {
        sql.push_str(&format!(
            "ALTER TABLE {t} ADD COLUMN made_by text COLLATE \"C\";\n"
        ));
    }
    for t in STAMPED {
        sql.push_str(&format!(
            "CREATE TRIGGER stamp BEFORE INSERT OR UPDATE ON {t} \
             FOR EACH ROW EXECUTE FUNCTION {SCHEMA}.stamp();\n"
        ));
    }
    for role in [&reader, &member, &owner] {
        sql.push_str(&format!(
            "DO $$ BEGIN CREATE ROLE {role} NOLOGIN; \
             EXCEPTION WHEN duplicate_object THEN NULL; END $$;\n"
        ));
    }
    let all = "meta, sequences, clients, entries, settings, contacts, entry_contacts, journal, \
               journal_rows";
    sql.push_str(&format!(
        "REVOKE ALL ON SCHEMA {SCHEMA} FROM PUBLIC;
GRANT USAGE ON SCHEMA {SCHEMA} TO {reader}, {member}, {owner};
GRANT SELECT ON {all} TO {reader}, {member}, {owner};
GRANT INSERT, UPDATE ON sequences, clients, entries, contacts, entry_contacts, journal,
    journal_rows TO {member};
GRANT DELETE ON entries, contacts, entry_contacts, journal TO {member};
GRANT INSERT, UPDATE, DELETE ON {all} TO {owner};
GRANT TRUNCATE ON clients, entries, contacts, entry_contacts, journal, journal_rows TO {owner};
GRANT {reader} TO {owner} WITH ADMIN OPTION;
GRANT {member} TO {owner} WITH ADMIN OPTION;
GRANT {owner} TO CURRENT_USER WITH ADMIN OPTION;
"
    ));
    for t in STAMPED {
        sql.push_str(&format!(
            "ALTER TABLE {t} ENABLE ROW LEVEL SECURITY;
CREATE POLICY read ON {t} FOR SELECT USING (true);
CREATE POLICY add ON {t} FOR INSERT TO {member}, {owner} WITH CHECK (true);
CREATE POLICY change ON {t} FOR UPDATE TO {member}, {owner} USING (true) WITH CHECK (true);
CREATE POLICY remove_own ON {t} FOR DELETE TO {member} USING (made_by = session_user);
CREATE POLICY remove_any ON {t} FOR DELETE TO {owner} USING (true);
"
        ));
    }
    sql
}

/// The ledger's schema version, or an error saying how to make one.
pub fn version(db: &mut postgres::Client, shown: &str) -> Result<i64> {
    let row = db
        .query_opt(
            "SELECT value FROM relaties.meta WHERE key = 'schema_version'",
            &[],
        )
        .map_err(|e| match e.code() {
            Some(c) if *c == postgres::error::SqlState::UNDEFINED_TABLE => anyhow::Error::from(
                StoreError::said(TeamMsg::NoLedgerThere, &[("ledger", &shown)]),
            ),
            Some(c) if *c == postgres::error::SqlState::INSUFFICIENT_PRIVILEGE => {
                anyhow::Error::from(StoreError::said(TeamMsg::MayNotRead, &[("ledger", &shown)]))
            }
            _ => anyhow::Error::from(e).context(StoreError::said(
                crate::i18n::store::StoreMsg::ReadSchemaVersion,
                &[],
            )),
        })?;
    let v: i64 = row
        .map(|r| r.try_get::<_, &str>(0).map(|s| s.parse().unwrap_or(-1)))
        .transpose()?
        .with_context(|| StoreError::said(crate::i18n::store::StoreMsg::ReadSchemaVersion, &[]))?;
    if v > CURRENT {
        return Err(StoreError::said(
            TeamMsg::Newer,
            &[("ledger", &shown), ("v", &v), ("current", &CURRENT)],
        )
        .into());
    }
    if v < 1 {
        return Err(StoreError::said(crate::i18n::store::StoreMsg::ReadSchemaVersion, &[]).into());
    }
    Ok(v)
}

/// The database's name as the ledger was made for it (roles are named after it).
pub fn database(db: &mut postgres::Client) -> Result<String> {
    let row = db
        .query_one(
            "SELECT value FROM relaties.meta WHERE key = 'database'",
            &[],
        )
        .with_context(|| StoreError::said(crate::i18n::store::StoreMsg::ReadLedger, &[]))?;
    Ok(row.try_get::<_, String>(0)?)
}
