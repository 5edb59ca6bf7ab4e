//! The whole command-line definition: global options and every subcommand's arguments.
//! Values a user types (dates, amounts) are checked here, so a bad one is a usage error (exit 2).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use clap_complete::engine::ArgValueCompleter;

use crate::model::{Cause, Channel, Kind, Occasion, Severity};
use crate::parse::{Amount, DateSpec};

/// One paragraph a line: clap wraps them to the terminal's width.
const AFTER_HELP: &str = "\
CLIENT is an id (3 or #3) or a name, case- and accent-insensitively: the exact name, else a \
unique prefix, else a unique client with a word equal to it, else one with a word starting with \
it, else a unique part of a name. ID is an entry id (12 or #12).

DATE is 2026-11-26, 26-11-2026, today, yesterday, tomorrow (vandaag, gisteren, morgen), 3d ago, \
2w ago, +3d, +2w, -1d, or a weekday (friday: the last one; for due dates the next one). What \
happened cannot be dated after today; due dates can.

AMOUNT is 45, 45.50, 45,50, €45,50, 12,50 euro, EUR 12,50, 1.234,56 or 1,234.56; 1.234 and \
1,234 read two ways and are refused.

Exit codes: 0 success, 1 the command could not be done, 2 the command line is wrong, 3 \
`report --fail-below N` found a client below N.

The ledger is --db, else $RELATIES_DB, else $XDG_DATA_HOME/relaties/ledger.db \
(~/.local/share/relaties/ledger.db).";

/// Completes CLIENT from the ledger's client names (see `commands::complete`).
fn client_names() -> ArgValueCompleter {
    ArgValueCompleter::new(crate::commands::complete::clients)
}

