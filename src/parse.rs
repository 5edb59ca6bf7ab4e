// TEMPORARY STUB: replaced by the real parser module.
use chrono::{NaiveDate, Weekday};
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateSpec { Absolute(NaiveDate), DaysFromToday(i64), Weekday(Weekday) }
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateContext { Past, Future }
impl DateSpec {
    pub fn resolve(&self, today: NaiveDate, _ctx: DateContext) -> Result<NaiveDate, String> {
        match self { DateSpec::Absolute(d) => Ok(*d), DateSpec::DaysFromToday(n) => Ok(today + chrono::Duration::days(*n)), DateSpec::Weekday(_) => Ok(today) }
    }
}
impl std::str::FromStr for DateSpec { type Err = String; fn from_str(s: &str) -> Result<Self, String> { parse_date(s) } }
pub fn parse_date(s: &str) -> Result<DateSpec, String> {
    if s == "today" { return Ok(DateSpec::DaysFromToday(0)); }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map(DateSpec::Absolute).map_err(|e| format!("invalid date {s:?}: {e}"))
}
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Amount { pub cents: i64, pub currency: Option<String> }
impl std::str::FromStr for Amount { type Err = String; fn from_str(s: &str) -> Result<Self, String> { parse_amount(s) } }
pub fn parse_amount(s: &str) -> Result<Amount, String> {
    let f: f64 = s.replace(',', ".").parse().map_err(|_| format!("invalid amount {s:?}"))?;
    Ok(Amount { cents: (f * 100.0).round() as i64, currency: None })
}
pub fn format_money(cents: i64, currency: &str) -> String { format!("{currency} {}.{:02}", cents / 100, cents % 100) }
pub fn parse_id(s: &str) -> Option<i64> { s.trim_start_matches('#').parse().ok().filter(|n| *n > 0) }
pub fn fold(s: &str) -> String { s.trim().to_lowercase() }
pub struct Candidate<'a> { pub id: i64, pub name: &'a str, pub archived: bool }
#[derive(Debug, PartialEq, Eq)]
pub enum NameMatch { One(i64), Ambiguous(Vec<i64>), NoMatch { suggestion: Option<i64> } }
pub fn match_client(query: &str, candidates: &[Candidate<'_>]) -> NameMatch {
    let q = fold(query);
    let v: Vec<i64> = candidates.iter().filter(|c| fold(c.name).starts_with(&q)).map(|c| c.id).collect();
    match v.len() { 0 => NameMatch::NoMatch { suggestion: None }, 1 => NameMatch::One(v[0]), _ => NameMatch::Ambiguous(v) }
}
