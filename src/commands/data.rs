//! Data in and out: export, import, backup, completions, man.

use std::collections::{HashMap, HashSet};
use std::io::{IsTerminal, Read, Write};
use std::path::Path;

use anyhow::{Context, Result, bail};
use serde_json::json;

use super::scan::{config, scan};
use super::{Ctx, usage};
use crate::cli::{
    BackupArgs, Cli, CompletionsArgs, CsvWhat, ExportArgs, ExportFormat, ImportArgs, ImportFormat,
};
use crate::export::{self, Document};
use crate::formats;
use crate::model::{Client, Entry, Kind, Status};
use crate::report::UpcomingBuilder;
use crate::store::{EntryFilter, Store, Texts, Writer};

/// Days of occasions an ICS export looks ahead.
const ICS_DAYS: u64 = 365;

/// Every entry, void ones and archived clients' included, oldest first.
fn all_entries(store: &Store) -> Result<Vec<Entry>> {
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
        return Err(usage("--json goes with --format json only"));
    }
    if a.excel && a.format != ExportFormat::Csv {
        return Err(usage("--excel goes with --format csv only"));
    }
    let store = ctx.read()?;
    let text = match a.format {
        ExportFormat::Json => export_json(&store)?,
        ExportFormat::Csv => export_csv(&store, a.what, a.excel)?,
        ExportFormat::Ics => export_ics(&store, ctx.today)?,
        ExportFormat::Hledger => {
            let gifts: Vec<Entry> = all_entries(&store)?
                .into_iter()
                .filter(|e| e.kind == Kind::Gift && !e.void)
                .collect();
            formats::hledger::render(&gifts, &config(&store)?.hledger_account)
        }
    };
    match &a.output {
        Some(path) => {
            write_file(path, text.as_bytes())?;
            ctx.out.show(
                || json!({"output": path.display().to_string(), "bytes": text.len()}),
                || format!("wrote {}", path.display()),
            )
        }
        None => ctx.out.text(&text),
    }
}

/// Replaces `path` whole (a temporary file renamed over it), readable by the owner only:
/// exports hold client data.
fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("cannot write in {}", dir.display()))?;
    tmp.write_all(bytes)
        .and_then(|_| tmp.as_file().sync_all())
        .with_context(|| format!("cannot write {}", path.display()))?;
    tmp.persist(path)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

fn export_json(store: &Store) -> Result<String> {
    let forgotten = store.forgotten_ids()?;
    let mut client_times = store.client_times()?;
    let clients = store
        .clients()?
        .iter()
        .map(|c| export::client_doc(c, forgotten.contains(&c.id), client_times.remove(&c.id)))
        .collect();
    let entries: Vec<export::EntryDoc> = store
        .entries_recorded()?
        .into_iter()
        .map(|(e, recorded_at)| export::entry_doc(&e, Some(recorded_at)))
        .collect();
    let doc = Document::new(store.settings()?, clients, entries);
    Ok(serde_json::to_string_pretty(&doc)? + "\n")
}

/// An amount in cents as a decimal, with `.` or (for Excel in Dutch) `,`.
fn cents(c: i64, point: char) -> String {
    let sign = if c < 0 { "-" } else { "" };
    let c = c.unsigned_abs();
    format!("{sign}{}{point}{:02}", c / 100, c % 100)
}

/// CSV as RFC 4180; with `excel` as Excel in Dutch reads it: `;`-separated, decimal comma,
/// UTF-8 with a byte-order mark (without which it reads Windows-1252).
fn export_csv(store: &Store, what: CsvWhat, excel: bool) -> Result<String> {
    let mut w = csv::WriterBuilder::new()
        .delimiter(if excel { b';' } else { b',' })
        .from_writer(Vec::new());
    let point = if excel { ',' } else { '.' };
    let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let text = |s: &Option<String>| s.clone().unwrap_or_default();
    match what {
        CsvWhat::Clients => {
            w.write_record([
                "id", "name", "contact", "email", "phone", "since", "tags", "cadence", "note",
                "archived",
            ])?;
            for c in store.clients()? {
                w.write_record([
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
                ])?;
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
            ])?;
            for e in all_entries(store)? {
                let name = |s: Option<&str>| s.unwrap_or_default().to_string();
                w.write_record([
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
                ])?;
            }
        }
    }
    let text = String::from_utf8(w.into_inner()?)?;
    Ok(if excel {
        format!("\u{feff}{text}")
    } else {
        text
    })
}

fn export_ics(store: &Store, today: chrono::NaiveDate) -> Result<String> {
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
                    .filter(|e| e.kind == Kind::Commitment && e.status() == Some(Status::Open))
                    .map(|e| {
                        let mut e = e.clone();
                        e.client = c.to_ref();
                        e
                    }),
            );
        },
    )?;
    let mut open: Vec<Entry> = Vec::new();
    for (u, o) in parts {
        upcoming.merge(u);
        open.extend(o);
    }
    Ok(formats::ics::render(&open, &upcoming.finish(), today))
}

