//! What the commands say, in English and Dutch: confirmations, their errors and warnings,
//! the import summary, doctor. The English texts are today's, byte for byte; `--json` never
//! goes through here.
//!
//! A confirmation of an entry is worded from its data (`entry_line`): the undo journal keeps
//! `Entry::summary`, in English, as data.

use chrono::NaiveDate;

use super::{Lang, Msg, lang, t};
use crate::model::{Cause, Channel, Entry, Kind, Occasion, Severity, Status};

crate::catalogue! { CmdMsg {
    // ---- confirmations of an entry: {details} is empty or ": what it says (facts)" ----
    Recorded { en: "recorded {kind} #{id} for {client} on {date}{details}", nl: "{kind} #{id} vastgelegd voor {client} op {date}{details}" }
    Delivered { en: "delivered {kind} #{id} for {client} on {date}{details}", nl: "{kind} #{id} voor {client} van {date} geleverd{details}" }
    Missed { en: "missed {kind} #{id} for {client} on {date}{details}", nl: "{kind} #{id} voor {client} van {date} gemist{details}" }
    Rescheduled { en: "rescheduled {kind} #{id} for {client} on {date}{details}", nl: "{kind} #{id} voor {client} van {date} verzet{details}" }
    Informed { en: "informed client of {kind} #{id} for {client} on {date}{details}", nl: "{client} ingelicht over {kind} #{id} van {date}{details}" }
    Resolved { en: "resolved {kind} #{id} for {client} on {date}{details}", nl: "{kind} #{id} voor {client} van {date} opgelost{details}" }
    Edited { en: "edited {kind} #{id} for {client} on {date}{details}", nl: "{kind} #{id} voor {client} van {date} gewijzigd{details}" }
    Voided { en: "voided {kind} #{id} for {client} on {date}{details}", nl: "{kind} #{id} voor {client} van {date} ongeldig gemaakt{details}" }
    Undid { en: "undid: {summary} (at {at})", nl: "ongedaan gemaakt: {summary} (gedaan op {at})" }

    // ---- the facts of an entry, in Dutch confirmations ----
    FactFor { en: "for {reason}", nl: "voor {reason}" }
    FactEnergy { en: "energy {n}", nl: "energie {n}" }
    FactProactive { en: "proactive", nl: "proactief" }
    FactDelivered { en: "{status}, delivered {d}, due {due}", nl: "{status}, geleverd {d}, deadline {due}" }
    FactMissed { en: "missed {d}, due {due}", nl: "gemist {d}, deadline {due}" }
    FactOpenDue { en: "open, due {due}", nl: "open, deadline {due}" }
    FactQuality { en: "quality {q}", nl: "kwaliteit {q}" }
    FactInformed { en: "informed {d}", nl: "ingelicht {d}" }
    FactNotInformed { en: "client not informed", nl: "klant niet ingelicht" }
    FactResolved { en: "resolved {d}", nl: "opgelost {d}" }
    FactOpen { en: "open", nl: "open" }
    FactVoid { en: "VOID", nl: "ONGELDIG" }

    // ---- the vocabularies, as shown (typed values are accepted in both languages) ----
    OccasionHoliday { en: "holiday", nl: "feestdag" }
    OccasionMilestone { en: "milestone", nl: "mijlpaal" }
    OccasionAnniversary { en: "anniversary", nl: "jubileum" }
    OccasionThanks { en: "thanks", nl: "bedankje" }
    OccasionOther { en: "other", nl: "anders" }
    OccasionBirthday { en: "birthday", nl: "verjaardag" }
    ChannelCall { en: "call", nl: "telefoon" }
    ChannelMeeting { en: "meeting", nl: "vergadering" }
    ChannelEmail { en: "email", nl: "e-mail" }
    ChannelVisit { en: "visit", nl: "bezoek" }
    ChannelMessage { en: "message", nl: "bericht" }
    ChannelOther { en: "other", nl: "anders" }
    CauseOwn { en: "own", nl: "eigen" }
    CauseClient { en: "client", nl: "klant" }
    CauseThirdParty { en: "third-party", nl: "derde" }
    CauseForceMajeure { en: "force-majeure", nl: "overmacht" }
    SeverityMinor { en: "minor", nl: "klein" }
    SeverityMajor { en: "major", nl: "groot" }
    SeverityCritical { en: "critical", nl: "kritiek" }

    // ---- finding a client or an entry ----
    NoClientId { en: "no client #{id}", nl: "geen klant #{id}" }
    ClientAmbiguous { en: "{query} matches several clients: {names}; be more specific or use the id", nl: "{query} past bij meerdere klanten: {names}; wees specifieker of gebruik het id" }
    ClientArchivedHint { en: "no active client matches {query}; {name} (#{id}) is archived: use its full name or id, or `relaties client unarchive {id}`", nl: "geen actieve klant past bij {query}; {name} (#{id}) is gearchiveerd: gebruik de volledige naam of het id, of `relaties client unarchive {id}`" }
    ClientDidYouMean { en: "no client matches {query}; did you mean {name}?", nl: "geen klant past bij {query}; bedoelde je {name}?" }
    ClientNoMatch { en: "no client matches {query}; see `relaties client list --all`", nl: "geen klant past bij {query}; zie `relaties client list --all`" }
    ClientIsArchived { en: "client {name} is archived; `relaties client unarchive {id}` first", nl: "klant {name} is gearchiveerd; eerst `relaties client unarchive {id}`" }
    ClientArchivedShort { en: "client {name} is archived", nl: "klant {name} is gearchiveerd" }
    InvalidId { en: "invalid id {s}: expected a number like 12 or #12", nl: "ongeldig id {s}: verwacht een getal als 12 of #12" }
    NoEntry { en: "no entry #{id}", nl: "geen regel #{id}" }
    WrongKind { en: "entry #{id} is {is}, not {want}", nl: "regel #{id} is {is}, geen {want}" }
    EntryVoid { en: "entry #{id} is void; `relaties undo` or record it anew", nl: "regel #{id} is ongeldig gemaakt; `relaties undo` of leg hem opnieuw vast" }
    EntryAlreadyVoid { en: "entry #{id} is already void", nl: "regel #{id} is al ongeldig gemaakt" }

    // ---- the rules of recording ----
    FutureDate { en: "{what} cannot be dated in the future: {d} is after today ({today}); record it once it has happened", nl: "{what} kan niet in de toekomst liggen: {d} is na vandaag ({today}); leg het vast zodra het gebeurd is" }
    CannotBeEmpty { en: "{what} cannot be empty", nl: "{what} mag niet leeg zijn" }
    AlreadyDelivered { en: "commitment #{id} was already delivered on {d}", nl: "afspraak #{id} is al geleverd op {d}" }
    MarkedMissed { en: "commitment #{id} was marked missed on {d}; a missed commitment stays missed (`relaties undo` if that was a mistake, or promise it anew)", nl: "afspraak #{id} is op {d} als gemist gemarkeerd; een gemiste afspraak blijft gemist (`relaties undo` als dat een vergissing was, of beloof hem opnieuw)" }
    NotBefore { en: "{what} {d} is before {kind} #{id} itself ({own})", nl: "{what} {d} ligt vóór {kind} #{id} zelf ({own})" }
    DueBeforeAgreed { en: "the due date {due} is before the date it was agreed ({date})", nl: "de deadline {due} ligt vóór de dag waarop hij is afgesproken ({date})" }
    NewDueBeforeAgreed { en: "the new due date {due} is before the commitment was agreed ({date})", nl: "de nieuwe deadline {due} ligt vóór de dag waarop de afspraak is gemaakt ({date})" }
    AlreadyDue { en: "commitment #{id} is already due on {due}", nl: "afspraak #{id} heeft al deadline {due}" }
    InformedBeforeIncident { en: "--informed {i} is before the incident ({date})", nl: "--informed {i} ligt vóór het incident ({date})" }
    AlreadyInformed { en: "incident #{id} was already marked informed on {d} (`relaties edit {id} --informed DATE` to change it)", nl: "incident #{id} is al als ingelicht gemarkeerd op {d} (`relaties edit {id} --informed DATUM` om dat te wijzigen)" }
    AlreadyResolved { en: "incident #{id} was already resolved on {d}", nl: "incident #{id} is al opgelost op {d}" }
    RepeatGift { en: "{client} already got {gift} on {when}; recorded anyway", nl: "{client} kreeg {gift} al op {when}; toch vastgelegd" }
    InvalidCurrency { en: "invalid currency {f}: expected a three-letter code like EUR", nl: "ongeldige valuta {f}: verwacht een code van drie letters, zoals EUR" }
    CurrencyConflict { en: "the amount is in {a} but --currency says {f}; give one of them", nl: "het bedrag is in {a} maar --currency zegt {f}; geef er één" }
    CurrencyNeedsCost { en: "--currency needs --cost", nl: "--currency vraagt om --cost" }

    // ---- what a date or text is of ({what} above) ----
    WhatGift { en: "a gift", nl: "een cadeau" }
    WhatCompliment { en: "a compliment", nl: "een compliment" }
    WhatMilestone { en: "a milestone", nl: "een mijlpaal" }
    WhatTouch { en: "a touch", nl: "een contactmoment" }
    WhatAgreed { en: "the day a commitment was agreed (--date)", nl: "de dag waarop een afspraak is gemaakt (--date)" }
    WhatDelivery { en: "a delivery", nl: "een levering" }
    WhatMiss { en: "a miss", nl: "een gemiste afspraak" }
    WhatReschedule { en: "a reschedule (--date)", nl: "het verzetten (--date)" }
    WhatIncident { en: "an incident", nl: "een incident" }
    WhatEntry { en: "an entry", nl: "een regel" }
    WhatInforming { en: "informing the client (--informed)", nl: "het inlichten van de klant (--informed)" }
    WhatInform { en: "informing the client", nl: "het inlichten van de klant" }
    WhatResolution { en: "a resolution", nl: "een oplossing" }
    WhatGiftDescription { en: "the gift's description", nl: "de omschrijving van het cadeau" }
    WhatComplimentText { en: "the compliment", nl: "het compliment" }
    WhatMilestoneText { en: "the milestone", nl: "de mijlpaal" }
    WhatPromised { en: "what was promised", nl: "wat er beloofd is" }
    WhatWentWrong { en: "what went wrong", nl: "wat er misging" }
    WhatDeliveryDate { en: "the delivery date", nl: "de leverdatum" }
    WhatTheDate { en: "the date", nl: "de datum" }
    WhatRescheduleDate { en: "the reschedule date", nl: "de datum van het verzetten" }

    // ---- edit ----
    OnlyFor { en: "{flag} does not apply to a {kind} (entry #{id}); it is for a {kinds}", nl: "{flag} geldt niet voor een {kind} (regel #{id}); het is voor een {kinds}" }
    Or { en: " or ", nl: " of " }
    NothingToChange { en: "nothing to change for entry #{id}; give a field to set (see `relaties edit --help`)", nl: "niets te wijzigen aan regel #{id}; geef een veld om in te stellen (zie `relaties edit --help`)" }
    DescriptionEmpty { en: "the description of a {kind} cannot be empty", nl: "de omschrijving van een {kind} mag niet leeg zijn" }
    CurrencyNeedsCostEdit { en: "--currency needs a cost; give --cost too", nl: "--currency vraagt om een bedrag; geef ook --cost" }
    MissedNoDelivery { en: "commitment #{id} is marked missed; it cannot have a delivery date", nl: "afspraak #{id} is als gemist gemarkeerd; die kan geen leverdatum hebben" }
    NotDeliveredQuality { en: "commitment #{id} is not delivered; --quality is for deliveries", nl: "afspraak #{id} is niet geleverd; --quality is voor leveringen" }
    NotMissedReason { en: "commitment #{id} is not missed; --reason is for missed ones", nl: "afspraak #{id} is niet gemist; --reason is voor gemiste afspraken" }
    OrderDue { en: "due date", nl: "deadline" }
    OrderDelivery { en: "delivery date", nl: "leverdatum" }
    OrderMissed { en: "missed date", nl: "datum van missen" }
    OrderInformed { en: "informed date", nl: "datum van inlichten" }
    OrderResolved { en: "resolved date", nl: "datum van oplossen" }
    OrderBefore { en: "the {what} {d} would be before the entry's date {date}", nl: "de {what} {d} zou vóór de datum van de regel liggen ({date})" }

    // ---- names ----
    ClientNameEmpty { en: "a client name cannot be empty", nl: "de naam van een klant mag niet leeg zijn" }
    ClientNameControl { en: "a client name cannot contain control characters (tab, newline): {name}", nl: "de naam van een klant mag geen stuurtekens (tab, nieuwe regel) bevatten: {name}" }
    ClientNameLong { en: "a client name can have at most {max} characters", nl: "de naam van een klant mag hoogstens {max} tekens hebben" }
    InvalidTag { en: "invalid tag {tag}: tags are single non-empty words", nl: "ongeldig label {tag}: een label is één woord, niet leeg" }
    ContactNameEmpty { en: "a contact person's name cannot be empty", nl: "de naam van een contactpersoon mag niet leeg zijn" }
    NameControl { en: "a name cannot contain control characters (tab, newline): {name}", nl: "een naam mag geen stuurtekens (tab, nieuwe regel) bevatten: {name}" }
    NameLong { en: "a name can have at most 200 characters", nl: "een naam mag hoogstens 200 tekens hebben" }
    InvalidBirthday { en: "invalid birthday {s}: expected 1980-12-05, 05-12-1980 or 5-12 (day first)", nl: "ongeldige verjaardag {s}: verwacht 1980-12-05, 05-12-1980 of 5-12 (dag eerst)" }
    NotAContactId { en: "{id} is not a contact id (a number, like 3)", nl: "{id} is geen id van een contactpersoon (een getal, zoals 3)" }

    // ---- where a file is written ----
    TargetIsSpecial { en: "{path} is {kind}; relaties writes only regular files", nl: "{path} is {kind}; relaties schrijft alleen gewone bestanden" }
    TargetIsLedger { en: "{path} is {what}; write to another file", nl: "{path} is {what}; schrijf naar een ander bestand" }
    StdoutIsLedger { en: "standard output is {what}; write to another file", nl: "de standaarduitvoer is {what}; schrijf naar een ander bestand" }
    SettingsInvalid { en: "the ledger's settings are invalid (see `relaties config list`)", nl: "de instellingen van het grootboek kloppen niet (zie `relaties config list`)" }
    TargetExists { en: "{path} exists; add --force to replace it", nl: "{path} bestaat al; voeg --force toe om het te vervangen" }

    // ---- clients, contacts, config ----
    ClientAdded { en: "added client #{id} {name}", nl: "klant #{id} {name} toegevoegd" }
    ClientEdited { en: "edited client #{id} {name}", nl: "klant #{id} {name} gewijzigd" }
    ClientArchivedDone { en: "archived client #{id} {name}", nl: "klant #{id} {name} gearchiveerd" }
    ClientUnarchivedDone { en: "unarchived client #{id} {name}", nl: "klant #{id} {name} uit het archief gehaald" }
    ClientAlreadyArchived { en: "client {name} is already archived", nl: "klant {name} is al gearchiveerd" }
    ClientNotArchived { en: "client {name} is not archived", nl: "klant {name} is niet gearchiveerd" }
    OpenItem1 { en: "{n} open item", nl: "{n} open punt" }
    OpenItemN { en: "{n} open items", nl: "{n} open punten" }
    StillOpen { en: "{client} still has {items}: {named}; they stay in `commitments --open`, `incidents --open` and `upcoming`, marked archived", nl: "{client} heeft nog {items}: {named}; die blijven in `commitments --open`, `incidents --open` en `upcoming`, gemarkeerd als gearchiveerd" }
    ForgetNeedsYes { en: "client forget erases the client and all its entries for good; add --yes to confirm", nl: "client forget wist de klant en al zijn regels voorgoed; voeg --yes toe om dat te bevestigen" }
    ForgetErased { en: "client #{id} {name} erased with all its entries; this cannot be undone", nl: "klant #{id} {name} gewist met al zijn regels; dit kan niet ongedaan worden gemaakt" }
    ForgetAnonymized { en: "client #{id} {name} anonymized (dates, kinds and amounts kept); this cannot be undone", nl: "klant #{id} {name} geanonimiseerd (datums, soorten en bedragen bewaard); dit kan niet ongedaan worden gemaakt" }
    ContactAdded { en: "added contact #{id} {name} at {client}", nl: "contactpersoon #{id} {name} bij {client} toegevoegd" }
    ContactEdited { en: "edited contact #{id} {name} at {client}", nl: "contactpersoon #{id} {name} bij {client} gewijzigd" }
    ContactRemoved { en: "removed contact #{id} {name} at {client}", nl: "contactpersoon #{id} {name} bij {client} verwijderd" }
    NoContactId { en: "no contact #{id}", nl: "geen contactpersoon #{id}" }
    NoContactHere { en: "no contact #{id} at this client", nl: "geen contactpersoon #{id} bij deze klant" }
    ContactCouldBe { en: "{query} could be {names}; give more of the name or the id", nl: "{query} kan {names} zijn; geef meer van de naam of het id" }
    ContactNoneHere { en: "no contact person {query} at this client (it has none; `relaties contact add`)", nl: "geen contactpersoon {query} bij deze klant (die heeft er geen; `relaties contact add`)" }
    ContactNotHere { en: "no contact person {query} at this client (there are: {names})", nl: "geen contactpersoon {query} bij deze klant (wel: {names})" }
    ConfigSet { en: "{key} set to {value}", nl: "{key} ingesteld op {value}" }
    ConfigDefault { en: "its default", nl: "de standaardwaarde" }
    ConfigUnknown { en: "unknown setting {key}; `relaties config list` shows them all", nl: "onbekende instelling {key}; `relaties config list` toont ze allemaal" }

    // ---- files: backup, export -o, import ----
    Wrote { en: "wrote {path}", nl: "{path} geschreven" }
    BackedUp { en: "backed up the ledger to {path} (integrity ok)", nl: "reservekopie van het grootboek gemaakt in {path} (integriteit in orde)" }
    ImportProgress { en: "importing: {n} records", nl: "importeren: {n} records" }
    ImportWould { en: "would import: ", nl: "zou importeren: " }
    NewClient1 { en: "{n} new client", nl: "{n} nieuwe klant" }
    NewClientN { en: "{n} new clients", nl: "{n} nieuwe klanten" }
    NewEntry1 { en: "{n} new entry", nl: "{n} nieuwe regel" }
    NewEntryN { en: "{n} new entries", nl: "{n} nieuwe regels" }
    AlreadyPresent { en: "{n} already present", nl: "{n} al aanwezig" }
    NewPerson1 { en: "{n} new person", nl: "{n} nieuwe contactpersoon" }
    NewPersonN { en: "{n} new people", nl: "{n} nieuwe contactpersonen" }
    PersonUpdated1 { en: "{n} person updated", nl: "{n} contactpersoon bijgewerkt" }
    PersonUpdatedN { en: "{n} people updated", nl: "{n} contactpersonen bijgewerkt" }
    Setting1 { en: "{n} setting", nl: "{n} instelling" }
    SettingN { en: "{n} settings", nl: "{n} instellingen" }
    DifferedReplaced1 { en: "{n} record in the file differed from the ledger's: replaced with the file's", nl: "{n} record in het bestand week af van het grootboek: vervangen door dat uit het bestand" }
    DifferedReplacedN { en: "{n} records in the file differed from the ledger's: replaced with the file's", nl: "{n} records in het bestand weken af van het grootboek: vervangen door die uit het bestand" }
    DifferedKept1 { en: "{n} record in the file differed from the ledger's: kept the ledger's", nl: "{n} record in het bestand week af van het grootboek: dat uit het grootboek behouden" }
    DifferedKeptN { en: "{n} records in the file differed from the ledger's: kept the ledger's", nl: "{n} records in het bestand weken af van het grootboek: die uit het grootboek behouden" }
    AndMore { en: "  … and {n} more", nl: "  … en nog {n}" }
    AlreadyByName { en: " (already in the ledger by that name)", nl: " (staat onder die naam al in het grootboek)" }
    AlreadyEarlier { en: " (already earlier in the file, skipped)", nl: " (al eerder in het bestand, overgeslagen)" }
    DryRunNothing { en: "dry run: nothing was written", nl: "proefrun: er is niets geschreven" }
    UnknownColumns { en: "ignored unknown columns: {columns}", nl: "onbekende kolommen genegeerd: {columns}" }
    Conflicts1 { en: "{n} record in the file differs from the ledger's: {list}{more}; nothing was imported (--on-conflict keep keeps the ledger's, --on-conflict replace takes the file's)", nl: "{n} record in het bestand wijkt af van het grootboek: {list}{more}; er is niets geïmporteerd (--on-conflict keep houdt dat van het grootboek, --on-conflict replace neemt dat uit het bestand)" }
    ConflictsN { en: "{n} records in the file differ from the ledger's: {list}{more}; nothing was imported (--on-conflict keep keeps the ledger's, --on-conflict replace takes the file's)", nl: "{n} records in het bestand wijken af van het grootboek: {list}{more}; er is niets geïmporteerd (--on-conflict keep houdt die van het grootboek, --on-conflict replace neemt die uit het bestand)" }
    AndMoreInline { en: "; and {n} more", nl: "; en nog {n}" }
    ConflictItem { en: "{record} #{id} {what} ({fields})", nl: "{record} #{id} {what} ({fields})" }
    ConflictClient { en: "client", nl: "klant" }
    ConflictPerson { en: "person", nl: "persoon" }
    ConflictEntry { en: "entry", nl: "regel" }
    ConflictEverything { en: "everything", nl: "alles" }
    TodayNotDate { en: "RELATIES_TODAY={value} is not a date as YYYY-MM-DD", nl: "RELATIES_TODAY={value} is geen datum als JJJJ-MM-DD" }
    ForgetOldBytes { en: "its old bytes may remain in the ledger file until the other program finishes ({cause}); run `relaties doctor` then to wipe them", nl: "de oude bytes kunnen in het grootboekbestand blijven staan tot het andere programma klaar is ({cause}); voer dan `relaties doctor` uit om ze te wissen" }

    // ---- a ledger's JSON document, read in ----
    DocNotUuid { en: "uuid {value} is not a UUID", nl: "uuid {value} is geen UUID" }
    DocNotRecordedTime { en: "recorded_at {value} is not a UTC time as YYYY-MM-DD HH:MM:SS", nl: "recorded_at {value} is geen UTC-tijd als JJJJ-MM-DD UU:MM:SS" }
    DocUnknown { en: "unknown {what} {value}", nl: "onbekende waarde {value} voor {what}" }
    DocCostRange { en: "cost {cents} cents is out of range", nl: "cost {cents} cent valt buiten het bereik" }
    DocNotOneToFive { en: "{what} {n} is not 1-5", nl: "{what} {n} ligt niet tussen 1 en 5" }
    DocDeliveredAndMissed { en: "a commitment cannot be both delivered and missed", nl: "een afspraak kan niet zowel nagekomen als gemist zijn" }
    DocNeedsDue { en: "a commitment needs a due date", nl: "een afspraak heeft een deadline nodig" }
    DocNotAnExport { en: "not a relaties export (no \"format\": \"{format}\")", nl: "geen export van relaties (geen \"format\": \"{format}\")" }
    DocCannotImport { en: "cannot import {name}", nl: "kan {name} niet importeren" }
    DocCannotRead { en: "cannot import {name}: cannot read it: {cause}", nl: "kan {name} niet importeren: kan het niet lezen: {cause}" }
    DocMalformed { en: "cannot import {name}: the export document is malformed: {detail}", nl: "kan {name} niet importeren: het exportdocument klopt niet: {detail}" }
    DocNotJson { en: "cannot import {name}: not valid JSON: {detail}", nl: "kan {name} niet importeren: geen geldige JSON: {detail}" }
    DocJsonAt { en: "at line {line} column {column}", nl: "bij regel {line}, kolom {column}" }
    DocVersion { en: "this export has version {v}; this relaties reads version {version}", nl: "deze export heeft versie {v}; deze relaties leest versie {version}" }
    DocFormatFirst { en: "\"format\" and \"version\" must come before the clients and entries", nl: "\"format\" en \"version\" moeten voor de klanten en regels komen" }
    DocClientsFirst { en: "the clients must come before the entries", nl: "de klanten moeten voor de regels komen" }
    DocPeopleOrder { en: "the people must come after the clients and before the entries", nl: "de personen moeten na de klanten en voor de regels komen" }
    DocRecord { en: "record {n}: {detail}", nl: "record {n}: {detail}" }
    DocMissingField { en: "missing field `{field}`", nl: "veld `{field}` ontbreekt" }
    DocUnknownField { en: "unknown field `{field}`", nl: "onbekend veld `{field}`" }
    DocDuplicateField { en: "duplicate field `{field}`", nl: "veld `{field}` staat er twee keer in" }
    DocWrongType { en: "a value of the wrong type", nl: "een waarde van de verkeerde soort" }
    DocInvalidValue { en: "an invalid value", nl: "een ongeldige waarde" }
    DocSaidAt { en: "{what} {at}", nl: "{what} {at}" }
    DocRecordClient { en: "record {record} (client #{id})", nl: "record {record} (klant #{id})" }
    DocRecordPerson { en: "record {record} (person #{id})", nl: "record {record} (persoon #{id})" }
    DocEntry { en: "entry #{id}", nl: "regel #{id}" }
    DocEntryForMissing { en: "entry #{id} is for person #{person}, who is not in the file", nl: "regel #{id} is voor persoon #{person}, die niet in het bestand staat" }
    DocHead { en: "the start of the document (before its first client)", nl: "het begin van het document (voor de eerste klant)" }
    HeadTooLarge { en: "{head} is larger than {size}; is this the right file?", nl: "{head} is groter dan {size}; is dit het goede bestand?" }
    RecordTooLarge { en: "record {n} is larger than {size}; is this the right file?", nl: "record {n} is groter dan {size}; is dit het goede bestand?" }
    DocSettings { en: "the file's settings", nl: "de instellingen in het bestand" }
    DocClientVanished { en: "a client vanished", nl: "een klant is verdwenen" }
    DocPersonVanished { en: "a person vanished", nl: "een persoon is verdwenen" }
    DocEntryVanished { en: "an entry vanished", nl: "een regel is verdwenen" }

    // ---- writing files, scratch folders, the unexpected ----
    SummaryErased { en: "client #{id} erased (client forget)", nl: "klant #{id} voorgoed gewist (client forget)" }
    SummaryAnonymized { en: "client #{id} anonymized (client forget)", nl: "klant #{id} geanonimiseerd (client forget)" }
    SummaryContactAdded { en: "added contact {who} at {client}", nl: "contactpersoon toegevoegd: {who} bij {client}" }
    CadenceRange { en: "cadence {d} is not a whole number of days from {min} to {max}", nl: "ritme (cadence) {d} is geen geheel aantal dagen van {min} tot {max}" }
    NoContactsYet { en: "no contact persons yet; add one with `relaties contact add CLIENT NAME`", nl: "nog geen contactpersonen; voeg er een toe met `relaties contact add KLANT NAAM`" }
    WriteIn { en: "cannot write in {path}", nl: "kan niet schrijven in {path}" }
    WriteFile { en: "cannot write {path}", nl: "kan {path} niet schrijven" }
    WriteAnEntry { en: "cannot write an entry", nl: "kan een regel niet schrijven" }
    CreatePath { en: "cannot create {path}", nl: "kan {path} niet maken" }
    WriteManPages { en: "cannot write the man pages into {path}", nl: "kan de man-pagina's niet schrijven in {path}" }
    CheckPath { en: "cannot check {path}", nl: "kan {path} niet controleren" }
    ScratchFolder { en: "cannot make a scratch folder", nl: "kan geen tijdelijke map maken" }
    DemoFolder { en: "cannot make a folder for the demo ledger", nl: "kan geen map maken voor het demogrootboek" }
    ClientVanished { en: "client vanished", nl: "de klant is verdwenen" }
    ReadingThreadFailed { en: "a reading thread failed", nl: "een leesdraad is mislukt" }
    InternalError { en: "internal error (a bug in relaties, please report it): {msg}{at}", nl: "interne fout (een fout in relaties, meld die alstublieft): {msg}{at}" }

    // ---- doctor: its lines (the label column is 14 wide) and its problems ----
    DocLedger { en: "ledger        {path}", nl: "grootboek     {path}" }
    DocSchema { en: "schema        version {v} ({mode} mode)", nl: "schema        versie {v} ({mode}-modus)" }
    DocQuickCheck { en: "quick_check   {v}", nl: "quick_check   {v}" }
    DocForeignKeys1 { en: "foreign keys  {n} problem", nl: "verwijzingen  {n} probleem" }
    DocForeignKeysN { en: "foreign keys  {n} problems", nl: "verwijzingen  {n} problemen" }
    DocClients { en: "clients       {active} active, {archived} archived", nl: "klanten       {active} actief, {archived} gearchiveerd" }
    DocEntries { en: "entries       {kinds} ({void} void)", nl: "regels        {kinds} ({void} ongeldig)" }
    DocKindCount { en: "{n} {kind}", nl: "{n}× {kind}" }
    DocNone { en: "none", nl: "geen" }
    DocUndo1 { en: "undo          {n} step", nl: "undo          {n} stap" }
    DocUndoN { en: "undo          {n} steps", nl: "undo          {n} stappen" }
    DocCheckpointDone { en: "checkpoint    complete", nl: "checkpoint    volledig" }
    DocCheckpointPartial { en: "checkpoint    partial: another program is reading; run doctor again later", nl: "checkpoint    gedeeltelijk: een ander programma leest; voer doctor later opnieuw uit" }
    DocFiles { en: "files         {bytes} bytes (mode {mode}, owner uid {owner}), WAL {wal} bytes", nl: "bestanden     {bytes} bytes (modus {mode}, eigenaar uid {owner}), WAL {wal} bytes" }
    DocSidecar { en: "{kind}owner uid {owner}, mode {mode}", nl: "{kind}eigenaar uid {owner}, modus {mode}" }
    DocFolder { en: "folder        {path} (mode {mode}{sticky})", nl: "map           {path} (modus {mode}{sticky})" }
    DocLeftoverAbandoned { en: "leftover      {path} (left by a stopped import or demo; the next import or demo --db here removes it)", nl: "restant       {path} (achtergelaten door een gestopte import of demo; de volgende import of demo --db hier ruimt het op)" }
    DocLeftoverBusy { en: "leftover      {path} (an import or demo under way)", nl: "restant       {path} (een import of demo is bezig)" }
    DocStale1 { en: "{n} entry whose packed facts disagree with their columns (edited by hand?): {ids}", nl: "{n} regel waarvan de opgeslagen feiten niet met de kolommen kloppen (met de hand bewerkt?): {ids}" }
    DocStaleN { en: "{n} entries whose packed facts disagree with their columns (edited by hand?): {ids}", nl: "{n} regels waarvan de opgeslagen feiten niet met de kolommen kloppen (met de hand bewerkt?): {ids}" }
    DocQuickCheckProblem { en: "quick_check: {v}", nl: "quick_check: {v}" }
    DocForeignKeyProblem { en: "{n} rows point at missing rows", nl: "{n} rijen verwijzen naar ontbrekende rijen" }
    DocSchemaProblem { en: "schema version {v}", nl: "schemaversie {v}" }
    DocJournalProblem { en: "journal mode {mode} (expected wal)", nl: "journaalmodus {mode} (verwacht: wal)" }
    DocFileReadable { en: "the ledger file is readable by others (mode {mode}; run chmod 600)", nl: "het grootboekbestand is leesbaar voor anderen (modus {mode}; voer chmod 600 uit)" }
    DocSidecarKind { en: "{path} is {kind}", nl: "{path} is {kind}" }
    DocSidecarOwner { en: "{path} belongs to another user than the ledger", nl: "{path} is van een andere gebruiker dan het grootboek" }
    DocSidecarMode { en: "{path} is readable or writable by others (mode {mode}; run chmod 600)", nl: "{path} is leesbaar of schrijfbaar voor anderen (modus {mode}; voer chmod 600 uit)" }
    DocFolderShared { en: "the folder {path} can be written by others (mode {mode}): they can plant or replace files beside the ledger; keep the ledger in a private folder (chmod 700)", nl: "anderen kunnen schrijven in de map {path} (modus {mode}): zij kunnen naast het grootboek bestanden neerzetten of vervangen; bewaar het grootboek in een eigen map (chmod 700)" }
    DocProblems { en: "the ledger has problems: {problems}", nl: "het grootboek heeft problemen: {problems}" }

    // ---- settings ----
    SettingUnknownKnown { en: "unknown setting {key}; known: {keys}", nl: "onbekende instelling {key}; bekend: {keys}" }
    SettingInvalid { en: "invalid value {value} for {key}: expected {form}", nl: "ongeldige waarde {value} voor {key}: verwacht {form}" }
    SettingInvalidWhy { en: "invalid value {value} for {key}: {why}", nl: "ongeldige waarde {value} voor {key}: {why}" }
    WeightsAllZero { en: "the weights weight.appreciation, weight.trust and weight.passion cannot all be 0", nl: "de gewichten weight.appreciation, weight.trust en weight.passion mogen niet alle drie 0 zijn" }
    BandsOrder { en: "band.strong ({strong}) must be above band.ok ({ok})", nl: "band.strong ({strong}) moet boven band.ok ({ok}) liggen" }

    NotChanged { en: "not changed", nl: "niet gewijzigd" }

    // ---- reports, export, import, demo ----
    BelowOne { en: "1 client scoring below {n}: {list}", nl: "1 klant scoort onder {n}: {list}" }
    BelowMany { en: "clients scoring below {n}: {list}", nl: "klanten scoren onder {n}: {list}" }
    UntilBeforeSince { en: "--until {until} is before --since {since}", nl: "--until {until} ligt vóór --since {since}" }
    ReportArchived { en: "client {name} is archived, and reports leave archived clients out; `relaties client unarchive {id}` first", nl: "klant {name} is gearchiveerd, en rapporten laten gearchiveerde klanten weg; eerst `relaties client unarchive {id}`" }
    HistoryNeedsClient { en: "--history needs a CLIENT", nl: "--history vraagt om een KLANT" }
    DemoWrote { en: "wrote a sample ledger to {path}: {clients}, {entries}", nl: "voorbeeldgrootboek geschreven naar {path}: {clients}, {entries}" }
    DemoExists { en: "{path} already exists; demo writes only a new ledger (pick another path)", nl: "{path} bestaat al; demo schrijft alleen een nieuw grootboek (kies een ander pad)" }
    JsonNeedsJson { en: "--json goes with --format json only", nl: "--json hoort alleen bij --format json" }
    ExcelNeedsCsv { en: "--excel goes with --format csv only", nl: "--excel hoort alleen bij --format csv" }
    FormatUnknown { en: "cannot tell the format of {path}; add --format json|csv|vcf", nl: "de indeling van {path} is niet te herkennen; voeg --format json|csv|vcf toe" }
    CannotReadPath { en: "cannot read {path}", nl: "kan {path} niet lezen" }
    CannotReadFolder { en: "cannot read {path}: it is a folder", nl: "kan {path} niet lezen: het is een map" }
    StdinReadTwice { en: "the server asked to run the import again, but standard input cannot be read twice: run the command again", nl: "de server vroeg de import opnieuw te doen, maar standaardinvoer kan niet twee keer gelezen worden: geef de opdracht opnieuw" }
    NotUtf8 { en: "{name} is not UTF-8: read as {encoding}", nl: "{name} is geen UTF-8: gelezen als {encoding}" }
    CannotImportRead { en: "cannot import {name}: cannot read it", nl: "kan {name} niet importeren: kan het niet lezen" }
    CannotImport { en: "cannot import {name}: {why}", nl: "kan {name} niet importeren: {why}" }
    LineTooLong { en: "cannot import {name}: line {line} is longer than {mib} MiB (record {line} at most)", nl: "kan {name} niet importeren: regel {line} is langer dan {mib} MiB (uiterlijk record {line})" }
    ListTooLarge { en: "cannot import {name}: it is larger than {mib} MiB, more than a contact list holds", nl: "kan {name} niet importeren: het is groter dan {mib} MiB, meer dan een contactenlijst bevat" }
    Card { en: "card {n} (line {line})", nl: "kaart {n} (regel {line})" }
    PersonNamesClient { en: "person #{id} names client {client}, which is not in the file", nl: "persoon #{id} noemt klant {client}, die niet in het bestand staat" }
    EntryNamesClient { en: "entry #{id} names client {client}, which is not in the file", nl: "regel #{id} noemt klant {client}, die niet in het bestand staat" }

    // ---- running a command ----
    ChangeSaved { en: "the change was saved ({what}), but what came after it failed, so do not run the command again", nl: "de wijziging is opgeslagen ({what}), maar wat daarna kwam mislukte, dus voer de opdracht niet opnieuw uit" }
}}

