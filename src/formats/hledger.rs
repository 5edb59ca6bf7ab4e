//! Gift spend as an hledger (plain-text accounting) journal.
//!
//! hledger's syntax has no escaping, so whatever comes from the ledger is made safe instead:
//! two spaces end an account name, `;` starts a comment in a description, and a description
//! opening with `*`, `!` or `(` would be read as a status mark or a transaction code.

use crate::model::{Entry, Money};

/// The header line, then a blank line; no export date, so the output is reproducible.
const HEADER: &str = "; relaties: gift spend per client\n";
/// Account names are padded to at least this many characters so the amounts line up.
const MIN_ACCOUNT_WIDTH: usize = 30;
/// Used when `account` is empty or blank.
const DEFAULT_ACCOUNT: &str = "assets:bank";

/// Gift spend as an hledger journal: one transaction per gift with a cost, oldest first, e.g.
///   2026-11-20 Wine box  ; gift #12, holiday
///       expenses:gifts:ACME B.V.        45.50 EUR
///       assets:bank
/// Account name parts: the client name with ':' replaced by '-', runs of whitespace collapsed to
/// one space, trimmed (two spaces would end an account name in hledger); empty → "unknown".
/// The description: the gift's description with newlines as spaces; ';' is fine after the first
/// two-space-separated comment marker only, so put the comment after two spaces + ';'.
/// Amounts: decimal with 2 decimals and the currency code after, no thousands separators
/// (`1234.56 EUR`). A header comment line `; relaties gift spend, exported DATE` is NOT wanted
/// (keep output reproducible): start with `; relaties: gift spend per client` then a blank line.
///
/// Also: oldest first means by (date, id). A `;` inside a description becomes `,`; a description
/// that is empty becomes "gift"; one opening with `*`, `!` or `(` gets an empty code `()` before
/// it. `account` (the balancing account, e.g. "assets:bank") has its whitespace collapsed the
/// same way but keeps its ':'; blank → "assets:bank". A currency code that is not all ASCII
/// letters is written double-quoted, an empty one leaves the amount without commodity.
/// Lines end with LF; transactions are separated by one blank line; the text ends with a newline.
pub fn render(gifts: &[Entry], account: &str) -> String {
    let balancing = match collapse_whitespace(account) {
        a if a.is_empty() => DEFAULT_ACCOUNT.to_string(),
        a => a,
    };

    let mut rows: Vec<(&Entry, &Money, String, String)> = gifts
        .iter()
        .filter_map(|g| {
            let cost = g.cost.as_ref()?;
            let account = format!("expenses:gifts:{}", account_part(&g.client.name));
            Some((g, cost, account, amount(cost)))
        })
        .collect();
    rows.sort_by_key(|(g, ..)| (g.date, g.id));

    let width = rows
        .iter()
        .map(|(_, _, acc, _)| acc.chars().count())
        .fold(MIN_ACCOUNT_WIDTH, usize::max);
    let amount_width = rows
        .iter()
        .map(|(.., amt)| amt.chars().count())
        .max()
        .unwrap_or(0);

    let mut out = format!("{HEADER}\n");
    for (i, (g, _, acc, amt)) in rows.iter().enumerate() {
        let mut comment = format!("gift #{}", g.id);
        if let Some(o) = g.occasion {
            comment.push_str(", ");
            comment.push_str(o.as_str());
        }
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&format!(
            "{} {}  ; {comment}\n",
            g.date.format("%Y-%m-%d"),
            description(g.description.as_deref())
        ));
        out.push_str(&format!("    {acc:<width$}  {amt:>amount_width$}\n"));
        out.push_str(&format!("    {balancing}\n"));
    }
    out
}

/// One account name part from a client name: no ':', single spaces, trimmed; "unknown" if empty.
fn account_part(name: &str) -> String {
    let part = collapse_whitespace(&name.replace(':', "-"));
    if part.is_empty() {
        "unknown".to_string()
    } else {
        part
    }
}

/// Runs of whitespace (newlines, tabs, NBSP, ...) to one space, trimmed.
fn collapse_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The transaction description: one line, no ';', not mistaken for a status mark or code.
fn description(desc: Option<&str>) -> String {
    let d = collapse_whitespace(&desc.unwrap_or_default().replace(';', ","));
    if d.is_empty() {
        "gift".to_string()
    } else if d.starts_with(['*', '!', '(']) {
        format!("() {d}")
    } else {
        d
    }
}

