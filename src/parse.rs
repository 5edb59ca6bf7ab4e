//! Parsing of user-typed dates, amounts, ids and client names.
//!
//! Everything here is pure: no clock, no I/O. Every function must return an
//! error (never panic) for arbitrary input, because these values come straight
//! from the command line.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

// ---------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------

/// A date as typed, not yet resolved against today (the command layer owns the clock).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateSpec {
    Absolute(NaiveDate),
    DaysFromToday(i64),
    Weekday(Weekday),
    /// A day and month without a year (`5 dec`, `5-12`): the year is today's, or the one
    /// before (things that happened) or after (due dates) when that is where it falls.
    DayMonth {
        day: u32,
        month: u32,
    },
}

/// Whether a weekday name means the most recent one (things that happened) or the next one (due dates).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateContext {
    Past,
    Future,
}

/// Relative offsets further than this are almost certainly typos, and the
/// bound also keeps every offset far inside chrono's representable range.
const MAX_OFFSET_DAYS: i64 = 100_000;

const DATE_FORMS: &str = "use YYYY-MM-DD, DD-MM-YYYY, today, yesterday, 3d ago, +2w or a weekday";

impl DateSpec {
    /// Err when the result would overflow chrono's range. Past weekday: the most recent one, today included. Future weekday: the next one strictly after today.
    pub fn resolve(&self, today: NaiveDate, ctx: DateContext) -> Result<NaiveDate, String> {
        match *self {
            DateSpec::Absolute(d) => Ok(d),
            DateSpec::DaysFromToday(n) => shift_days(today, n),
            DateSpec::Weekday(wd) => {
                let now = i64::from(today.weekday().num_days_from_monday());
                let target = i64::from(wd.num_days_from_monday());
                let offset = match ctx {
                    DateContext::Past => -(now - target).rem_euclid(7),
                    DateContext::Future => match (target - now).rem_euclid(7) {
                        0 => 7,
                        n => n,
                    },
                };
                shift_days(today, offset)
            }
            DateSpec::DayMonth { day, month } => day_month(today, day, month, ctx),
        }
    }
}

/// The nearest `day`-`month` on or before today (Past) or on or after it (Future); a 29
/// February looks up to eight years away for a leap year.
fn day_month(
    today: NaiveDate,
    day: u32,
    month: u32,
    ctx: DateContext,
) -> Result<NaiveDate, String> {
    let step: i32 = match ctx {
        DateContext::Past => -1,
        DateContext::Future => 1,
    };
    for k in 0..=8 {
        let Some(year) = today.year().checked_add(step * k) else {
            break;
        };
        if let Some(d) = NaiveDate::from_ymd_opt(year, month, day) {
            let fits = match ctx {
                DateContext::Past => d <= today,
                DateContext::Future => d >= today,
            };
            if fits {
                return Ok(d);
            }
        }
    }
    Err(format!("date out of range: {day}-{month} near {today}"))
}

fn shift_days(today: NaiveDate, n: i64) -> Result<NaiveDate, String> {
    let days = Days::new(n.unsigned_abs());
    let shifted = if n >= 0 {
        today.checked_add_days(days)
    } else {
        today.checked_sub_days(days)
    };
    shifted.ok_or_else(|| format!("date out of range: {n} days from {today}"))
}

impl std::str::FromStr for DateSpec {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        parse_date(s)
    }
}

fn date_err(input: &str, reason: &str) -> String {
    // Debug formatting escapes newlines and control characters, which keeps
    // the message on one line whatever was typed.
    match crate::i18n::lang() {
        crate::i18n::Lang::En => format!("invalid date {input:?}: {reason} ({DATE_FORMS})"),
        crate::i18n::Lang::Nl => format!(
            "ongeldige datum {input:?}: {} ({})",
            crate::i18n::parse::reason(reason),
            crate::i18n::parse::DATE_FORMS_NL
        ),
    }
}

pub fn parse_date(s: &str) -> Result<DateSpec, String> {
    let input = s.trim();
    let norm = input
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    if norm.is_empty() {
        return Err(date_err(input, "empty"));
    }
    if let Some(n) = keyword_offset(&norm) {
        return Ok(DateSpec::DaysFromToday(n));
    }
    if let Some(wd) = weekday_name(&norm) {
        return Ok(DateSpec::Weekday(wd));
    }
    if let Some(res) = parse_relative(&norm) {
        return res
            .map(DateSpec::DaysFromToday)
            .map_err(|reason| date_err(input, &reason));
    }
    if let Some(res) = parse_absolute(&norm) {
        return res
            .map(DateSpec::Absolute)
            .map_err(|reason| date_err(input, &reason));
    }
    if let Some(res) = parse_day_month(&norm) {
        return res.map_err(|reason| date_err(input, &reason));
    }
    Err(date_err(input, "not a recognised date"))
}

/// A month's name or abbreviation, Dutch or English (`dec`, `december`, `mrt`, `maart`,
/// `mei`, `may`, `okt`, `oct`), a trailing dot allowed.
fn month_name(s: &str) -> Option<u32> {
    Some(match s.strip_suffix('.').unwrap_or(s) {
        "jan" | "januari" | "january" => 1,
        "feb" | "febr" | "februari" | "february" => 2,
        "mrt" | "mar" | "maart" | "march" => 3,
        "apr" | "april" => 4,
        "mei" | "may" => 5,
        "jun" | "juni" | "june" => 6,
        "jul" | "juli" | "july" => 7,
        "aug" | "augustus" | "august" => 8,
        "sep" | "sept" | "september" => 9,
        "okt" | "oct" | "oktober" | "october" => 10,
        "nov" | "november" => 11,
        "dec" | "december" => 12,
        _ => return None,
    })
}

/// Day first, as Dutch writes it: `5 dec`, `5 december 2026`, `5-12`, `5/12`, `5/12/2026`.
/// `Some` when the text has one of these shapes.
fn parse_day_month(s: &str) -> Option<Result<DateSpec, String>> {
    let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    let short = |p: &str| (1..=2).contains(&p.len()) && digits(p);
    let (day, month, year): (&str, u32, Option<&str>) = {
        let words: Vec<&str> = s.split(' ').collect();
        match words.as_slice() {
            [d, m] if short(d) => (*d, month_name(m)?, None),
            [d, m, y] if short(d) && digits(y) => (*d, month_name(m)?, Some(*y)),
            [one] => {
                let parts: Vec<&str> = if one.contains('/') {
                    one.split('/').collect()
                } else {
                    one.split('-').collect()
                };
                match parts.as_slice() {
                    [d, m] if short(d) && short(m) => (*d, m.parse().ok()?, None),
                    [d, m, y] if one.contains('/') && short(d) && short(m) && digits(y) => {
                        (*d, m.parse().ok()?, Some(*y))
                    }
                    _ => return None,
                }
            }
            _ => return None,
        }
    };
    let Ok(day) = day.parse::<u32>() else {
        return Some(Err("not a number".into()));
    };
    if !(1..=12).contains(&month) {
        return Some(Err("no such month".into()));
    }
    let Some(year) = year else {
        // A day no year has (31 April) is wrong now, not when it is resolved.
        return Some(match NaiveDate::from_ymd_opt(2024, month, day) {
            Some(_) => Ok(DateSpec::DayMonth { day, month }),
            None => Err("no such day".into()),
        });
    };
    if year.len() != 4 {
        return Some(Err(
            "expected a 4-digit year and 1 or 2 digit day and month".into(),
        ));
    }
    let Ok(year) = year.parse::<i32>() else {
        return Some(Err("not a number".into()));
    };
    if !(1000..=9999).contains(&year) {
        return Some(Err("year must be between 1000 and 9999".into()));
    }
    Some(
        NaiveDate::from_ymd_opt(year, month, day)
            .map(DateSpec::Absolute)
            .ok_or_else(|| "no such day".to_string()),
    )
}

