//! The people at each client: reads and writes.

use anyhow::{Context, Result};
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde_json::json;

use super::journal::Table;
use super::{Store, Writer};
use crate::i18n::store::StoreMsg;
use crate::model::{Birthday, ClientRef, Contact};
use crate::store::StoreError;

const COLUMNS: &str = "p.id, p.client_id, c.name, p.name, p.role, p.emails, p.phones, \
    p.birthday, p.note, p.uuid";

const FROM: &str = "FROM contacts p JOIN clients c ON c.id = p.client_id";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Contact> {
    let list = |i: usize| -> rusqlite::Result<Vec<String>> {
        let s: String = r.get(i)?;
        Ok(serde_json::from_str(&s).unwrap_or_default())
    };
    let birthday: Option<String> = r.get(7)?;
    Ok(Contact {
        id: r.get(0)?,
        client: ClientRef {
            id: r.get(1)?,
            name: r.get(2)?,
        },
        name: r.get(3)?,
        role: r.get(4)?,
        emails: list(5)?,
        phones: list(6)?,
        birthday: birthday.as_deref().and_then(Birthday::parse),
        note: r.get(8)?,
        uuid: r.get(9)?,
    })
}

/// The people at one client, or at every client, by client and name.
fn list(conn: &Connection, client: Option<i64>) -> Result<Vec<Contact>> {
    let sql = format!(
        "SELECT {COLUMNS} {FROM} WHERE (?1 IS NULL OR p.client_id = ?1) \
         ORDER BY c.name_key, p.name, p.id"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    stmt.query_map([client], from_row)?
        .collect::<rusqlite::Result<_>>()
        .with_context(|| StoreError::said(StoreMsg::ReadContacts, &[]))
}

fn get(conn: &Connection, id: i64) -> Result<Option<Contact>> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} {FROM} WHERE p.id = ?1"))?
        .query_row([id], from_row)
        .optional()
        .with_context(|| StoreError::said(StoreMsg::ReadContact, &[]))
}

/// Which contact person each gift or compliment was for (entry id, contact id).
fn links(conn: &Connection) -> Result<Vec<(i64, i64)>> {
    let mut stmt = conn.prepare_cached("SELECT entry_id, contact_id FROM entry_contacts")?;
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()
        .with_context(|| StoreError::said(StoreMsg::ReadContactLinks, &[]))
}

