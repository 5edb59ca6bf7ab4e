//! `--help` and clap's usage errors in Dutch.
//!
//! clap has no translations. When the language is Dutch and the arguments do not parse (help,
//! version, a usage error), `main` parses them again through the tree [`dutch`] returns: each
//! about, long about, after-help and argument help looked up here by its English text, so an
//! English text changed without its Dutch makes the unit test below fail instead of leaving a
//! stale translation. Help is printed through [`dutch_labels`] (clap's fixed section headings,
//! "Usage:" and the texts of its own `--help`, `--version` and `help`), usage errors are worded
//! by [`dutch_error`]. A command that parses builds no Dutch at all, and in English none of
//! this runs: the tree and every message are clap's own, byte for byte.
//!
//! `relaties man` and `relaties completions` build their own (English) tree.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, Command};

/// The Dutch of an English help text of `cli.rs`, or `None` when it has none.
fn nl(en: &str) -> Option<&'static str> {
    Some(match en {
        // ---- relaties ----
        "A client-relations ledger: record gifts, compliments, commitments, incidents and contacts, and see how every relationship scores on appreciation, trust and passion" => {
            "Een grootboek van klantrelaties: leg cadeaus, complimenten, afspraken, incidenten en contacten vast, en zie hoe elke relatie scoort op waardering, vertrouwen en passie"
        }
        "CLIENT is an id (3 or #3) or a name, case- and accent-insensitively: the exact name, else a unique prefix, else a unique client with a word equal to it, else one with a word starting with it, else a unique part of a name. ID is an entry id (12 or #12).\n\nDATE is 2026-11-26, 26-11-2026, today, yesterday, tomorrow (vandaag, gisteren, morgen), 3d ago, 2w ago, +3d, +2w, -1d, or a weekday (friday: the last one; for due dates the next one). What happened cannot be dated after today; due dates can.\n\nAMOUNT is 45, 45.50, 45,50, €45,50, 12,50 euro, EUR 12,50, 1.234,56 or 1,234.56; 1.234 and 1,234 read two ways and are refused.\n\nExit codes: 0 success, 1 the command could not be done, 2 the command line is wrong, 3 `report --fail-below N` found a client below N.\n\nThe ledger is --db, else $RELATIES_DB, else $XDG_DATA_HOME/relaties/ledger.db (~/.local/share/relaties/ledger.db)." => {
            "CLIENT is een id (3 of #3) of een naam, zonder op hoofdletters of accenten te letten: de precieze naam, anders een uniek begin, anders de enige klant met een woord gelijk eraan, anders een met een woord dat ermee begint, anders een uniek deel van een naam. ID is het nummer van een regel (12 of #12).\n\nDATE is 2026-11-26, 26-11-2026, vandaag, gisteren, morgen (today, yesterday, tomorrow), 3d ago, 2w ago, +3d, +2w, -1d, of een weekdag (friday: de laatste; voor een einddatum de volgende). Wat gebeurd is kan niet na vandaag gedateerd worden; een einddatum wel.\n\nAMOUNT is 45, 45.50, 45,50, €45,50, 12,50 euro, EUR 12,50, 1.234,56 of 1,234.56; 1.234 en 1,234 zijn op twee manieren te lezen en worden geweigerd.\n\nAfsluitcodes: 0 gelukt, 1 de opdracht kon niet worden uitgevoerd, 2 de opdrachtregel klopt niet, 3 `report --fail-below N` vond een klant onder N.\n\nHet grootboek is --db, anders $RELATIES_DB, anders $XDG_DATA_HOME/relaties/ledger.db (~/.local/share/relaties/ledger.db)."
        }
        "The ledger file [default: $RELATIES_DB, else $XDG_DATA_HOME/relaties/ledger.db]" => {
            "Het bestand van het grootboek [standaard: $RELATIES_DB, anders $XDG_DATA_HOME/relaties/ledger.db]"
        }
        "Print exactly one JSON document on stdout" => {
            "Schrijf precies één JSON-document naar stdout"
        }
        "Print nothing on success (errors still go to stderr)" => {
            "Schrijf niets als het lukt (fouten gaan nog wel naar stderr)"
        }
        "Colour: auto (only on a terminal, never with NO_COLOR or TERM=dumb), always, never" => {
            "Kleur: auto (alleen op een terminal, nooit met NO_COLOR of TERM=dumb), always (altijd), never (nooit)"
        }
        "Language of what is written for people: nl or en [default: $RELATIES_LANG, else $LC_ALL, $LC_MESSAGES, $LANG (nl… is Dutch), else en]. JSON, pipes and exports stay as they are" => {
            "Taal van wat voor mensen geschreven wordt: nl of en [standaard: $RELATIES_LANG, anders $LC_ALL, $LC_MESSAGES, $LANG (nl… is Nederlands), anders en]. JSON, pipes en exports blijven zoals ze zijn"
        }

        // ---- client ----
        "Add, list, show, edit, archive or forget clients" => {
            "Klanten toevoegen, opsommen, tonen, wijzigen, archiveren of vergeten"
        }
        "Add a client" => "Voeg een klant toe",
        "The client's name (unique, case- and accent-insensitively)" => {
            "De naam van de klant (uniek, zonder op hoofdletters of accenten te letten)"
        }
        "Contact person" => "Contactpersoon",
        "E-mail address" => "E-mailadres",
        "Phone number" => "Telefoonnummer",
        "Client since" => "Klant sinds",
        "A tag (repeat for several)" => "Een label (herhaal voor meer)",
        "How often (days) you want to show appreciation to this client" => {
            "Hoe vaak (in dagen) u deze klant waardering wilt tonen"
        }
        "A free-form note" => "Een vrije notitie",
        "List clients" => "Som de klanten op",
        "Only clients with this tag" => "Alleen klanten met dit label",
        "Include archived clients" => "Ook gearchiveerde klanten",
        "Show a client's details, open items and recent entries" => {
            "Toon de gegevens van een klant, wat openstaat en de recente regels"
        }
        "Client id or name" => "Id of naam van de klant",
        "Change a client's details" => "Wijzig de gegevens van een klant",
        "A new name" => "Een nieuwe naam",
        "Remove all tags (before adding any given with --tag)" => {
            "Verwijder alle labels (vóór het toevoegen van die met --tag)"
        }
        "Archive a client: kept, but out of lists and reports" => {
            "Archiveer een klant: bewaard, maar niet meer in lijsten en rapporten"
        }
        "Bring an archived client back" => "Haal een gearchiveerde klant terug",
        "Client id or name (a prefix or part of an archived client's name will do)" => {
            "Id of naam van de klant (een begin of deel van de naam van een gearchiveerde klant volstaat)"
        }
        "Erase a client and every entry of it (cannot be undone)" => {
            "Wis een klant met al zijn regels (kan niet ongedaan worden)"
        }
        "Erase a client and every entry of it (cannot be undone)\n\nErases the client and all its entries from the ledger for good, and empties the undo history (it could bring them back).\n\nCopies made earlier are not touched: a backup (`relaties backup`), an export or a copy of the ledger file made before still holds the client, and must be deleted separately." => {
            "Wis een klant met al zijn regels (kan niet ongedaan worden)\n\nWist de klant en al zijn regels voorgoed uit het grootboek, en leegt de geschiedenis van undo (die zou ze kunnen terughalen).\n\nEerder gemaakte kopieën blijven onaangeroerd: een backup (`relaties backup`), een export of een eerder gemaakte kopie van het bestand bevat de klant nog, en moet apart verwijderd worden."
        }
        "Confirm: the client and all its entries are erased for good" => {
            "Bevestig: de klant en al zijn regels worden voorgoed gewist"
        }
        "Keep the entries' dates, kinds and amounts (for the books), drop every name and text" => {
            "Bewaar de datums, soorten en bedragen van de regels (voor de boekhouding), laat elke naam en tekst weg"
        }
        "Keep the entries' dates, kinds and amounts (for the books), drop every name and text\n\nKept: each entry's id, kind, dates (of the entry, due, delivered, missed, informed, resolved, rescheduled), amount and currency, whether it was voided, and when it was recorded, under a client renamed \"forgotten client #ID\" (archived). Dropped: the client's name, contact, e-mail, phone, since, tags, cadence and note, and every entry's description, note, reasons, occasion, channel, energy, quality, proactive and explained marks, cause, severity and solution." => {
            "Bewaar de datums, soorten en bedragen van de regels (voor de boekhouding), laat elke naam en tekst weg\n\nBewaard: van elke regel het id, de soort, de datums (van de regel, einddatum, geleverd, gemist, ingelicht, opgelost, verzet), bedrag en valuta, of hij vervallen is, en wanneer hij is vastgelegd, onder een klant hernoemd tot \"forgotten client #ID\" (gearchiveerd). Weggelaten: naam, contactpersoon, e-mail, telefoon, klant sinds, labels, ritme en notitie van de klant, en van elke regel omschrijving, notitie, redenen, gelegenheid, kanaal, energie, kwaliteit, de kenmerken proactief en uitgelegd, oorzaak, ernst en oplossing."
        }

        // ---- team ----
        "A team ledger on a PostgreSQL server (--db postgres://…): make it, and say who may do what" => {
            "Een gedeeld grootboek op een PostgreSQL-server (--db postgres://…): maak het aan, en bepaal wie wat mag"
        }
        "Make the ledger's tables and its reader, member and owner roles in the database (run by a login that owns it and may create roles)" => {
            "Maak de tabellen van het grootboek en zijn rollen reader, member en owner in de database (door een login die de database bezit en rollen mag maken)"
        }
        "Give a login one role: reader (reads), member (also records and edits), owner (everything)" => {
            "Geef een login één rol: reader (leest), member (legt ook vast en wijzigt), owner (alles)"
        }
        "Take every role in this ledger from a login" => {
            "Neem een login elke rol in dit grootboek af"
        }
        "List the logins that hold a role in this ledger" => {
            "Som de logins op die een rol in dit grootboek hebben"
        }
        "The PostgreSQL login" => "De PostgreSQL-login",
        "The role to give" => "De rol die de login krijgt",

        // ---- contact ----
        "Add, list, edit or remove the people at a client (contact persons)" => {
            "Personen bij een klant (contactpersonen) toevoegen, opsommen, wijzigen of verwijderen"
        }
        "Add a person at a client" => "Voeg een persoon bij een klant toe",
        "The person's name" => "De naam van de persoon",
        "Their role or job title" => "Rol of functie",
        "An e-mail address (repeat for several)" => "Een e-mailadres (herhaal voor meer)",
        "A phone number (repeat for several)" => "Een telefoonnummer (herhaal voor meer)",
        "Birthday: 1980-12-05, 05-12-1980, or 5-12 without the year (day first)" => {
            "Verjaardag: 1980-12-05, 05-12-1980, of 5-12 zonder jaar (dag eerst)"
        }
        "List the people at one client, or at every client" => {
            "Som de personen bij één klant op, of bij elke klant"
        }
        "Only the people at this client" => "Alleen de personen bij deze klant",
        "Change a person's details (an empty value clears a field)" => {
            "Wijzig de gegevens van een persoon (een lege waarde maakt een veld leeg)"
        }
        "The contact person's id" => "Het id van de contactpersoon",
        "Move the person to another client" => "Verplaats de persoon naar een andere klant",
        "Remove a person (the entries stay)" => "Verwijder een persoon (de regels blijven)",

        // ---- recording ----
        "Record a business gift" => "Leg een relatiegeschenk vast",
        "What you gave" => "Wat u gaf",
        "What it cost" => "Wat het kostte",
        "ISO 4217 currency code [default: config currency.default]" => {
            "ISO 4217-valutacode [standaard: config currency.default]"
        }
        "The contact person it was for (marks their birthday when near)" => {
            "De contactpersoon voor wie het was (markeert de verjaardag als die dichtbij is)"
        }
        "When it happened [default: today]" => "Wanneer het gebeurde [standaard: vandaag]",
        "Record a compliment you gave" => "Leg een compliment vast dat u gaf",
        "The compliment" => "Het compliment",
        "What it was for (e.g. \"on-time payment\", \"clear brief\")" => {
            "Waarvoor het was (bijv. \"op tijd betaald\", \"heldere briefing\")"
        }
        "Record a milestone reached together" => "Leg een samen bereikte mijlpaal vast",
        "What was reached" => "Wat er bereikt is",
        "Record a contact: a call, meeting, e-mail, visit or message" => {
            "Leg een contact vast: een gesprek, overleg, e-mail, bezoek of bericht"
        }
        "What it was about" => "Waar het over ging",
        "Your own enthusiasm, 1 (dragging) to 5 (glad to do it)" => {
            "Uw eigen zin erin, 1 (met tegenzin) tot 5 (graag gedaan)"
        }
        "An idea or extra step nobody asked for" => "Een idee of extra stap waar niemand om vroeg",
        "Record a commitment (an agreement) with its due date" => {
            "Leg een afspraak (een toezegging) vast met de einddatum"
        }
        "What you agreed to do" => "Wat u hebt toegezegd",
        "When it is due" => "Wanneer het klaar moet zijn",
        "When it was agreed [default: today]" => "Wanneer het is afgesproken [standaard: vandaag]",
        "Mark a commitment delivered (late when after its due date)" => {
            "Markeer een afspraak als nagekomen (te laat na de einddatum)"
        }
        "The commitment's id" => "Het id van de afspraak",
        "Quality of the delivery, 1 to 5" => "Kwaliteit van de levering, 1 tot 5",
        "Mark a commitment missed" => "Markeer een afspraak als gemist",
        "Why it was not kept" => "Waarom hij niet is nagekomen",
        "Move a commitment's due date" => "Verzet de einddatum van een afspraak",
        "The new due date" => "De nieuwe einddatum",
        "The client agreed to the new date beforehand (then it is not lateness)" => {
            "De klant stemde vooraf in met de nieuwe datum (dan is het niet te laat)"
        }
        "When it was rescheduled [default: today]" => "Wanneer hij is verzet [standaard: vandaag]",
        "Record an incident: a problem and how it is handled" => {
            "Leg een incident vast: een probleem en hoe het wordt aangepakt"
        }
        "What went wrong" => "Wat er misging",
        "When the client was told" => "Wanneer de klant is ingelicht",
        "You explained what was going on" => "U hebt uitgelegd wat er aan de hand was",
        "The solution you offered" => "De oplossing die u bood",
        "Record that the client was told about an incident" => {
            "Leg vast dat de klant over een incident is ingelicht"
        }
        "The incident's id" => "Het id van het incident",
        "Mark an incident resolved" => "Markeer een incident als opgelost",
        "The solution" => "De oplossing",

        // ---- lists ----
        "List entries, newest first" => "Som de regels op, nieuwste eerst",
        "Only this client's entries" => "Alleen de regels van deze klant",
        "Only entries of this kind (repeat for several)" => {
            "Alleen regels van deze soort (herhaal voor meer)"
        }
        "Only entries on or after this date" => "Alleen regels op of na deze datum",
        "Only entries on or before this date" => "Alleen regels op of voor deze datum",
        "At most this many entries" => "Hoogstens zoveel regels",
        "List commitments" => "Som de afspraken op",
        "Only this client's commitments" => "Alleen de afspraken van deze klant",
        "Only open ones" => "Alleen openstaande",
        "Only open ones past their due date" => "Alleen openstaande over hun einddatum heen",
        "Only open ones due within this many days (overdue included)" => {
            "Alleen openstaande die binnen zoveel dagen klaar moeten zijn (over tijd inbegrepen)"
        }
        "List incidents" => "Som de incidenten op",
        "Only this client's incidents" => "Alleen de incidenten van deze klant",
        "Only unresolved ones" => "Alleen onopgeloste",

        // ---- corrections ----
        "Correct fields of an entry" => "Verbeter velden van een regel",
        "The entry's id" => "Het id van de regel",
        "The date of the entry (for a commitment: when it was agreed)" => {
            "De datum van de regel (bij een afspraak: wanneer hij is gemaakt)"
        }
        "The entry's main text (what, description)" => {
            "De hoofdtekst van de regel (wat, omschrijving)"
        }
        "Move the entry to another client" => "Verplaats de regel naar een andere klant",
        "Gift: occasion" => "Cadeau: gelegenheid",
        "Gift: cost" => "Cadeau: kosten",
        "Gift: currency" => "Cadeau: valuta",
        "Compliment: what it was for" => "Compliment: waarvoor het was",
        "Touch: channel" => "Contact: kanaal",
        "Touch: enthusiasm 1-5" => "Contact: zin erin 1-5",
        "Touch: proactive or not" => "Contact: proactief of niet",
        "Commitment: due date" => "Afspraak: einddatum",
        "Commitment: delivery date (when delivered)" => {
            "Afspraak: leverdatum (als hij is nagekomen)"
        }
        "Commitment: delivery quality 1-5" => "Afspraak: kwaliteit van de levering 1-5",
        "Commitment: why it was missed" => "Afspraak: waarom hij gemist is",
        "Incident: cause" => "Incident: oorzaak",
        "Incident: severity" => "Incident: ernst",
        "Incident: when the client was told" => "Incident: wanneer de klant is ingelicht",
        "Incident: explained or not" => "Incident: uitgelegd of niet",
        "Incident: the solution offered" => "Incident: de geboden oplossing",
        "Incident: when it was resolved" => "Incident: wanneer het is opgelost",
        "Mark an entry void: it stays in the ledger but no longer counts" => {
            "Verklaar een regel vervallen: hij blijft in het grootboek maar telt niet meer mee"
        }
        "Why it is void" => "Waarom hij vervalt",
        "Undo the most recent change (repeat to walk further back)" => {
            "Maak de laatste wijziging ongedaan (herhaal om verder terug te gaan)"
        }

        // ---- scores and settings ----
        "Show appreciation, trust and passion scores (all active clients, lowest first)" => {
            "Toon de scores voor waardering, vertrouwen en passie (alle actieve klanten, laagste eerst)"
        }
        "Only this client" => "Alleen deze klant",
        "Score as of this date (later entries are ignored) [default: today]" => {
            "Score op deze datum (latere regels tellen niet mee) [standaard: vandaag]"
        }
        "List which entries and rules moved each score, and by how much" => {
            "Som op welke regels en rekenregels elke score bewogen, en hoeveel"
        }
        "The client's weekly history instead: the four scores as of each Sunday" => {
            "In plaats daarvan de geschiedenis van de klant per week: de vier scores op elke zondag"
        }
        "How many weeks of history, up to 52 [default: 26]" => {
            "Hoeveel weken geschiedenis, tot 52 [standaard: 26]"
        }
        "Show or change settings (stored in the ledger)" => {
            "Toon of wijzig instellingen (bewaard in het grootboek)"
        }
        "Every setting with its value, and whether it is the default" => {
            "Elke instelling met haar waarde, en of dat de standaard is"
        }
        "One setting's value" => "De waarde van één instelling",
        "Change a setting (checked before it is stored)" => {
            "Wijzig een instelling (gecontroleerd voor ze bewaard wordt)"
        }
        "The value; negative numbers are taken as values (and refused with the key's form)" => {
            "De waarde; negatieve getallen gelden als waarde (en worden geweigerd met de vorm van de sleutel)"
        }
        "Return a setting to its default" => "Zet een instelling terug op haar standaard",

        // ---- reports ----
        "The weekly report: scores, this period, what needs attention, what is coming up" => {
            "Het weekrapport: scores, deze periode, wat aandacht vraagt, wat eraan komt"
        }
        "Start of the period [default: 6 days before --as-of]" => {
            "Begin van de periode [standaard: 6 dagen voor --as-of]"
        }
        "End of the period [default: --as-of]" => "Einde van de periode [standaard: --as-of]",
        "The period is the ISO week (Monday to Sunday) that contains --as-of" => {
            "De periode is de ISO-week (maandag tot zondag) waarin --as-of valt"
        }
        "Report as of this date [default: today]" => "Rapport op deze datum [standaard: vandaag]",
        "Output format (--json is the same as --format json) [default: table on a terminal, tab-separated blocks in a pipe]" => {
            "Uitvoervorm (--json is hetzelfde als --format json) [standaard: table op een terminal, blokken gescheiden door tabs in een pipe]"
        }
        "Exit 3 (after printing) when any active client's overall score is below N" => {
            "Sluit af met 3 (na het schrijven) als een actieve klant in totaal onder N scoort"
        }
        "Occasions, anniversaries and due dates coming up" => {
            "Gelegenheden, jubilea en einddatums die eraan komen"
        }
        "How many days ahead" => "Hoeveel dagen vooruit",
        "From this date [default: today]" => "Vanaf deze datum [standaard: vandaag]",
        "A weekly report over a generated sample ledger (touches no ledger of yours)" => {
            "Een weekrapport over een gemaakt voorbeeldboek (raakt geen grootboek van u aan)"
        }
        "How many clients" => "Hoeveel klanten",
        "How many entries in all [default: about 25 per client]" => {
            "Hoeveel regels in totaal [standaard: ongeveer 25 per klant]"
        }
        "Random seed: the same seed and date give the same ledger" => {
            "Startwaarde van het toeval: dezelfde waarde en datum geven hetzelfde boek"
        }
        "The day the sample ledger ends on [default: today]" => {
            "De dag waarop het voorbeeldboek eindigt [standaard: vandaag]"
        }

        // ---- files ----
        "Write the ledger out: json (everything, lossless), csv, ics (calendar), hledger (gift spend)" => {
            "Schrijf het grootboek uit: json (alles, zonder verlies), csv, ics (agenda), hledger (uitgaven aan cadeaus)"
        }
        "With --format csv: which table" => "Met --format csv: welke tabel",
        "With --format csv: for Excel in Dutch: `;`-separated, decimal comma, UTF-8 with BOM" => {
            "Met --format csv: voor Excel in het Nederlands: gescheiden door `;`, decimale komma, UTF-8 met BOM"
        }
        "Write to this file (created 0600; replaced whole) instead of stdout; - is stdout" => {
            "Schrijf naar dit bestand (gemaakt met 0600; in zijn geheel vervangen) in plaats van stdout; - is stdout"
        }
        "Replace FILE if it exists" => "Vervang FILE als het al bestaat",
        "Read clients (csv, vcf) or a whole ledger (json) in; all or nothing" => {
            "Lees klanten (csv, vcf) of een heel grootboek (json) in; alles of niets"
        }
        "The file to read, or - for standard input" => {
            "Het bestand om te lezen, of - voor standaardinvoer"
        }
        "The file's format [default: from its extension]" => {
            "De vorm van het bestand [standaard: naar de extensie]"
        }
        "Show what would be added and skipped; write nothing" => {
            "Toon wat toegevoegd en overgeslagen zou worden; schrijf niets"
        }
        "A record the ledger has (same uuid) with other content: keep the ledger's, or replace it with the file's [default: list the differences and import nothing]" => {
            "Een gegeven dat het grootboek al heeft (zelfde uuid) met andere inhoud: houd dat van het boek (keep), of vervang het door dat van het bestand (replace) [standaard: som de verschillen op en lees niets in]"
        }
        "A consistent copy of the ledger, safe while others write" => {
            "Een samenhangende kopie van het grootboek, veilig terwijl anderen schrijven"
        }
        "Where to write the copy" => "Waar de kopie heen moet",
        "Shell completions on stdout" => "Aanvullingen voor de shell op stdout",
        "The man page (roff) on stdout, or with --dir every page (one per subcommand) as files" => {
            "De man-pagina (roff) op stdout, of met --dir elke pagina (één per opdracht) als bestanden"
        }
        "Write relaties.1 and a page per subcommand (relaties-log-gift.1, …) into this folder (created when missing) instead of printing relaties.1" => {
            "Schrijf relaties.1 en een pagina per opdracht (relaties-log-gift.1, …) in deze map (gemaakt als hij ontbreekt) in plaats van relaties.1 te tonen"
        }
        "Check the ledger (integrity, schema, file modes) and count what it holds; exit 1 on a problem" => {
            "Controleer het grootboek (integriteit, schema, bestandsrechten) en tel wat het bevat; afsluitcode 1 bij een probleem"
        }
        _ => return None,
    })
}

