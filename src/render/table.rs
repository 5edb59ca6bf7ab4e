//! A table that fits the terminal: drawn with borders on a terminal, as tab-separated lines
//! (header first) in a pipe.
//!
//! The screen rules: no line is wider than the terminal, measured in display columns (colour
//! codes take none, East Asian wide characters two). Only free-text columns (names,
//! descriptions, notes) give way — wrapped at word boundaries, or cut with `…` in a table
//! that keeps one line per row; ids, dates, amounts, numbers, the words of fixed vocabularies
//! and headers are never split. When even those do not fit, the table becomes a list: one
//! `field: value` line per column, a blank line between records.

use std::fmt::Write as _;

/// Text with control characters replaced by spaces.
pub fn printable(s: String) -> String {
    if s.chars().any(char::is_control) {
        s.chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect()
    } else {
        s
    }
}

/// Display columns of `s`: colour codes count 0, East Asian wide characters 2.
pub fn width(s: &str) -> usize {
    textwrap::core::display_width(s)
}

/// `s` cut to at most `w` columns, ending in `…` when cut.
pub fn cut(s: &str, w: usize) -> String {
    if width(s) <= w {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let cw = width(c.encode_utf8(&mut [0; 4]));
        if used + cw + 1 > w {
            break;
        }
        out.push(c);
        used += cw;
    }
    if w > 0 {
        out.push('…');
    }
    out
}

/// Free text wrapped to `w` columns at word boundaries (a word longer than a line is broken).
pub fn wrap(s: &str, w: usize) -> Vec<String> {
    if width(s) <= w {
        return vec![s.to_string()];
    }
    let opts = textwrap::Options::new(w.max(1))
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .break_words(true);
    let kept = keep_amounts_whole(s);
    textwrap::wrap(&kept, opts)
        .into_iter()
        .map(|l| l.replace(NO_BREAK, " "))
        .collect()
}

/// What joins a currency sign to its amount while text is wrapped.
const NO_BREAK: char = '\u{a0}';

/// `s` with the space between a currency sign and its amount (Dutch `€ 1.234,56`) made one that
/// wrapping does not break at; `wrap` gives the ordinary space back.
pub fn keep_amounts_whole(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains(['€', '$', '£']) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if matches!(c, '€' | '$' | '£') && chars.peek() == Some(&' ') {
            let mut ahead = chars.clone();
            ahead.next();
            if ahead.next().is_some_and(|d| d.is_ascii_digit() || d == '-') {
                chars.next();
                out.push(NO_BREAK);
            }
        }
    }
    std::borrow::Cow::Owned(out)
}

