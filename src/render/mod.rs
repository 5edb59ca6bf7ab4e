//! Turning computed values into text: tables for people, tab-separated lines for pipes,
//! JSON for scripts. Nothing here reads the ledger or decides anything.

pub mod report;
pub mod score;
pub mod table;

use std::io::{self, IsTerminal, Write};

use anyhow::Result;
use serde_json::Value;

use crate::cli::{ColorChoice, Global};

pub use table::{Fit, Table, printable, width};

/// Where a command's output goes, and in which form.
pub struct Out {
    pub json: bool,
    pub quiet: bool,
    pub color: bool,
    /// stdout is a terminal: draw tables; otherwise print plain tab-separated lines.
    pub tty: bool,
    /// The terminal's width in columns (`COLUMNS`, else the terminal's own, else 80).
    pub width: usize,
    w: io::StdoutLock<'static>,
}

impl Out {
    pub fn new(g: &Global) -> Out {
        let stdout = io::stdout();
        let tty = stdout.is_terminal();
        let color = match g.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => tty && colour_wanted(),
        };
        Out {
            json: g.json,
            quiet: g.quiet,
            color,
            tty,
            width: terminal_width(),
            w: stdout.lock(),
        }
    }

    /// A line of text for people (nothing with --quiet).
    pub fn line(&mut self, s: &str) -> Result<()> {
        if !self.quiet {
            writeln!(self.w, "{s}")?;
        }
        Ok(())
    }

    /// Text that carries its own line ends (nothing with --quiet).
    pub fn text(&mut self, s: &str) -> Result<()> {
        if !self.quiet {
            self.w.write_all(s.as_bytes())?;
        }
        Ok(())
    }

    /// Long output written piece by piece through a large buffer (nothing with --quiet).
    pub fn stream(&mut self, f: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
        if self.quiet {
            return Ok(());
        }
        let mut w = io::BufWriter::with_capacity(1 << 16, &mut self.w);
        f(&mut w)?;
        w.flush()?;
        Ok(())
    }

    /// The one JSON document of --json (nothing with --quiet).
    pub fn json(&mut self, v: &Value) -> Result<()> {
        if !self.quiet {
            serde_json::to_writer_pretty(&mut self.w, v)?;
            writeln!(self.w)?;
        }
        Ok(())
    }

    /// A table: drawn on a terminal, tab-separated (header first) when piped.
    pub fn table(&mut self, t: &Table) -> Result<()> {
        if self.quiet {
            return Ok(());
        }
        let text = if self.tty {
            t.draw(self.width)
        } else {
            t.tsv()
        };
        self.w.write_all(text.as_bytes())?;
        Ok(())
    }

    /// Either the JSON document or the human lines, as the user asked.
    pub fn show(
        &mut self,
        json: impl FnOnce() -> Value,
        human: impl FnOnce() -> String,
    ) -> Result<()> {
        if self.json {
            self.json(&json())
        } else {
            self.line(&human())
        }
    }

    pub fn flush(&mut self) -> Result<()> {
        self.w.flush()?;
        Ok(())
    }
}

/// The width to lay screens out for: `COLUMNS` when set to a number, else the terminal's
/// (stdout's, then stderr's), else 80.
pub fn terminal_width() -> usize {
    if let Some(n) = std::env::var("COLUMNS")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|&n| n > 0)
    {
        return n;
    }
    terminal_size::terminal_size_of(io::stdout())
        .or_else(|| terminal_size::terminal_size_of(io::stderr()))
        .map(|(w, _)| usize::from(w.0))
        .filter(|&w| w > 0)
        .unwrap_or(80)
}

/// Whether the environment allows colour on a terminal: not when `NO_COLOR` is set (to
/// anything but the empty string), nor on a terminal that says it cannot show it (`TERM=dumb`).
fn colour_wanted() -> bool {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
    !no_color && !dumb
}

