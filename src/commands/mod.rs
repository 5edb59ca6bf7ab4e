//! One module per command group; `run` dispatches. Only this layer reads the clock and
//! opens the ledger; what it computes goes to `render` for printing.

mod client;
pub mod complete;
mod config;
mod contact;
mod correct;
mod data;
mod doctor;
mod files;
mod read;
mod record;
mod report;
mod scan;
mod score;
mod team;

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;

use crate::cli::{Cli, Command};
use crate::config::Config;
use crate::i18n::commands::{CmdMsg, day};
use crate::i18n::t;
use crate::model::{Client, Entry, Kind};
use crate::parse::{DateContext, DateSpec, NameMatch, match_client, parse_id};
use crate::render::Out;
use crate::store::{ClientLookup, Ledger, Location, Mode, Txn, ledger_path};

/// An error in what the user typed, found after parsing: exits 2 like clap's own.
#[derive(Debug)]
pub struct UsageError(pub String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

/// A client needs attention (`report --fail-below`): exits 3, after the report is printed,
/// so that cron can tell it from a broken ledger (1) and a wrong command line (2).
#[derive(Debug)]
pub struct NeedsAttention(pub String);

impl std::fmt::Display for NeedsAttention {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for NeedsAttention {}

pub fn usage(msg: impl Into<String>) -> anyhow::Error {
    UsageError(msg.into()).into()
}

/// What every command gets: today's date (read once), the ledger's path and the output.
pub struct Ctx {
    pub today: NaiveDate,
    pub out: Out,
    loc: Location,
}

impl Ctx {
    pub fn read(&self) -> Result<Box<dyn Ledger>> {
        crate::store::open(&self.loc, Mode::Read)
    }

    /// Where the ledger is: a file or a server.
    pub fn location(&self) -> &Location {
        &self.loc
    }

    /// The ledger as a person names it: the file's path, or the URL with its password masked.
    pub fn location_name(&self) -> String {
        match &self.loc {
            Location::File(p) => p.display().to_string(),
            Location::Server(url) => crate::store::postgres::mask(url),
        }
    }

    /// Something is at the ledger's place (a dangling link too: opening it says what is
    /// wrong; a server is asked when connecting).
    pub fn path_exists(&self) -> bool {
        self.loc.exists()
    }

    /// Opens an existing ledger for writing. Only commands that can stand on an empty
    /// ledger (`client add`, `config set`) create one: a failed command must leave no file.
    pub fn write(&self) -> Result<Box<dyn Ledger>> {
        crate::store::open(&self.loc, Mode::Existing)
    }

    /// Opens the ledger for writing, creating it when missing.
    pub fn create(&self) -> Result<Box<dyn Ledger>> {
        crate::store::open(&self.loc, Mode::Create)
    }

    /// A date as typed, or today; weekday names per `dir`.
    pub fn date(&self, spec: Option<DateSpec>, dir: DateContext) -> Result<NaiveDate> {
        match spec {
            None => Ok(self.today),
            Some(s) => s
                .resolve(self.today, dir)
                .map_err(|e| match crate::i18n::lang() {
                    crate::i18n::Lang::En => usage(e),
                    crate::i18n::Lang::Nl => usage(crate::i18n::parse::reason(&e)),
                }),
        }
    }

    pub fn past(&self, spec: Option<DateSpec>) -> Result<NaiveDate> {
        self.date(spec, DateContext::Past)
    }

    pub fn opt_past(&self, spec: Option<DateSpec>) -> Result<Option<NaiveDate>> {
        spec.map(|s| self.past(Some(s))).transpose()
    }

    /// The date of something that happened (`what`: "a gift", "the delivery"), or today: it
    /// cannot be after today (a usage error, exit 2). Due dates use `date` instead.
    pub fn happened(&self, spec: Option<DateSpec>, what: CmdMsg) -> Result<NaiveDate> {
        let d = self.past(spec)?;
        if d > self.today {
            return Err(usage(t(
                CmdMsg::FutureDate,
                &[
                    ("what", &t(what, &[])),
                    ("d", &day(d)),
                    ("today", &day(self.today)),
                ],
            )));
        }
        Ok(d)
    }

    /// `happened` for an optional flag.
    pub fn opt_happened(&self, spec: Option<DateSpec>, what: CmdMsg) -> Result<Option<NaiveDate>> {
        spec.map(|s| self.happened(Some(s), what)).transpose()
    }
}

/// Today in the local time zone, or `RELATIES_TODAY` (`YYYY-MM-DD`) for reproducible runs:
/// tests and screenshots that must show the same "3 days ago" tomorrow.
fn today() -> Result<NaiveDate> {
    match std::env::var("RELATIES_TODAY") {
        Ok(s) if !s.trim().is_empty() => {
            NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
                anyhow::anyhow!(
                    "{}",
                    t(CmdMsg::TodayNotDate, &[("value", &format!("{s:?}"))])
                )
            })
        }
        _ => Ok(chrono::Local::now().date_naive()),
    }
}

