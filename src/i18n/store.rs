//! What the storage layer says when something fails, in English and Dutch. The messages name
//! what failed (reading the clients, committing a change, opening the ledger), not how one
//! engine does it, so that another store can word its errors from the same catalogue. The
//! English texts are today's, byte for byte.
//!
//! Every store message is built only when it is shown: call sites use
//! `.with_context(|| t(StoreMsg::X, &[]))` (never an eager `.context(t(…))`, which would
//! format a message for every row a scan reads), `ok_or_else`, `bail!`.
//!
//! The libraries word their own causes in English (SQLite's "database disk image is
//! malformed", the system's "Permission denied (os error 13)"); `error_text` puts those in
//! Dutch when the error is shown in Dutch, and leaves the English line as it always was.

use std::fmt::Write as _;

use super::{Lang, lang, t, t_in};

crate::catalogue! { StoreMsg {
    // ---- where the ledger is, and what is there ----
    NoHome { en: "cannot find a home folder for the ledger; pass --db PATH", nl: "geen thuismap gevonden voor het grootboek; geef --db PAD" }
    NoLedger { en: "no ledger at {path}; start one with `relaties client add NAME` (or try `relaties demo`)", nl: "geen grootboek in {path}; begin er een met `relaties client add NAAM` (of probeer `relaties demo`)" }
    NotALedger { en: "{path} is not a relaties ledger (not an SQLite database, or damaged)", nl: "{path} is geen grootboek van relaties (geen SQLite-database, of beschadigd)" }
    LedgerDanglingLink { en: "the ledger path {path} is a symbolic link to {target}, which does not exist; fix or remove the link, or pass the target's path", nl: "het grootboekpad {path} is een symbolische koppeling naar {target}, dat niet bestaat; herstel of verwijder de koppeling, of geef het pad van het doel" }
    LedgerNotRegular { en: "the ledger path {path} is {kind}, not a ledger file; pass the path of a regular file", nl: "het grootboekpad {path} is {kind}, geen grootboekbestand; geef het pad van een gewoon bestand" }
    LedgerEmptyShared { en: "{path} is an empty file that others may read (mode {mode}); a ledger must be private: run `chmod 600 {path}` or remove it, then try again", nl: "{path} is een leeg bestand dat anderen mogen lezen (modus {mode}); een grootboek moet privé zijn: voer `chmod 600 {path}` uit of verwijder het, en probeer het opnieuw" }
    LedgerAt { en: "ledger {path}", nl: "grootboek {path}" }
    OpenLedger { en: "cannot open the ledger {path}", nl: "kan het grootboek {path} niet openen" }
    ReadLedgerAt { en: "cannot read the ledger {path}", nl: "kan het grootboek {path} niet lezen" }
    ReadLedger { en: "cannot read the ledger", nl: "kan het grootboek niet lezen" }
    CreateLedger { en: "cannot create the ledger {path}", nl: "kan het grootboek {path} niet maken" }
    ProtectLedger { en: "cannot protect the ledger {path}", nl: "kan het grootboek {path} niet afschermen" }
    CreateFolder { en: "cannot create the folder {path}", nl: "kan de map {path} niet maken" }
    ProtectFolder { en: "cannot protect the folder {path}", nl: "kan de map {path} niet afschermen" }
    CreateFileIn { en: "cannot create a file in {folder}", nl: "kan geen bestand maken in {folder}" }
    AlreadyExists { en: "{path} already exists", nl: "{path} bestaat al" }
    NotAFilePath { en: "{path} is not a file path", nl: "{path} is geen bestandspad" }
    AppearedMeanwhile { en: "{path} appeared while the new ledger was being written; it was left alone", nl: "{path} verscheen terwijl het nieuwe grootboek werd geschreven; het is met rust gelaten" }
    StaleReadOnly { en: "cannot read {path} from here: its latest changes are still in {wal}, and reading them needs a {shm} file that this user cannot create in {folder}; ask the ledger's owner to run `relaties doctor` (which moves the changes into the ledger), or copy the ledger together with its -wal file to a folder you can write", nl: "kan {path} hier niet lezen: de laatste wijzigingen staan nog in {wal}, en om die te lezen is een {shm}-bestand nodig dat deze gebruiker niet kan maken in {folder}; vraag de eigenaar van het grootboek `relaties doctor` uit te voeren (dat zet de wijzigingen in het grootboek), of kopieer het grootboek samen met het -wal-bestand naar een map waarin je mag schrijven" }

    // ---- the files beside the ledger ----
    CheckFile { en: "cannot check {path}", nl: "kan {path} niet controleren" }
    RefuseSidecar { en: "refusing to write the ledger: {path} is part of it but {why}; {fix}", nl: "relaties schrijft niet in het grootboek: {path} hoort erbij maar {why}; {fix}" }
    SidecarIs { en: "is {kind}", nl: "is {kind}" }
    SidecarOwner { en: "belongs to another user (uid {owner}, the ledger's owner is uid {ledger})", nl: "is van een andere gebruiker (uid {owner}, de eigenaar van het grootboek is uid {ledger})" }
    SidecarOpen { en: "others may read or write it (mode {mode})", nl: "anderen mogen het lezen of schrijven (modus {mode})" }
    FixRemove { en: "remove it when no relaties is running", nl: "verwijder het als er geen relaties draait" }
    FixChmod { en: "run `chmod 600 {path}`, or remove it when no relaties is running", nl: "voer `chmod 600 {path}` uit, of verwijder het als er geen relaties draait" }

    // ---- opening for writing, writing, waiting ----
    EnableWriteLog { en: "cannot switch the ledger to WAL mode", nl: "kan het grootboek niet in WAL-modus zetten" }
    WriteLogRefused { en: "the ledger cannot use WAL mode (it reports {mode})", nl: "het grootboek kan geen WAL-modus gebruiken (het meldt {mode})" }
    ConfigureLedger { en: "cannot set the ledger's pragmas", nl: "kan de instellingen van de verbinding met het grootboek niet zetten" }
    StartWrite { en: "cannot start a write", nl: "kan niet beginnen met schrijven" }
    CommitChange { en: "cannot commit the change", nl: "kan de wijziging niet vastleggen" }
    CountChange { en: "cannot count the change", nl: "kan de wijziging niet tellen" }
    ReadIdentities { en: "cannot read the {table}' identities", nl: "kan de identiteiten van de {table} niet lezen" }
    Checkpoint { en: "cannot checkpoint the ledger", nl: "kan de laatste wijzigingen niet in het grootboekbestand zetten" }
    CheckpointKeptBack { en: "another program is reading the ledger, so not every change reached the main file yet", nl: "een ander programma leest het grootboek, dus nog niet elke wijziging staat in het hoofdbestand" }
    WaitNotSeconds { en: "RELATIES_WAIT={value} is not a number of seconds (say RELATIES_WAIT=120)", nl: "RELATIES_WAIT={value} is geen aantal seconden (zeg RELATIES_WAIT=120)" }
    WaitNotText { en: "RELATIES_WAIT is not a number of seconds", nl: "RELATIES_WAIT is geen aantal seconden" }
    GaveUp { en: "another program kept the ledger locked for {secs} s; nothing was changed (set RELATIES_WAIT=SECONDS to wait longer)", nl: "een ander programma hield het grootboek {secs} s vergrendeld; er is niets gewijzigd (zet RELATIES_WAIT=SECONDEN om langer te wachten)" }
    Waiting { en: "waiting for another relaties to finish writing…", nl: "wachten tot een andere relaties klaar is met schrijven…" }

    // ---- the schema ----
    ReadSchemaVersion { en: "cannot read the ledger's schema version", nl: "kan de schemaversie van het grootboek niet lezen" }
    SchemaNewer { en: "the ledger has schema version {v}, newer than this relaties understands ({current}); upgrade relaties", nl: "het grootboek heeft schemaversie {v}, nieuwer dan deze relaties begrijpt ({current}); werk relaties bij" }
    SchemaOlder { en: "the ledger has schema version {v}; run any writing command (e.g. `relaties doctor`) to upgrade it to {current}", nl: "het grootboek heeft schemaversie {v}; voer een schrijvende opdracht uit (bijv. `relaties doctor`) om het bij te werken naar {current}" }
    LedgerEmpty { en: "the ledger is empty (no schema yet); record something first", nl: "het grootboek is leeg (nog geen schema); leg eerst iets vast" }
    StartUpgrade { en: "cannot start the schema upgrade", nl: "kan niet beginnen met het bijwerken van het schema" }
    Upgrade { en: "cannot upgrade the ledger to schema version {target}", nl: "kan het grootboek niet bijwerken naar schemaversie {target}" }
    CommitUpgrade { en: "cannot commit schema version {target}", nl: "kan schemaversie {target} niet vastleggen" }

    // ---- the backup ----
    CreateBackup { en: "cannot create the backup {path}", nl: "kan de reservekopie {path} niet maken" }
    StartBackup { en: "cannot start the backup", nl: "kan niet beginnen met de reservekopie" }
    BackupIncomplete { en: "the backup did not complete", nl: "de reservekopie is niet voltooid" }
    BackupLocked { en: "the ledger stayed locked; the backup did not complete", nl: "het grootboek bleef op slot; de reservekopie is niet voltooid" }
    CheckBackup { en: "cannot check the backup", nl: "kan de reservekopie niet controleren" }
    BackupIntegrity { en: "the backup failed its integrity check: {check}", nl: "de reservekopie faalde de integriteitscontrole: {check}" }
    FinishBackup { en: "cannot finish the backup", nl: "kan de reservekopie niet afronden" }

    // ---- doctor's checks ----
    RunCheck { en: "cannot run {check}", nl: "kan {check} niet uitvoeren" }
    ReadJournalMode { en: "cannot read the journal mode", nl: "kan de journaalmodus niet lezen" }

    // ---- clients ----
    ReadClients { en: "cannot read the clients", nl: "kan de klanten niet lezen" }
    ReadClient { en: "cannot read a client", nl: "kan een klant niet lezen" }
    ClientNameEmpty { en: "a client name cannot be empty", nl: "een klantnaam mag niet leeg zijn" }
    ClientExists { en: "a client named {name} already exists (#{id})", nl: "er is al een klant {name} (#{id})" }
    AddClient { en: "cannot add client {name}", nl: "kan klant {name} niet toevoegen" }
    UpdateClient { en: "cannot update the client", nl: "kan de klant niet bijwerken" }
    NewClientVanished { en: "the new client vanished", nl: "de nieuwe klant is verdwenen" }
    ClientVanished { en: "the client vanished", nl: "de klant is verdwenen" }
    AnonymizeClient { en: "cannot anonymize the client", nl: "kan de klant niet anonimiseren" }
    AnonymizeClientEntries { en: "cannot anonymize the client's entries", nl: "kan de regels van de klant niet anonimiseren" }
    EraseClientContacts { en: "cannot erase the client's contact persons", nl: "kan de contactpersonen van de klant niet wissen" }
    EraseClientEntries { en: "cannot erase the client's entries", nl: "kan de regels van de klant niet wissen" }
    EraseClient { en: "cannot erase the client", nl: "kan de klant niet wissen" }

    // ---- contact persons ----
    ReadContacts { en: "cannot read the contact persons", nl: "kan de contactpersonen niet lezen" }
    ReadContact { en: "cannot read a contact person", nl: "kan een contactpersoon niet lezen" }
    ReadContactLinks { en: "cannot read which entries were for whom", nl: "kan niet lezen welke regels voor wie waren" }
    ReadBirthdayGifts { en: "cannot read the birthday gifts", nl: "kan de verjaardagscadeaus niet lezen" }
    AddContact { en: "cannot add the contact person", nl: "kan de contactpersoon niet toevoegen" }
    UpdateContact { en: "cannot update the contact person", nl: "kan de contactpersoon niet bijwerken" }
    RemoveContact { en: "cannot remove the contact person", nl: "kan de contactpersoon niet verwijderen" }
    LinkContact { en: "cannot record whom the entry was for", nl: "kan niet vastleggen voor wie de regel was" }
    NewContactVanished { en: "the new contact person vanished", nl: "de nieuwe contactpersoon is verdwenen" }
    ContactVanished { en: "the contact person vanished", nl: "de contactpersoon is verdwenen" }

    // ---- entries ----
    ReadEntries { en: "cannot read the entries", nl: "kan de regels niet lezen" }
    ReadAnEntry { en: "cannot read an entry", nl: "kan een regel niet lezen" }
    ReadEntry { en: "cannot read entry #{id}", nl: "kan regel #{id} niet lezen" }
    NumberEntry { en: "cannot number the entry", nl: "kan de regel geen nummer geven" }
    RecordEntry { en: "cannot record the entry", nl: "kan de regel niet vastleggen" }
    UpdateEntry { en: "cannot update entry #{id}", nl: "kan regel #{id} niet bijwerken" }
    NewEntryVanished { en: "the new entry vanished", nl: "de nieuwe regel is verdwenen" }
    EntryVanished { en: "the entry vanished", nl: "de regel is verdwenen" }
    FindEarlierGifts { en: "cannot look for earlier gifts", nl: "kan niet zoeken naar eerdere cadeaus" }
    DamagedDate { en: "a stored date is damaged", nl: "een opgeslagen datum is beschadigd" }
    BadDate { en: "bad date {value} in the ledger", nl: "ongeldige datum {value} in het grootboek" }
    UnknownValue { en: "unknown value {value}", nl: "onbekende waarde {value}" }
    NoKind { en: "no kind", nl: "geen soort" }
    NoDate { en: "no date", nl: "geen datum" }
    DamagedFacts { en: "entry #{id} has damaged facts; run `relaties doctor`", nl: "regel #{id} heeft beschadigde gegevens; voer `relaties doctor` uit" }

    // ---- settings ----
    ReadSettings { en: "cannot read the settings", nl: "kan de instellingen niet lezen" }
    StoreSetting { en: "cannot store the setting {key}", nl: "kan de instelling {key} niet opslaan" }

    // ---- the undo journal ----
    ReadJournal { en: "cannot read the undo journal", nl: "kan het logboek voor ongedaan maken niet lezen" }
    WriteJournal { en: "cannot write the undo journal", nl: "kan niet schrijven in het logboek voor ongedaan maken" }
    ClearJournal { en: "cannot clear the undo journal", nl: "kan het logboek voor ongedaan maken niet legen" }
    PruneJournal { en: "cannot prune the undo journal", nl: "kan het logboek voor ongedaan maken niet inkorten" }
    UpdateJournal { en: "cannot update the undo journal", nl: "kan het logboek voor ongedaan maken niet bijwerken" }
    ReadJournalRow { en: "cannot read a {table} row for the undo journal", nl: "kan een rij van de {table} niet lezen voor het logboek voor ongedaan maken" }
    JournalUnknownTable { en: "the undo journal names an unknown table {table}", nl: "het logboek voor ongedaan maken noemt een onbekende tabel {table}" }
    JournalDamaged { en: "damaged undo journal", nl: "beschadigd logboek voor ongedaan maken" }
    UndoRow { en: "cannot undo a {table} row", nl: "kan een rij van de {table} niet terugzetten" }
    NothingToUndo { en: "nothing to undo", nl: "er is niets om ongedaan te maken" }
    CannotUndoErased { en: "cannot undo: the last change ({summary}, {at}) erased data for good, and nothing before it can be undone", nl: "kan niet ongedaan maken: de laatste wijziging ({summary}, {at}) wiste gegevens voorgoed, en niets daarvoor kan nog ongedaan worden" }

    // ---- the causes an engine or the system gives (shown in Dutch only; English keeps theirs) ----
    CauseDamaged { en: "the file is damaged", nl: "het bestand is beschadigd" }
    CauseReadOnly { en: "the ledger is read-only", nl: "het grootboek is alleen-lezen" }
    CauseCannotOpen { en: "the file cannot be opened", nl: "het bestand kan niet worden geopend" }
    CauseNoPermission { en: "permission denied", nl: "geen toestemming" }
    CauseDiskFull { en: "the disk is full", nl: "de schijf is vol" }
    CauseLocked { en: "the ledger is locked", nl: "het grootboek is vergrendeld" }
    CauseIo { en: "a read or write error", nl: "een lees- of schrijffout" }
    CauseTooBig { en: "too large", nl: "te groot" }
    CauseNotFound { en: "no such file or folder", nl: "bestand of map bestaat niet" }
    CauseExists { en: "it already exists", nl: "het bestaat al" }
    CauseIsFolder { en: "it is a folder", nl: "het is een map" }
    CauseNotFolder { en: "not a folder", nl: "geen map" }
    CauseReadOnlyFs { en: "the file system is read-only", nl: "het bestandssysteem is alleen-lezen" }
    CauseUnreadable { en: "a stored value cannot be read", nl: "een opgeslagen waarde is onleesbaar" }
    CauseWrongType { en: "column {column} holds a value of the wrong type", nl: "kolom {column} bevat een waarde van de verkeerde soort" }
    CauseOutOfRange { en: "value {value} is out of range", nl: "waarde {value} valt buiten het bereik" }
    CauseEngine { en: "database error: {detail}", nl: "databasefout: {detail}" }
    CauseSystem { en: "system error: {detail}", nl: "systeemfout: {detail}" }
    CauseOsError { en: "{cause} (os error {n})", nl: "{cause} (os-fout {n})" }

    // ---- the tables, as a message names them ----
    TableClients { en: "clients", nl: "klanten" }
    TableEntries { en: "entries", nl: "regels" }
    TableContacts { en: "contacts", nl: "contactpersonen" }
    TableSettings { en: "settings", nl: "instellingen" }
    TableEntryContacts { en: "entry_contacts", nl: "koppelingen van regels aan contactpersonen" }
} }

