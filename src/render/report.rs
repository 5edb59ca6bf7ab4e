//! The report as text: a terminal page, GitHub-flavoured markdown, or CSV score rows.

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
fn wrapped(rows: &[(String, String)]) -> String {
    let key = rows
        .iter()
        .map(|(a, _)| a.chars().count())
        .max()
        .unwrap_or(0);
    let indent = " ".repeat(key + 4);
    let width = 80usize.saturating_sub(key + 4).max(20);
    let mut out = String::new();
    for (a, b) in rows {
        let b = super::printable(b.clone());
        let opts = textwrap::Options::new(width)
            .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit)
            .word_separator(textwrap::WordSeparator::AsciiSpace)
            .word_splitter(textwrap::WordSplitter::NoHyphenation);
        for (i, line) in textwrap::wrap(&b, opts).iter().enumerate() {
            if i == 0 {
                out.push_str(&format!("  {a:>key$}  {line}\n"));
            } else {
                out.push_str(&format!("{indent}{line}\n"));
            }
        }
    }
    out
}

fn upcoming_line(u: &Upcoming) -> String {
    format!("{}  {}", u.date.format("%a %-d %b"), u.message)
}

/// The widest client name the score table shows (the other columns take 54 of 80).
const NAME_WIDTH: usize = 24;

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

/// The score rows in a fixed layout that fits 80 columns. Laid out by hand because it is the
/// one table that grows with the ledger: comfy-table took longer to lay out 1,000 rows than
/// the report took to score them.
fn score_table(r: &Report, color: bool) -> String {
    let names: Vec<String> = r
        .scores
        .iter()
        .map(|s| fit(&super::printable(s.client.name.clone()), NAME_WIDTH))
        .collect();
    let name_width = names
        .iter()
        .map(|n| n.chars().count())
        .max()
        .unwrap_or(0)
        .max("client".len());
    let widths = [name_width, 7, 5, 7, 7, 7, 4];
    let line = |l: &str, m: &str, r: &str, fill: &str| -> String {
        let parts: Vec<String> = widths.iter().map(|w| fill.repeat(w + 2)).collect();
        format!("{l}{}{r}\n", parts.join(m))
    };
    let pad = |text: &str, width: usize, right: bool| -> String {
        let n = text.chars().count();
        let space = " ".repeat(width.saturating_sub(n));
        if right {
            format!("{space}{text}")
        } else {
            format!("{text}{space}")
        }
    };
    let mut out = line("┌", "┬", "┐", "─");
    let head = [
        "client", "apprec.", "trust", "passion", "overall", "band", "week",
    ];
    let cells: Vec<String> = head
        .iter()
        .zip(widths)
        .map(|(h, w)| pad(h, w, false))
        .collect();
    out.push_str(&format!("│ {} │\n", cells.join(" ┆ ")));
    out.push_str(&line("╞", "╪", "╡", "═"));
    for (s, name) in r.scores.iter().zip(&names) {
        let cells = [
            pad(name, widths[0], false),
            pad(&s.appreciation.to_string(), widths[1], true),
            pad(&s.trust.to_string(), widths[2], true),
            pad(&s.passion.to_string(), widths[3], true),
            pad(&s.overall.to_string(), widths[4], true),
            // Padded before colouring: escape codes take no columns.
            band(&pad(s.band, widths[5], false), color),
            pad(&arrow(s.trend.overall), widths[6], false),
        ];
        out.push_str(&format!("│ {} │\n", cells.join(" ┆ ")));
    }
    out.push_str(&line("└", "┴", "┘", "─"));
    out
}

/// The terminal page; it fits 80 columns.
pub fn table(r: &Report, color: bool) -> String {
    let mut out = format!(
        "relaties report — {} (as of {})\n",
        r.period.title(),
        r.as_of
    );
    out.push_str("\nScores\n");
    if r.scores.is_empty() {
        out.push_str("  no active clients\n");
    } else {
        out.push_str(&score_table(r, color));
    }
    out.push_str("\nThis period\n");
    for l in activity_lines(&r.activity) {
        out.push_str(&format!("  {l}\n"));
    }
    out.push_str("\nNeeds attention\n");
    if r.attention.is_empty() {
        out.push_str("  nothing — well done\n");
    }
    let rows: Vec<(String, String)> = r
        .attention
        .iter()
        .map(|a| {
            let id = a
                .entry
                .map(|e| format!("#{e}"))
                .unwrap_or_else(|| "-".into());
            (id, a.message.clone())
        })
        .collect();
    out.push_str(&wrapped(&rows));
    out.push_str("\nComing up (14 days)\n");
    if r.upcoming.is_empty() {
        out.push_str("  nothing\n");
    }
    let rows: Vec<(String, String)> = r
        .upcoming
        .iter()
        .map(|u| (u.date.format("%a %-d %b").to_string(), u.message.clone()))
        .collect();
    out.push_str(&wrapped(&rows));
    out.push_str("\nWhat would help most\n");
    if r.actions.is_empty() {
        out.push_str("  nothing stands out\n");
    }
    let rows: Vec<(String, String)> = r
        .actions
        .iter()
        .enumerate()
        .map(|(i, a)| {
            (
                format!("{}.", i + 1),
                format!("{}: {}", a.message, effect(&a.effect)),
            )
        })
        .collect();
    out.push_str(&wrapped(&rows));
    out
}

/// Escapes text for a markdown table cell.
fn md(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ")
}

pub fn markdown(r: &Report) -> String {
    let mut out = format!(
        "# relaties report — {}\n\nAs of {}.\n\n",
        r.period.title(),
        r.as_of
    );
    out.push_str("## Scores\n\n");
    out.push_str("| Client | Appreciation | Trust | Passion | Overall | Band | Week |\n");
    out.push_str("|---|---:|---:|---:|---:|---|---:|\n");
    for s in &r.scores {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {:+} |\n",
            md(&s.client.name),
            s.appreciation,
            s.trust,
            s.passion,
            s.overall,
            s.band,
            s.trend.overall
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
        ])?;
    }
    Ok(String::from_utf8(w.into_inner()?)?)
}