pub fn run(cli: Cli) -> Result<()> {
    run_command(cli).map_err(|e| match crate::store::committed() {
        // The ledger has the change; only what came after (printing, tidying) failed.
        Some(what) => e.context(t(
            CmdMsg::ChangeSaved,
            &[("what", &crate::i18n::commands::undone(&what, &[]))],
        )),
        None => e,
    })
}

fn run_command(cli: Cli) -> Result<()> {
    let path = ledger_path(cli.global.db.as_deref())?;
    let mut ctx = Ctx {
        today: today()?,
        out: Out::new(&cli.global),
        loc: Location::of(path),
    };
    let Some(command) = cli.command else {
        report::overview(&mut ctx)?;
        return ctx.out.flush();
    };
    match command {
        Command::Client(c) => client::run(&mut ctx, c)?,
        Command::Contact(c) => contact::run(&mut ctx, c)?,
        Command::LogGift(a) => record::log_gift(&mut ctx, a)?,
        Command::LogCompliment(a) => record::log_compliment(&mut ctx, a)?,
        Command::LogMilestone(a) => record::log_milestone(&mut ctx, a)?,
        Command::LogTouch(a) => record::log_touch(&mut ctx, a)?,
        Command::Promise(a) => record::promise(&mut ctx, a)?,
        Command::Deliver(a) => record::deliver(&mut ctx, a)?,
        Command::Miss(a) => record::miss(&mut ctx, a)?,
        Command::Reschedule(a) => record::reschedule(&mut ctx, a)?,
        Command::LogIncident(a) => record::log_incident(&mut ctx, a)?,
        Command::Inform(a) => record::inform(&mut ctx, a)?,
        Command::Resolve(a) => record::resolve(&mut ctx, a)?,
        Command::Timeline(a) => read::timeline(&mut ctx, a)?,
        Command::Commitments(a) => read::commitments(&mut ctx, a)?,
        Command::Incidents(a) => read::incidents(&mut ctx, a)?,
        Command::Edit(a) => correct::edit(&mut ctx, a)?,
        Command::Void(a) => correct::void(&mut ctx, a)?,
        Command::Undo => correct::undo(&mut ctx)?,
        Command::Score(a) => score::run(&mut ctx, a)?,
        Command::Config(c) => config::run(&mut ctx, c)?,
        Command::Report(a) => report::report(&mut ctx, a)?,
        Command::Upcoming(a) => report::upcoming(&mut ctx, a)?,
        Command::Demo(a) => report::demo(&mut ctx, a, cli.global.db.as_deref())?,
        Command::Export(a) => data::export(&mut ctx, a)?,
        Command::Import(a) => data::import(&mut ctx, a)?,
        Command::Backup(a) => data::backup(&mut ctx, a)?,
        Command::Completions(a) => data::completions(&mut ctx, a)?,
        Command::Man(a) => data::man(&mut ctx, a)?,
        Command::Doctor => doctor::run(&mut ctx)?,
        Command::Team(c) => team::run(&mut ctx, c)?,
    }
    ctx.out.flush()
}

/// Finds the one client a reference means, reading only what the answer needs: an id, an
/// exact name or a unique prefix straight from the index; anything else (a substring, an
/// ambiguity, a typo to suggest a fix for) from the whole list, as `find_client`.
pub fn resolve_client(lookup: &(impl ClientLookup + ?Sized), query: &str) -> Result<Client> {
    if let Some(id) = parse_id(query) {
        return lookup
            .client_by_id(id)?
            .with_context(|| t(CmdMsg::NoClientId, &[("id", &id)]));
    }
    let key = crate::parse::fold(query);
    if !key.is_empty() {
        if let Some(c) = lookup.client_by_key(&key)? {
            return Ok(c);
        }
        let mut prefixed = lookup.clients_by_prefix(&key, 2)?;
        if prefixed.len() == 1
            && let Some(c) = prefixed.pop()
        {
            return Ok(c);
        }
    }
    find_client(&lookup.all_clients()?, query)
}

/// Finds the one client a reference means: `3`, `#3`, or a name (see `parse::match_client`).
pub fn find_client(clients: &[Client], query: &str) -> Result<Client> {
    find_among(clients, query, |c| c.archived)
}