fn keyword_offset(s: &str) -> Option<i64> {
    Some(match s {
        "today" | "vandaag" => 0,
        "yesterday" | "gisteren" => -1,
        "tomorrow" | "morgen" => 1,
        "eergisteren" => -2,
        "overmorgen" => 2,
        _ => return None,
    })
}

fn weekday_name(s: &str) -> Option<Weekday> {
    use Weekday::*;
    Some(match s {
        "monday" | "mon" | "maandag" | "ma" => Mon,
        "tuesday" | "tue" | "dinsdag" | "di" => Tue,
        "wednesday" | "wed" | "woensdag" | "wo" => Wed,
        "thursday" | "thu" | "donderdag" | "do" => Thu,
        "friday" | "fri" | "vrijdag" | "vr" => Fri,
        "saturday" | "sat" | "zaterdag" | "za" => Sat,
        "sunday" | "sun" | "zondag" | "zo" => Sun,
        _ => return None,
    })
}

/// `Some` when the text has the shape of a relative offset (`+3d`, `2 weeks ago`),
/// so that a malformed one gets a specific message instead of a generic one.
fn parse_relative(s: &str) -> Option<Result<i64, String>> {
    let (negative, body) = if let Some(rest) = s.strip_prefix('+') {
        (false, rest.trim_start())
    } else if let Some(rest) = s.strip_prefix('-') {
        (true, rest.trim_start())
    } else if let Some(rest) = s.strip_suffix("ago").or_else(|| s.strip_suffix("geleden")) {
        (true, rest.trim_end())
    } else {
        return None;
    };
    // Only treat it as relative when it begins with a count; otherwise it is
    // some other form (or garbage) and the generic message is clearer.
    if !body.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Some(relative_days(body).map(|n| if negative { -n } else { n }))
}

fn relative_days(body: &str) -> Result<i64, String> {
    // Digits are ASCII, so this byte index is always a char boundary.
    let split = body
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(body.len());
    let (digits, unit) = body.split_at(split);
    let per_unit: i64 = match unit.trim() {
        "d" | "day" | "days" | "dag" | "dagen" => 1,
        "w" | "wk" | "wks" | "week" | "weeks" | "weken" => 7,
        "m" | "mo" | "month" | "months" | "maand" | "maanden" | "y" | "yr" | "year" | "years"
        | "jaar" | "jaren" => {
            return Err("months and years are not supported, use days (d) or weeks (w)".into());
        }
        "" => return Err("missing unit, use d for days or w for weeks".into()),
        _ => return Err("unknown unit, use d for days or w for weeks".into()),
    };
    let too_far = || format!("more than {MAX_OFFSET_DAYS} days away");
    let count: i64 = digits.parse().map_err(|_| too_far())?;
    let days = count.checked_mul(per_unit).ok_or_else(too_far)?;
    if days > MAX_OFFSET_DAYS {
        return Err(too_far());
    }
    Ok(days)
}

/// `Some` when the text looks like `digits-digits-digits`.
fn parse_absolute(s: &str) -> Option<Result<NaiveDate, String>> {
    let parts: Vec<&str> = s.split('-').collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    if [a, b, c]
        .iter()
        .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let short = |p: &str| (1..=2).contains(&p.len());
    let (year, month, day) = if a.len() == 4 && short(b) && short(c) {
        (*a, *b, *c)
    } else if short(a) && short(b) && c.len() == 4 {
        (*c, *b, *a)
    } else {
        return Some(Err(
            "expected a 4-digit year and 1 or 2 digit day and month".into(),
        ));
    };
    // All parts are at most 4 ASCII digits, so these parses cannot fail.
    let (Ok(year), Ok(month), Ok(day)) = (
        year.parse::<i32>(),
        month.parse::<u32>(),
        day.parse::<u32>(),
    ) else {
        return Some(Err("not a number".into()));
    };
    if !(1000..=9999).contains(&year) {
        return Some(Err("year must be between 1000 and 9999".into()));
    }
    if !(1..=12).contains(&month) {
        return Some(Err("no such month".into()));
    }
    Some(NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| "no such day".to_string()))
}

// ---------------------------------------------------------------------------
// Amounts
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Amount {
    pub cents: i64,
    pub currency: Option<String>,
}

/// 10 million units; above → error
pub const MAX_AMOUNT_CENTS: i64 = 1_000_000_000;

const AMOUNT_FORMS: &str = "use e.g. 45, 45,50, €45.50, EUR 45 or 1.234,56";

impl std::str::FromStr for Amount {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        parse_amount(s)
    }
}

fn amount_err(input: &str, reason: &str) -> String {
    match crate::i18n::lang() {
        crate::i18n::Lang::En => format!("invalid amount {input:?}: {reason} ({AMOUNT_FORMS})"),
        crate::i18n::Lang::Nl => format!(
            "ongeldig bedrag {input:?}: {} ({})",
            crate::i18n::parse::reason(reason),
            crate::i18n::parse::AMOUNT_FORMS_NL
        ),
    }
}

fn symbol_code(c: char) -> Option<&'static str> {
    match c {
        '€' => Some("EUR"),
        '$' => Some("USD"),
        '£' => Some("GBP"),
        _ => None,
    }
}

fn is_minus(c: char) -> bool {
    c == '-' || c == '\u{2212}'
}

pub fn parse_amount(s: &str) -> Result<Amount, String> {
    let input = s.trim();
    parse_amount_inner(input).map_err(|reason| amount_err(input, &reason))
}