/// A table as a message names it: its own name in English (as the messages always said),
/// what it holds in Dutch.
pub fn table(name: &str) -> String {
    let msg = match name {
        "clients" => StoreMsg::TableClients,
        "entries" => StoreMsg::TableEntries,
        "contacts" => StoreMsg::TableContacts,
        "settings" => StoreMsg::TableSettings,
        "entry_contacts" => StoreMsg::TableEntryContacts,
        other => return other.to_string(),
    };
    t(msg, &[])
}

/// An error as `main` shows it after `error: `: every context, outermost first, joined by
/// `: ` (anyhow's `{:#}`). In English exactly that; in Dutch the first cause that a library
/// worded (SQLite, the system) is said in Dutch, and what it adds after it left out.
pub fn error_text(e: &anyhow::Error) -> String {
    error_text_in(lang(), e)
}

/// `error_text` in a given language.
pub fn error_text_in(l: Lang, e: &anyhow::Error) -> String {
    if l == Lang::En {
        return format!("{e:#}");
    }
    let mut out = String::new();
    for (i, cause) in e.chain().enumerate() {
        if i > 0 {
            out.push_str(": ");
        }
        if let Some(s) = cause.downcast_ref::<rusqlite::Error>() {
            out.push_str(&engine_cause(l, s));
            break;
        }
        if let Some(io) = cause.downcast_ref::<std::io::Error>() {
            out.push_str(&system_cause(l, io));
            break;
        }
        // PostgreSQL: the server's own words, not the driver's English `db error: ERROR: …`.
        if let Some(pg) = cause.downcast_ref::<postgres::Error>() {
            match pg.as_db_error() {
                Some(db) => out.push_str(db.message()),
                None => out.push_str(&crate::store::postgres::connect::driver_words_in(l, pg)),
            }
            break;
        }
        let _ = write!(out, "{cause}");
    }
    out
}