/// "1234.56 EUR", "-0.05 EUR", "12.00" (no currency), "3.00 \"X1\"" (not a plain code).
fn amount(m: &Money) -> String {
    let abs = m.cents.unsigned_abs();
    let sign = if m.cents < 0 { "-" } else { "" };
    let number = format!("{sign}{}.{:02}", abs / 100, abs % 100);
    let code = m.currency.trim().to_uppercase();
    if code.is_empty() {
        number
    } else if code.chars().all(|c| c.is_ascii_alphabetic()) {
        format!("{number} {code}")
    } else {
        format!("{number} \"{}\"", code.replace('"', "'"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ClientRef, Kind, Occasion};
    use chrono::NaiveDate;

    fn gift(id: i64, client: &str, date: &str, desc: &str, cost: Option<(i64, &str)>) -> Entry {
        let mut g = Entry::new(
            Kind::Gift,
            ClientRef {
                id: 1,
                name: client.into(),
            },
            NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap(),
        );
        g.id = id;
        g.description = Some(desc.into());
        g.cost = cost.map(|(cents, currency)| Money {
            cents,
            currency: currency.into(),
        });
        g
    }

    #[test]
    fn two_gifts_exact_text_oldest_first() {
        let mut wine = gift(
            12,
            "ACME B.V.",
            "2026-11-20",
            "Wine box",
            Some((4550, "EUR")),
        );
        wine.occasion = Some(Occasion::Holiday);
        let flowers = gift(
            9,
            "Bakkerij de Zon",
            "2026-03-02",
            "Flowers",
            Some((123_456, "EUR")),
        );
        let text = render(&[wine, flowers], "assets:bank");
        let expected = "\
; relaties: gift spend per client

2026-03-02 Flowers  ; gift #9
    expenses:gifts:Bakkerij de Zon  1234.56 EUR
    assets:bank

2026-11-20 Wine box  ; gift #12, holiday
    expenses:gifts:ACME B.V.          45.50 EUR
    assets:bank
";
        assert_eq!(text, expected);
    }

    #[test]
    fn single_gift_matches_the_documented_layout() {
        let mut wine = gift(
            12,
            "ACME B.V.",
            "2026-11-20",
            "Wine box",
            Some((4550, "EUR")),
        );
        wine.occasion = Some(Occasion::Holiday);
        assert_eq!(
            render(&[wine], "assets:bank"),
            "; relaties: gift spend per client\n\n\
             2026-11-20 Wine box  ; gift #12, holiday\n    \
             expenses:gifts:ACME B.V.        45.50 EUR\n    \
             assets:bank\n"
        );
    }

    #[test]
    fn client_names_become_safe_account_parts() {
        assert_eq!(account_part("Parent: Child  B.V."), "Parent- Child B.V.");
        assert_eq!(account_part("  a\t\tb \u{a0} c\n"), "a b c");
        assert_eq!(account_part("   "), "unknown");
        assert_eq!(account_part(""), "unknown");
        assert_eq!(account_part("Café 東京"), "Café 東京");
        let g = gift(1, "A:B  C", "2026-01-01", "x", Some((100, "EUR")));
        let text = render(&[g], "  assets:current   account ");
        assert!(text.contains("\n    expenses:gifts:A-B C  "), "{text}");
        assert!(text.contains("\n    assets:current account\n"), "{text}");
        assert!(!text.contains("  \n"), "no trailing double space: {text}");
    }

    #[test]
    fn descriptions_stay_on_one_line_without_comment_markers() {
        let g = gift(
            3,
            "X",
            "2026-01-01",
            "Wine\nand\r\ncheese; deluxe",
            Some((5, "EUR")),
        );
        let text = render(&[g], "assets:bank");
        assert!(
            text.contains("\n2026-01-01 Wine and cheese, deluxe  ; gift #3\n"),
            "{text}"
        );
        assert_eq!(description(None), "gift");
        assert_eq!(description(Some(" \n ")), "gift");
        assert_eq!(description(Some("(boxed) wine")), "() (boxed) wine");
        assert_eq!(description(Some("*star* treatment")), "() *star* treatment");
        assert_eq!(description(Some("!urgent")), "() !urgent");
    }

    #[test]
    fn amounts_have_two_decimals_and_no_grouping() {
        let m = |cents, currency: &str| Money {
            cents,
            currency: currency.into(),
        };
        assert_eq!(amount(&m(5, "EUR")), "0.05 EUR");
        assert_eq!(amount(&m(123_456, "EUR")), "1234.56 EUR");
        assert_eq!(amount(&m(100_000_000, "usd")), "1000000.00 USD");
        assert_eq!(amount(&m(0, "EUR")), "0.00 EUR");
        assert_eq!(amount(&m(-250, "EUR")), "-2.50 EUR");
        assert_eq!(amount(&m(i64::MIN, "EUR")), "-92233720368547758.08 EUR");
        assert_eq!(amount(&m(1200, "")), "12.00");
        assert_eq!(amount(&m(300, "X1")), "3.00 \"X1\"");
    }

    #[test]
    fn gifts_without_cost_are_skipped() {
        let free = gift(1, "A", "2026-01-01", "Card", None);
        let paid = gift(2, "A", "2026-01-02", "Cake", Some((1000, "EUR")));
        let text = render(&[free.clone(), paid], "assets:bank");
        assert!(!text.contains("Card") && text.contains("Cake"));
        assert_eq!(text.matches("expenses:gifts:").count(), 1);
        assert_eq!(
            render(&[free], "assets:bank"),
            "; relaties: gift spend per client\n\n"
        );
        assert_eq!(render(&[], ""), "; relaties: gift spend per client\n\n");
    }

    #[test]
    fn blank_balancing_account_falls_back() {
        let g = gift(1, "A", "2026-01-01", "Cake", Some((1000, "EUR")));
        assert!(render(&[g], " ").ends_with("\n    assets:bank\n"));
    }
}
