//! The screens in Dutch (#16): every screen of `screens.rs` again with `--lang nl`, held to
//! the same rules (no line wider than the terminal, fixed words whole) and snapshotted; no
//! Dutch line left in English; `--json` and pipe output the same bytes in both languages.

use std::collections::HashSet;

use crate::screens::{AS_OF, CJK, LONG, SCREENS, assert_fits, ledger, screen};
use crate::support::Ledger;

/// The screens of `screens.rs`, and the report in markdown and a score's history.
fn screens() -> Vec<(&'static str, Vec<&'static str>)> {
    let mut all: Vec<(&str, Vec<&str>)> = SCREENS.iter().map(|(n, a)| (*n, a.to_vec())).collect();
    all.push((
        "report_markdown",
        vec!["report", "--as-of", AS_OF, "--format", "markdown"],
    ));
    all.push((
        "score_history",
        vec![
            "score",
            "Boekhandel",
            "--history",
            "--weeks",
            "8",
            "--as-of",
            AS_OF,
        ],
    ));
    all
}

fn with_lang<'a>(lang: &'a str, args: &[&'a str]) -> Vec<&'a str> {
    let mut v = vec!["--lang", lang];
    v.extend_from_slice(args);
    v
}

/// Dutch words that must never be split across lines (or cut) wherever they are shown.
const WHOLE_NL: &[&str] = &[
    "2026-08-31",
    "2026-11-20",
    "overmacht",
    "kritiek",
    "ernst",
    "verlopen",
    "risico",
    "149,95",
];

fn assert_whole_nl(name: &str, cols: usize, out: &str, wide: &str) {
    let cut_list = matches!(name, "timeline" | "score");
    for w in WHOLE_NL {
        if wide.contains(w) && !out.contains(w) {
            assert!(
                cut_list && out.contains('…'),
                "{name} at {cols}: {w:?} split or cut:\n{out}"
            );
        }
    }
    assert!(
        !out.lines()
            .any(|l| l.trim_end_matches([' ', '│', '┆']).ends_with("2026-")),
        "{name} at {cols}: a date split:\n{out}"
    );
}

#[test]
fn every_dutch_screen_at_80_and_120_columns() {
    let l = ledger();
    for (name, args) in screens() {
        let args = with_lang("nl", &args);
        let Some(wide) = screen(&l.path, 400, &args, false) else {
            return;
        };
        for cols in [80, 120] {
            let Some(out) = screen(&l.path, cols, &args, false) else {
                return;
            };
            if name != "report_markdown" {
                assert_fits(name, cols, &out);
            }
            assert_whole_nl(name, cols, &out, &wide);
            insta::assert_snapshot!(format!("nl_{name}_{cols}"), out);
        }
    }
}

#[test]
fn no_dutch_screen_is_wider_than_the_terminal_at_any_width() {
    let l = ledger();
    for (name, args) in screens() {
        if name == "report_markdown" {
            continue;
        }
        let args = with_lang("nl", &args);
        let Some(wide) = screen(&l.path, 400, &args, false) else {
            return;
        };
        for cols in [40, 41, 47, 55, 63, 72, 99, 150, 250] {
            let Some(out) = screen(&l.path, cols, &args, false) else {
                return;
            };
            assert_fits(name, cols, &out);
            assert_whole_nl(name, cols, &out, &wide);
        }
    }
}

/// Everything `ledger()` holds that a screen shows as typed: names, descriptions, contacts,
/// tags, holiday names, setting keys and values.
const DATA: &[&str] = &[
    LONG,
    CJK,
    "Café de Zon",
    "ACME B.V.",
    "Maria van den Berg-Hoogendijk",
    "山田太郎",
    "retail drukwerk horeca design",
    "Huisstijlhandboek in linnen band met goudopdruk",
    "Altijd vriendelijk en op tijd betaald",
    "打ち合わせ",
    "Nieuwe huisstijl en drukproeven voor alle vestigingen opleveren",
    "Quarterly report",
    "Menukaarten met verkeerde prijzen gedrukt en bezorgd",
    "納品遅延",
    "Sinterklaas Kerstmis EUR",
    "weight.appreciation weight.trust weight.passion band.strong band.ok",
    "decay.half_life_days cadence.default_days currency.default gift.yearly_budget occasions",
];

/// Words that are the same in both languages.
const SAME: &[&str] = &[
    "ok",
    "open",
    "id",
    "status",
    "incident",
    "compliment",
    "contact",
    "trend",
    "week",
    "scores",
    "e",
    "mail",
    "d",
];

/// The words of a line that are neither data (or a cut part of it) nor the same in Dutch.
fn words_not_data(line: &str, data: &HashSet<String>) -> Vec<String> {
    line.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .filter(|w| {
            !SAME.contains(&w.as_str())
                && !data.contains(w)
                && !data.iter().any(|d| d.starts_with(w.as_str()))
        })
        .collect()
}

#[test]
fn no_dutch_line_is_left_in_english() {
    let data: HashSet<String> = DATA
        .iter()
        .flat_map(|s| s.split(|c: char| !c.is_alphabetic()))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let l = ledger();
    for (name, args) in screens() {
        let (Some(en), Some(nl)) = (
            screen(&l.path, 120, &with_lang("en", &args), false),
            screen(&l.path, 120, &with_lang("nl", &args), false),
        ) else {
            return;
        };
        assert_ne!(en, nl, "{name}: the same in both languages");
        let english: HashSet<&str> = en.lines().collect();
        for line in nl.lines().filter(|l| english.contains(l)) {
            let words = words_not_data(line, &data);
            assert!(
                words.is_empty(),
                "{name}: a Dutch line is the English one, with the words {words:?}:\n{line}\n\n{nl}"
            );
        }
    }
}

/// What a script reads: JSON and tab-separated lines, the same bytes in both languages.
#[test]
fn json_and_pipes_are_the_same_in_both_languages() {
    let l = ledger();
    let commands: &[&[&str]] = &[
        &["report", "--as-of", AS_OF],
        &["report", "--as-of", AS_OF, "--format", "csv"],
        &["score", "--as-of", AS_OF],
        &["score", "cafe", "--as-of", AS_OF, "--explain"],
        &[
            "score",
            "Boekhandel",
            "--history",
            "--weeks",
            "8",
            "--as-of",
            AS_OF,
        ],
        &["timeline"],
        &["commitments"],
        &["incidents"],
        &["upcoming", "--as-of", AS_OF],
        &["client", "list"],
        &["config", "list"],
        &[],
    ];
    for args in commands {
        for json in [false, true] {
            let mut a: Vec<&str> = args.to_vec();
            if json {
                a.push("--json");
            }
            let run = |lang: &str| {
                let r = l.run_env(
                    true,
                    &[
                        ("RELATIES_TODAY", "2026-11-30".as_ref()),
                        ("RELATIES_LANG", lang.as_ref()),
                        ("LANG", "C".as_ref()),
                    ],
                    &a,
                );
                assert_eq!(r.code, 0, "{a:?}: {}", r.stderr);
                r.stdout
            };
            let (en, nl) = (run("en"), run("nl"));
            assert!(!en.is_empty(), "{a:?}");
            assert_eq!(en, nl, "{a:?} differs between the languages");
        }
    }
}

/// Christmas, a default holiday, is Kerstmis on a Dutch screen; a name the user typed is
/// shown as typed; an anniversary reads "5 jaar klant".
#[test]
fn holidays_and_anniversaries_in_dutch() {
    let l = Ledger::new();
    l.ok(&["client", "add", "ACME B.V.", "--since", "2021-12-27"]);
    l.ok(&[
        "config",
        "set",
        "occasions",
        "Christmas 25 dec, Christmas party 23 dec",
    ]);
    let Some(out) = screen(
        &l.path,
        100,
        &["--lang", "nl", "report", "--as-of", "2026-12-20"],
        false,
    ) else {
        return;
    };
    assert!(out.contains("vr 25 dec  Kerstmis"), "{out}");
    assert!(out.contains("wo 23 dec  Christmas party"), "{out}");
    assert!(out.contains("ACME B.V. 5 jaar klant op 27 dec"), "{out}");
    assert!(
        out.contains("week 51, 14–20 dec 2026") || out.contains("14–20 dec 2026"),
        "{out}"
    );
    let Some(en) = screen(
        &l.path,
        100,
        &["--lang", "en", "report", "--as-of", "2026-12-20"],
        false,
    ) else {
        return;
    };
    assert!(en.contains("Fri 25 Dec  Christmas\n"), "{en}");
}

/// Money on a Dutch screen: `€ 1.234,56`; one of something is singular.
#[test]
fn dutch_money_and_plurals_in_the_report() {
    let l = Ledger::new();
    l.ok(&["client", "add", "ACME B.V."]);
    l.ok(&[
        "log-gift",
        "ACME",
        "Kerstpakket",
        "--cost",
        "1234,56",
        "--date",
        "2026-11-25",
    ]);
    l.ok(&[
        "log-compliment",
        "ACME",
        "Goed werk",
        "--date",
        "2026-11-26",
    ]);
    let Some(out) = screen(
        &l.path,
        100,
        &["--lang", "nl", "report", "--as-of", AS_OF],
        false,
    ) else {
        return;
    };
    assert!(
        out.contains("1 cadeau (€ 1.234,56) · 1 compliment · 0 mijlpalen · 0 contactmomenten"),
        "{out}"
    );
    let md = l.ok(&[
        "--lang", "nl", "report", "--as-of", AS_OF, "--format", "markdown",
    ]);
    assert!(
        md.starts_with("# relaties-rapport — 20–26 nov 2026\n"),
        "{md}"
    );
    assert!(md.contains("€ 1.234,56"), "{md}");
    assert!(md.contains("| Klant | Waardering |"), "{md}");
}

/// `relaties` alone without a ledger: the welcome in Dutch; the same without `--lang`.
#[test]
fn the_welcome_in_dutch() {
    let l = Ledger::new();
    let nl = l.ok(&["--lang", "nl"]);
    assert!(nl.contains("Er is nog geen grootboek in "), "{nl}");
    assert!(nl.contains("voeg je eerste klant toe"), "{nl}");
    let en = l.ok(&["--lang", "en"]);
    assert!(en.contains("There is no ledger at "), "{en}");
}

/// The bands are translated inside their colour codes: colour moves no border in Dutch.
#[test]
fn colour_never_moves_a_dutch_border() {
    let l = ledger();
    for args in [
        &["--lang", "nl", "score", "--as-of", AS_OF][..],
        &["--lang", "nl", "report", "--as-of", AS_OF],
    ] {
        let (Some(plain), Some(coloured)) = (
            screen(&l.path, 80, args, false),
            screen(&l.path, 80, args, true),
        ) else {
            return;
        };
        assert!(
            coloured.contains("\x1b[31mrisico\x1b[0m"),
            "{args:?}:\n{coloured}"
        );
        let stripped: Vec<usize> = coloured.lines().map(relaties::render::width).collect();
        let widths: Vec<usize> = plain.lines().map(relaties::render::width).collect();
        assert_eq!(stripped, widths, "{args:?}:\n{coloured}");
    }
}
