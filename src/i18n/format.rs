//! Money and dates as a reader of each language writes them. English keeps the forms the
//! program always printed; Dutch follows the Taalunie: `€ 1.234,56` (a space after the sign),
//! `ma 30 nov`, `30 november 2026`.

use chrono::{Datelike, NaiveDate};

use super::Lang;

const DAYS_NL: [&str; 7] = ["ma", "di", "wo", "do", "vr", "za", "zo"];
const MONTHS_NL: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];
const MONTHS_NL_SHORT: [&str; 12] = [
    "jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
];

/// An amount for people: `€1,234.56` in English, `€ 1.234,56` in Dutch.
pub fn money(cents: i64, currency: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return crate::parse::format_money(cents, currency);
    }
    let abs = cents.unsigned_abs();
    let units = (abs / 100).to_string();
    let mut grouped = String::with_capacity(units.len() + units.len() / 3);
    for (i, c) in units.chars().enumerate() {
        if i > 0 && (units.len() - i).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(c);
    }
    let sign = if cents < 0 { "-" } else { "" };
    let code = currency.trim().to_uppercase();
    let symbol = match code.as_str() {
        "EUR" => "€",
        "USD" => "$",
        "GBP" => "£",
        other => other,
    };
    if symbol.is_empty() {
        format!("{sign}{grouped},{:02}", abs % 100)
    } else {
        format!("{symbol} {sign}{grouped},{:02}", abs % 100)
    }
}

/// A weekday and day: `Mon 30 Nov` / `ma 30 nov`.
pub fn weekday_day(d: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::En => d.format("%a %-d %b").to_string(),
        Lang::Nl => format!(
            "{} {} {}",
            DAYS_NL[d.weekday().num_days_from_monday() as usize],
            d.day(),
            MONTHS_NL_SHORT[d.month0() as usize]
        ),
    }
}

/// A day and month: `5 Dec` / `5 dec`.
pub fn day_month(d: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::En => d.format("%-d %b").to_string(),
        Lang::Nl => format!("{} {}", d.day(), MONTHS_NL_SHORT[d.month0() as usize]),
    }
}

/// A whole date: `30 November 2026` / `30 november 2026`.
pub fn long_date(d: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::En => d.format("%-d %B %Y").to_string(),
        Lang::Nl => format!(
            "{} {} {}",
            d.day(),
            MONTHS_NL[d.month0() as usize],
            d.year()
        ),
    }
}

/// A short date with its year: `30 Nov 2026` / `30 nov 2026`.
pub fn short_date(d: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::En => d.format("%-d %b %Y").to_string(),
        Lang::Nl => format!(
            "{} {} {}",
            d.day(),
            MONTHS_NL_SHORT[d.month0() as usize],
            d.year()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn dutch_money_has_a_space_after_the_sign_and_a_decimal_comma() {
        assert_eq!(money(123_456, "EUR", Lang::Nl), "€ 1.234,56");
        assert_eq!(money(123_456, "EUR", Lang::En), "€1,234.56");
        assert_eq!(money(-1_250, "EUR", Lang::Nl), "€ -12,50");
        assert_eq!(money(100_000_000, "USD", Lang::Nl), "$ 1.000.000,00");
        assert_eq!(money(4_550, "CHF", Lang::Nl), "CHF 45,50");
        assert_eq!(money(5, "EUR", Lang::Nl), "€ 0,05");
    }

    #[test]
    fn dutch_dates() {
        assert_eq!(weekday_day(d("2026-11-30"), Lang::Nl), "ma 30 nov");
        assert_eq!(weekday_day(d("2026-11-30"), Lang::En), "Mon 30 Nov");
        assert_eq!(day_month(d("2026-12-05"), Lang::Nl), "5 dec");
        assert_eq!(long_date(d("2026-11-30"), Lang::Nl), "30 november 2026");
        assert_eq!(long_date(d("2026-03-01"), Lang::En), "1 March 2026");
        assert_eq!(short_date(d("2026-03-01"), Lang::Nl), "1 mrt 2026");
    }
}