/// What SQLite reported, in the current language's words.
fn engine_cause(l: Lang, e: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode as C;
    match e {
        // A value the store could not make sense of: its own words (a damaged date, an
        // unknown value) came through `t`; a library's (a wrong type, bad JSON) become
        // "unreadable".
        rusqlite::Error::FromSqlConversionFailure(_, _, inner) => {
            if inner.is::<rusqlite::types::FromSqlError>() || inner.is::<serde_json::Error>() {
                t_in(l, StoreMsg::CauseUnreadable, &[])
            } else {
                inner.to_string()
            }
        }
        rusqlite::Error::InvalidColumnType(_, column, _) => {
            t_in(l, StoreMsg::CauseWrongType, &[("column", column)])
        }
        rusqlite::Error::IntegralValueOutOfRange(_, value) => {
            t_in(l, StoreMsg::CauseOutOfRange, &[("value", value)])
        }
        rusqlite::Error::SqliteFailure(f, _) => {
            let msg = match f.code {
                C::DatabaseCorrupt | C::NotADatabase => StoreMsg::CauseDamaged,
                C::ReadOnly => StoreMsg::CauseReadOnly,
                C::CannotOpen => StoreMsg::CauseCannotOpen,
                C::PermissionDenied => StoreMsg::CauseNoPermission,
                C::DiskFull => StoreMsg::CauseDiskFull,
                C::DatabaseBusy | C::DatabaseLocked => StoreMsg::CauseLocked,
                C::SystemIoFailure => StoreMsg::CauseIo,
                C::TooBig => StoreMsg::CauseTooBig,
                _ => return t_in(l, StoreMsg::CauseEngine, &[("detail", e)]),
            };
            t_in(l, msg, &[])
        }
        other => t_in(l, StoreMsg::CauseEngine, &[("detail", other)]),
    }
}

