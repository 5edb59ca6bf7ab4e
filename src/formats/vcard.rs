//! vCard 2.1, 3.0 and 4.0 (the versions of 1996, RFC 2426, RFC 6350) contact cards, read as
//! cards (for contact persons) and as clients.
//!
//! A small parser of our own rather than a crate: the errors must name the card and the line
//! it starts on, which general parsers do not report, and the files come from Android and
//! Outlook (vCard 2.1: `QUOTED-PRINTABLE` values with soft line breaks, `CHARSET=` per value),
//! Apple Contacts (3.0, grouped names such as `item1.EMAIL`) and others (4.0). It handles CRLF
//! or LF, folded lines, property parameters (quoted values included), and the text escapes
//! `\,` `\;` `\n` `\N` `\\`.
//!
//! Lines are unfolded on bytes and each value decoded afterwards (RFC 6350 §3.2), so a line
//! folded in the middle of a UTF-8 character reads back whole. A value is decoded by its
//! `CHARSET=` when it has one, else as UTF-8, else (not valid UTF-8) as Windows-1252. A file
//! with a UTF-16 byte-order mark is decoded whole first.
//!
//! Pure and panic-free on any input.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

use crate::model::Client;

/// One contact card, as much of it as the ledger keeps.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Card {
    /// FN, else N assembled (`prefix given additional family suffix`); `None` on a card that
    /// has only an ORG.
    pub name: Option<String>,
    /// The first component of ORG (the organisation, not its unit).
    pub org: Option<String>,
    pub title: Option<String>,
    pub role: Option<String>,
    /// Every EMAIL, in file order, `mailto:` removed; a repeated one only once.
    pub emails: Vec<String>,
    /// Every TEL, in file order, `tel:` removed; a repeated one only once.
    pub phones: Vec<String>,
    /// BDAY as (year, month, day); no year for vCard 4 `--1205` or Apple's
    /// `X-APPLE-OMIT-YEAR`.
    pub birthday: Option<(Option<i32>, u32, u32)>,
    /// Every CATEGORIES value, split on `,` (and `;`), in file order, repeats once.
    pub categories: Vec<String>,
    /// The NOTEs, joined by line breaks.
    pub note: Option<String>,
    /// The card's number in the file (1-based) and the line of its BEGIN:VCARD.
    pub number: usize,
    pub line: usize,
}

/// A file of cards, and the encoding it was read as when that was not UTF-8 (a UTF-16
/// byte-order mark, or values that were not UTF-8 and had no `CHARSET=`), for a notice.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct VcardFile {
    pub cards: Vec<Card>,
    pub encoding: Option<&'static str>,
}

/// How many e-mail addresses and phone numbers the cards have beyond the first of each,
/// which a client does not keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Unkept {
    pub emails: usize,
    pub phones: usize,
}

impl Unkept {
    /// One line saying what was not kept, or `None` when nothing was left out:
    /// `not imported: 2 further e-mail addresses and 1 further phone number beyond the first
    /// of each card (a client keeps one of each)`.
    pub fn notice(&self) -> Option<String> {
        let count = |n: usize, one: &str, many: &str| {
            (n > 0).then(|| crate::words::count(i64::try_from(n).unwrap_or(i64::MAX), one, many))
        };
        let parts: Vec<String> = [
            count(
                self.emails,
                "further e-mail address",
                "further e-mail addresses",
            ),
            count(self.phones, "further phone number", "further phone numbers"),
        ]
        .into_iter()
        .flatten()
        .collect();
        (!parts.is_empty()).then(|| {
            format!(
                "not imported: {} beyond the first of each card (a client keeps one of each)",
                parts.join(" and ")
            )
        })
    }
}

