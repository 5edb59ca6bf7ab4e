//! The parsers' error reasons in Dutch. The parsers (src/parse.rs) say why in English; the
//! message a person reads is worded here when the language is Dutch.

/// The forms a date may take, said after a bad one.
pub const DATE_FORMS_NL: &str =
    "gebruik JJJJ-MM-DD, DD-MM-JJJJ, 5 dec, vandaag, gisteren, 3d ago, +2w of een weekdag";

/// The forms an amount may take, said after a bad one.
pub const AMOUNT_FORMS_NL: &str = "gebruik bijvoorbeeld 45, 45,50, € 45,50, EUR 45 of 1.234,56";

/// A parser's English reason in Dutch; one it does not know stays as it is.
pub fn reason(en: &str) -> String {
    let exact = [
        ("empty", "leeg"),
        ("not a recognised date", "geen datum die relaties kent"),
        ("not a number", "geen getal"),
        ("no such month", "die maand bestaat niet"),
        ("no such day", "die dag bestaat niet"),
        (
            "year must be between 1000 and 9999",
            "het jaar moet tussen 1000 en 9999 liggen",
        ),
        (
            "months and years are not supported, use days (d) or weeks (w)",
            "maanden en jaren kan niet, gebruik dagen (d) of weken (w)",
        ),
        (
            "missing unit, use d for days or w for weeks",
            "eenheid ontbreekt, gebruik d voor dagen of w voor weken",
        ),
        (
            "unknown unit, use d for days or w for weeks",
            "onbekende eenheid, gebruik d voor dagen of w voor weken",
        ),
        (
            "amounts cannot be negative",
            "een bedrag kan niet negatief zijn",
        ),
        ("unexpected '-'", "onverwachte '-'"),
        (
            "exponent notation is not supported",
            "exponentnotatie kan niet",
        ),
        ("more than one currency", "meer dan één valuta"),
        ("no number", "geen getal"),
        (
            "letters are not allowed in the number",
            "letters horen niet in het getal",
        ),
        (
            "must start and end with a digit",
            "moet met een cijfer beginnen en eindigen",
        ),
        (
            "two separators in a row",
            "twee scheidingstekens achter elkaar",
        ),
        (
            "space after the decimal separator",
            "een spatie na het decimaalteken",
        ),
        ("at most 2 decimals", "hoogstens 2 decimalen"),
        (
            "mixed thousands separators",
            "verschillende duizendtalscheidingen",
        ),
        (
            "only digits may follow the decimal separator",
            "na het decimaalteken alleen cijfers",
        ),
        (
            "thousands groups must have 3 digits",
            "groepen van duizendtallen hebben 3 cijfers",
        ),
        (
            "ambiguous: leading 0 before a thousands separator",
            "dubbelzinnig: een 0 vooraan voor een duizendtalscheiding",
        ),
        (
            "misplaced separator",
            "scheidingsteken op de verkeerde plaats",
        ),
    ];
    if let Some((_, nl)) = exact.iter().find(|(e, _)| *e == en) {
        return (*nl).to_string();
    }
    let patterns: [(&str, &str); 6] = [
        ("unknown currency ", "onbekende valuta "),
        ("unexpected character ", "onverwacht teken "),
        ("date out of range: ", "datum buiten bereik: "),
        ("more than ", "meer dan "),
        ("decimal separator ", "decimaalteken "),
        ("too large", "te groot"),
    ];
    for (e, nl) in patterns {
        if let Some(rest) = en.strip_prefix(e) {
            return format!(
                "{nl}{}",
                rest.replace(" days away", " dagen weg")
                    .replace(" days from ", " dagen vanaf ")
                    .replace(" near ", " rond ")
                    .replace(" appears more than once", " staat er meer dan eens")
                    .replace(" (at most 10,000,000.00)", " (hoogstens 10.000.000,00)")
            );
        }
    }
    en.to_string()
}

/// An import file's error (src/formats: CSV rows, vCards, encodings) in the current
/// language: the formats say it in English; known phrases are put into Dutch, names, values
/// and numbers stay as they are.
pub fn file_error(en: &str) -> String {
    if super::lang() == super::Lang::En {
        return en.to_string();
    }
    let phrases = [
        ("the file is empty", "het bestand is leeg"),
        (
            "no name column in the header (columns: ",
            "geen naamkolom in de kopregel (kolommen: ",
        ),
        (
            "appears twice in the header",
            "staat twee keer in de kopregel",
        ),
        ("the column ", "de kolom "),
        (", the header has ", ", de kopregel heeft er "),
        (" fields", " velden"),
        ("1 field", "1 veld"),
        ("the name is empty", "de naam is leeg"),
        ("invalid date ", "ongeldige datum "),
        ("invalid cadence ", "ongeldige cadans "),
        (" in column ", " in kolom "),
        (
            "(a whole number of days, 1 to 3650)",
            "(een geheel aantal dagen, 1 tot 3650)",
        ),
        (
            "END:VCARD without BEGIN:VCARD",
            "END:VCARD zonder BEGIN:VCARD",
        ),
        ("expected BEGIN:VCARD", "BEGIN:VCARD verwacht"),
        ("not closed by END:VCARD", "niet afgesloten met END:VCARD"),
        ("no ORG, FN or N", "geen ORG, FN of N"),
        ("unsupported VERSION", "VERSION wordt niet ondersteund:"),
        (
            "not valid UTF-8 text after its byte-order mark",
            "geen geldige UTF-8-tekst na de byte-order mark",
        ),
        ("(bad byte at offset ", "(fout byte op positie "),
        (
            "not a text file: it has NUL bytes (UTF-16 needs a byte-order mark)",
            "geen tekstbestand: het bevat NUL-bytes (UTF-16 heeft een byte-order mark nodig)",
        ),
        (
            "text (after its byte-order mark)",
            "tekst (na de byte-order mark)",
        ),
        ("not valid ", "geen geldige "),
        ("row ", "rij "),
        ("card ", "kaart "),
        ("(line ", "(regel "),
        ("line ", "regel "),
    ];
    let mut out = en.to_string();
    for (e, nl) in phrases {
        out = out.replace(e, nl);
    }
    out
}

/// The error for a number with one separator followed by exactly three digits, in Dutch.
pub fn two_readings(whole: &str, int: &str, sep: char, frac: &str) -> String {
    let mark = if sep == '.' { "punt" } else { "komma" };
    format!(
        "dit leest op twee manieren, als {whole} ({sep:?} scheidt duizendtallen) of als \
         {int}{sep}{frac} (een decimale {mark}); schrijf {whole} of {whole}{sep}00 voor het \
         eerste, hoogstens 2 decimalen voor het tweede"
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn reasons_in_dutch() {
        assert_eq!(super::reason("no such month"), "die maand bestaat niet");
        assert_eq!(
            super::reason("unknown currency \"XYZ\""),
            "onbekende valuta \"XYZ\""
        );
        assert_eq!(super::reason("something new"), "something new");
        assert_eq!(
            super::reason("too large (at most 10,000,000.00)"),
            "te groot (hoogstens 10.000.000,00)"
        );
    }
}