/// What the system reported about a file, in the current language's words.
pub(crate) fn system_cause(l: Lang, e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let msg = match e.kind() {
        K::NotFound => StoreMsg::CauseNotFound,
        K::PermissionDenied => StoreMsg::CauseNoPermission,
        K::AlreadyExists => StoreMsg::CauseExists,
        K::IsADirectory => StoreMsg::CauseIsFolder,
        K::NotADirectory => StoreMsg::CauseNotFolder,
        K::ReadOnlyFilesystem => StoreMsg::CauseReadOnlyFs,
        K::StorageFull => StoreMsg::CauseDiskFull,
        // Our own words (a reader's limit), not the system's.
        _ if e.raw_os_error().is_none() => return e.to_string(),
        _ => return t_in(l, StoreMsg::CauseSystem, &[("detail", e)]),
    };
    let cause = t_in(l, msg, &[]);
    match e.raw_os_error() {
        Some(n) => t_in(l, StoreMsg::CauseOsError, &[("cause", &cause), ("n", &n)]),
        None => cause,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_store_message_exists_in_both_languages_with_the_same_placeholders() {
        crate::i18n::tests::check_catalogue(StoreMsg::ALL);
    }

    #[test]
    fn the_english_texts_are_todays() {
        assert_eq!(
            t_in(Lang::En, StoreMsg::ReadClients, &[]),
            "cannot read the clients"
        );
        assert_eq!(
            t_in(Lang::En, StoreMsg::ReadIdentities, &[("table", &"clients")]),
            "cannot read the clients' identities"
        );
        assert_eq!(
            t_in(Lang::Nl, StoreMsg::OpenLedger, &[("path", &"/x/l.db")]),
            "kan het grootboek /x/l.db niet openen"
        );
    }

    #[test]
    fn an_english_error_is_shown_as_anyhow_shows_it() {
        // The process's language is English unless set; the tests never set it.
        let e = anyhow::Error::from(std::io::Error::from_raw_os_error(13)).context("outer");
        assert_eq!(error_text(&e), format!("{e:#}"));
        assert_eq!(error_text_in(Lang::En, &e), format!("{e:#}"));
    }

    #[test]
    fn a_dutch_error_says_the_libraries_causes_in_dutch() {
        let io = anyhow::Error::from(std::io::Error::from_raw_os_error(13)).context(t_in(
            Lang::Nl,
            StoreMsg::OpenLedger,
            &[("path", &"l.db")],
        ));
        assert_eq!(
            error_text_in(Lang::Nl, &io),
            "kan het grootboek l.db niet openen: geen toestemming (os-fout 13)"
        );
        let corrupt = rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CORRUPT),
            Some("database disk image is malformed".into()),
        );
        let e = anyhow::Error::from(corrupt).context(t_in(Lang::Nl, StoreMsg::ReadClients, &[]));
        assert_eq!(
            error_text_in(Lang::Nl, &e),
            "kan de klanten niet lezen: het bestand is beschadigd"
        );
        let date = rusqlite::Error::FromSqlConversionFailure(
            4,
            rusqlite::types::Type::Text,
            t_in(Lang::Nl, StoreMsg::BadDate, &[("value", &"\"2026-13-01\"")]).into(),
        );
        let e = anyhow::Error::from(date).context(t_in(Lang::Nl, StoreMsg::ReadAnEntry, &[]));
        assert_eq!(
            error_text_in(Lang::Nl, &e),
            "kan een regel niet lezen: ongeldige datum \"2026-13-01\" in het grootboek"
        );
    }
}