#[derive(Debug, Parser)]
#[command(
    name = "relaties",
    version,
    about = "A client-relations ledger: record gifts, compliments, commitments, incidents and \
             contacts, and see how every relationship scores on appreciation, trust and passion",
    after_help = AFTER_HELP,
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    /// Without a command: what needs attention and what is coming up (or, without a ledger,
    /// how to start)
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Valid before or after the subcommand; listed under their own heading, after each
/// subcommand's own options.
#[derive(Debug, Args, Clone)]
#[command(next_help_heading = "Global options")]
pub struct Global {
    /// The ledger file [default: $RELATIES_DB, else $XDG_DATA_HOME/relaties/ledger.db]
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Print exactly one JSON document on stdout
    #[arg(long, global = true)]
    pub json: bool,
    /// Print nothing on success (errors still go to stderr)
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Colour: auto (only on a terminal, never with NO_COLOR or TERM=dumb), always, never
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
    /// Language of what is written for people: nl or en [default: $RELATIES_LANG, else
    /// $LC_ALL, $LC_MESSAGES, $LANG (nl… is Dutch), else en]. JSON, pipes and exports stay as
    /// they are
    #[arg(long, global = true, value_enum, value_name = "LANG")]
    pub lang: Option<LangChoice>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangChoice {
    Nl,
    En,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add, list, show, edit, archive or forget clients
    #[command(subcommand)]
    Client(ClientCmd),
    /// Add, list, edit or remove the people at a client (contact persons)
    #[command(subcommand)]
    Contact(ContactCmd),

    /// Record a business gift
    LogGift(LogGift),
    /// Record a compliment you gave
    LogCompliment(LogCompliment),
    /// Record a milestone reached together
    LogMilestone(LogMilestone),
    /// Record a contact: a call, meeting, e-mail, visit or message
    LogTouch(LogTouch),
    /// Record a commitment (an agreement) with its due date
    Promise(Promise),
    /// Mark a commitment delivered (late when after its due date)
    Deliver(Deliver),
    /// Mark a commitment missed
    Miss(Miss),
    /// Move a commitment's due date
    Reschedule(Reschedule),
    /// Record an incident: a problem and how it is handled
    LogIncident(LogIncident),
    /// Record that the client was told about an incident
    Inform(Inform),
    /// Mark an incident resolved
    Resolve(Resolve),

    /// List entries, newest first
    Timeline(Timeline),
    /// List commitments
    Commitments(Commitments),
    /// List incidents
    Incidents(Incidents),

    /// Correct fields of an entry
    Edit(Edit),
    /// Mark an entry void: it stays in the ledger but no longer counts
    Void(Void),
    /// Undo the most recent change (repeat to walk further back)
    Undo,

    /// Show appreciation, trust and passion scores (all active clients, lowest first)
    Score(ScoreArgs),
    /// Show or change settings (stored in the ledger)
    #[command(subcommand)]
    Config(ConfigCmd),

    /// The weekly report: scores, this period, what needs attention, what is coming up
    Report(ReportArgs),
    /// Occasions, anniversaries and due dates coming up
    Upcoming(UpcomingArgs),
    /// A weekly report over a generated sample ledger (touches no ledger of yours)
    Demo(DemoArgs),

    /// Write the ledger out: json (everything, lossless), csv, ics (calendar), hledger (gift spend)
    Export(ExportArgs),
    /// Read clients (csv, vcf) or a whole ledger (json) in; all or nothing
    Import(ImportArgs),
    /// A consistent copy of the ledger, safe while others write
    Backup(BackupArgs),
    /// Shell completions on stdout
    Completions(CompletionsArgs),
    /// The man page (roff) on stdout, or with --dir every page (one per subcommand) as files
    Man(ManArgs),
    /// Check the ledger (integrity, schema, file modes) and count what it holds; exit 1 on a problem
    Doctor,
    /// A team ledger on a PostgreSQL server (--db postgres://…): make it, and say who may do what
    #[command(subcommand)]
    Team(TeamCmd),
}

#[derive(Debug, Subcommand)]
pub enum TeamCmd {
    /// Make the ledger's tables and its reader, member and owner roles in the database (run by a login that owns it and may create roles)
    Init,
    /// Give a login one role: reader (reads), member (also records and edits), owner (everything)
    Grant(TeamGrant),
    /// Take every role in this ledger from a login
    Revoke(TeamLogin),
    /// List the logins that hold a role in this ledger
    List,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TeamRole {
    Reader,
    Member,
    Owner,
}

impl TeamRole {
    pub fn as_str(self) -> &'static str {
        match self {
            TeamRole::Reader => "reader",
            TeamRole::Member => "member",
            TeamRole::Owner => "owner",
        }
    }
}

#[derive(Debug, Args)]
pub struct TeamGrant {
    /// The PostgreSQL login
    pub login: String,
    /// The role to give
    pub role: TeamRole,
}

#[derive(Debug, Args)]
pub struct TeamLogin {
    /// The PostgreSQL login
    pub login: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Json,
    Csv,
    Ics,
    Hledger,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CsvWhat {
    Clients,
    Entries,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
    pub format: ExportFormat,
    /// With --format csv: which table
    #[arg(long, value_enum, default_value_t = CsvWhat::Entries)]
    pub what: CsvWhat,
    /// With --format csv: for Excel in Dutch: `;`-separated, decimal comma, UTF-8 with BOM
    #[arg(long)]
    pub excel: bool,
    /// Write to this file (created 0600; replaced whole) instead of stdout; - is stdout
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace FILE if it exists
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    Json,
    Csv,
    Vcf,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The file to read, or - for standard input
    pub file: PathBuf,
    /// The file's format [default: from its extension]
    #[arg(long, value_enum)]
    pub format: Option<ImportFormat>,
    /// Show what would be added and skipped; write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// A record the ledger has (same uuid) with other content: keep the ledger's, or replace
    /// it with the file's [default: list the differences and import nothing]
    #[arg(long, value_enum, value_name = "WHICH")]
    pub on_conflict: Option<OnConflict>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum OnConflict {
    Keep,
    Replace,
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// Where to write the copy
    pub file: PathBuf,
    /// Replace FILE if it exists
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write relaties.1 and a page per subcommand (relaties-log-gift.1, …) into this folder
    /// (created when missing) instead of printing relaties.1
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Table,
    Markdown,
    Json,
    Csv,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Start of the period [default: 6 days before --as-of]
    #[arg(
        long,
        value_name = "DATE",
        conflicts_with = "week",
        allow_hyphen_values = true
    )]
    pub since: Option<DateSpec>,
    /// End of the period [default: --as-of]
    #[arg(
        long,
        value_name = "DATE",
        conflicts_with = "week",
        allow_hyphen_values = true
    )]
    pub until: Option<DateSpec>,
    /// The period is the ISO week (Monday to Sunday) that contains --as-of
    #[arg(long)]
    pub week: bool,
    /// Report as of this date [default: today]
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub as_of: Option<DateSpec>,
    /// Only this client
    #[arg(long, value_name = "CLIENT", add = client_names())]
    pub client: Option<String>,
    /// Output format (--json is the same as --format json) [default: table on a terminal,
    /// tab-separated blocks in a pipe]
    #[arg(long, value_enum)]
    pub format: Option<ReportFormat>,
    /// Exit 3 (after printing) when any active client's overall score is below N
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(i64).range(0..=101))]
    pub fail_below: Option<i64>,
}

