//! A client list as CSV (RFC 4180) with a header row, as spreadsheets export it.
//!
//! Pure and panic-free on any input. Rows are numbered by the line of the file they start
//! on (the header is row 1), so a note with line breaks inside quotes makes the following
//! rows' numbers run ahead of the record count, just as an editor shows them.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::Read;

use crate::model::Client;
use crate::parse::{DateSpec, parse_date};

/// What a spreadsheet takes for the start of a formula (the OWASP list for CSV injection).
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

fn formula_like(s: &str) -> bool {
    s.starts_with(FORMULA_START)
}

/// A cell for a CSV file that people open in a spreadsheet: one that starts with `=`, `+`,
/// `-`, `@`, a tab or a carriage return gets a leading `'`, so that it shows as text instead
/// of running as a formula. So does one that already starts with `'` and then one of those,
/// so that [`restore`] gives back exactly what was defused.
pub fn defuse(cell: &str) -> Cow<'_, str> {
    if formula_like(cell) || cell.strip_prefix('\'').is_some_and(formula_like) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// The cell that [`defuse`] was given: a leading `'` before what [`defuse`] escapes is
/// taken off; any other cell is kept as it is.
pub fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if formula_like(rest) || rest.strip_prefix('\'').is_some_and(formula_like) => {
            rest
        }
        _ => cell,
    }
}

pub struct ParsedCsv {
    pub clients: Vec<Client>,
    /// header names not understood, in file order
    pub unknown_columns: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Column {
    Name,
    Contact,
    Email,
    Phone,
    Since,
    Tags,
    Cadence,
    Note,
}

impl Column {
    fn from_header(h: &str) -> Option<Column> {
        const ALL: [(&str, Column); 8] = [
            ("name", Column::Name),
            ("contact", Column::Contact),
            ("email", Column::Email),
            ("phone", Column::Phone),
            ("since", Column::Since),
            ("tags", Column::Tags),
            ("cadence", Column::Cadence),
            ("note", Column::Note),
        ];
        ALL.iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(h))
            .map(|&(_, c)| c)
    }

    fn as_str(self) -> &'static str {
        match self {
            Column::Name => "name",
            Column::Contact => "contact",
            Column::Email => "email",
            Column::Phone => "phone",
            Column::Since => "since",
            Column::Tags => "tags",
            Column::Cadence => "cadence",
            Column::Note => "note",
        }
    }
}

/// A client list with a header row. Known columns (case-insensitive, surrounding spaces
/// ignored): name, contact, email, phone, since, tags, cadence, note. `name` is required as a
/// column, and non-empty in every row. `since`: YYYY-MM-DD or DD-MM-YYYY. `tags`: separated by
/// `;` or `,` or whitespace, deduplicated, empty dropped. `cadence`: a whole number of days
/// 1..=3650. Empty cells are absent; cells are trimmed, and a `'` that [`defuse`] put before
/// a formula-like cell is taken off. A row whose cells are all blank is skipped (blank rows
/// before the header too). Rows are numbered by the file line they start on, header = row 1.
/// A UTF-8 BOM at the start is ignored. A header without data rows gives no clients.
pub fn parse(text: &str) -> Result<ParsedCsv, String> {
    let mut rows = Rows::new(text.as_bytes())?;
    let clients = rows.by_ref().collect::<Result<Vec<_>, _>>()?;
    Ok(ParsedCsv {
        clients,
        unknown_columns: rows.unknown_columns,
    })
}

/// [`parse`] one row at a time, from a reader: the clients of the rows after the header.
pub struct Rows<R: Read> {
    reader: csv::Reader<R>,
    columns: HashMap<Column, usize>,
    width: usize,
    record: csv::StringRecord,
    /// header names not understood, in file order
    pub unknown_columns: Vec<String>,
}

