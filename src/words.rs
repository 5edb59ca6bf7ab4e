//! Counts in words, for messages: "1 day", "3 days".

/// `n` with the word for one or for many.
pub fn count(n: impl Into<i64>, one: &str, many: &str) -> String {
    let n = n.into();
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(super::count(1, "day", "days"), "1 day");
        assert_eq!(super::count(0, "entry", "entries"), "0 entries");
        assert_eq!(super::count(-1, "day", "days"), "-1 days");
        assert_eq!(super::count(12u32, "client", "clients"), "12 clients");
    }
}
