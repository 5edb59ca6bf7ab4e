//! `parse::parse_amount` on arbitrary UTF-8: Ok ⇒ 0 ≤ cents ≤ MAX_AMOUNT_CENTS, and
//! `format_money` of the result (with its currency, no currency, and the raw input as a
//! currency) does not panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use relaties::parse::{MAX_AMOUNT_CENTS, format_money, parse_amount};

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    // format_money takes any i64 and any currency text; exercise it on the input as well.
    let _ = format_money(i64::MIN, s);
    let _ = format_money(i64::MAX, s);
    let Ok(amount) = parse_amount(s) else {
        return;
    };
    assert!(
        (0..=MAX_AMOUNT_CENTS).contains(&amount.cents),
        "{s:?} parsed to {} cents",
        amount.cents
    );
    let _ = format_money(amount.cents, amount.currency.as_deref().unwrap_or("EUR"));
    let _ = format_money(amount.cents, "");
    let _ = format_money(-amount.cents, "CHF");
});
