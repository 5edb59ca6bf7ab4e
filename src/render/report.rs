//! The report as text: a terminal page, GitHub-flavoured markdown, or CSV score rows.

use std::fmt::Write as _;

use anyhow::Result;

use chrono::{Datelike, NaiveDate};

use crate::i18n::{self, Lang, Msg, format as f, t};
use crate::report::{Activity, Effect, Period, Report, Said, Upcoming};

fn nl() -> bool {
    i18n::lang() == Lang::Nl
}

/// The period as a title: "week 48, 23–29 Nov 2026" / "week 48, 23–29 nov 2026".
pub fn period_title(p: &Period) -> String {
    period_title_in(p, i18n::lang())
}

fn period_title_in(p: &Period, lang: Lang) -> String {
    if lang == Lang::En {
        return p.title();
    }
    let (a, b) = (p.since, p.until);
    let span = if a.year() != b.year() {
        format!(
            "{} – {}",
            f::short_date(a, Lang::Nl),
            f::short_date(b, Lang::Nl)
        )
    } else if a.month() != b.month() {
        format!(
            "{} – {}",
            f::day_month(a, Lang::Nl),
            f::short_date(b, Lang::Nl)
        )
    } else {
        format!("{}–{}", a.day(), f::short_date(b, Lang::Nl))
    };
    match &p.iso_week {
        Some(_) => i18n::t_in(
            lang,
            Msg::PeriodWeek,
            &[("n", &a.iso_week().week()), ("span", &span)],
        ),
        None => span,
    }
}

fn days(n: i64) -> String {
    i18n::plural(n, Msg::Day1, Msg::DayN, &[])
}

/// A date in a line of the page: "Mon 30 Nov" / "ma 30 nov".
pub fn day(d: NaiveDate) -> String {
    f::weekday_day(d, i18n::lang())
}

/// An item of the report in the screen's language: the English `message` as it is, else its
/// data (`said`) put into words for `client`.
pub fn said<'a>(message: &'a str, said: &Said, client: &str) -> std::borrow::Cow<'a, str> {
    if !nl() {
        return message.into();
    }
    dutch(said, client).into()
}