/// Gifts and compliments for a person's birthday: linked to them, or a birthday gift at
/// their client. (contact id, entry id, kind, date), void entries left out.
fn birthday_gestures(conn: &Connection) -> Result<Vec<crate::report::BirthdayGesture>> {
    let mut stmt = conn.prepare_cached(
        "SELECT ec.contact_id, e.id, e.kind, e.date FROM entry_contacts ec \
           JOIN entries e ON e.id = ec.entry_id WHERE e.void = 0 \
         UNION ALL \
         SELECT p.id, e.id, e.kind, e.date FROM entries e JOIN contacts p \
           ON p.client_id = e.client_id \
         WHERE e.occasion = 'birthday' AND e.void = 0 \
           AND e.id NOT IN (SELECT entry_id FROM entry_contacts)",
    )?;
    let rows = stmt.query_map([], |r| {
        let kind: String = r.get(2)?;
        let date: String = r.get(3)?;
        Ok((r.get(0)?, r.get(1)?, kind, super::read_date(&date)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (c, e, kind, date) =
            row.with_context(|| StoreError::said(StoreMsg::ReadBirthdayGifts, &[]))?;
        if let Some(k) = crate::model::Kind::from_name(&kind) {
            out.push((c, e, k, date));
        }
    }
    Ok(out)
}

impl Store {
    /// What marks a birthday (see `report::birthdays`).
    pub fn birthday_gestures(&self) -> Result<Vec<crate::report::BirthdayGesture>> {
        birthday_gestures(&self.conn)
    }

    pub fn contacts(&self, client: Option<i64>) -> Result<Vec<Contact>> {
        list(&self.conn, client)
    }

    pub fn contact(&self, id: i64) -> Result<Option<Contact>> {
        get(&self.conn, id)
    }

    /// (entry id, contact id) for every gift or compliment given for a contact person.
    pub fn entry_contacts(&self) -> Result<Vec<(i64, i64)>> {
        links(&self.conn)
    }
}

impl Writer<'_> {
    pub fn contacts(&self, client: Option<i64>) -> Result<Vec<Contact>> {
        list(&self.tx, client)
    }

    pub fn contact(&self, id: i64) -> Result<Option<Contact>> {
        get(&self.tx, id)
    }

    /// Adds a person at `p.client` (its `id` is ignored) and returns them as stored.
    pub fn add_contact(&mut self, p: &Contact) -> Result<Contact> {
        self.insert_contact(p, false)
    }

    /// Adds a person, under their own id when `keep_id` (an import into an empty ledger).
    pub fn insert_contact(&mut self, p: &Contact, keep_id: bool) -> Result<Contact> {
        self.tx
            .execute(
                &format!(
                    "INSERT INTO contacts (client_id, name, role, emails, phones, birthday, note, \
                     created_at, uuid, id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, datetime('now'), \
                     coalesce(?8, {}), ?9)",
                    super::schema::NEW_UUID
                ),
                params![
                    p.client.id,
                    p.name,
                    p.role,
                    serde_json::to_string(&p.emails)?,
                    serde_json::to_string(&p.phones)?,
                    p.birthday.map(|b| b.stored()),
                    p.note,
                    p.uuid,
                    keep_id.then_some(p.id)
                ],
            )
            .with_context(|| StoreError::said(StoreMsg::AddContact, &[]))?;
        let id = self.tx.last_insert_rowid();
        self.remember_new(Table::Contacts, json!(id));
        self.contact(id)?
            .with_context(|| StoreError::said(StoreMsg::NewContactVanished, &[]))
    }

    /// Stores every field of `p` over the person with its id.
    pub fn update_contact(&mut self, p: &Contact) -> Result<Contact> {
        self.remember(Table::Contacts, json!(p.id))?;
        self.tx
            .execute(
                "UPDATE contacts SET client_id = ?1, name = ?2, role = ?3, emails = ?4, \
                 phones = ?5, birthday = ?6, note = ?7 WHERE id = ?8",
                params![
                    p.client.id,
                    p.name,
                    p.role,
                    serde_json::to_string(&p.emails)?,
                    serde_json::to_string(&p.phones)?,
                    p.birthday.map(|b| b.stored()),
                    p.note,
                    p.id
                ],
            )
            .with_context(|| StoreError::said(StoreMsg::UpdateContact, &[]))?;
        self.contact(p.id)?
            .with_context(|| StoreError::said(StoreMsg::ContactVanished, &[]))
    }

    /// Removes a person, and which gifts were for them (the gifts stay).
    pub fn remove_contact(&mut self, id: i64) -> Result<()> {
        let linked: Vec<i64> = links(&self.tx)?
            .into_iter()
            .filter(|(_, c)| *c == id)
            .map(|(e, _)| e)
            .collect();
        for e in linked {
            self.remember(Table::EntryContacts, json!(e))?;
        }
        self.remember(Table::Contacts, json!(id))?;
        self.tx
            .execute("DELETE FROM contacts WHERE id = ?1", [id])
            .with_context(|| StoreError::said(StoreMsg::RemoveContact, &[]))?;
        Ok(())
    }

    /// Records that the entry (a gift or compliment) was for this contact person.
    pub fn link_contact(&mut self, entry: i64, contact: i64) -> Result<()> {
        self.remember(Table::EntryContacts, json!(entry))?;
        self.tx
            .execute(
                "INSERT OR REPLACE INTO entry_contacts (entry_id, contact_id) VALUES (?1, ?2)",
                params![entry, contact],
            )
            .with_context(|| StoreError::said(StoreMsg::LinkContact, &[]))?;
        Ok(())
    }
}
