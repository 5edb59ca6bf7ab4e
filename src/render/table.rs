//! A table that draws itself with comfy-table on a terminal and as stable tab-separated
//! lines in a pipe (scripts cut columns by tab; cells never contain tabs or newlines there).

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{ContentArrangement, Table as Comfy};

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

pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new<S: Into<String>>(headers: impl IntoIterator<Item = S>) -> Table {
        Table {
            headers: headers.into_iter().map(Into::into).collect(),
            rows: Vec::new(),
        }
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

    pub fn draw(&self) -> String {
        let mut t = Comfy::new();
        t.load_preset(UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_header(&self.headers);
        // A terminal that reports no size (or a silly one) would squeeze every column to a
        // letter; assume a common width instead.
        if t.width().is_none_or(|w| w < 40) {
            t.set_width(100);
        }
        for r in &self.rows {
            t.add_row(r);
        }
        format!("{t}\n")
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

    #[test]
    fn control_characters_never_reach_the_terminal() {
        let mut t = Table::new(["name"]);
        t.row(["evil\u{1b}[2Jname\u{7}"]);
        assert_eq!(t.tsv(), "name\nevil [2Jname \n");
        assert!(!t.draw().contains('\u{1b}'));
    }

    #[test]
    fn tsv_keeps_one_line_per_row_whatever_the_cells_hold() {
        let mut t = Table::new(["id", "text"]);
        t.row(["1", "two\tcolumns\nand lines"]);
        assert_eq!(t.tsv(), "id\ttext\n1\ttwo columns and lines\n");
    }
}