/// The cards of a file. Errors name the card (1-based) and its starting line:
/// `card 3 (line 17): no ORG, FN or N`, `line 9: END:VCARD without BEGIN:VCARD`,
/// `card 2 (line 5): not closed by END:VCARD`, `card 1 (line 1): unsupported VERSION 5.0`
/// (2.1, 3.0 and 4.0 are read; a card without VERSION is accepted),
/// `card 1 (line 1): unreadable BDAY "x" on line 4 (YYYY-MM-DD or --MM-DD)` (a BDAY with
/// `VALUE=text` is left out).
///
/// Blank lines between cards are skipped; any other text outside a card is an error
/// (`line 4: expected BEGIN:VCARD`). A file without any card gives an empty list.
pub fn parse_cards(bytes: &[u8]) -> Result<Vec<Card>, String> {
    read(bytes).map(|f| f.cards)
}

/// [`parse_cards`], with the encoding the file was read as.
pub fn read(bytes: &[u8]) -> Result<VcardFile, String> {
    let mut fallback = false;
    let (cards, encoding) = if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let (text, encoding) = super::decode(bytes)?;
        (cards(text.as_bytes(), &mut fallback)?, encoding)
    } else {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        (cards(bytes, &mut fallback)?, None)
    };
    Ok(VcardFile {
        cards,
        encoding: encoding.or(fallback.then(|| WINDOWS_1252.name())),
    })
}

/// The cards as clients (see [`Card::to_client`]), and how many addresses and numbers beyond
/// each card's first they leave out.
pub fn clients(cards: &[Card]) -> (Vec<Client>, Unkept) {
    let mut unkept = Unkept::default();
    for c in cards {
        unkept.emails += c.emails.len().saturating_sub(1);
        unkept.phones += c.phones.len().saturating_sub(1);
    }
    (cards.iter().map(Card::to_client).collect(), unkept)
}

/// A text of cards as clients (see [`Card::to_client`]).
pub fn parse(text: &str) -> Result<Vec<Client>, String> {
    Ok(clients(&parse_cards(text.as_bytes())?).0)
}

impl Card {
    /// The card as a client: its ORG, else its name, becomes the client's name; its name the
    /// contact; the first EMAIL and the first TEL; CATEGORIES the tags (each one word: spaces
    /// inside a category become `-`); the NOTE. Other fields default (id 0, since None,
    /// cadence None, archived false).
    pub fn to_client(&self) -> Client {
        let mut tags: Vec<String> = Vec::new();
        for c in &self.categories {
            let t = c.split_whitespace().collect::<Vec<_>>().join("-");
            if !t.is_empty() && !tags.contains(&t) {
                tags.push(t);
            }
        }
        Client {
            id: 0,
            name: self
                .org
                .clone()
                .or_else(|| self.name.clone())
                .unwrap_or_default(),
            contact: self.name.clone(),
            email: self.emails.first().cloned(),
            phone: self.phones.first().cloned(),
            since: None,
            tags,
            cadence_days: None,
            note: self.note.clone(),
            archived: false,
            uuid: None,
            recorded_by: None,
        }
    }
}

fn cards(bytes: &[u8], fallback: &mut bool) -> Result<Vec<Card>, String> {
    let mut cards = Vec::new();
    // The card being read: its number, its BEGIN line, its properties so far.
    let mut open: Option<(usize, usize, Vec<Property>)> = None;
    let mut count = 0usize;

    for (line_no, line) in unfold(bytes) {
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let prop = parse_line(line_no, &line);
        let is = |name: &str, value: &str| {
            prop.as_ref().is_some_and(|p| {
                p.name.eq_ignore_ascii_case(name)
                    && p.value.trim_ascii().eq_ignore_ascii_case(value.as_bytes())
            })
        };
        let begin = is("BEGIN", "VCARD");
        let end = is("END", "VCARD");
        match open.take() {
            None => {
                if begin {
                    count += 1;
                    open = Some((count, line_no, Vec::new()));
                } else if end {
                    return Err(format!("line {line_no}: END:VCARD without BEGIN:VCARD"));
                } else {
                    return Err(format!("line {line_no}: expected BEGIN:VCARD"));
                }
            }
            Some((number, start, props)) => {
                if begin {
                    // A card inside a card (vCard 2.1 AGENT style) is not supported.
                    return Err(not_closed(number, start));
                } else if end {
                    cards.push(to_card(number, start, &props, fallback)?);
                } else {
                    let mut props = props;
                    // A line that is not `name:value` carries nothing we use: skip it.
                    if let Some(p) = prop {
                        props.push(p);
                    }
                    open = Some((number, start, props));
                }
            }
        }
    }
    if let Some((number, start, _)) = open {
        return Err(not_closed(number, start));
    }
    Ok(cards)
}

