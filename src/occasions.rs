//! Holiday occasions (the `occasions` setting): a name with a fixed day of the year, or a
//! movable Dutch feast computed for each year. Pure.
//!
//! Three forms of the list:
//! - typed by the user (`config set`): `Sinterklaas 5 dec, Christmas 25-12, Pasen`. A day is
//!   `5 dec`/`dec 5` (month names Dutch or English, short or full), or numbers `DD-MM` or
//!   `MM-DD` where only one reading is a date (`25-12`, `12-31`); `05-12` reads two ways and is
//!   refused, naming both. A feast's name alone (`Pasen`, `Koningsdag`) is movable.
//! - stored (the settings table, `config list --json`, the JSON export): `Sinterklaas 12-05,
//!   Pasen` — fixed days always `MM-DD`, as every earlier version stored them, so existing
//!   ledgers and scripts keep working; a movable feast is its name alone.
//! - shown to people: `Sinterklaas 5 dec, Pasen`.

use chrono::{Datelike, Days, NaiveDate, Weekday};

use crate::parse::fold;

/// Movable feasts, by the Gregorian Easter date (and King's Day, by its Sunday rule).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Feast {
    /// Pasen, 1e Paasdag.
    Easter,
    /// 2e Paasdag: Easter + 1.
    EasterMonday,
    /// Hemelvaartsdag: Easter + 39.
    Ascension,
    /// Pinksteren, 1e Pinksterdag: Easter + 49.
    Pentecost,
    /// 2e Pinksterdag: Easter + 50.
    WhitMonday,
    /// Koningsdag: 27 April, or 26 April when the 27th is a Sunday.
    KingsDay,
}

/// Every name a feast is known by, folded (lowercase, no accents, no apostrophes).
const FEAST_NAMES: &[(&str, Feast)] = &[
    ("pasen", Feast::Easter),
    ("1e paasdag", Feast::Easter),
    ("eerste paasdag", Feast::Easter),
    ("paaszondag", Feast::Easter),
    ("easter", Feast::Easter),
    ("easter sunday", Feast::Easter),
    ("2e paasdag", Feast::EasterMonday),
    ("tweede paasdag", Feast::EasterMonday),
    ("paasmaandag", Feast::EasterMonday),
    ("easter monday", Feast::EasterMonday),
    ("hemelvaartsdag", Feast::Ascension),
    ("hemelvaart", Feast::Ascension),
    ("ascension day", Feast::Ascension),
    ("ascension", Feast::Ascension),
    ("pinksteren", Feast::Pentecost),
    ("1e pinksterdag", Feast::Pentecost),
    ("eerste pinksterdag", Feast::Pentecost),
    ("pinksterzondag", Feast::Pentecost),
    ("whit sunday", Feast::Pentecost),
    ("whitsunday", Feast::Pentecost),
    ("whitsun", Feast::Pentecost),
    ("pentecost", Feast::Pentecost),
    ("2e pinksterdag", Feast::WhitMonday),
    ("tweede pinksterdag", Feast::WhitMonday),
    ("pinkstermaandag", Feast::WhitMonday),
    ("whit monday", Feast::WhitMonday),
    ("koningsdag", Feast::KingsDay),
    ("kings day", Feast::KingsDay),
];

impl Feast {
    /// The feast a name means (`Pasen`, `easter`, `King's Day`, `2e Pinksterdag`), if any.
    pub fn from_name(name: &str) -> Option<Feast> {
        let key: String = fold(name)
            .chars()
            .filter(|c| !matches!(c, '\'' | '’' | '`'))
            .collect();
        FEAST_NAMES.iter().find(|(n, _)| *n == key).map(|(_, f)| *f)
    }

    /// The feast's date in `year`.
    pub fn in_year(self, year: i32) -> Option<NaiveDate> {
        let after_easter = |days: u64| easter(year)?.checked_add_days(Days::new(days));
        match self {
            Feast::Easter => easter(year),
            Feast::EasterMonday => after_easter(1),
            Feast::Ascension => after_easter(39),
            Feast::Pentecost => after_easter(49),
            Feast::WhitMonday => after_easter(50),
            Feast::KingsDay => {
                let d = NaiveDate::from_ymd_opt(year, 4, 27)?;
                if d.weekday() == Weekday::Sun {
                    d.pred_opt()
                } else {
                    Some(d)
                }
            }
        }
    }
}

