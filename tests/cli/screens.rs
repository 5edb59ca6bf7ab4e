//! Every table and the report as a person sees them: on a pseudo-terminal (util-linux
//! `script`) of a given width, with long, accented and wide (CJK) names. The screens at 80
//! and 120 columns are snapshots (tests/cli/snapshots/, reviewed by eye); at other widths
//! the rules are checked: no line wider than the terminal, fixed words never split.

use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use crate::support::{Ledger, have, skip};

pub(crate) const AS_OF: &str = "2026-11-26";
pub(crate) const LONG: &str = "Boekhandel De Vries & Zonen Huisstijl en Drukwerk Utrecht";
pub(crate) const CJK: &str = "東京デザイン株式会社";

/// A ledger with names and texts that strain a screen (made once, copied per test).
pub(crate) fn ledger() -> Ledger {
    static TEMPLATE: OnceLock<Ledger> = OnceLock::new();
    TEMPLATE
        .get_or_init(|| {
            let l = Ledger::new();
            l.ok(&[
                "client",
                "add",
                LONG,
                "--contact",
                "Maria van den Berg-Hoogendijk",
                "--tag",
                "retail",
                "--tag",
                "drukwerk",
                "--since",
                "2020-11-27",
                "--cadence",
                "30",
            ]);
            l.ok(&[
                "client",
                "add",
                "Café de Zon",
                "--tag",
                "horeca",
                "--since",
                "2025-01-05",
            ]);
            l.ok(&[
                "client",
                "add",
                CJK,
                "--contact",
                "山田太郎",
                "--tag",
                "design",
            ]);
            l.ok(&["client", "add", "ACME B.V.", "--since", "2021-12-03"]);
            l.ok(&[
                "log-gift",
                "Boekhandel",
                "Huisstijlhandboek in linnen band met goudopdruk",
                "--cost",
                "149,95",
                "--occasion",
                "milestone",
                "--date",
                "2026-08-31",
            ]);
            l.ok(&[
                "log-compliment",
                "cafe",
                "Altijd vriendelijk en op tijd betaald",
                "--date",
                "2026-11-23",
            ]);
            l.ok(&[
                "log-touch",
                "東京",
                "打ち合わせ",
                "--channel",
                "meeting",
                "--energy",
                "5",
                "--proactive",
                "--date",
                "2026-11-24",
            ]);
            l.ok(&[
                "promise",
                "Boekhandel",
                "Nieuwe huisstijl en drukproeven voor alle vestigingen opleveren",
                "--due",
                "2026-11-20",
                "--date",
                "2026-10-01",
            ]);
            l.ok(&[
                "promise",
                "ACME",
                "Quarterly report",
                "--due",
                "2026-11-30",
                "--date",
                "2026-11-02",
            ]);
            l.ok(&[
                "log-incident",
                "cafe",
                "Menukaarten met verkeerde prijzen gedrukt en bezorgd",
                "--cause",
                "force-majeure",
                "--severity",
                "critical",
                "--date",
                "2026-11-10",
            ]);
            l.ok(&[
                "log-incident",
                "東京",
                "納品遅延",
                "--cause",
                "own",
                "--severity",
                "minor",
                "--date",
                "2026-11-12",
                "--informed",
                "2026-11-12",
                "--explained",
            ]);
            l.ok(&[
                "config",
                "set",
                "occasions",
                "Sinterklaas 5 december, Kerstmis 25 dec",
            ]);
            l
        })
        .copy()
}

/// What `relaties ARGS` shows on a terminal `cols` wide (stdout and stderr both).
pub(crate) fn screen(db: &Path, cols: usize, args: &[&str], color: bool) -> Option<String> {
    if !have("script") {
        skip(
            "screens",
            "util-linux `script` is needed for a pseudo-terminal",
        );
        return None;
    }
    let quoted: Vec<String> = args
        .iter()
        .map(|a| format!("'{}'", a.replace('\'', r"'\''")))
        .collect();
    let cmd = format!(
        r#"exec "$RELATIES_TEST_BIN" --db "$RELATIES_TEST_DB" {}"#,
        quoted.join(" ")
    );
    let mut c = Command::new("script");
    c.args(["--quiet", "--return", "--command", &cmd, "/dev/null"])
        .env("SHELL", "/bin/sh")
        .env("RELATIES_TEST_BIN", env!("CARGO_BIN_EXE_relaties"))
        .env("RELATIES_TEST_DB", db)
        .env("COLUMNS", cols.to_string())
        // The screens show "today", "overdue" and this week's move: the same every day.
        .env("RELATIES_TODAY", "2026-11-30")
        .env("TERM", "xterm-256color")
        .env("RUST_BACKTRACE", "1")
        .env("HOME", "/nonexistent-home-for-tests")
        .env_remove("RELATIES_DB")
        .env_remove("XDG_DATA_HOME")
        .stdin(Stdio::null());
    if color {
        c.env_remove("NO_COLOR");
    } else {
        c.env("NO_COLOR", "1");
    }
    let out = c.output().expect("script runs");
    let shown = String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n");
    assert!(
        out.status.success(),
        "{args:?} failed on a terminal:\n{shown}"
    );
    Some(shown)
}