/// A heading and `key  value` lines under it, each wrapped to `total` columns (values under
/// their first line): `client show`.
pub fn card(head: &str, fields: &[(&str, String)], total: usize) -> String {
    let mut out = String::new();
    for l in table::wrap(&printable(head.to_string()), total.max(1)) {
        out.push_str(&l);
        out.push('\n');
    }
    let key = fields.iter().map(|(k, _)| width(k)).max().unwrap_or(0);
    let indent = 2 + key + 2;
    for (k, v) in fields {
        let lines = table::wrap(&printable(v.clone()), total.saturating_sub(indent).max(10));
        for (i, l) in lines.iter().enumerate() {
            if i == 0 {
                out.push_str(&format!("  {k}{}  {l}\n", " ".repeat(key - width(k))));
            } else {
                out.push_str(&format!("{:indent$}{l}\n", ""));
            }
        }
    }
    out
}

/// An entry's description and details as a list shows them, in the screen's language
/// (English: `Entry::summary_details`, which pipes keep).
pub fn summary(e: &crate::model::Entry) -> String {
    use crate::i18n::{Lang, Msg, t, word};
    use crate::model::Kind;
    if crate::i18n::lang() == Lang::En {
        return e.summary_details();
    }
    let description = e.description.clone().filter(|d| !d.is_empty());
    let mut extras: Vec<String> = Vec::new();
    match e.kind {
        Kind::Gift => {
            if let Some(o) = e.occasion {
                extras.push(word(o.as_str()).to_string());
            }
            if let Some(c) = &e.cost {
                extras.push(crate::i18n::format::money(c.cents, &c.currency, Lang::Nl));
            }
        }
        Kind::Compliment => {
            if let Some(r) = &e.reason {
                extras.push(t(Msg::EntryFor, &[("reason", r)]));
            }
        }
        Kind::Milestone => {}
        Kind::Touch => {
            if let Some(c) = e.channel {
                extras.push(word(c.as_str()).to_string());
            }
            if let Some(n) = e.energy {
                extras.push(t(Msg::EntryEnergy, &[("n", &n)]));
            }
            if e.proactive {
                extras.push(t(Msg::EntryProactive, &[]));
            }
        }
        Kind::Commitment => {
            let due = e.current_due().map(|d| d.to_string()).unwrap_or_default();
            extras.push(match (e.status(), e.delivered, e.missed) {
                (Some(st), Some(d), _) => t(
                    Msg::EntryDelivered,
                    &[("status", &word(st.as_str())), ("date", &d), ("due", &due)],
                ),
                (_, None, Some(d)) => t(Msg::EntryMissed, &[("date", &d), ("due", &due)]),
                _ => t(Msg::EntryOpenDue, &[("due", &due)]),
            });
            if let Some(q) = e.quality {
                extras.push(t(Msg::EntryQuality, &[("q", &q)]));
            }
        }
        Kind::Incident => {
            if let Some(c) = e.cause {
                extras.push(word(c.as_str()).to_string());
            }
            if let Some(v) = e.severity {
                extras.push(word(v.as_str()).to_string());
            }
            extras.push(match e.informed {
                Some(d) => t(Msg::EntryInformed, &[("date", &d)]),
                None => t(Msg::EntryNotInformed, &[]),
            });
            extras.push(match e.resolved {
                Some(d) => t(Msg::EntryResolved, &[("date", &d)]),
                None => t(Msg::EntryOpen, &[]),
            });
        }
    }
    if e.void {
        extras.push(t(Msg::EntryVoid, &[]));
    }
    match (description, extras.is_empty()) {
        (Some(d), true) => d,
        (Some(d), false) => format!("{d} ({})", extras.join(", ")),
        (None, _) => extras.join(", "),
    }
}

/// A warning on stderr; the command goes on.
pub fn warn(out: &Out, msg: &str) {
    if !out.quiet {
        eprintln!("warning: {msg}");
    }
}
