//! vCard 3.0 / 4.0 (RFC 2426, RFC 6350) contact cards read as clients.
//!
//! A small parser of our own rather than a crate: the errors must name the card and the line
//! it starts on, which general parsers do not report. It handles what address books export:
//! CRLF or LF, folded lines, property parameters (quoted values included), grouped names
//! (`item1.EMAIL`), and the text escapes `\,` `\;` `\n` `\N` `\\`.
//!
//! Pure and panic-free on any input: only `char`-boundary-safe string operations are used.

use crate::model::Client;

/// One contact card as a client: ORG (its first component) else FN becomes `name`; FN the
/// `contact`; the first EMAIL, first TEL, NOTE (unescaped). Other fields default (id 0,
/// since None, tags empty, cadence None, archived false).
/// Errors name the card (1-based) and its starting line: `card 3 (line 17): no ORG or FN`,
/// `line 9: END:VCARD without BEGIN:VCARD`, `card 2 (line 5): not closed by END:VCARD`,
/// `card 1 (line 1): unsupported VERSION 2.1` (accept 3.0 and 4.0; a card without VERSION is
/// accepted).
///
/// Blank lines between cards are skipped; any other text outside a card is an error
/// (`line 4: expected BEGIN:VCARD`). A text without any card gives an empty list.
pub fn parse(text: &str) -> Result<Vec<Client>, String> {
    let mut cards = Cards::default();
    let mut clients = Vec::new();
    for raw in text.split('\n') {
        clients.extend(cards.line(raw)?);
    }
    clients.extend(cards.finish()?);
    Ok(clients)
}

/// [`parse`] one physical line at a time, for reading a file as it comes: each finished card
/// comes out as soon as the line after its END:VCARD shows that END line is not folded.
#[derive(Default)]
pub struct Cards {
    /// Physical lines given so far.
    lines: usize,
    /// The logical line being unfolded: the line it starts on, its text so far.
    pending: Option<(usize, String)>,
    /// The card being read: its number, its BEGIN line, its properties so far.
    open: Option<(usize, usize, Vec<Property>)>,
    cards: usize,
}

impl Cards {
    /// The number of cards begun so far.
    pub fn cards(&self) -> usize {
        self.cards
    }

    /// The next physical line, without its `\n` (a `\r` before it is dropped here). A line
    /// starting with a space or tab continues the previous one, minus that one character.
    pub fn line(&mut self, raw: &str) -> Result<Option<Client>, String> {
        self.lines += 1;
        let raw = if self.lines == 1 {
            raw.strip_prefix('\u{feff}').unwrap_or(raw)
        } else {
            raw
        };
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let continuation = line.strip_prefix(' ').or_else(|| line.strip_prefix('\t'));
        if let (Some(rest), Some((_, prev))) = (continuation, self.pending.as_mut()) {
            prev.push_str(rest);
            return Ok(None);
        }
        let done = self.pending.replace((self.lines, line.to_string()));
        match done {
            Some((line_no, text)) => self.logical(line_no, &text),
            None => Ok(None),
        }
    }

    /// The end of the text: the last card, and whether every card was closed.
    pub fn finish(mut self) -> Result<Option<Client>, String> {
        let last = match self.pending.take() {
            Some((line_no, text)) => self.logical(line_no, &text)?,
            None => None,
        };
        if let Some((card, start, _)) = self.open {
            return Err(not_closed(card, start));
        }
        Ok(last)
    }

    fn logical(&mut self, line_no: usize, line: &str) -> Result<Option<Client>, String> {
        if line.trim().is_empty() {
            return Ok(None);
        }
        let prop = parse_line(line);
        let is = |name: &str, value: &str| {
            prop.as_ref().is_some_and(|p| {
                p.name.eq_ignore_ascii_case(name) && p.value.trim().eq_ignore_ascii_case(value)
            })
        };
        let begin = is("BEGIN", "VCARD");
        let end = is("END", "VCARD");
        match self.open.take() {
            None => {
                if begin {
                    self.cards += 1;
                    self.open = Some((self.cards, line_no, Vec::new()));
                    Ok(None)
                } else if end {
                    Err(format!("line {line_no}: END:VCARD without BEGIN:VCARD"))
                } else {
                    Err(format!("line {line_no}: expected BEGIN:VCARD"))
                }
            }
            Some((card, start, mut props)) => {
                if begin {
                    // A card inside a card (vCard 2.1 AGENT style) is not supported.
                    Err(not_closed(card, start))
                } else if end {
                    to_client(card, start, &props).map(Some)
                } else {
                    // A line that is not `name:value` carries nothing we use: skip it.
                    if let Some(p) = prop {
                        props.push(p);
                    }
                    self.open = Some((card, start, props));
                    Ok(None)
                }
            }
        }
    }
}