fn dutch(said: &Said, client: &str) -> String {
    let l = Lang::Nl;
    let name: &dyn std::fmt::Display = &client;
    match said {
        Said::ScoreDrop { points, overall } => t(
            Msg::SaidScoreDrop,
            &[
                ("name", name),
                (
                    "points",
                    &i18n::plural(*points, Msg::Point1, Msg::PointN, &[]),
                ),
                ("overall", overall),
            ],
        ),
        Said::NotInformed { id, what, days: n } => t(
            Msg::SaidNotInformed,
            &[
                ("name", name),
                ("id", id),
                ("what", what),
                ("days", &days(*n)),
            ],
        ),
        Said::IncidentOpen { id, what, days: n } => t(
            Msg::SaidIncidentOpen,
            &[("id", id), ("what", what), ("days", &days(*n))],
        ),
        Said::Overdue { id, what, days: n } => t(
            Msg::SaidOverdue,
            &[("id", id), ("what", what), ("days", &days(*n))],
        ),
        Said::Due {
            id,
            what,
            days: n,
            date,
        } => {
            let date = f::weekday_day(*date, l);
            if *n == 0 {
                t(
                    Msg::SaidDueToday,
                    &[("id", id), ("what", what), ("date", &date)],
                )
            } else {
                t(
                    Msg::SaidDueIn,
                    &[
                        ("id", id),
                        ("what", what),
                        ("days", &days(*n)),
                        ("date", &date),
                    ],
                )
            }
        }
        Said::MilestoneUnmarked { id, what, days: n } => t(
            Msg::SaidMilestone,
            &[("id", id), ("what", what), ("days", &days(*n))],
        ),
        Said::Cadence {
            days: n,
            cadence,
            ever,
        } => t(
            if *ever {
                Msg::SaidCadenceSince
            } else {
                Msg::SaidCadenceNever
            },
            &[("name", name), ("days", &days(*n)), ("cadence", cadence)],
        ),
        Said::GiftBudget {
            year,
            spent,
            budget,
            currency,
        } => t(
            if spent > budget {
                Msg::SaidBudgetOver
            } else {
                Msg::SaidBudgetClose
            },
            &[
                ("name", name),
                ("year", year),
                ("spent", &f::money(*spent, currency, l)),
                ("budget", &f::money(*budget, currency, l)),
            ],
        ),
        Said::Holiday { name } => i18n::holiday_nl(name).to_string(),
        Said::Anniversary { years, date } => t(
            Msg::SaidAnniversary,
            &[
                ("years", &i18n::plural(*years, Msg::Year1, Msg::YearN, &[])),
                ("name", name),
                ("date", &f::day_month(*date, l)),
            ],
        ),
        Said::CommitmentDue { id, what, archived } => {
            let mark = if *archived {
                t(Msg::SaidArchivedMark, &[])
            } else {
                String::new()
            };
            t(
                Msg::SaidCommitmentDue,
                &[("id", id), ("what", what), ("name", name), ("mark", &mark)],
            )
        }
        Said::Birthday {
            person,
            client,
            age,
            date,
            marked,
        } => {
            let date = f::day_month(*date, l);
            let mut s = match age {
                Some(age) => t(
                    Msg::SaidTurns,
                    &[
                        ("person", person),
                        ("client", client),
                        ("age", age),
                        ("date", &date),
                    ],
                ),
                None => t(
                    Msg::SaidBirthday,
                    &[("person", person), ("client", client), ("date", &date)],
                ),
            };
            if let Some((kind, id)) = marked {
                s.push_str(&t(
                    Msg::SaidMarkedBy,
                    &[("kind", &i18n::word(kind.as_str())), ("id", id)],
                ));
            }
            s
        }
        Said::Deliver { id, what } => t(Msg::SaidDeliver, &[("id", id), ("what", what)]),
        Said::Inform { id } => t(Msg::SaidInform, &[("name", name), ("id", id)]),
        Said::Resolve { id, what } => t(Msg::SaidResolve, &[("id", id), ("what", what)]),
        Said::Compliment => t(Msg::SaidCompliment, &[("name", name)]),
        Said::Touch => t(Msg::SaidTouch, &[("name", name)]),
    }
}

fn spend(a: &Activity) -> String {
    if a.gifts.spend.is_empty() {
        return String::new();
    }
    if nl() {
        let parts: Vec<String> = a
            .gifts
            .spend
            .iter()
            .map(|m| f::money(m.cents, &m.currency, Lang::Nl))
            .collect();
        return format!(" ({})", parts.join(" + "));
    }
    let parts: Vec<&str> = a.gifts.spend.iter().map(|m| m.display.as_str()).collect();
    format!(" ({})", parts.join(" + "))
}

fn activity_lines(a: &Activity) -> [String; 2] {
    if nl() {
        let n = |k: usize| k as i64;
        let c = &a.commitments;
        let i = &a.incidents;
        return [
            t(
                Msg::ActivityGifts,
                &[
                    (
                        "gifts",
                        &i18n::plural(n(a.gifts.count), Msg::Gift1, Msg::GiftN, &[]),
                    ),
                    ("spend", &spend(a)),
                    (
                        "compliments",
                        &i18n::plural(n(a.compliments), Msg::Compliment1, Msg::ComplimentN, &[]),
                    ),
                    (
                        "milestones",
                        &i18n::plural(n(a.milestones), Msg::Milestone1, Msg::MilestoneN, &[]),
                    ),
                    (
                        "touches",
                        &i18n::plural(n(a.touches), Msg::Touch1, Msg::TouchN, &[]),
                    ),
                ],
            ),
            t(
                Msg::ActivityTrust,
                &[
                    ("kept", &c.kept),
                    ("late", &c.late),
                    ("missed", &c.missed),
                    ("opened", &i.opened),
                    ("resolved", &i.resolved),
                ],
            ),
        ];
    }
    [
        format!(
            "gifts {}{} · compliments {} · milestones {} · touches {}",
            a.gifts.count,
            spend(a),
            a.compliments,
            a.milestones,
            a.touches
        ),
        format!(
            "commitments: {} on time, {} late, {} missed · incidents: {} opened, {} resolved",
            a.commitments.kept,
            a.commitments.late,
            a.commitments.missed,
            a.incidents.opened,
            a.incidents.resolved
        ),
    ]
}

