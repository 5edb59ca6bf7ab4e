//! The file system around the ledger: what may be opened as a ledger, the files beside it,
//! readers that must not see an old state, writers that wait their turn, and commands that
//! say when a change was made although something after it failed.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{Ledger, Run, assert_failed, is_root, relaties};

fn skip(reason: &str) {
    crate::support::skip("files", reason);
}

fn mode(p: &Path) -> u32 {
    fs::metadata(p).expect("metadata").permissions().mode() & 0o7777
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .expect("read_dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn run_db(db: &Path, args: &[&str]) -> Run {
    relaties()
        .arg("--db")
        .arg(db)
        .args(args)
        .timeout(Duration::from_secs(20))
        .output()
        .expect("runs")
        .into()
}

fn fails_db(db: &Path, args: &[&str], code: i32) -> String {
    let r = run_db(db, args);
    assert_failed(&r, code, args);
    r.stderr
}

const WRITE: &[&str] = &["client", "add", "X"];
const READ: &[&str] = &["timeline"];

#[test]
fn a_character_device_is_no_ledger_and_keeps_its_mode() {
    let null = Path::new("/dev/null");
    let before = mode(null);
    let dir = tempfile::tempdir().expect("tempdir");
    let doc = dir.path().join("clients.csv");
    fs::write(&doc, "name\nACME\n").expect("write");
    let doc = doc.to_str().expect("utf-8");
    for args in [WRITE, READ, &["doctor"], &["import", doc]] {
        let err = fails_db(null, args, 1);
        assert!(
            err.contains("/dev/null is a character device"),
            "{args:?}: {err}"
        );
    }
    assert_eq!(mode(null), before, "the mode of /dev/null changed");
    for side in ["/dev/null-journal", "/dev/null-wal", "/dev/null-shm"] {
        assert!(!Path::new(side).exists(), "{side} was left behind");
    }
}

#[test]
fn a_fifo_is_refused_at_once_without_hanging() {
    let l = Ledger::new();
    let ok = Command::new("mkfifo").arg(&l.path).status();
    if !ok.is_ok_and(|s| s.success()) {
        return skip("mkfifo is not available");
    }
    for args in [WRITE, READ, &["backup", "copy.db"], &["export"]] {
        let started = Instant::now();
        let err = fails_db(&l.path, args, 1);
        assert!(err.contains("is a FIFO"), "{args:?}: {err}");
        assert!(started.elapsed() < Duration::from_secs(10), "{args:?} hung");
    }
    assert_eq!(names_in(l.dir.path()), ["ledger.db"]);
}

#[test]
fn a_folder_or_a_socket_is_refused() {
    let l = Ledger::new();
    fs::create_dir(&l.path).expect("mkdir");
    for args in [WRITE, READ] {
        let err = fails_db(&l.path, args, 1);
        assert!(err.contains("is a folder"), "{args:?}: {err}");
    }
    let sock = l.dir.path().join("s.db");
    let _listener = std::os::unix::net::UnixListener::bind(&sock).expect("bind");
    for args in [WRITE, READ] {
        let err = fails_db(&sock, args, 1);
        assert!(err.contains("is a socket"), "{args:?}: {err}");
    }
    assert_eq!(names_in(l.dir.path()), ["ledger.db", "s.db"]);
}

#[test]
fn an_empty_file_others_may_read_is_refused_and_left_as_it_was() {
    let l = Ledger::new();
    fs::write(&l.path, b"").expect("write");
    fs::set_permissions(&l.path, fs::Permissions::from_mode(0o644)).expect("chmod");
    let err = fails_db(
        &l.path,
        &["client", "add", "ACME", "--email", "jan@acme.nl"],
        1,
    );
    assert!(
        err.contains("empty file that others may read (mode 644)") && err.contains("chmod 600"),
        "{err}"
    );
    assert_eq!(mode(&l.path), 0o644, "the mode was changed");
    assert_eq!(fs::metadata(&l.path).expect("meta").len(), 0);
    assert_eq!(names_in(l.dir.path()), ["ledger.db"]);
    // Made private by its owner, it is taken as a new ledger, and its mode is left alone.
    fs::set_permissions(&l.path, fs::Permissions::from_mode(0o600)).expect("chmod");
    l.ok(&["client", "add", "ACME"]);
    assert_eq!(mode(&l.path), 0o600);
    l.ok(&["doctor"]);
}

#[test]
fn links_to_a_ledger_are_followed_and_dangling_ones_refused() {
    let l = Ledger::new();
    l.client("ACME");
    let link = l.dir.path().join("link.db");
    std::os::unix::fs::symlink(&l.path, &link).expect("symlink");
    let r = run_db(&link, &["log-gift", "ACME", "Wine", "--date", "2026-03-01"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(l.timeline().len(), 1, "written through the link");
    assert!(fs::symlink_metadata(&link).expect("meta").is_symlink());

    // A link to a file that is not a ledger.
    let text = l.dir.path().join("notes.txt");
    fs::write(&text, "my notes\n").expect("write");
    let to_text = l.dir.path().join("text.db");
    std::os::unix::fs::symlink(&text, &to_text).expect("symlink");
    let err = fails_db(&to_text, WRITE, 1);
    assert!(err.contains("not a relaties ledger"), "{err}");
    assert_eq!(fs::read_to_string(&text).expect("read"), "my notes\n");

    // A dangling link: refused with where it points; nothing appears there.
    let target = l.dir.path().join("gone").join("ledger.db");
    let dangling = l.dir.path().join("dangling.db");
    std::os::unix::fs::symlink(&target, &dangling).expect("symlink");
    let doc = l.dir.path().join("clients.csv");
    fs::write(&doc, "name\nACME\n").expect("write");
    let doc = doc.to_str().expect("utf-8");
    for args in [
        WRITE,
        READ,
        &["import", doc],
        &["demo", "--db", dangling.to_str().expect("utf-8"), "-q"],
    ] {
        let err = fails_db(&dangling, args, 1);
        assert!(
            err.contains("symbolic link") && err.contains(&target.display().to_string()),
            "{args:?}: {err}"
        );
        assert!(!err.contains("appeared while"), "{err}");
    }
    assert!(!target.exists() && !target.parent().expect("parent").exists());
}

#[test]
fn a_planted_wal_or_shm_stops_every_write() {
    let l = Ledger::new();
    l.client("ACME");
    let before = l.dump();
    let wal = PathBuf::from(format!("{}-wal", l.path.display()));
    let shm = PathBuf::from(format!("{}-shm", l.path.display()));
    let gift = ["log-gift", "ACME", "Wine", "--date", "2026-03-01"];

    // Empty and world-readable: every change would be readable by others.
    fs::write(&wal, b"").expect("write");
    fs::set_permissions(&wal, fs::Permissions::from_mode(0o644)).expect("chmod");
    let err = l.fails(&gift, 1);
    assert!(
        err.contains(&wal.display().to_string()) && err.contains("mode 644"),
        "{err}"
    );
    assert_eq!(l.dump(), before);
    assert_eq!(
        fs::metadata(&wal).expect("meta").len(),
        0,
        "the WAL was written"
    );
    fs::remove_file(&wal).expect("rm");

    // A link in place of the shared-memory file.
    let _ = fs::remove_file(&shm);
    std::os::unix::fs::symlink("/tmp/elsewhere-shm", &shm).expect("symlink");
    let err = l.fails(&gift, 1);
    assert!(
        err.contains(&shm.display().to_string()) && err.contains("symbolic link"),
        "{err}"
    );
    fs::remove_file(&shm).expect("rm");

    // Owned by another user (needs root to make one).
    if is_root() {
        fs::write(&wal, b"").expect("write");
        fs::set_permissions(&wal, fs::Permissions::from_mode(0o600)).expect("chmod");
        std::os::unix::fs::chown(&wal, Some(65534), Some(65534)).expect("chown");
        let err = l.fails(&gift, 1);
        assert!(err.contains("belongs to another user"), "{err}");
        fs::remove_file(&wal).expect("rm");
    } else {
        skip("a -wal file of another user needs root to make");
    }
    assert_eq!(l.dump(), before);
    l.ok(&gift);
}

#[test]
fn doctor_reports_the_files_beside_the_ledger_and_a_shared_folder() {
    let dir = tempfile::tempdir().expect("tempdir");
    let shared = dir.path().join("shared");
    fs::create_dir(&shared).expect("mkdir");
    let db = shared.join("ledger.db");
    let r = run_db(&db, WRITE);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = run_db(&db, &["doctor"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("-wal          owner uid"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("mode 600"), "{}", out.stdout);
    fs::set_permissions(&shared, fs::Permissions::from_mode(0o1777)).expect("chmod");
    let out = run_db(&db, &["doctor"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(out.stdout.contains("(mode 1777, sticky)"), "{}", out.stdout);
    assert!(
        out.stderr.contains("can be written by others"),
        "{}",
        out.stderr
    );
    let json = run_db(&db, &["doctor", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).expect("json");
    assert_eq!(v["folder_mode"], "1777");
    assert_eq!(v["folder_writable_by_others"], true);
    assert_eq!(v["wal_file"]["mode"], "600");
    assert_eq!(v["shm_file"]["regular"], true);
}

/// Runs the binary as `nobody` when we are root (permissions do not stop root), else as we are.
fn run_unprivileged(db: &Path, args: &[&str]) -> Option<Run> {
    let mut c = if is_root() {
        if Command::new("setpriv").arg("--version").output().is_err() {
            skip("running as another user needs setpriv (util-linux)");
            return None;
        }
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(env!("CARGO_BIN_EXE_relaties"));
        c
    } else {
        Command::new(env!("CARGO_BIN_EXE_relaties"))
    };
    c.env_remove("RELATIES_DB")
        .env("RUST_BACKTRACE", "1")
        .env("HOME", "/nonexistent-home-for-tests")
        .arg("--db")
        .arg(db)
        .args(args)
        .current_dir("/")
        .stdin(Stdio::null());
    Some(c.output().expect("runs").into())
}

#[test]
fn a_read_only_folder_with_changes_in_the_wal_is_refused_not_read_stale() {
    let l = Ledger::new();
    l.client("ACME");
    l.ok(&["log-gift", "ACME", "Old", "--date", "2026-03-01"]);
    // A reader holds its snapshot while a change commits: the change stays in the WAL.
    let conn = rusqlite::Connection::open(&l.path).expect("open");
    conn.execute_batch("BEGIN; SELECT count(*) FROM entries;")
        .expect("read");
    l.ok(&["log-gift", "ACME", "New", "--date", "2026-03-02"]);
    let wal = PathBuf::from(format!("{}-wal", l.path.display()));
    assert!(
        fs::metadata(&wal).expect("wal").len() > 0,
        "no WAL to test with"
    );
    // Copy the ledger as it stands (main file + WAL) into a folder others may only read.
    let ro = tempfile::tempdir().expect("tempdir");
    let folder = ro.path().join("ro");
    fs::create_dir(&folder).expect("mkdir");
    let db = folder.join("ledger.db");
    fs::copy(&l.path, &db).expect("copy");
    fs::copy(&wal, folder.join("ledger.db-wal")).expect("copy wal");
    drop(conn);
    for f in [&db, &folder.join("ledger.db-wal")] {
        fs::set_permissions(f, fs::Permissions::from_mode(0o644)).expect("chmod");
    }
    fs::set_permissions(ro.path(), fs::Permissions::from_mode(0o755)).expect("chmod");
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o555)).expect("chmod");
    let out = folder.join("never.json");
    let out = out.to_str().expect("utf-8");
    for args in [
        &["timeline", "--json"][..],
        &["export", "--format", "json"],
        &["backup", "/tmp/never-written-by-relaties-tests.db"],
        &["export", "-o", out],
    ] {
        let Some(r) = run_unprivileged(&db, args) else {
            return;
        };
        assert_failed(&r, 1, args);
        assert!(
            r.stderr.contains("latest changes are still in") && r.stderr.contains("doctor"),
            "{args:?}: {}",
            r.stderr
        );
        assert!(r.stdout.is_empty(), "{args:?} printed {}", r.stdout);
    }
    assert!(!Path::new("/tmp/never-written-by-relaties-tests.db").exists());
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o755)).expect("chmod");
    assert_eq!(names_in(&folder), ["ledger.db", "ledger.db-wal"]);
}

#[test]
fn a_read_only_folder_without_pending_changes_is_read() {
    let l = Ledger::new();
    l.client("ACME");
    l.ok(&["log-gift", "ACME", "Wine", "--date", "2026-03-01"]);
    let ro = tempfile::tempdir().expect("tempdir");
    let folder = ro.path().join("ro");
    fs::create_dir(&folder).expect("mkdir");
    let db = folder.join("ledger.db");
    fs::copy(&l.path, &db).expect("copy");
    fs::set_permissions(&db, fs::Permissions::from_mode(0o644)).expect("chmod");
    fs::set_permissions(ro.path(), fs::Permissions::from_mode(0o755)).expect("chmod");
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o555)).expect("chmod");
    let Some(r) = run_unprivileged(&db, &["timeline", "--json"]) else {
        return;
    };
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("json");
    assert_eq!(v.as_array().map(Vec::len), Some(1));
}

#[test]
fn later_notes_add_dated_lines_and_edit_replaces() {
    let l = Ledger::new();
    l.client("ACME");
    let id = l.promise("ACME", "Site", "2026-03-20", "2026-03-01");
    let id = id.to_string();
    l.ok(&[
        "reschedule",
        &id,
        "--due",
        "2026-03-27",
        "--date",
        "2026-03-10",
        "--note",
        "waiting on copy",
    ]);
    l.ok(&[
        "deliver",
        &id,
        "--date",
        "2026-03-25",
        "--note",
        "went live",
    ]);
    let note = |l: &Ledger| l.entry_json(id.parse().expect("id"))["note"].clone();
    assert_eq!(
        note(&l),
        "2026-03-10: waiting on copy\n2026-03-25: went live"
    );
    let inc = l.entry(&[
        "log-incident",
        "ACME",
        "Outage",
        "--date",
        "2026-03-02",
        "--note",
        "first",
    ]);
    let inc_s = inc.to_string();
    l.ok(&[
        "inform",
        &inc_s,
        "--date",
        "2026-03-03",
        "--note",
        "called Jan",
    ]);
    l.ok(&["resolve", &inc_s, "--date", "2026-03-04", "--note", "fixed"]);
    assert_eq!(
        l.entry_json(inc)["note"],
        "first\n2026-03-03: called Jan\n2026-03-04: fixed"
    );
    let m = l.promise("ACME", "Audit", "2026-03-20", "2026-03-01");
    l.ok(&[
        "miss",
        &m.to_string(),
        "--date",
        "2026-03-21",
        "--note",
        "ill",
    ]);
    assert_eq!(l.entry_json(m)["note"], "2026-03-21: ill");
    l.ok(&["edit", &id, "--note", "replaced"]);
    assert_eq!(note(&l), "replaced");
}

#[test]
fn a_change_saved_before_printing_failed_says_so() {
    let l = Ledger::new();
    l.client("ACME");
    let full = fs::OpenOptions::new().write(true).open("/dev/full");
    let Ok(full) = full else {
        return skip("/dev/full is not available");
    };
    let out = Command::new(env!("CARGO_BIN_EXE_relaties"))
        .env("RUST_BACKTRACE", "1")
        .arg("--db")
        .arg(&l.path)
        .args(["log-gift", "ACME", "Wine box", "--date", "2026-03-01"])
        .stdout(Stdio::from(full))
        .stderr(Stdio::piped())
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.starts_with("error: the change was saved (recorded gift #1")
            && err.contains("do not run the command again")
            && err.contains("No space left on device"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    assert_eq!(l.timeline().len(), 1);
}

/// Holds the ledger's write lock from this process for `secs` seconds.
fn hold_write_lock(path: &Path, secs: u64) -> std::thread::JoinHandle<()> {
    let conn = rusqlite::Connection::open(path).expect("open");
    conn.execute_batch("BEGIN IMMEDIATE").expect("lock");
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_secs(secs));
        conn.execute_batch("COMMIT").expect("commit");
    })
}

