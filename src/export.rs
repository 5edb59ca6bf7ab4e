//! The JSON export document: the whole ledger (clients, every entry including void ones,
//! settings) in a versioned, documented shape that `import` reads back. Pure conversions
//! between the document and the model; see docs/EXPORT.md for the format.

use std::collections::BTreeMap;

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::i18n::commands::CmdMsg;
use crate::i18n::t;
use crate::model::{
    Cause, Channel, Client, ClientRef, Entry, Kind, Money, Occasion, Reschedule, Severity,
};

pub const FORMAT: &str = "relaties-ledger";
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub format: String,
    pub version: u32,
    /// Settings that were set (defaults are not written).
    pub settings: BTreeMap<String, String>,
    pub clients: Vec<ClientDoc>,
    /// The people at the clients (documents from before them have none).
    #[serde(default)]
    pub people: Vec<PersonDoc>,
    pub entries: Vec<EntryDoc>,
}

/// A person at a client.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonDoc {
    pub id: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uuid: Option<String>,
    pub client_id: i64,
    pub name: String,
    pub role: Option<String>,
    pub emails: Vec<String>,
    pub phones: Vec<String>,
    /// `YYYY-MM-DD`, or `--MM-DD` without a year.
    pub birthday: Option<String>,
    pub note: Option<String>,
}

pub fn person_doc(p: &crate::model::Contact, uuid: Option<String>) -> PersonDoc {
    PersonDoc {
        id: p.id,
        uuid,
        client_id: p.client.id,
        name: p.name.clone(),
        role: p.role.clone(),
        emails: p.emails.clone(),
        phones: p.phones.clone(),
        birthday: p.birthday.map(|b| b.stored()),
        note: p.note.clone(),
    }
}