pub fn effect(e: &Effect) -> String {
    let mut parts = Vec::new();
    for (name, v) in [
        ("appreciation", e.appreciation),
        ("trust", e.trust),
        ("passion", e.passion),
    ] {
        if v != 0 {
            parts.push(format!("{} {v:+}", i18n::word(name)));
        }
    }
    parts.push(format!("{} {:+}", i18n::word("overall"), e.overall));
    parts.join(", ")
}

/// Lines of two columns, the second wrapped to fit `total` columns. (Plain textwrap: a
/// general table took longer to lay out a thousand attention lines than the report took to
/// compute.) Too narrow for two columns, the key goes on a line of its own.
fn wrapped(out: &mut String, rows: &[(String, &str)], total: usize) {
    let key = rows.iter().map(|(a, _)| super::width(a)).max().unwrap_or(0);
    let side = total < key + 4 + 20;
    let (width, indent) = if side {
        (total.saturating_sub(4).max(1), 4)
    } else {
        (total - key - 4, key + 4)
    };
    let opts = textwrap::Options::new(width)
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    let mut lines: Vec<&str> = Vec::new();
    for (a, b) in rows {
        if side {
            let _ = writeln!(out, "  {a}");
        }
        let mut put = |i: usize, line: &str| {
            if i == 0 && !side {
                let pad = " ".repeat(key - super::width(a));
                let _ = writeln!(out, "  {pad}{a}  {line}");
            } else {
                let _ = writeln!(out, "{:indent$}{line}", "");
            }
        };
        if plain_words(b, width, &mut lines) {
            for (i, line) in lines.iter().enumerate() {
                put(i, line);
            }
        } else {
            let b = super::printable(b.to_string());
            let b = super::table::keep_amounts_whole(&b);
            for (i, line) in textwrap::wrap(&b, &opts).iter().enumerate() {
                put(i, &line.replace('\u{a0}', " "));
            }
        }
    }
}

/// A line of the page, wrapped to `total` columns with `indent` spaces before each part.
fn para(out: &mut String, text: &str, indent: usize, total: usize) {
    let room = total.saturating_sub(indent).max(1);
    for l in super::table::wrap(text, room) {
        let _ = writeln!(out, "{:indent$}{l}", "");
    }
}

/// Wraps the common case cheaply, in one pass over the bytes: printable ASCII words, one
/// space apart, none wider than `width`. Gives the lines textwrap's first-fit gives (a test
/// holds the two together) and true; false for anything else (`lines` then holds no
/// meaning).
fn plain_words<'a>(text: &'a str, width: usize, lines: &mut Vec<&'a str>) -> bool {
    let b = text.as_bytes();
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    lines.clear();
    // The current line starts at `start`; the last word that fits on it ends at `end`.
    let (mut start, mut end, mut word) = (0, 0, 0);
    for i in 0..=b.len() {
        match b.get(i) {
            Some(b' ') | None => {
                if (i == word && i < b.len()) || i - word > width {
                    return false;
                }
                if i - start > width && end > start {
                    lines.push(&text[start..end]);
                    start = end + 1;
                }
                end = i;
                word = i + 1;
            }
            Some(c) if c.is_ascii_graphic() => {}
            Some(_) => return false,
        }
    }
    lines.push(&text[start..]);
    true
}

fn upcoming_text(u: &Upcoming) -> std::borrow::Cow<'_, str> {
    let client = u.client.as_ref().map_or("", |c| c.name.as_str());
    said(&u.message, &u.said, client)
}

fn upcoming_line(u: &Upcoming) -> String {
    format!("{}  {}", day(u.date), upcoming_text(u))
}