#[derive(Debug, Args)]
pub struct UpcomingArgs {
    /// How many days ahead
    #[arg(long, value_name = "N", default_value_t = 14, value_parser = clap::value_parser!(u64).range(0..=3660))]
    pub days: u64,
    /// From this date [default: today]
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub as_of: Option<DateSpec>,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// How many clients
    #[arg(long, value_name = "N", default_value_t = 12, value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub clients: u32,
    /// How many entries in all [default: about 25 per client]
    #[arg(long, value_name = "M", value_parser = clap::value_parser!(u32).range(0..=50_000_000))]
    pub entries: Option<u32>,
    /// Random seed: the same seed and date give the same ledger
    #[arg(long, value_name = "S", default_value_t = 1)]
    pub seed: u64,
    /// The day the sample ledger ends on [default: today]
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub as_of: Option<DateSpec>,
}

#[derive(Debug, Args)]
pub struct ScoreArgs {
    /// Only this client
    #[arg(add = client_names())]
    pub client: Option<String>,
    /// Score as of this date (later entries are ignored) [default: today]
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub as_of: Option<DateSpec>,
    /// List which entries and rules moved each score, and by how much
    #[arg(long)]
    pub explain: bool,
    /// The client's weekly history instead: the four scores as of each Sunday
    #[arg(long, requires = "client", conflicts_with = "explain")]
    pub history: bool,
    /// How many weeks of history, up to 52 [default: 26]
    #[arg(long, value_name = "N", requires = "history", value_parser = clap::value_parser!(u16).range(1..=52))]
    pub weeks: Option<u16>,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCmd {
    /// Every setting with its value, and whether it is the default
    List,
    /// One setting's value
    Get { key: String },
    /// Change a setting (checked before it is stored)
    Set {
        key: String,
        /// The value; negative numbers are taken as values (and refused with the key's form)
        #[arg(allow_hyphen_values = true)]
        value: String,
    },
    /// Return a setting to its default
    Unset { key: String },
}

#[derive(Debug, Subcommand)]
pub enum ClientCmd {
    /// Add a client
    Add(ClientAdd),
    /// List clients
    List(ClientList),
    /// Show a client's details, open items and recent entries
    Show(ClientRef),
    /// Change a client's details
    Edit(ClientEdit),
    /// Archive a client: kept, but out of lists and reports
    Archive(ClientRef),
    /// Bring an archived client back
    Unarchive(ArchivedRef),
    /// Erase a client and every entry of it (cannot be undone)
    ///
    /// Erases the client and all its entries from the ledger for good, and empties the undo
    /// history (it could bring them back).
    ///
    /// Copies made earlier are not touched: a backup (`relaties backup`), an export or a copy
    /// of the ledger file made before still holds the client, and must be deleted separately.
    Forget(ClientForget),
}

#[derive(Debug, Subcommand)]
pub enum ContactCmd {
    /// Add a person at a client
    Add(ContactAdd),
    /// List the people at one client, or at every client
    List(ContactList),
    /// Change a person's details (an empty value clears a field)
    Edit(ContactEdit),
    /// Remove a person (the entries stay)
    Remove(ContactId),
}

#[derive(Debug, Clone, Args)]
pub struct ContactFields {
    /// Their role or job title
    #[arg(long, value_name = "ROLE")]
    pub role: Option<String>,
    /// An e-mail address (repeat for several)
    #[arg(long = "email", value_name = "E")]
    pub emails: Vec<String>,
    /// A phone number (repeat for several)
    #[arg(long = "phone", value_name = "P")]
    pub phones: Vec<String>,
    /// Birthday: 1980-12-05, 05-12-1980, or 5-12 without the year (day first)
    #[arg(long, value_name = "DATE")]
    pub birthday: Option<String>,
    /// A free-form note
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
}

#[derive(Debug, Args)]
pub struct ContactAdd {
    /// Client id or name
    pub client: String,
    /// The person's name
    pub name: String,
    #[command(flatten)]
    pub fields: ContactFields,
}

#[derive(Debug, Args)]
pub struct ContactList {
    /// Only the people at this client
    pub client: Option<String>,
}

#[derive(Debug, Args)]
pub struct ContactEdit {
    /// The contact person's id
    pub id: String,
    /// A new name
    #[arg(long, value_name = "NEW")]
    pub name: Option<String>,
    /// Move the person to another client
    #[arg(long, value_name = "CLIENT")]
    pub client: Option<String>,
    #[command(flatten)]
    pub fields: ContactFields,
}

#[derive(Debug, Args)]
pub struct ContactId {
    /// The contact person's id
    pub id: String,
}

#[derive(Debug, Clone, Args)]
pub struct ClientFields {
    /// Contact person
    #[arg(long, value_name = "PERSON")]
    pub contact: Option<String>,
    /// E-mail address
    #[arg(long, value_name = "E")]
    pub email: Option<String>,
    /// Phone number
    #[arg(long, value_name = "P")]
    pub phone: Option<String>,
    /// Client since
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub since: Option<DateSpec>,
    /// A tag (repeat for several)
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// How often (days) you want to show appreciation to this client
    #[arg(long, value_name = "DAYS", value_parser = clap::value_parser!(u32).range(1..=3650))]
    pub cadence: Option<u32>,
    /// A free-form note
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
}

#[derive(Debug, Args)]
pub struct ClientAdd {
    /// The client's name (unique, case- and accent-insensitively)
    pub name: String,
    #[command(flatten)]
    pub fields: ClientFields,
}

#[derive(Debug, Args)]
pub struct ClientList {
    /// Only clients with this tag
    #[arg(long, value_name = "TAG")]
    pub tag: Option<String>,
    /// Include archived clients
    #[arg(long)]
    pub all: bool,
}

#[derive(Debug, Args)]
pub struct ClientRef {
    /// Client id or name
    #[arg(add = client_names())]
    pub client: String,
}

#[derive(Debug, Args)]
pub struct ArchivedRef {
    /// Client id or name (a prefix or part of an archived client's name will do)
    #[arg(add = ArgValueCompleter::new(crate::commands::complete::archived_clients))]
    pub client: String,
}

#[derive(Debug, Args)]
pub struct ClientEdit {
    /// Client id or name
    #[arg(add = client_names())]
    pub client: String,
    /// A new name
    #[arg(long, value_name = "NEW")]
    pub name: Option<String>,
    #[command(flatten)]
    pub fields: ClientFields,
    /// Remove all tags (before adding any given with --tag)
    #[arg(long)]
    pub clear_tags: bool,
}

#[derive(Debug, Args)]
pub struct ClientForget {
    /// Client id or name
    #[arg(add = client_names())]
    pub client: String,
    /// Confirm: the client and all its entries are erased for good
    #[arg(long)]
    pub yes: bool,
    /// Keep the entries' dates, kinds and amounts (for the books), drop every name and text
    ///
    /// Kept: each entry's id, kind, dates (of the entry, due, delivered, missed, informed,
    /// resolved, rescheduled), amount and currency, whether it was voided, and when it was
    /// recorded, under a client renamed "forgotten client #ID" (archived). Dropped: the
    /// client's name, contact, e-mail, phone, since, tags, cadence and note, and every
    /// entry's description, note, reasons, occasion, channel, energy, quality, proactive and
    /// explained marks, cause, severity and solution.
    #[arg(long)]
    pub anonymize: bool,
}

#[derive(Debug, Args)]
pub struct Common {
    /// When it happened [default: today]
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub date: Option<DateSpec>,
    /// A free-form note
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
}

#[derive(Debug, Args)]
pub struct LogGift {
    /// Client id or name
    #[arg(add = client_names())]
    pub client: String,
    /// What you gave
    pub description: String,
    #[arg(long, value_enum)]
    pub occasion: Option<Occasion>,
    /// What it cost
    #[arg(long, value_name = "AMOUNT", allow_hyphen_values = true)]
    pub cost: Option<Amount>,
    /// ISO 4217 currency code [default: config currency.default]
    #[arg(long, value_name = "CODE")]
    pub currency: Option<String>,
    /// The contact person it was for (marks their birthday when near)
    #[arg(long, value_name = "NAME")]
    pub for_contact: Option<String>,
    #[command(flatten)]
    pub common: Common,
}

#[derive(Debug, Args)]
pub struct LogCompliment {
    /// Client id or name
    #[arg(add = client_names())]
    pub client: String,
    /// The compliment
    pub text: String,
    /// What it was for (e.g. "on-time payment", "clear brief")
    #[arg(long = "for", value_name = "REASON")]
    pub for_: Option<String>,
    /// The contact person it was for (marks their birthday when near)
    #[arg(long, value_name = "NAME")]
    pub for_contact: Option<String>,
    #[command(flatten)]
    pub common: Common,
}

#[derive(Debug, Args)]
pub struct LogMilestone {
    /// Client id or name
    #[arg(add = client_names())]
    pub client: String,
    /// What was reached
    pub text: String,
    #[command(flatten)]
    pub common: Common,
}

#[derive(Debug, Args)]
pub struct LogTouch {
    /// Client id or name
    #[arg(add = client_names())]
    pub client: String,
    /// What it was about
    pub text: Option<String>,
    #[arg(long, value_enum)]
    pub channel: Option<Channel>,
    /// Your own enthusiasm, 1 (dragging) to 5 (glad to do it)
    #[arg(long, value_name = "1-5", value_parser = clap::value_parser!(u8).range(1..=5))]
    pub energy: Option<u8>,
    /// An idea or extra step nobody asked for
    #[arg(long)]
    pub proactive: bool,
    #[command(flatten)]
    pub common: Common,
}

#[derive(Debug, Args)]
pub struct Promise {
    /// Client id or name
    #[arg(add = client_names())]
    pub client: String,
    /// What you agreed to do
    pub what: String,
    /// When it is due
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub due: DateSpec,
    /// When it was agreed [default: today]
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub date: Option<DateSpec>,
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
}

#[derive(Debug, Args)]
pub struct Deliver {
    /// The commitment's id
    #[arg(add = ArgValueCompleter::new(crate::commands::complete::open_commitments))]
    pub id: String,
    /// Quality of the delivery, 1 to 5
    #[arg(long, value_name = "1-5", value_parser = clap::value_parser!(u8).range(1..=5))]
    pub quality: Option<u8>,
    #[command(flatten)]
    pub common: Common,
}

#[derive(Debug, Args)]
pub struct Miss {
    /// The commitment's id
    #[arg(add = ArgValueCompleter::new(crate::commands::complete::open_commitments))]
    pub id: String,
    /// Why it was not kept
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
    #[command(flatten)]
    pub common: Common,
}

#[derive(Debug, Args)]
pub struct Reschedule {
    /// The commitment's id
    #[arg(add = ArgValueCompleter::new(crate::commands::complete::open_commitments))]
    pub id: String,
    /// The new due date
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub due: DateSpec,
    /// The client agreed to the new date beforehand (then it is not lateness)
    #[arg(long)]
    pub agreed: bool,
    /// When it was rescheduled [default: today]
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub date: Option<DateSpec>,
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
}

#[derive(Debug, Args)]
pub struct LogIncident {
    /// Client id or name
    #[arg(add = client_names())]
    pub client: String,
    /// What went wrong
    pub what: String,
    #[arg(long, value_enum)]
    pub cause: Option<Cause>,
    #[arg(long, value_enum)]
    pub severity: Option<Severity>,
    /// When the client was told
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub informed: Option<DateSpec>,
    /// You explained what was going on
    #[arg(long)]
    pub explained: bool,
    /// The solution you offered
    #[arg(long, value_name = "TEXT")]
    pub solution: Option<String>,
    #[command(flatten)]
    pub common: Common,
}

#[derive(Debug, Args)]
pub struct Inform {
    /// The incident's id
    #[arg(add = ArgValueCompleter::new(crate::commands::complete::open_incidents))]
    pub id: String,
    /// You explained what was going on
    #[arg(long)]
    pub explained: bool,
    #[command(flatten)]
    pub common: Common,
}

#[derive(Debug, Args)]
pub struct Resolve {
    /// The incident's id
    #[arg(add = ArgValueCompleter::new(crate::commands::complete::open_incidents))]
    pub id: String,
    /// The solution
    #[arg(long, value_name = "TEXT")]
    pub solution: Option<String>,
    #[command(flatten)]
    pub common: Common,
}

#[derive(Debug, Args)]
pub struct Timeline {
    /// Only this client's entries
    #[arg(add = client_names())]
    pub client: Option<String>,
    /// Only entries of this kind (repeat for several)
    #[arg(long = "kind", value_enum, value_name = "KIND")]
    pub kinds: Vec<Kind>,
    /// Only entries on or after this date
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub since: Option<DateSpec>,
    /// Only entries on or before this date
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub until: Option<DateSpec>,
    /// At most this many entries
    #[arg(long, value_name = "N")]
    pub limit: Option<u32>,
}

#[derive(Debug, Args)]
pub struct Commitments {
    /// Only this client's commitments
    #[arg(add = client_names())]
    pub client: Option<String>,
    /// Only open ones
    #[arg(long)]
    pub open: bool,
    /// Only open ones past their due date
    #[arg(long)]
    pub overdue: bool,
    /// Only open ones due within this many days (overdue included)
    #[arg(long, value_name = "DAYS")]
    pub due_within: Option<u32>,
}

#[derive(Debug, Args)]
pub struct Incidents {
    /// Only this client's incidents
    #[arg(add = client_names())]
    pub client: Option<String>,
    /// Only unresolved ones
    #[arg(long)]
    pub open: bool,
}

#[derive(Debug, Args)]
pub struct Edit {
    /// The entry's id
    pub id: String,
    /// The date of the entry (for a commitment: when it was agreed)
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub date: Option<DateSpec>,
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// The entry's main text (what, description)
    #[arg(long, value_name = "TEXT")]
    pub description: Option<String>,
    /// Move the entry to another client
    #[arg(long, value_name = "CLIENT", add = client_names())]
    pub client: Option<String>,
    /// Gift: occasion
    #[arg(long, value_enum)]
    pub occasion: Option<Occasion>,
    /// Gift: cost
    #[arg(long, value_name = "AMOUNT", allow_hyphen_values = true)]
    pub cost: Option<Amount>,
    /// Gift: currency
    #[arg(long, value_name = "CODE")]
    pub currency: Option<String>,
    /// Compliment: what it was for
    #[arg(long = "for", value_name = "REASON")]
    pub for_: Option<String>,
    /// Touch: channel
    #[arg(long, value_enum)]
    pub channel: Option<Channel>,
    /// Touch: enthusiasm 1-5
    #[arg(long, value_name = "1-5", value_parser = clap::value_parser!(u8).range(1..=5))]
    pub energy: Option<u8>,
    /// Touch: proactive or not
    #[arg(long, value_name = "BOOL")]
    pub proactive: Option<bool>,
    /// Commitment: due date
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub due: Option<DateSpec>,
    /// Commitment: delivery date (when delivered)
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub delivered: Option<DateSpec>,
    /// Commitment: delivery quality 1-5
    #[arg(long, value_name = "1-5", value_parser = clap::value_parser!(u8).range(1..=5))]
    pub quality: Option<u8>,
    /// Commitment: why it was missed
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
    /// Incident: cause
    #[arg(long, value_enum)]
    pub cause: Option<Cause>,
    /// Incident: severity
    #[arg(long, value_enum)]
    pub severity: Option<Severity>,
    /// Incident: when the client was told
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub informed: Option<DateSpec>,
    /// Incident: explained or not
    #[arg(long, value_name = "BOOL")]
    pub explained: Option<bool>,
    /// Incident: the solution offered
    #[arg(long, value_name = "TEXT")]
    pub solution: Option<String>,
    /// Incident: when it was resolved
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub resolved: Option<DateSpec>,
}

#[derive(Debug, Args)]
pub struct Void {
    /// The entry's id
    pub id: String,
    /// Why it is void
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
}

/// Every help text of a command tree (abouts, after-helps, each argument's help), with the
/// path of the command it belongs to: for the tests that hold help texts to their rules.
pub fn help_texts(cmd: &clap::Command) -> Vec<(String, String)> {
    fn walk(cmd: &clap::Command, path: &str, out: &mut Vec<(String, String)>) {
        let texts = [
            cmd.get_about(),
            cmd.get_long_about(),
            cmd.get_after_help(),
            cmd.get_after_long_help(),
            cmd.get_before_help(),
            cmd.get_before_long_help(),
        ];
        let args = cmd
            .get_arguments()
            .flat_map(|a| [a.get_help(), a.get_long_help()]);
        for t in texts.into_iter().chain(args).flatten() {
            out.push((path.to_string(), t.to_string()));
        }
        for sub in cmd.get_subcommands() {
            walk(sub, &format!("{path} {}", sub.get_name()), out);
        }
    }
    let mut out = Vec::new();
    walk(cmd, cmd.get_name(), &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn global_flags_work_after_the_subcommand() {
        let cli = Cli::try_parse_from(["relaties", "timeline", "--json", "--db", "x.db"])
            .expect("parses");
        assert!(cli.global.json);
        assert_eq!(cli.global.db, Some(PathBuf::from("x.db")));
    }

    /// Every help text is written one paragraph a line: clap wraps it to the terminal.
    #[test]
    fn no_help_text_is_hard_wrapped() {
        for (path, t) in super::help_texts(&Cli::command()) {
            for paragraph in t.split("\n\n") {
                assert!(
                    !paragraph.contains('\n'),
                    "{path}: a paragraph broken by hand: {paragraph:?}"
                );
            }
        }
    }

    #[test]
    fn bad_date_is_a_usage_error() {
        let err = Cli::try_parse_from(["relaties", "promise", "acme", "x", "--due", "2026-02-30"])
            .expect_err("rejects");
        assert_eq!(err.exit_code(), 2);
    }
}
