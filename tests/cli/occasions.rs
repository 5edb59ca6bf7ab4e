//! Calendars and occasions (#15): the `occasions` setting with month names, numbers that read
//! one way only and movable Dutch feasts; and the ICS export's to-dos keeping their UID while
//! they are edited, delivered, missed or voided.

use std::collections::BTreeSet;

use chrono::{Datelike, Days, NaiveDate};
use serde_json::{Value, json};

use crate::support::{Ledger, have, skip};

/// Easter Sunday (Gregorian), from published tables.
const EASTER: [(i32, u32, u32); 17] = [
    (2024, 3, 31),
    (2025, 4, 20),
    (2026, 4, 5),
    (2027, 3, 28),
    (2028, 4, 16),
    (2029, 4, 1),
    (2030, 4, 21),
    (2031, 4, 13),
    (2032, 3, 28),
    (2033, 4, 17),
    (2034, 4, 9),
    (2035, 3, 25),
    (2036, 4, 13),
    (2037, 4, 5),
    (2038, 4, 25),
    (2039, 4, 10),
    (2040, 4, 1),
];

const FEASTS: &str = "Pasen, 2e Paasdag, Hemelvaartsdag, Pinksteren, 2e Pinksterdag, Koningsdag";

/// Each feast of `FEASTS` in `year`, by name, from the table (King's Day by its Sunday rule).
fn feasts_in(year: i32) -> Vec<(NaiveDate, &'static str)> {
    let (_, m, d) = EASTER
        .iter()
        .find(|(y, _, _)| *y == year)
        .unwrap_or_else(|| panic!("extend the Easter table to {year}"));
    let easter = NaiveDate::from_ymd_opt(year, *m, *d).expect("date");
    let plus = |n| easter.checked_add_days(Days::new(n)).expect("date");
    let apr27 = NaiveDate::from_ymd_opt(year, 4, 27).expect("date");
    let kings = if apr27.weekday() == chrono::Weekday::Sun {
        apr27.pred_opt().expect("date")
    } else {
        apr27
    };
    vec![
        (easter, "Pasen"),
        (plus(1), "2e Paasdag"),
        (plus(39), "Hemelvaartsdag"),
        (plus(49), "Pinksteren"),
        (plus(50), "2e Pinksterdag"),
        (kings, "Koningsdag"),
    ]
}

fn holidays(v: &Value) -> Vec<(String, String)> {
    v.as_array()
        .expect("array")
        .iter()
        .filter(|u| u["kind"] == "holiday")
        .map(|u| {
            (
                u["date"].as_str().expect("date").to_string(),
                u["message"].as_str().expect("message").to_string(),
            )
        })
        .collect()
}

fn ledger() -> Ledger {
    let l = Ledger::new();
    l.client("ACME B.V.");
    l
}

#[test]
fn occasions_take_month_names_and_numbers_that_read_one_way() {
    let l = ledger();
    let out = l.ok(&[
        "config",
        "set",
        "occasions",
        "Sinterklaas 5 dec, Kerst 25 December, Dag van de Arbeid 1 mei, Halloween oct 31, \
         Oudjaar 12-31, Boxing Day 26-12, Dierendag 4 okt.",
    ]);
    let shown = "Sinterklaas 5 dec, Kerst 25 dec, Dag van de Arbeid 1 may, Halloween 31 oct, \
                 Oudjaar 31 dec, Boxing Day 26 dec, Dierendag 4 oct";
    assert_eq!(out, format!("occasions set to {shown}\n"));
    assert_eq!(l.ok(&["config", "get", "occasions"]), format!("{shown}\n"));
    let list = l.ok(&["config", "list"]);
    assert!(list.contains(&format!("occasions\t{shown}\tset")), "{list}");
    // Programs read the stored form, month first, as before.
    let stored = "Sinterklaas 12-05, Kerst 12-25, Dag van de Arbeid 05-01, Halloween 10-31, \
                  Oudjaar 12-31, Boxing Day 12-26, Dierendag 10-04";
    assert_eq!(l.json(&["config", "list"])["occasions"], stored);
    assert_eq!(
        l.json(&["config", "get", "occasions"]),
        json!({"key": "occasions", "value": stored})
    );
    let set = l.json(&["config", "set", "occasions", "Sinterklaas 5 dec"]);
    assert_eq!(
        set,
        json!({"key": "occasions", "value": "Sinterklaas 12-05"})
    );
}