/// `find_client` among the archived clients only, where a prefix or part of a name is enough
/// (what `client unarchive` looks for).
pub fn find_archived_client(clients: &[Client], query: &str) -> Result<Client> {
    let archived: Vec<Client> = clients.iter().filter(|c| c.archived).cloned().collect();
    find_among(&archived, query, |_| false)
}

/// `hidden` clients answer to their exact name or id only.
fn find_among(clients: &[Client], query: &str, hidden: impl Fn(&Client) -> bool) -> Result<Client> {
    if let Some(id) = parse_id(query) {
        return clients
            .iter()
            .find(|c| c.id == id)
            .cloned()
            .with_context(|| t(CmdMsg::NoClientId, &[("id", &id)]));
    }
    let candidates: Vec<crate::parse::Candidate<'_>> = clients
        .iter()
        .map(|c| crate::parse::Candidate {
            id: c.id,
            name: &c.name,
            archived: hidden(c),
        })
        .collect();
    let by_id = |id: i64| clients.iter().find(|c| c.id == id);
    match match_client(query, &candidates) {
        NameMatch::One(id) => by_id(id)
            .cloned()
            .with_context(|| t(CmdMsg::ClientVanished, &[])),
        NameMatch::Ambiguous(ids) => {
            let names: Vec<String> = ids
                .iter()
                .filter_map(|id| by_id(*id))
                .map(|c| format!("{:?} (#{})", c.name, c.id))
                .collect();
            bail!(
                "{}",
                t(
                    CmdMsg::ClientAmbiguous,
                    &[
                        ("query", &format!("{query:?}")),
                        ("names", &names.join(", "))
                    ]
                )
            )
        }
        NameMatch::NoMatch { suggestion } => match suggestion.and_then(by_id) {
            // Archived clients answer to their full name or id only: say so, rather than
            // suggest the very name that was typed the start of.
            Some(c)
                if hidden(c)
                    && crate::parse::fold(&c.name).contains(&crate::parse::fold(query)) =>
            {
                bail!(
                    "{}",
                    t(
                        CmdMsg::ClientArchivedHint,
                        &[
                            ("query", &format!("{query:?}")),
                            ("name", &format!("{:?}", c.name)),
                            ("id", &c.id)
                        ]
                    )
                )
            }
            Some(c) => bail!(
                "{}",
                t(
                    CmdMsg::ClientDidYouMean,
                    &[
                        ("query", &format!("{query:?}")),
                        ("name", &format!("{:?}", c.name))
                    ]
                )
            ),
            None => bail!(
                "{}",
                t(CmdMsg::ClientNoMatch, &[("query", &format!("{query:?}"))])
            ),
        },
    }
}

/// Parses an entry id as typed (`12` or `#12`).
pub fn entry_id(s: &str) -> Result<i64> {
    parse_id(s).ok_or_else(|| usage(t(CmdMsg::InvalidId, &[("s", &format!("{s:?}"))])))
}

/// The entry with this id, which must be of `kind` (when given) and not void.
pub fn find_entry(w: &dyn Txn, id: &str, kind: Option<Kind>) -> Result<Entry> {
    let id = entry_id(id)?;
    let e = w
        .entry(id)?
        .with_context(|| t(CmdMsg::NoEntry, &[("id", &id)]))?;
    if let Some(k) = kind
        && e.kind != k
    {
        // "entry #5 is a gift, not a commitment"; "regel #5 is een cadeau, geen afspraak".
        let want = match crate::i18n::lang() {
            crate::i18n::Lang::En => crate::i18n::commands::kind_with_article(k),
            crate::i18n::Lang::Nl => crate::i18n::commands::kind(k),
        };
        bail!(
            "{}",
            t(
                CmdMsg::WrongKind,
                &[
                    ("id", &id),
                    ("is", &crate::i18n::commands::kind_with_article(e.kind)),
                    ("want", &want)
                ]
            )
        );
    }
    if e.void {
        bail!("{}", t(CmdMsg::EntryVoid, &[("id", &id)]));
    }
    Ok(e)
}

/// The configuration stored in the ledger.
pub fn config_of(w: &dyn Txn) -> Result<Config> {
    Config::from_settings(&w.settings()?)
        .with_context(|| crate::i18n::t(crate::i18n::commands::CmdMsg::SettingsInvalid, &[]))
}

/// Print one entry as the recording commands do: its summary line (`verb`: `Recorded` …
/// `Voided`), or its JSON object.
pub fn show_entry(out: &mut Out, verb: CmdMsg, e: &Entry) -> Result<()> {
    out.show(
        || e.to_json(),
        || crate::i18n::commands::entry_line(verb, e),
    )
}
