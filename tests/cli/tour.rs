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
