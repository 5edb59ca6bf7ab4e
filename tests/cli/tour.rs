//! The README's tour, run top to bottom on a new ledger, exactly as written.

use std::path::Path;
use std::process::Command;

/// The shell lines of the README's tour (`relaties …`), in order.
pub fn tour_lines() -> Vec<String> {
    lines_of(include_str!("../../README.md"), "## A tour")
}

/// The shell lines of the Dutch README's tour.
pub fn dutch_tour_lines() -> Vec<String> {
    lines_of(include_str!("../../README.nl.md"), "## Een rondleiding")
}

fn lines_of(readme: &str, heading: &str) -> Vec<String> {
    let start = readme.find(heading).expect("README has a tour");
    let block = &readme[start..];
    let open = block.find("```sh\n").expect("the tour's code block") + 6;
    let close = open + block[open..].find("```").expect("the block ends");
    block[open..close]
        .lines()
        .filter(|l| l.starts_with("relaties"))
        .map(str::to_string)
        .collect()
}

/// A folder with what the tour's imports read, a home, and `relaties` on the PATH.
pub fn tour_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    std::fs::create_dir(d.join("home")).expect("home");
    std::fs::create_dir(d.join("bin")).expect("bin");
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_relaties"), d.join("bin/relaties"))
        .expect("link");
    std::fs::write(
        d.join("contacts.vcf"),
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jansen Installatie\r\nEMAIL:info@jansen.nl\r\nEND:VCARD\r\n",
    )
    .expect("vcf");
    std::fs::write(
        d.join("clients.csv"),
        "name,email\nBakkerij De Graaf,info@degraaf.nl\n",
    )
    .expect("csv");
    dir
}

/// Runs one tour line in `dir` through the shell, as a user would type it.
pub fn run_line(dir: &Path, line: &str, envs: &[(&str, &str)]) -> std::process::Output {
    let path = format!(
        "{}:{}",
        dir.join("bin").display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut c = Command::new("sh");
    c.args(["-c", line])
        .current_dir(dir)
        .env("PATH", path)
        .env("HOME", dir.join("home"))
        .env("RELATIES_DB", dir.join("ledger.db"))
        .env("RUST_BACKTRACE", "1")
        .env_remove("XDG_DATA_HOME")
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("RELATIES_LANG");
    for (k, v) in envs {
        c.env(k, v);
    }
    c.output().expect("sh runs")
}

#[test]
fn the_readme_tour_runs_top_to_bottom_on_a_new_ledger() {
    let lines = tour_lines();
    assert!(lines.len() > 40, "{lines:?}");
    let dir = tour_folder();
    for line in &lines {
        let out = run_line(dir.path(), line, &[]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{line}\n{stderr}");
        assert!(!stderr.contains("error"), "{line}\n{stderr}");
    }
    // The tour left what it says: the gift edited, the void undone, Café de Zon erased.
    let out = run_line(dir.path(), "relaties timeline --json", &[]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let entries = v.as_array().expect("array");
    let gift = entries.iter().find(|e| e["id"] == 1).expect("gift #1");
    assert_eq!(gift["cost"]["cents"], 4995);
    let milestone = entries.iter().find(|e| e["id"] == 3).expect("milestone #3");
    assert_eq!(milestone["void"], false);
    assert!(entries.iter().all(|e| e["client"]["name"] != "Café de Zon"));
}

/// A tour line without its comment.
fn command(line: &str) -> String {
    match line.find("  #") {
        Some(i) => line[..i].trim_end().to_string(),
        None => line.trim_end().to_string(),
    }
}

#[test]
fn the_dutch_readme_tours_the_same_commands() {
    let en: Vec<String> = tour_lines().iter().map(|l| command(l)).collect();
    let nl: Vec<String> = dutch_tour_lines().iter().map(|l| command(l)).collect();
    assert_eq!(nl, en);
}

#[test]
fn the_dutch_tour_runs_top_to_bottom_in_dutch() {
    let dir = tour_folder();
    for line in &dutch_tour_lines() {
        let out = run_line(dir.path(), line, &[("RELATIES_LANG", "nl")]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{line}\n{stderr}");
        assert!(!stderr.contains("error"), "{line}\n{stderr}");
    }
}

/// Pure data: a line that holds nothing but numbers, dates, ids, paths and what the tour
/// itself typed (names, descriptions, tags) is the same in every language.
fn pure_data(line: &str, typed: &std::collections::HashSet<String>) -> bool {
    line.split_whitespace().all(|w| {
        let w = w.trim_matches(|c: char| ",.:;()[]#'\"+=·—-".contains(c));
        w.is_empty()
            || !w.chars().any(char::is_alphabetic)
            || typed.contains(&w.to_lowercase())
            || w.contains('@')
            || w.contains('/')
            || w.contains('.')
    })
}

/// Every word the tour types, and the names its import files hold.
fn typed_words() -> std::collections::HashSet<String> {
    let mut words: std::collections::HashSet<String> = tour_lines()
        .iter()
        .flat_map(|l| {
            command(l)
                .split(|c: char| c.is_whitespace() || c == '"')
                .map(|w| {
                    w.trim_matches(|c: char| ",.:;()'".contains(c))
                        .to_lowercase()
                })
                .collect::<Vec<_>>()
        })
        .collect();
    for w in ["jansen", "installatie", "bakkerij", "de", "graaf", "b.v"] {
        words.insert(w.to_string());
    }
    // Words Dutch shares with English.
    for w in [
        "scores",
        "score",
        "ok",
        "open",
        "incident",
        "compliment",
        "week",
        "trend",
        "status",
        "id",
        "e-mail",
        "contact",
        "band",
        "client",
        "quick_check",
    ] {
        words.insert(w.to_string());
    }
    words
}

#[test]
fn the_tour_says_everything_for_people_in_dutch_and_the_same_data_in_both() {
    // The same tour in two new folders, one in each language, on the same day.
    let (en_dir, nl_dir) = (tour_folder(), tour_folder());
    let day = [("RELATIES_TODAY", "2026-11-30")];
    let typed = typed_words();
    let mut compared = 0;
    for line in tour_lines() {
        // The sample ledgers and exports write files that differ only in time stamps.
        if line.contains("demo") || line.contains("export") || line.contains("backup") {
            continue;
        }
        let en = run_line(en_dir.path(), &line, &day);
        let nl = run_line(
            nl_dir.path(),
            &line,
            &[("RELATIES_TODAY", "2026-11-30"), ("RELATIES_LANG", "nl")],
        );
        assert_eq!(en.status.code(), nl.status.code(), "{line}");
        let (en_out, nl_out) = (
            String::from_utf8_lossy(&en.stdout),
            String::from_utf8_lossy(&nl.stdout),
        );
        for (a, b) in en_out.lines().zip(nl_out.lines()) {
            if a.contains('\t') {
                // A pipe's tab-separated lines are data: the same in every language.
                assert_eq!(a, b, "{line}: a tab-separated line differs");
            } else if a == b && !pure_data(a, &typed) {
                panic!("{line}: Dutch line identical to the English one: {b:?}");
            }
            compared += 1;
        }
    }
    assert!(compared > 50, "only {compared} lines compared");
}
