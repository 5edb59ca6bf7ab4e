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
    StatusOverdue { en: "overdue", nl: "over tijd" }

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
}}