/// What a file that is not a regular one is ("a folder", as `store::files::not_regular` and
/// `commands::files` say it), in the current language.
pub fn file_kind(k: &str) -> String {
    if lang() == Lang::En {
        return k.to_string();
    }
    match k {
        "a folder" => "een map",
        "a symbolic link" => "een symbolische koppeling",
        "a character device" => "een tekenapparaat",
        "a block device" => "een blokapparaat",
        "a device" => "een apparaat",
        "a FIFO (named pipe)" => "een FIFO (named pipe)",
        "a socket" => "een socket",
        "not a regular file" => "geen gewoon bestand",
        other => other,
    }
    .to_string()
}

/// Which of the ledger's own files a path is ("the ledger itself", as `commands::files`
/// says it), in the current language.
pub fn ledger_file(what: &str) -> String {
    if lang() == Lang::En {
        return what.to_string();
    }
    match what {
        "the ledger itself" => "het grootboek zelf",
        "the ledger's write-ahead log" => "het write-ahead-log van het grootboek",
        "the ledger's shared-memory index" => "de shared-memory-index van het grootboek",
        "the ledger's rollback journal" => "het rollback-journaal van het grootboek",
        other => other,
    }
    .to_string()
}

/// A date in a message: ISO in English (as it always was), `30 november 2026` in Dutch.
pub fn day(d: NaiveDate) -> String {
    match lang() {
        Lang::En => d.to_string(),
        Lang::Nl => super::format::long_date(d, Lang::Nl),
    }
}

