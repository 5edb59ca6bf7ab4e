//! Data in and out: export, import, backup, completions, man.

use crate::i18n::commands::CmdMsg;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{IsTerminal, Read, Write};
use std::path::Path;

use anyhow::{Context, Result, bail};
use serde_json::json;

use super::scan::{config, scan};
use super::{Ctx, files, usage};
use crate::cli::{
    BackupArgs, Cli, CompletionsArgs, CsvWhat, ExportArgs, ExportFormat, ImportArgs, ImportFormat,
};
use crate::export;
use crate::formats;
use crate::formats::bounded::MAX_RECORD_BYTES;
use crate::model::{Client, Entry, Kind, Status};
use crate::report::UpcomingBuilder;
use crate::store::{EntryFilter, Ledger, Texts, Txn};

/// Days of occasions an ICS export looks ahead.
const ICS_DAYS: u64 = 365;

/// Every entry, void ones and archived clients' included, oldest first.
fn all_entries(store: &dyn Ledger) -> Result<Vec<Entry>> {
    let mut v = store.entries(&EntryFilter {
        include_void: true,
        include_archived: true,
        ..Default::default()
    })?;
    v.reverse();
    Ok(v)
}

pub fn export(ctx: &mut Ctx, a: ExportArgs) -> Result<()> {
    if ctx.out.json && a.format != ExportFormat::Json {
        return Err(usage(crate::i18n::t(CmdMsg::JsonNeedsJson, &[])));
    }
    if a.excel && a.format != ExportFormat::Csv {
        return Err(usage(crate::i18n::t(CmdMsg::ExcelNeedsCsv, &[])));
    }
    let store = ctx.read()?;
    // `-o -` is standard output.
    let file = a.output.as_deref().filter(|p| p.as_os_str() != "-");
    match file {
        Some(path) => files::check_target(path, ctx.location().file(), a.force)?,
        None => files::check_stdout(ctx.location().file())?,
    }
    let today = ctx.today;
    let write = |w: &mut dyn Write| -> Result<()> {
        match a.format {
            ExportFormat::Json => export_json(&*store, w),
            ExportFormat::Csv => export_csv(&*store, a.what, a.excel, w),
            ExportFormat::Ics => Ok(w.write_all(export_ics(&*store, today)?.as_bytes())?),
            ExportFormat::Hledger => {
                let gifts: Vec<Entry> = all_entries(&*store)?
                    .into_iter()
                    .filter(|e| e.kind == Kind::Gift && !e.void)
                    .collect();
                let text = formats::hledger::render(&gifts, &config(&*store)?.hledger_account);
                Ok(w.write_all(text.as_bytes())?)
            }
        }
    };
    match file {
        Some(path) => {
            let bytes = files::write_whole(path, write)?;
            ctx.out.show(
                || json!({"output": path.display().to_string(), "bytes": bytes}),
                || crate::i18n::t(CmdMsg::Wrote, &[("path", &path.display().to_string())]),
            )
        }
        None => ctx.out.stream(write),
    }
}

/// The JSON export, written as it is read (see [`export::Document`] for its shape, which
/// this serializes to byte for byte): the entries go out one at a time, straight from the
/// ledger, so that memory does not grow with the ledger.
struct Streamed<'a> {
    store: &'a dyn Ledger,
    settings: BTreeMap<String, String>,
    clients: Vec<export::ClientDoc>,
    people: Vec<export::PersonDoc>,
    /// Entry id → the person it was for.
    for_person: HashMap<i64, i64>,
}

impl serde::Serialize for Streamed<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut doc = s.serialize_struct("Document", 6)?;
        doc.serialize_field("format", export::FORMAT)?;
        doc.serialize_field("version", &export::VERSION)?;
        doc.serialize_field("settings", &self.settings)?;
        doc.serialize_field("clients", &self.clients)?;
        doc.serialize_field("people", &self.people)?;
        doc.serialize_field("entries", &StreamedEntries(self.store, &self.for_person))?;
        doc.end()
    }
}

struct StreamedEntries<'a>(&'a dyn Ledger, &'a HashMap<i64, i64>);

impl serde::Serialize for StreamedEntries<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::{Error, SerializeSeq};
        let mut seq = s.serialize_seq(None)?;
        let mut failed: Option<S::Error> = None;
        let read = self.0.each_entry_recorded(false, &mut |e, recorded_at| {
            let mut doc = export::entry_doc(e, Some(recorded_at.to_string()));
            doc.for_person = self.1.get(&e.id).copied();
            seq.serialize_element(&doc).map_err(|err| {
                failed = Some(err);
                anyhow::anyhow!("{}", crate::i18n::t(CmdMsg::WriteAnEntry, &[]))
            })
        });
        if let Err(e) = read {
            return Err(
                failed.unwrap_or_else(|| S::Error::custom(crate::i18n::store::error_text(&e)))
            );
        }
        seq.end()
    }
}

fn export_json(store: &dyn Ledger, w: &mut dyn Write) -> Result<()> {
    let forgotten = store.forgotten_ids()?;
    let mut client_times = store.client_times()?;
    let clients = store
        .clients()?
        .iter()
        .map(|c| export::client_doc(c, forgotten.contains(&c.id), client_times.remove(&c.id)))
        .collect();
    let people = store
        .contacts(None)?
        .iter()
        .map(|p| export::person_doc(p, p.uuid.clone()))
        .collect();
    let doc = Streamed {
        store,
        settings: store.settings()?,
        clients,
        people,
        for_person: store.entry_contacts()?.into_iter().collect(),
    };
    // An I/O error (a closed pipe, a full disk) stays one, so that main can tell.
    serde_json::to_writer_pretty(&mut *w, &doc).map_err(std::io::Error::from)?;
    w.write_all(b"\n")?;
    Ok(())
}