/// The command tree with every help text in Dutch (only called when the language is Dutch).
pub fn dutch(cmd: Command) -> Command {
    let mut cmd = cmd;
    if let Some(t) = cmd.get_about().and_then(|a| nl(&a.to_string())) {
        cmd = cmd.about(t);
    }
    if let Some(t) = cmd.get_long_about().and_then(|a| nl(&a.to_string())) {
        cmd = cmd.long_about(t);
    }
    if let Some(t) = cmd.get_after_help().and_then(|a| nl(&a.to_string())) {
        cmd = cmd.after_help(t);
    }
    if let Some(t) = cmd.get_after_long_help().and_then(|a| nl(&a.to_string())) {
        cmd = cmd.after_long_help(t);
    }
    cmd = cmd.mut_args(dutch_arg);
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        cmd = cmd.mut_subcommand(name, dutch);
    }
    cmd
}

/// An argument's help in Dutch, with clap's `[default: …]` and `[possible values: …]` (which
/// it writes in English) written by us in Dutch instead.
fn dutch_arg(arg: Arg) -> Arg {
    let mut arg = arg;
    let mut extra = String::new();
    let takes_value =
        arg.get_action().takes_values() && arg.get_num_args().is_none_or(|n| n.takes_values());
    if takes_value && !arg.is_hide_default_value_set() && !arg.get_default_values().is_empty() {
        let values: Vec<String> = arg
            .get_default_values()
            .iter()
            .map(|v| v.to_string_lossy().into_owned())
            .collect();
        extra.push_str(&format!(" [standaard: {}]", values.join(" ")));
        arg = arg.hide_default_value(true);
    }
    if takes_value && !arg.is_hide_possible_values_set() {
        let values: Vec<String> = arg
            .get_possible_values()
            .iter()
            .filter(|v| !v.is_hide_set())
            .map(|v| v.get_name().to_string())
            .collect();
        if !values.is_empty() {
            extra.push_str(&format!(" [mogelijke waarden: {}]", values.join(", ")));
            arg = arg.hide_possible_values(true);
        }
    }
    let help = arg.get_help().map(|h| h.to_string());
    let long = arg.get_long_help().map(|h| h.to_string());
    let translate = |en: &str| nl(en).map_or_else(|| en.to_string(), str::to_string);
    match help {
        Some(h) => arg = arg.help(format!("{}{extra}", translate(&h))),
        None if !extra.is_empty() => arg = arg.help(extra.trim_start().to_string()),
        None => {}
    }
    if let Some(l) = long {
        arg = arg.long_help(format!("{}{extra}", translate(&l)));
    }
    arg
}