/// A date among an entry's facts: ISO in English, `5 dec 2026` in Dutch.
fn short(d: NaiveDate) -> String {
    match lang() {
        Lang::En => d.to_string(),
        Lang::Nl => super::format::short_date(d, Lang::Nl),
    }
}

/// A kind of entry as shown: `gift` / `cadeau`.
pub fn kind(k: Kind) -> String {
    t(
        match k {
            Kind::Gift => Msg::KindGift,
            Kind::Compliment => Msg::KindCompliment,
            Kind::Milestone => Msg::KindMilestone,
            Kind::Touch => Msg::KindTouch,
            Kind::Commitment => Msg::KindCommitment,
            Kind::Incident => Msg::KindIncident,
        },
        &[],
    )
}

/// "a gift", "an incident" in English; "een cadeau" in Dutch.
pub fn kind_with_article(k: Kind) -> String {
    match lang() {
        Lang::En => {
            let name = k.as_str();
            let article = if name.starts_with(['a', 'e', 'i', 'o', 'u']) {
                "an"
            } else {
                "a"
            };
            format!("{article} {name}")
        }
        Lang::Nl => format!("een {}", kind(k)),
    }
}

fn status(s: Status) -> String {
    t(
        match s {
            Status::Open => Msg::StatusOpen,
            Status::Kept => Msg::StatusKept,
            Status::Late => Msg::StatusLate,
            Status::Missed => Msg::StatusMissed,
        },
        &[],
    )
}