/// An amount in cents as a decimal, with `.` or (for Excel in Dutch) `,`.
fn cents(c: i64, point: char) -> String {
    let sign = if c < 0 { "-" } else { "" };
    let c = c.unsigned_abs();
    format!("{sign}{}{point}{:02}", c / 100, c % 100)
}

/// A CSV writer's error with its I/O error kind kept (a closed pipe is no failure to main).
fn csv_error(e: csv::Error) -> anyhow::Error {
    match e.kind() {
        csv::ErrorKind::Io(io) => std::io::Error::new(io.kind(), io.to_string()).into(),
        _ => e.into(),
    }
}

/// A CSV row with every cell made safe for spreadsheets (see [`formats::clients_csv::defuse`]).
fn safe_record<W: Write>(w: &mut csv::Writer<W>, cells: &[String]) -> Result<()> {
    w.write_record(
        cells
            .iter()
            .map(|c| formats::clients_csv::defuse(c).into_owned()),
    )
    .map_err(csv_error)
}

/// CSV as RFC 4180; with `excel` as Excel in Dutch reads it: `;`-separated, decimal comma,
/// UTF-8 with a byte-order mark (without which it reads Windows-1252).
fn export_csv(store: &dyn Ledger, what: CsvWhat, excel: bool, out: &mut dyn Write) -> Result<()> {
    if excel {
        out.write_all("\u{feff}".as_bytes())?;
    }
    let mut w = csv::WriterBuilder::new()
        .delimiter(if excel { b';' } else { b',' })
        .from_writer(out);
    let point = if excel { ',' } else { '.' };
    let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let text = |s: &Option<String>| s.clone().unwrap_or_default();
    match what {
        CsvWhat::Clients => {
            w.write_record([
                "id", "name", "contact", "email", "phone", "since", "tags", "cadence", "note",
                "archived",
            ])
            .map_err(csv_error)?;
            for c in store.clients()? {
                safe_record(
                    &mut w,
                    &[
                        c.id.to_string(),
                        c.name.clone(),
                        text(&c.contact),
                        text(&c.email),
                        text(&c.phone),
                        day(c.since),
                        c.tags.join(";"),
                        c.cadence_days.map(|d| d.to_string()).unwrap_or_default(),
                        text(&c.note),
                        c.archived.to_string(),
                    ],
                )?;
            }
        }
        CsvWhat::Entries => {
            w.write_record([
                "id",
                "kind",
                "client_id",
                "client",
                "date",
                "description",
                "note",
                "void",
                "void_reason",
                "occasion",
                "amount",
                "currency",
                "for",
                "channel",
                "energy",
                "proactive",
                "due",
                "status",
                "delivered",
                "quality",
                "missed",
                "missed_reason",
                "cause",
                "severity",
                "informed",
                "explained",
                "solution",
                "resolved",
                "recorded_by",
            ])
            .map_err(csv_error)?;
            store.each_entry_recorded(true, &mut |e, _| {
                let name = |s: Option<&str>| s.unwrap_or_default().to_string();
                safe_record(
                    &mut w,
                    &[
                        e.id.to_string(),
                        e.kind.to_string(),
                        e.client.id.to_string(),
                        e.client.name.clone(),
                        e.date.to_string(),
                        text(&e.description),
                        text(&e.note),
                        e.void.to_string(),
                        text(&e.void_reason),
                        name(e.occasion.map(|o| o.as_str())),
                        e.cost
                            .as_ref()
                            .map(|m| cents(m.cents, point))
                            .unwrap_or_default(),
                        e.cost
                            .as_ref()
                            .map(|m| m.currency.clone())
                            .unwrap_or_default(),
                        text(&e.reason),
                        name(e.channel.map(|o| o.as_str())),
                        e.energy.map(|n| n.to_string()).unwrap_or_default(),
                        if e.kind == Kind::Touch {
                            e.proactive.to_string()
                        } else {
                            String::new()
                        },
                        day(e.current_due()),
                        name(e.status().map(Status::as_str)),
                        day(e.delivered),
                        e.quality.map(|n| n.to_string()).unwrap_or_default(),
                        day(e.missed),
                        text(&e.missed_reason),
                        name(e.cause.map(|o| o.as_str())),
                        name(e.severity.map(|o| o.as_str())),
                        day(e.informed),
                        if e.kind == Kind::Incident {
                            e.explained.to_string()
                        } else {
                            String::new()
                        },
                        text(&e.solution),
                        day(e.resolved),
                        text(&e.recorded_by),
                    ],
                )
            })?;
        }
    }
    w.flush()?;
    Ok(())
}

