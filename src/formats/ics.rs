//! iCalendar (RFC 5545) export: commitments as to-dos (open, completed or cancelled), upcoming
//! occasions as all-day events.
//!
//! The `icalendar` crate writes the text: it escapes `\`, `,`, `;` and newlines in TEXT values,
//! folds lines at 75 octets on character boundaries and ends every line with CRLF. Everything
//! here is deterministic for a given input and `stamp`, and every UID is derived from ledger
//! data, so re-importing an export updates the calendar instead of duplicating it.

use std::collections::BTreeSet;

use chrono::{Days, NaiveDate, NaiveTime};

use crate::model::Status;
use icalendar::{Calendar, Component, Event, EventLike, Property, Todo, TodoStatus};

use crate::model::Entry;
use crate::parse::fold;
use crate::report::Upcoming;

/// An RFC 5545 calendar: each commitment as a VTODO due on its current due date
/// (SUMMARY "ACME B.V.: Deliver site (#14)", DESCRIPTION with the note if any) with its state:
/// open ones STATUS:NEEDS-ACTION; delivered ones STATUS:COMPLETED, PERCENT-COMPLETE:100 and
/// COMPLETED on the delivery date (at 12:00 UTC: the ledger records days, and noon UTC is that
/// same date from UTC-11 to UTC+11); missed and void ones STATUS:CANCELLED. So a calendar that
/// imported an earlier export closes its to-dos instead of keeping them. And each
/// upcoming occasion (holidays, anniversaries; skip kind "commitment-due", those are the todos)
/// as an all-day VEVENT on its date (SUMMARY = the message). UIDs are stable across exports so a
/// calendar app that re-imports does not duplicate: `commitment-{id}@relaties`,
/// `holiday-{name-slug}-{YYYY-MM-DD}@relaties`, `anniversary-{client id}-{YYYY-MM-DD}@relaties`.
/// DTSTAMP is `stamp` at 00:00:00Z (the caller passes the export date, so output is reproducible).
/// PRODID "-//relaties//relaties VERSION//EN" with env!("CARGO_PKG_VERSION"); CALNAME "relaties".
///
/// To-dos come ordered by (due date, id), events by (date, UID), whatever the input order.
/// Commitments without a due date are skipped; a second item with a UID already written (the
/// same commitment twice, two holidays whose names slug alike on one date) is dropped.
/// Each VEVENT spans its one day: DTSTART is the date, DTEND (exclusive) the next day.
pub fn render(commitments: &[Entry], upcoming: &[Upcoming], stamp: NaiveDate) -> String {
    let dtstamp = stamp.and_time(NaiveTime::MIN).and_utc();
    let mut cal = Calendar::empty();
    cal.append_property(Property::new("VERSION", "2.0"));
    cal.append_property(Property::new(
        "PRODID",
        format!("-//relaties//relaties {}//EN", env!("CARGO_PKG_VERSION")),
    ));
    cal.append_property(Property::new("CALSCALE", "GREGORIAN"));
    cal.append_property(Property::new("METHOD", "PUBLISH"));
    cal.name("relaties");

    let mut seen: BTreeSet<String> = BTreeSet::new();

    let mut todos: Vec<(NaiveDate, &Entry)> = commitments
        .iter()
        .filter_map(|e| e.current_due().map(|due| (due, e)))
        .collect();
    todos.sort_by_key(|&(due, e)| (due, e.id));
    for (due, e) in todos {
        let uid = format!("commitment-{}@relaties", e.id);
        if !seen.insert(uid.clone()) {
            continue;
        }
        let what = e
            .description
            .as_deref()
            .map(clean_text)
            .filter(|d| !d.trim().is_empty())
            .unwrap_or_else(|| crate::i18n::t(crate::i18n::Msg::KindCommitment, &[]));
        let summary = format!("{}: {} (#{})", clean_text(&e.client.name), what, e.id);
        let mut todo = Todo::with_uid(&uid);
        todo.timestamp(dtstamp).summary(&summary).due(due);
        match (e.void, e.status(), e.delivered) {
            (false, Some(Status::Kept | Status::Late), Some(on)) => {
                let noon = NaiveTime::from_hms_opt(12, 0, 0).unwrap_or(NaiveTime::MIN);
                todo.status(TodoStatus::Completed)
                    .percent_complete(100)
                    .completed(on.and_time(noon).and_utc());
            }
            (false, Some(Status::Open), _) => {
                todo.status(TodoStatus::NeedsAction);
            }
            _ => {
                todo.status(TodoStatus::Cancelled);
            }
        }
        if let Some(note) = e.note.as_deref().map(clean_text)
            && !note.trim().is_empty()
        {
            todo.description(&note);
        }
        cal.push(todo.done());
    }

    let mut events: Vec<(NaiveDate, String, &Upcoming)> = upcoming
        .iter()
        .filter(|u| u.kind != "commitment-due")
        .map(|u| (u.date, event_uid(u), u))
        .collect();
    events.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    for (date, uid, u) in events {
        if !seen.insert(uid.clone()) {
            continue;
        }
        // A birthday is one yearly event per person (no age, no mark: those change), so that a
        // calendar keeps one entry that repeats.
        if let crate::report::Said::Birthday { person, client, .. } = &u.said {
            let uid = format!(
                "birthday-{}-{}@relaties",
                u.client.as_ref().map_or(0, |c| c.id),
                slug(person)
            );
            if !seen.insert(uid.clone()) {
                continue;
            }
            let summary = crate::i18n::t(
                crate::i18n::Msg::IcsBirthday,
                &[("person", person), ("client", client)],
            );
            let mut event = Event::with_uid(&uid);
            event
                .timestamp(dtstamp)
                .summary(&clean_text(&summary))
                .starts(date)
                .add_property("RRULE", "FREQ=YEARLY")
                .add_property("TRANSP", "TRANSPARENT")
                .categories([u.kind]);
            if let Some(next) = date.checked_add_days(Days::new(1)) {
                event.ends(next);
            }
            cal.push(event.done());
            continue;
        }
        let mut event = Event::with_uid(&uid);
        event
            .timestamp(dtstamp)
            // The summary is for people: in their language (its UID stays the same).
            .summary(&clean_text(&crate::render::report::said(
                &u.message,
                &u.said,
                u.client.as_ref().map_or("", |c| c.name.as_str()),
            )))
            .starts(date)
            .add_property("TRANSP", "TRANSPARENT")
            .categories([u.kind]);
        // DTEND is exclusive (RFC 5545 3.6.1): the day after makes a one-day event. At the end
        // of chrono's range leave it out; a DATE DTSTART alone also means one day.
        if let Some(next) = date.checked_add_days(Days::new(1)) {
            event.ends(next);
        }
        cal.push(event.done());
    }

    cal.to_string()
}

