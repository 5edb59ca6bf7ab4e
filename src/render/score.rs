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
    ]);
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

/// Per principle, the items that made the score, and their sum; `later` entries of the
/// client are dated after `as_of` and were left out.
pub fn explain(s: &Score, later: usize) -> String {
    let mut out = format!("\n{} (#{}) as of {}\n", s.client.name, s.client.id, s.as_of);
    let items = s.explain.as_deref().unwrap_or_default();
    for p in Principle::ALL {
        out.push_str(&format!("  {}: {}\n", p.as_str(), s.get(p)));
        let mine: Vec<_> = items.iter().filter(|i| i.principle == p).collect();
        for i in &mine {
            out.push_str(&format!("    {:>+4}  {}\n", i.points, i.reason));
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