/// `s` without its colour codes (`ESC [ … m`).
fn strip_colour(s: &str) -> String {
    if !s.contains('\x1b') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars();
    while let Some(c) = it.next() {
        if c == '\x1b' {
            for d in it.by_ref() {
                if d == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// How a table's free-text columns give way when the table is too wide.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fit {
    /// Wrapped at word boundaries over several lines.
    Wrap,
    /// Cut with `…`: one line per row.
    Cut,
}

pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    free: Vec<bool>,
    right: Vec<bool>,
    fit: Fit,
    /// Without borders: columns two spaces apart under a header line (a wide table that must
    /// still fit 80 columns, such as the report's scores with their trend).
    plain: bool,
}

/// The narrowest a free-text column gets before the table turns into a list.
const MIN_FREE: usize = 10;

impl Table {
    /// A table whose columns are all fixed (never split) until `free` says otherwise.
    pub fn new<S: Into<String>>(headers: impl IntoIterator<Item = S>) -> Table {
        let headers: Vec<String> = headers.into_iter().map(Into::into).collect();
        Table {
            free: vec![false; headers.len()],
            right: vec![false; headers.len()],
            headers,
            rows: Vec::new(),
            fit: Fit::Wrap,
            plain: false,
        }
    }

    /// Marks the columns with these headers as free text, giving way as `fit` says.
    pub fn free(mut self, columns: &[&str], fit: Fit) -> Table {
        for (i, h) in self.headers.iter().enumerate() {
            if columns.contains(&h.as_str()) {
                self.free[i] = true;
            }
        }
        self.fit = fit;
        self
    }

    /// Drawn without borders (see `plain`).
    pub fn plain(mut self) -> Table {
        self.plain = true;
        self
    }

    /// Columns the borders and padding take.
    fn overhead(&self) -> usize {
        let n = self.headers.len();
        if self.plain { 2 * n } else { 3 * n + 1 }
    }

    /// Aligns the columns with these headers to the right (numbers).
    pub fn right(mut self, columns: &[&str]) -> Table {
        for (i, h) in self.headers.iter().enumerate() {
            if columns.contains(&h.as_str()) {
                self.right[i] = true;
            }
        }
        self
    }

    /// Control characters in a cell (a stored escape sequence, a tab) become spaces: a table
    /// stays one line per row and cannot drive the terminal.
    pub fn row<S: Into<String>>(&mut self, cells: impl IntoIterator<Item = S>) {
        self.rows
            .push(cells.into_iter().map(|c| printable(c.into())).collect());
    }

    /// A row whose cells are already safe to print (they may carry our own colour codes).
    pub fn row_trusted(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The columns' widths when the table fits `total` columns, else None.
    fn widths(&self, total: usize) -> Option<Vec<usize>> {
        let n = self.headers.len();
        let mut natural: Vec<usize> = self.headers.iter().map(|h| width(h)).collect();
        for r in &self.rows {
            for (i, c) in r.iter().enumerate().take(n) {
                natural[i] = natural[i].max(width(c));
            }
        }
        let borders = self.overhead();
        if natural.iter().sum::<usize>() + borders <= total {
            return Some(natural);
        }
        let fixed: usize = (0..n).filter(|&i| !self.free[i]).map(|i| natural[i]).sum();
        let free: Vec<usize> = (0..n).filter(|&i| self.free[i]).collect();
        let min = |i: usize| natural[i].min(MIN_FREE.max(width(&self.headers[i])));
        let room = total.checked_sub(borders + fixed)?;
        if free.is_empty() || free.iter().map(|&i| min(i)).sum::<usize>() > room {
            return None;
        }
        // Each free column gets its longest word when the room allows (so words are not
        // broken), else its minimum; what is left is shared out, columns that need less than
        // an equal share getting just what they need.
        let longest = |i: usize| {
            self.rows
                .iter()
                .filter_map(|r| r.get(i))
                .flat_map(|c| c.split_whitespace())
                .map(width)
                .max()
                .unwrap_or(0)
        };
        let targets: Vec<usize> = free
            .iter()
            .map(|&i| natural[i].min(min(i).max(longest(i).min(24))))
            .collect();
        let mut widths = natural.clone();
        let floor: Vec<usize> = if targets.iter().sum::<usize>() <= room {
            targets
        } else {
            free.iter().map(|&i| min(i)).collect()
        };
        for (&i, &f) in free.iter().zip(&floor) {
            widths[i] = f;
        }
        let mut left = room - floor.iter().sum::<usize>();
        loop {
            let open: Vec<usize> = free
                .iter()
                .copied()
                .filter(|&i| widths[i] < natural[i])
                .collect();
            if open.is_empty() || left == 0 {
                break;
            }
            let share = (left / open.len()).max(1);
            for &i in &open {
                let add = (natural[i] - widths[i]).min(share).min(left);
                widths[i] += add;
                left -= add;
            }
        }
        Some(widths)
    }

    /// The table for a terminal `total` columns wide, its headers and the words of its fixed
    /// vocabularies (kinds, statuses, causes, severities, bands, sources) in the language of
    /// the screen; `tsv` keeps them English.
    pub fn draw(&self, total: usize) -> String {
        if crate::i18n::lang() == crate::i18n::Lang::Nl {
            return self.translated().drawn(total);
        }
        self.drawn(total)
    }

    /// This table with Dutch headers and fixed words.
    fn translated(&self) -> Table {
        const VOCAB: [&str; 6] = ["kind", "status", "cause", "severity", "band", "source"];
        let vocab: Vec<bool> = self
            .headers
            .iter()
            .map(|h| VOCAB.contains(&h.as_str()))
            .collect();
        let word = |c: &String| -> String {
            let bare = strip_colour(c);
            match crate::i18n::word_nl(bare.trim_end()) {
                Some(nl) => c.replacen(bare.trim_end(), nl, 1),
                None => c.clone(),
            }
        };
        Table {
            headers: self
                .headers
                .iter()
                .map(|h| crate::i18n::word_nl(h).unwrap_or(h).to_string())
                .collect(),
            rows: self
                .rows
                .iter()
                .map(|r| {
                    r.iter()
                        .enumerate()
                        .map(|(i, c)| {
                            if vocab.get(i).copied().unwrap_or(false) {
                                word(c)
                            } else {
                                c.clone()
                            }
                        })
                        .collect()
                })
                .collect(),
            free: self.free.clone(),
            right: self.right.clone(),
            fit: self.fit,
            plain: self.plain,
        }
    }

    fn drawn(&self, total: usize) -> String {
        match self.widths(total) {
            Some(w) => self.boxed(&w),
            None => self.list(total),
        }
    }

    fn boxed(&self, widths: &[usize]) -> String {
        let mut out = String::new();
        let plain = self.plain;
        let rule = |out: &mut String, l: &str, m: &str, r: &str, fill: &str| {
            if plain {
                return;
            }
            out.push_str(l);
            for (i, w) in widths.iter().enumerate() {
                if i > 0 {
                    out.push_str(m);
                }
                out.push_str(&fill.repeat(w + 2));
            }
            out.push_str(r);
            out.push('\n');
        };
        let line = |out: &mut String, cells: &[String], align: bool| {
            let start = out.len();
            out.push(if plain { ' ' } else { '│' });
            for (i, (c, w)) in cells.iter().zip(widths).enumerate() {
                out.push_str(match (i, plain) {
                    (0, _) => " ",
                    (_, true) => "  ",
                    (_, false) => " ┆ ",
                });
                let pad = " ".repeat(w.saturating_sub(width(c)));
                if align && self.right[i] {
                    out.push_str(&pad);
                    out.push_str(c);
                } else {
                    out.push_str(c);
                    out.push_str(&pad);
                }
            }
            if plain {
                let kept = out[start..].trim_end().len();
                out.truncate(start + kept);
                out.push('\n');
            } else {
                out.push_str(" │\n");
            }
        };
        rule(&mut out, "┌", "┬", "┐", "─");
        line(&mut out, &self.headers, false);
        rule(&mut out, "╞", "╪", "╡", "═");
        for r in &self.rows {
            let cells: Vec<Vec<String>> = widths
                .iter()
                .enumerate()
                .map(|(i, &w)| {
                    let c = r.get(i).map(String::as_str).unwrap_or("");
                    if width(c) <= w {
                        vec![c.to_string()]
                    } else if self.fit == Fit::Cut {
                        vec![cut(c, w)]
                    } else {
                        wrap(c, w)
                    }
                })
                .collect();
            let height = cells.iter().map(Vec::len).max().unwrap_or(1);
            for k in 0..height {
                let part: Vec<String> = cells
                    .iter()
                    .map(|c| c.get(k).cloned().unwrap_or_default())
                    .collect();
                line(&mut out, &part, true);
            }
        }
        rule(&mut out, "└", "┴", "┘", "─");
        out
    }

    /// One `field: value` line per column, a blank line between records; long values wrap
    /// under their first line.
    fn list(&self, total: usize) -> String {
        let label = self.headers.iter().map(|h| width(h)).max().unwrap_or(0);
        let room = total.saturating_sub(label + 2).max(1);
        let mut out = String::new();
        for (k, r) in self.rows.iter().enumerate() {
            if k > 0 {
                out.push('\n');
            }
            for (i, h) in self.headers.iter().enumerate() {
                let c = r.get(i).map(String::as_str).unwrap_or("");
                let pad = " ".repeat(label - width(h));
                let lines = if width(c) <= room || !self.free[i] {
                    vec![c.to_string()]
                } else {
                    wrap(c, room)
                };
                for (j, l) in lines.iter().enumerate() {
                    if j == 0 {
                        let line = format!("{h}:{pad} {l}");
                        let _ = writeln!(out, "{}", line.trim_end());
                    } else {
                        let _ = writeln!(out, "{:indent$}{l}", "", indent = label + 2);
                    }
                }
            }
        }
        out
    }

    pub fn tsv(&self) -> String {
        let clean = |s: &String| s.replace(['\t', '\n', '\r'], " ");
        let mut out = String::new();
        for r in std::iter::once(&self.headers).chain(&self.rows) {
            let cells: Vec<String> = r.iter().map(clean).collect();
            out.push_str(&cells.join("\t"));
            out.push('\n');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_dutch_amount_is_never_split_from_its_sign() {
        let text = "cadeau voor de klant van € 149,95 en € -12,50 en nog wat woorden erachter";
        for w in 10..40 {
            let lines = wrap(text, w);
            assert!(lines.iter().all(|l| !l.ends_with('€')), "{w}: {lines:?}");
            assert_eq!(lines.join(" "), text, "{w}");
        }
    }

    #[test]
    fn control_characters_never_reach_the_terminal() {
        let mut t = Table::new(["name"]);
        t.row(["evil\u{1b}[2Jname\u{7}"]);
        assert_eq!(t.tsv(), "name\nevil [2Jname \n");
        assert!(!t.draw(80).contains('\u{1b}'));
    }

    #[test]
    fn tsv_keeps_one_line_per_row_whatever_the_cells_hold() {
        let mut t = Table::new(["id", "text"]);
        t.row(["1", "two\tcolumns\nand lines"]);
        assert_eq!(t.tsv(), "id\ttext\n1\ttwo columns and lines\n");
    }

    fn sample(fit: Fit) -> Table {
        let mut t =
            Table::new(["id", "date", "client", "severity", "what"]).free(&["client", "what"], fit);
        t.row([
            "#12",
            "2026-08-31",
            "Boekhandel De Vries & Zonen",
            "force-majeure",
            "Huisstijlhandboek en drukwerk voor de nieuwe vestiging in Utrecht",
        ]);
        t.row(["#3", "2026-09-01", "東京デザイン株式会社", "minor", "短い"]);
        t
    }

    #[test]
    fn fits_80_columns_and_keeps_fixed_words_whole() {
        for fit in [Fit::Wrap, Fit::Cut] {
            let out = sample(fit).draw(80);
            for l in out.lines() {
                assert!(width(l) <= 80, "{fit:?}: {l}");
            }
            for word in ["2026-08-31", "force-majeure", "severity", "#12"] {
                assert!(out.contains(word), "{fit:?}: {word} split in\n{out}");
            }
        }
        assert!(sample(Fit::Cut).draw(80).contains('…'));
        assert!(sample(Fit::Wrap).draw(80).contains("Utrecht"));
    }

    #[test]
    fn becomes_a_list_when_the_fixed_columns_do_not_fit() {
        let out = sample(Fit::Wrap).draw(40);
        assert!(
            out.starts_with("id:       #12\ndate:     2026-08-31\n"),
            "{out}"
        );
        assert!(out.contains("\n\nid:       #3\n"), "{out}");
        for l in out.lines() {
            assert!(width(l) <= 40, "{l}");
        }
    }

    #[test]
    fn colour_takes_no_columns() {
        let mut t = Table::new(["client", "band"]);
        t.row_trusted(vec!["ACME".into(), "\x1b[31mat-risk\x1b[0m".into()]);
        t.row_trusted(vec!["Zon".into(), "ok".into()]);
        let out = t.draw(80);
        let lens: Vec<usize> = out.lines().map(width).collect();
        assert!(lens.iter().all(|&l| l == lens[0]), "{out}");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn no_line_wider_than_the_terminal_and_fixed_cells_whole(
            names in proptest::collection::vec("[a-zA-Zé東 ]{0,40}", 1..5),
            total in 40usize..250,
            cut_rows in any::<bool>(),
        ) {
            let fit = if cut_rows { Fit::Cut } else { Fit::Wrap };
            let mut t = Table::new(["id", "date", "name", "status"]).free(&["name"], fit);
            for (i, n) in names.iter().enumerate() {
                t.row([format!("#{i}"), "2026-11-30".into(), n.clone(), "delivered-late".into()]);
            }
            let out = t.draw(total);
            for l in out.lines() {
                prop_assert!(width(l) <= total, "{} > {}: {}", width(l), total, l);
            }
            prop_assert_eq!(out.matches("2026-11-30").count(), names.len());
            prop_assert_eq!(out.matches("delivered-late").count(), names.len());
            prop_assert!(out.contains("status"));
        }
    }
}