fn export_ics(store: &dyn Ledger, today: chrono::NaiveDate) -> Result<String> {
    let cfg = config(store)?;
    let clients: Vec<Client> = store
        .clients()?
        .into_iter()
        .filter(|c| !c.archived)
        .collect();
    let mut upcoming = UpcomingBuilder::new(&cfg, today, ICS_DAYS);
    let parts = scan(
        store,
        &clients,
        Texts::OpenItems,
        || (upcoming.part(), Vec::new()),
        |(u, open): &mut (UpcomingBuilder, Vec<Entry>), c, entries| {
            u.add(c, entries);
            open.extend(
                entries
                    .iter()
                    .filter(|e| e.kind == Kind::Commitment)
                    .map(|e| {
                        let mut e = e.clone();
                        e.client = c.to_ref();
                        e
                    }),
            );
        },
    )?;
    let mut todos: Vec<Entry> = Vec::new();
    for (u, o) in parts {
        upcoming.merge(u);
        todos.extend(o);
    }
    // Void commitments too (the scan has live entries only): cancelled, so a calendar that
    // imported one earlier drops its to-do.
    todos.extend(
        store
            .entries(&EntryFilter {
                kinds: vec![Kind::Commitment],
                include_void: true,
                ..Default::default()
            })?
            .into_iter()
            .filter(|e| e.void),
    );
    let (people, gestures) = super::scan::birthdays_of(store, &clients)?;
    upcoming.add_birthdays(&people, &gestures);
    Ok(formats::ics::render(&todos, &upcoming.finish(), today))
}

/// The input of an import: standard input for `-`, else the file, opened before anything
/// else so that a missing one changes nothing. It is read as it is imported.
fn open_input(path: &Path) -> Result<Box<dyn Read>> {
    if path.as_os_str() == "-" {
        return Ok(Box::new(std::io::stdin().lock()));
    }
    let file = std::fs::File::open(path)
        .with_context(|| crate::i18n::t(CmdMsg::CannotReadPath, &[("path", &path.display())]))?;
    if file.metadata().is_ok_and(|m| m.is_dir()) {
        bail!(
            "{}",
            crate::i18n::t(CmdMsg::CannotReadFolder, &[("path", &path.display())])
        );
    }
    Ok(Box::new(file))
}

/// A line for the import's warnings when a client list was not UTF-8 and was read as
/// `encoding`.
fn encoding_notice(name: &str, encoding: Option<&str>) -> Option<String> {
    encoding.map(|e| crate::i18n::t(CmdMsg::NotUtf8, &[("name", &name), ("encoding", &e)]))
}

/// The import's input for a second run of its write: a file is opened again; standard input
/// cannot be read twice.
fn reopen_input(path: &Path) -> Result<Box<dyn Read>> {
    if path.as_os_str() == "-" {
        bail!("{}", crate::i18n::t(CmdMsg::StdinReadTwice, &[]));
    }
    open_input(path)
}

fn guess_format(path: &Path) -> Result<ImportFormat> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("json") => Ok(ImportFormat::Json),
        Some("csv") => Ok(ImportFormat::Csv),
        Some("vcf" | "vcard") => Ok(ImportFormat::Vcf),
        _ => Err(usage(crate::i18n::t(
            CmdMsg::FormatUnknown,
            &[("path", &path.display())],
        ))),
    }
}

/// What an import did (or, with --dry-run, would do).
#[derive(Default, serde::Serialize)]
struct Outcome {
    clients_added: Vec<String>,
    clients_existing: Vec<String>,
    /// Records naming a client an earlier record of the same file added.
    clients_repeated: Vec<String>,
    entries_added: usize,
    /// Records whose identity (uuid) the ledger has, with the same content.
    clients_present: usize,
    entries_present: usize,
    people_added: usize,
    people_present: usize,
    /// People the ledger had, to whom a card added an address, a number or a birthday.
    people_updated: usize,
    /// Records whose identity the ledger has, with other content.
    conflicts: Vec<Conflict>,
    /// What was done with them: keep, replace, or nothing imported (null).
    on_conflict: Option<crate::cli::OnConflict>,
    settings_added: usize,
    unknown_columns: Vec<String>,
    dry_run: bool,
    /// Said on stderr once the import has worked (an encoding that was not UTF-8, e-mail
    /// addresses and phone numbers not kept).
    #[serde(skip)]
    notices: Vec<String>,
    /// --quiet: no progress either.
    #[serde(skip)]
    quiet: bool,
}

/// A record the ledger has under the same identity, with other content.
#[derive(serde::Serialize)]
struct Conflict {
    /// "client" or "entry".
    record: &'static str,
    uuid: String,
    /// The ledger's id of it.
    id: i64,
    /// The client's name, or the entry's summary.
    what: String,
    /// The fields that differ.
    fields: Vec<String>,
}

impl Outcome {
    /// Nothing new and nothing replaced: the ledger would not change.
    fn changes_nothing(&self) -> bool {
        self.clients_added.is_empty()
            && self.entries_added == 0
            && self.people_added == 0
            && self.people_updated == 0
            && self.settings_added == 0
            && (self.conflicts.is_empty()
                || self.on_conflict != Some(crate::cli::OnConflict::Replace))
    }
}

/// Shows progress on stderr for large imports, only when stderr is a terminal and not with
/// --quiet: every 5,000 records, the count so far (an import reads its input as it comes, so
/// the total is not known). The line is rewritten in place and erased when the import ends,
/// however it ends, so the report or an error starts on a clean line.
struct Progress {
    on: bool,
    shown: std::cell::Cell<bool>,
}

/// Back to the start of the line, erasing it.
const ERASE_LINE: &str = "\r\x1b[K";

impl Progress {
    fn new(quiet: bool) -> Progress {
        Progress {
            on: !quiet && std::io::stderr().is_terminal(),
            shown: std::cell::Cell::new(false),
        }
    }