#[test]
fn a_writer_waits_out_a_long_write() {
    let l = Ledger::new();
    l.client("ACME");
    // Longer than the 10 s the ledger used to wait.
    let holder = hold_write_lock(&l.path, 12);
    let started = Instant::now();
    let r = relaties()
        .arg("--db")
        .arg(&l.path)
        .args(["log-touch", "ACME", "Call", "--date", "2026-03-01"])
        .timeout(Duration::from_secs(60))
        .output()
        .expect("runs");
    let r: Run = r.into();
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(started.elapsed() >= Duration::from_secs(11));
    // Not on a terminal: no waiting line.
    assert!(r.stderr.is_empty(), "{}", r.stderr);
    holder.join().expect("holder");
    assert_eq!(l.timeline().len(), 1);
}

#[test]
fn relaties_wait_sets_how_long_a_writer_waits() {
    let l = Ledger::new();
    l.client("ACME");
    let before = l.dump();
    let holder = hold_write_lock(&l.path, 4);
    let r: Run = relaties()
        .env("RELATIES_WAIT", "1")
        .arg("--db")
        .arg(&l.path)
        .args(["log-touch", "ACME", "Call", "--date", "2026-03-01"])
        .timeout(Duration::from_secs(30))
        .output()
        .expect("runs")
        .into();
    assert_failed(&r, 1, &["log-touch"]);
    assert!(
        r.stderr.contains("kept the ledger locked for 1 s") && r.stderr.contains("RELATIES_WAIT"),
        "{}",
        r.stderr
    );
    holder.join().expect("holder");
    assert_eq!(l.dump(), before);
    let r: Run = relaties()
        .env("RELATIES_WAIT", "soon")
        .arg("--db")
        .arg(&l.path)
        .args(["log-touch", "ACME", "Call"])
        .output()
        .expect("runs")
        .into();
    assert_failed(&r, 1, &["log-touch"]);
    assert!(r.stderr.contains("RELATIES_WAIT=\"soon\""), "{}", r.stderr);
}