/// The score rows: names are cut with `…` to what the terminal leaves them; the numbers and
/// the band are never split, and below the width they need the table becomes a list.
fn score_table(out: &mut String, r: &Report, color: bool, total: usize) {
    // Borderless, so that the 12-week trend fits beside the rest in 80 columns.
    let mut t = super::Table::new([
        "client", "appr.", "trust", "pass.", "overall", "band", "week", "12 weeks",
    ])
    .free(&["client"], super::Fit::Cut)
    .right(&["appr.", "trust", "pass.", "overall"])
    .plain();
    for s in &r.scores {
        let mut row = super::score::cells(s, color);
        row.push(super::score::spark(
            s.trend_12w.as_deref().unwrap_or_default(),
        ));
        t.row_trusted(row);
    }
    out.push_str(&t.draw(total));
}

/// The sections "Needs attention" and "Coming up".
fn attention_and_coming_up(out: &mut String, r: &Report, total: usize) {
    let _ = writeln!(out, "\n{}", t(Msg::ReportNeedsAttention, &[]));
    if r.attention.is_empty() {
        let _ = writeln!(out, "  {}", t(Msg::ReportNothingWellDone, &[]));
    }
    let texts: Vec<std::borrow::Cow<'_, str>> = r
        .attention
        .iter()
        .map(|a| said(&a.message, &a.said, &a.client.name))
        .collect();
    let rows: Vec<(String, &str)> = r
        .attention
        .iter()
        .zip(&texts)
        .map(|(a, text)| {
            let id = a
                .entry
                .map(|e| format!("#{e}"))
                .unwrap_or_else(|| "-".into());
            (id, text.as_ref())
        })
        .collect();
    wrapped(out, &rows, total);
    let _ = writeln!(out, "\n{}", t(Msg::ReportComingUp, &[]));
    if r.upcoming.is_empty() {
        let _ = writeln!(out, "  {}", t(Msg::ReportNothing, &[]));
    }
    let texts: Vec<std::borrow::Cow<'_, str>> = r.upcoming.iter().map(upcoming_text).collect();
    let rows: Vec<(String, &str)> = r
        .upcoming
        .iter()
        .zip(&texts)
        .map(|(u, text)| (day(u.date), text.as_ref()))
        .collect();
    wrapped(out, &rows, total);
}

/// `relaties` with no command: what needs attention and what is coming up.
pub fn overview(r: &Report, total: usize) -> String {
    let mut out = String::new();
    attention_and_coming_up(&mut out, r, total);
    out.remove(0);
    out
}

/// `relaties` with no command and no ledger yet.
pub fn welcome(path: &std::path::Path) -> String {
    t(Msg::Welcome, &[("path", &path.display())])
}

/// The terminal page, laid out for `total` columns.
pub fn table(r: &Report, color: bool, total: usize) -> String {
    let mut out = String::with_capacity(4096 + 100 * (r.scores.len() + r.attention.len()));
    let as_of = if nl() {
        f::long_date(r.as_of, Lang::Nl)
    } else {
        r.as_of.to_string()
    };
    para(
        &mut out,
        &t(
            Msg::ReportTitle,
            &[("period", &period_title(&r.period)), ("as_of", &as_of)],
        ),
        0,
        total,
    );
    let _ = writeln!(out, "\n{}", t(Msg::ReportScores, &[]));
    if r.scores.is_empty() {
        let _ = writeln!(out, "  {}", t(Msg::ReportNoClients, &[]));
    } else {
        score_table(&mut out, r, color, total);
    }
    let _ = writeln!(out, "\n{}", t(Msg::ReportThisPeriod, &[]));
    for l in activity_lines(&r.activity) {
        para(&mut out, &l, 2, total);
    }
    attention_and_coming_up(&mut out, r, total);
    let _ = writeln!(out, "\n{}", t(Msg::ReportWouldHelp, &[]));
    if r.actions.is_empty() {
        let _ = writeln!(out, "  {}", t(Msg::ReportNothingStandsOut, &[]));
    }
    let lines: Vec<String> = r
        .actions
        .iter()
        .map(|a| {
            format!(
                "{}: {}",
                said(&a.message, &a.said, &a.client.name),
                effect(&a.effect)
            )
        })
        .collect();
    let rows: Vec<(String, &str)> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| (format!("{}.", i + 1), l.as_str()))
        .collect();
    wrapped(&mut out, &rows, total);
    out
}