    fn tick(&self, done: u64) {
        if self.on && done.is_multiple_of(5_000) {
            eprint!(
                "{ERASE_LINE}{}",
                crate::i18n::t(CmdMsg::ImportProgress, &[("n", &done)])
            );
            self.shown.set(true);
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if self.shown.get() {
            eprint!("{ERASE_LINE}");
        }
    }
}

pub fn import(ctx: &mut Ctx, a: ImportArgs) -> Result<()> {
    let format = match a.format {
        Some(f) => f,
        None => guess_format(&a.file)?,
    };
    let mut input = Some(open_input(&a.file)?);
    let name = a.file.display().to_string();
    let quiet = ctx.out.quiet;
    let fresh = || Outcome {
        dry_run: a.dry_run,
        quiet,
        on_conflict: a.on_conflict,
        ..Default::default()
    };
    let mut outcome = fresh();
    // The input is read inside the write, record by record, so that memory does not grow
    // with the file; any error rolls everything back. When a team ledger's server gives the
    // write up and it runs again, the file is read again from its start.
    let mut import = |store: &mut dyn Ledger, outcome: &mut Outcome| {
        store.write(|w| {
            let input = match input.take() {
                Some(i) => i,
                None => reopen_input(&a.file)?,
            };
            *outcome = fresh();
            w.set_summary(format!("imported {name}"));
            match format {
                ImportFormat::Json => import_document(w, input, &name, outcome)?,
                ImportFormat::Csv => import_csv(w, input, &name, outcome)?,
                ImportFormat::Vcf => import_vcards(w, input, &name, outcome)?,
            }
            if !outcome.conflicts.is_empty() && outcome.on_conflict.is_none() {
                return Err(conflicts_error(outcome));
            }
            if a.dry_run || outcome.changes_nothing() {
                // Everything was checked against the ledger; nothing is kept (and a file
                // whose records are all there already leaves the ledger as it was).
                return Err(DryRun.into());
            }
            Ok(())
        })
    };
    let result = if ctx.path_exists() {
        import(&mut *ctx.create()?, &mut outcome)
    } else if a.dry_run {
        // A dry run on a ledger that does not exist yet checks against an empty one in a
        // temporary folder, so that nothing is created.
        import(&mut *crate::store::Scratch::new()?.ledger, &mut outcome)
    } else {
        // The import makes the ledger: it appears whole or not at all, even if the process
        // is killed half-way.
        crate::store::create_whole(ctx.location(), |store| import(store, &mut outcome))
    };
    match result {
        Ok(()) => {}
        Err(e) if e.is::<DryRun>() => {}
        Err(e) => return Err(e),
    }
    report_import(ctx, &outcome)
}

/// Ends a dry run's transaction without committing it.
#[derive(Debug)]
struct DryRun;

impl std::fmt::Display for DryRun {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("dry run")
    }
}

impl std::error::Error for DryRun {}

/// Adds the clients of a CSV or vCard file one record at a time, skipping names already in
/// the ledger or earlier in the file.
struct ClientImport {
    added: HashSet<i64>,
    records: u64,
    progress: Progress,
}

impl ClientImport {
    fn new(out: &Outcome) -> ClientImport {
        ClientImport {
            added: HashSet::new(),
            records: 0,
            progress: Progress::new(out.quiet),
        }
    }

    fn add(&mut self, w: &mut dyn Txn, c: &Client, out: &mut Outcome) -> Result<()> {
        self.records += 1;
        let record = self.records;
        match w.client_named(&c.name)? {
            // Added a moment ago, by an earlier record of this very file.
            Some(existing) if self.added.contains(&existing.id) => {
                out.clients_repeated.push(c.name.clone())
            }
            Some(existing) => out.clients_existing.push(existing.name),
            None => {
                let id = w
                    .import_client(c, false, false, None)
                    .with_context(|| format!("record {record}"))?;
                self.added.insert(id);
                out.clients_added.push(c.name.clone());
            }
        }
        self.progress.tick(record);
        Ok(())
    }
}

/// The most a CSV or vCard file may hold: a contact list is far smaller, and endless input
/// (`/dev/zero`) stops here, well before memory runs out.
const MAX_LIST_BYTES: u64 = 64 << 20;

/// A CSV or vCard file whole (they are decoded as one text: the encoding is told by all of
/// it), at most [`MAX_LIST_BYTES`], and no line longer than a record may be.
fn read_list(mut input: impl Read, name: &str) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    input
        .by_ref()
        .take(MAX_LIST_BYTES + 1)
        .read_to_end(&mut bytes)
        .with_context(|| crate::i18n::t(CmdMsg::CannotImportRead, &[("name", &name)]))?;
    let mut line = 1u64;
    let mut start = 0usize;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' {
            line += 1;
            start = i + 1;
        } else if (i - start) as u64 >= MAX_RECORD_BYTES {
            bail!(
                "{}",
                crate::i18n::t(
                    CmdMsg::LineTooLong,
                    &[
                        ("name", &name),
                        ("line", &line),
                        ("mib", &(MAX_RECORD_BYTES >> 20))
                    ]
                )
            );
        }
    }
    if bytes.len() as u64 > MAX_LIST_BYTES {
        bail!(
            "{}",
            crate::i18n::t(
                CmdMsg::ListTooLarge,
                &[("name", &name), ("mib", &(MAX_LIST_BYTES >> 20))]
            )
        );
    }
    Ok(bytes)
}