#[test]
fn a_number_that_reads_two_ways_is_refused_with_both_readings() {
    let l = ledger();
    l.ok(&["config", "set", "occasions", "Kerst 25 dec"]);
    for (given, readings) in [
        ("Sinterklaas 05-12", ["5 dec", "12 may"]),
        ("Kerst 25 dec, Sinterklaas 12-05", ["12 may", "5 dec"]),
        ("Feest 3/4", ["3 apr", "4 mar"]),
    ] {
        let err = l.fails_unchanged(&["config", "set", "occasions", given], 2);
        assert!(err.contains("occasions"), "{err}");
        assert!(err.contains("reads two ways"), "{err}");
        for r in readings {
            assert!(err.contains(r), "{given}: {r} missing in {err}");
        }
    }
    for bad in [
        "Kerst 32 dec",
        "Kerst 30-02",
        "Kerst",
        "25 dec",
        "Kerst 25 dex",
        "Kerst 25 dec,",
    ] {
        let err = l.fails_unchanged(&["config", "set", "occasions", bad], 2);
        assert!(err.contains("occasions"), "{bad}: {err}");
    }
    assert_eq!(l.ok(&["config", "get", "occasions"]), "Kerst 25 dec\n");
}

#[test]
fn a_month_first_value_stored_by_an_earlier_version_keeps_working() {
    let l = ledger();
    rusqlite::Connection::open(&l.path)
        .expect("open")
        .execute(
            "INSERT INTO settings (key, value) VALUES ('occasions', ?1)",
            ["Sinterklaas 12-05, Koningsdag 04-27, Kerst 12-25"],
        )
        .expect("insert");
    assert_eq!(
        l.ok(&["config", "get", "occasions"]),
        "Sinterklaas 5 dec, Koningsdag 27 apr, Kerst 25 dec\n"
    );
    let up = l.json(&["upcoming", "--as-of", "2026-11-30", "--days", "30"]);
    assert_eq!(
        holidays(&up),
        [
            ("2026-12-05".to_string(), "Sinterklaas".to_string()),
            ("2026-12-25".to_string(), "Kerst".to_string()),
        ]
    );
    // A JSON export carries the stored form and imports back as it was.
    let doc = l.dir.path().join("ledger.json");
    l.ok(&[
        "export",
        "--format",
        "json",
        "-o",
        doc.to_str().expect("path"),
    ]);
    let other = Ledger::new();
    other.ok(&["import", doc.to_str().expect("path")]);
    assert_eq!(
        other.json(&["config", "get", "occasions"])["value"],
        "Sinterklaas 12-05, Koningsdag 04-27, Kerst 12-25"
    );
}

#[test]
fn movable_feasts_fall_on_their_date_every_year() {
    let l = ledger();
    l.ok(&["config", "set", "occasions", FEASTS]);
    assert_eq!(
        l.json(&["config", "list"])["occasions"],
        FEASTS,
        "a feast is stored by its name"
    );
    for year in [2025, 2026, 2027, 2038] {
        let up = l.json(&[
            "upcoming",
            "--as-of",
            &format!("{year}-01-01"),
            "--days",
            "364",
        ]);
        let mut want: Vec<(String, String)> = feasts_in(year)
            .into_iter()
            .map(|(d, n)| (d.to_string(), n.to_string()))
            .collect();
        want.sort();
        assert_eq!(holidays(&up), want, "{year}");
    }
    // Koningsdag 2025: the 27th is a Sunday, so the Saturday before.
    let up = l.json(&["upcoming", "--as-of", "2025-04-25", "--days", "3"]);
    assert_eq!(
        holidays(&up),
        [("2025-04-26".to_string(), "Koningsdag".to_string())]
    );
    // English names too, and the report's Coming up.
    l.ok(&[
        "config",
        "set",
        "occasions",
        "Easter, Ascension Day, Whit Sunday, King's Day",
    ]);
    let r = l.json(&["report", "--as-of", "2026-04-01"]);
    assert_eq!(
        holidays(&r["upcoming"]),
        [("2026-04-05".to_string(), "Easter".to_string())]
    );
    let text = l.ok(&["report", "--as-of", "2026-04-20"]);
    assert!(text.contains("2026-04-27\t\t\tKing's Day"), "{text}");
}