fn not_closed(card: usize, start: usize) -> String {
    format!("card {card} (line {start}): not closed by END:VCARD")
}

/// A content line: name (group removed, as written), parameters, raw value bytes.
struct Property {
    line: usize,
    name: String,
    /// `(NAME, value)`, the name upper-cased; a vCard 2.1 bare parameter (`;WORK;QUOTED-PRINTABLE`)
    /// has an empty name.
    params: Vec<(String, String)>,
    value: Vec<u8>,
}

impl Property {
    fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim_matches('"'))
    }

    fn quoted_printable(&self) -> bool {
        self.params.iter().any(|(k, v)| {
            (k == "ENCODING" || k.is_empty()) && v.eq_ignore_ascii_case("QUOTED-PRINTABLE")
        })
    }

    /// The value as text: quoted-printable decoded, then by its CHARSET, else UTF-8, else
    /// Windows-1252 (noted in `fallback`). Line breaks become `\n`.
    fn text(&self, fallback: &mut bool) -> String {
        let raw = if self.quoted_printable() {
            quoted_printable(&self.value)
        } else {
            self.value.clone()
        };
        let charset = self
            .param("CHARSET")
            .and_then(|l| Encoding::for_label(l.as_bytes()))
            .filter(|&e| e != UTF_8);
        let text = match (charset, std::str::from_utf8(&raw)) {
            (Some(enc), _) => enc.decode_without_bom_handling(&raw).0.into_owned(),
            (None, Ok(s)) => s.to_string(),
            (None, Err(_)) => {
                // Not UTF-8 whatever the card claims: what Outlook writes in the Netherlands.
                if self.param("CHARSET").is_none() {
                    *fallback = true;
                }
                WINDOWS_1252
                    .decode_without_bom_handling(&raw)
                    .0
                    .into_owned()
            }
        };
        text.replace("\r\n", "\n")
    }
}

/// Physical lines joined into logical ones, each with the (1-based) line it starts on, on
/// bytes (a fold may split a UTF-8 character). A line starting with a space or tab continues
/// the previous one, minus that one character; a quoted-printable value ending in `=` (a soft
/// line break, vCard 2.1) continues on the next line, minus that `=`.
fn unfold(bytes: &[u8]) -> Vec<(usize, Vec<u8>)> {
    // Each logical line, and whether it is a quoted-printable value.
    let mut out: Vec<(usize, Vec<u8>, bool)> = Vec::new();
    for (i, raw) in bytes.split(|&b| b == b'\n').enumerate() {
        let line = raw.strip_suffix(b"\r").unwrap_or(raw);
        if let Some((_, prev, qp)) = out.last_mut() {
            if *qp && prev.last() == Some(&b'=') {
                prev.pop();
                prev.extend_from_slice(line);
                continue;
            }
            if let Some(rest) = line.strip_prefix(b" ").or_else(|| line.strip_prefix(b"\t")) {
                prev.extend_from_slice(rest);
                continue;
            }
        }
        let qp = head_of(line).is_some_and(|head| {
            head.split(|&b| b == b';').skip(1).any(|p| {
                let v = p.rsplit(|&b| b == b'=').next().unwrap_or(p);
                v.trim_ascii().eq_ignore_ascii_case(b"QUOTED-PRINTABLE")
            })
        });
        out.push((i + 1, line.to_vec(), qp));
    }
    out.into_iter().map(|(n, l, _)| (n, l)).collect()
}

/// The part of a content line before its value: up to the first colon outside double quotes.
fn head_of(line: &[u8]) -> Option<&[u8]> {
    let mut in_quotes = false;
    for (i, &b) in line.iter().enumerate() {
        match b {
            b'"' => in_quotes = !in_quotes,
            b':' if !in_quotes => return line.get(..i),
            _ => {}
        }
    }
    None
}