fn occasion(o: Occasion) -> String {
    use CmdMsg::*;
    t(
        match o {
            Occasion::Holiday => OccasionHoliday,
            Occasion::Milestone => OccasionMilestone,
            Occasion::Anniversary => OccasionAnniversary,
            Occasion::Thanks => OccasionThanks,
            Occasion::Other => OccasionOther,
            Occasion::Birthday => OccasionBirthday,
        },
        &[],
    )
}

fn channel(c: Channel) -> String {
    use CmdMsg::*;
    t(
        match c {
            Channel::Call => ChannelCall,
            Channel::Meeting => ChannelMeeting,
            Channel::Email => ChannelEmail,
            Channel::Visit => ChannelVisit,
            Channel::Message => ChannelMessage,
            Channel::Other => ChannelOther,
        },
        &[],
    )
}

fn cause(c: Cause) -> String {
    use CmdMsg::*;
    t(
        match c {
            Cause::Own => CauseOwn,
            Cause::Client => CauseClient,
            Cause::ThirdParty => CauseThirdParty,
            Cause::ForceMajeure => CauseForceMajeure,
        },
        &[],
    )
}

fn severity(s: Severity) -> String {
    use CmdMsg::*;
    t(
        match s {
            Severity::Minor => SeverityMinor,
            Severity::Major => SeverityMajor,
            Severity::Critical => SeverityCritical,
        },
        &[],
    )
}