#[test]
fn movable_feasts_are_in_the_ics_export_on_their_dates() {
    let l = ledger();
    l.ok(&["config", "set", "occasions", FEASTS]);
    let text = l.ok(&["export", "--format", "ics"]);
    let today = chrono::Local::now().date_naive();
    let end = today.checked_add_days(Days::new(365)).expect("date");
    let mut want = BTreeSet::new();
    for year in today.year()..=end.year() {
        for (d, name) in feasts_in(year) {
            if d >= today && d <= end {
                let slug = name.to_lowercase().replace(' ', "-");
                want.insert(format!(
                    "DTSTART;VALUE=DATE:{}|UID:holiday-{slug}-{d}@relaties",
                    d.format("%Y%m%d")
                ));
            }
        }
    }
    let mut got = BTreeSet::new();
    for event in text.split("BEGIN:VEVENT\r\n").skip(1) {
        let line = |key: &str| {
            event
                .lines()
                .find(|l| l.starts_with(key))
                .unwrap_or_else(|| panic!("no {key} in {event}"))
                .trim_end()
                .to_string()
        };
        got.insert(format!("{}|{}", line("DTSTART"), line("UID:")));
    }
    assert_eq!(got, want);
    assert!(want.len() >= 6, "a year holds every feast once at least");
}

/// (UID, STATUS, DUE, COMPLETED) of every to-do in an ICS text.
fn todos(text: &str) -> Vec<(String, String, String, Option<String>)> {
    text.split("BEGIN:VTODO\r\n")
        .skip(1)
        .map(|t| {
            let t = t.split("END:VTODO").next().expect("todo");
            let get = |key: &str| {
                t.lines()
                    .find_map(|l| l.strip_prefix(key))
                    .map(|v| v.trim_end().to_string())
            };
            (
                get("UID:").expect("UID"),
                get("STATUS:").expect("STATUS"),
                get("DUE;VALUE=DATE:").expect("DUE"),
                get("COMPLETED:"),
            )
        })
        .collect()
}

#[test]
fn a_commitment_keeps_its_uid_through_edits_and_ends_completed_or_cancelled() {
    let l = ledger();
    l.client("Café de Zon");
    let site = l.promise("ACME", "Site", "2026-12-01", "2026-11-01");
    let menu = l.promise("Café", "Menu", "2026-12-10", "2026-11-02");
    let oops = l.promise("ACME", "Oops", "2026-12-12", "2026-11-03");
    let uid = |id: i64| format!("commitment-{id}@relaties");
    let row = |id: i64, status: &str, due: &str, completed: Option<&str>| {
        (
            uid(id),
            status.to_string(),
            due.to_string(),
            completed.map(str::to_string),
        )
    };
    let export = || todos(&l.ok(&["export", "--format", "ics"]));
    assert_eq!(
        export(),
        [
            row(site, "NEEDS-ACTION", "20261201", None),
            row(menu, "NEEDS-ACTION", "20261210", None),
            row(oops, "NEEDS-ACTION", "20261212", None),
        ]
    );

    // Edits change what it says and when it is due, never its UID.
    let s = site.to_string();
    l.ok(&["edit", &s, "--description", "New site", "--note", "v2"]);
    l.ok(&["edit", &s, "--client", "Café", "--date", "2026-11-05"]);
    l.ok(&[
        "reschedule",
        &s,
        "--due",
        "2026-12-20",
        "--date",
        "2026-11-20",
    ]);
    assert_eq!(
        export(),
        [
            row(menu, "NEEDS-ACTION", "20261210", None),
            row(oops, "NEEDS-ACTION", "20261212", None),
            row(site, "NEEDS-ACTION", "20261220", None),
        ]
    );

    // Delivered: completed on the delivery date; missed and void: cancelled.
    // (What happened cannot be dated after today: both are dated in the past.)
    l.ok(&["deliver", &s, "--date", "2026-11-28"]);
    l.ok(&["miss", &menu.to_string(), "--date", "2026-11-29"]);
    l.ok(&["void", &oops.to_string()]);
    assert_eq!(
        export(),
        [
            row(menu, "CANCELLED", "20261210", None),
            row(oops, "CANCELLED", "20261212", None),
            row(site, "COMPLETED", "20261220", Some("20261128T120000Z")),
        ]
    );
}