/// Splits `group.NAME;param=x;param="a:b":value`. `None` when there is no colon.
fn parse_line(line_no: usize, line: &[u8]) -> Option<Property> {
    let head = head_of(line)?;
    let value = line.get(head.len() + 1..)?;
    let head = String::from_utf8_lossy(head);
    let mut parts = head.split(';');
    let name = parts.next().unwrap_or("").trim();
    let name = name.rsplit('.').next().unwrap_or(name);
    let params = parts
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (k.trim().to_ascii_uppercase(), v.trim().to_string()),
            None => (String::new(), p.trim().to_string()),
        })
        .collect();
    Some(Property {
        line: line_no,
        name: name.to_string(),
        params,
        value: value.to_vec(),
    })
}

/// `=XX` hexadecimal escapes decoded; anything else (a stray `=`) kept as it is.
fn quoted_printable(v: &[u8]) -> Vec<u8> {
    fn hex(b: u8) -> Option<u8> {
        (b as char).to_digit(16).and_then(|d| u8::try_from(d).ok())
    }
    let mut out = Vec::with_capacity(v.len());
    let mut i = 0;
    while let Some(&b) = v.get(i) {
        let escaped = (b == b'=')
            .then(|| Some((hex(*v.get(i + 1)?)?, hex(*v.get(i + 2)?)?)))
            .flatten();
        match escaped {
            Some((hi, lo)) => {
                out.push(hi * 16 + lo);
                i += 3;
            }
            None => {
                out.push(b);
                i += 1;
            }
        }
    }
    out
}

/// A text value split on unescaped `;` (the components of ORG and N), each unescaped.
fn components(value: &str) -> Vec<String> {
    split_unescaped(value, &[';'])
}

