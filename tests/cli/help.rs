//! Help and man pages (issue #13): every subcommand's own options come first, the global
//! ones under their own heading; `relaties man` names no page that does not exist.

use clap::CommandFactory;
use relaties::cli::Cli;

use crate::support::{Ledger, relaties};

/// Every subcommand as the words that name it: ["client", "add"], ["log-gift"], …
fn subcommands(cmd: &clap::Command, path: Vec<String>, out: &mut Vec<Vec<String>>) {
    for sub in cmd.get_subcommands() {
        let mut p = path.clone();
        p.push(sub.get_name().to_string());
        out.push(p.clone());
        subcommands(sub, p, out);
    }
}

#[test]
fn every_subcommands_help_lists_its_own_options_before_the_global_ones() {
    let mut all = Vec::new();
    subcommands(&Cli::command(), Vec::new(), &mut all);
    assert!(all.len() > 30, "{all:?}");
    for path in &all {
        let r = relaties().args(path).arg("--help").output().expect("runs");
        assert!(r.status.success(), "{path:?}");
        let help = String::from_utf8_lossy(&r.stdout);
        let global = help
            .find("\nGlobal options:\n")
            .unwrap_or_else(|| panic!("{path:?}: no Global options heading:\n{help}"));
        let (own, globals) = help.split_at(global);
        // An option's line starts with its flags.
        let listed = |text: &str, flag: &str| {
            text.lines().any(|l| {
                let l = l.trim_start();
                l.starts_with(flag) || l.starts_with(&format!("-q, {flag}"))
            })
        };
        for flag in ["--db <PATH>", "--json", "--quiet", "--color <WHEN>"] {
            assert!(
                listed(globals, flag),
                "{path:?}: {flag} not global:\n{help}"
            );
            assert!(
                !listed(own, flag),
                "{path:?}: {flag} among its own:\n{help}"
            );
        }
        assert!(own.contains("\nOptions:\n"), "{path:?}:\n{help}");
    }
}

#[test]
fn man_dir_writes_every_page_the_pages_name() {
    let l = Ledger::new();
    let dir = l.dir.path().join("man1");
    let out = l.ok(&["man", "--dir", dir.to_str().expect("utf-8")]);
    assert!(out.starts_with("wrote "), "{out}");
    let mut named = Vec::new();
    let mut pages = Vec::new();
    for f in std::fs::read_dir(&dir).expect("dir") {
        let f = f.expect("entry").path();
        pages.push(f.file_name().expect("name").to_string_lossy().into_owned());
        let text = std::fs::read_to_string(&f).expect("page");
        named.extend(refs(&text));
    }
    assert!(pages.contains(&"relaties.1".to_string()), "{pages:?}");
    assert!(
        pages.contains(&"relaties-log-gift.1".to_string()),
        "{pages:?}"
    );
    assert!(
        pages.contains(&"relaties-client-add.1".to_string()),
        "{pages:?}"
    );
    // The page on stdout names the same pages, and nothing else.
    let main = l.ok(&["man"]);
    named.extend(refs(&main));
    assert!(named.len() > 30, "{named:?}");
    for page in &named {
        assert!(
            pages.contains(page),
            "{page} is named but not written: {pages:?}"
        );
    }
}

/// The pages a roff text refers to (`relaties\-log\-gift(1)` → `relaties-log-gift.1`).
fn refs(roff: &str) -> Vec<String> {
    let plain = roff.replace("\\-", "-");
    plain
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '(' || c == ')'))
        .filter(|w| w.starts_with("relaties") && w.ends_with("(1)"))
        .map(|w| format!("{}.1", w.trim_end_matches("(1)")))
        .collect()
}