#[test]
fn a_waiting_writer_says_so_on_a_terminal() {
    if Command::new("script").arg("--version").output().is_err() {
        return skip("util-linux `script` is needed for a pseudo-terminal");
    }
    let l = Ledger::new();
    l.client("ACME");
    let holder = hold_write_lock(&l.path, 3);
    let out = Command::new("script")
        .args([
            "--quiet",
            "--return",
            "--command",
            r#"exec "$RELATIES_TEST_BIN" --db "$RELATIES_TEST_DB" log-touch ACME Call --date 2026-03-01 >/dev/null"#,
            "/dev/null",
        ])
        .env("SHELL", "/bin/sh")
        .env("RELATIES_TEST_BIN", env!("CARGO_BIN_EXE_relaties"))
        .env("RELATIES_TEST_DB", &l.path)
        .env("RUST_BACKTRACE", "1")
        .stdin(Stdio::null())
        .output()
        .expect("script runs");
    holder.join().expect("holder");
    let shown = String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n");
    assert!(out.status.success(), "{shown}");
    assert_eq!(shown, "waiting for another relaties to finish writing…\n");
    assert_eq!(l.timeline().len(), 1);
}

#[test]
fn a_killed_imports_leftovers_are_named_by_doctor_and_removed_by_the_next_import() {
    let l = Ledger::new();
    l.client("ACME");
    let dir = l.dir.path();
    // What a killed first import leaves: its temporary ledger (and WAL), untouched since.
    let stale = dir.join(".other.db.new-AbC123");
    fs::write(&stale, b"").expect("write");
    fs::write(dir.join(".other.db.new-AbC123-wal"), b"").expect("write");
    let old = std::time::SystemTime::now() - Duration::from_secs(3600);
    for f in [&stale, &dir.join(".other.db.new-AbC123-wal")] {
        fs::File::options()
            .write(true)
            .open(f)
            .and_then(|f| f.set_modified(old))
            .expect("set mtime");
    }
    // A fresh one may be an import under way: left alone.
    let fresh = dir.join(".other.db.new-XyZ789");
    fs::write(&fresh, b"").expect("write");
    let other = dir.join("other.db");
    let out = run_db(&other, &["doctor"]);
    assert_failed(&out, 1, &["doctor"]);
    let v: serde_json::Value = {
        // doctor needs a ledger: make one, then ask again.
        let doc = dir.join("c.csv");
        fs::write(&doc, "name\nZon\n").expect("write");
        let r = run_db(&other, &["import", doc.to_str().expect("utf-8")]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let r = run_db(&other, &["doctor", "--json"]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        serde_json::from_str(&r.stdout).expect("json")
    };
    // The import removed the stale leftover (and its WAL), not the fresh one.
    assert!(!stale.exists());
    assert!(!dir.join(".other.db.new-AbC123-wal").exists());
    assert!(fresh.exists());
    let left = v["leftovers"].as_array().expect("leftovers");
    assert_eq!(left.len(), 1, "{v}");
    assert!(
        left[0]["path"]
            .as_str()
            .is_some_and(|p| p.ends_with(".other.db.new-XyZ789"))
    );
    assert_eq!(left[0]["abandoned"], false);
    let text = run_db(&other, &["doctor"]);
    assert!(text.stdout.contains("leftover      "), "{}", text.stdout);
}