fn not_closed(card: usize, start: usize) -> String {
    format!("card {card} (line {start}): not closed by END:VCARD")
}

/// A content line: name (group removed, as written), parameters (ignored), raw value.
struct Property {
    name: String,
    value: String,
}

/// Splits `group.NAME;param=x;param="a:b":value`. `None` when there is no colon.
fn parse_line(line: &str) -> Option<Property> {
    // The value starts after the first colon outside double-quoted parameter values.
    let mut in_quotes = false;
    let mut colon = None;
    for (i, c) in line.char_indices() {
        match c {
            '"' => in_quotes = !in_quotes,
            ':' if !in_quotes => {
                colon = Some(i);
                break;
            }
            _ => {}
        }
    }
    let colon = colon?;
    // ':' is one byte, so both slices are on char boundaries.
    let head = line.get(..colon)?;
    let value = line.get(colon + 1..)?;
    let name = head.split(';').next().unwrap_or(head).trim();
    let name = name.rsplit('.').next().unwrap_or(name);
    Some(Property {
        name: name.to_string(),
        value: value.to_string(),
    })
}

/// A text value split on unescaped `;` (the components of ORG and N), each unescaped.
fn components(value: &str) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        let cur = match parts.last_mut() {
            Some(cur) => cur,
            None => break, // never empty
        };
        match c {
            '\\' => match chars.next() {
                Some('n' | 'N') => cur.push('\n'),
                Some(e @ (',' | ';' | '\\' | ':')) => cur.push(e),
                Some(other) => {
                    cur.push('\\');
                    cur.push(other);
                }
                None => cur.push('\\'),
            },
            ';' => parts.push(String::new()),
            _ => cur.push(c),
        }
    }
    parts
}

/// A whole text value unescaped (a `;` in it is kept).
fn unescape(value: &str) -> String {
    components(value).join(";")
}

/// Trimmed, `None` when empty.
fn present(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// Strips a case-insensitive URI scheme such as `tel:` or `mailto:`.
fn strip_scheme<'a>(s: &'a str, scheme: &str) -> &'a str {
    match s.get(..scheme.len()) {
        Some(head) if head.eq_ignore_ascii_case(scheme) => s.get(scheme.len()..).unwrap_or(s),
        _ => s,
    }
}

fn to_client(card: usize, start: usize, props: &[Property]) -> Result<Client, String> {
    let all = |name: &'static str| {
        props
            .iter()
            .filter(move |p| p.name.eq_ignore_ascii_case(name))
    };
    if let Some(v) = all("VERSION").next() {
        let version = v.value.trim();
        if version != "3.0" && version != "4.0" {
            return Err(format!(
                "card {card} (line {start}): unsupported VERSION {}",
                shorten(version)
            ));
        }
    }
    let org = all("ORG").find_map(|p| {
        components(&p.value)
            .into_iter()
            .next()
            .and_then(|s| present(&s))
    });
    let full_name = all("FN").find_map(|p| present(&unescape(&p.value)));
    let name = match org.or_else(|| full_name.clone()) {
        Some(n) => n,
        None => return Err(format!("card {card} (line {start}): no ORG or FN")),
    };
    let email = all("EMAIL").find_map(|p| {
        let v = unescape(&p.value);
        present(strip_scheme(v.trim(), "mailto:"))
    });
    let phone = all("TEL").find_map(|p| {
        let v = unescape(&p.value);
        present(strip_scheme(v.trim(), "tel:"))
    });
    let notes: Vec<String> = all("NOTE")
        .filter_map(|p| present(&unescape(&p.value)))
        .collect();
    Ok(Client {
        id: 0,
        name,
        contact: full_name,
        email,
        phone,
        since: None,
        tags: Vec::new(),
        cadence_days: None,
        note: (!notes.is_empty()).then(|| notes.join("\n")),
        archived: false,
        uuid: None,
    })
}

