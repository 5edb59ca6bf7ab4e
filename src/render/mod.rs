//! Turning computed values into text: tables for people, tab-separated lines for pipes,
//! JSON for scripts. Nothing here reads the ledger or decides anything.

pub mod report;
pub mod score;
mod table;

use std::io::{self, IsTerminal, Write};

use anyhow::Result;
use serde_json::Value;

use crate::cli::{ColorChoice, Global};

pub use table::{Table, printable};

/// Where a command's output goes, and in which form.
pub struct Out {
    pub json: bool,
    pub quiet: bool,
    pub color: bool,
    /// stdout is a terminal: draw tables; otherwise print plain tab-separated lines.
    pub tty: bool,
    w: io::StdoutLock<'static>,
}

impl Out {
    pub fn new(g: &Global) -> Out {
        let stdout = io::stdout();
        let tty = stdout.is_terminal();
        let color = match g.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => tty && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        };
        Out {
            json: g.json,
            quiet: g.quiet,
            color,
            tty,
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
        let text = if self.tty { t.draw() } else { t.tsv() };
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

/// A warning on stderr; the command goes on.
pub fn warn(out: &Out, msg: &str) {
    if !out.quiet {
        eprintln!("warning: {msg}");
    }
}