/// What an entry says with the facts of its kind, in the current language; in English
/// exactly `Entry::summary_details`.
pub fn details(e: &Entry) -> String {
    if lang() == Lang::En {
        return e.summary_details();
    }
    use CmdMsg::*;
    let description = e.description.clone().filter(|d| !d.is_empty());
    let mut extras: Vec<String> = Vec::new();
    match e.kind {
        Kind::Gift => {
            if let Some(o) = e.occasion {
                extras.push(occasion(o));
            }
            if let Some(c) = &e.cost {
                extras.push(super::format::money(c.cents, &c.currency, lang()));
            }
        }
        Kind::Compliment => {
            if let Some(r) = &e.reason {
                extras.push(t(FactFor, &[("reason", r)]));
            }
        }
        Kind::Milestone => {}
        Kind::Touch => {
            if let Some(c) = e.channel {
                extras.push(channel(c));
            }
            if let Some(n) = e.energy {
                extras.push(t(FactEnergy, &[("n", &n)]));
            }
            if e.proactive {
                extras.push(t(FactProactive, &[]));
            }
        }
        Kind::Commitment => {
            let due = e.current_due().map(short).unwrap_or_default();
            extras.push(match (e.status(), e.delivered, e.missed) {
                (Some(st), Some(d), _) => t(
                    FactDelivered,
                    &[("status", &status(st)), ("d", &short(d)), ("due", &due)],
                ),
                (_, None, Some(d)) => t(FactMissed, &[("d", &short(d)), ("due", &due)]),
                _ => t(FactOpenDue, &[("due", &due)]),
            });
            if let Some(q) = e.quality {
                extras.push(t(FactQuality, &[("q", &q)]));
            }
        }
        Kind::Incident => {
            if let Some(c) = e.cause {
                extras.push(cause(c));
            }
            if let Some(v) = e.severity {
                extras.push(severity(v));
            }
            extras.push(match e.informed {
                Some(d) => t(FactInformed, &[("d", &short(d))]),
                None => t(FactNotInformed, &[]),
            });
            extras.push(match e.resolved {
                Some(d) => t(FactResolved, &[("d", &short(d))]),
                None => t(FactOpen, &[]),
            });
        }
    }
    if e.void {
        extras.push(t(FactVoid, &[]));
    }
    match (description, extras.is_empty()) {
        (Some(d), true) => d,
        (Some(d), false) => format!("{d} ({})", extras.join(", ")),
        (None, _) => extras.join(", "),
    }
}