/// A value quoted for an error message, on one line and at most 20 characters.
fn shorten(s: &str) -> String {
    let mut t: String = s.chars().take(20).collect();
    if t.len() < s.len() {
        t.push('…');
    }
    if t.chars().all(|c| c.is_ascii_graphic() || c == '.') {
        t
    } else {
        format!("{t:?}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Client {
        let mut v = parse(text).unwrap();
        assert_eq!(v.len(), 1, "{v:?}");
        v.remove(0)
    }

    #[test]
    fn vcard_3_0_with_org() {
        let c = one(
            "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Jansen;Piet;;;\r\nFN:Piet Jansen\r\n\
             ORG:ACME B.V.;Sales\r\nEMAIL;TYPE=INTERNET,WORK:piet@acme.nl\r\n\
             EMAIL;TYPE=HOME:piet@home.nl\r\nTEL;TYPE=WORK,VOICE:+31 20 123 4567\r\n\
             TEL;TYPE=CELL:+31 6 1\r\nNOTE:Met at the fair\\, 2024\r\nEND:VCARD\r\n",
        );
        assert_eq!(c.name, "ACME B.V.");
        assert_eq!(c.contact.as_deref(), Some("Piet Jansen"));
        assert_eq!(c.email.as_deref(), Some("piet@acme.nl"));
        assert_eq!(c.phone.as_deref(), Some("+31 20 123 4567"));
        assert_eq!(c.note.as_deref(), Some("Met at the fair, 2024"));
        assert_eq!(c.id, 0);
        assert_eq!(c.since, None);
        assert!(c.tags.is_empty());
        assert_eq!(c.cadence_days, None);
        assert!(!c.archived);
    }

    #[test]
    fn vcard_4_0_without_org_uses_fn() {
        let c = one("BEGIN:VCARD\nVERSION:4.0\nFN:Zoë Müller\n\
             TEL;type=CELL;VALUE=uri:tel:+31-6-1234\nEMAIL;PREF=1:zoe@example.org\nEND:VCARD");
        assert_eq!(c.name, "Zoë Müller");
        assert_eq!(c.contact.as_deref(), Some("Zoë Müller"));
        assert_eq!(c.phone.as_deref(), Some("+31-6-1234"));
        assert_eq!(c.email.as_deref(), Some("zoe@example.org"));
        assert_eq!(c.note, None);
    }

    #[test]
    fn several_cards_blank_lines_and_no_version() {
        let text = "\n\nBEGIN:VCARD\nFN:Café de Zon\nEND:VCARD\n\n\
                    begin:vcard\nversion:3.0\norg:東京商事\nfn:田中 太郎\nend:vcard\n\n";
        let v = parse(text).unwrap();
        assert_eq!(v.len(), 2);
        assert_eq!(v[0].name, "Café de Zon");
        assert_eq!(v[1].name, "東京商事");
        assert_eq!(v[1].contact.as_deref(), Some("田中 太郎"));
    }

    #[test]
    fn empty_text_has_no_cards() {
        assert_eq!(parse("").unwrap(), vec![]);
        assert_eq!(parse("\r\n\n  \n").unwrap(), vec![]);
    }

    #[test]
    fn folded_lines_crlf_and_lf() {
        for nl in ["\r\n", "\n"] {
            let text = [
                "BEGIN:VCARD",
                "VERSION:3.0",
                "FN:Jan de ",
                " Vries",
                "ORG:Very Long Organisation Na",
                "\tme Ltd;Dept",
                "NOTE:line one\\nline ",
                " two with ü",
                " ber",
                "END:VCARD",
            ]
            .join(nl);
            let c = one(&text);
            assert_eq!(c.contact.as_deref(), Some("Jan de Vries"));
            assert_eq!(c.name, "Very Long Organisation Name Ltd");
            assert_eq!(c.note.as_deref(), Some("line one\nline two with über"));
        }
    }

    #[test]
    fn fold_inside_a_multibyte_sequence_of_chars() {
        // A fold between two characters of a non-ASCII name.
        let c = one("BEGIN:VCARD\nVERSION:4.0\nFN:東\n 京\nEND:VCARD\n");
        assert_eq!(c.name, "東京");
    }

    #[test]
    fn escapes() {
        let c = one("BEGIN:VCARD\nVERSION:3.0\nFN:Smith\\, John\n\
             ORG:Foo\\; Bar\\, Inc.;Unit\nNOTE:a\\\\b\\;c\\Nd\\xe\nEND:VCARD\n");
        assert_eq!(c.name, "Foo; Bar, Inc.");
        assert_eq!(c.contact.as_deref(), Some("Smith, John"));
        assert_eq!(c.note.as_deref(), Some("a\\b;c\nd\\xe"));
    }

    #[test]
    fn grouped_properties_and_quoted_parameters() {
        let c = one("BEGIN:VCARD\nVERSION:3.0\nFN:Ann\n\
             item1.EMAIL;type=INTERNET;type=pref:ann@x.com\nitem1.X-ABLabel:_$!<Work>!$_\n\
             item2.TEL;TYPE=\"voice,cell\";X-NOTE=\"a:b\":06 12\nEND:VCARD\n");
        assert_eq!(c.email.as_deref(), Some("ann@x.com"));
        assert_eq!(c.phone.as_deref(), Some("06 12"));
    }

    #[test]
    fn empty_values_are_absent_and_values_trimmed() {
        let c = one("BEGIN:VCARD\nVERSION:3.0\nORG:;Sales\nFN:  Bob  \nEMAIL:\n\
             EMAIL: bob@b.nl \nTEL:tel:\nTEL:  \nNOTE:\nEND:VCARD\n");
        assert_eq!(c.name, "Bob");
        assert_eq!(c.contact.as_deref(), Some("Bob"));
        assert_eq!(c.email.as_deref(), Some("bob@b.nl"));
        assert_eq!(c.phone, None);
        assert_eq!(c.note, None);
    }

    #[test]
    fn error_no_org_or_fn() {
        let text = "BEGIN:VCARD\nFN:A\nEND:VCARD\nBEGIN:VCARD\nFN:B\nEND:VCARD\n\n\
                    BEGIN:VCARD\nVERSION:3.0\nN:Doe;John\nFN:  \nEND:VCARD\n";
        assert_eq!(parse(text).unwrap_err(), "card 3 (line 8): no ORG or FN");
    }

    #[test]
    fn error_end_without_begin() {
        let text = "BEGIN:VCARD\nFN:A\nEND:VCARD\nEND:VCARD\n";
        assert_eq!(
            parse(text).unwrap_err(),
            "line 4: END:VCARD without BEGIN:VCARD"
        );
    }

    #[test]
    fn error_not_closed() {
        let text = "BEGIN:VCARD\nFN:A\nEND:VCARD\n\nBEGIN:VCARD\nFN:B\n";
        assert_eq!(
            parse(text).unwrap_err(),
            "card 2 (line 5): not closed by END:VCARD"
        );
        let text = "BEGIN:VCARD\nFN:A\nBEGIN:VCARD\nFN:B\nEND:VCARD\n";
        assert_eq!(
            parse(text).unwrap_err(),
            "card 1 (line 1): not closed by END:VCARD"
        );
    }

    #[test]
    fn error_unsupported_version() {
        let text = "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:A\r\nEND:VCARD\r\n";
        assert_eq!(
            parse(text).unwrap_err(),
            "card 1 (line 1): unsupported VERSION 2.1"
        );
    }

    #[test]
    fn error_text_outside_a_card() {
        assert_eq!(
            parse("hello\n").unwrap_err(),
            "line 1: expected BEGIN:VCARD"
        );
    }

    #[test]
    fn bom_is_ignored() {
        assert_eq!(one("\u{feff}BEGIN:VCARD\nFN:X\nEND:VCARD").name, "X");
    }

    #[test]
    fn odd_input_does_not_panic() {
        for text in [
            " ",
            "\t\n \n",
            ":",
            "BEGIN:VCARD\n:\n;\n\"\n\\\nFN:\\\nEND:VCARD",
            "BEGIN:VCARD\nFN:é\\\nORG:\\\nTEL:t\nEMAIL:MAILTO:\nEND:VCARD",
            "BEGIN:VCARD\nVERSION:ééééééééééééééééééééééé\nEND:VCARD",
            "BEGIN:VCARD\nTEL;X=\"unterminated:x\nEND:VCARD",
            "\r\r\n\u{feff}",
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
        fn never_panics_on_card_like_text(
            body in "(BEGIN:VCARD|END:VCARD|VERSION:[34].0|FN:|ORG:|TEL;VALUE=uri:tel:|EMAIL;TYPE=\"a:b\":|NOTE:|item1.|[\\\\;,:\" \t\r\n]|é|東|x){0,40}"
        ) {
            let _ = parse(&body);
        }
    }
}
