//! Scores for people: a table with trend arrows, and the explanation per principle.

use super::Table;
use crate::i18n::{Lang, Msg, t_in, word_nl};
use crate::score::{Item, Principle, Row, Score, Why};

fn text(d: &Option<String>) -> &str {
    d.as_deref().unwrap_or("-")
}

/// A fixed word (a severity, a cause) as `l` says it.
fn fixed_word(l: Lang, w: &str) -> &str {
    match l {
        Lang::En => w,
        Lang::Nl => word_nl(w).unwrap_or(w),
    }
}

/// An explanation item in English words (JSON and pipes keep these whatever the language).
pub fn reason(i: &Item) -> String {
    reason_in(Lang::En, i)
}

/// An explanation item in words: in English for JSON, pipes and English screens (`reason`),
/// in Dutch for Dutch screens. Both come from the catalogue; only the words differ.
pub fn reason_in(l: Lang, i: &Item) -> String {
    let id = i.entry.unwrap_or_default();
    let days = |n: i64| {
        let m = if n == 1 { Msg::Day1 } else { Msg::DayN };
        t_in(l, m, &[("n", &n)])
    };
    let ago = |n: i64| {
        if n == 0 {
            t_in(l, Msg::WhyToday, &[])
        } else {
            t_in(l, Msg::WhyAgo, &[("days", &days(n))])
        }
    };
    let quality = |q: &Option<u8>| {
        q.map(|q| t_in(l, Msg::WhyQuality, &[("q", &q)]))
            .unwrap_or_default()
    };
    let desc = |d: &Option<String>| d.clone().unwrap_or_default();
    match &i.why {
        Why::Start => t_in(l, Msg::WhyStart, &[]),
        Why::Gift { description, age } => t_in(
            l,
            Msg::WhyGift,
            &[
                ("id", &id),
                ("what", &text(description)),
                ("ago", &ago(*age)),
            ],
        ),
        Why::Compliment { age } => t_in(l, Msg::WhyCompliment, &[("id", &id), ("ago", &ago(*age))]),
        Why::Rhythm { periods, cadence } => {
            let m = if *periods == 1 {
                Msg::Period1
            } else {
                Msg::PeriodN
            };
            t_in(
                l,
                Msg::WhyRhythm,
                &[
                    ("periods", &t_in(l, m, &[("n", periods)])),
                    ("cadence", cadence),
                ],
            )
        }
        Why::Neglect { days: n, cadence } => t_in(
            l,
            Msg::WhyNeglect,
            &[("days", &days(*n)), ("cadence", cadence)],
        ),
        Why::MilestoneUnmarked { description } => t_in(
            l,
            Msg::WhyMilestone,
            &[("id", &id), ("what", &text(description))],
        ),
        Why::Kept {
            description,
            quality: q,
        } => t_in(
            l,
            Msg::WhyKept,
            &[
                ("id", &id),
                ("what", &desc(description)),
                ("quality", &quality(q)),
            ],
        ),
        Why::Late {
            description,
            days: n,
            quality: q,
        } => t_in(
            l,
            Msg::WhyLate,
            &[
                ("id", &id),
                ("what", &desc(description)),
                ("days", &days(*n)),
                ("quality", &quality(q)),
            ],
        ),
        Why::Missed { description } => t_in(
            l,
            Msg::WhyMissed,
            &[("id", &id), ("what", &desc(description))],
        ),
        Why::Overdue {
            description,
            days: n,
        } => t_in(
            l,
            Msg::WhyOverdue,
            &[
                ("id", &id),
                ("what", &desc(description)),
                ("days", &days(*n)),
            ],
        ),
        Why::Incident {
            description,
            severity,
            cause,
            informed_after,
            explained,
            solution,
            resolved_ago,
            hidden,
        } => {
            let mut how: Vec<String> = vec![match informed_after {
                Some(n) if *n <= 1 => t_in(l, Msg::WhyPromptly, &[]),
                Some(n) => t_in(l, Msg::WhyInformedAfter, &[("days", &days(*n))]),
                None => t_in(l, Msg::WhyNotInformed, &[]),
            }];
            if *explained {
                how.push(t_in(l, Msg::WhyExplained, &[]));
            }
            if *solution {
                how.push(t_in(l, Msg::WhySolution, &[]));
            }
            how.push(match resolved_ago {
                Some(r) => t_in(l, Msg::WhyResolved, &[("ago", &ago(*r))]),
                None => t_in(l, Msg::WhyStillOpen, &[]),
            });
            if *hidden > 1 {
                how.push(t_in(l, Msg::WhyHidden, &[("days", &days(*hidden))]));
            }
            let (sev, cau) = (severity.to_string(), cause.to_string());

            t_in(
                l,
                Msg::WhyIncident,
                &[
                    ("id", &id),
                    ("what", &text(description)),
                    ("severity", &fixed_word(l, &sev)),
                    ("cause", &fixed_word(l, &cau)),
                    ("how", &how.join(", ")),
                ],
            )
        }
        Why::Touch {
            age,
            energy,
            proactive,
        } => t_in(
            l,
            Msg::WhyTouch,
            &[
                ("id", &id),
                ("ago", &ago(*age)),
                (
                    "energy",
                    &energy.map_or(t_in(l, Msg::WhyEnergyNone, &[]), |n| format!("{n}/5")),
                ),
                (
                    "proactive",
                    &if *proactive {
                        t_in(l, Msg::WhyProactive, &[])
                    } else {
                        String::new()
                    },
                ),
            ],
        ),
        Why::LowEnergy { mean, touches } => t_in(
            l,
            Msg::WhyLowEnergy,
            &[
                (
                    "mean",
                    &match l {
                        Lang::En => format!("{mean:.1}"),
                        Lang::Nl => format!("{mean:.1}").replace('.', ","),
                    },
                ),
                ("touches", touches),
            ],
        ),
        Why::Silence { days: n } => t_in(l, Msg::WhySilence, &[("days", &days(*n))]),
        Why::Curve { rules } => t_in(l, Msg::WhyCurve, &[("rules", &format!("{rules:+}"))]),
    }
}