fn parse_amount_inner(input: &str) -> Result<Amount, String> {
    if input.is_empty() {
        return Err("empty".into());
    }
    let first_digit = input.find(|c: char| c.is_ascii_digit());
    if let Some(pos) = input.find(is_minus) {
        if first_digit.is_none_or(|d| pos < d) {
            return Err("amounts cannot be negative".into());
        }
        return Err("unexpected '-'".into());
    }

    // Work on chars so that no index can land inside a multi-byte character.
    let chars: Vec<char> = input.chars().collect();
    let mut tokens: Vec<String> = Vec::new();
    let mut start = 0;
    let mut end = chars.len();
    // Currency markers may sit on either side of the number, possibly more
    // than one (which is an error reported below), so peel them off both ends.
    loop {
        while start < end && chars[start].is_whitespace() {
            start += 1;
        }
        if start >= end {
            break;
        }
        if symbol_code(chars[start]).is_some() {
            tokens.push(chars[start].to_string());
            start += 1;
        } else if chars[start].is_ascii_alphabetic() {
            let from = start;
            while start < end && chars[start].is_ascii_alphabetic() {
                start += 1;
            }
            tokens.push(chars[from..start].iter().collect());
        } else {
            break;
        }
    }
    loop {
        while end > start && chars[end - 1].is_whitespace() {
            end -= 1;
        }
        if end <= start {
            break;
        }
        if symbol_code(chars[end - 1]).is_some() {
            tokens.push(chars[end - 1].to_string());
            end -= 1;
        } else if chars[end - 1].is_ascii_alphabetic() {
            let to = end;
            while end > start && chars[end - 1].is_ascii_alphabetic() {
                end -= 1;
            }
            // "1e" style leftovers of exponent notation deserve the exponent message.
            let run: String = chars[end..to].iter().collect();
            if run.eq_ignore_ascii_case("e") && end > start && chars[end - 1].is_ascii_digit() {
                return Err("exponent notation is not supported".into());
            }
            tokens.push(run);
        } else {
            break;
        }
    }

    let mut currency = None;
    for token in &tokens {
        let code = match token.chars().next().and_then(symbol_code) {
            Some(code) => code.to_string(),
            None if token.eq_ignore_ascii_case("euro") || token.eq_ignore_ascii_case("euros") => {
                "EUR".to_string()
            }
            None if token.len() == 3 => token.to_ascii_uppercase(),
            None => return Err(format!("unknown currency {token:?}")),
        };
        if currency.is_some() {
            return Err("more than one currency".into());
        }
        currency = Some(code);
    }

    let number = &chars[start..end];
    if number.is_empty() {
        return Err("no number".into());
    }
    let cents = parse_number(number)?;
    Ok(Amount { cents, currency })
}

fn parse_number(chars: &[char]) -> Result<i64, String> {
    // Normalise every kind of space (NBSP, narrow NBSP) to ' ' so that a
    // space works as a thousands separator however the keyboard produced it.
    let mut m = String::with_capacity(chars.len());
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '0'..='9' | '.' | ',' => m.push(c),
            c if c.is_whitespace() => m.push(' '),
            'e' | 'E' => {
                let digit_before = i > 0 && chars[i - 1].is_ascii_digit();
                return Err(if digit_before {
                    "exponent notation is not supported".into()
                } else {
                    "letters are not allowed in the number".into()
                });
            }
            c if symbol_code(c).is_some() => return Err("more than one currency".into()),
            c if c.is_alphabetic() => {
                return Err("letters are not allowed in the number".into());
            }
            c => return Err(format!("unexpected character {c:?}")),
        }
    }
    // From here on `m` is pure ASCII, so byte indices are char indices.
    let bytes = m.as_bytes();
    let is_sep = |b: u8| !b.is_ascii_digit();
    if bytes.first().is_none_or(|&b| is_sep(b)) || bytes.last().is_none_or(|&b| is_sep(b)) {
        return Err("must start and end with a digit".into());
    }
    if bytes.windows(2).any(|w| is_sep(w[0]) && is_sep(w[1])) {
        return Err("two separators in a row".into());
    }
    let count = |c: char| m.matches(c).count();
    let (dots, commas, spaces) = (count('.'), count(','), count(' '));

    let mut decimal: Option<char> = None;
    let mut thousands: Option<char> = None;
    if dots > 0 && commas > 0 {
        let (dec, thou) = if m.rfind('.') > m.rfind(',') {
            ('.', ',')
        } else {
            (',', '.')
        };
        if count(dec) > 1 {
            return Err(format!("decimal separator {dec:?} appears more than once"));
        }
        decimal = Some(dec);
        thousands = Some(thou);
    } else if dots + commas > 0 {
        let sep = if dots > 0 { '.' } else { ',' };
        if dots + commas > 1 {
            thousands = Some(sep);
        } else {
            // A lone separator is decimal or thousands depending on how many
            // digits follow it, which is the only unambiguous signal we have.
            let after = m.rsplit(sep).next().unwrap_or("");
            if after.contains(' ') {
                return Err("space after the decimal separator".into());
            }
            match after.len() {
                1 | 2 => decimal = Some(sep),
                // "1.234" is 1234 to some and 1.234 to others: refuse to guess.
                3 if spaces == 0 => return Err(two_readings(&m, sep)),
                3 => thousands = Some(sep),
                _ => return Err("at most 2 decimals".into()),
            }
        }
    }
    if spaces > 0 {
        if thousands.is_some() {
            return Err("mixed thousands separators".into());
        }
        thousands = Some(' ');
    }

    let (int_part, frac_part) = match decimal {
        Some(dec) => m.split_once(dec).unwrap_or((m.as_str(), "")),
        None => (m.as_str(), ""),
    };
    if !frac_part.bytes().all(|b| b.is_ascii_digit()) {
        return Err("only digits may follow the decimal separator".into());
    }
    if frac_part.len() > 2 {
        return Err("at most 2 decimals".into());
    }

    let int_digits: String = match thousands {
        Some(t) => {
            let mut groups = int_part.split(t);
            let first = groups.next().unwrap_or("");
            if first.is_empty() || first.len() > 3 {
                return Err("thousands groups must have 3 digits".into());
            }
            // "0.500" or "0,500" could mean half or five hundred; refuse to guess.
            if first.starts_with('0') {
                return Err("ambiguous: leading 0 before a thousands separator".into());
            }
            let mut digits = first.to_string();
            for group in groups {
                if group.len() != 3 || !group.bytes().all(|b| b.is_ascii_digit()) {
                    return Err("thousands groups must have 3 digits".into());
                }
                digits.push_str(group);
            }
            digits
        }
        None => int_part.to_string(),
    };
    if !int_digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err("misplaced separator".into());
    }

    let too_large = || "too large (at most 10,000,000.00)".to_string();
    let mut units: i64 = 0;
    for b in int_digits.bytes() {
        units = units
            .checked_mul(10)
            .and_then(|u| u.checked_add(i64::from(b - b'0')))
            .ok_or_else(too_large)?;
        // Bail early so very long digit strings never approach overflow.
        if units > MAX_AMOUNT_CENTS {
            return Err(too_large());
        }
    }
    let frac: i64 = match frac_part.as_bytes() {
        [] => 0,
        [a] => i64::from(a - b'0') * 10,
        [a, b] => i64::from(a - b'0') * 10 + i64::from(b - b'0'),
        _ => return Err("at most 2 decimals".into()),
    };
    let cents = units
        .checked_mul(100)
        .and_then(|c| c.checked_add(frac))
        .ok_or_else(too_large)?;
    if cents > MAX_AMOUNT_CENTS {
        return Err(too_large());
    }
    Ok(cents)
}

/// The error for a number with one separator followed by exactly three digits.
fn two_readings(m: &str, sep: char) -> String {
    let (int, frac) = m.split_once(sep).unwrap_or((m, ""));
    let whole = format!("{int}{frac}");
    let whole = whole.trim_start_matches('0');
    let whole = if whole.is_empty() { "0" } else { whole };
    if crate::i18n::lang() == crate::i18n::Lang::Nl {
        return crate::i18n::parse::two_readings(whole, int, sep, frac);
    }
    let point = if sep == '.' {
        "a decimal point"
    } else {
        "a decimal comma"
    };
    format!(
        "it reads two ways, as {whole} ({sep:?} separating thousands) or as {int}{sep}{frac} \
         ({point}); write {whole} or {whole}{sep}00 for the first, at most 2 decimals for the \
         second"
    )
}