/// Easter Sunday of `year` in the Gregorian calendar (the anonymous computus of Meeus, Jones
/// and Butcher).
pub fn easter(year: i32) -> Option<NaiveDate> {
    let y = i64::from(year);
    let a = y.rem_euclid(19);
    let b = y.div_euclid(100);
    let c = y.rem_euclid(100);
    let (d, e) = (b.div_euclid(4), b.rem_euclid(4));
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let (i, k) = (c.div_euclid(4), c.rem_euclid(4));
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l).div_euclid(451);
    let n = h + l - 7 * m + 114;
    let month = u32::try_from(n.div_euclid(31)).ok()?;
    let day = u32::try_from(n.rem_euclid(31) + 1).ok()?;
    NaiveDate::from_ymd_opt(year, month, day)
}

/// When a holiday falls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// The same day every year; 29 February falls on the 28th in other years.
    Fixed { month: u32, day: u32 },
    /// A feast computed per year.
    Movable(Feast),
}

/// A holiday occasion: a name and when it falls.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holiday {
    pub name: String,
    pub when: When,
}

/// Month names for display.
const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// Month names accepted, Dutch and English, short and full (folded).
const MONTH_NAMES: &[(&str, u32)] = &[
    ("jan", 1),
    ("january", 1),
    ("januari", 1),
    ("feb", 2),
    ("february", 2),
    ("februari", 2),
    ("mar", 3),
    ("march", 3),
    ("maart", 3),
    ("mrt", 3),
    ("apr", 4),
    ("april", 4),
    ("may", 5),
    ("mei", 5),
    ("jun", 6),
    ("june", 6),
    ("juni", 6),
    ("jul", 7),
    ("july", 7),
    ("juli", 7),
    ("aug", 8),
    ("august", 8),
    ("augustus", 8),
    ("sep", 9),
    ("sept", 9),
    ("september", 9),
    ("oct", 10),
    ("october", 10),
    ("okt", 10),
    ("oktober", 10),
    ("nov", 11),
    ("november", 11),
    ("dec", 12),
    ("december", 12),
];

fn month_of(word: &str) -> Option<u32> {
    let w = fold(word.trim_end_matches('.'));
    MONTH_NAMES.iter().find(|(n, _)| *n == w).map(|(_, m)| *m)
}

fn day_of(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.');
    if w.is_empty() || w.len() > 2 || !w.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    w.parse().ok()
}

/// Whether (month, day) is a day of some year (29 February included).
fn real(month: u32, day: u32) -> bool {
    NaiveDate::from_ymd_opt(2024, month, day).is_some()
}

/// "5 dec".
fn shown_day(month: u32, day: u32) -> String {
    let m = usize::try_from(month)
        .ok()
        .and_then(|m| MONTHS.get(m.wrapping_sub(1)))
        .copied()
        .unwrap_or("?");
    format!("{day} {m}")
}

impl Holiday {
    /// The date in `year`, if it has one there.
    pub fn in_year(&self, year: i32) -> Option<NaiveDate> {
        match self.when {
            When::Fixed { month, day } => NaiveDate::from_ymd_opt(year, month, day)
                .or_else(|| NaiveDate::from_ymd_opt(year, month, day.saturating_sub(1))),
            When::Movable(f) => f.in_year(year),
        }
    }

    /// Every date it falls on from `from` through `end`, inclusive, in order.
    pub fn between(&self, from: NaiveDate, end: NaiveDate) -> Vec<NaiveDate> {
        (from.year()..=end.year())
            .filter_map(|y| self.in_year(y))
            .filter(|d| *d >= from && *d <= end)
            .collect()
    }

    /// As people read it: "Sinterklaas 5 dec", "Pasen".
    pub fn shown(&self) -> String {
        match self.when {
            When::Fixed { month, day } => format!("{} {}", self.name, shown_day(month, day)),
            When::Movable(_) => self.name.clone(),
        }
    }

    /// As stored: "Sinterklaas 12-05", "Pasen".
    pub fn stored(&self) -> String {
        match self.when {
            When::Fixed { month, day } => format!("{} {month:02}-{day:02}", self.name),
            When::Movable(_) => self.name.clone(),
        }
    }
}

/// Which form a list is read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// What a user typed: a numeric day that reads two ways is refused.
    Typed,
    /// What was stored: a numeric day is `MM-DD` when that is a date (as it was always
    /// stored); otherwise read as typed (a hand-written JSON document).
    Stored,
}

/// Reads a comma-separated list; the error names the item and what is wrong with it.
pub fn parse_list(s: &str, reading: Reading) -> Result<Vec<Holiday>, String> {
    if s.trim().is_empty() {
        return Ok(Vec::new());
    }
    s.split(',').map(|item| parse_item(item, reading)).collect()
}