impl PersonDoc {
    /// The person, checked, at `client` (their client in this ledger).
    pub fn to_contact(&self, client: ClientRef) -> Result<crate::model::Contact> {
        let name = self.name.trim();
        if name.is_empty() || name.chars().any(char::is_control) || name.chars().count() > 200 {
            bail!(
                "person #{}: the name {:?} is empty, too long or not one line",
                self.id,
                self.name
            );
        }
        let mut p = crate::model::Contact::new(client, name);
        p.role = self.role.clone();
        p.emails = self.emails.clone();
        p.phones = self.phones.clone();
        p.birthday =
            match &self.birthday {
                None => None,
                Some(b) => Some(crate::model::Birthday::parse(b).with_context(|| {
                    format!("person #{}: birthday {b:?} is not a date", self.id)
                })?),
            };
        p.note = self.note.clone();
        Ok(p)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClientDoc {
    pub id: i64,
    /// The lasting identity: importing a record whose identity the ledger has adds nothing.
    /// Optional on import (documents from before it was written).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uuid: Option<String>,
    pub name: String,
    pub contact: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub since: Option<NaiveDate>,
    pub tags: Vec<String>,
    pub cadence: Option<u32>,
    pub note: Option<String>,
    pub archived: bool,
    /// Anonymized by `client forget --anonymize`.
    pub forgotten: bool,
    /// When the client was added, UTC, `YYYY-MM-DD HH:MM:SS`. Optional on import (then the
    /// time of the import).
    #[serde(default)]
    pub recorded_at: Option<String>,
    /// Who added the client or last changed it; null when not known. Optional on import.
    #[serde(default)]
    pub recorded_by: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CostDoc {
    pub cents: i64,
    pub currency: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RescheduleDoc {
    pub date: NaiveDate,
    pub due: NaiveDate,
    pub agreed: bool,
}

/// Every field of every kind; those of other kinds are null (or false, or empty).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntryDoc {
    pub id: i64,
    /// As a client's `uuid`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uuid: Option<String>,
    pub kind: String,
    pub client_id: i64,
    pub date: NaiveDate,
    pub description: Option<String>,
    pub note: Option<String>,
    pub void: bool,
    pub void_reason: Option<String>,
    pub occasion: Option<String>,
    pub cost: Option<CostDoc>,
    #[serde(rename = "for")]
    pub for_: Option<String>,
    pub channel: Option<String>,
    pub energy: Option<u8>,
    pub proactive: bool,
    /// As first promised; reschedules move it.
    pub due: Option<NaiveDate>,
    pub reschedules: Vec<RescheduleDoc>,
    pub delivered: Option<NaiveDate>,
    pub quality: Option<u8>,
    pub missed: Option<NaiveDate>,
    pub missed_reason: Option<String>,
    pub cause: Option<String>,
    pub severity: Option<String>,
    pub informed: Option<NaiveDate>,
    pub explained: bool,
    pub solution: Option<String>,
    pub resolved: Option<NaiveDate>,
    /// When the entry was recorded, UTC, `YYYY-MM-DD HH:MM:SS`. Optional on import (then the
    /// time of the import).
    #[serde(default)]
    pub recorded_at: Option<String>,
    /// Who recorded the entry or last changed it; null when not known. Optional on import.
    #[serde(default)]
    pub recorded_by: Option<String>,
    /// The person (their `id` among the document's people) a gift or compliment was for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub for_person: Option<i64>,
}

pub fn client_doc(c: &Client, forgotten: bool, recorded_at: Option<String>) -> ClientDoc {
    ClientDoc {
        id: c.id,
        uuid: c.uuid.clone(),
        name: c.name.clone(),
        contact: c.contact.clone(),
        email: c.email.clone(),
        phone: c.phone.clone(),
        since: c.since,
        tags: c.tags.clone(),
        cadence: c.cadence_days,
        note: c.note.clone(),
        archived: c.archived,
        forgotten,
        recorded_at,
        recorded_by: c.recorded_by.clone(),
    }
}

pub fn entry_doc(e: &Entry, recorded_at: Option<String>) -> EntryDoc {
    EntryDoc {
        id: e.id,
        uuid: e.uuid.clone(),
        kind: e.kind.as_str().to_string(),
        client_id: e.client.id,
        date: e.date,
        description: e.description.clone(),
        note: e.note.clone(),
        void: e.void,
        void_reason: e.void_reason.clone(),
        occasion: e.occasion.map(|o| o.as_str().to_string()),
        cost: e.cost.as_ref().map(|m| CostDoc {
            cents: m.cents,
            currency: m.currency.clone(),
        }),
        for_: e.reason.clone(),
        channel: e.channel.map(|c| c.as_str().to_string()),
        energy: e.energy,
        proactive: e.proactive,
        due: e.due,
        reschedules: e
            .reschedules
            .iter()
            .map(|r| RescheduleDoc {
                date: r.date,
                due: r.due,
                agreed: r.agreed,
            })
            .collect(),
        delivered: e.delivered,
        quality: e.quality,
        missed: e.missed,
        missed_reason: e.missed_reason.clone(),
        cause: e.cause.map(|c| c.as_str().to_string()),
        severity: e.severity.map(|c| c.as_str().to_string()),
        informed: e.informed,
        explained: e.explained,
        solution: e.solution.clone(),
        resolved: e.resolved,
        recorded_at,
        recorded_by: e.recorded_by.clone(),
        for_person: None,
    }
}

/// A record's `uuid` as a document carries it: hex digits and dashes, as a UUID is written.
pub fn check_uuid(v: &Option<String>) -> Result<Option<String>> {
    match v.as_deref() {
        None => Ok(None),
        Some(s)
            if (8..=64).contains(&s.len())
                && s.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-') =>
        {
            Ok(Some(s.to_ascii_lowercase()))
        }
        Some(s) => bail!("{}", t(CmdMsg::DocNotUuid, &[("value", &format!("{s:?}"))])),
    }
}

/// Checks a document's `recorded_by` (None: not known): a name as a write would record it
/// (see `store::user::valid`), so that no file can put control characters on a screen.
pub fn check_recorded_by(v: &Option<String>) -> Result<Option<String>> {
    match v.as_deref() {
        None => Ok(None),
        Some(s) if crate::store::user::valid(s) => Ok(Some(s.to_string())),
        Some(s) => bail!(
            "recorded_by {s:?} is not a user name (one line of 1 to {} characters)",
            crate::store::user::MAX_CHARS
        ),
    }
}

/// A write time as the ledger stores it and the document carries it.
pub const RECORDED_FORMAT: &str = "%Y-%m-%d %H:%M:%S";

/// Checks a document's `recorded_at` (None: not given).
pub fn check_recorded(v: &Option<String>) -> Result<Option<&str>> {
    match v.as_deref() {
        None => Ok(None),
        Some(s) => match chrono::NaiveDateTime::parse_from_str(s, RECORDED_FORMAT) {
            Ok(_) => Ok(Some(s)),
            Err(_) => bail!(
                "{}",
                t(CmdMsg::DocNotRecordedTime, &[("value", &format!("{s:?}"))])
            ),
        },
    }
}

impl ClientDoc {
    /// The client as the document has it (`recorded_by` unchecked: see
    /// [`check_recorded_by`]).
    pub fn to_client(&self) -> Client {
        Client {
            id: self.id,
            name: self.name.clone(),
            contact: self.contact.clone(),
            email: self.email.clone(),
            phone: self.phone.clone(),
            since: self.since,
            tags: self.tags.clone(),
            cadence_days: self.cadence,
            note: self.note.clone(),
            archived: self.archived || self.forgotten,
            uuid: self.uuid.clone(),
            recorded_by: self.recorded_by.clone(),
        }
    }
}

/// "unknown kind \"x\"": a value the document holds under `what` that this program does not know.
fn unknown(what: &str, value: &str) -> String {
    t(
        CmdMsg::DocUnknown,
        &[("what", &what), ("value", &format!("{value:?}"))],
    )
}

fn named<T>(what: &str, v: &Option<String>, from: fn(&str) -> Option<T>) -> Result<Option<T>> {
    v.as_deref()
        .map(|s| from(s).with_context(|| unknown(what, s)))
        .transpose()
}

impl EntryDoc {
    /// The entry, checked: known names, values in range, dates in order.
    pub fn to_entry(&self, client: ClientRef) -> Result<Entry> {
        let kind = Kind::from_name(&self.kind).with_context(|| unknown("kind", &self.kind))?;
        let mut e = Entry::new(kind, client, self.date);
        e.id = self.id;
        e.uuid = check_uuid(&self.uuid)?;
        e.recorded_by = check_recorded_by(&self.recorded_by)?;
        e.description = self.description.clone();
        e.note = self.note.clone();
        e.void = self.void;
        e.void_reason = self.void_reason.clone();
        e.occasion = named("occasion", &self.occasion, Occasion::from_name)?;
        e.cost = match &self.cost {
            Some(c) => {
                if c.cents < 0 || c.cents > crate::parse::MAX_AMOUNT_CENTS {
                    bail!("{}", t(CmdMsg::DocCostRange, &[("cents", &c.cents)]));
                }
                let currency = crate::config::currency_code(&c.currency)
                    .with_context(|| unknown("currency", &c.currency))?;
                Some(Money {
                    cents: c.cents,
                    currency,
                })
            }
            None => None,
        };
        e.reason = self.for_.clone();
        e.channel = named("channel", &self.channel, Channel::from_name)?;
        if let Some(n) = self.energy.filter(|n| !(1..=5).contains(n)) {
            bail!(
                "{}",
                t(CmdMsg::DocNotOneToFive, &[("what", &"energy"), ("n", &n)])
            );
        }
        e.energy = self.energy;
        e.proactive = self.proactive;
        e.due = self.due;
        e.reschedules = self
            .reschedules
            .iter()
            .map(|r| Reschedule {
                date: r.date,
                due: r.due,
                agreed: r.agreed,
            })
            .collect();
        e.delivered = self.delivered;
        if let Some(n) = self.quality.filter(|n| !(1..=5).contains(n)) {
            bail!(
                "{}",
                t(CmdMsg::DocNotOneToFive, &[("what", &"quality"), ("n", &n)])
            );
        }
        e.quality = self.quality;
        e.missed = self.missed;
        e.missed_reason = self.missed_reason.clone();
        if e.delivered.is_some() && e.missed.is_some() {
            bail!("{}", t(CmdMsg::DocDeliveredAndMissed, &[]));
        }
        e.cause = named("cause", &self.cause, Cause::from_name)?;
        e.severity = named("severity", &self.severity, Severity::from_name)?;
        e.informed = self.informed;
        e.explained = self.explained;
        e.solution = self.solution.clone();
        e.resolved = self.resolved;
        if kind == Kind::Commitment && e.due.is_none() {
            bail!("{}", t(CmdMsg::DocNeedsDue, &[]));
        }
        Ok(e)
    }
}

impl Document {
    pub fn new(
        settings: BTreeMap<String, String>,
        clients: Vec<ClientDoc>,
        entries: Vec<EntryDoc>,
    ) -> Document {
        Document {
            format: FORMAT.into(),
            version: VERSION,
            settings,
            clients,
            people: Vec::new(),
            entries,
        }
    }

    /// A whole document in memory (see [`read_document`], which it reads with).
    pub fn parse(text: &str) -> Result<Document> {
        #[derive(Default)]
        struct Collect {
            clients: Vec<ClientDoc>,
            people: Vec<PersonDoc>,
            entries: Vec<EntryDoc>,
        }
        impl DocumentSink for Collect {
            fn client(&mut self, _: u64, doc: ClientDoc) -> Result<()> {
                self.clients.push(doc);
                Ok(())
            }
            fn person(&mut self, _: u64, doc: PersonDoc) -> Result<()> {
                self.people.push(doc);
                Ok(())
            }
            fn entry(&mut self, _: u64, doc: EntryDoc) -> Result<()> {
                self.entries.push(doc);
                Ok(())
            }
        }
        let mut all = Collect::default();
        let settings = read_document(text.as_bytes(), "the document", &mut all)?;
        let mut doc = Document::new(settings, all.clients, all.entries);
        doc.people = all.people;
        Ok(doc)
    }
}

/// What reading a document hands over, record by record, as it is read.
pub trait DocumentSink {
    /// The next client; `record` counts the document's clients and entries from 1.
    fn client(&mut self, record: u64, doc: ClientDoc) -> Result<()>;
    /// The next person (every client comes before them; a document may have none).
    fn person(&mut self, _record: u64, _doc: PersonDoc) -> Result<()> {
        Ok(())
    }
    /// The next entry (every client comes before it).
    fn entry(&mut self, record: u64, doc: EntryDoc) -> Result<()>;
}

/// The document's keys, in the order an export writes them.
const KEYS: &[&str] = &[
    "format", "version", "settings", "clients", "entries", "people",
];

/// Where a document stops being JSON: serde's own words in English; in Dutch, where (serde's
/// words for a syntax error are English, and only the place helps).
fn json_syntax(e: &serde_json::Error) -> String {
    match crate::i18n::lang() {
        crate::i18n::Lang::En => e.to_string(),
        crate::i18n::Lang::Nl => t(
            CmdMsg::DocJsonAt,
            &[("line", &e.line()), ("column", &e.column())],
        ),
    }
}

/// What serde says is wrong in a document ("missing field `name` at line 3 column 5"): as it
/// says it in English; in Dutch its known forms in Dutch, with where, and any other as it is.
fn serde_said(msg: &str) -> String {
    if crate::i18n::lang() == crate::i18n::Lang::En {
        return msg.to_string();
    }
    let (what, at) = match msg.rsplit_once(" at line ").and_then(|(what, pos)| {
        let (line, column) = pos.split_once(" column ")?;
        let (line, column) = (line.parse::<u64>().ok()?, column.parse::<u64>().ok()?);
        Some((what, (line, column)))
    }) {
        Some((what, at)) => (what, Some(at)),
        None => (msg, None),
    };
    let field = |prefix: &str| {
        what.strip_prefix(prefix)
            .and_then(|rest| rest.split('`').next())
    };
    let said = if let Some(f) = field("missing field `") {
        t(CmdMsg::DocMissingField, &[("field", &f)])
    } else if let Some(f) = field("unknown field `") {
        t(CmdMsg::DocUnknownField, &[("field", &f)])
    } else if let Some(f) = field("duplicate field `") {
        t(CmdMsg::DocDuplicateField, &[("field", &f)])
    } else if what.starts_with("invalid type: ") {
        t(CmdMsg::DocWrongType, &[])
    } else if what.starts_with("invalid value: ") || what.starts_with("invalid length ") {
        t(CmdMsg::DocInvalidValue, &[])
    } else {
        return msg.to_string();
    };
    match at {
        Some((line, column)) => t(
            CmdMsg::DocSaidAt,
            &[
                ("what", &said),
                (
                    "at",
                    &t(CmdMsg::DocJsonAt, &[("line", &line), ("column", &column)]),
                ),
            ],
        ),
        None => said,
    }
}

fn not_an_export() -> anyhow::Error {
    anyhow::anyhow!("{}", t(CmdMsg::DocNotAnExport, &[("format", &FORMAT)]))
}

/// Reads a document from `input` as it comes, handing each client and entry to `sink` as
/// soon as it is read, so that memory holds one record however large the document; returns
/// the settings. No record may take more than [`MAX_RECORD_BYTES`] of the file. The keys may
/// come in any order, except that `format` and `version` come before the clients and the
/// clients before the entries (as an export writes them). Errors in the document itself start
/// with `cannot import {what}: `; errors of the sink are passed on as they are.
///
/// [`MAX_RECORD_BYTES`]: crate::formats::bounded::MAX_RECORD_BYTES
pub fn read_document(
    input: impl std::io::Read,
    what: &str,
    sink: &mut dyn DocumentSink,
) -> Result<BTreeMap<String, String>> {
    use crate::formats::bounded::{Bounded, Budget, MAX_RECORD_BYTES};
    use serde::Deserializer as _;

    let budget = Budget::new(MAX_RECORD_BYTES, t(CmdMsg::DocHead, &[]));
    let reader = std::io::BufReader::with_capacity(1 << 16, Bounded::new(input, budget.clone()));
    let mut state = Reading {
        sink,
        budget: budget.clone(),
        what,
        records: 0,
        format_seen: false,
        failed: None,
    };
    let mut de = serde_json::Deserializer::from_reader(reader);
    let read = (&mut de)
        .deserialize_map(DocVisitor(&mut state))
        .and_then(|settings| de.end().map(|()| settings));
    match read {
        Ok(settings) => Ok(settings),
        Err(e) => Err(match state.failed.take() {
            Some(kept) => kept,
            None if budget.tripped() => {
                anyhow::anyhow!(
                    "{}",
                    t(
                        CmdMsg::CannotImport,
                        &[("name", &what), ("why", &budget.message())]
                    )
                )
            }
            None => match e.classify() {
                serde_json::error::Category::Io => {
                    anyhow::anyhow!(
                        "{}",
                        t(CmdMsg::DocCannotRead, &[("name", &what), ("cause", &e)])
                    )
                }
                // Not even an object with our format first: some other JSON.
                serde_json::error::Category::Data if !state.format_seen => {
                    not_an_export().context(t(CmdMsg::DocCannotImport, &[("name", &what)]))
                }
                serde_json::error::Category::Data => {
                    anyhow::anyhow!(
                        "{}",
                        t(
                            CmdMsg::DocMalformed,
                            &[("name", &what), ("detail", &serde_said(&e.to_string()))]
                        )
                    )
                }
                _ => anyhow::anyhow!(
                    "{}",
                    t(
                        CmdMsg::DocNotJson,
                        &[("name", &what), ("detail", &json_syntax(&e))]
                    )
                ),
            },
        }),
    }
}

/// The state of [`read_document`] while serde walks the document.
struct Reading<'a> {
    sink: &'a mut dyn DocumentSink,
    budget: std::rc::Rc<crate::formats::bounded::Budget>,
    what: &'a str,
    records: u64,
    /// Whether `"format": "relaties-ledger"` was read.
    format_seen: bool,
    /// The error that stopped the reading, kept whole (serde carries only a message).
    failed: Option<anyhow::Error>,
}

impl Reading<'_> {
    /// Keeps `e` as the error to report and gives serde one to stop with.
    fn fail<E: serde::de::Error>(&mut self, e: anyhow::Error) -> E {
        let msg = format!("{e:#}");
        self.failed = Some(e);
        E::custom(msg)
    }

    /// An error in the document itself.
    fn fail_document<E: serde::de::Error>(&mut self, e: impl std::fmt::Display) -> E {
        let e = anyhow::anyhow!(
            "{}",
            t(CmdMsg::CannotImport, &[("name", &self.what), ("why", &e)])
        );
        self.fail(e)
    }

    /// A record could not be read: too large, or malformed.
    fn fail_record<E: serde::de::Error>(&mut self, e: E) -> E {
        if self.budget.tripped() {
            let msg = self.budget.message();
            self.fail_document(msg)
        } else {
            let n = self.records;
            let e = serde_said(&e.to_string());
            self.fail_document(t(CmdMsg::DocRecord, &[("n", &n), ("detail", &e)]))
        }
    }

    /// Reads a JSON array of `T`, handing each to `take`.
    fn each<'de, T: Deserialize<'de>, A: serde::de::SeqAccess<'de>>(
        &mut self,
        mut seq: A,
        take: fn(&mut dyn DocumentSink, u64, T) -> Result<()>,
    ) -> std::result::Result<(), A::Error> {
        loop {
            let n = self.records + 1;
            self.budget.start(n);
            match seq.next_element::<T>() {
                Ok(Some(doc)) => {
                    self.records = n;
                    if let Err(e) = take(&mut *self.sink, n, doc) {
                        return Err(self.fail(e));
                    }
                }
                Ok(None) => return Ok(()),
                Err(e) => {
                    self.records = n;
                    return Err(self.fail_record(e));
                }
            }
        }
    }
}