/// Every screen, by name.
pub(crate) const SCREENS: &[(&str, &[&str])] = &[
    ("client_list", &["client", "list"]),
    ("client_show", &["client", "show", "Boekhandel"]),
    ("commitments", &["commitments"]),
    ("incidents", &["incidents"]),
    ("timeline", &["timeline"]),
    ("upcoming", &["upcoming", "--as-of", AS_OF]),
    ("score", &["score", "--as-of", AS_OF]),
    (
        "score_explain",
        &["score", "cafe", "--as-of", AS_OF, "--explain"],
    ),
    ("config_list", &["config", "list"]),
    ("report", &["report", "--as-of", AS_OF]),
];

/// Words that must never be split across lines (or cut) wherever they are shown.
const WHOLE: &[&str] = &[
    "2026-08-31",
    "2026-11-20",
    "force-majeure",
    "critical",
    "severity",
    "overdue",
    "at-risk",
    "149.95",
];

pub(crate) fn assert_fits(name: &str, cols: usize, out: &str) {
    for l in out.lines() {
        let w = relaties::render::width(l);
        assert!(
            w <= cols,
            "{name} at {cols}: a line {w} wide:\n{l}\n\n{out}"
        );
    }
}

/// The fixed words `ledger()` shows on this screen, found whole. In the one-line-per-row
/// lists (timeline, scores) a free-text cell is cut with `…`, and a date inside a description
/// may go with it; nowhere is a word split over two lines.
fn assert_whole(name: &str, cols: usize, out: &str, wide: &str) {
    let cut_list = matches!(name, "timeline" | "score");
    for w in WHOLE {
        if wide.contains(w) && !out.contains(w) {
            assert!(
                cut_list && out.contains('…'),
                "{name} at {cols}: {w:?} split or cut:\n{out}"
            );
        }
    }
    for w in ["2026-", "force-", "at-"] {
        assert!(
            !out.lines()
                .any(|l| l.trim_end_matches([' ', '│', '┆']).ends_with(w)),
            "{name} at {cols}: a word split after {w:?}:\n{out}"
        );
    }
}

#[test]
fn every_screen_at_80_and_120_columns() {
    let l = ledger();
    for (name, args) in SCREENS {
        // What the screen holds when nothing constrains it.
        let Some(wide) = screen(&l.path, 400, args, false) else {
            return;
        };
        for cols in [80, 120] {
            let Some(out) = screen(&l.path, cols, args, false) else {
                return;
            };
            assert_fits(name, cols, &out);
            assert_whole(name, cols, &out, &wide);
            insta::assert_snapshot!(format!("{name}_{cols}"), out);
        }
    }
}

#[test]
fn no_screen_is_wider_than_the_terminal_at_any_width() {
    let l = ledger();
    for (name, args) in SCREENS {
        let Some(wide) = screen(&l.path, 400, args, false) else {
            return;
        };
        for cols in [40, 41, 47, 55, 63, 72, 99, 150, 250] {
            let Some(out) = screen(&l.path, cols, args, false) else {
                return;
            };
            assert_fits(name, cols, &out);
            assert_whole(name, cols, &out, &wide);
        }
    }
}

#[test]
fn colour_never_moves_a_border() {
    let l = ledger();
    for args in [
        &["score", "--as-of", AS_OF][..],
        &["report", "--as-of", AS_OF],
    ] {
        let (Some(plain), Some(coloured)) = (
            screen(&l.path, 80, args, false),
            screen(&l.path, 80, args, true),
        ) else {
            return;
        };
        assert!(
            coloured.contains("\x1b["),
            "{args:?}: no colour\n{coloured}"
        );
        assert_fits("coloured", 80, &coloured);
        let stripped: Vec<usize> = coloured.lines().map(relaties::render::width).collect();
        let widths: Vec<usize> = plain.lines().map(relaties::render::width).collect();
        assert_eq!(stripped, widths, "{args:?}:\n{coloured}");
    }
    // Forced colour into a pipe: the page keeps its alignment too.
    let out = l.ok(&[
        "report", "--as-of", AS_OF, "--format", "table", "--color", "always",
    ]);
    assert!(out.contains("\x1b["));
    let table: Vec<usize> = out
        .lines()
        .filter(|x| x.starts_with('│') || x.starts_with('┌'))
        .map(relaties::render::width)
        .collect();
    assert!(table.windows(2).all(|w| w[0] == w[1]), "{out}");
}

#[test]
fn the_report_score_table_fits_80_columns_with_any_name() {
    let l = ledger();
    let name = "X".repeat(200);
    l.ok(&["client", "add", &name]);
    let Some(out) = screen(&l.path, 80, &["report", "--as-of", AS_OF], false) else {
        return;
    };
    assert_fits("report", 80, &out);
    assert!(out.contains("XXXXXXXX…"), "{out}");
}
