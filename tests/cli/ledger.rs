//! The ledger file: where it lives, its permissions, concurrent writers, closed pipes.

use std::collections::HashSet;
use std::ffi::OsStr;
use std::io::Read;
use std::os::unix::fs::PermissionsExt;
use std::process::{Command, Stdio};

use crate::support::{Ledger, Run, assert_failed, relaties};

fn mode(p: &std::path::Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

#[test]
fn new_ledger_is_private_and_its_folders_are_created() {
    let l = Ledger::new();
    let path = l.dir.path().join("a").join("b").join("ledger.db");
    let r = crate::support::relaties()
        .arg("--db")
        .arg(&path)
        .args(["client", "add", "ACME"])
        .output()
        .unwrap();
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    assert!(path.is_file());
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(path.parent().unwrap()), 0o700);
    assert_eq!(mode(&l.dir.path().join("a")), 0o700);
}

#[test]
fn env_relaties_db_is_used_without_db_flag() {
    let l = Ledger::new();
    let env = [("RELATIES_DB", l.path.as_os_str())];
    let r = l.run_env(false, &env, &["client", "add", "ACME"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(l.path.is_file());
    assert_eq!(l.query("SELECT name FROM clients"), [["ACME"]]);
    let r = l.run_env(false, &env, &["client", "list", "--json"]);
    assert_eq!(r.code, 0);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v[0]["name"], "ACME");
}

#[test]
fn db_flag_wins_over_env() {
    let l = Ledger::new();
    let other = l.dir.path().join("other.db");
    let r = l.run_env(
        true,
        &[("RELATIES_DB", other.as_os_str())],
        &["client", "add", "ACME"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(l.path.is_file());
    assert!(!other.exists());
}

#[test]
fn xdg_data_home_when_absolute() {
    let l = Ledger::new();
    let xdg = l.dir.path().join("xdg");
    let home = l.dir.path().join("home");
    std::fs::create_dir(&home).unwrap();
    let r = l.run_env(
        false,
        &[
            ("XDG_DATA_HOME", xdg.as_os_str()),
            ("HOME", home.as_os_str()),
        ],
        &["client", "add", "ACME"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let db = xdg.join("relaties").join("ledger.db");
    assert!(db.is_file());
    assert_eq!(mode(&db), 0o600);
    assert_eq!(mode(&xdg.join("relaties")), 0o700);
    assert!(!home.join(".local").exists());
}

#[test]
fn home_local_share_when_xdg_is_unset_or_relative() {
    let l = Ledger::new();
    let home = l.dir.path().join("home");
    std::fs::create_dir(&home).unwrap();
    let r = l.run_env(
        false,
        &[
            ("XDG_DATA_HOME", OsStr::new("relative/data")),
            ("HOME", home.as_os_str()),
        ],
        &["client", "add", "ACME"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(home.join(".local/share/relaties/ledger.db").is_file());
    assert!(!std::env::current_dir().unwrap().join("relative").exists());
    // Without XDG_DATA_HOME at all: the same file.
    let r = l.run_env(
        false,
        &[("HOME", home.as_os_str())],
        &["client", "list", "--json"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("ACME"), "{}", r.stdout);
}

#[test]
fn a_relative_home_is_ignored_like_a_relative_xdg_data_home() {
    // Run from an empty folder, so that a ledger made relative to it would show.
    let l = Ledger::new();
    let cwd = l.dir.path().join("cwd");
    std::fs::create_dir(&cwd).unwrap();
    let run = |envs: &[(&str, &OsStr)], args: &[&str]| -> Run {
        let mut c = relaties();
        c.current_dir(&cwd).env_remove("XDG_DATA_HOME");
        for (k, v) in envs {
            c.env(k, v);
        }
        c.args(args).output().expect("runs").into()
    };
    for xdg in [None, Some("relative/data")] {
        let mut envs = vec![("HOME", OsStr::new("relative-home"))];
        if let Some(x) = xdg {
            envs.push(("XDG_DATA_HOME", OsStr::new(x)));
        }
        for args in [&["client", "add", "ACME"][..], &["timeline"], &["doctor"]] {
            let r = run(&envs, args);
            assert_failed(&r, 1, args);
            assert_eq!(
                r.stderr, "error: cannot find a home folder for the ledger; pass --db PATH\n",
                "{envs:?} {args:?}"
            );
        }
        assert_eq!(
            std::fs::read_dir(&cwd).unwrap().count(),
            0,
            "{envs:?}: something was made in the current folder"
        );
    }
    // An absolute XDG_DATA_HOME needs no home: it is used as always.
    let xdg = l.dir.path().join("xdg");
    let r = run(
        &[
            ("HOME", OsStr::new("relative-home")),
            ("XDG_DATA_HOME", xdg.as_os_str()),
        ],
        &["client", "add", "ACME"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(xdg.join("relaties/ledger.db").is_file());
    // --db needs no home either.
    let r = run(
        &[("HOME", OsStr::new("relative-home"))],
        &["--db", l.path.to_str().unwrap(), "client", "add", "ACME"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(std::fs::read_dir(&cwd).unwrap().count(), 0);
}

#[test]
fn reading_with_missing_default_ledger_creates_nothing() {
    let l = Ledger::new();
    let home = l.dir.path().join("home");
    std::fs::create_dir(&home).unwrap();
    let r = l.run_env(false, &[("HOME", home.as_os_str())], &["timeline"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.starts_with("error: no ledger at "), "{}", r.stderr);
    assert!(
        r.stderr.contains(".local/share/relaties/ledger.db"),
        "{}",
        r.stderr
    );
    assert_eq!(std::fs::read_dir(&home).unwrap().count(), 0);
}

#[test]
fn concurrent_writers_all_succeed() {
    let l = Ledger::new();
    l.client("ACME");
    l.client("Globex");
    let bin = env!("CARGO_BIN_EXE_relaties");
    let path = l.path.clone();
    let threads: Vec<_> = (0..8)
        .map(|t| {
            let path = path.clone();
            std::thread::spawn(move || {
                let mut failures = Vec::new();
                for i in 0..25 {
                    let client = if t % 2 == 0 { "ACME" } else { "Globex" };
                    let text = format!("t{t} n{i}");
                    let args: Vec<&str> = match i % 3 {
                        0 => vec!["log-touch", client, &text, "--date", "2026-05-01"],
                        1 => vec!["log-gift", client, &text, "--date", "2026-05-01"],
                        _ => vec!["log-compliment", client, &text, "--date", "2026-05-01"],
                    };
                    let out = Command::new(bin)
                        .arg("--db")
                        .arg(&path)
                        .arg("-q")
                        .args(&args)
                        .env_remove("RELATIES_DB")
                        .output()
                        .expect("runs");
                    if !out.status.success() {
                        failures.push(format!(
                            "{args:?}: {:?} {}",
                            out.status.code(),
                            String::from_utf8_lossy(&out.stderr)
                        ));
                    }
                }
                failures
            })
        })
        .collect();
    let failures: Vec<String> = threads
        .into_iter()
        .flat_map(|h| h.join().unwrap())
        .collect();
    assert!(
        failures.is_empty(),
        "{} failed: {:?}",
        failures.len(),
        &failures[..failures.len().min(5)]
    );
    let t = l.timeline();
    assert_eq!(t.len(), 200);
    let ids: HashSet<i64> = t.iter().map(|e| e["id"].as_i64().unwrap()).collect();
    assert_eq!(ids.len(), 200);
    let texts: HashSet<&str> = t
        .iter()
        .map(|e| e["description"].as_str().unwrap())
        .collect();
    assert_eq!(texts.len(), 200);
}

#[test]
fn closed_pipe_is_not_an_error() {
    // A sample ledger with far more lines than a pipe buffer holds.
    let l = Ledger::new();
    l.ok(&[
        "demo",
        "--clients",
        "20",
        "--entries",
        "4000",
        "--seed",
        "1",
        "--as-of",
        "2026-11-26",
    ]);
    let mut child = Command::new(env!("CARGO_BIN_EXE_relaties"))
        .env_remove("RELATIES_DB")
        .env("RUST_BACKTRACE", "1")
        .arg("--db")
        .arg(&l.path)
        .arg("timeline")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut buf = [0u8; 64];
    stdout.read_exact(&mut buf).unwrap();
    assert!(buf.starts_with(b"id\tdate"));
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("error"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn color_never_and_no_color_keep_pipes_plain() {
    let l = Ledger::new();
    l.client("ACME");
    let out = l.ok(&["client", "list", "--color", "never"]);
    assert!(!out.contains('\u{1b}'), "{out:?}");
    let r = l.run_env(true, &[("NO_COLOR", OsStr::new("1"))], &["client", "list"]);
    assert!(!r.stdout.contains('\u{1b}'), "{:?}", r.stdout);
    assert_eq!(r.stdout, out);
}

#[test]
fn empty_relaties_db_falls_back_to_the_default() {
    let l = Ledger::new();
    let home = l.dir.path().join("home");
    std::fs::create_dir(&home).unwrap();
    let r = l.run_env(
        false,
        &[("RELATIES_DB", OsStr::new("")), ("HOME", home.as_os_str())],
        &["client", "add", "ACME"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(home.join(".local/share/relaties/ledger.db").is_file());
}

#[test]
fn writing_keeps_an_existing_ledger_private() {
    let l = Ledger::new();
    l.client("ACME");
    l.ok(&["log-touch", "ACME", "--date", "2026-05-01"]);
    assert_eq!(mode(&l.path), 0o600);
    for f in std::fs::read_dir(l.dir.path()).unwrap() {
        let p = f.unwrap().path();
        assert_eq!(mode(&p) & 0o077, 0, "{} is readable by others", p.display());
    }
}

#[test]
fn doctor_finds_entries_edited_behind_its_back() {
    let l = Ledger::new();
    l.ok(&["demo", "--seed", "2", "--as-of", "2026-11-26"]);
    let out = l.ok(&["doctor"]);
    assert!(out.contains("quick_check   ok"), "{out}");
    let conn = rusqlite::Connection::open(&l.path).expect("open");
    let changed = conn
        .execute(
            "UPDATE entries SET energy = 5 WHERE kind = 'touch' AND energy = 1",
            [],
        )
        .expect("update");
    assert!(changed > 0);
    drop(conn);
    let err = l.fails(&["doctor"], 1);
    assert!(
        err.contains(&format!(
            "{changed} {} whose packed facts disagree",
            if changed == 1 { "entry" } else { "entries" }
        )),
        "{err}"
    );
}

#[test]
fn doctor_reports_the_folder_of_a_bare_file_name() {
    let l = Ledger::new();
    l.client("ACME");
    std::fs::set_permissions(l.dir.path(), std::fs::Permissions::from_mode(0o750)).unwrap();
    let r: crate::support::Run = crate::support::relaties()
        .current_dir(l.dir.path())
        .args(["--db", "ledger.db", "doctor", "--json"])
        .output()
        .unwrap()
        .into();
    assert_eq!(r.code, 0, "{}", r.stderr);
    let d: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(d["folder_mode"], "750", "{d}");
    assert_eq!(d["file_mode"], "600", "{d}");
}

/// Runs `doctor --json` and fails the test, naming the command just run, on any problem.
fn doctor_passes(l: &Ledger, after: &[&str]) {
    let r = l.run(&["doctor", "--json"]);
    assert_eq!(
        r.code, 0,
        "doctor after {after:?}: {}{}",
        r.stdout, r.stderr
    );
}

#[test]
fn every_writing_command_leaves_a_ledger_doctor_passes() {
    let l = Ledger::new();
    l.client("ACME B.V.");
    l.client("Nordlicht GmbH");
    let gift = l.entry(&[
        "log-gift",
        "acme",
        "Wine box",
        "--cost",
        "45.50",
        "--occasion",
        "holiday",
        "--date",
        "2026-11-02",
    ]);
    let touch = l.entry(&[
        "log-touch",
        "acme",
        "Call",
        "--channel",
        "call",
        "--energy",
        "5",
        "--proactive",
        "--date",
        "2026-11-03",
    ]);
    let p1 = l.promise("acme", "New website", "2026-11-10", "2026-10-01");
    let p2 = l.promise("nord", "Logo", "2026-11-20", "2026-10-05");
    let p3 = l.promise("nord", "Brochure", "2026-12-01", "2026-10-06");
    let inc = l.entry(&[
        "log-incident",
        "acme",
        "Outage",
        "--cause",
        "third-party",
        "--severity",
        "major",
        "--date",
        "2026-11-04",
    ]);
    let (gift, touch, p1, p2, p3, inc) = (
        gift.to_string(),
        touch.to_string(),
        p1.to_string(),
        p2.to_string(),
        p3.to_string(),
        inc.to_string(),
    );
    let steps: Vec<Vec<&str>> = vec![
        vec![
            "log-compliment",
            "nord",
            "Clear brief",
            "--for",
            "the brief",
            "--date",
            "2026-11-05",
        ],
        vec!["log-milestone", "nord", "Launch", "--date", "2026-11-06"],
        vec!["deliver", &p1, "--quality", "4", "--date", "2026-11-12"],
        vec![
            "reschedule",
            &p2,
            "--due",
            "2026-11-25",
            "--agreed",
            "--date",
            "2026-11-15",
        ],
        vec!["miss", &p3, "--reason", "no time", "--date", "2026-11-16"],
        vec!["inform", &inc, "--explained", "--date", "2026-11-05"],
        vec![
            "resolve",
            &inc,
            "--solution",
            "new host",
            "--date",
            "2026-11-07",
        ],
        vec![
            "edit",
            &gift,
            "--cost",
            "50",
            "--description",
            "Better wine",
        ],
        vec![
            "edit",
            &touch,
            "--energy",
            "2",
            "--proactive",
            "false",
            "--channel",
            "email",
        ],
        vec!["edit", &touch, "--client", "nord"],
        vec![
            "edit",
            &inc,
            "--severity",
            "critical",
            "--explained",
            "false",
        ],
        vec!["void", &gift, "--reason", "duplicate"],
        vec!["undo"],
        vec!["undo"],
        vec!["client", "edit", "acme", "--cadence", "30"],
        vec!["client", "archive", "nord"],
        vec!["client", "unarchive", "nord"],
        vec!["config", "set", "weight.trust", "2"],
        vec!["config", "unset", "weight.trust"],
        vec!["client", "forget", "acme", "--anonymize", "--yes"],
        vec!["client", "forget", "nord", "--yes"],
    ];
    doctor_passes(&l, &["(set-up)"]);
    for args in &steps {
        let r = l.run(args);
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
        doctor_passes(&l, args);
    }
}