fn nl() -> bool {
    crate::i18n::lang() == crate::i18n::Lang::Nl
}

/// Puts a score's explanation into words (its items' `reason`).
pub fn word(s: &mut Score) {
    for i in s.explain.iter_mut().flatten() {
        i.reason = reason(i);
    }
}

/// The narrowest span of scores a sparkline stretches over: 2 points a step, so that a move
/// of a point or two does not look like a fall.
pub const SPARK_SPAN: i64 = 16;

/// One block character per score, ▁ lowest to █ highest, scaled to the series' own range
/// (at least `SPARK_SPAN` points wide, centred on it, within 0–100): the shape shows how a
/// score moved; the numbers beside it say where it stands.
pub fn spark(values: &[i64]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let (Some(&min), Some(&max)) = (values.iter().min(), values.iter().max()) else {
        return String::new();
    };
    let span = (max - min).max(SPARK_SPAN);
    let lo = (min - (span - (max - min)) / 2).clamp(0, 100 - span.min(100));
    values
        .iter()
        .map(|v| {
            let step = ((v - lo) * 8 / (span + 1)).clamp(0, 7);
            BARS[step as usize]
        })
        .collect()
}

/// The 12 weekly overall scores as numbers, for pipes: "50 51 53".
pub fn numbers(values: &[i64]) -> String {
    values
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(" ")
}

/// A client's weekly history: one row per Sunday.
pub fn history_table(rows: &[Row]) -> Table {
    let mut t = Table::new(["as_of", "appreciation", "trust", "passion", "overall"]);
    for r in rows {
        t.row([
            r.as_of.to_string(),
            r.appreciation.to_string(),
            r.trust.to_string(),
            r.passion.to_string(),
            r.overall.to_string(),
        ]);
    }
    t
}

/// For a terminal: a title, and a sparkline per principle with its first and last score.
/// At most 52 weeks: 2 + 12 + 2 + 52 + 10 columns fit 80.
pub fn history_lines(name: &str, id: i64, rows: &[Row]) -> String {
    let (Some(first), Some(last)) = (rows.first(), rows.last()) else {
        return String::new();
    };
    let head = super::printable(crate::i18n::t(
        crate::i18n::Msg::HistoryHead,
        &[
            ("name", &name),
            ("id", &id),
            ("first", &first.as_of),
            ("last", &last.as_of),
        ],
    ));
    // The heading wraps like any text; the sparkline lines below always fit 80 columns.
    let mut out = String::from("\n");
    for l in super::table::wrap(&head, super::terminal_width().max(1)) {
        out.push_str(&l);
        out.push('\n');
    }
    let four = |r: &Row| [r.appreciation, r.trust, r.passion, r.overall];
    for (i, label) in ["appreciation", "trust", "passion", "overall"]
        .iter()
        .enumerate()
    {
        let values: Vec<i64> = rows.iter().map(|r| four(r)[i]).collect();
        let label = crate::i18n::word(label);
        out.push_str(&format!(
            "  {label:<12}  {}  {} → {}\n",
            spark(&values),
            four(first)[i],
            four(last)[i]
        ));
    }
    out
}

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