/// A CSV or vCard file that could not be read, with the format's reason in the user's
/// language.
fn cannot_import(name: &str, why: &str) -> anyhow::Error {
    anyhow::anyhow!(
        "{}",
        crate::i18n::t(
            CmdMsg::CannotImport,
            &[
                ("name", &name),
                ("why", &crate::i18n::parse::file_error(why))
            ]
        )
    )
}

fn import_csv(w: &mut dyn Txn, input: impl Read, name: &str, out: &mut Outcome) -> Result<()> {
    let bytes = read_list(input, name)?;
    let cannot = |e: String| cannot_import(name, &e);
    let (text, encoding) = formats::decode(&bytes).map_err(cannot)?;
    out.notices.extend(encoding_notice(name, encoding));
    let parsed = formats::clients_csv::parse(&text).map_err(cannot)?;
    out.unknown_columns = parsed.unknown_columns;
    let mut clients = ClientImport::new(out);
    for c in &parsed.clients {
        clients.add(w, c, out)?;
    }
    Ok(())
}

/// Each card is a person at the client its ORG names (else at a client of their own name),
/// made when new, with every address, number and their birthday; a second card for the same
/// person adds to what the ledger knows of them instead of making them twice.
fn import_vcards(w: &mut dyn Txn, input: impl Read, name: &str, out: &mut Outcome) -> Result<()> {
    let bytes = read_list(input, name)?;
    let file = formats::vcard::read(&bytes).map_err(|e| cannot_import(name, &e))?;
    out.notices.extend(encoding_notice(name, file.encoding));
    let mut clients = ClientImport::new(out);
    for card in &file.cards {
        let c = card.to_client();
        let record = crate::i18n::t(CmdMsg::Card, &[("n", &card.number), ("line", &card.line)]);
        clients.add(w, &c, out).with_context(|| record.clone())?;
        let Some(person) = card
            .name
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())
        else {
            continue;
        };
        let client = w
            .client_named(&c.name)?
            .with_context(|| format!("{record}: its client vanished"))?;
        let key = crate::parse::fold(person);
        let existing = w
            .contacts(Some(client.id))?
            .into_iter()
            .find(|p| crate::parse::fold(&p.name) == key);
        let birthday = card
            .birthday
            .map(|(year, month, day)| crate::model::Birthday { year, month, day });
        let role = card.role.clone().or_else(|| card.title.clone());
        match existing {
            Some(mut p) => {
                let before = p.clone();
                for e in &card.emails {
                    if !p.emails.contains(e) {
                        p.emails.push(e.clone());
                    }
                }
                for t in &card.phones {
                    if !p.phones.contains(t) {
                        p.phones.push(t.clone());
                    }
                }
                p.birthday = birthday.or(p.birthday);
                p.role = role.or(p.role);
                if p != before {
                    w.update_contact(&p).with_context(|| record.clone())?;
                    out.people_updated += 1;
                } else {
                    out.people_present += 1;
                }
            }
            None => {
                let mut p = crate::model::Contact::new(client.to_ref(), person);
                p.emails = card.emails.clone();
                p.phones = card.phones.clone();
                p.birthday = birthday;
                p.role = role;
                w.add_contact(&p).with_context(|| record.clone())?;
                out.people_added += 1;
            }
        }
    }
    Ok(())
}

/// The error that stops an import whose records differ from the ledger's under the same
/// identity: each one, with what differs.
fn conflicts_error(o: &Outcome) -> anyhow::Error {
    use crate::i18n::t;
    let list: Vec<String> = o
        .conflicts
        .iter()
        .take(10)
        .map(|c| {
            // The record and an entry's kind in words; the fields are the file's own keys.
            let (record, what) = match c.record {
                "client" => (CmdMsg::ConflictClient, c.what.as_str()),
                "person" => (CmdMsg::ConflictPerson, c.what.as_str()),
                _ => (CmdMsg::ConflictEntry, crate::i18n::word(&c.what)),
            };
            let fields: Vec<String> = c
                .fields
                .iter()
                .map(|f| match f.as_str() {
                    "everything" => t(CmdMsg::ConflictEverything, &[]),
                    f => f.to_string(),
                })
                .collect();
            t(
                CmdMsg::ConflictItem,
                &[
                    ("record", &t(record, &[])),
                    ("id", &c.id),
                    ("what", &what),
                    ("fields", &fields.join(", ")),
                ],
            )
        })
        .collect();
    let more = o.conflicts.len().saturating_sub(list.len());
    let more = if more > 0 {
        crate::i18n::t(CmdMsg::AndMoreInline, &[("n", &more)])
    } else {
        String::new()
    };
    anyhow::anyhow!(
        "{}",
        crate::i18n::plural(
            o.conflicts.len() as i64,
            CmdMsg::Conflicts1,
            CmdMsg::ConflictsN,
            &[("list", &list.join("; ")), ("more", &more)]
        )
    )
}

/// The fields in which two JSON objects differ, but for those named in `except`.
fn differing(a: &serde_json::Value, b: &serde_json::Value, except: &[&str]) -> Vec<String> {
    let (Some(a), Some(b)) = (a.as_object(), b.as_object()) else {
        return vec!["everything".into()];
    };
    a.iter()
        .filter(|(k, _)| !except.contains(&k.as_str()))
        .filter(|(k, v)| b.get(k.as_str()) != Some(v))
        .map(|(k, _)| k.clone())
        .collect()
}