/// Rendered help (with its ANSI styles, if any) with clap's own English words in Dutch: the
/// section headings, "Usage:", and the help of `-h`, `-V` and the `help` subcommand.
pub fn dutch_labels(help: &str) -> String {
    const HEADINGS: &[(&str, &str)] = &[
        ("Usage:", "Gebruik:"),
        ("Commands:", "Opdrachten:"),
        ("Arguments:", "Argumenten:"),
        ("Options:", "Opties:"),
        ("Global options:", "Algemene opties:"),
    ];
    // Longest first: "Print help" is the start of the others.
    const TEXTS: &[(&str, &str)] = &[
        (
            "Print this message or the help of the given subcommand(s)",
            "Toon deze hulp of die van de gegeven opdracht(en)",
        ),
        (
            "Print help for the subcommand(s)",
            "Toon de hulp bij de opdracht(en)",
        ),
        (
            "Print help (see more with '--help')",
            "Toon de hulp (meer met '--help')",
        ),
        (
            "Print help (see a summary with '-h')",
            "Toon de hulp (een samenvatting met '-h')",
        ),
        ("Print help", "Toon de hulp"),
        ("Print version", "Toon de versie"),
    ];
    let mut out = String::with_capacity(help.len() + 64);
    for line in help.split_inclusive('\n') {
        let plain = strip_ansi(line);
        let plain = plain.trim_end();
        let heading = HEADINGS
            .iter()
            .find(|(en, _)| plain == *en || (*en == "Usage:" && plain.starts_with("Usage: ")));
        if let Some((en, nl)) = heading {
            out.push_str(&line.replacen(en, nl, 1));
            continue;
        }
        match TEXTS.iter().find(|(en, _)| plain.ends_with(en)) {
            Some((en, nl)) => out.push_str(&line.replacen(en, nl, 1)),
            None => out.push_str(line),
        }
    }
    out
}