/// Escapes text for a markdown list item or table cell, so that it renders as typed: the
/// characters that open inline markup (emphasis, code, links, HTML, strikethrough, cell
/// borders) get a backslash, and so does an `&` that would start a character reference.
/// Line breaks become spaces. A test holds the rendering to a CommonMark parser.
fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for (i, c) in s.char_indices() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '&' if starts_reference(&s[i + 1..]) => out.push_str("\\&"),
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// Whether text after an `&` reads as a character reference (`amp;`, `#38;`, `#x26;`).
fn starts_reference(rest: &str) -> bool {
    let body: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '#')
        .collect();
    !body.is_empty() && rest[body.len()..].starts_with(';')
}

pub fn markdown(r: &Report) -> String {
    let as_of = if nl() {
        f::long_date(r.as_of, Lang::Nl)
    } else {
        r.as_of.to_string()
    };
    let mut out = format!(
        "# {}\n\n{}\n\n",
        t(Msg::ReportTitleMd, &[("period", &period_title(&r.period))]),
        t(Msg::ReportAsOfMd, &[("as_of", &as_of)])
    );
    let _ = writeln!(out, "## {}\n", t(Msg::ReportScores, &[]));
    let _ = writeln!(out, "{}", t(Msg::ReportMdHeader, &[]));
    out.push_str("|---|---:|---:|---:|---:|---|---:|---|\n");
    for s in &r.scores {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {:+} | {} |\n",
            md(&s.client.name),
            s.appreciation,
            s.trust,
            s.passion,
            s.overall,
            i18n::word(s.band),
            s.trend.overall,
            super::score::spark(s.trend_12w.as_deref().unwrap_or_default())
        ));
    }
    let _ = writeln!(out, "\n## {}\n", t(Msg::ReportThisPeriod, &[]));
    for l in activity_lines(&r.activity) {
        out.push_str(&format!("- {}\n", md(&l)));
    }
    let _ = writeln!(out, "\n## {}\n", t(Msg::ReportNeedsAttention, &[]));
    if r.attention.is_empty() {
        let _ = writeln!(out, "{}", t(Msg::ReportNothingMd, &[]));
    }
    for a in &r.attention {
        let id = a.entry.map(|e| format!("#{e} ")).unwrap_or_default();
        let text = said(&a.message, &a.said, &a.client.name);
        out.push_str(&format!("- {id}{}\n", md(&text)));
    }
    let _ = writeln!(out, "\n## {}\n", t(Msg::ReportComingUpMd, &[]));
    if r.upcoming.is_empty() {
        let _ = writeln!(out, "{}", t(Msg::ReportNothingMd, &[]));
    }
    for u in &r.upcoming {
        out.push_str(&format!("- {}\n", md(&upcoming_line(u))));
    }
    let _ = writeln!(out, "\n## {}\n", t(Msg::ReportWouldHelp, &[]));
    if r.actions.is_empty() {
        let _ = writeln!(out, "{}", t(Msg::ReportNothingStandsOutMd, &[]));
    }
    for (i, a) in r.actions.iter().enumerate() {
        out.push_str(&format!(
            "{}. {}: {}\n",
            i + 1,
            md(&said(&a.message, &a.said, &a.client.name)),
            effect(&a.effect)
        ));
    }
    out
}

/// The report in a pipe: its sections as tab-separated blocks, each with a header line
/// naming its columns, a blank line between blocks. Dates are ISO, amounts have a decimal
/// point, empty cells are empty.
pub fn tsv(r: &Report) -> String {
    let blocks = tsv_blocks(r);
    let parts: Vec<String> = blocks.iter().map(super::Table::tsv).collect();
    parts.join("\n")
}

/// The "Needs attention" and "Coming up" blocks of `tsv`.
pub fn tsv_overview(r: &Report) -> String {
    let blocks = tsv_blocks(r);
    let parts: Vec<String> = blocks[2..4].iter().map(super::Table::tsv).collect();
    parts.join("\n")
}

