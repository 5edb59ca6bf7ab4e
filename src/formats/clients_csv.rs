//! A client list as CSV (RFC 4180) with a header row, as spreadsheets export it.
//!
//! Pure and panic-free on any input. Rows are numbered by the line of the file they start
//! on (the header is row 1), so a note with line breaks inside quotes makes the following
//! rows' numbers run ahead of the record count, just as an editor shows them.

use std::borrow::Cow;
use std::collections::HashMap;

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
    /// A header name in English or Dutch, compared case- and accent-insensitively and
    /// ignoring spaces, hyphens and underscores (`E-mail`, `Klant sinds`, `NOTITIE`).
    fn from_header(h: &str) -> Option<Column> {
        const ALL: [(&str, Column); 17] = [
            ("name", Column::Name),
            ("naam", Column::Name),
            ("contact", Column::Contact),
            ("contactpersoon", Column::Contact),
            ("email", Column::Email),
            ("emailadres", Column::Email),
            ("phone", Column::Phone),
            ("telefoon", Column::Phone),
            ("telefoonnummer", Column::Phone),
            ("since", Column::Since),
            ("klantsinds", Column::Since),
            ("tags", Column::Tags),
            ("labels", Column::Tags),
            ("cadence", Column::Cadence),
            ("note", Column::Note),
            ("notitie", Column::Note),
            ("notities", Column::Note),
        ];
        let key = header_key(h);
        ALL.iter().find(|(n, _)| *n == key).map(|&(_, c)| c)
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

/// `h` lower-cased, accents removed, and only its letters and digits kept.
fn header_key(h: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    h.nfd()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The separator a first line `sep=;` (or `,`, tab, `|`; any case) names, as Excel writes and
/// reads it.
fn sep_hint(line: &str) -> Option<u8> {
    let line = line.strip_suffix('\r').unwrap_or(line);
    let rest = line.get(..4).filter(|h| h.eq_ignore_ascii_case("sep="))?;
    match line.get(rest.len()..)?.as_bytes() {
        [b @ (b',' | b';' | b'\t' | b'|')] => Some(*b),
        _ => None,
    }
}

/// The field separator of a file whose first line is `line`: the one of `,` `;` and tab
/// that occurs most often outside double quotes (`,` when none does or on a tie).
fn separator(line: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for b in line.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).fold(0, |best, i| if counts[i] > counts[best] { i } else { best });
    [b',', b';', b'\t'][best]
}

/// A client list with a header row, its fields separated by `,`, `;` or tab (whichever the
/// header line has most of). Known columns (case-, accent- and space-insensitive), in English
/// or Dutch: name/naam, contact/contactpersoon, email/e-mail/e-mailadres,
/// phone/telefoon/telefoonnummer, since/klant sinds, tags/labels, cadence, note/notitie. A first
/// line `sep=;` (Excel's hint) names the separator instead. `name` is required as a column, and non-empty in
/// every row; errors about a cell name its column as the header writes it. `since`: YYYY-MM-DD or DD-MM-YYYY. `tags`: separated by
/// `;` or `,` or whitespace, deduplicated, empty dropped. `cadence`: a whole number of days
/// 1..=3650. Empty cells are absent; cells are trimmed. A row whose cells are all blank is
/// skipped. Rows are numbered by the file line they start on, header = row 1. A UTF-8 BOM at
/// the start is ignored. A header without data rows gives no clients.
pub fn parse(text: &str) -> Result<ParsedCsv, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err("the file is empty".into());
    }
    let first_line = text.split('\n').next().unwrap_or(text);
    // Excel's hint line `sep=;` before the header names the separator.
    let hint = sep_hint(first_line);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(hint.unwrap_or_else(|| separator(first_line)))
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();

    // The csv crate's own line numbers run behind on CRLF files: count them from offsets.
    let mut lines = Lines::new(text);
    if hint.is_some() {
        records.next();
    }
    let header = match records.next() {
        Some(Ok(h)) => h,
        Some(Err(e)) => return Err(csv_error(&e, text)),
        None => return Err("the file is empty".into()),
    };
    let header_names: Vec<String> = header.iter().map(|h| h.trim().to_string()).collect();
    let mut columns: HashMap<Column, usize> = HashMap::new();
    let mut unknown_columns = Vec::new();
    for (i, h) in header_names.iter().enumerate() {
        match Column::from_header(h) {
            Some(c) => {
                if let Some(first) = columns.insert(c, i) {
                    let first = header_names.get(first).map_or("", String::as_str);
                    let both = if first.eq_ignore_ascii_case(h) {
                        String::new()
                    } else {
                        format!(" (as {first} and {h})")
                    };
                    return Err(format!(
                        "the column {} appears twice in the header{both}",
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
    let width = header.len();

    let mut clients = Vec::new();
    for record in records {
        let record = record.map_err(|e| csv_error(&e, text))?;
        let row = record.position().map_or(0, |p| lines.at(p.byte()));
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if record.len() != width {
            return Err(format!(
                "row {row}: {}, the header has {width}",
                fields(record.len())
            ));
        }
        let cell = |c: Column| {
            columns
                .get(&c)
                .and_then(|&i| record.get(i))
                // A `'` that the CSV export put before a formula-like cell comes off.
                .map(|s| restore(s.trim()))
                .filter(|s| !s.is_empty())
        };
        let text = |c: Column| cell(c).map(|s| s.replace("\r\n", "\n"));

        let Some(name) = text(Column::Name) else {
            return Err(format!("row {row}: the name is empty"));
        };
        // A column as the header names it, for messages.
        let header = |c: Column| {
            columns
                .get(&c)
                .and_then(|&i| header_names.get(i))
                .map_or("", String::as_str)
        };
        let since = match cell(Column::Since) {
            None => None,
            Some(s) => match parse_date(s) {
                Ok(DateSpec::Absolute(d)) => Some(d),
                _ => {
                    return Err(format!(
                        "row {row}: invalid date {s:?} in column {}",
                        header(Column::Since)
                    ));
                }
            },
        };
        let cadence_days = match cell(Column::Cadence) {
            None => None,
            Some(s) => match parse_cadence(s) {
                Some(n) => Some(n),
                None => {
                    return Err(format!(
                        "row {row}: invalid cadence {s:?} in column {} \
                         (a whole number of days, 1 to 3650)",
                        header(Column::Cadence)
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
        clients.push(Client {
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
            recorded_by: None,
        });
    }
    Ok(ParsedCsv {
        clients,
        unknown_columns,
    })
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

fn csv_error(e: &csv::Error, text: &str) -> String {
    match e.position() {
        Some(p) => format!("row {}: {e}", Lines::new(text).at(p.byte())),
        None => e.to_string(),
    }
}

/// The (1-based) line of a byte offset in a text, for offsets that only grow.
struct Lines<'a> {
    text: &'a [u8],
    offset: usize,
    line: u64,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Lines<'a> {
        Lines {
            text: text.as_bytes(),
            offset: 0,
            line: 1,
        }
    }

    /// A record's line. The csv crate reports a record after a CRLF as starting at that
    /// CRLF's `\n`; no record starts with a line break, so those are skipped.
    fn at(&mut self, byte: u64) -> u64 {
        let mut to = usize::try_from(byte).map_or(self.text.len(), |b| b.min(self.text.len()));
        while matches!(self.text.get(to), Some(b'\r' | b'\n')) {
            to += 1;
        }
        if to < self.offset {
            (self.offset, self.line) = (0, 1);
        }
        // A line ends at LF, CRLF or a lone CR (old Excel for Mac).
        let newlines = (self.offset..to)
            .filter(|&i| match self.text.get(i) {
                Some(b'\n') => true,
                Some(b'\r') => self.text.get(i + 1) != Some(&b'\n'),
                _ => false,
            })
            .count();
        self.line += newlines as u64;
        self.offset = to;
        self.line
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
        assert_eq!(
            err("Naam;E-mail;Name\nA;b;B\n"),
            "the column name appears twice in the header (as Naam and Name)"
        );
    }

    #[test]
    fn dutch_headers_any_case_accent_and_spacing() {
        let p = ok(
            "NAAM;Contactpersoon;E-mail;Telefoon;Klant sinds;Labels;Notitie;Cadence\n\
             Café de Zon;Ann;ann@zon.nl;020 123;5-3-2024;horeca vip;Terras;14\n",
        );
        assert!(p.unknown_columns.is_empty(), "{:?}", p.unknown_columns);
        let c = &p.clients[0];
        assert_eq!(c.name, "Café de Zon");
        assert_eq!(c.contact.as_deref(), Some("Ann"));
        assert_eq!(c.email.as_deref(), Some("ann@zon.nl"));
        assert_eq!(c.phone.as_deref(), Some("020 123"));
        assert_eq!(c.since, NaiveDate::from_ymd_opt(2024, 3, 5));
        assert_eq!(c.tags, vec!["horeca", "vip"]);
        assert_eq!(c.note.as_deref(), Some("Terras"));
        assert_eq!(c.cadence_days, Some(14));
        for h in ["e-mail", "E_MAIL", "Email", "e mail", "É-mail"] {
            assert_eq!(Column::from_header(h), Some(Column::Email), "{h}");
        }
        for h in ["klant sinds", "KLANT-SINDS", "Klant_Sinds"] {
            assert_eq!(Column::from_header(h), Some(Column::Since), "{h}");
        }
        assert_eq!(Column::from_header("tags"), Some(Column::Tags));
        assert_eq!(Column::from_header("notitie"), Some(Column::Note));
        assert_eq!(Column::from_header("naam bedrijf"), None);
        assert_eq!(Column::from_header(""), None);
    }

    #[test]
    fn rows_are_lines_with_crlf_too() {
        assert_eq!(
            err("name,since\r\nA,\r\nB,x\r\n"),
            "row 3: invalid date \"x\" in column since"
        );
        assert_eq!(
            err("name;since\r\nA;\r\nB;x\r\n"),
            "row 3: invalid date \"x\" in column since"
        );
        assert_eq!(
            err("name;since\r\nA;;\r\nB;x\r\n"),
            "row 2: 3 fields, the header has 2"
        );
        assert_eq!(
            err("naam;a;b\r\nA;;\r\nB;x;;;\r\n"),
            "row 3: 5 fields, the header has 3"
        );
        assert_eq!(
            err("naam;a;b\r\nA;;\r\n;;\r\nB;x;;;\r\n"),
            "row 4: 5 fields, the header has 3"
        );
        // A note over two lines, then a blank line.
        assert_eq!(
            err("name,note\r\nA,\"one\r\ntwo\"\r\n\r\n,x\r\n"),
            "row 5: the name is empty"
        );
        assert_eq!(err("name,note\rA,b\r,x\r"), "row 3: the name is empty");
    }

    #[test]
    fn excel_sep_hint_line() {
        let p = ok("sep=;\r\nNaam;E-mailadres;Telefoonnummer\r\nA, B;a@b.nl;06 1\r\n");
        assert!(p.unknown_columns.is_empty(), "{:?}", p.unknown_columns);
        assert_eq!(p.clients[0].name, "A, B");
        assert_eq!(p.clients[0].email.as_deref(), Some("a@b.nl"));
        assert_eq!(p.clients[0].phone.as_deref(), Some("06 1"));
        assert_eq!(ok("SEP=,\nname,note\nA;x,y\n").clients[0].name, "A;x");
        // Rows keep their line in the file.
        assert_eq!(
            err("sep=;\nnaam;klant sinds\nA;x\n"),
            "row 3: invalid date \"x\" in column klant sinds"
        );
        assert_eq!(sep_hint("sep=\t"), Some(b'\t'));
        for no in ["sep=", "sep=;;", "sep:;", "se", "séé=;", "name"] {
            assert_eq!(sep_hint(no), None, "{no}");
        }
        // Only a hint line: no header.
        assert_eq!(err("sep=;\n"), "the file is empty");
    }

    #[test]
    fn separator_from_the_header_line() {
        assert_eq!(separator("name,email"), b',');
        assert_eq!(separator("Naam;E-mail;Telefoon"), b';');
        assert_eq!(separator("name\temail\tphone"), b'\t');
        assert_eq!(separator("name"), b',');
        // Separators inside quotes do not count.
        assert_eq!(separator("\"a;b;c\",name"), b',');
        assert_eq!(separator("\"Naam, bedrijf\";E-mail"), b';');
        // Commas inside a ;-separated file's cells are kept.
        let p = ok("naam;notitie\r\nBrouwerij 't IJ;bier, veel bier\r\n");
        assert_eq!(p.clients[0].name, "Brouwerij 't IJ");
        assert_eq!(p.clients[0].note.as_deref(), Some("bier, veel bier"));
        let p = ok("name\ttags\nA\tx;y\n");
        assert_eq!(p.clients[0].tags, vec!["x", "y"]);
    }

    #[test]
    fn errors_name_the_column_as_the_header_writes_it() {
        assert_eq!(
            err("Naam;Klant sinds\nA;1-1-2024\nB;gisteren\n"),
            "row 3: invalid date \"gisteren\" in column Klant sinds"
        );
        assert_eq!(
            err("Naam;Cadence\nA;vaak\n"),
            "row 2: invalid cadence \"vaak\" in column Cadence \
             (a whole number of days, 1 to 3650)"
        );
        assert_eq!(
            err("Naam;E-mail\nA;a@b\nB;b@c;extra\n"),
            "row 3: 3 fields, the header has 2"
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
}