/// `s` without its ANSI escape sequences (`ESC [ … letter`).
fn strip_ansi(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            if chars.next() == Some('[') {
                for c in chars.by_ref() {
                    if c.is_ascii_alphabetic() {
                        break;
                    }
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A usage error from clap in Dutch, on one line, without the `error: ` prefix (that stays
/// English) and without the usage line: the wrong argument or value, what was expected, and
/// clap's suggestions.
pub fn dutch_error(e: &clap::Error) -> String {
    let s = |k: ContextKind| match e.get(k) {
        Some(ContextValue::String(v)) => Some(v.clone()),
        _ => None,
    };
    let list = |k: ContextKind| match e.get(k) {
        Some(ContextValue::Strings(v)) => v.clone(),
        Some(ContextValue::String(v)) => vec![v.clone()],
        _ => Vec::new(),
    };
    let quoted = |v: &[String]| {
        v.iter()
            .map(|x| format!("'{x}'"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let arg = s(ContextKind::InvalidArg);
    let value = s(ContextKind::InvalidValue);
    let mut text = match e.kind() {
        ErrorKind::UnknownArgument => match &arg {
            Some(a) => format!("onbekend argument '{a}'"),
            None => "onbekend argument".to_string(),
        },
        ErrorKind::InvalidSubcommand => match s(ContextKind::InvalidSubcommand) {
            Some(c) => format!("onbekende opdracht '{c}'"),
            None => "onbekende opdracht".to_string(),
        },
        ErrorKind::InvalidValue => match (&arg, &value) {
            (Some(a), Some(v)) if v.is_empty() => {
                format!("'{a}' vraagt een waarde, maar die ontbreekt")
            }
            (Some(a), Some(v)) => format!("ongeldige waarde '{v}' voor '{a}'"),
            _ => "ongeldige waarde".to_string(),
        },
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(e)
                .map(|c| format!(": {}", dutch_cause(&c.to_string())))
                .unwrap_or_default();
            match (&arg, &value) {
                (Some(a), Some(v)) => format!("ongeldige waarde '{v}' voor '{a}'{why}"),
                _ => format!("ongeldige waarde{why}"),
            }
        }
        ErrorKind::MissingRequiredArgument => {
            let missing = list(ContextKind::InvalidArg);
            if missing.len() == 1 {
                format!("het verplichte argument {} ontbreekt", quoted(&missing))
            } else {
                format!("de verplichte argumenten {} ontbreken", quoted(&missing))
            }
        }
        ErrorKind::MissingSubcommand => match s(ContextKind::InvalidSubcommand) {
            Some(c) => format!("'{c}' vraagt een opdracht, maar die ontbreekt"),
            None => "er ontbreekt een opdracht".to_string(),
        },
        ErrorKind::ArgumentConflict => {
            let prior = list(ContextKind::PriorArg);
            let what = match (&arg, s(ContextKind::InvalidSubcommand)) {
                (Some(a), _) => format!("het argument '{a}'"),
                (None, Some(c)) => format!("de opdracht '{c}'"),
                (None, None) => "een argument".to_string(),
            };
            if prior.is_empty() {
                format!("{what} kan niet samen met de andere gegeven argumenten")
            } else if arg.as_ref().is_some_and(|a| prior == [a.clone()]) {
                format!("{what} kan maar één keer gegeven worden")
            } else {
                format!("{what} kan niet samen met {}", quoted(&prior))
            }
        }
        ErrorKind::TooManyValues => match (&arg, &value) {
            (Some(a), Some(v)) => {
                format!("onverwachte waarde '{v}' voor '{a}'; er werden er niet meer verwacht")
            }
            _ => "te veel waarden".to_string(),
        },
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => match &arg {
            Some(a) => format!("verkeerd aantal waarden voor '{a}'"),
            None => "verkeerd aantal waarden".to_string(),
        },
        ErrorKind::NoEquals => match &arg {
            Some(a) => format!("een waarde voor '{a}' moet na een =-teken"),
            None => "een waarde moet na een =-teken".to_string(),
        },
        ErrorKind::InvalidUtf8 => "een argument is geen geldige UTF-8".to_string(),
        // Help, version, I/O: not usage errors; say what clap says.
        _ => return english_line(e),
    };
    let valid = list(ContextKind::ValidValue);
    if !valid.is_empty() {
        text.push_str(&format!(" [mogelijke waarden: {}]", valid.join(", ")));
    }
    let subs = list(ContextKind::ValidSubcommand);
    if !subs.is_empty() {
        text.push_str(&format!(" [opdrachten: {}]", subs.join(", ")));
    }
    for kind in [
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedArg,
        ContextKind::SuggestedValue,
    ] {
        let similar = list(kind);
        if !similar.is_empty() {
            text.push_str(&format!(
                " tip: bedoelde u {}?",
                similar
                    .iter()
                    .map(|x| format!("'{x}'"))
                    .collect::<Vec<_>>()
                    .join(" of ")
            ));
        }
    }
    if let Some(ContextValue::StyledStrs(tips)) = e.get(ContextKind::Suggested) {
        for tip in tips {
            text.push_str(" tip: ");
            text.push_str(&dutch_tip(&tip.to_string()));
        }
    }
    text
}

/// clap's suggestions, in Dutch where we know them (their quoted parts are kept).
fn dutch_tip(tip: &str) -> String {
    // "to pass 'X' as a value, use 'Y'"
    if let Some(rest) = tip.strip_prefix("to pass ")
        && let Some((what, how)) = rest.split_once(" as a value, use ")
    {
        return format!("om {what} als waarde te geven: {how}");
    }
    // "subcommand 'X' exists; to use it, remove the '--' before it"
    if let Some(rest) = tip.strip_prefix("subcommand ")
        && let Some((what, _)) = rest.split_once(" exists; ")
    {
        return format!("de opdracht {what} bestaat; haal de '--' ervoor weg");
    }
    // "'X Y' exists"
    if let Some(what) = tip.strip_suffix(" exists") {
        return format!("{what} bestaat");
    }
    tip.to_string()
}

/// The reasons clap's own value parsers give, in Dutch (ours, from `parse.rs`, stay English).
fn dutch_cause(cause: &str) -> String {
    // "6 is not in 1..=5"
    if let Some((v, range)) = cause.split_once(" is not in ") {
        return format!("{v} ligt niet in {range}");
    }
    if let Some(rest) = cause.strip_prefix("invalid digit found in string") {
        return format!("geen geheel getal{rest}");
    }
    cause.to_string()
}

/// clap's own message on one line (for kinds that are no usage error).
fn english_line(e: &clap::Error) -> String {
    let rendered = e.render().to_string();
    rendered
        .lines()
        .map(str::trim)
        .take_while(|l| !l.starts_with("Usage:") && !l.starts_with("For more information"))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .trim_start_matches("error: ")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// Every about, long about, after-help and argument help of the whole tree has a Dutch
    /// text, and it differs from the English.
    #[test]
    fn every_help_text_has_a_dutch_one() {
        let missing: Vec<String> = crate::cli::help_texts(&crate::cli::Cli::command())
            .into_iter()
            .filter(|(_, en)| !matches!(nl(en), Some(t) if t != *en && !t.trim().is_empty()))
            .map(|(path, en)| format!("{path}: {en:?}"))
            .collect();
        assert!(missing.is_empty(), "no Dutch for:\n{}", missing.join("\n"));
    }

    /// After `dutch`, no help text of the tree is English any more, and clap's own
    /// `[default: …]`/`[possible values: …]` are hidden in favour of Dutch ones.
    #[test]
    fn the_dutch_tree_has_only_dutch_texts() {
        fn check(cmd: &Command, path: &str) {
            if let Some(a) = cmd.get_about() {
                assert!(nl(&a.to_string()).is_none(), "{path}: {a}");
            }
            for arg in cmd.get_arguments() {
                if let Some(h) = arg.get_help() {
                    assert!(nl(&h.to_string()).is_none(), "{path} {}: {h}", arg.get_id());
                }
                let pv = !arg.get_possible_values().is_empty() && arg.get_action().takes_values();
                if pv {
                    assert!(arg.is_hide_possible_values_set(), "{path} {}", arg.get_id());
                    let h = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
                    assert!(h.contains("[mogelijke waarden: "), "{path}: {h}");
                }
            }
            for sub in cmd.get_subcommands() {
                check(sub, &format!("{path} {}", sub.get_name()));
            }
        }
        let cmd = dutch(crate::cli::Cli::command());
        cmd.clone().debug_assert();
        check(&cmd, "relaties");
        let color = cmd
            .get_arguments()
            .find(|a| a.get_id() == "color")
            .and_then(|a| a.get_help())
            .map(|h| h.to_string());
        assert_eq!(
            color.as_deref(),
            Some(
                "Kleur: auto (alleen op een terminal, nooit met NO_COLOR of TERM=dumb), always \
                 (altijd), never (nooit) [standaard: auto] [mogelijke waarden: auto, always, never]"
            )
        );
    }

    #[test]
    fn clap_labels_become_dutch_and_keep_their_styles() {
        let help = "\u{1b}[1m\u{1b}[4mUsage:\u{1b}[0m relaties [OPTIONS]\n\n\
                    \u{1b}[1m\u{1b}[4mOptions:\u{1b}[0m\n  -h, --help  Print help\n  \
                    -V, --version  Print version\n\nGlobal options:\n  --json  Options: x\n";
        assert_eq!(
            dutch_labels(help),
            "\u{1b}[1m\u{1b}[4mGebruik:\u{1b}[0m relaties [OPTIONS]\n\n\
             \u{1b}[1m\u{1b}[4mOpties:\u{1b}[0m\n  -h, --help  Toon de hulp\n  \
             -V, --version  Toon de versie\n\nAlgemene opties:\n  --json  Options: x\n"
        );
    }

    #[test]
    fn usage_errors_are_worded_in_dutch() {
        let mut cmd = dutch(crate::cli::Cli::command());
        let mut err = |args: &[&str]| {
            let mut all = vec!["relaties"];
            all.extend_from_slice(args);
            let e = cmd
                .try_get_matches_from_mut(all)
                .expect_err("a usage error");
            dutch_error(&e)
        };
        assert_eq!(
            err(&["timeline", "--bogus"]),
            "onbekend argument '--bogus' tip: om '--bogus' als waarde te geven: '-- --bogus'"
        );
        assert_eq!(
            err(&["timeline", "--limt", "3"]),
            "onbekend argument '--limt' tip: bedoelde u '--limit'?"
        );
        assert_eq!(err(&["frobnicate"]), "onbekende opdracht 'frobnicate'");
        assert_eq!(
            err(&["log-touch", "ACME", "--channel", "pigeon"]),
            "ongeldige waarde 'pigeon' voor '--channel <CHANNEL>' \
             [mogelijke waarden: call, meeting, email, visit, message, other]"
        );
        assert_eq!(
            err(&["log-touch", "ACME", "--energy", "6"]),
            "ongeldige waarde '6' voor '--energy <1-5>': 6 ligt niet in 1..=5"
        );
        assert_eq!(
            err(&["log-gift", "ACME"]),
            "het verplichte argument '<DESCRIPTION>' ontbreekt"
        );
        assert_eq!(
            err(&["report", "--week", "--since", "2026-01-01"]),
            "het argument '--week' kan niet samen met '--since <DATE>'"
        );
    }
}