/// A whole ledger. Into an empty ledger ids are kept (so export → import → export is
/// identical); otherwise clients with a known name are merged and entries get new ids.
fn import_document(w: &mut dyn Txn, input: impl Read, name: &str, out: &mut Outcome) -> Result<()> {
    let empty = w.clients()?.is_empty();
    if empty {
        w.skip_journal();
    }
    // Each record keeps who made it, as the file says; not who imports it.
    w.keep_recorded_by();
    let progress = Progress::new(out.quiet);
    let (client_uuids, entry_uuids, person_uuids) = if empty {
        (HashMap::new(), HashMap::new(), HashMap::new())
    } else {
        (w.client_uuids()?, w.entry_uuids()?, w.contact_uuids()?)
    };
    let mut sink = DocumentImport {
        w: &mut *w,
        out: &mut *out,
        empty,
        ids: HashMap::new(),
        progress,
        client_uuids,
        entry_uuids,
        person_uuids,
        people: HashMap::new(),
    };
    let settings = export::read_document(input, name, &mut sink)?;
    drop(sink);
    if empty {
        for (k, v) in &settings {
            let v =
                crate::config::normalize_stored(k, v).with_context(|| format!("setting {k}"))?;
            w.set_setting(k, Some(&v))?;
            out.settings_added += 1;
        }
        crate::config::Config::from_settings(&w.settings()?)
            .with_context(|| crate::i18n::t(CmdMsg::DocSettings, &[]))?;
    }
    Ok(())
}

/// Stores each client and entry of a JSON document as it is read.
struct DocumentImport<'a> {
    w: &'a mut dyn Txn,
    out: &'a mut Outcome,
    empty: bool,
    /// The file's client ids → (id in the ledger, name).
    ids: HashMap<i64, (i64, String)>,
    progress: Progress,
    /// The ledger's clients and entries by their lasting identity (uuid → id).
    client_uuids: HashMap<String, i64>,
    entry_uuids: HashMap<String, i64>,
    person_uuids: HashMap<String, i64>,
    /// The file's person ids → their id in the ledger.
    people: HashMap<i64, i64>,
}