/// The UID of an upcoming occasion, from its kind, who or what, and its date.
fn event_uid(u: &Upcoming) -> String {
    let day = u.date.format("%Y-%m-%d");
    match (u.kind, &u.client) {
        ("anniversary", Some(c)) => format!("anniversary-{}-{day}@relaties", c.id),
        (kind, Some(c)) => format!(
            "{}-{}-{}-{day}@relaties",
            slug(kind),
            c.id,
            slug(&u.message)
        ),
        (kind, None) => format!("{}-{}-{day}@relaties", slug(kind), slug(&u.message)),
    }
}

/// A lowercase ASCII slug: accents dropped ("Café" -> "cafe"), every run of anything else but
/// letters and digits one '-'. A name with nothing ASCII left ("春节") gets a stable hash instead.
fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in fold(s).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        // FNV-1a, fixed by definition (unlike std's hasher), so UIDs stay stable across builds.
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in s.bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        out = format!("x{h:016x}");
    }
    out
}

/// TEXT as RFC 5545 allows it: CR LF and lone CR become a newline (written as `\n`), other
/// control characters but tab become a space.
fn clean_text(s: &str) -> String {
    s.replace("\r\n", "\n")
        .chars()
        .map(|c| match c {
            '\r' => '\n',
            '\n' | '\t' => c,
            c if c.is_control() => ' ',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ClientRef, Kind, Reschedule};
    use ical::parser::ical::component::IcalCalendar;
    use ical::property::Property as IcalProperty;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn client(id: i64, name: &str) -> ClientRef {
        ClientRef {
            id,
            name: name.into(),
        }
    }

    fn commitment(id: i64, name: &str, desc: &str, due: Option<&str>) -> Entry {
        let mut e = Entry::new(Kind::Commitment, client(3, name), d("2026-01-05"));
        e.id = id;
        e.description = Some(desc.into());
        e.due = due.map(d);
        e
    }

    fn holiday(date: &str, name: &str) -> Upcoming {
        Upcoming {
            date: d(date),
            client: None,
            kind: "holiday",
            message: name.into(),
            said: crate::report::Said::Holiday { name: name.into() },
        }
    }

    fn parse(text: &str) -> IcalCalendar {
        let mut parser = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
        let cal = parser.next().expect("one calendar").expect("parses");
        assert!(parser.next().is_none(), "exactly one calendar");
        cal
    }

    /// Reverses RFC 5545 TEXT escaping (the ical crate unfolds but does not unescape).
    fn unescape(s: &str) -> String {
        let mut out = String::new();
        let mut chars = s.chars();
        while let Some(c) = chars.next() {
            if c != '\\' {
                out.push(c);
                continue;
            }
            match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(other) => out.push(other),
                None => panic!("dangling backslash in {s:?}"),
            }
        }
        out
    }

    fn prop<'a>(props: &'a [IcalProperty], name: &str) -> &'a IcalProperty {
        props
            .iter()
            .find(|p| p.name == name)
            .unwrap_or_else(|| panic!("no {name}"))
    }

    fn value(props: &[IcalProperty], name: &str) -> String {
        unescape(prop(props, name).value.as_deref().unwrap_or(""))
    }

    fn has_param(p: &IcalProperty, key: &str, val: &str) -> bool {
        p.params
            .iter()
            .flatten()
            .any(|(k, vs)| k == key && vs.iter().any(|v| v == val))
    }

    fn sample() -> (Vec<Entry>, Vec<Upcoming>) {
        let mut site = commitment(14, "ACME B.V.", "Deliver site", Some("2026-02-01"));
        site.reschedules.push(Reschedule {
            date: d("2026-01-20"),
            due: d("2026-02-10"),
            agreed: true,
        });
        site.note = Some("Staging first; then prod, please\nCall Jan".into());
        let report = commitment(9, "Bakkerij Ühl", "Q1 report", Some("2026-01-31"));
        let no_due = commitment(20, "ACME B.V.", "Someday", None);
        let upcoming = vec![
            holiday("2026-12-05", "Sinterklaas"),
            Upcoming {
                date: d("2027-03-01"),
                client: Some(client(3, "ACME B.V.")),
                kind: "anniversary",
                message: "2 years with ACME B.V. on 1 Mar".into(),
                said: crate::report::Said::Anniversary {
                    years: 2,
                    date: d("2027-03-01"),
                },
            },
            Upcoming {
                date: d("2026-02-10"),
                client: Some(client(3, "ACME B.V.")),
                kind: "commitment-due",
                message: "Deliver site due".into(),
                said: crate::report::Said::Holiday {
                    name: "Deliver site due".into(),
                },
            },
        ];
        (vec![site, report, no_due], upcoming)
    }

    #[test]
    fn todos_and_events_parse_back() {
        let (commitments, upcoming) = sample();
        let text = render(&commitments, &upcoming, d("2026-01-25"));
        let cal = parse(&text);

        assert_eq!(value(&cal.properties, "VERSION"), "2.0");
        assert_eq!(
            value(&cal.properties, "PRODID"),
            format!("-//relaties//relaties {}//EN", env!("CARGO_PKG_VERSION"))
        );
        assert_eq!(value(&cal.properties, "X-WR-CALNAME"), "relaties");

        // Sorted by due date: #9 (31 Jan) before #14 (moved to 10 Feb); #20 has no due date.
        assert_eq!(cal.todos.len(), 2);
        let uids: Vec<String> = cal
            .todos
            .iter()
            .map(|t| value(&t.properties, "UID"))
            .collect();
        assert_eq!(uids, ["commitment-9@relaties", "commitment-14@relaties"]);

        let site = &cal.todos[1].properties;
        assert_eq!(value(site, "SUMMARY"), "ACME B.V.: Deliver site (#14)");
        assert_eq!(
            value(site, "DESCRIPTION"),
            "Staging first; then prod, please\nCall Jan"
        );
        let due = prop(site, "DUE");
        assert_eq!(due.value.as_deref(), Some("20260210"), "current due date");
        assert!(has_param(due, "VALUE", "DATE"));
        assert_eq!(value(site, "DTSTAMP"), "20260125T000000Z");
        assert_eq!(value(site, "STATUS"), "NEEDS-ACTION");
        let report = &cal.todos[0].properties;
        assert_eq!(value(report, "SUMMARY"), "Bakkerij Ühl: Q1 report (#9)");
        assert!(
            report.iter().all(|p| p.name != "DESCRIPTION"),
            "no note, no DESCRIPTION"
        );

        // The commitment-due occasion is left out: the to-do covers it.
        assert_eq!(cal.events.len(), 2);
        let sint = &cal.events[0].properties;
        assert_eq!(
            value(sint, "UID"),
            "holiday-sinterklaas-2026-12-05@relaties"
        );
        assert_eq!(value(sint, "SUMMARY"), "Sinterklaas");
        let start = prop(sint, "DTSTART");
        assert_eq!(start.value.as_deref(), Some("20261205"));
        assert!(has_param(start, "VALUE", "DATE"));
        let end = prop(sint, "DTEND");
        assert_eq!(end.value.as_deref(), Some("20261206"), "exclusive end");
        assert!(has_param(end, "VALUE", "DATE"));
        let anniv = &cal.events[1].properties;
        assert_eq!(value(anniv, "UID"), "anniversary-3-2027-03-01@relaties");
        assert_eq!(value(anniv, "SUMMARY"), "2 years with ACME B.V. on 1 Mar");
        assert_eq!(value(anniv, "DTSTAMP"), "20260125T000000Z");
    }

    #[test]
    fn closed_commitments_are_completed_or_cancelled_under_the_same_uid() {
        let open = commitment(1, "ACME", "Site", Some("2026-02-01"));
        let mut kept = commitment(2, "ACME", "Report", Some("2026-02-01"));
        kept.delivered = Some(d("2026-01-30"));
        let mut late = commitment(3, "ACME", "Quote", Some("2026-02-01"));
        late.delivered = Some(d("2026-02-03"));
        let mut missed = commitment(4, "ACME", "Menu", Some("2026-02-01"));
        missed.missed = Some(d("2026-02-02"));
        let mut void = commitment(5, "ACME", "Oops", Some("2026-02-01"));
        void.void = true;
        let text = render(&[open, kept, late, missed, void], &[], d("2026-02-10"));
        let cal = parse(&text);
        let got: Vec<(String, String, Option<String>, Option<String>)> = cal
            .todos
            .iter()
            .map(|t| {
                let p = &t.properties;
                let opt = |n: &str| p.iter().find(|x| x.name == n).and_then(|x| x.value.clone());
                (
                    value(p, "UID"),
                    value(p, "STATUS"),
                    opt("COMPLETED"),
                    opt("PERCENT-COMPLETE"),
                )
            })
            .collect();
        let row = |id: i64, status: &str, completed: Option<&str>| {
            (
                format!("commitment-{id}@relaties"),
                status.to_string(),
                completed.map(str::to_string),
                completed.map(|_| "100".to_string()),
            )
        };
        assert_eq!(
            got,
            vec![
                row(1, "NEEDS-ACTION", None),
                row(2, "COMPLETED", Some("20260130T120000Z")),
                row(3, "COMPLETED", Some("20260203T120000Z")),
                row(4, "CANCELLED", None),
                row(5, "CANCELLED", None),
            ]
        );
    }

    #[test]
    fn awkward_text_round_trips_and_lines_are_crlf_and_folded() {
        let nasty = "Smith, Jones; Partners\\ — Zürich 東京 \"quoted\": a very long name \
                     that goes well past the seventy-five octet limit of one content line";
        let mut c = commitment(
            7,
            nasty,
            "Line one\nline two, with; punctuation ☕",
            Some("2026-06-30"),
        );
        c.note = Some("CRLF\r\nand lone CR\rend".into());
        let upcoming = vec![holiday(
            "2026-07-01",
            "Fête nationale; feu d'artifice, 🎆\nsoir",
        )];
        let text = render(&[c], &upcoming, d("2026-06-01"));

        assert!(text.ends_with("\r\n"));
        for line in text.split_terminator("\r\n") {
            assert!(!line.contains('\n') && !line.contains('\r'), "bare LF/CR");
            assert!(line.len() <= 75, "unfolded line of {} octets", line.len());
        }

        let cal = parse(&text);
        let todo = &cal.todos[0].properties;
        assert_eq!(
            value(todo, "SUMMARY"),
            format!("{nasty}: Line one\nline two, with; punctuation ☕ (#7)")
        );
        assert_eq!(
            value(todo, "DESCRIPTION"),
            "CRLF\nand lone CR\nend",
            "CR normalized to newline"
        );
        let ev = &cal.events[0].properties;
        assert_eq!(
            value(ev, "SUMMARY"),
            "Fête nationale; feu d'artifice, 🎆\nsoir"
        );
        assert_eq!(
            value(ev, "UID"),
            "holiday-fete-nationale-feu-d-artifice-soir-2026-07-01@relaties"
        );
    }

    #[test]
    fn output_is_reproducible_and_independent_of_input_order() {
        let (mut commitments, mut upcoming) = sample();
        let a = render(&commitments, &upcoming, d("2026-01-25"));
        let b = render(&commitments, &upcoming, d("2026-01-25"));
        assert_eq!(a, b);
        commitments.reverse();
        upcoming.reverse();
        assert_eq!(render(&commitments, &upcoming, d("2026-01-25")), a);
        assert_ne!(render(&commitments, &upcoming, d("2026-01-26")), a);
    }

    #[test]
    fn holiday_across_the_year_end() {
        let upcoming = vec![
            holiday("2027-01-01", "New Year's Day"),
            holiday("2026-12-31", "New Year's Eve"),
        ];
        let cal = parse(&render(&[], &upcoming, d("2026-12-20")));
        assert!(cal.todos.is_empty());
        assert_eq!(cal.events.len(), 2);
        let eve = &cal.events[0].properties;
        assert_eq!(
            value(eve, "UID"),
            "holiday-new-year-s-eve-2026-12-31@relaties"
        );
        assert_eq!(prop(eve, "DTSTART").value.as_deref(), Some("20261231"));
        assert_eq!(prop(eve, "DTEND").value.as_deref(), Some("20270101"));
        let day = &cal.events[1].properties;
        assert_eq!(
            value(day, "UID"),
            "holiday-new-year-s-day-2027-01-01@relaties"
        );
        assert_eq!(prop(day, "DTSTART").value.as_deref(), Some("20270101"));
        assert_eq!(prop(day, "DTEND").value.as_deref(), Some("20270102"));
    }

    #[test]
    fn empty_calendar_is_valid() {
        let text = render(&[], &[], d("2026-01-01"));
        assert!(text.starts_with("BEGIN:VCALENDAR\r\n"));
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        let cal = parse(&text);
        assert!(cal.todos.is_empty() && cal.events.is_empty());
    }

    #[test]
    fn duplicate_uids_are_written_once() {
        let c = commitment(5, "ACME", "Thing", Some("2026-03-01"));
        let upcoming = vec![
            holiday("2026-12-25", "Christmas"),
            holiday("2026-12-25", "Christmas!"),
        ];
        let cal = parse(&render(&[c.clone(), c], &upcoming, d("2026-01-01")));
        assert_eq!(cal.todos.len(), 1);
        assert_eq!(cal.events.len(), 1);
    }

    #[test]
    fn slugs_and_uids() {
        assert_eq!(slug("  Koningsdag  "), "koningsdag");
        assert_eq!(slug("Café -- de Zon!"), "cafe-de-zon");
        let cny = slug("春节");
        assert!(cny.starts_with('x') && cny.len() == 17, "{cny}");
        assert_eq!(cny, slug("春节"), "stable");
        assert_ne!(cny, slug("中秋节"));
        let other = Upcoming {
            date: d("2026-05-04"),
            client: None,
            kind: "anniversary",
            message: "Founding day".into(),
            said: crate::report::Said::Holiday {
                name: "Founding day".into(),
            },
        };
        assert_eq!(
            event_uid(&other),
            "anniversary-founding-day-2026-05-04@relaties",
            "an anniversary without a client falls back to its message"
        );
    }
}