/// A score's cells as tables show them: the client, the four scores, the band (coloured when
/// `color`) and the week's move.
pub fn cells(s: &Score, color: bool) -> Vec<String> {
    vec![
        super::printable(s.client.name.clone()),
        s.appreciation.to_string(),
        s.trust.to_string(),
        s.passion.to_string(),
        s.overall.to_string(),
        band(s.band, color),
        arrow(s.trend.overall),
    ]
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
        t.row_trusted(cells(s, color));
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
    use crate::i18n::{Msg, t};
    let head = t(
        Msg::ExplainHead,
        &[
            ("name", &s.client.name),
            ("id", &s.client.id),
            ("as_of", &s.as_of),
        ],
    );
    for l in super::table::wrap(&super::printable(head), total.max(1)) {
        out.push_str(&l);
        out.push('\n');
    }
    let items = s.explain.as_deref().unwrap_or_default();
    for p in Principle::ALL {
        out.push_str(&format!(
            "  {}: {}\n",
            crate::i18n::word(p.as_str()),
            s.get(p)
        ));
        let mine: Vec<_> = items.iter().filter(|i| i.principle == p).collect();
        for i in &mine {
            // Points in a column of their own; the reason wraps under itself.
            let reason = super::printable(if nl() {
                reason_in(Lang::Nl, i)
            } else {
                i.reason.clone()
            });
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
        out.push_str(&format!(
            "    {:>4}  {}\n",
            format!("= {sum}"),
            t(Msg::ExplainTotal, &[])
        ));
    }
    out.push_str(&format!(
        "  {}\n",
        t(
            Msg::ExplainOverall,
            &[
                ("overall", &s.overall),
                ("band", &crate::i18n::word(s.band)),
                ("trend", &arrow(s.trend.overall))
            ]
        )
    ));
    if later > 0 {
        out.push_str(&format!(
            "  {}\n",
            crate::i18n::plural(
                later as i64,
                Msg::LeftOut1,
                Msg::LeftOutN,
                &[("as_of", &s.as_of)]
            )
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(entry: i64, why: Why) -> Item {
        Item {
            principle: Principle::Trust,
            entry: Some(entry),
            points: -5,
            rule: "test",
            reason: String::new(),
            why,
        }
    }

    /// Both languages word a reason from the catalogue; the English is what `reason` always
    /// said (JSON and pipes keep it), the Dutch has Dutch words and a decimal comma.
    #[test]
    fn reasons_are_worded_in_either_language() {
        use crate::model::{Cause, Severity};
        let incident = item(
            7,
            Why::Incident {
                description: Some("Outage".into()),
                severity: Severity::Major,
                cause: Cause::ThirdParty,
                informed_after: Some(3),
                explained: true,
                solution: false,
                resolved_ago: None,
                hidden: 3,
            },
        );
        assert_eq!(
            reason(&incident),
            "incident #7 (Outage, major, third-party): informed after 3 days, explained, \
             still open, hidden and open for 3 days"
        );
        assert_eq!(
            reason_in(Lang::Nl, &incident),
            "incident #7 (Outage, groot, derden): ingelicht na 3 dagen, uitgelegd, nog open, \
             3 dagen verzwegen en open"
        );
        let low = item(
            0,
            Why::LowEnergy {
                mean: 2.5,
                touches: 4,
            },
        );
        assert_eq!(
            reason(&low),
            "your energy averaged 2.5/5 over the last 4 touches"
        );
        assert_eq!(
            reason_in(Lang::Nl, &low),
            "je energie was gemiddeld 2,5/5 over de laatste 4 contactmomenten"
        );
        let rhythm = item(
            0,
            Why::Rhythm {
                periods: 1,
                cadence: 60,
            },
        );
        assert_eq!(
            reason(&rhythm),
            "a gift or compliment in 1 period of cadence 60 days"
        );
        assert_eq!(
            reason_in(Lang::Nl, &rhythm),
            "een cadeau of compliment in 1 periode van het ritme van 60 dagen"
        );
    }

    #[test]
    fn sparklines_show_the_shape_and_keep_small_moves_small() {
        assert_eq!(spark(&[]), "");
        assert_eq!(spark(&[0, 100]), "▁█");
        assert_eq!(spark(&[50, 50, 50]).chars().count(), 3);
        let flat = spark(&[50, 50, 50]);
        assert!(
            flat.chars()
                .all(|c| c == flat.chars().next().unwrap_or(' '))
        );
        // A fall of 13 points shows from top to bottom; a move of 1 point by one step at most.
        let fall = spark(&[57, 59, 58, 57, 44]);
        assert_eq!(fall.chars().last(), Some('▁'), "{fall}");
        assert!(fall.contains('█') || fall.contains('▇'), "{fall}");
        let wobble: Vec<char> = spark(&[50, 51, 50]).chars().collect();
        let steps = |c: char| {
            ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█']
                .iter()
                .position(|x| *x == c)
        };
        assert!(steps(wobble[1]).unwrap_or(0) - steps(wobble[0]).unwrap_or(0) <= 1);
        // Near the ends of 0–100 the window stays inside it.
        assert_eq!(spark(&[0, 1, 2]).chars().next(), Some('▁'));
        assert_eq!(spark(&[98, 99, 100]).chars().last(), Some('█'));
    }
}