/// What an undone change was, for people: the journal keeps its summary in English (it is
/// data, and `--json` shows it as it is); in Dutch the change is worded again from the entry
/// it touched, or from the summary's known beginning.
pub fn undone(summary: &str, entries: &[Entry]) -> String {
    if lang() == Lang::En {
        return summary.to_string();
    }
    let verbs = [
        ("recorded ", CmdMsg::Recorded),
        ("delivered ", CmdMsg::Delivered),
        ("missed ", CmdMsg::Missed),
        ("rescheduled ", CmdMsg::Rescheduled),
        ("informed client of ", CmdMsg::Informed),
        ("resolved ", CmdMsg::Resolved),
        ("edited ", CmdMsg::Edited),
        ("voided ", CmdMsg::Voided),
    ];
    if let [e] = entries
        && let Some((_, verb)) = verbs.iter().find(|(p, _)| summary.starts_with(p))
    {
        return entry_line(*verb, e);
    }
    if let Some(rest) = summary.strip_prefix("client #") {
        for (tail, msg) in [
            (" erased (client forget)", CmdMsg::SummaryErased),
            (" anonymized (client forget)", CmdMsg::SummaryAnonymized),
        ] {
            if let Some(id) = rest.strip_suffix(tail) {
                return t(msg, &[("id", &id)]);
            }
        }
    }
    // "added contact #3 Kees at ACME B.V.": a person's name holds no " at ", a client's may.
    if let Some((who, client)) = summary
        .strip_prefix("added contact ")
        .and_then(|rest| rest.split_once(" at "))
    {
        return t(
            CmdMsg::SummaryContactAdded,
            &[("who", &who), ("client", &client)],
        );
    }
    let others = [
        ("added client ", "klant toegevoegd: "),
        ("edited client ", "klant gewijzigd: "),
        ("archived client ", "klant gearchiveerd: "),
        ("unarchived client ", "klant uit het archief gehaald: "),
        ("added contact ", "contactpersoon toegevoegd: "),
        ("edited contact ", "contactpersoon gewijzigd: "),
        ("removed contact ", "contactpersoon verwijderd: "),
        ("imported ", "geïmporteerd: "),
        ("set ", "ingesteld: "),
        ("unset ", "standaard weer: "),
    ];
    for (en, nl) in others {
        if let Some(rest) = summary.strip_prefix(en) {
            return format!("{nl}{rest}");
        }
    }
    summary.to_string()
}

