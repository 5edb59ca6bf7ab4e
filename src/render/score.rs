//! Scores for people: a table with trend arrows, and the explanation per principle.

use super::Table;
use crate::score::{Principle, Score};

/// "▲4", "▼3" or "=" for a week's move.
pub fn arrow(delta: i64) -> String {
    match delta {
        d if d > 0 => format!("▲{d}"),
        d if d < 0 => format!("▼{}", -d),
        _ => "=".to_string(),
    }
}

/// A band, coloured on a terminal when colour is on.
pub fn band(band: &str, color: bool) -> String {
    if !color {
        return band.to_string();
    }
    let code = match band.trim_end() {
        "strong" => "32",
        "ok" => "33",
        _ => "31",
    };
    format!("\x1b[{code}m{band}\x1b[0m")
}

pub fn table(scores: &[Score], color: bool) -> Table {
    let mut t = Table::new([
        "client",
        "appreciation",
        "trust",
        "passion",
        "overall",
        "band",
        "trend",
    ])
    .free(&["client"], super::Fit::Cut)
    .right(&["appreciation", "trust", "passion", "overall"]);
    for s in scores {
        t.row_trusted(vec![
            super::printable(s.client.name.clone()),
            s.appreciation.to_string(),
            s.trust.to_string(),
            s.passion.to_string(),
            s.overall.to_string(),
            band(s.band, color),
            arrow(s.trend.overall),
        ]);
    }
    t
}

/// The explanation in a pipe: one row per item (header first).
pub fn explain_rows(scores: &[Score], later: impl Fn(&Score) -> usize) -> Table {
    let mut t = Table::new(["client", "principle", "rule", "entry", "points", "reason"]);
    for s in scores {
        // Entries dated after as_of: a row of no principle and no points that says so.
        let n = later(s);
        if n > 0 {
            t.row([
                s.client.name.clone(),
                String::new(),
                "left-out".into(),
                String::new(),
                "0".into(),
                format!(
                    "left out: {n} {} dated after {}",
                    if n == 1 { "entry" } else { "entries" },
                    s.as_of
                ),
            ]);
        }
        for i in s.explain.as_deref().unwrap_or_default() {
            t.row([
                s.client.name.clone(),
                i.principle.as_str().to_string(),
                i.rule.to_string(),
                i.entry.map(|e| e.to_string()).unwrap_or_default(),
                i.points.to_string(),
                i.reason.clone(),
            ]);
        }
    }
    t
}

/// Per principle, the items that made the score, and their sum, wrapped to `total` columns;
/// `later` entries of the client are dated after `as_of` and were left out.
pub fn explain(s: &Score, later: usize, total: usize) -> String {
    let mut out = String::from("\n");
    let head = format!("{} (#{}) as of {}", s.client.name, s.client.id, s.as_of);
    for l in super::table::wrap(&super::printable(head), total.max(1)) {
        out.push_str(&l);
        out.push('\n');
    }
    let items = s.explain.as_deref().unwrap_or_default();
    for p in Principle::ALL {
        out.push_str(&format!("  {}: {}\n", p.as_str(), s.get(p)));
        let mine: Vec<_> = items.iter().filter(|i| i.principle == p).collect();
        for i in &mine {
            // Points in a column of their own; the reason wraps under itself.
            let reason = super::printable(i.reason.clone());
            for (k, l) in super::table::wrap(&reason, total.saturating_sub(10).max(10))
                .iter()
                .enumerate()
            {
                if k == 0 {
                    out.push_str(&format!("    {:>+4}  {l}\n", i.points));
                } else {
                    out.push_str(&format!("{:10}{l}\n", ""));
                }
            }
        }
        let sum: i64 = mine.iter().map(|i| i.points).sum();
        out.push_str(&format!("    {:>4}  total\n", format!("= {sum}")));
    }
    out.push_str(&format!(
        "  overall: {} ({}), trend {}\n",
        s.overall,
        s.band,
        arrow(s.trend.overall)
    ));
    if later > 0 {
        let entries = if later == 1 { "entry" } else { "entries" };
        out.push_str(&format!(
            "  left out: {later} {entries} dated after {}\n",
            s.as_of
        ));
    }
    out
}
