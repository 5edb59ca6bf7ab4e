//! The report as text: a terminal page, GitHub-flavoured markdown, or CSV score rows.

use std::fmt::Write as _;

use anyhow::Result;

use super::score::{arrow, band};
use crate::report::{Activity, Effect, Report, Upcoming};

fn spend(a: &Activity) -> String {
    if a.gifts.spend.is_empty() {
        return String::new();
    }
    let parts: Vec<&str> = a.gifts.spend.iter().map(|m| m.display.as_str()).collect();
    format!(" ({})", parts.join(" + "))
}

fn activity_lines(a: &Activity) -> [String; 2] {
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
            parts.push(format!("{name} {v:+}"));
        }
    }
    parts.push(format!("overall {:+}", e.overall));
    parts.join(", ")
}

/// Lines of two columns, the second wrapped to fit 80 columns. (Plain textwrap: comfy-table
/// took longer to lay out a thousand attention lines than the report took to compute.)
fn wrapped(out: &mut String, rows: &[(String, &str)]) {
    let key = rows
        .iter()
        .map(|(a, _)| a.chars().count())
        .max()
        .unwrap_or(0);
    let width = 80usize.saturating_sub(key + 4).max(20);
    let opts = textwrap::Options::new(width)
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    let mut lines: Vec<&str> = Vec::new();
    for (a, b) in rows {
        let mut put = |i: usize, line: &str| {
            if i == 0 {
                let _ = writeln!(out, "  {a:>key$}  {line}");
            } else {
                let _ = writeln!(out, "{:indent$}{line}", "", indent = key + 4);
            }
        };
        if plain_words(b, width, &mut lines) {
            for (i, line) in lines.iter().enumerate() {
                put(i, line);
            }
        } else {
            let b = super::printable(b.to_string());
            for (i, line) in textwrap::wrap(&b, &opts).iter().enumerate() {
                put(i, line);
            }
        }
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

fn upcoming_line(u: &Upcoming) -> String {
    format!("{}  {}", u.date.format("%a %-d %b"), u.message)
}

/// The widest client name the score table shows (the other columns take 59 of 80).
const NAME_WIDTH: usize = 21;

/// `s` cut to `width` characters, with an ellipsis when cut.
fn fit(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        s.to_string()
    } else {
        let mut cut: String = s.chars().take(width.saturating_sub(1)).collect();
        cut.push('…');
        cut
    }
}

/// The score rows in a fixed layout that fits 80 columns: the client, the three principles,
/// overall, band, the week's move and the trend of the last 12 weekly overall scores (a
/// sparkline on a terminal, the numbers in a pipe). Laid out by hand because it is the one
/// table that grows with the ledger: comfy-table took longer to lay out 1,000 rows than the
/// report took to score them. Borderless, so that the trend fits beside the rest.
fn score_table(out: &mut String, r: &Report, color: bool, tty: bool) {
    let names: Vec<String> = r
        .scores
        .iter()
        .map(|s| fit(&super::printable(s.client.name.clone()), NAME_WIDTH))
        .collect();
    let wn = names
        .iter()
        .map(|n| n.chars().count())
        .max()
        .unwrap_or(0)
        .max("client".len());
    let _ = writeln!(
        out,
        "  {:<wn$}  appr. trust pass.  overall  band     week  12 weeks",
        "client"
    );
    for (s, name) in r.scores.iter().zip(&names) {
        let trend = s.trend_12w.as_deref().unwrap_or_default();
        let trend = if tty {
            super::score::spark(trend)
        } else {
            super::score::numbers(trend)
        };
        // `{:<w$}` pads by characters, as the widths count them; the band is padded before
        // it is coloured, since escape codes take no columns.
        let _ = writeln!(
            out,
            "  {name:<wn$}  {:>5} {:>5} {:>5}  {:>7}  {}  {:<4}  {trend}",
            s.appreciation,
            s.trust,
            s.passion,
            s.overall,
            band(&format!("{:<7}", s.band), color),
            arrow(s.trend.overall),
        );
    }
}

/// The terminal page; it fits 80 columns. `tty`: the trend as a sparkline (else numbers).
pub fn table(r: &Report, color: bool, tty: bool) -> String {
    let mut out = String::with_capacity(4096 + 100 * (r.scores.len() + r.attention.len()));
    let _ = writeln!(
        out,
        "relaties report — {} (as of {})",
        r.period.title(),
        r.as_of
    );
    out.push_str("\nScores\n");
    if r.scores.is_empty() {
        out.push_str("  no active clients\n");
    } else {
        score_table(&mut out, r, color, tty);
    }
    out.push_str("\nThis period\n");
    for l in activity_lines(&r.activity) {
        let _ = writeln!(out, "  {l}");
    }
    out.push_str("\nNeeds attention\n");
    if r.attention.is_empty() {
        out.push_str("  nothing — well done\n");
    }
    let rows: Vec<(String, &str)> = r
        .attention
        .iter()
        .map(|a| {
            let id = a
                .entry
                .map(|e| format!("#{e}"))
                .unwrap_or_else(|| "-".into());
            (id, a.message.as_str())
        })
        .collect();
    wrapped(&mut out, &rows);
    out.push_str("\nComing up (14 days)\n");
    if r.upcoming.is_empty() {
        out.push_str("  nothing\n");
    }
    let rows: Vec<(String, &str)> = r
        .upcoming
        .iter()
        .map(|u| (u.date.format("%a %-d %b").to_string(), u.message.as_str()))
        .collect();
    wrapped(&mut out, &rows);
    out.push_str("\nWhat would help most\n");
    if r.actions.is_empty() {
        out.push_str("  nothing stands out\n");
    }
    let lines: Vec<String> = r
        .actions
        .iter()
        .map(|a| format!("{}: {}", a.message, effect(&a.effect)))
        .collect();
    let rows: Vec<(String, &str)> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| (format!("{}.", i + 1), l.as_str()))
        .collect();
    wrapped(&mut out, &rows);
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
    let mut out = format!(
        "# relaties report — {}\n\nAs of {}.\n\n",
        r.period.title(),
        r.as_of
    );
    out.push_str("## Scores\n\n");
    out.push_str(
        "| Client | Appreciation | Trust | Passion | Overall | Band | Week | 12 weeks |\n",
    );
    out.push_str("|---|---:|---:|---:|---:|---|---:|---|\n");
    for s in &r.scores {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {:+} | {} |\n",
            md(&s.client.name),
            s.appreciation,
            s.trust,
            s.passion,
            s.overall,
            s.band,
            s.trend.overall,
            super::score::spark(s.trend_12w.as_deref().unwrap_or_default())
        ));
    }
    out.push_str("\n## This period\n\n");
    for l in activity_lines(&r.activity) {
        out.push_str(&format!("- {}\n", md(&l)));
    }
    out.push_str("\n## Needs attention\n\n");
    if r.attention.is_empty() {
        out.push_str("Nothing.\n");
    }
    for a in &r.attention {
        let id = a.entry.map(|e| format!("#{e} ")).unwrap_or_default();
        out.push_str(&format!("- {id}{}\n", md(&a.message)));
    }
    out.push_str("\n## Coming up\n\n");
    if r.upcoming.is_empty() {
        out.push_str("Nothing.\n");
    }
    for u in &r.upcoming {
        out.push_str(&format!("- {}\n", md(&upcoming_line(u))));
    }
    out.push_str("\n## What would help most\n\n");
    if r.actions.is_empty() {
        out.push_str("Nothing stands out.\n");
    }
    for (i, a) in r.actions.iter().enumerate() {
        out.push_str(&format!(
            "{}. {}: {}\n",
            i + 1,
            md(&a.message),
            effect(&a.effect)
        ));
    }
    out
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