/// A text value split on any unescaped character of `seps`, each part unescaped.
fn split_unescaped(value: &str, seps: &[char]) -> Vec<String> {
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
            c if seps.contains(&c) => parts.push(String::new()),
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

/// N (`family;given;additional;prefix;suffix`) as a name: prefix given additional family
/// suffix, the empty ones left out.
fn assemble_n(value: &str) -> Option<String> {
    let parts = components(value);
    let part = |i: usize| parts.get(i).map_or("", |s| s.trim());
    let words: Vec<&str> = [3, 1, 2, 0, 4]
        .into_iter()
        .map(part)
        .filter(|s| !s.is_empty())
        .collect();
    present(&words.join(" "))
}

/// A BDAY value: `YYYY-MM-DD`, `YYYYMMDD` (a time after `T` ignored), or without a year
/// `--MM-DD` / `--MMDD`. A year equal to `omit_year` (Apple's `X-APPLE-OMIT-YEAR`) is none.
fn birthday(value: &str, omit_year: Option<i32>) -> Option<(Option<i32>, u32, u32)> {
    let date = value.trim().split(['T', 't']).next().unwrap_or("");
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let (year, md) = if let Some(md) = date.strip_prefix("--") {
        (None, md.replace('-', ""))
    } else {
        let compact = date.replace('-', "");
        let dashes = date.matches('-').count();
        if compact.len() != 8 || !(dashes == 0 || dashes == 2) {
            return None;
        }
        let (y, md) = compact.split_at_checked(4)?;
        (Some(y.to_string()), md.to_string())
    };
    if md.len() != 4 || !digits(&md) || !year.as_deref().is_none_or(digits) {
        return None;
    }
    let month: u32 = md.get(..2)?.parse().ok()?;
    let day: u32 = md.get(2..)?.parse().ok()?;
    let year: Option<i32> = match year {
        Some(y) => Some(y.parse().ok()?),
        None => None,
    };
    // Checked against a leap year when there is none, so that 29 February stays.
    chrono::NaiveDate::from_ymd_opt(year.unwrap_or(2000), month, day)?;
    Some((year.filter(|&y| Some(y) != omit_year), month, day))
}

fn to_card(
    number: usize,
    start: usize,
    props: &[Property],
    fallback: &mut bool,
) -> Result<Card, String> {
    let all = |name: &'static str| {
        props
            .iter()
            .filter(move |p| p.name.eq_ignore_ascii_case(name))
    };
    let mut text = |p: &Property| p.text(fallback);
    if let Some(v) = all("VERSION").next() {
        let version = text(v);
        let version = version.trim();
        if !["2.1", "3.0", "4.0"].contains(&version) {
            return Err(format!(
                "card {number} (line {start}): unsupported VERSION {}",
                shorten(version)
            ));
        }
    }
    let first = |name: &'static str, text: &mut dyn FnMut(&Property) -> String| {
        all(name).find_map(|p| present(&unescape(&text(p))))
    };
    let org = all("ORG").find_map(|p| {
        components(&text(p))
            .into_iter()
            .next()
            .and_then(|s| present(&s))
    });
    let name = first("FN", &mut text).or_else(|| all("N").find_map(|p| assemble_n(&text(p))));
    if org.is_none() && name.is_none() {
        return Err(format!("card {number} (line {start}): no ORG, FN or N"));
    }
    let title = first("TITLE", &mut text);
    let role = first("ROLE", &mut text);
    let mut list = |prop: &'static str, scheme: &str| {
        let mut out: Vec<String> = Vec::new();
        for p in all(prop) {
            let v = unescape(&text(p));
            if let Some(v) = present(strip_scheme(v.trim(), scheme))
                && !out.iter().any(|x| x.eq_ignore_ascii_case(&v))
            {
                out.push(v);
            }
        }
        out
    };
    let emails = list("EMAIL", "mailto:");
    let phones = list("TEL", "tel:");
    let mut categories: Vec<String> = Vec::new();
    for p in all("CATEGORIES") {
        for c in split_unescaped(&text(p), &[',', ';']) {
            if let Some(c) = present(&c)
                && !categories.iter().any(|x| x.eq_ignore_ascii_case(&c))
            {
                categories.push(c);
            }
        }
    }
    let mut birthday_ = None;
    if let Some(p) = all("BDAY").next() {
        let is_text = p
            .param("VALUE")
            .is_some_and(|v| v.eq_ignore_ascii_case("text"));
        if !is_text {
            let v = text(p);
            let omit = p
                .param("X-APPLE-OMIT-YEAR")
                .and_then(|y| y.trim().parse().ok());
            birthday_ = Some(birthday(&v, omit).ok_or_else(|| {
                format!(
                    "card {number} (line {start}): unreadable BDAY {} on line {} \
                     (YYYY-MM-DD or --MM-DD)",
                    shorten_quoted(v.trim()),
                    p.line
                )
            })?);
        }
    }
    let notes: Vec<String> = all("NOTE")
        .filter_map(|p| present(&unescape(&text(p))))
        .collect();
    Ok(Card {
        name,
        org,
        title,
        role,
        emails,
        phones,
        birthday: birthday_,
        categories,
        note: (!notes.is_empty()).then(|| notes.join("\n")),
        number,
        line: start,
    })
}

/// A value quoted for an error message, on one line and at most 20 characters.
fn shorten(s: &str) -> String {
    let t = cut(s);
    if t.chars().all(|c| c.is_ascii_graphic() || c == '.') {
        t
    } else {
        format!("{t:?}")
    }
}

/// Like [`shorten`], always quoted.
fn shorten_quoted(s: &str) -> String {
    format!("{:?}", cut(s))
}