/// Scores, the period, needs attention, coming up, actions.
fn tsv_blocks(r: &Report) -> [super::Table; 5] {
    use super::Table;
    let mut t = Table::new([
        "client_id",
        "client",
        "appreciation",
        "trust",
        "passion",
        "overall",
        "band",
        "week",
        "trend_12w",
    ]);
    for s in &r.scores {
        t.row([
            s.client.id.to_string(),
            s.client.name.clone(),
            s.appreciation.to_string(),
            s.trust.to_string(),
            s.passion.to_string(),
            s.overall.to_string(),
            s.band.to_string(),
            s.trend.overall.to_string(),
            super::score::numbers(s.trend_12w.as_deref().unwrap_or_default()),
        ]);
    }
    let scores = t;
    let a = &r.activity;
    let mut t = Table::new([
        "since",
        "until",
        "iso_week",
        "gifts",
        "spend",
        "compliments",
        "milestones",
        "touches",
        "on_time",
        "late",
        "missed",
        "incidents_opened",
        "incidents_resolved",
    ]);
    let spend: Vec<String> = a
        .gifts
        .spend
        .iter()
        .map(|m| format!("{}.{:02} {}", m.cents / 100, m.cents % 100, m.currency))
        .collect();
    t.row([
        r.period.since.to_string(),
        r.period.until.to_string(),
        r.period.iso_week.clone().unwrap_or_default(),
        a.gifts.count.to_string(),
        spend.join(" + "),
        a.compliments.to_string(),
        a.milestones.to_string(),
        a.touches.to_string(),
        a.commitments.kept.to_string(),
        a.commitments.late.to_string(),
        a.commitments.missed.to_string(),
        a.incidents.opened.to_string(),
        a.incidents.resolved.to_string(),
    ]);
    let period = t;
    let mut t = Table::new(["attention", "entry", "client_id", "client", "message"]);
    for x in &r.attention {
        t.row([
            x.kind.to_string(),
            x.entry.map(|e| e.to_string()).unwrap_or_default(),
            x.client.id.to_string(),
            x.client.name.clone(),
            x.message.clone(),
        ]);
    }
    let attention = t;
    let mut t = Table::new(["coming_up", "date", "client_id", "client", "message"]);
    for u in &r.upcoming {
        t.row([
            u.kind.to_string(),
            u.date.to_string(),
            u.client
                .as_ref()
                .map(|c| c.id.to_string())
                .unwrap_or_default(),
            u.client
                .as_ref()
                .map(|c| c.name.clone())
                .unwrap_or_default(),
            u.message.clone(),
        ]);
    }
    let upcoming = t;
    let mut t = Table::new([
        "action",
        "entry",
        "client_id",
        "client",
        "message",
        "appreciation",
        "trust",
        "passion",
        "overall",
    ]);
    for x in &r.actions {
        t.row([
            x.action.to_string(),
            x.entry.map(|e| e.to_string()).unwrap_or_default(),
            x.client.id.to_string(),
            x.client.name.clone(),
            x.message.clone(),
            x.effect.appreciation.to_string(),
            x.effect.trust.to_string(),
            x.effect.passion.to_string(),
            x.effect.overall.to_string(),
        ]);
    }
    let actions = t;
    [scores, period, attention, upcoming, actions]
}

/// The score rows, one per active client, lowest overall first.
pub fn csv(r: &Report) -> Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "client_id",
        "client",
        "as_of",
        "appreciation",
        "trust",
        "passion",
        "overall",
        "band",
        "trend_appreciation",
        "trend_trust",
        "trend_passion",
        "trend_overall",
        "trend_12w",
    ])?;
    for s in &r.scores {
        w.write_record([
            s.client.id.to_string(),
            s.client.name.clone(),
            s.as_of.to_string(),
            s.appreciation.to_string(),
            s.trust.to_string(),
            s.passion.to_string(),
            s.overall.to_string(),
            s.band.to_string(),
            s.trend.appreciation.to_string(),
            s.trend.trust.to_string(),
            s.trend.passion.to_string(),
            s.trend.overall.to_string(),
            super::score::numbers(s.trend_12w.as_deref().unwrap_or_default()),
        ])?;
    }
    Ok(String::from_utf8(w.into_inner()?)?)
}