fn read_input(path: &Path) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    if path.as_os_str() == "-" {
        std::io::stdin()
            .read_to_end(&mut bytes)
            .context("cannot read standard input")?;
    } else {
        bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    }
    Ok(bytes)
}

/// A JSON document is UTF-8 (RFC 8259), as the export writes it.
fn utf8(bytes: Vec<u8>, path: &Path) -> Result<String> {
    String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "{} is not UTF-8 text (bad byte at offset {})",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })
}

/// A line for the import's warnings when a client list was not UTF-8 and was read as
/// `encoding`.
fn encoding_notice(name: &str, encoding: Option<&str>) -> Option<String> {
    encoding.map(|e| format!("{name} is not UTF-8: read as {e}"))
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
        _ => Err(usage(format!(
            "cannot tell the format of {}; add --format json|csv|vcf",
            path.display()
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

/// Shows progress on stderr for large imports, only when stderr is a terminal and not with
/// --quiet. The line is rewritten in place and erased when the import ends, however it ends,
/// so the report or an error starts on a clean line.
struct Progress {
    total: usize,
    on: bool,
    shown: std::cell::Cell<bool>,
}

/// Back to the start of the line, erasing it.
const ERASE_LINE: &str = "\r\x1b[K";

impl Progress {
    fn new(total: usize, quiet: bool) -> Progress {
        Progress {
            total,
            on: !quiet && total >= 10_000 && std::io::stderr().is_terminal(),
            shown: std::cell::Cell::new(false),
        }
    }

    fn tick(&self, done: usize) {
        if self.on && (done.is_multiple_of(5_000) || done == self.total) {
            eprint!("{ERASE_LINE}importing: {done}/{}", self.total);
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
    let bytes = read_input(&a.file)?;
    let name = a.file.display().to_string();
    let mut outcome = Outcome {
        dry_run: a.dry_run,
        quiet: ctx.out.quiet,
        ..Default::default()
    };
    let (clients, doc) = match format {
        ImportFormat::Json => (
            Vec::new(),
            Some(
                Document::parse(&utf8(bytes, &a.file)?)
                    .with_context(|| format!("cannot import {name}"))?,
            ),
        ),
        ImportFormat::Csv => {
            let cannot = |e| anyhow::anyhow!("cannot import {name}: {e}");
            let (text, encoding) = formats::decode(&bytes).map_err(cannot)?;
            outcome.notices.extend(encoding_notice(&name, encoding));
            let parsed = formats::clients_csv::parse(&text).map_err(cannot)?;
            outcome.unknown_columns = parsed.unknown_columns;
            (parsed.clients, None)
        }
        ImportFormat::Vcf => {
            let file = formats::vcard::read(&bytes)
                .map_err(|e| anyhow::anyhow!("cannot import {name}: {e}"))?;
            outcome
                .notices
                .extend(encoding_notice(&name, file.encoding));
            let (clients, unkept) = formats::vcard::clients(&file.cards);
            outcome.notices.extend(unkept.notice());
            (clients, None)
        }
    };
    let import = |store: &mut Store, outcome: &mut Outcome| {
        store.write(|w| {
            w.set_summary(format!("imported {name}"));
            match &doc {
                Some(doc) => import_document(w, doc, outcome)?,
                None => import_clients(w, &clients, outcome)?,
            }
            if a.dry_run {
                // Everything was checked against the ledger; nothing is kept.
                return Err(DryRun.into());
            }
            Ok(())
        })
    };
    let result = if ctx.path_exists() {
        import(&mut ctx.create()?, &mut outcome)
    } else if a.dry_run {
        // A dry run on a ledger that does not exist yet checks against an empty one in a
        // temporary folder, so that nothing is created.
        let dir = tempfile::tempdir().context("cannot make a scratch folder")?;
        import(
            &mut Store::open_write(&dir.path().join("dry-run.db"))?,
            &mut outcome,
        )
    } else {
        // The import makes the ledger: it appears whole or not at all, even if the process
        // is killed half-way.
        Store::create_whole(ctx.path(), |store| import(store, &mut outcome))
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

fn import_clients(w: &mut Writer<'_>, clients: &[Client], out: &mut Outcome) -> Result<()> {
    let progress = Progress::new(clients.len(), out.quiet);
    let mut added: HashSet<i64> = HashSet::new();
    for (i, c) in clients.iter().enumerate() {
        match w.client_named(&c.name)? {
            // Added a moment ago, by an earlier record of this very file.
            Some(existing) if added.contains(&existing.id) => {
                out.clients_repeated.push(c.name.clone())
            }
            Some(existing) => out.clients_existing.push(existing.name),
            None => {
                let id = w
                    .import_client(c, false, false, None)
                    .with_context(|| format!("record {}", i + 1))?;
                added.insert(id);
                out.clients_added.push(c.name.clone());
            }
        }
        progress.tick(i + 1);
    }
    Ok(())
}

/// A whole ledger. Into an empty ledger ids are kept (so export → import → export is
/// identical); otherwise clients with a known name are merged and entries get new ids.
fn import_document(w: &mut Writer<'_>, doc: &Document, out: &mut Outcome) -> Result<()> {
    let empty = w.clients()?.is_empty();
    if empty {
        w.skip_journal();
    }
    let mut ids: HashMap<i64, (i64, String)> = HashMap::new();
    // Clients and entries both count: a document of many clients takes long too.
    let clients = doc.clients.len();
    let progress = Progress::new(clients + doc.entries.len(), out.quiet);
    for (i, c) in doc.clients.iter().enumerate() {
        progress.tick(i + 1);
        let client = c.to_client();
        if !empty && let Some(existing) = w.client_named(&c.name)? {
            ids.insert(c.id, (existing.id, existing.name.clone()));
            out.clients_existing.push(existing.name);
            continue;
        }
        let what = || format!("client {} ({:?})", c.id, c.name);
        let recorded = export::check_recorded(&c.recorded_at).with_context(what)?;
        let id = w
            .import_client(&client, empty, c.forgotten, recorded)
            .with_context(what)?;
        ids.insert(c.id, (id, c.name.clone()));
        out.clients_added.push(c.name.clone());
    }
    for (i, d) in doc.entries.iter().enumerate() {
        let Some((id, name)) = ids.get(&d.client_id) else {
            bail!(
                "entry #{} names client {}, which is not in the file",
                d.id,
                d.client_id
            );
        };
        let e = d
            .to_entry(crate::model::ClientRef {
                id: *id,
                name: name.clone(),
            })
            .with_context(|| format!("entry #{}", d.id))?;
        let recorded =
            export::check_recorded(&d.recorded_at).with_context(|| format!("entry #{}", d.id))?;
        if empty {
            w.import_entry(&e, recorded)
        } else {
            w.insert_entry_recorded(&e, recorded)
        }
        .with_context(|| format!("entry #{}", d.id))?;
        out.entries_added += 1;
        progress.tick(clients + i + 1);
    }
    if empty {
        for (k, v) in &doc.settings {
            let v = crate::config::normalize(k, v).with_context(|| format!("setting {k}"))?;
            w.set_setting(k, Some(&v))?;
            out.settings_added += 1;
        }
        crate::config::Config::from_settings(&w.settings()?).context("the file's settings")?;
    }
    Ok(())
}

fn report_import(ctx: &mut Ctx, o: &Outcome) -> Result<()> {
    for n in &o.notices {
        crate::render::warn(&ctx.out, n);
    }
    if !o.unknown_columns.is_empty() {
        crate::render::warn(
            &ctx.out,
            &format!("ignored unknown columns: {}", o.unknown_columns.join(", ")),
        );
    }
    if ctx.out.json {
        return ctx.out.json(&serde_json::to_value(o)?);
    }
    let verb = if o.dry_run { "would add" } else { "added" };
    let count = |n: usize, one: &str, many: &str| crate::words::count(n as i64, one, many);
    let mut lines = vec![format!(
        "{verb} {} and {}{}",
        count(o.clients_added.len(), "client", "clients"),
        count(o.entries_added, "entry", "entries"),
        if o.settings_added > 0 {
            format!(" and {}", count(o.settings_added, "setting", "settings"))
        } else {
            String::new()
        }
    )];
    for n in &o.clients_added {
        lines.push(format!("  + {n}"));
    }
    for n in &o.clients_existing {
        lines.push(format!("  = {n} (already in the ledger, skipped)"));
    }
    for n in &o.clients_repeated {
        lines.push(format!("  = {n} (already earlier in the file, skipped)"));
    }
    if o.dry_run {
        lines.push("dry run: nothing was written".into());
    }
    ctx.out.line(&lines.join("\n"))
}

pub fn backup(ctx: &mut Ctx, a: BackupArgs) -> Result<()> {
    let store = ctx.read()?;
    if a.file.exists() && !a.force {
        bail!("{} exists; add --force to replace it", a.file.display());
    }
    // Copy to a fresh temporary file beside the target, then rename: the target is replaced
    // whole or not at all.
    let dir = a
        .file
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let tmp = tempfile::Builder::new()
        .prefix(".relaties-backup-")
        .tempdir_in(dir)
        .with_context(|| format!("cannot write in {}", dir.display()))?;
    let staged = tmp.path().join("ledger.db");
    store.backup_to(&staged)?;
    std::fs::rename(&staged, &a.file)
        .with_context(|| format!("cannot write {}", a.file.display()))?;
    ctx.out.show(
        || json!({"backup": a.file.display().to_string(), "integrity": "ok"}),
        || {
            format!(
                "backed up the ledger to {} (integrity ok)",
                a.file.display()
            )
        },
    )
}

pub fn completions(ctx: &mut Ctx, a: CompletionsArgs) -> Result<()> {
    use clap::CommandFactory;
    let mut out = Vec::new();
    clap_complete::generate(a.shell, &mut Cli::command(), "relaties", &mut out);
    ctx.out.text(&String::from_utf8(out)?)
}

pub fn man(ctx: &mut Ctx) -> Result<()> {
    use clap::CommandFactory;
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut out)?;
    ctx.out.text(&String::from_utf8(out)?)
}