impl<R: Read> Rows<R> {
    /// Reads the header.
    pub fn new(input: R) -> Result<Rows<R>, String> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(input);
        let mut header = csv::StringRecord::new();
        loop {
            match reader.read_record(&mut header) {
                Ok(true)
                    if header
                        .iter()
                        .all(|f| f.trim_start_matches('\u{feff}').trim().is_empty()) => {}
                Ok(true) => break,
                Ok(false) => return Err("the file is empty".into()),
                Err(e) => return Err(csv_error(&e)),
            }
        }
        let header_names: Vec<String> = header
            .iter()
            .enumerate()
            .map(|(i, h)| {
                let h = if i == 0 {
                    h.strip_prefix('\u{feff}').unwrap_or(h)
                } else {
                    h
                };
                h.trim().to_string()
            })
            .collect();
        let mut columns: HashMap<Column, usize> = HashMap::new();
        let mut unknown_columns = Vec::new();
        for (i, h) in header_names.iter().enumerate() {
            match Column::from_header(h) {
                Some(c) => {
                    if columns.insert(c, i).is_some() {
                        return Err(format!(
                            "the column {} appears twice in the header",
                            c.as_str()
                        ));
                    }
                }
                // A blank header cell (a trailing comma) is no column worth reporting.
                None if h.is_empty() => {}
                None => unknown_columns.push(h.clone()),
            }
        }
        if !columns.contains_key(&Column::Name) {
            return Err(format!(
                "no name column in the header (columns: {})",
                header_names.join(", ")
            ));
        }
        Ok(Rows {
            reader,
            columns,
            width: header.len(),
            record: csv::StringRecord::new(),
            unknown_columns,
        })
    }

    fn next_client(&mut self) -> Result<Option<Client>, String> {
        let record = &mut self.record;
        loop {
            if !self.reader.read_record(record).map_err(|e| csv_error(&e))? {
                return Ok(None);
            }
            if !record.iter().all(|f| f.trim().is_empty()) {
                break;
            }
        }
        let record = &self.record;
        let width = self.width;
        let row = record.position().map_or(0, |p| p.line());
        if record.len() != width {
            return Err(format!(
                "row {row}: {}, the header has {width}",
                fields(record.len())
            ));
        }
        let cell = |c: Column| {
            self.columns
                .get(&c)
                .and_then(|&i| record.get(i))
                .map(|s| restore(s.trim()))
                .filter(|s| !s.is_empty())
        };
        let text = |c: Column| cell(c).map(|s| s.replace("\r\n", "\n"));

        let Some(name) = text(Column::Name) else {
            return Err(format!("row {row}: the name is empty"));
        };
        let since = match cell(Column::Since) {
            None => None,
            Some(s) => match parse_date(s) {
                Ok(DateSpec::Absolute(d)) => Some(d),
                _ => return Err(format!("row {row}: invalid date {s:?} in column since")),
            },
        };
        let cadence_days = match cell(Column::Cadence) {
            None => None,
            Some(s) => match parse_cadence(s) {
                Some(n) => Some(n),
                None => {
                    return Err(format!(
                        "row {row}: invalid cadence {s:?} in column cadence \
                         (a whole number of days, 1 to 3650)"
                    ));
                }
            },
        };
        let mut tags: Vec<String> = Vec::new();
        for t in cell(Column::Tags)
            .unwrap_or("")
            .split(|c: char| c == ';' || c == ',' || c.is_whitespace())
            .filter(|t| !t.is_empty())
        {
            if !tags.iter().any(|x| x == t) {
                tags.push(t.to_string());
            }
        }
        Ok(Some(Client {
            id: 0,
            name,
            contact: text(Column::Contact),
            email: text(Column::Email),
            phone: text(Column::Phone),
            since,
            tags,
            cadence_days,
            note: text(Column::Note),
            archived: false,
            uuid: None,
        }))
    }
}

impl<R: Read> Iterator for Rows<R> {
    type Item = Result<Client, String>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_client().transpose()
    }
}

fn fields(n: usize) -> String {
    if n == 1 {
        "1 field".into()
    } else {
        format!("{n} fields")
    }
}

fn parse_cadence(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse::<u32>().ok().filter(|n| (1..=3650).contains(n))
}