/// The confirmation of a recording or a change (`verb` is one of `Recorded` … `Voided`): in
/// English "{verb} {Entry::summary}", as it always was; in Dutch worded from the entry.
pub fn entry_line(verb: CmdMsg, e: &Entry) -> String {
    let details = details(e);
    let details = if details.is_empty() {
        String::new()
    } else {
        format!(": {details}")
    };
    let kind = match lang() {
        Lang::En => e.kind.as_str().to_string(),
        Lang::Nl => kind(e.kind),
    };
    t(
        verb,
        &[
            ("kind", &kind),
            ("id", &e.id),
            ("client", &e.client.name),
            ("date", &day(e.date)),
            ("details", &details),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_message_exists_in_both_languages_with_the_same_placeholders() {
        crate::i18n::tests::check_catalogue(CmdMsg::ALL);
    }

    #[test]
    fn in_english_a_confirmation_is_the_verb_and_the_summary() {
        use crate::model::{ClientRef, Money};
        let date = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap_or_default();
        let client = ClientRef {
            id: 1,
            name: "ACME B.V.".into(),
        };
        let mut gift = Entry::new(Kind::Gift, client.clone(), date);
        gift.id = 5;
        gift.description = Some("Wine box".into());
        gift.occasion = Some(Occasion::Holiday);
        gift.cost = Some(Money {
            cents: 4550,
            currency: "EUR".into(),
        });
        let mut milestone = Entry::new(Kind::Milestone, client, date);
        milestone.id = 6;
        for e in [&gift, &milestone] {
            assert_eq!(
                entry_line(CmdMsg::Recorded, e),
                format!("recorded {}", e.summary())
            );
            assert_eq!(
                entry_line(CmdMsg::Voided, e),
                format!("voided {}", e.summary())
            );
        }
    }
}