/// The export read by Python's `icalendar`, as calendar software reads it.
#[test]
fn python_icalendar_reads_the_export() {
    const TEST: &str = "python_icalendar_reads_the_export";
    if !have("python3") {
        return skip(TEST, "python3 is not installed");
    }
    let probe = std::process::Command::new("python3")
        .args(["-c", "import icalendar"])
        .output()
        .expect("python3 runs");
    if !probe.status.success() {
        return skip(
            TEST,
            "the Python module icalendar is missing (python3 -m pip install icalendar)",
        );
    }
    let l = ledger();
    l.ok(&["config", "set", "occasions", "Pasen, Sinterklaas 5 dec"]);
    let open = l.promise(
        "ACME",
        "Open, with; punctuation",
        "2026-12-01",
        "2026-11-01",
    );
    let kept = l.promise("ACME", "Kept", "2026-11-20", "2026-11-01");
    let missed = l.promise("ACME", "Missed", "2026-11-25", "2026-11-01");
    l.ok(&["deliver", &kept.to_string(), "--date", "2026-11-19"]);
    l.ok(&["miss", &missed.to_string(), "--date", "2026-11-26"]);
    let file = l.dir.path().join("relaties.ics");
    l.ok(&[
        "export",
        "--format",
        "ics",
        "-o",
        file.to_str().expect("path"),
    ]);
    let script = r#"
import sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
for c in cal.walk():
    if getattr(c, 'errors', None):
        print('ERRORS', c.name, c.errors)
for t in cal.walk('VTODO'):
    done = t.decoded('COMPLETED').date().isoformat() if 'COMPLETED' in t else '-'
    print('TODO', t['UID'], t['STATUS'], t.decoded('DUE').isoformat(), done, t['SUMMARY'])
for e in cal.walk('VEVENT'):
    print('EVENT', e['UID'], e.decoded('DTSTART').isoformat(), e['SUMMARY'])
"#;
    let out = std::process::Command::new("python3")
        .args(["-c", script])
        .arg(&file)
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "python: {stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!stdout.contains("ERRORS"), "{stdout}");
    let lines: Vec<&str> = stdout.lines().collect();
    let todo = |id: i64, rest: &str| format!("TODO commitment-{id}@relaties {rest}");
    assert_eq!(
        lines.iter().filter(|l| l.starts_with("TODO")).count(),
        3,
        "{stdout}"
    );
    for want in [
        todo(kept, "COMPLETED 2026-11-20 2026-11-19 ACME B.V.: Kept (#2)"),
        todo(missed, "CANCELLED 2026-11-25 - ACME B.V.: Missed (#3)"),
        todo(
            open,
            "NEEDS-ACTION 2026-12-01 - ACME B.V.: Open, with; punctuation (#1)",
        ),
    ] {
        assert!(lines.contains(&want.as_str()), "{want} not in {stdout}");
    }
    // Every event on the date its UID names; Pasen among them on its date.
    let today = chrono::Local::now().date_naive();
    let events: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| l.starts_with("EVENT"))
        .collect();
    assert!(!events.is_empty(), "{stdout}");
    for e in &events {
        let parts: Vec<&str> = e.split(' ').collect();
        assert!(
            parts[1].ends_with(&format!("-{}@relaties", parts[2])),
            "{e}"
        );
    }
    let pasen = feasts_in(today.year())
        .into_iter()
        .chain(feasts_in(today.year() + 1))
        .find(|(d, name)| *name == "Pasen" && *d >= today)
        .map(|(d, _)| d)
        .expect("an Easter ahead");
    let want = format!("EVENT holiday-pasen-{pasen}@relaties {pasen} Pasen");
    assert!(events.contains(&want.as_str()), "{want} not in {stdout}");
}
