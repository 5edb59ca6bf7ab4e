//! File formats that other programs read or write: vCard and CSV client lists in, iCalendar
//! and hledger journals out. Pure text in, values out (and back): no ledger access here.

pub mod bounded;
pub mod clients_csv;
pub mod hledger;
pub mod ics;
pub mod vcard;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, WINDOWS_1252};

/// The text of a file whatever its encoding, as spreadsheets and address books write them:
/// UTF-8 with or without a byte-order mark; UTF-16 LE or BE with a byte-order mark; anything
/// else that is not valid UTF-8 is read as Windows-1252 (what Excel and Outlook write in the
/// Netherlands), which has a character for every byte. The byte-order mark is removed.
///
/// Returns the text and, when the file was not UTF-8, the name of the encoding it was read
/// as, for a one-line notice. Errors: a UTF-8 or UTF-16 file that breaks its own encoding
/// (`not valid UTF-16LE text (after its byte-order mark)`), and NUL bytes in a file without
/// a byte-order mark (UTF-16 without one, or not text at all).
pub fn decode(bytes: &[u8]) -> Result<(String, Option<&'static str>), String> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return match std::str::from_utf8(rest) {
            Ok(s) => Ok((s.to_string(), None)),
            Err(e) => Err(format!(
                "not valid UTF-8 text after its byte-order mark (bad byte at offset {})",
                e.valid_up_to() + 3
            )),
        };
    }
    for (bom, enc) in [(b"\xFF\xFE", UTF_16LE), (b"\xFE\xFF", UTF_16BE)] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            return match strict(enc, rest) {
                Some(s) => Ok((s, Some(enc.name()))),
                None => Err(format!(
                    "not valid {} text (after its byte-order mark)",
                    enc.name()
                )),
            };
        }
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok((s.to_string(), None));
    }
    if bytes.contains(&0) {
        return Err(
            "not a text file: it has NUL bytes (UTF-16 needs a byte-order mark)".to_string(),
        );
    }
    Ok((windows_1252(bytes), Some(WINDOWS_1252.name())))
}

/// `bytes` in `enc`, or `None` when they break it.
fn strict(enc: &'static Encoding, bytes: &[u8]) -> Option<String> {
    enc.decode_without_bom_handling_and_without_replacement(bytes)
        .map(|s| s.into_owned())
}

/// Windows-1252 has a character for every byte (the five unassigned ones become the C1
/// controls of the same number, as in the WHATWG Encoding Standard), so nothing is lost.
fn windows_1252(bytes: &[u8]) -> String {
    WINDOWS_1252
        .decode_without_bom_handling(bytes)
        .0
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(bytes: &[u8]) -> (String, Option<&'static str>) {
        decode(bytes).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(ok("Café;Zoë\r\n".as_bytes()), ("Café;Zoë\r\n".into(), None));
        assert_eq!(ok(b"\xEF\xBB\xBFCaf\xC3\xA9"), ("Café".into(), None));
        assert_eq!(ok(b""), (String::new(), None));
        assert_eq!(ok(b"\xEF\xBB\xBF"), (String::new(), None));
    }

    #[test]
    fn utf16_with_bom_both_orders() {
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Café 東".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(ok(&le), ("Café 東".into(), Some("UTF-16LE")));
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("Müller".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(ok(&be), ("Müller".into(), Some("UTF-16BE")));
    }

    #[test]
    fn not_utf8_is_windows_1252() {
        // "Café de Zon;Bakkerij Müller;€ 5 – ‘t" as Excel writes it in the Netherlands.
        let bytes = b"Caf\xe9 de Zon;Bakkerij M\xfcller;\x80 5 \x96 \x91t";
        assert_eq!(
            ok(bytes),
            (
                "Café de Zon;Bakkerij Müller;€ 5 – ‘t".into(),
                Some("windows-1252")
            )
        );
        // The unassigned bytes are kept, not dropped.
        assert_eq!(ok(b"\x81\xe9").0.chars().count(), 2);
    }

    #[test]
    fn errors() {
        assert_eq!(
            decode(b"\xEF\xBB\xBFab\xe9").unwrap_err(),
            "not valid UTF-8 text after its byte-order mark (bad byte at offset 5)"
        );
        // A lone surrogate.
        assert_eq!(
            decode(b"\xFF\xFE\x00\xD8a\x00").unwrap_err(),
            "not valid UTF-16LE text (after its byte-order mark)"
        );
        // An odd number of bytes.
        assert!(decode(b"\xFE\xFF\x00a\x00").is_err());
        assert_eq!(
            decode(b"n\x00a\x00\xe9\x00").unwrap_err(),
            "not a text file: it has NUL bytes (UTF-16 needs a byte-order mark)"
        );
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_utf8_is_kept(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..64)) {
            if let Ok((text, enc)) = decode(&bytes)
                && enc.is_none()
                && !bytes.starts_with(b"\xEF\xBB\xBF")
            {
                proptest::prop_assert_eq!(text.as_bytes(), &bytes[..]);
            }
        }
    }
}