fn csv_error(e: &csv::Error) -> String {
    match e.position() {
        Some(p) => format!("row {}: {e}", p.line()),
        None => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn ok(text: &str) -> ParsedCsv {
        match parse(text) {
            Ok(p) => p,
            Err(e) => panic!("unexpected error: {e}"),
        }
    }

    fn err(text: &str) -> String {
        match parse(text) {
            Ok(p) => panic!("expected an error, got {} clients", p.clients.len()),
            Err(e) => e,
        }
    }

    #[test]
    fn every_column() {
        let p = ok("name,contact,email,phone,since,tags,cadence,note\n\
             ACME B.V.,Piet Jansen,piet@acme.nl,+31 20 123,2024-03-01,key;nl,30,Likes wine\n\
             Café de Zon, , , ,15-06-2023,,,\n");
        assert!(p.unknown_columns.is_empty());
        assert_eq!(p.clients.len(), 2);
        let a = &p.clients[0];
        assert_eq!(a.id, 0);
        assert_eq!(a.name, "ACME B.V.");
        assert_eq!(a.contact.as_deref(), Some("Piet Jansen"));
        assert_eq!(a.email.as_deref(), Some("piet@acme.nl"));
        assert_eq!(a.phone.as_deref(), Some("+31 20 123"));
        assert_eq!(a.since, NaiveDate::from_ymd_opt(2024, 3, 1));
        assert_eq!(a.tags, vec!["key", "nl"]);
        assert_eq!(a.cadence_days, Some(30));
        assert_eq!(a.note.as_deref(), Some("Likes wine"));
        assert!(!a.archived);
        let b = &p.clients[1];
        assert_eq!(b.name, "Café de Zon");
        assert_eq!(b.contact, None);
        assert_eq!(b.email, None);
        assert_eq!(b.phone, None);
        assert_eq!(b.since, NaiveDate::from_ymd_opt(2023, 6, 15));
        assert!(b.tags.is_empty());
        assert_eq!(b.cadence_days, None);
        assert_eq!(b.note, None);
    }

    #[test]
    fn header_case_spaces_and_order_do_not_matter() {
        let p = ok(" Note , EMAIL,Name \r\nhi,a@b.c,Zoë\r\n");
        let c = &p.clients[0];
        assert_eq!(c.name, "Zoë");
        assert_eq!(c.email.as_deref(), Some("a@b.c"));
        assert_eq!(c.note.as_deref(), Some("hi"));
    }

    #[test]
    fn only_a_name_column_and_no_rows() {
        assert!(ok("name\n").clients.is_empty());
        assert_eq!(ok("name").clients.len(), 0);
        assert_eq!(ok("name\nA").clients[0].name, "A");
    }

    #[test]
    fn unknown_columns_reported_in_order() {
        let p = ok("Company ID,name,Fax,,region\n1,A,2,,x\n");
        assert_eq!(p.unknown_columns, vec!["Company ID", "Fax", "region"]);
        assert_eq!(p.clients[0].name, "A");
    }

    #[test]
    fn tags_split_dedup_and_drop_empty() {
        let p = ok("name,tags\nA,\" vip; nl,,vip  key\tnl ;\"\n");
        assert_eq!(p.clients[0].tags, vec!["vip", "nl", "key"]);
    }

    #[test]
    fn quoting_commas_and_newlines() {
        let text = "name,note,email\n\"Foo, Bar & Co\",\"line one\r\nline \"\"two\"\", with comma\",x@y.z\n\
                    B,\"multi\nline\",\n";
        let p = ok(text);
        assert_eq!(p.clients[0].name, "Foo, Bar & Co");
        assert_eq!(
            p.clients[0].note.as_deref(),
            Some("line one\nline \"two\", with comma")
        );
        assert_eq!(p.clients[0].email.as_deref(), Some("x@y.z"));
        assert_eq!(p.clients[1].note.as_deref(), Some("multi\nline"));
        // Rows after a multi-line note are numbered by their line in the file.
        let text = "name,note\nA,\"one\ntwo\"\n,x\n";
        assert_eq!(err(text), "row 4: the name is empty");
    }

    #[test]
    fn formula_cells_are_defused_and_restored() {
        for (cell, out) in [
            ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"),
            ("+31 20", "'+31 20"),
            ("-5", "'-5"),
            ("@sum", "'@sum"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("'=x", "''=x"),
            ("'hello", "'hello"),
            ("a=b", "a=b"),
            ("", ""),
            ("12.50", "12.50"),
        ] {
            assert_eq!(defuse(cell), out, "{cell:?}");
            assert_eq!(restore(&defuse(cell)), cell, "{cell:?}");
        }
        let p = ok("name,phone\n'=A,'+31 20\n");
        assert_eq!(p.clients[0].name, "=A");
        assert_eq!(p.clients[0].phone.as_deref(), Some("+31 20"));
    }

    #[test]
    fn bom_is_ignored() {
        let p = ok("\u{feff}name,email\nA,a@b.c\n");
        assert_eq!(p.clients[0].name, "A");
        assert!(p.unknown_columns.is_empty());
    }

    #[test]
    fn blank_rows_are_skipped() {
        let p = ok("name,email\n\nA,a@b.c\n , \n,\nB,\n");
        let names: Vec<_> = p.clients.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, vec!["A", "B"]);
    }

    #[test]
    fn error_invalid_date() {
        let text = "name,since\nA,2026-02-01\nB,01-02-2026\nC,2026-02-30\n";
        assert_eq!(
            err(text),
            "row 4: invalid date \"2026-02-30\" in column since"
        );
        assert_eq!(
            err("name,since\nA,today\n"),
            "row 2: invalid date \"today\" in column since"
        );
        assert_eq!(
            err("name,since\nA,+3d\n"),
            "row 2: invalid date \"+3d\" in column since"
        );
    }

    #[test]
    fn error_empty_name() {
        assert_eq!(
            err("email,name\na@b.c,A\nb@c.d,  \n"),
            "row 3: the name is empty"
        );
    }

    #[test]
    fn error_no_name_column() {
        assert_eq!(
            err("a, b\n1,2\n"),
            "no name column in the header (columns: a, b)"
        );
    }

    #[test]
    fn error_field_count() {
        let text = "name,contact,email,phone,since,tags,cadence,note\n\
                    A,,,,,,,\nB,,,,,,,\nC,,,,,,,\nD,x,y\n";
        assert_eq!(err(text), "row 5: 3 fields, the header has 8");
        assert_eq!(err("name,email\nA\n"), "row 2: 1 field, the header has 2");
    }

    #[test]
    fn error_empty_file() {
        assert_eq!(err(""), "the file is empty");
        assert_eq!(err("\u{feff}"), "the file is empty");
        assert_eq!(err(" \r\n\n"), "the file is empty");
    }

    #[test]
    fn error_cadence() {
        assert_eq!(
            ok("name,cadence\nA,3650\n").clients[0].cadence_days,
            Some(3650)
        );
        assert_eq!(ok("name,cadence\nA,1\n").clients[0].cadence_days, Some(1));
        for bad in ["0", "3651", "-5", "1.5", "ten", "99999999999999999999", "٣"] {
            assert_eq!(
                err(&format!("name,cadence\nA,{bad}\n")),
                format!(
                    "row 2: invalid cadence {bad:?} in column cadence \
                     (a whole number of days, 1 to 3650)"
                )
            );
        }
    }

    #[test]
    fn error_duplicate_column() {
        assert_eq!(
            err("name,Name\nA,B\n"),
            "the column name appears twice in the header"
        );
    }

    #[test]
    fn odd_input_does_not_panic() {
        for text in [
            "\"",
            "name\n\"unterminated",
            "name,since\n\"é\",\"ééé-é-ééé\"\n",
            "name\r\r\r",
            "\u{feff}\u{feff}",
            "name,tags\nA,\u{3000}\u{85}\n",
        ] {
            let _ = parse(text);
        }
    }

    proptest::proptest! {
        #[test]
        fn never_panics_on_any_text(s in "\\PC*") {
            let _ = parse(&s);
        }

        #[test]
        fn never_panics_on_csv_like_text(
            body in "(name|since|tags|cadence|note|[,;\" \t\r\n]|2026-02-3[01]|12|é|東|\u{feff}){0,40}"
        ) {
            let _ = parse(&body);
        }
    }
}