impl export::DocumentSink for DocumentImport<'_> {
    fn client(&mut self, record: u64, c: export::ClientDoc) -> Result<()> {
        self.progress.tick(record);
        let what = || {
            crate::i18n::t(
                CmdMsg::DocRecordClient,
                &[("record", &record), ("id", &c.id)],
            )
        };
        let uuid = export::check_uuid(&c.uuid).with_context(what)?;
        export::check_recorded_by(&c.recorded_by).with_context(what)?;
        // The command line's limits first, whatever the ledger holds.
        c.to_client()
            .check()
            .map_err(anyhow::Error::msg)
            .with_context(what)?;
        let w = &mut *self.w;
        if let Some(&id) = uuid.as_ref().and_then(|u| self.client_uuids.get(u)) {
            // The ledger has this very client: the same, or in conflict.
            let existing = w
                .client(id)?
                .with_context(|| crate::i18n::t(CmdMsg::DocClientVanished, &[]))?;
            let mut theirs = c.to_client();
            theirs.id = existing.id;
            theirs.uuid = existing.uuid.clone();
            // Who made it is no content: the same client recorded by someone else is the same.
            let fields = differing(
                &existing.to_json(),
                &theirs.to_json(),
                &["id", "uuid", "recorded_by"],
            );
            self.ids.insert(c.id, (existing.id, theirs.name.clone()));
            if fields.is_empty() {
                self.out.clients_present += 1;
            } else {
                if self.out.on_conflict == Some(crate::cli::OnConflict::Replace) {
                    w.update_client(&theirs).with_context(what)?;
                } else {
                    self.ids.insert(c.id, (existing.id, existing.name.clone()));
                }
                self.out.conflicts.push(Conflict {
                    record: "client",
                    uuid: uuid.unwrap_or_default(),
                    id: existing.id,
                    what: existing.name,
                    fields,
                });
            }
            return Ok(());
        }
        if !self.empty
            && let Some(existing) = w.client_named(&c.name)?
        {
            self.ids.insert(c.id, (existing.id, existing.name.clone()));
            self.out.clients_existing.push(existing.name);
            return Ok(());
        }
        let recorded = export::check_recorded(&c.recorded_at).with_context(what)?;
        let mut client = c.to_client();
        client.uuid = uuid;
        let id = w
            .import_client(&client, self.empty, c.forgotten, recorded)
            .with_context(what)?;
        self.ids.insert(c.id, (id, c.name.clone()));
        self.out.clients_added.push(c.name);
        Ok(())
    }

    fn person(&mut self, record: u64, d: export::PersonDoc) -> Result<()> {
        self.progress.tick(record);
        let what = || {
            crate::i18n::t(
                CmdMsg::DocRecordPerson,
                &[("record", &record), ("id", &d.id)],
            )
        };
        let Some((client, name)) = self.ids.get(&d.client_id) else {
            bail!(
                "{}",
                crate::i18n::t(
                    CmdMsg::PersonNamesClient,
                    &[("id", &d.id), ("client", &d.client_id)]
                )
            );
        };
        let client = crate::model::ClientRef {
            id: *client,
            name: name.clone(),
        };
        let mut p = d.to_contact(client).with_context(what)?;
        p.uuid = export::check_uuid(&d.uuid).with_context(what)?;
        if let Some(&id) = p.uuid.as_ref().and_then(|u| self.person_uuids.get(u)) {
            let existing = self
                .w
                .contact(id)?
                .with_context(|| crate::i18n::t(CmdMsg::DocPersonVanished, &[]))?;
            p.id = existing.id;
            let fields = differing(&existing.to_json(), &p.to_json(), &["id"]);
            self.people.insert(d.id, existing.id);
            if fields.is_empty() {
                self.out.people_present += 1;
            } else {
                if self.out.on_conflict == Some(crate::cli::OnConflict::Replace) {
                    self.w.update_contact(&p).with_context(what)?;
                }
                self.out.conflicts.push(Conflict {
                    record: "person",
                    uuid: p.uuid.clone().unwrap_or_default(),
                    id: existing.id,
                    what: existing.name,
                    fields,
                });
            }
            return Ok(());
        }
        p.id = d.id;
        let stored = self.w.insert_contact(&p, self.empty).with_context(what)?;
        self.people.insert(d.id, stored.id);
        self.out.people_added += 1;
        Ok(())
    }

    fn entry(&mut self, record: u64, d: export::EntryDoc) -> Result<()> {
        self.progress.tick(record);
        let Some((id, name)) = self.ids.get(&d.client_id) else {
            bail!(
                "{}",
                crate::i18n::t(
                    CmdMsg::EntryNamesClient,
                    &[("id", &d.id), ("client", &d.client_id)]
                )
            );
        };
        let e = d
            .to_entry(crate::model::ClientRef {
                id: *id,
                name: name.clone(),
            })
            .with_context(|| crate::i18n::t(CmdMsg::DocEntry, &[("id", &d.id)]))?;
        let recorded = export::check_recorded(&d.recorded_at)
            .with_context(|| crate::i18n::t(CmdMsg::DocEntry, &[("id", &d.id)]))?;
        if let Some(&id) = e.uuid.as_ref().and_then(|u| self.entry_uuids.get(u)) {
            // The ledger has this very entry: the same, or in conflict.
            let existing = self
                .w
                .entry(id)?
                .with_context(|| crate::i18n::t(CmdMsg::DocEntryVanished, &[]))?;
            let mut theirs = e.clone();
            theirs.id = existing.id;
            let mut fields = differing(
                &serde_json::to_value(export::entry_doc(&existing, None))?,
                &serde_json::to_value(export::entry_doc(&theirs, None))?,
                &["id", "uuid", "client_id", "recorded_at", "recorded_by"],
            );
            if existing.client.id != theirs.client.id {
                fields.insert(0, "client".into());
            }
            if fields.is_empty() {
                self.out.entries_present += 1;
            } else {
                if self.out.on_conflict == Some(crate::cli::OnConflict::Replace) {
                    self.w
                        .update_entry(&theirs)
                        .with_context(|| crate::i18n::t(CmdMsg::DocEntry, &[("id", &d.id)]))?;
                }
                self.out.conflicts.push(Conflict {
                    record: "entry",
                    uuid: e.uuid.clone().unwrap_or_default(),
                    id: existing.id,
                    what: existing.kind.to_string(),
                    fields,
                });
            }
            return Ok(());
        }
        let id = if self.empty {
            self.w.import_entry(&e, recorded)
        } else {
            self.w.insert_entry_recorded(&e, recorded)
        }
        .with_context(|| crate::i18n::t(CmdMsg::DocEntry, &[("id", &d.id)]))?;
        // A file that names the same entry twice adds it once.
        if let (false, Some(u)) = (self.empty, e.uuid) {
            self.entry_uuids.insert(u, id);
        }
        if let Some(p) = d.for_person {
            let person = self.people.get(&p).with_context(|| {
                crate::i18n::t(CmdMsg::DocEntryForMissing, &[("id", &d.id), ("person", &p)])
            })?;
            self.w.link_contact(id, *person)?;
        }
        self.out.entries_added += 1;
        Ok(())
    }
}

/// How many client names an import's report lists before it counts the rest.
const LISTED: usize = 20;

