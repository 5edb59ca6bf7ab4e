//! Every message written for a person, in English and in Dutch. Each entry must have both
//! (the macro requires them), and a test holds their `{placeholders}` to be the same.
//!
//! Dutch follows the Taalunie: `€ 1.234,56`, `ma 30 nov`, `30 november 2026`, `week 49`.
//! Add a message here, then use it through `i18n::t` (or `i18n::plural`).

/// Declares a catalogue: an enum of message ids, each with its English and Dutch text. Each
/// part of the program may keep its own (`Msg` here for the screens; others beside the code
/// that words them), all read through `i18n::t`.
#[macro_export]
macro_rules! catalogue {
    ($name:ident { $($(#[$doc:meta])* $id:ident { en: $en:literal, nl: $nl:literal $(,)? })* }) => {
        /// A message's id.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name { $($(#[$doc])* $id),* }

        impl $name {
            /// Every message, for the tests that hold both languages together.
            pub const ALL: &'static [$name] = &[$($name::$id),*];
        }

        impl $crate::i18n::Message for $name {
            fn template(self, lang: $crate::i18n::Lang) -> &'static str {
                match (self, lang) {
                    $(($name::$id, $crate::i18n::Lang::En) => $en,
                      ($name::$id, $crate::i18n::Lang::Nl) => $nl,)*
                }
            }
        }
    };
}

catalogue! { Msg {
    // ---- counts ----
    Client1 { en: "{n} client", nl: "{n} klant" }
    ClientN { en: "{n} clients", nl: "{n} klanten" }
    Entry1 { en: "{n} entry", nl: "{n} regel" }
    EntryN { en: "{n} entries", nl: "{n} regels" }
    Day1 { en: "{n} day", nl: "{n} dag" }
    DayN { en: "{n} days", nl: "{n} dagen" }
    Year1 { en: "{n} year", nl: "{n} jaar" }
    YearN { en: "{n} years", nl: "{n} jaar" }

    // ---- the fixed words shown on a terminal ----
    BandStrong { en: "strong", nl: "sterk" }
    BandOk { en: "ok", nl: "ok" }
    BandAtRisk { en: "at-risk", nl: "risico" }
    KindGift { en: "gift", nl: "cadeau" }
    KindCompliment { en: "compliment", nl: "compliment" }
    KindMilestone { en: "milestone", nl: "mijlpaal" }
    KindTouch { en: "touch", nl: "contact" }
    KindCommitment { en: "commitment", nl: "afspraak" }
    KindIncident { en: "incident", nl: "incident" }
    StatusOpen { en: "open", nl: "open" }
    StatusKept { en: "kept", nl: "nagekomen" }
    StatusLate { en: "late", nl: "te laat" }
    StatusMissed { en: "missed", nl: "gemist" }
    StatusOverdue { en: "overdue", nl: "verlopen" }

    // ---- the report ----
    ReportTitle { en: "relaties report — {period} (as of {as_of})", nl: "relaties-rapport — {period} (stand {as_of})" }
    ReportScores { en: "Scores", nl: "Scores" }
    ReportThisPeriod { en: "This period", nl: "Deze periode" }
    ReportNeedsAttention { en: "Needs attention", nl: "Vraagt aandacht" }
    ReportComingUp { en: "Coming up (14 days)", nl: "Binnenkort (14 dagen)" }
    ReportWouldHelp { en: "What would help most", nl: "Wat het meest zou helpen" }
    ReportNoClients { en: "no active clients", nl: "geen actieve klanten" }
    ReportNothingWellDone { en: "nothing — well done", nl: "niets — goed bezig" }
    ReportNothing { en: "nothing", nl: "niets" }
    ReportNothingStandsOut { en: "nothing stands out", nl: "niets springt eruit" }
    Week { en: "week {n}", nl: "week {n}" }

    // ---- more counts ----
    Point1 { en: "{n} point", nl: "{n} punt" }
    PointN { en: "{n} points", nl: "{n} punten" }
    Period1 { en: "{n} period", nl: "{n} periode" }
    PeriodN { en: "{n} periods", nl: "{n} periodes" }
    Gift1 { en: "{n} gift", nl: "{n} cadeau" }
    GiftN { en: "{n} gifts", nl: "{n} cadeaus" }
    Compliment1 { en: "{n} compliment", nl: "{n} compliment" }
    ComplimentN { en: "{n} compliments", nl: "{n} complimenten" }
    Milestone1 { en: "{n} milestone", nl: "{n} mijlpaal" }
    MilestoneN { en: "{n} milestones", nl: "{n} mijlpalen" }
    Touch1 { en: "{n} touch", nl: "{n} contactmoment" }
    TouchN { en: "{n} touches", nl: "{n} contactmomenten" }

    // ---- the report's activity, attention, coming up and actions ----
    ActivityGifts { en: "{gifts}{spend} · {compliments} · {milestones} · {touches}", nl: "{gifts}{spend} · {compliments} · {milestones} · {touches}" }
    ActivityTrust { en: "commitments: {kept} on time, {late} late, {missed} missed · incidents: {opened} opened, {resolved} resolved", nl: "afspraken: {kept} op tijd, {late} te laat, {missed} gemist · incidenten: {opened} geopend, {resolved} opgelost" }
    SaidScoreDrop { en: "{name}'s overall score dropped {points} this week, to {overall}", nl: "totaalscore van {name} deze week {points} gedaald, naar {overall}" }
    SaidNotInformed { en: "tell {name} about incident #{id} ({what}): not informed after {days}", nl: "vertel {name} over incident #{id} ({what}): na {days} nog niet ingelicht" }
    SaidIncidentOpen { en: "resolve incident #{id} ({what}): open for {days}", nl: "los incident #{id} ({what}) op: al {days} open" }
    SaidOverdue { en: "commitment #{id} ({what}) is {days} overdue", nl: "afspraak #{id} ({what}) is {days} over tijd" }
    SaidDueToday { en: "commitment #{id} ({what}) is due today, {date}", nl: "afspraak #{id} ({what}) moet vandaag af, {date}" }
    SaidDueIn { en: "commitment #{id} ({what}) is due in {days}, {date}", nl: "afspraak #{id} ({what}) moet over {days} af, {date}" }
    SaidMilestone { en: "mark milestone #{id} ({what}) with a gift or compliment, {days} ago", nl: "vier mijlpaal #{id} ({what}) met een cadeau of compliment, {days} geleden" }
    SaidCadenceSince { en: "appreciate {name}: {days} since the last gift or compliment (cadence {cadence})", nl: "waardeer {name}: {days} sinds het laatste cadeau of compliment (ritme {cadence})" }
    SaidCadenceNever { en: "appreciate {name}: no gift or compliment in {days} of history (cadence {cadence})", nl: "waardeer {name}: geen cadeau of compliment in {days} geschiedenis (ritme {cadence})" }
    SaidBudgetOver { en: "gifts to {name} in {year}: {spent} spent, over the yearly budget of {budget}", nl: "cadeaus aan {name} in {year}: {spent} uitgegeven, boven het jaarbudget van {budget}" }
    SaidBudgetClose { en: "gifts to {name} in {year}: {spent} spent, close to the yearly budget of {budget}", nl: "cadeaus aan {name} in {year}: {spent} uitgegeven, dicht bij het jaarbudget van {budget}" }
    SaidAnniversary { en: "{years} with {name} on {date}", nl: "{name} {years} klant op {date}" }
    SaidCommitmentDue { en: "commitment #{id} ({what}) for {name}{mark} due", nl: "afspraak #{id} ({what}) voor {name}{mark} moet af" }
    SaidArchivedMark { en: " (archived)", nl: " (gearchiveerd)" }
    SaidTurns { en: "{person} ({client}) turns {age} on {date}", nl: "{person} ({client}) wordt {age} op {date}" }
    SaidBirthday { en: "birthday of {person} ({client}) on {date}", nl: "verjaardag van {person} ({client}) op {date}" }
    SaidMarkedBy { en: ", marked by {kind} #{id}", nl: ", gevierd met {kind} #{id}" }
    SaidDeliver { en: "deliver #{id} ({what}) today", nl: "lever #{id} ({what}) vandaag op" }
    SaidInform { en: "tell {name} about incident #{id} today and explain it", nl: "vertel {name} vandaag over incident #{id} en leg het uit" }
    SaidResolve { en: "resolve incident #{id} ({what})", nl: "los incident #{id} ({what}) op" }
    SaidCompliment { en: "give {name} a sincere compliment", nl: "geef {name} een oprecht compliment" }
    SaidTouch { en: "get in touch with {name} with an idea of your own", nl: "neem contact op met {name} met een eigen idee" }
    ReportTitleMd { en: "relaties report — {period}", nl: "relaties-rapport — {period}" }
    ReportAsOfMd { en: "As of {as_of}.", nl: "Stand {as_of}." }
    ReportComingUpMd { en: "Coming up", nl: "Binnenkort" }
    ReportNothingMd { en: "Nothing.", nl: "Niets." }
    ReportNothingStandsOutMd { en: "Nothing stands out.", nl: "Niets springt eruit." }
    ReportMdHeader { en: "| Client | Appreciation | Trust | Passion | Overall | Band | Week | 12 weeks |", nl: "| Klant | Waardering | Vertrouwen | Passie | Totaal | Niveau | Week | 12 weken |" }
    PeriodWeek { en: "week {n}, {span}", nl: "week {n}, {span}" }

    // ---- the words of score --explain ----
    WhyStart { en: "neutral start, before any evidence", nl: "neutrale start, voor enig bewijs" }
    WhyToday { en: "today", nl: "vandaag" }
    WhyAgo { en: "{days} ago", nl: "{days} geleden" }
    WhyGift { en: "gift #{id} ({what}), {ago}", nl: "cadeau #{id} ({what}), {ago}" }
    WhyCompliment { en: "compliment #{id}, {ago}", nl: "compliment #{id}, {ago}" }
    WhyRhythm { en: "a gift or compliment in {periods} of cadence {cadence} days", nl: "een cadeau of compliment in {periods} van het ritme van {cadence} dagen" }
    WhyNeglect { en: "{days} of work without a gift or compliment in the cadence before (cadence {cadence} days)", nl: "{days} werk zonder cadeau of compliment in het ritme ervoor (ritme {cadence} dagen)" }
    WhyMilestone { en: "milestone #{id} ({what}) not marked with a gift or compliment", nl: "mijlpaal #{id} ({what}) niet gevierd met een cadeau of compliment" }
    WhyQuality { en: ", quality {q}/5", nl: ", kwaliteit {q}/5" }
    WhyKept { en: "commitment #{id} ({what}) delivered on time{quality}", nl: "afspraak #{id} ({what}) op tijd nagekomen{quality}" }
    WhyLate { en: "commitment #{id} ({what}) delivered {days} late{quality}", nl: "afspraak #{id} ({what}) {days} te laat nagekomen{quality}" }
    WhyMissed { en: "commitment #{id} ({what}) missed", nl: "afspraak #{id} ({what}) gemist" }
    WhyOverdue { en: "commitment #{id} ({what}) open and {days} overdue", nl: "afspraak #{id} ({what}) open en {days} over tijd" }
    WhyPromptly { en: "informed promptly", nl: "direct ingelicht" }
    WhyInformedAfter { en: "informed after {days}", nl: "ingelicht na {days}" }
    WhyNotInformed { en: "client not informed", nl: "klant niet ingelicht" }
    WhyExplained { en: "explained", nl: "uitgelegd" }
    WhySolution { en: "solution offered", nl: "oplossing geboden" }
    WhyResolved { en: "resolved {ago}", nl: "opgelost, {ago}" }
    WhyStillOpen { en: "still open", nl: "nog open" }
    WhyHidden { en: "hidden and open for {days}", nl: "{days} verzwegen en open" }
    WhyIncident { en: "incident #{id} ({what}, {severity}, {cause}): {how}", nl: "incident #{id} ({what}, {severity}, {cause}): {how}" }
    WhyTouch { en: "touch #{id}, {ago}: energy {energy}{proactive}", nl: "contact #{id}, {ago}: energie {energy}{proactive}" }
    WhyEnergyNone { en: "not given (3)", nl: "niet opgegeven (3)" }
    WhyProactive { en: ", proactive", nl: ", op eigen initiatief" }
    WhyLowEnergy { en: "your energy averaged {mean}/5 over the last {touches} touches", nl: "je energie was gemiddeld {mean}/5 over de laatste {touches} contactmomenten" }
    WhySilence { en: "{days} without contact", nl: "{days} zonder contact" }
    WhyCurve { en: "the curve that keeps scores within 0-100 (the rules add up to {rules})", nl: "de curve die scores binnen 0-100 houdt (de regels tellen op tot {rules})" }
    ExplainHead { en: "{name} (#{id}) as of {as_of}", nl: "{name} (#{id}) per {as_of}" }
    ExplainTotal { en: "total", nl: "totaal" }
    ExplainOverall { en: "overall: {overall} ({band}), trend {trend}", nl: "totaal: {overall} ({band}), trend {trend}" }
    LeftOut1 { en: "left out: {n} entry dated after {as_of}", nl: "weggelaten: {n} regel van na {as_of}" }
    LeftOutN { en: "left out: {n} entries dated after {as_of}", nl: "weggelaten: {n} regels van na {as_of}" }
    HistoryHead { en: "{name} (#{id}), weekly from {first} to {last}", nl: "{name} (#{id}), per week van {first} tot {last}" }
    NoClientsToScore { en: "no active clients to score", nl: "geen actieve klanten om te scoren" }

    // ---- lists ----
    NothingFound { en: "nothing found", nl: "niets gevonden" }
    NothingInNext { en: "nothing in the next {days}", nl: "niets in de komende {days}" }
    NoClientsYet { en: "no clients yet; add one with `relaties client add NAME`", nl: "nog geen klanten; voeg er een toe met `relaties client add NAAM`" }
    CardCadence { en: "every {n} days", nl: "elke {n} dagen" }
    CardScores { en: "appreciation {a} · trust {t} · passion {p} · overall {o} ({band}, {trend} this week)", nl: "waardering {a} · vertrouwen {t} · passie {p} · totaal {o} ({band}, {trend} deze week)" }
    CardPeople { en: "People", nl: "Mensen" }
    CardOpenCommitments { en: "Open commitments", nl: "Open afspraken" }
    CardOpenIncidents { en: "Open incidents", nl: "Open incidenten" }
    CardRecent { en: "Recent entries", nl: "Recente regels" }
    ArchivedMark { en: "(archived)", nl: "(gearchiveerd)" }

    Welcome { en: "relaties keeps a ledger of what you do for and with each client, and scores every\nrelationship on appreciation, trust and passion.\n\nThere is no ledger at {path} yet. To start:\n\n  relaties demo                       see the weekly report of a sample ledger\n  relaties client add \"ACME B.V.\"    add your first client\n  relaties --help                     every command\n", nl: "relaties houdt bij wat je voor en met elke klant doet, en geeft elke relatie een\nscore voor waardering, vertrouwen en passie.\n\nEr is nog geen grootboek in {path}. Om te beginnen:\n\n  relaties demo                       bekijk het weekrapport van een voorbeeld\n  relaties client add \"ACME B.V.\"    voeg je eerste klant toe\n  relaties --help                     alle opdrachten\n" }

    // ---- an entry's summary in lists ----
    EntryFor { en: "for {reason}", nl: "voor {reason}" }
    EntryEnergy { en: "energy {n}", nl: "energie {n}" }
    EntryProactive { en: "proactive", nl: "op eigen initiatief" }
    EntryDelivered { en: "{status}, delivered {date}, due {due}", nl: "{status}, opgeleverd {date}, uiterlijk {due}" }
    EntryMissed { en: "missed {date}, due {due}", nl: "gemist {date}, uiterlijk {due}" }
    EntryOpenDue { en: "open, due {due}", nl: "open, uiterlijk {due}" }
    EntryQuality { en: "quality {q}", nl: "kwaliteit {q}" }
    EntryInformed { en: "informed {date}", nl: "ingelicht {date}" }
    EntryNotInformed { en: "client not informed", nl: "klant niet ingelicht" }
    EntryResolved { en: "resolved {date}", nl: "opgelost {date}" }
    EntryOpen { en: "open", nl: "open" }
    EntryVoid { en: "VOID", nl: "VERVALLEN" }
    // ---- the calendar ----
    IcsBirthday { en: "Birthday of {person} ({client})", nl: "Verjaardag van {person} ({client})" }
}}

/// A fixed word as a Dutch screen shows it: table headers, card fields and the words of the
/// fixed vocabularies (kinds, statuses, causes, severities, channels, occasions, bands,
/// sources). None for a word that is not one of them (data: shown as it is).
pub fn word_nl(en: &str) -> Option<&'static str> {
    Some(match en {
        // headers and card fields
        "date" => "datum",
        "client" => "klant",
        "kind" => "soort",
        "what" => "wat",
        "agreed" => "gemaakt",
        "due" => "uiterlijk",
        "closed" => "klaar",
        "cause" => "oorzaak",
        "severity" => "ernst",
        "informed" => "ingelicht",
        "resolved" => "opgelost",
        "name" => "naam",
        "tags" => "labels",
        "since" => "sinds",
        "cadence" => "ritme",
        "key" => "instelling",
        "value" => "waarde",
        "source" => "bron",
        "appreciation" => "waardering",
        "trust" => "vertrouwen",
        "passion" => "passie",
        "overall" => "totaal",
        "band" => "niveau",
        "appr." => "waard.",
        "pass." => "pass.",
        "12 weeks" => "12 weken",
        "as_of" => "datum",
        "phone" => "telefoon",
        "note" => "notitie",
        "entries" => "regels",
        "scores" => "scores",
        "e-mail" => "e-mail",
        "role" => "rol",
        "birthday" => "verjaardag",
        "email" => "e-mail",
        "by" => "door",
        "changed by" => "gewijzigd door",
        "unknown" => "onbekend",
        // kinds
        "gift" => "cadeau",
        "milestone" => "mijlpaal",
        "touch" => "contact",
        "commitment" => "afspraak",
        // statuses
        "kept" => "nagekomen",
        "late" => "te laat",
        "missed" => "gemist",
        "overdue" => "verlopen",
        "active" => "actief",
        "archived" => "gearchiveerd",
        // causes, severities
        "own" => "eigen",
        "third-party" => "derden",
        "force-majeure" => "overmacht",
        "minor" => "klein",
        "major" => "groot",
        "critical" => "kritiek",
        // channels, occasions, coming up
        "call" => "telefoon",
        "meeting" => "overleg",
        "visit" => "bezoek",
        "message" => "bericht",
        "other" => "anders",
        "holiday" => "feestdag",
        "anniversary" => "jubileum",
        "thanks" => "bedankje",
        "commitment-due" => "afspraak",
        // bands, config sources
        "strong" => "sterk",
        "at-risk" => "risico",
        "set" => "ingesteld",
        "default" => "standaard",
        _ => return None,
    })
}

/// A holiday's name on a Dutch screen: the English default names in Dutch; a name the user
/// typed stays as typed.
pub fn holiday_nl(name: &str) -> &str {
    match name {
        "Christmas" => "Kerstmis",
        "Christmas Eve" => "Kerstavond",
        "Boxing Day" => "Tweede Kerstdag",
        "New Year's Day" => "Nieuwjaarsdag",
        "New Year's Eve" => "Oudejaarsavond",
        "Easter" => "Pasen",
        "King's Day" => "Koningsdag",
        "Valentine's Day" => "Valentijnsdag",
        "Saint Nicholas" | "St Nicholas" => "Sinterklaas",
        _ => name,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_screen_message_exists_in_both_languages() {
        crate::i18n::tests::check_catalogue(super::Msg::ALL);
    }
}