struct DocVisitor<'s, 'a>(&'s mut Reading<'a>);

impl<'de> serde::de::Visitor<'de> for DocVisitor<'_, '_> {
    type Value = BTreeMap<String, String>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a relaties export (a JSON object)")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(
        self,
        mut map: A,
    ) -> std::result::Result<Self::Value, A::Error> {
        use serde::de::Error;
        let st = self.0;
        let mut seen = [false; 6];
        let mut settings: Option<BTreeMap<String, String>> = None;
        while let Some(key) = map.next_key::<String>()? {
            let Some(i) = KEYS.iter().position(|k| *k == key) else {
                if !seen[0] {
                    return Err(st.fail(
                        not_an_export().context(t(CmdMsg::DocCannotImport, &[("name", &st.what)])),
                    ));
                }
                return Err(A::Error::unknown_field(&key, KEYS));
            };
            if seen[i] {
                return Err(A::Error::duplicate_field(KEYS[i]));
            }
            seen[i] = true;
            match i {
                0 => {
                    let f: String = map.next_value()?;
                    if f != FORMAT {
                        return Err(st.fail(
                            not_an_export()
                                .context(t(CmdMsg::DocCannotImport, &[("name", &st.what)])),
                        ));
                    }
                    st.format_seen = true;
                }
                1 => {
                    let v: u64 = map.next_value()?;
                    if v != u64::from(VERSION) {
                        return Err(st.fail_document(t(
                            CmdMsg::DocVersion,
                            &[("v", &v), ("version", &VERSION)],
                        )));
                    }
                }
                2 => settings = Some(map.next_value()?),
                // 3, 4 and 5: the clients, the entries and the people.
                _ => {
                    if !(seen[0] && seen[1]) {
                        return Err(st.fail_document(t(CmdMsg::DocFormatFirst, &[])));
                    }
                    if i == 4 && !seen[3] {
                        return Err(st.fail_document(t(CmdMsg::DocClientsFirst, &[])));
                    }
                    if i == 5 && (!seen[3] || seen[4]) {
                        return Err(st.fail_document(t(CmdMsg::DocPeopleOrder, &[])));
                    }
                    map.next_value_seed(Records {
                        st: &mut *st,
                        what: i,
                    })?;
                }
            }
        }
        if !seen[0] {
            return Err(
                st.fail(not_an_export().context(t(CmdMsg::DocCannotImport, &[("name", &st.what)])))
            );
        }
        // The people are optional (documents from before them).
        for (i, k) in KEYS.iter().enumerate().take(5) {
            if !seen[i] {
                return Err(A::Error::missing_field(k));
            }
        }
        settings.ok_or_else(|| A::Error::missing_field("settings"))
    }
}