fn cut(s: &str) -> String {
    let mut t: String = s.chars().take(20).collect();
    if t.len() < s.len() {
        t.push('…');
    }
    t
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
    fn error_no_org_fn_or_n() {
        let text = "BEGIN:VCARD\nFN:A\nEND:VCARD\nBEGIN:VCARD\nFN:B\nEND:VCARD\n\n\
                    BEGIN:VCARD\nVERSION:3.0\nN:;;;;\nFN:  \nEMAIL:x@y.z\nEND:VCARD\n";
        assert_eq!(parse(text).unwrap_err(), "card 3 (line 8): no ORG, FN or N");
    }

    #[test]
    fn n_is_the_name_without_fn() {
        let c = card("BEGIN:VCARD\nVERSION:2.1\nN:Vries;Jan;de;Dhr.;\nEND:VCARD\n");
        assert_eq!(c.name.as_deref(), Some("Dhr. Jan de Vries"));
        assert_eq!(c.org, None);
        assert_eq!(c.to_client().name, "Dhr. Jan de Vries");
        // A card with only an ORG has no name; the client is the ORG.
        let c = card("BEGIN:VCARD\nVERSION:3.0\nORG:Brouwerij 't IJ\nEND:VCARD\n");
        assert_eq!(c.name, None);
        assert_eq!(c.to_client().name, "Brouwerij 't IJ");
        assert_eq!(c.to_client().contact, None);
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
        let text = "BEGIN:VCARD\r\nVERSION:5.0\r\nFN:A\r\nEND:VCARD\r\n";
        assert_eq!(
            parse(text).unwrap_err(),
            "card 1 (line 1): unsupported VERSION 5.0"
        );
        for v in ["2.1", "3.0", "4.0"] {
            let text = format!("BEGIN:VCARD\r\nVERSION:{v}\r\nFN:A\r\nEND:VCARD\r\n");
            assert_eq!(one(&text).name, "A");
        }
    }

    fn card(text: &str) -> Card {
        cards_of(text.as_bytes()).remove(0)
    }

    fn cards_of(bytes: &[u8]) -> Vec<Card> {
        parse_cards(bytes).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn android_2_1_quoted_printable_utf8_with_soft_line_breaks() {
        let text = "BEGIN:VCARD\r\nVERSION:2.1\r\n\
             N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=BCrgen;;;\r\n\
             FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:J=C3=BCrgen M=C3=BC=\r\nller\r\n\
             ORG;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Bakkerij M=C3=BCller\r\n\
             TEL;CELL:06-12345678\r\nTEL;WORK;PREF:020-1234567\r\n\
             EMAIL;HOME:jurgen@example.nl\r\n\
             NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Eerste regel=0D=0ATweede =\r\n\
             regel met =E2=82=AC=\r\n\r\n\
             END:VCARD\r\n";
        let c = card(text);
        assert_eq!(c.name.as_deref(), Some("Jürgen Müller"));
        assert_eq!(c.org.as_deref(), Some("Bakkerij Müller"));
        assert_eq!(c.phones, vec!["06-12345678", "020-1234567"]);
        assert_eq!(c.emails, vec!["jurgen@example.nl"]);
        assert_eq!(c.note.as_deref(), Some("Eerste regel\nTweede regel met €"));
        assert_eq!(read(text.as_bytes()).unwrap().encoding, None);
    }

    #[test]
    fn outlook_2_1_windows_1252_with_and_without_charset() {
        let bytes = b"BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=Windows-1252:Zon;Caf\xe9 de\r\n\
              FN;CHARSET=Windows-1252:Caf\xe9 de Zon\r\nORG:Caf\xe9 de Zon\r\n\
              NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=windows-1252:Terras=E9 =80 5\r\n\
              EMAIL;PREF;INTERNET:info@cafedezon.nl\r\nEND:VCARD\r\n";
        let f = read(bytes).unwrap();
        let c = &f.cards[0];
        assert_eq!(c.name.as_deref(), Some("Café de Zon"));
        assert_eq!(c.org.as_deref(), Some("Café de Zon"));
        assert_eq!(c.note.as_deref(), Some("Terrasé € 5"));
        // ORG had no CHARSET and was not UTF-8: read as Windows-1252, and said so.
        assert_eq!(f.encoding, Some("windows-1252"));
        // All values labelled: no notice.
        let f = read(b"BEGIN:VCARD\nFN;CHARSET=ISO-8859-1:Caf\xe9\nEND:VCARD\n").unwrap();
        assert_eq!(f.cards[0].name.as_deref(), Some("Café"));
        assert_eq!(f.encoding, None);
        // A card that claims UTF-8 but is not.
        let f = read(b"BEGIN:VCARD\nFN;CHARSET=UTF-8:Caf\xe9\nEND:VCARD\n").unwrap();
        assert_eq!(f.cards[0].name.as_deref(), Some("Café"));
    }

    #[test]
    fn a_fold_inside_a_utf8_character_is_joined_before_decoding() {
        // "é" is C3 A9: folded between its two bytes.
        let f = read(b"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Caf\xc3\r\n \xa9 de Zon\r\nEND:VCARD\r\n")
            .unwrap();
        assert_eq!(f.cards[0].name.as_deref(), Some("Café de Zon"));
        assert_eq!(f.encoding, None);
        // "東" is E6 9D B1, folded after its first byte, with a tab.
        let c = card_bytes(b"BEGIN:VCARD\nFN:\xe6\n\t\x9d\xb1\nEND:VCARD\n");
        assert_eq!(c.name.as_deref(), Some("東"));
    }

    fn card_bytes(bytes: &[u8]) -> Card {
        cards_of(bytes).remove(0)
    }

    #[test]
    fn utf16_files_with_a_bom() {
        let text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë\r\nORG:Brouwerij 't IJ\r\nEND:VCARD\r\n";
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let f = read(&le).unwrap();
        assert_eq!(f.encoding, Some("UTF-16LE"));
        assert_eq!(f.cards[0].name.as_deref(), Some("Zoë"));
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(
            read(&be).unwrap().cards[0].org.as_deref(),
            Some("Brouwerij 't IJ")
        );
        assert!(read(&le[..le.len() - 1]).is_err());
    }

    #[test]
    fn apple_3_0_every_email_and_phone_categories_title_birthday() {
        let c = card(
            "BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Apple Inc.//macOS 14.0//EN\r\n\
             N:Bakker;Anna;;;\r\nFN:Anna Bakker\r\nORG:Bakkerij Müller;Verkoop\r\n\
             TITLE:Inkoper\r\nROLE:Beslisser\r\n\
             item1.EMAIL;type=INTERNET;type=pref:anna@muller.nl\r\n\
             item1.X-ABLabel:_$!<Work>!$_\r\nEMAIL;type=INTERNET;type=HOME:anna@thuis.nl\r\n\
             EMAIL;type=INTERNET:ANNA@muller.nl\r\n\
             TEL;type=CELL;type=VOICE;type=pref:+31 6 1234 5678\r\n\
             TEL;type=WORK;type=VOICE:+31 20 765 4321\r\n\
             BDAY;X-APPLE-OMIT-YEAR=1604:1604-12-05\r\n\
             CATEGORIES:Klanten,Goede klant,klanten\r\nCATEGORIES:vip\r\n\
             END:VCARD\r\n",
        );
        assert_eq!(c.name.as_deref(), Some("Anna Bakker"));
        assert_eq!(c.org.as_deref(), Some("Bakkerij Müller"));
        assert_eq!(c.title.as_deref(), Some("Inkoper"));
        assert_eq!(c.role.as_deref(), Some("Beslisser"));
        // A repeated address (in another case) once.
        assert_eq!(c.emails, vec!["anna@muller.nl", "anna@thuis.nl"]);
        assert_eq!(c.phones, vec!["+31 6 1234 5678", "+31 20 765 4321"]);
        assert_eq!(c.birthday, Some((None, 12, 5)));
        assert_eq!(c.categories, vec!["Klanten", "Goede klant", "vip"]);
        assert_eq!((c.number, c.line), (1, 1));
        let client = c.to_client();
        assert_eq!(client.name, "Bakkerij Müller");
        assert_eq!(client.contact.as_deref(), Some("Anna Bakker"));
        assert_eq!(client.email.as_deref(), Some("anna@muller.nl"));
        assert_eq!(client.phone.as_deref(), Some("+31 6 1234 5678"));
        assert_eq!(client.tags, vec!["Klanten", "Goede-klant", "vip"]);
        let (_, unkept) = clients(&[c.clone(), c]);
        assert_eq!(
            unkept,
            Unkept {
                emails: 2,
                phones: 2
            }
        );
    }

    #[test]
    fn birthdays() {
        for (v, want) in [
            ("1980-12-05", Some((Some(1980), 12, 5))),
            ("19801205", Some((Some(1980), 12, 5))),
            ("1980-12-05T00:00:00Z", Some((Some(1980), 12, 5))),
            ("--1205", Some((None, 12, 5))),
            ("--12-05", Some((None, 12, 5))),
            ("--0229", Some((None, 2, 29))),
            (" 2000-02-29 ", Some((Some(2000), 2, 29))),
            ("1981-02-29", None),
            ("--1301", None),
            ("--1200", None),
            ("1980-1205", None),
            ("1980", None),
            ("circa 1800", None),
            ("", None),
            ("--é1", None),
        ] {
            assert_eq!(birthday(v, None), want, "{v}");
        }
        assert_eq!(birthday("1604-12-05", Some(1604)), Some((None, 12, 5)));
        assert_eq!(
            birthday("1960-12-05", Some(1604)),
            Some((Some(1960), 12, 5))
        );
        let text = "BEGIN:VCARD\nVERSION:4.0\nFN:A\nBDAY:--1205\nEND:VCARD\n\
                    BEGIN:VCARD\nVERSION:4.0\nFN:B\nBDAY;VALUE=text:circa 1800\nEND:VCARD\n\
                    BEGIN:VCARD\nVERSION:3.0\nFN:C\n\nBDAY:1980-13-01\nEND:VCARD\n";
        assert_eq!(
            parse_cards(text.as_bytes()).unwrap_err(),
            "card 3 (line 11): unreadable BDAY \"1980-13-01\" on line 15 (YYYY-MM-DD or --MM-DD)"
        );
        let v = cards_of(text.rsplit_once("BEGIN").map_or("", |x| x.0).as_bytes());
        assert_eq!(v[0].birthday, Some((None, 12, 5)));
        assert_eq!(v[1].birthday, None);
    }

    #[test]
    fn quoted_printable_decoding() {
        assert_eq!(quoted_printable(b"a=3Db=3db"), b"a=b=b");
        assert_eq!(quoted_printable(b"=C3=A9=\xff="), b"\xc3\xa9=\xff=");
        assert_eq!(quoted_printable(b"=G1=4"), b"=G1=4");
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

    use proptest::strategy::Strategy;

    proptest::proptest! {
        #[test]
        fn never_panics_on_any_text(s in "\\PC*") {
            let _ = parse(&s);
        }

        #[test]
        fn never_panics_on_any_bytes(b in proptest::collection::vec(proptest::num::u8::ANY, 0..200)) {
            let _ = read(&b);
        }

        #[test]
        fn never_panics_on_card_like_bytes(parts in proptest::collection::vec(
            proptest::prop_oneof![
                proptest::sample::select(vec![
                    &b"BEGIN:VCARD\r\n"[..], b"END:VCARD\r\n", b"VERSION:2.1\r\n", b"FN",
                    b"ORG", b"N", b"EMAIL", b"TEL", b"BDAY", b"CATEGORIES", b"NOTE",
                    b";ENCODING=QUOTED-PRINTABLE", b";CHARSET=UTF-8", b";CHARSET=windows-1252",
                    b";CHARSET=bogus", b";X-APPLE-OMIT-YEAR=1604", b":", b"=", b"=C3", b"=\r\n",
                    b"\r\n ", b"\n\t", b"\xc3", b"\xa9", b"\xe9", b"\x80", b"\xff\xfe",
                    b"--1205", b"1980-02-29", b"\\,", b";", b",", b"\"",
                ]).prop_map(<[u8]>::to_vec).boxed(),
                proptest::collection::vec(proptest::num::u8::ANY, 1..4).boxed(),
            ],
            0..40,
        )) {
            let _ = read(&parts.concat());
        }

        #[test]
        fn never_panics_on_card_like_text(
            body in "(BEGIN:VCARD|END:VCARD|VERSION:[34].0|FN:|ORG:|TEL;VALUE=uri:tel:|EMAIL;TYPE=\"a:b\":|NOTE:|item1.|BDAY:|--12|CATEGORIES:|;ENCODING=QUOTED-PRINTABLE:|=C3|=\r\n|;CHARSET=latin1|[\\\\;,:\" \t\r\n]|é|東|x){0,40}"
        ) {
            let _ = parse(&body);
        }
    }
}
