//! The interface in English or Dutch: which language, the catalogue of messages, and the
//! Dutch (Taalunie) forms of money and dates.
//!
//! Only what is written for a person is translated: `--json`, tab-separated pipe output, CSV,
//! hledger and JSON exports, `man` and `completions` stay English whatever the language, so
//! that scripts keep working. The pure layers (score, report) return data; words are chosen
//! here and in `render`.
//!
//! The language: `--lang nl|en`, else `RELATIES_LANG`, else the first non-empty of `LC_ALL`,
//! `LC_MESSAGES`, `LANG`; a value that starts with `nl` means Dutch, anything else English.
//! No system locale is needed: the catalogue is in the binary, and it is plain `match`es (no
//! parsing at start-up, so `--version` stays as fast as it was).

mod catalogue;
pub mod commands;
pub mod connect;
pub mod format;
pub mod help;
pub mod parse;
pub mod store;
pub mod team;

use std::fmt::Display;
use std::sync::OnceLock;

pub use catalogue::{Msg, holiday_nl, word_nl};

/// A fixed word (a header, a kind, a status…) as the screen shows it in the current language.
pub fn word(en: &str) -> &str {
    match lang() {
        Lang::En => en,
        Lang::Nl => word_nl(en).unwrap_or(en),
    }
}

/// A message of a catalogue (see the `catalogue!` macro).
pub trait Message: Copy {
    /// Its text in `lang`, with `{name}` placeholders.
    fn template(self, lang: Lang) -> &'static str;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Nl,
}

static LANG: OnceLock<Lang> = OnceLock::new();

/// Sets the language for this process (once, from `main`).
pub fn set(lang: Lang) {
    let _ = LANG.set(lang);
}

/// The language chosen for this process (English until `set`).
pub fn lang() -> Lang {
    LANG.get().copied().unwrap_or(Lang::En)
}

/// The language a value names: `nl`, `nl_NL.UTF-8`, `nl_BE`, `NL` mean Dutch; anything else
/// (`en`, `C`, `POSIX`, `de_DE`) English.
pub fn from_value(v: &str) -> Lang {
    if v.trim()
        .get(..2)
        .is_some_and(|p| p.eq_ignore_ascii_case("nl"))
    {
        Lang::Nl
    } else {
        Lang::En
    }
}

/// The language from `--lang` (when given), else the environment as `env` reads it.
pub fn choose(flag: Option<&str>, env: impl Fn(&str) -> Option<String>) -> Lang {
    if let Some(f) = flag {
        return from_value(f);
    }
    for var in ["RELATIES_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
        if let Some(v) = env(var).filter(|v| !v.trim().is_empty()) {
            return from_value(&v);
        }
    }
    Lang::En
}

/// `--lang X` or `--lang=X` among the arguments, before clap reads them (its help and errors
/// must already be in the chosen language). Arguments after `--` are values, not options.
pub fn flag_in<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Option<String> {
    let mut it = args.iter().map(|a| a.as_ref().to_string_lossy());
    while let Some(a) = it.next() {
        if a == "--" {
            break;
        }
        if a == "--lang" {
            return it.next().map(|v| v.into_owned());
        }
        if let Some(v) = a.strip_prefix("--lang=") {
            return Some(v.to_string());
        }
    }
    None
}

/// A message in the current language, its `{name}` placeholders filled from `args`.
pub fn t(msg: impl Message, args: &[(&str, &dyn Display)]) -> String {
    fill(msg.template(lang()), args)
}

/// `t` in a given language (tests, and the English JSON that never changes).
pub fn t_in(lang: Lang, msg: impl Message, args: &[(&str, &dyn Display)]) -> String {
    fill(msg.template(lang), args)
}

/// The form for one or for many (`1 klant`, `2 klanten`: both languages say "one" only for
/// exactly 1), with `{n}` and `args` filled in.
pub fn plural<M: Message>(n: i64, one: M, many: M, args: &[(&str, &dyn Display)]) -> String {
    let msg = if n == 1 { one } else { many };
    let mut all: Vec<(&str, &dyn Display)> = vec![("n", &n)];
    all.extend_from_slice(args);
    fill(msg.template(lang()), &all)
}

/// Replaces each `{name}` in `template` with its value; an unknown name stays as written.
fn fill(template: &str, args: &[(&str, &dyn Display)]) -> String {
    if !template.contains('{') {
        return template.to_string();
    }
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match args.iter().find(|(k, _)| *k == name) {
                    Some((_, v)) => out.push_str(&v.to_string()),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The `{name}` placeholders of a template, sorted.
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut names: Vec<&str> = template
        .split('{')
        .skip(1)
        .filter_map(|p| p.split_once('}').map(|(n, _)| n))
        .collect();
    names.sort_unstable();
    names.dedup();
    names
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn the_language_comes_from_the_flag_then_the_environment() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(
            choose(Some("nl"), env(&[("LANG", "en_US.UTF-8")])),
            Lang::Nl
        );
        assert_eq!(
            choose(Some("en"), env(&[("RELATIES_LANG", "nl")])),
            Lang::En
        );
        assert_eq!(
            choose(None, env(&[("RELATIES_LANG", "nl"), ("LANG", "C")])),
            Lang::Nl
        );
        assert_eq!(
            choose(
                None,
                env(&[("LC_ALL", ""), ("LC_MESSAGES", "nl_BE"), ("LANG", "C")])
            ),
            Lang::Nl
        );
        assert_eq!(choose(None, env(&[("LANG", "nl_NL.UTF-8")])), Lang::Nl);
        for v in ["C", "POSIX", "en_GB.UTF-8", "de_DE", "n", ""] {
            let pairs: &'static [(&'static str, &'static str)] = Box::leak(Box::new([("LANG", v)]));
            assert_eq!(choose(None, env(pairs)), Lang::En, "{v:?}");
        }
        assert_eq!(choose(None, env(&[])), Lang::En);
    }

    #[test]
    fn the_flag_is_found_before_clap_reads_the_arguments() {
        assert_eq!(
            flag_in(&["relaties", "--lang", "nl", "report"]).as_deref(),
            Some("nl")
        );
        assert_eq!(
            flag_in(&["relaties", "report", "--lang=en"]).as_deref(),
            Some("en")
        );
        assert_eq!(
            flag_in(&["relaties", "log-touch", "x", "--", "--lang", "nl"]),
            None
        );
        assert_eq!(flag_in(&["relaties", "report"]), None);
    }

    #[test]
    fn templates_are_filled() {
        assert_eq!(
            fill("{n} {what} for {n}", &[("n", &3), ("what", &"gifts")]),
            "3 gifts for 3"
        );
        assert_eq!(fill("no braces", &[]), "no braces");
        assert_eq!(fill("{unknown} stays", &[]), "{unknown} stays");
        assert_eq!(fill("open { brace", &[]), "open { brace");
        assert_eq!(placeholders("{b} and {a} and {b}"), ["a", "b"]);
    }

    /// Every message of a catalogue exists in both languages (the macro sees to that), is not
    /// empty, and has the same placeholders in both. Each catalogue calls it from its tests.
    pub fn check_catalogue<M: Message + std::fmt::Debug>(all: &[M]) {
        for m in all {
            let (en, nl) = (m.template(Lang::En), m.template(Lang::Nl));
            assert!(!en.is_empty() && !nl.is_empty(), "{m:?}");
            assert_eq!(placeholders(en), placeholders(nl), "{m:?}: {en:?} / {nl:?}");
        }
    }

    #[test]
    fn every_message_exists_in_both_languages_with_the_same_placeholders() {
        check_catalogue(Msg::ALL);
    }
}