fn report_import(ctx: &mut Ctx, o: &Outcome) -> Result<()> {
    for n in &o.notices {
        crate::render::warn(&ctx.out, n);
    }
    if !o.unknown_columns.is_empty() {
        crate::render::warn(
            &ctx.out,
            &crate::i18n::t(
                CmdMsg::UnknownColumns,
                &[("columns", &o.unknown_columns.join(", "))],
            ),
        );
    }
    if ctx.out.json {
        return ctx.out.json(&serde_json::to_value(o)?);
    }
    use crate::i18n::{plural, t};
    let count = |n: usize, one: CmdMsg, many: CmdMsg| plural(n as i64, one, many, &[]);
    let mut first = format!(
        "{}{}, {}, {}",
        if o.dry_run {
            t(CmdMsg::ImportWould, &[])
        } else {
            String::new()
        },
        count(
            o.clients_added.len(),
            CmdMsg::NewClient1,
            CmdMsg::NewClientN
        ),
        count(o.entries_added, CmdMsg::NewEntry1, CmdMsg::NewEntryN),
        t(
            CmdMsg::AlreadyPresent,
            &[(
                "n",
                &(o.clients_present + o.entries_present + o.people_present)
            )]
        )
    );
    if o.people_added > 0 {
        first.push_str(&format!(
            ", {}",
            count(o.people_added, CmdMsg::NewPerson1, CmdMsg::NewPersonN)
        ));
    }
    if o.people_updated > 0 {
        first.push_str(&format!(
            ", {}",
            count(
                o.people_updated,
                CmdMsg::PersonUpdated1,
                CmdMsg::PersonUpdatedN
            )
        ));
    }
    if o.settings_added > 0 {
        first.push_str(&format!(
            ", {}",
            count(o.settings_added, CmdMsg::Setting1, CmdMsg::SettingN)
        ));
    }
    let mut lines = vec![first];
    if !o.conflicts.is_empty() {
        lines.push(match o.on_conflict {
            Some(crate::cli::OnConflict::Replace) => count(
                o.conflicts.len(),
                CmdMsg::DifferedReplaced1,
                CmdMsg::DifferedReplacedN,
            ),
            _ => count(
                o.conflicts.len(),
                CmdMsg::DifferedKept1,
                CmdMsg::DifferedKeptN,
            ),
        });
    }
    // A long list helps nobody: the first 20 names, then how many more.
    let mut list = |names: &[String], mark: &str, why: &str| {
        for n in names.iter().take(LISTED) {
            lines.push(format!("  {mark} {n}{why}"));
        }
        if names.len() > LISTED {
            lines.push(t(CmdMsg::AndMore, &[("n", &(names.len() - LISTED))]));
        }
    };
    list(&o.clients_added, "+", "");
    list(&o.clients_existing, "=", &t(CmdMsg::AlreadyByName, &[]));
    list(&o.clients_repeated, "=", &t(CmdMsg::AlreadyEarlier, &[]));
    if o.dry_run {
        lines.push(t(CmdMsg::DryRunNothing, &[]));
    }
    ctx.out.line(&lines.join("\n"))
}

pub fn backup(ctx: &mut Ctx, a: BackupArgs) -> Result<()> {
    let store = ctx.read()?;
    files::check_target(&a.file, ctx.location().file(), a.force)?;
    // Copy to a fresh temporary file beside the target, then rename: the target is replaced
    // whole or not at all.
    let dir = files::folder_of(&a.file);
    let tmp = tempfile::Builder::new()
        .prefix(".relaties-backup-")
        .tempdir_in(dir)
        .with_context(|| crate::i18n::t(CmdMsg::WriteIn, &[("path", &dir.display())]))?;
    let staged = tmp.path().join("ledger.db");
    store.backup_to(&staged)?;
    std::fs::rename(&staged, &a.file)
        .with_context(|| crate::i18n::t(CmdMsg::WriteFile, &[("path", &a.file.display())]))?;
    ctx.out.show(
        || json!({"backup": a.file.display().to_string(), "integrity": "ok"}),
        || crate::i18n::t(CmdMsg::BackedUp, &[("path", &a.file.display().to_string())]),
    )
}

/// bash, zsh and fish: the script that asks relaties on every Tab (client names and open
/// entry ids from the ledger); elvish and powershell: the static script.
pub fn completions(ctx: &mut Ctx, a: CompletionsArgs) -> Result<()> {
    use clap::CommandFactory;
    let out = match super::complete::registration(a.shell) {
        Some(script) => script,
        None => {
            let mut out = Vec::new();
            clap_complete::generate(a.shell, &mut Cli::command(), "relaties", &mut out);
            out
        }
    };
    ctx.out.text(&String::from_utf8(out)?)
}

/// The man page on stdout; with `--dir`, it and a page for every subcommand it names.
pub fn man(ctx: &mut Ctx, a: crate::cli::ManArgs) -> Result<()> {
    use clap::CommandFactory;
    // No `help` subcommand: it has no page of its own to name.
    let cmd = Cli::command().disable_help_subcommand(true);
    let Some(dir) = a.dir else {
        let mut out = Vec::new();
        clap_mangen::Man::new(cmd).render(&mut out)?;
        return ctx.out.text(&String::from_utf8(out)?);
    };
    fn pages(cmd: &clap::Command) -> usize {
        1 + cmd
            .get_subcommands()
            .filter(|s| !s.is_hide_set())
            .map(pages)
            .sum::<usize>()
    }
    let pages = pages(&cmd);
    std::fs::create_dir_all(&dir)
        .with_context(|| crate::i18n::t(CmdMsg::CreatePath, &[("path", &dir.display())]))?;
    clap_mangen::generate_to(cmd, &dir)
        .with_context(|| crate::i18n::t(CmdMsg::WriteManPages, &[("path", &dir.display())]))?;
    ctx.out.show(
        || serde_json::json!({"dir": dir.display().to_string(), "pages": pages}),
        || format!("wrote {pages} man pages into {}", dir.display()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A second run of an import's write (the server gave the first up) opens a file again,
    /// but cannot read standard input twice: it says so instead of importing nothing.
    #[test]
    fn a_second_run_reopens_a_file_but_not_standard_input() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let file = dir.path().join("clients.csv");
        std::fs::write(&file, "name\nAcme\n")?;
        let mut text = String::new();
        reopen_input(&file)?.read_to_string(&mut text)?;
        assert_eq!(text, "name\nAcme\n");
        let e = reopen_input(Path::new("-")).map(|_| ()).expect_err("stdin");
        assert_eq!(
            format!("{e:#}"),
            "the server asked to run the import again, but standard input cannot be read \
             twice: run the command again"
        );
        Ok(())
    }
}