#[cfg(test)]
mod tests {
    use super::{md, plain_words};

    #[test]
    fn dutch_period_titles() {
        use crate::i18n::Lang;
        use crate::report::Period;
        let d = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date");
        let title = |p: &Period| super::period_title_in(p, Lang::Nl);
        assert_eq!(
            title(&Period::week_of(d("2026-11-30"))),
            "week 49, 30 nov – 6 dec 2026"
        );
        assert_eq!(
            title(&Period::days_ending(d("2026-11-30"))),
            "24–30 nov 2026"
        );
        assert_eq!(
            title(&Period::week_of(d("2027-01-01"))),
            "week 53, 28 dec 2026 – 3 jan 2027"
        );
        assert_eq!(
            super::period_title_in(&Period::week_of(d("2026-11-27")), Lang::En),
            "week 48, 23–29 Nov 2026"
        );
    }
    use proptest::prelude::*;

    fn textwrap_lines(text: &str, width: usize) -> Vec<String> {
        let opts = textwrap::Options::new(width)
            .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit)
            .word_separator(textwrap::WordSeparator::AsciiSpace)
            .word_splitter(textwrap::WordSplitter::NoHyphenation);
        textwrap::wrap(text, opts)
            .into_iter()
            .map(|l| l.into_owned())
            .collect()
    }

    #[test]
    fn wraps_plain_words_as_textwrap_does() {
        let text = "tell Van Dijk Advocaten about incident #55 (server outage) today: they do not know yet";
        let mut lines = Vec::new();
        assert!(plain_words(text, 30, &mut lines));
        assert_eq!(lines, textwrap_lines(text, 30));
        assert_eq!(lines.len(), 3);
        assert!(plain_words("", 30, &mut lines));
        assert_eq!(lines, [""]);
    }

    #[test]
    fn leaves_everything_else_to_textwrap() {
        let mut lines = Vec::new();
        for text in [
            "two  spaces",
            " leading",
            "trailing ",
            "café au lait",
            "tab\there",
            "x".repeat(31).as_str(),
        ] {
            assert!(!plain_words(text, 30, &mut lines), "{text:?}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]
        #[test]
        fn agrees_with_textwrap(words in proptest::collection::vec("[a-z#(),.:0-9]{1,12}", 0..30), width in 12usize..80) {
            let text = words.join(" ");
            let mut lines = Vec::new();
            prop_assert!(plain_words(&text, width, &mut lines));
            prop_assert_eq!(lines, textwrap_lines(&text, width));
        }
    }

    /// The text a CommonMark (GitHub-flavoured) parser sees in `doc`, inline code included.
    fn rendered(doc: &str) -> String {
        use pulldown_cmark::{Event, Options, Parser};
        let mut text = String::new();
        for e in Parser::new_ext(doc, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH) {
            match e {
                Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                    text.push_str(&t)
                }
                Event::SoftBreak | Event::HardBreak => text.push(' '),
                _ => {}
            }
        }
        text
    }

    #[test]
    fn markdown_text_renders_as_typed() {
        for s in [
            "deliver *bold* _x_ today",
            "Pipe | Co \"quoted\"",
            "R&D &amp; &#38; &copy; Kees & Co",
            "<b>html</b> and [a link](http://x) and `code` and ~~gone~~ \\ back",
            "2 * 3 = 6, snake_case_name, a_b",
        ] {
            assert_eq!(rendered(&format!("- {}\n", md(s))), s, "list item {s:?}");
            let table = format!("| a |\n|---|\n| {} |\n", md(s));
            assert_eq!(rendered(&table), format!("a{s}"), "table cell {s:?}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]
        #[test]
        fn any_text_renders_as_typed(s in "[a-zA-Z][ -~éü€]{0,40}[a-zA-Z0-9]") {
            prop_assert_eq!(rendered(&format!("- {}\n", md(&s))), s.clone());
            let table = format!("| a |\n|---|\n| {} |\n", md(&s));
            prop_assert_eq!(rendered(&table), format!("a{s}"));
        }
    }
}
