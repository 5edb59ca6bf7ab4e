//! `--help` and clap's usage errors in Dutch (#16): every help text, heading and clap's own
//! words; English stays clap's own, byte for byte; `--version`, `man` and `completions` are
//! the same in both languages.

use std::collections::BTreeSet;
use std::process::Output;

use clap::CommandFactory;
use relaties::cli::Cli;

use crate::support::relaties;

/// The binary in a language chosen only by `lang` (`None`: no language anywhere = English).
fn run(lang: Option<&str>, args: &[&str]) -> Output {
    let mut c = relaties();
    for var in ["RELATIES_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
        c.env_remove(var);
    }
    if let Some(l) = lang {
        c.args(["--lang", l]);
    }
    c.args(args).output().expect("runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Every command as the words that name it, the top level (`[]`) first.
fn commands() -> Vec<Vec<String>> {
    fn walk(cmd: &clap::Command, path: Vec<String>, out: &mut Vec<Vec<String>>) {
        for sub in cmd.get_subcommands() {
            let mut p = path.clone();
            p.push(sub.get_name().to_string());
            out.push(p.clone());
            walk(sub, p, out);
        }
    }
    let mut all = vec![Vec::new()];
    walk(&Cli::command(), Vec::new(), &mut all);
    all
}

/// Words that are data in both languages: command names and the values options take.
fn data_words() -> BTreeSet<String> {
    fn walk(cmd: &clap::Command, out: &mut BTreeSet<String>) {
        out.insert(cmd.get_name().to_string());
        for a in cmd.get_arguments() {
            for v in a.get_possible_values() {
                out.insert(v.get_name().to_string());
            }
        }
        for sub in cmd.get_subcommands() {
            walk(sub, out);
        }
    }
    let mut words = BTreeSet::new();
    walk(&Cli::command(), &mut words);
    words
}

/// A line that is only data: option names, placeholders, paths, values and numbers.
fn only_data(line: &str, words: &BTreeSet<String>) -> bool {
    line.split_whitespace().all(|t| {
        let w = t.trim_matches(|c: char| "()[],.;:'\"`".contains(c));
        w.is_empty()
            || w.starts_with(['-', '<', '$', '~', '#', '+'])
            || w.contains(['/', '.', '=', '<'])
            || w.chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || "-_…".contains(c))
            || words.contains(w)
    })
}

#[test]
fn every_help_is_in_dutch_apart_from_data() {
    let words = data_words();
    let all = commands();
    assert!(all.len() > 30, "{all:?}");
    for path in &all {
        let path: Vec<&str> = path.iter().map(String::as_str).collect();
        for flag in ["--help", "-h"] {
            let args: Vec<&str> = path.iter().copied().chain([flag]).collect();
            let en = run(None, &args);
            let nl = run(Some("nl"), &args);
            assert!(nl.status.success(), "{args:?}: {}", stderr(&nl));
            let (en, nl) = (stdout(&en), stdout(&nl));
            assert_ne!(en, nl, "{args:?}");
            let english: BTreeSet<&str> = en.lines().map(str::trim).collect();
            for line in nl.lines().map(str::trim) {
                assert!(
                    !english.contains(line) || only_data(line, &words),
                    "{args:?}: English in the Dutch help: {line:?}\n{nl}"
                );
            }
            for label in ["Gebruik: relaties", "\nOpties:\n", "\nAlgemene opties:\n"] {
                assert!(nl.contains(label), "{args:?}: no {label:?}:\n{nl}");
            }
            for english in [
                "Usage:",
                "Options:",
                "Print help",
                "[default:",
                "[possible values:",
            ] {
                assert!(!nl.contains(english), "{args:?}: {english:?}:\n{nl}");
            }
        }
    }
}

#[test]
fn the_environment_chooses_dutch_help_too() {
    let by_flag = stdout(&run(Some("nl"), &["log-gift", "--help"]));
    for (var, value) in [("RELATIES_LANG", "nl"), ("LANG", "nl_NL.UTF-8")] {
        let r = relaties()
            .env_remove("RELATIES_LANG")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("LANG")
            .env(var, value)
            .args(["log-gift", "--help"])
            .output()
            .expect("runs");
        assert_eq!(stdout(&r), by_flag, "{var}={value}");
    }
    assert!(
        by_flag.contains("Leg een relatiegeschenk vast"),
        "{by_flag}"
    );
    assert!(by_flag.contains("\nArgumenten:\n"), "{by_flag}");
    assert!(
        by_flag.contains("[mogelijke waarden: holiday, milestone"),
        "{by_flag}"
    );
    // `relaties client` alone prints the help (exit 2), in Dutch too.
    let r = run(Some("nl"), &["client"]);
    assert_eq!(r.status.code(), Some(2));
    assert!(stderr(&r).contains("\nOpdrachten:\n"), "{}", stderr(&r));
    // `relaties help log-gift` is the same as `relaties log-gift --help`.
    let r = run(Some("nl"), &["help", "log-gift"]);
    assert_eq!(stdout(&r), by_flag);
}

#[test]
fn english_help_is_claps_own() {
    let mut cmd = Cli::command();
    let expected = cmd.render_help().to_string();
    for lang in [None, Some("en")] {
        let r = run(lang, &["--help"]);
        assert_eq!(stdout(&r), expected, "{lang:?}");
    }
    let r = relaties()
        .env_remove("RELATIES_LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "en_GB.UTF-8")
        .args(["log-gift", "--help"])
        .output()
        .expect("runs");
    let help = stdout(&r);
    for english in [
        "Record a business gift",
        "Usage: relaties log-gift",
        "\nArguments:\n",
        "\nOptions:\n",
        "\nGlobal options:\n",
        "Print help",
        "[default: auto] [possible values: auto, always, never]",
    ] {
        assert!(help.contains(english), "{english:?}:\n{help}");
    }
}

#[test]
fn usage_errors_are_dutch_on_one_line_with_exit_2() {
    for (args, dutch, english) in [
        (
            &["timeline", "--bogus"][..],
            "error: onbekend argument '--bogus'",
            "error: unexpected argument '--bogus' found",
        ),
        (
            &["frobnicate"],
            "error: onbekende opdracht 'frobnicate'",
            "error: unrecognized subcommand 'frobnicate'",
        ),
        (
            &["log-touch", "ACME", "--channel", "pigeon"],
            "error: ongeldige waarde 'pigeon' voor '--channel <CHANNEL>' [mogelijke waarden: call,",
            "error: invalid value 'pigeon' for '--channel <CHANNEL>'",
        ),
        (
            &["log-touch", "ACME", "--energy", "6"],
            "error: ongeldige waarde '6' voor '--energy <1-5>': 6 ligt niet in 1..=5",
            "error: invalid value '6' for '--energy <1-5>': 6 is not in 1..=5",
        ),
        (
            &["log-gift", "ACME"],
            "error: het verplichte argument '<DESCRIPTION>' ontbreekt",
            "error: the following required arguments were not provided: <DESCRIPTION>",
        ),
        (
            &["timeline", "--limit"],
            "error: '--limit <N>' vraagt een waarde, maar die ontbreekt",
            "error: a value is required for '--limit <N>' but none was supplied",
        ),
        (
            &["report", "--week", "--since", "2026-01-01"],
            "error: het argument '--week' kan niet samen met '--since <DATE>'",
            "error: the argument '--week' cannot be used with '--since <DATE>'",
        ),
        (
            &["timeline", "--limt", "3"],
            "error: onbekend argument '--limt' tip: bedoelde u '--limit'?",
            "error: unexpected argument '--limt' found tip: a similar argument exists: '--limit'",
        ),
    ] {
        for (lang, want) in [(Some("nl"), dutch), (None, english)] {
            let r = run(lang, args);
            let err = stderr(&r);
            assert_eq!(r.status.code(), Some(2), "{lang:?} {args:?}: {err}");
            assert!(r.stdout.is_empty(), "{lang:?} {args:?}");
            assert!(err.starts_with(want), "{lang:?} {args:?}: {err}");
            assert_eq!(err.lines().count(), 1, "{lang:?} {args:?}: {err}");
            assert!(!err.contains("backtrace"), "{err}");
            let end = if lang.is_some() {
                "; zie --help\n"
            } else {
                "; see --help\n"
            };
            assert!(err.ends_with(end), "{lang:?} {args:?}: {err}");
        }
    }
}

#[test]
fn version_man_and_completions_are_the_same_in_both_languages() {
    for args in [
        &["--version"][..],
        &["-V"],
        &["log-gift", "--version"],
        &["man"],
        &["completions", "bash"],
    ] {
        let (en, nl) = (run(None, args), run(Some("nl"), args));
        assert!(en.status.success() && nl.status.success(), "{args:?}");
        assert!(!en.stdout.is_empty(), "{args:?}");
        assert_eq!(stdout(&en), stdout(&nl), "{args:?}");
    }
    let v = stdout(&run(Some("nl"), &["--version"]));
    assert!(v.starts_with("relaties "), "{v}");
}