/// "€45.50", "$1,234.56", "£3.20"; other codes as "CHF 12.00". Negative shown with a leading '-'.
pub fn format_money(cents: i64, currency: &str) -> String {
    // unsigned_abs because i64::MIN has no positive i64 counterpart.
    let abs = cents.unsigned_abs();
    let units = (abs / 100).to_string();
    let mut grouped = String::with_capacity(units.len() + units.len() / 3);
    for (i, c) in units.chars().enumerate() {
        if i > 0 && (units.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let code = currency.trim().to_uppercase();
    let prefix = match code.as_str() {
        "EUR" => "€".to_string(),
        "USD" => "$".to_string(),
        "GBP" => "£".to_string(),
        "" => String::new(),
        other => format!("{other} "),
    };
    let sign = if cents < 0 { "-" } else { "" };
    format!("{sign}{prefix}{grouped}.{:02}", abs % 100)
}

// ---------------------------------------------------------------------------
// Ids and names
// ---------------------------------------------------------------------------

/// An entry or client id as typed: "12" or "#12" (positive, fits i64). None otherwise.
pub fn parse_id(s: &str) -> Option<i64> {
    let t = s.trim();
    let digits = t.strip_prefix('#').unwrap_or(t);
    // i64::from_str accepts a leading '+', which is not an id as typed.
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse::<i64>().ok().filter(|&n| n > 0)
}

/// Name key for matching: NFD-decompose, drop combining marks, lowercase, collapse runs of whitespace to one space, trim. "  Café  de   Zon " -> "cafe de zon".
pub fn fold(s: &str) -> String {
    // Lowercase before decomposing: some lowercase mappings (e.g. 'İ')
    // themselves produce combining marks that must be dropped too.
    let stripped: String = s
        .to_lowercase()
        .nfd()
        .filter(|&c| !is_combining_mark(c))
        .collect();
    stripped.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub struct Candidate<'a> {
    pub id: i64,
    pub name: &'a str,
    pub archived: bool,
}

#[derive(Debug, PartialEq, Eq)]
pub enum NameMatch {
    One(i64),
    Ambiguous(Vec<i64>),
    NoMatch { suggestion: Option<i64> },
}

const SUGGEST_THRESHOLD: f64 = 0.6;

/// Match a typed client name against candidates, on fold()ed names: an exact name first (active or archived), then among active clients a unique prefix, then a unique client with a whole word (or run of words) equal to the text, then one with a word starting with it, then a unique substring. The first step with any hit decides: several hits → Ambiguous(ids, sorted by name), no falling through (every later step would find those hits too). No match → NoMatch with the active or archived candidate closest by strsim::normalized_damerau_levenshtein on folded names if its similarity ≥ 0.6 (or whose folded name contains the query's first word), else None. Empty query → NoMatch { suggestion: None }.
pub fn match_client(query: &str, candidates: &[Candidate<'_>]) -> NameMatch {
    let q = fold(query);
    if q.is_empty() {
        return NameMatch::NoMatch { suggestion: None };
    }
    let folded: Vec<(String, &Candidate<'_>)> =
        candidates.iter().map(|c| (fold(c.name), c)).collect();

    let exact: Vec<&(String, &Candidate<'_>)> = folded.iter().filter(|(f, _)| *f == q).collect();
    if !exact.is_empty() {
        // An archived namesake should not block the active client it shadows.
        let active: Vec<_> = exact.iter().filter(|(_, c)| !c.archived).collect();
        if let [only] = active.as_slice() {
            return NameMatch::One(only.1.id);
        }
        return decide(exact);
    }

    let prefix: Vec<_> = folded
        .iter()
        .filter(|(f, c)| !c.archived && f.starts_with(&q))
        .collect();
    if !prefix.is_empty() {
        return decide(prefix);
    }
    // Words: "Café de Zon" answers to "zon" before "Boekhandel De Vries & Zonen" does, and
    // "Brouwerij 't IJ" to "ij" before every "…erij".
    let q_words = words(&q);
    if !q_words.is_empty() {
        let named: Vec<(String, &(String, &Candidate<'_>))> = folded
            .iter()
            .filter(|(_, c)| !c.archived)
            .map(|pair| (format!(" {} ", words(&pair.0)), pair))
            .collect();
        for needle in [format!(" {q_words} "), format!(" {q_words}")] {
            let hits: Vec<_> = named
                .iter()
                .filter(|(w, _)| w.contains(&needle))
                .map(|(_, pair)| *pair)
                .collect();
            if !hits.is_empty() {
                return decide(hits);
            }
        }
    }
    let substring: Vec<_> = folded
        .iter()
        .filter(|(f, c)| !c.archived && f.contains(&q))
        .collect();
    if !substring.is_empty() {
        return decide(substring);
    }

    NameMatch::NoMatch {
        suggestion: suggest(&q, &folded),
    }
}

/// A folded name's words: runs of letters and digits, one space between them
/// ("acme b.v." → "acme b v", "brouwerij 't ij" → "brouwerij t ij").
fn words(folded: &str) -> String {
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn decide(mut hits: Vec<&(String, &Candidate<'_>)>) -> NameMatch {
    if let [only] = hits.as_slice() {
        return NameMatch::One(only.1.id);
    }
    hits.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| a.1.name.cmp(b.1.name))
            .then_with(|| a.1.id.cmp(&b.1.id))
    });
    NameMatch::Ambiguous(hits.iter().map(|(_, c)| c.id).collect())
}

/// Queries longer than this get no suggestion: edit distance is quadratic in the length,
/// and nobody mistypes a name that long by one letter.
const SUGGEST_MAX_CHARS: usize = 64;

fn suggest(q: &str, folded: &[(String, &Candidate<'_>)]) -> Option<i64> {
    if q.chars().count() > SUGGEST_MAX_CHARS {
        return None;
    }
    let first_word = q.split(' ').next().unwrap_or(q);
    let mut best: Option<(f64, &String, &Candidate<'_>)> = None;
    for (f, c) in folded {
        // A typo may sit in one word of a longer name ("acne" for "ACME B.V."): compare with
        // the whole name, each word, and the name's start of the query's length.
        let head: String = f.chars().take(q.chars().count()).collect();
        let sim = std::iter::once(f.as_str())
            .chain(f.split(' '))
            .chain(std::iter::once(head.as_str()))
            .map(|part| strsim::normalized_damerau_levenshtein(q, part))
            .fold(0.0, f64::max);
        if sim < SUGGEST_THRESHOLD && !f.contains(first_word) {
            continue;
        }
        // Deterministic tie-break: higher similarity, then active, then name, then id.
        let better = match best {
            None => true,
            Some((bs, bf, bc)) => {
                let key = (bc.archived, bf.as_str(), bc.id);
                sim > bs || (sim == bs && (c.archived, f.as_str(), c.id) < key)
            }
        };
        if better {
            best = Some((sim, f, c));
        }
    }
    best.map(|(_, _, c)| c.id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn days(s: &str) -> i64 {
        match parse_date(s) {
            Ok(DateSpec::DaysFromToday(n)) => n,
            other => panic!("{s:?} gave {other:?}"),
        }
    }

    fn date_error(s: &str) -> String {
        let e = parse_date(s).unwrap_err();
        assert!(!e.contains('\n'), "multi-line error: {e}");
        assert!(e.starts_with("invalid date "), "{e}");
        e
    }

    #[test]
    fn iso_and_dmy_dates() {
        assert_eq!(
            parse_date("2026-11-26"),
            Ok(DateSpec::Absolute(d(2026, 11, 26)))
        );
        assert_eq!(
            parse_date("  26-11-2026 "),
            Ok(DateSpec::Absolute(d(2026, 11, 26)))
        );
        assert_eq!(
            parse_date("1-2-2026"),
            Ok(DateSpec::Absolute(d(2026, 2, 1)))
        );
        assert_eq!(
            parse_date("2024-02-29"),
            Ok(DateSpec::Absolute(d(2024, 2, 29)))
        );
        assert_eq!(
            parse_date("1000-01-01"),
            Ok(DateSpec::Absolute(d(1000, 1, 1)))
        );
        assert_eq!(
            parse_date("9999-12-31"),
            Ok(DateSpec::Absolute(d(9999, 12, 31)))
        );
    }

    #[test]
    fn impossible_dates_are_errors() {
        assert_eq!(
            date_error("2026-02-30"),
            "invalid date \"2026-02-30\": no such day (use YYYY-MM-DD, DD-MM-YYYY, today, yesterday, 3d ago, +2w or a weekday)"
        );
        assert!(date_error("31-04-2026").contains("no such day"));
        assert!(date_error("2026-13-01").contains("no such month"));
        assert!(date_error("2026-00-01").contains("no such month"));
        assert!(date_error("2026-01-00").contains("no such day"));
        assert!(date_error("0999-01-01").contains("year must be"));
        assert!(date_error("26-11-26").contains("4-digit year"));
        assert!(date_error("12026-11-26").contains("4-digit year"));
        assert!(date_error("2026-011-26").contains("4-digit year"));
        date_error("2026-11");
        date_error("2026--11-26");
        date_error("2026/11/26");
    }

    #[test]
    fn dutch_day_first_dates() {
        let dm = |day, month| Ok(DateSpec::DayMonth { day, month });
        assert_eq!(parse_date("5 dec"), dm(5, 12));
        assert_eq!(parse_date("5 December"), dm(5, 12));
        assert_eq!(parse_date("1 mrt."), dm(1, 3));
        assert_eq!(parse_date("17 mei"), dm(17, 5));
        assert_eq!(parse_date("3 okt"), dm(3, 10));
        assert_eq!(parse_date("5-12"), dm(5, 12));
        assert_eq!(parse_date("5/12"), dm(5, 12));
        assert_eq!(parse_date("29-2"), dm(29, 2));
        assert_eq!(
            parse_date("5/12/2026"),
            Ok(DateSpec::Absolute(d(2026, 12, 5)))
        );
        assert_eq!(
            parse_date("5 december 2026"),
            Ok(DateSpec::Absolute(d(2026, 12, 5)))
        );
        assert!(date_error("31 apr").contains("no such day"));
        assert!(date_error("5-13").contains("no such month"));
        assert!(date_error("31/2/2026").contains("no such day"));
        assert!(date_error("5 dec 26").contains("4-digit year"));
        assert!(date_error("5/12/0999").contains("year must be"));
        date_error("5 decembers");
        date_error("dec 5");
        date_error("5 dec 2026 x");
        date_error("123-12");
    }

    #[test]
    fn day_and_month_resolve_to_the_nearest_year() {
        let today = d(2026, 11, 30);
        let dm = |day, month| DateSpec::DayMonth { day, month };
        assert_eq!(
            dm(5, 12).resolve(today, DateContext::Past),
            Ok(d(2025, 12, 5))
        );
        assert_eq!(
            dm(5, 12).resolve(today, DateContext::Future),
            Ok(d(2026, 12, 5))
        );
        assert_eq!(
            dm(5, 11).resolve(today, DateContext::Past),
            Ok(d(2026, 11, 5))
        );
        assert_eq!(
            dm(5, 11).resolve(today, DateContext::Future),
            Ok(d(2027, 11, 5))
        );
        assert_eq!(dm(30, 11).resolve(today, DateContext::Past), Ok(today));
        assert_eq!(dm(30, 11).resolve(today, DateContext::Future), Ok(today));
        assert_eq!(
            dm(29, 2).resolve(today, DateContext::Past),
            Ok(d(2024, 2, 29))
        );
        assert_eq!(
            dm(29, 2).resolve(today, DateContext::Future),
            Ok(d(2028, 2, 29))
        );
        assert!(
            dm(5, 12)
                .resolve(NaiveDate::MAX, DateContext::Future)
                .is_err()
        );
        assert!(
            dm(5, 12)
                .resolve(NaiveDate::MIN, DateContext::Past)
                .is_err()
        );
    }

    #[test]
    fn keywords_english_and_dutch() {
        for (s, n) in [
            ("today", 0),
            ("TODAY", 0),
            ("yesterday", -1),
            ("tomorrow", 1),
            ("vandaag", 0),
            ("gisteren", -1),
            ("morgen", 1),
            ("eergisteren", -2),
            ("Overmorgen", 2),
        ] {
            assert_eq!(days(s), n, "{s}");
        }
    }

    #[test]
    fn relative_ago() {
        assert_eq!(days("3d ago"), -3);
        assert_eq!(days("2w ago"), -14);
        assert_eq!(days("3 days ago"), -3);
        assert_eq!(days("1 day ago"), -1);
        assert_eq!(days("1 week ago"), -7);
        assert_eq!(days("2 Weeks  Ago"), -14);
        assert_eq!(days("3 dagen geleden"), -3);
        assert_eq!(days("0d ago"), 0);
    }

    #[test]
    fn relative_signed() {
        assert_eq!(days("+3d"), 3);
        assert_eq!(days("+2w"), 14);
        assert_eq!(days("-1d"), -1);
        assert_eq!(days("+1 week"), 7);
        assert_eq!(days("+ 4 days"), 4);
        assert_eq!(days("+100000d"), 100_000);
        assert_eq!(days("-100000d"), -100_000);
    }

    #[test]
    fn relative_errors() {
        assert!(date_error("+3m").contains("months and years"));
        assert!(date_error("2y ago").contains("months and years"));
        assert!(date_error("+1 month").contains("months and years"));
        assert!(date_error("+100001d").contains("100000"));
        assert!(date_error("+14286w").contains("100000"));
        assert!(date_error("99999999999999999999999d ago").contains("100000"));
        assert!(date_error("+9223372036854775807w").contains("100000"));
        assert!(date_error("+3").contains("missing unit"));
        assert!(date_error("+3x").contains("unknown unit"));
        date_error("+d");
        date_error("ago");
        date_error("-3d ago");
    }

    #[test]
    fn weekday_names() {
        for (s, wd) in [
            ("friday", Weekday::Fri),
            ("Fri", Weekday::Fri),
            ("vrijdag", Weekday::Fri),
            ("vr", Weekday::Fri),
            ("monday", Weekday::Mon),
            ("mon", Weekday::Mon),
            ("maandag", Weekday::Mon),
            ("ma", Weekday::Mon),
            ("tue", Weekday::Tue),
            ("di", Weekday::Tue),
            ("wednesday", Weekday::Wed),
            ("wo", Weekday::Wed),
            ("thu", Weekday::Thu),
            ("donderdag", Weekday::Thu),
            ("do", Weekday::Thu),
            ("sat", Weekday::Sat),
            ("za", Weekday::Sat),
            ("sunday", Weekday::Sun),
            ("zondag", Weekday::Sun),
            ("zo", Weekday::Sun),
        ] {
            assert_eq!(parse_date(s), Ok(DateSpec::Weekday(wd)), "{s}");
        }
    }

    #[test]
    fn garbage_dates() {
        for s in ["", "   ", "fridayy", "last week", "€", "éé-éé-éééé", "1\n2"] {
            let e = date_error(s);
            assert!(e.contains(DATE_FORMS), "{e}");
        }
    }

    #[test]
    fn from_str_delegates() {
        assert_eq!("today".parse::<DateSpec>(), parse_date("today"));
        assert!("nope".parse::<DateSpec>().is_err());
    }

    #[test]
    fn resolve_offsets() {
        let today = d(2026, 11, 26);
        let r = |spec: DateSpec| spec.resolve(today, DateContext::Past);
        assert_eq!(r(DateSpec::DaysFromToday(0)), Ok(today));
        assert_eq!(r(DateSpec::DaysFromToday(-3)), Ok(d(2026, 11, 23)));
        assert_eq!(r(DateSpec::DaysFromToday(14)), Ok(d(2026, 12, 10)));
        assert_eq!(r(DateSpec::Absolute(d(2020, 1, 1))), Ok(d(2020, 1, 1)));
        assert!(
            DateSpec::DaysFromToday(1)
                .resolve(NaiveDate::MAX, DateContext::Past)
                .is_err()
        );
        assert!(
            DateSpec::DaysFromToday(-1)
                .resolve(NaiveDate::MIN, DateContext::Past)
                .is_err()
        );
        assert!(
            DateSpec::DaysFromToday(i64::MIN)
                .resolve(today, DateContext::Past)
                .is_err()
        );
        assert!(
            DateSpec::DaysFromToday(i64::MAX)
                .resolve(today, DateContext::Future)
                .is_err()
        );
    }

    #[test]
    fn resolve_weekdays() {
        // 2026-11-26 is a Thursday.
        let thu = d(2026, 11, 26);
        assert_eq!(thu.weekday(), Weekday::Thu);
        let past = |wd| DateSpec::Weekday(wd).resolve(thu, DateContext::Past);
        let future = |wd| DateSpec::Weekday(wd).resolve(thu, DateContext::Future);
        assert_eq!(past(Weekday::Thu), Ok(thu));
        assert_eq!(past(Weekday::Wed), Ok(d(2026, 11, 25)));
        assert_eq!(past(Weekday::Fri), Ok(d(2026, 11, 20)));
        assert_eq!(past(Weekday::Mon), Ok(d(2026, 11, 23)));
        assert_eq!(future(Weekday::Thu), Ok(d(2026, 12, 3)));
        assert_eq!(future(Weekday::Fri), Ok(d(2026, 11, 27)));
        assert_eq!(future(Weekday::Wed), Ok(d(2026, 12, 2)));
        assert_eq!(future(Weekday::Mon), Ok(d(2026, 11, 30)));
        assert!(
            DateSpec::Weekday(Weekday::Mon)
                .resolve(NaiveDate::MAX, DateContext::Future)
                .is_err()
        );
        assert!(
            DateSpec::Weekday(NaiveDate::MIN.weekday().succ())
                .resolve(NaiveDate::MIN, DateContext::Past)
                .is_err()
        );
    }

    fn amt(s: &str) -> (i64, Option<&'static str>) {
        let a = parse_amount(s).unwrap_or_else(|e| panic!("{s:?}: {e}"));
        let cur = a.currency.as_deref().map(|c| match c {
            "EUR" => "EUR",
            "USD" => "USD",
            "GBP" => "GBP",
            "CHF" => "CHF",
            other => panic!("unexpected currency {other}"),
        });
        (a.cents, cur)
    }

    fn amount_error(s: &str) -> String {
        let e = parse_amount(s).unwrap_err();
        assert!(!e.contains('\n'), "multi-line error: {e}");
        assert!(e.starts_with("invalid amount "), "{e}");
        e
    }

    #[test]
    fn plain_amounts() {
        assert_eq!(amt("45"), (4500, None));
        assert_eq!(amt("45.5"), (4550, None));
        assert_eq!(amt("45.50"), (4550, None));
        assert_eq!(amt("45,50"), (4550, None));
        assert_eq!(amt("0"), (0, None));
        assert_eq!(amt("0,5"), (50, None));
        assert_eq!(amt("0.05"), (5, None));
        assert_eq!(amt("1.5"), (150, None));
        assert_eq!(amt("  007 "), (700, None));
    }

    #[test]
    fn currencies() {
        assert_eq!(amt("€45,50"), (4550, Some("EUR")));
        assert_eq!(amt("€ 45,50"), (4550, Some("EUR")));
        assert_eq!(amt("45,50 €"), (4550, Some("EUR")));
        assert_eq!(amt("$12"), (1200, Some("USD")));
        assert_eq!(amt("£3.20"), (320, Some("GBP")));
        assert_eq!(amt("EUR 45"), (4500, Some("EUR")));
        assert_eq!(amt("45 EUR"), (4500, Some("EUR")));
        assert_eq!(amt("usd 3"), (300, Some("USD")));
        assert_eq!(amt("chf12"), (1200, Some("CHF")));
    }

    #[test]
    fn thousands_separators() {
        assert_eq!(amt("1.234,56"), (123_456, None));
        assert_eq!(amt("1,234.56"), (123_456, None));
        assert_eq!(amt("1.234.567,89"), (123_456_789, None));
        assert_eq!(amt("1,234,567.89"), (123_456_789, None));
        assert_eq!(amt("1 234,56"), (123_456, None));
        assert_eq!(amt("1\u{a0}234,56"), (123_456, None));
        assert_eq!(amt("€ 1 234"), (123_400, Some("EUR")));
        assert_eq!(amt("1.234.567"), (123_456_700, None));
        assert_eq!(amt("1,234,567"), (123_456_700, None));
        assert_eq!(amt("1.234,5"), (123_450, None));
        assert_eq!(amt("10.000.000"), (MAX_AMOUNT_CENTS, None));
    }

    #[test]
    fn one_separator_and_three_digits_reads_two_ways() {
        // 1.234 is one thousand two hundred and thirty-four in Dutch, one point two three four
        // in English: both readings are named, and nothing is guessed.
        assert_eq!(
            amount_error("1.234"),
            "invalid amount \"1.234\": it reads two ways, as 1234 ('.' separating thousands) \
             or as 1.234 (a decimal point); write 1234 or 1234.00 for the first, at most 2 \
             decimals for the second (use e.g. 45, 45,50, €45.50, EUR 45 or 1.234,56)"
        );
        let e = amount_error("1,234");
        assert!(e.contains("as 1234 (',' separating thousands) or as 1,234 (a decimal comma)"));
        for s in [
            "1,005",
            "€ 1.234",
            "1.234 EUR",
            "999,999",
            "12.000 euro",
            "0,500",
        ] {
            assert!(amount_error(s).contains("reads two ways"), "{s}");
        }
        // Two separators, or more than one of the same, or a space, say which is which.
        assert_eq!(amt("1.234,56"), (123_456, None));
        assert_eq!(amt("1,234.56"), (123_456, None));
        assert_eq!(amt("1 234"), (123_400, None));
        assert_eq!(amt("12,3"), (1230, None));
    }

    #[test]
    fn euro_written_out() {
        assert_eq!(amt("12,50 euro"), (1250, Some("EUR")));
        assert_eq!(amt("12,50 Euros"), (1250, Some("EUR")));
        assert_eq!(amt("euro 3"), (300, Some("EUR")));
        assert_eq!(amt("12,50 EUR"), (1250, Some("EUR")));
        assert_eq!(amt("EUR 12,50"), (1250, Some("EUR")));
        assert_eq!(amt("€ 12,50"), (1250, Some("EUR")));
        assert_eq!(amt("12,50€"), (1250, Some("EUR")));
        assert!(amount_error("€ 12,50 euro").contains("more than one currency"));
    }

    #[test]
    fn separator_errors() {
        assert!(amount_error("12,345,67").starts_with("invalid amount \"12,345,67\": "));
        assert!(amount_error("12,345,67").contains("3 digits"));
        assert!(amount_error("1.0055").contains("at most 2 decimals"));
        assert!(amount_error("1,2345").contains("at most 2 decimals"));
        assert!(amount_error("1.234.56,7.8").contains("more than once"));
        assert!(amount_error("1234.567,8").contains("3 digits"));
        assert!(amount_error("1 234.567,89").contains("mixed"));
        assert!(amount_error("0.500").contains("reads two ways"));
        assert!(amount_error("1 234.567").contains("mixed"));
        amount_error("1.23.456");
        amount_error("1,,5");
        amount_error("1.,5");
        amount_error(".5");
        amount_error("5.");
        amount_error("1  234");
        amount_error("1,23 4");
        amount_error("1,234.5.6");
    }

    #[test]
    fn amount_errors() {
        assert!(amount_error("").contains("empty"));
        assert!(amount_error("   ").contains("empty"));
        assert!(amount_error("€").contains("no number"));
        assert!(amount_error("EUR").contains("no number"));
        for s in ["-5", "-€5", "€-5", "- 5", "\u{2212}5", "-"] {
            assert!(amount_error(s).contains("cannot be negative"), "{s}");
        }
        amount_error("5-3");
        assert!(amount_error("1e9").contains("exponent"));
        assert!(amount_error("1E3").contains("exponent"));
        assert!(amount_error("1e").contains("exponent"));
        assert!(amount_error("20000000").contains("too large"));
        assert!(amount_error("10000000.01").contains("too large"));
        assert!(amount_error("99999999999999999999999999").contains("too large"));
        assert!(amount_error("€5 $").contains("more than one currency"));
        assert!(amount_error("EUR 5 USD").contains("more than one currency"));
        assert!(amount_error("€$5").contains("more than one currency"));
        assert!(amount_error("5€5").contains("more than one currency"));
        assert!(amount_error("5 eur0").contains("letters"));
        assert!(amount_error("5 eu").contains("unknown currency"));
        assert!(amount_error("abc").contains("no number"));
        assert!(amount_error("5x5").contains("letters"));
        assert!(amount_error("5é").contains("letters"));
        assert!(amount_error("5%").contains("unexpected character"));
        amount_error("ten");
        amount_error("+5");
        amount_error("5\n5");
    }

    #[test]
    fn amount_from_str() {
        assert_eq!(
            "€ 1.234,56".parse::<Amount>(),
            Ok(Amount {
                cents: 123_456,
                currency: Some("EUR".into())
            })
        );
        assert!("x".parse::<Amount>().is_err());
    }

    #[test]
    fn no_panics_on_odd_input() {
        for s in [
            "€€€",
            "ééé",
            "1.2.3,4,5",
            ",",
            ".",
            " , ",
            "€ , €",
            "e",
            "1e",
            "e1",
            "$ 1 e 2",
            "🙂5",
            "5🙂",
            "١٢٣",
            "12\u{301}",
            "1 ,5",
            "#",
            "+",
            "ago ago",
            "-",
            "+-3d",
            "--1d",
        ] {
            let _ = parse_amount(s);
            let _ = parse_date(s);
            let _ = parse_id(s);
            let _ = fold(s);
        }
    }

    #[test]
    fn money_formatting() {
        assert_eq!(format_money(4550, "EUR"), "€45.50");
        assert_eq!(format_money(123_456, "USD"), "$1,234.56");
        assert_eq!(format_money(320, "GBP"), "£3.20");
        assert_eq!(format_money(1200, "CHF"), "CHF 12.00");
        assert_eq!(format_money(1200, "chf"), "CHF 12.00");
        assert_eq!(format_money(-4550, "EUR"), "-€45.50");
        assert_eq!(format_money(-5, "CHF"), "-CHF 0.05");
        assert_eq!(format_money(0, "EUR"), "€0.00");
        assert_eq!(format_money(100_000_000, "EUR"), "€1,000,000.00");
        assert_eq!(format_money(12_345_678, "EUR"), "€123,456.78");
        assert_eq!(format_money(700, ""), "7.00");
        assert_eq!(format_money(i64::MIN, "EUR"), "-€92,233,720,368,547,758.08");
    }

    #[test]
    fn money_round_trips() {
        for cents in [0, 5, 99, 100, 123_456, MAX_AMOUNT_CENTS] {
            let shown = format_money(cents, "EUR");
            assert_eq!(parse_amount(&shown).map(|a| a.cents), Ok(cents), "{shown}");
        }
    }

    #[test]
    fn ids() {
        assert_eq!(parse_id("12"), Some(12));
        assert_eq!(parse_id("#12"), Some(12));
        assert_eq!(parse_id(" #7 "), Some(7));
        assert_eq!(parse_id("9223372036854775807"), Some(i64::MAX));
        assert_eq!(parse_id("9223372036854775808"), None);
        assert_eq!(parse_id("0"), None);
        assert_eq!(parse_id("-3"), None);
        assert_eq!(parse_id("+3"), None);
        assert_eq!(parse_id("#"), None);
        assert_eq!(parse_id("##3"), None);
        assert_eq!(parse_id(""), None);
        assert_eq!(parse_id("12a"), None);
        assert_eq!(parse_id("# 12"), None);
        assert_eq!(parse_id("١٢"), None);
    }

    #[test]
    fn folding() {
        assert_eq!(fold("  Café  de   Zon "), "cafe de zon");
        assert_eq!(fold("ÉÇÅ\tx\ny"), "eca x y");
        assert_eq!(fold("İstanbul"), "istanbul");
        assert_eq!(fold("Cafe\u{301}"), "cafe");
        assert_eq!(fold(""), "");
        assert_eq!(fold(" \u{a0} "), "");
    }

    fn cands() -> Vec<Candidate<'static>> {
        vec![
            Candidate {
                id: 1,
                name: "Café de Zon",
                archived: false,
            },
            Candidate {
                id: 2,
                name: "Bakkerij Jansen",
                archived: false,
            },
            Candidate {
                id: 3,
                name: "Bakker Bart",
                archived: false,
            },
            Candidate {
                id: 4,
                name: "Oude Klant",
                archived: true,
            },
            Candidate {
                id: 5,
                name: "Jansen & Zonen",
                archived: false,
            },
            Candidate {
                id: 6,
                name: "Archief Zonnig",
                archived: true,
            },
        ]
    }

    #[test]
    fn match_exact() {
        let c = cands();
        assert_eq!(match_client("cafe de zon", &c), NameMatch::One(1));
        assert_eq!(match_client("  CAFÉ  DE ZON ", &c), NameMatch::One(1));
        // Exact names match archived clients too.
        assert_eq!(match_client("oude klant", &c), NameMatch::One(4));
    }

    #[test]
    fn match_exact_duplicates() {
        let c = vec![
            Candidate {
                id: 10,
                name: "Zon",
                archived: true,
            },
            Candidate {
                id: 11,
                name: "zon",
                archived: false,
            },
            Candidate {
                id: 12,
                name: "Zonder",
                archived: false,
            },
        ];
        assert_eq!(match_client("zon", &c), NameMatch::One(11));
        let both_active = vec![
            Candidate {
                id: 21,
                name: "Zon",
                archived: false,
            },
            Candidate {
                id: 20,
                name: "zon",
                archived: false,
            },
        ];
        assert_eq!(
            match_client("zon", &both_active),
            NameMatch::Ambiguous(vec![21, 20])
        );
    }

    #[test]
    fn match_prefix() {
        let c = cands();
        assert_eq!(match_client("café", &c), NameMatch::One(1));
        assert_eq!(match_client("bakkerij", &c), NameMatch::One(2));
        // Sorted by name: "bakker bart" < "bakkerij jansen".
        assert_eq!(match_client("bakker", &c), NameMatch::Ambiguous(vec![3, 2]));
        // Archived clients do not take part in prefix matching.
        assert_eq!(
            match_client("oude", &c),
            NameMatch::NoMatch {
                suggestion: Some(4)
            }
        );
    }

    #[test]
    fn match_prefix_does_not_fall_through() {
        let c = vec![
            Candidate {
                id: 1,
                name: "Zon A",
                archived: false,
            },
            Candidate {
                id: 2,
                name: "Zon B",
                archived: false,
            },
            Candidate {
                id: 3,
                name: "De Zon",
                archived: false,
            },
        ];
        assert_eq!(match_client("zon", &c), NameMatch::Ambiguous(vec![1, 2]));
    }

    #[test]
    fn match_substring() {
        let c = cands();
        assert_eq!(match_client("de zon", &c), NameMatch::One(1));
        // "Jansen" is a prefix of client 5, which wins before substrings are tried.
        assert_eq!(match_client("jansen", &c), NameMatch::One(5));
        // "zon" is a whole word of "Café de Zon" only; "Jansen & Zonen" merely contains it.
        assert_eq!(match_client("zon", &c), NameMatch::One(1));
        assert_eq!(match_client("bart", &c), NameMatch::One(3));
        assert_eq!(match_client("ansen", &c), NameMatch::Ambiguous(vec![2, 5]));
    }

    fn named(names: &[&'static str]) -> Vec<Candidate<'static>> {
        names
            .iter()
            .zip(1..)
            .map(|(&name, id)| Candidate {
                id,
                name,
                archived: false,
            })
            .collect()
    }

    #[test]
    fn match_whole_word_before_word_start_before_substring() {
        let c = named(&[
            "Café de Zon",
            "Boekhandel De Vries & Zonen",
            "Brouwerij 't IJ",
            "Bakkerij Jansen",
            "ACME B.V.",
            "Zonnestraal Holding",
        ]);
        // "zon": prefix of "Zonnestraal"? No: "zonnestraal" starts with "zon" — the prefix
        // step comes first, and it is unique.
        assert_eq!(match_client("zon", &c), NameMatch::One(6));
        let c = named(&[
            "Café de Zon",
            "Boekhandel De Vries & Zonen",
            "Brouwerij 't IJ",
            "Bakkerij Jansen",
            "ACME B.V.",
        ]);
        assert_eq!(match_client("zon", &c), NameMatch::One(1));
        assert_eq!(match_client("ZÓN", &c), NameMatch::One(1));
        assert_eq!(match_client("ij", &c), NameMatch::One(3));
        assert_eq!(match_client("IJ", &c), NameMatch::One(3));
        assert_eq!(match_client("'t ij", &c), NameMatch::One(3));
        assert_eq!(match_client("de", &c), NameMatch::Ambiguous(vec![2, 1]));
        assert_eq!(match_client("zone", &c), NameMatch::One(2));
        assert_eq!(match_client("jans", &c), NameMatch::One(4));
        assert_eq!(match_client("b.v.", &c), NameMatch::One(5));
        // A whole word beats a word's start: "v" is a word of "ACME B.V.", the start of "Vries".
        assert_eq!(match_client("v", &c), NameMatch::One(5));
        assert_eq!(match_client("vri", &c), NameMatch::One(2));
        assert_eq!(match_client("b", &c), NameMatch::Ambiguous(vec![4, 2, 3]));
        assert_eq!(match_client("erij", &c), NameMatch::Ambiguous(vec![4, 3]));
        assert_eq!(
            match_client("houwerij", &c),
            NameMatch::NoMatch {
                suggestion: Some(3)
            }
        );
        // Punctuation alone has no words: only the substring step can find it.
        assert_eq!(match_client("&", &c), NameMatch::One(2));
    }

    #[test]
    fn match_none_with_suggestion() {
        let c = cands();
        assert_eq!(
            match_client("cafe de zun", &c),
            NameMatch::NoMatch {
                suggestion: Some(1)
            }
        );
        assert_eq!(
            match_client("bakkerij jansne", &c),
            NameMatch::NoMatch {
                suggestion: Some(2)
            }
        );
        // Far from every name, but the first word appears in one.
        assert_eq!(
            match_client("zonnig en warm weer", &c),
            NameMatch::NoMatch {
                suggestion: Some(6)
            }
        );
        assert_eq!(
            match_client("xyzzy", &c),
            NameMatch::NoMatch { suggestion: None }
        );
    }

    #[test]
    fn match_empty() {
        let c = cands();
        assert_eq!(
            match_client("", &c),
            NameMatch::NoMatch { suggestion: None }
        );
        assert_eq!(
            match_client("  \t ", &c),
            NameMatch::NoMatch { suggestion: None }
        );
        assert_eq!(
            match_client("zon", &[]),
            NameMatch::NoMatch { suggestion: None }
        );
    }
}