/// The list as stored.
pub fn stored_list(list: &[Holiday]) -> String {
    list.iter()
        .map(Holiday::stored)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The list as people read it.
pub fn shown_list(list: &[Holiday]) -> String {
    list.iter()
        .map(Holiday::shown)
        .collect::<Vec<_>>()
        .join(", ")
}

fn parse_item(item: &str, reading: Reading) -> Result<Holiday, String> {
    let words: Vec<&str> = item.split_whitespace().collect();
    if words.is_empty() {
        return Err("an empty item (two commas in a row, or one at the end)".into());
    }
    let whole = words.join(" ");
    if let Some(f) = Feast::from_name(&whole) {
        return Ok(Holiday {
            name: whole,
            when: When::Movable(f),
        });
    }
    let fixed = |name: &[&str], month: u32, day: u32| -> Result<Holiday, String> {
        if name.is_empty() {
            return Err(format!("{whole:?} has no name"));
        }
        if !real(month, day) {
            return Err(format!("{whole:?}: there is no such day"));
        }
        Ok(Holiday {
            name: name.join(" "),
            when: When::Fixed { month, day },
        })
    };
    let n = words.len();
    let last = words[n - 1];
    if let Some((a, b)) = last.split_once(['-', '/'])
        && let (Some(a), Some(b)) = (day_of(a), day_of(b))
    {
        let name = &words[..n - 1];
        // a-b as DD-MM and as MM-DD.
        let (dm, md) = (real(b, a), real(a, b));
        return match (dm, md) {
            (_, true) if reading == Reading::Stored => fixed(name, a, b),
            (true, true) if a != b => {
                let name = name.join(" ");
                Err(format!(
                    "{whole:?} reads two ways, {} (DD-MM) or {} (MM-DD): write \"{name} {}\" or \
                     \"{name} {}\"",
                    shown_day(b, a),
                    shown_day(a, b),
                    shown_day(b, a),
                    shown_day(a, b)
                ))
            }
            (true, _) => fixed(name, b, a),
            (false, true) => fixed(name, a, b),
            (false, false) => Err(format!("{whole:?}: {last} is not a day of the year")),
        };
    }
    if n >= 2 {
        let before = words[n - 2];
        let parsed = match (
            day_of(before),
            month_of(last),
            month_of(before),
            day_of(last),
        ) {
            (Some(d), Some(m), _, _) | (_, _, Some(m), Some(d)) => Some((m, d)),
            _ => None,
        };
        if let Some((month, day)) = parsed {
            return fixed(&words[..n - 2], month, day);
        }
    }
    Err(format!(
        "{whole:?} has no day (such as 5 dec or 25-12) and is not a movable feast \
         (Pasen, 2e Paasdag, Hemelvaartsdag, Pinksteren, 2e Pinksterdag, Koningsdag)"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn typed(s: &str) -> Result<Vec<Holiday>, String> {
        parse_list(s, Reading::Typed)
    }

    fn fixed(name: &str, month: u32, day: u32) -> Holiday {
        Holiday {
            name: name.into(),
            when: When::Fixed { month, day },
        }
    }

    #[test]
    fn computus_of_known_years() {
        for (y, want) in [
            (2024, "2024-03-31"),
            (2025, "2025-04-20"),
            (2026, "2026-04-05"),
            (2027, "2027-03-28"),
            (2038, "2038-04-25"),
            (2285, "2285-03-22"),
            (1818, "1818-03-22"),
            (2011, "2011-04-24"),
            (2000, "2000-04-23"),
        ] {
            assert_eq!(easter(y), Some(d(want)), "{y}");
        }
    }

    #[test]
    fn feasts_follow_easter_and_kings_day_its_sunday_rule() {
        let on = |f: Feast, y| f.in_year(y).expect("a date");
        assert_eq!(on(Feast::EasterMonday, 2026), d("2026-04-06"));
        assert_eq!(on(Feast::Ascension, 2026), d("2026-05-14"));
        assert_eq!(on(Feast::Pentecost, 2026), d("2026-05-24"));
        assert_eq!(on(Feast::WhitMonday, 2026), d("2026-05-25"));
        assert_eq!(on(Feast::Ascension, 2025), d("2025-05-29"));
        // 27 April 2025 is a Sunday: King's Day is the Saturday before.
        assert_eq!(on(Feast::KingsDay, 2025), d("2025-04-26"));
        assert_eq!(on(Feast::KingsDay, 2026), d("2026-04-27"));
        assert_eq!(on(Feast::KingsDay, 2031), d("2031-04-26"));
    }

    #[test]
    fn feast_names_in_dutch_and_english() {
        for (name, f) in [
            ("Pasen", Feast::Easter),
            ("easter", Feast::Easter),
            ("2e  Paasdag", Feast::EasterMonday),
            ("Hemelvaartsdag", Feast::Ascension),
            ("Ascension Day", Feast::Ascension),
            ("PINKSTEREN", Feast::Pentecost),
            ("Whit Sunday", Feast::Pentecost),
            ("Pentecost", Feast::Pentecost),
            ("Tweede Pinksterdag", Feast::WhitMonday),
            ("Koningsdag", Feast::KingsDay),
            ("King's Day", Feast::KingsDay),
            ("King’s Day", Feast::KingsDay),
        ] {
            assert_eq!(Feast::from_name(name), Some(f), "{name}");
        }
        assert_eq!(Feast::from_name("Sinterklaas"), None);
    }

    #[test]
    fn typed_days_take_month_names_and_one_way_numbers() {
        let got = typed(
            "Sinterklaas 5 dec, Christmas 25 December, Dag van de Arbeid 1 mei, \
             Halloween oct 31, NYE 12-31, Boxing Day 26-12, Oktoberfest 19 okt., Leap 29-02",
        )
        .expect("parses");
        assert_eq!(
            got,
            vec![
                fixed("Sinterklaas", 12, 5),
                fixed("Christmas", 12, 25),
                fixed("Dag van de Arbeid", 5, 1),
                fixed("Halloween", 10, 31),
                fixed("NYE", 12, 31),
                fixed("Boxing Day", 12, 26),
                fixed("Oktoberfest", 10, 19),
                fixed("Leap", 2, 29),
            ]
        );
        // The same day both ways reads one way.
        assert_eq!(typed("Twins 05-05"), Ok(vec![fixed("Twins", 5, 5)]));
        assert_eq!(shown_list(&got[..2]), "Sinterklaas 5 dec, Christmas 25 dec");
        assert_eq!(stored_list(&got[..2]), "Sinterklaas 12-05, Christmas 12-25");
    }

    #[test]
    fn a_number_that_reads_two_ways_is_refused_with_both_readings() {
        let e = typed("Sinterklaas 05-12").expect_err("ambiguous");
        assert!(e.contains("5 dec") && e.contains("12 may"), "{e}");
        assert!(e.contains("Sinterklaas"), "{e}");
        for bad in [
            "Christmas 12-32",
            "Christmas 32 dec",
            "Christmas",
            "5 dec",
            "Christmas 30 feb",
            "a 1 dec,,b 2 dec",
            "x 1 dec,",
            "Christmas 13-13",
            "Christmas 123-1",
        ] {
            assert!(typed(bad).is_err(), "{bad}");
        }
        assert_eq!(typed("  "), Ok(vec![]));
    }

    #[test]
    fn stored_days_read_as_month_first() {
        let stored = "Sinterklaas 12-05, Christmas 12-25, Pasen, Koningsdag 04-27";
        let got = parse_list(stored, Reading::Stored).expect("parses");
        assert_eq!(got[0], fixed("Sinterklaas", 12, 5));
        assert_eq!(
            got[2],
            Holiday {
                name: "Pasen".into(),
                when: When::Movable(Feast::Easter)
            }
        );
        // A feast named with a day is that day.
        assert_eq!(got[3], fixed("Koningsdag", 4, 27));
        assert_eq!(stored_list(&got), stored);
        assert_eq!(
            shown_list(&got),
            "Sinterklaas 5 dec, Christmas 25 dec, Pasen, Koningsdag 27 apr"
        );
        // Not a month first: read as typed.
        assert_eq!(
            parse_list("Christmas 25-12", Reading::Stored),
            Ok(vec![fixed("Christmas", 12, 25)])
        );
    }

    #[test]
    fn dates_between_cross_years_and_leap_days() {
        let pasen = Holiday {
            name: "Pasen".into(),
            when: When::Movable(Feast::Easter),
        };
        assert_eq!(
            pasen.between(d("2025-01-01"), d("2027-12-31")),
            vec![d("2025-04-20"), d("2026-04-05"), d("2027-03-28")]
        );
        assert_eq!(pasen.between(d("2026-04-06"), d("2026-12-31")), vec![]);
        let leap = fixed("Leap", 2, 29);
        assert_eq!(
            leap.between(d("2027-01-01"), d("2028-12-31")),
            vec![d("2027-02-28"), d("2028-02-29")]
        );
    }
}