/// The clients', the entries' or the people's array, read one record at a time.
struct Records<'s, 'a> {
    st: &'s mut Reading<'a>,
    /// Its index in `KEYS`.
    what: usize,
}

impl<'de> serde::de::DeserializeSeed<'de> for Records<'_, '_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Records<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self.what {
            3 => "an array of clients",
            5 => "an array of people",
            _ => "an array of entries",
        })
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> std::result::Result<(), A::Error> {
        match self.what {
            3 => self
                .st
                .each::<ClientDoc, A>(seq, |sink, n, doc| sink.client(n, doc)),
            5 => self
                .st
                .each::<PersonDoc, A>(seq, |sink, n, doc| sink.person(n, doc)),
            _ => self
                .st
                .each::<EntryDoc, A>(seq, |sink, n, doc| sink.entry(n, doc)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recorded_times_must_be_utc_date_and_time() {
        assert_eq!(check_recorded(&None).expect("absent"), None);
        let ok = Some("2026-11-27 05:20:11".to_string());
        assert_eq!(
            check_recorded(&ok).expect("valid"),
            Some("2026-11-27 05:20:11")
        );
        for bad in [
            "2026-11-27",
            "2026-11-27T05:20:11Z",
            "2026-13-01 00:00:00",
            "now",
            "",
        ] {
            let err = check_recorded(&Some(bad.into())).expect_err(bad);
            assert!(err.to_string().contains("YYYY-MM-DD HH:MM:SS"), "{err}");
        }
    }

    #[test]
    fn rejects_other_documents_and_versions() {
        assert!(Document::parse("[]").is_err());
        let e = Document::parse(r#"{"format":"relaties-ledger","version":9}"#).expect_err("newer");
        assert!(e.to_string().contains("version 9"), "{e}");
        let e = Document::parse(
            r#"{"format":"relaties-ledger","version":1,"settings":{},"clients":[],"entries":[],"x":1}"#,
        )
        .expect_err("unknown key");
        assert!(format!("{e:#}").contains("unknown field"), "{e:#}");
    }

    fn read_err(text: &str) -> String {
        let e = Document::parse(text).expect_err(text);
        format!("{e:#}")
    }

    #[test]
    fn a_document_is_read_record_by_record_with_clear_errors() {
        // Records reach the sink numbered in file order, clients before entries.
        struct Seen(Vec<(u64, &'static str, i64)>);
        impl DocumentSink for Seen {
            fn client(&mut self, n: u64, d: ClientDoc) -> Result<()> {
                self.0.push((n, "client", d.id));
                Ok(())
            }
            fn entry(&mut self, n: u64, d: EntryDoc) -> Result<()> {
                self.0.push((n, "entry", d.id));
                if d.id == 99 {
                    bail!("the sink refuses entry #99");
                }
                Ok(())
            }
        }
        let c = client_doc(&Client::named("A"), false, None);
        let e = entry_doc(
            &Entry::new(
                Kind::Gift,
                ClientRef::default(),
                NaiveDate::from_ymd_opt(2026, 1, 2).expect("d"),
            ),
            None,
        );
        let doc = Document::new(BTreeMap::new(), vec![c.clone(), c], vec![e.clone(), e]);
        let text = serde_json::to_string(&doc).expect("json");
        let mut seen = Seen(Vec::new());
        read_document(text.as_bytes(), "x.json", &mut seen).expect("reads");
        assert_eq!(
            seen.0,
            [
                (1, "client", 0),
                (2, "client", 0),
                (3, "entry", 0),
                (4, "entry", 0)
            ]
        );
        // The sink's own error comes back as it was, without the file's name.
        let mut bad = doc.clone();
        bad.entries[1].id = 99;
        let text = serde_json::to_string(&bad).expect("json");
        let e =
            read_document(text.as_bytes(), "x.json", &mut Seen(Vec::new())).expect_err("refused");
        assert_eq!(format!("{e:#}"), "the sink refuses entry #99");

        let head = r#"{"format":"relaties-ledger","version":1,"settings":{},"#;
        for (text, says) in [
            ("[]", "not a relaties export"),
            ("\"x\"", "not a relaties export"),
            (r#"{"a":1}"#, "not a relaties export"),
            ("", "not valid JSON"),
            (
                &format!("{head}\"entries\":[],\"clients\":[]}}"),
                "the clients must come before the entries",
            ),
            (
                r#"{"clients":[],"format":"relaties-ledger"}"#,
                "\"format\" and \"version\" must come before",
            ),
            (
                &format!("{head}\"clients\":[],\"entries\":[]}} x"),
                "trailing characters",
            ),
            (
                &format!("{head}\"clients\":[{{\"id\":1}}],\"entries\":[]}}"),
                "record 1: missing field",
            ),
            (
                &format!("{head}\"clients\":[],\"clients\":[],\"entries\":[]}}"),
                "duplicate field `clients`",
            ),
            (
                r#"{"format":"relaties-ledger","version":1,"clients":[],"entries":[]}"#,
                "missing field `settings`",
            ),
        ] {
            let e = read_err(text);
            assert!(e.contains(says), "{text}: {e}");
            assert!(e.starts_with("cannot import the document: "), "{text}: {e}");
        }
    }

    #[test]
    fn a_record_over_the_budget_is_named() {
        // The reader counts in 64 KiB reads: a record is stopped within that of the limit.
        let note = "x".repeat((crate::formats::bounded::MAX_RECORD_BYTES + (100 << 10)) as usize);
        let mut c = client_doc(&Client::named("A"), false, None);
        let doc = Document::new(BTreeMap::new(), vec![c.clone()], Vec::new());
        c.note = Some(note);
        let mut big = doc.clone();
        big.clients.push(c);
        let e = read_err(&serde_json::to_string(&big).expect("json"));
        assert_eq!(
            e,
            "cannot import the document: record 2 is larger than 4 MiB; is this the right file?"
        );
    }

    #[test]
    fn entries_round_trip_through_the_document() {
        let c = ClientRef {
            id: 3,
            name: "ACME".into(),
        };
        let mut e = Entry::new(
            Kind::Commitment,
            c.clone(),
            NaiveDate::from_ymd_opt(2026, 1, 2).expect("d"),
        );
        e.id = 9;
        e.due = NaiveDate::from_ymd_opt(2026, 2, 1);
        e.reschedules.push(Reschedule {
            date: NaiveDate::from_ymd_opt(2026, 1, 20).expect("d"),
            due: NaiveDate::from_ymd_opt(2026, 2, 10).expect("d"),
            agreed: true,
        });
        e.delivered = NaiveDate::from_ymd_opt(2026, 2, 9);
        e.quality = Some(4);
        e.recorded_by = Some("anna".into());
        let doc = entry_doc(&e, Some("2026-01-02 09:30:00".into()));
        assert_eq!(doc.recorded_by.as_deref(), Some("anna"));
        assert_eq!(doc.to_entry(c.clone()).expect("valid"), e);
        // Who recorded it is checked as a write would record it.
        let mut bad = doc.clone();
        bad.recorded_by = Some("anna\x1b[2J".into());
        let err = bad.to_entry(c).expect_err("a control character");
        assert!(format!("{err:#}").contains("recorded_by"), "{err:#}");
    }
}
