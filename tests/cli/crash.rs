//! Crash safety and durability: the real binary killed with SIGKILL during a JSON import and
//! during a burst of writes, and the WAL under many sequential writes. The smaller sibling of
//! scripts/crash.sh and scripts/wal-growth.sh.
//!
//! Every write is one `BEGIN IMMEDIATE` transaction in WAL mode with synchronous=FULL, so a
//! killed command must leave all of its change or none of it, and a command that reported
//! success must never lose its write. Delays are derived from the round's index (no
//! randomness, no timing assertions): where a kill lands only changes which of the allowed
//! outcomes is seen.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use rusqlite::Connection;
use serde_json::Value;
use tempfile::TempDir;

/// The binary on ledger `db`, with a clean environment (no user ledger can leak in).
fn bin(db: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_relaties"));
    c.env_remove("RELATIES_DB")
        .env_remove("XDG_DATA_HOME")
        .env("NO_COLOR", "1")
        .env("HOME", "/nonexistent-home-for-tests")
        .arg("--db")
        .arg(db);
    c
}

/// Runs to completion and expects success; returns stdout.
fn ok(db: &Path, args: &[&str]) -> String {
    let out: Output = bin(db).args(args).output().expect("runs");
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The id a `--json` recording command printed.
fn id_of(stdout: &[u8]) -> i64 {
    let v: Value = serde_json::from_slice(stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(stdout)));
    v["id"].as_i64().unwrap_or_else(|| panic!("no id in {v}"))
}

/// Opened read-write, as the next command would: a WAL left by a killed process is recovered.
fn open(path: &Path) -> Connection {
    Connection::open(path).expect("open the ledger")
}

fn one(c: &Connection, sql: &str) -> i64 {
    c.query_row(sql, [], |r| r.get(0))
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

fn wal_bytes(path: &Path) -> u64 {
    let mut p = path.as_os_str().to_owned();
    p.push("-wal");
    std::fs::metadata(PathBuf::from(p))
        .map(|m| m.len())
        .unwrap_or(0)
}

/// What every ledger must satisfy after a kill: SQLite's integrity check, foreign keys, no
/// half-written entry (the packed facts blob is written in the same statement as the row),
/// and an id sequence ahead of every id.
fn check_ledger(path: &Path, what: &str) {
    let c = open(path);
    let integrity: String = c
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity_check");
    assert_eq!(integrity, "ok", "{what}: integrity_check");
    let fk = c
        .prepare("PRAGMA foreign_key_check")
        .unwrap()
        .query_map([], |_| Ok(()))
        .unwrap()
        .count();
    assert_eq!(fk, 0, "{what}: rows point at missing rows");
    assert_eq!(
        one(
            &c,
            "SELECT count(*) FROM entries WHERE facts IS NULL OR length(facts) < 44 OR (length(facts) - 44) % 9 != 0"
        ),
        0,
        "{what}: entries without a whole facts blob"
    );
    assert_eq!(
        one(
            &c,
            "SELECT count(*) FROM entries \
             WHERE id >= (SELECT next FROM sequences WHERE name = 'entries')"
        ),
        0,
        "{what}: entries at or past the id sequence"
    );
}

/// Checkpoints and closes a freshly made ledger, so that copying the main file copies it all.
fn settle(path: &Path) {
    let c = open(path);
    c.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .expect("checkpoint");
    drop(c);
    assert_eq!(wal_bytes(path), 0, "{} kept a WAL", path.display());
}

/// A 40-client, 5,000-entry demo ledger in `dir` and its JSON export: (ledger, document).
fn demo_document(dir: &Path) -> (PathBuf, PathBuf) {
    let src = dir.join("src.db");
    let big = dir.join("big.json");
    let demo = "-q demo --clients 40 --entries 5000 --seed 1";
    ok(&src, &demo.split(' ').collect::<Vec<_>>());
    ok(&src, &["-q", "export", "-o", big.to_str().unwrap()]);
    (src, big)
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Held {
    None,
    All,
}

#[test]
fn import_killed_at_any_moment_leaves_none_or_all_of_it() {
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    let (src, big) = demo_document(d);
    let src_ids = one(&open(&src), "SELECT sum(id) FROM entries");

    // A non-empty ledger (a merge: a client the export knows by name, one it does not) and an
    // empty, initialised one (ids kept).
    let merge = d.join("merge-base.db");
    ok(&merge, &["-q", "client", "add", "ACME B.V."]);
    ok(&merge, &["-q", "client", "add", "Zzz Nieuwe Klant"]);
    ok(&merge, &["-q", "log-touch", "acme", "kickoff call"]);
    ok(&merge, &["-q", "log-compliment", "zzz", "quick payer"]);
    let empty = d.join("empty-base.db");
    ok(&empty, &["-q", "config", "set", "weight.trust", "2"]);
    ok(&empty, &["-q", "config", "unset", "weight.trust"]);
    let bases = [&merge, &empty];
    let mut base_counts = [(0, 0); 2];
    let mut all_counts = [(0, 0); 2];
    let mut took = [Duration::ZERO; 2];
    for (v, base) in bases.iter().enumerate() {
        settle(base);
        let c = open(base);
        base_counts[v] = (
            one(&c, "SELECT count(*) FROM entries"),
            one(&c, "SELECT count(*) FROM clients"),
        );
        // One uninterrupted import: how long it takes and what "all of it" looks like.
        let l = d.join(format!("measure.{v}.db"));
        std::fs::copy(base, &l).unwrap();
        let t = Instant::now();
        ok(&l, &["-q", "import", big.to_str().unwrap()]);
        took[v] = t.elapsed();
        let c = open(&l);
        all_counts[v] = (
            one(&c, "SELECT count(*) FROM entries"),
            one(&c, "SELECT count(*) FROM clients"),
        );
        assert_eq!(all_counts[v].0, base_counts[v].0 + 5000, "variant {v}");
    }

    // Kill points spread over the import's duration, in a scrambled order.
    let fractions = [0.15, 0.55, 0.35, 0.85, 0.70];
    let mut seen = Vec::new();
    for (i, frac) in fractions.iter().enumerate() {
        let v = i % 2;
        let l = d.join(format!("kill.{i}.db"));
        std::fs::copy(bases[v], &l).unwrap();
        let delay = took[v].mul_f64(*frac);
        let mut child = bin(&l)
            .args(["import", big.to_str().unwrap()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(delay);
        child.kill().expect("SIGKILL");
        let status = child.wait().unwrap();
        let what = format!("kill {i} ({}, after {delay:?})", ["merge", "empty"][v]);
        // Killed (no exit code), or it had already finished, successfully.
        assert!(
            status.code().is_none() || status.success(),
            "{what}: {status}"
        );
        check_ledger(&l, &what);
        let c = open(&l);
        let counts = (
            one(&c, "SELECT count(*) FROM entries"),
            one(&c, "SELECT count(*) FROM clients"),
        );
        let held = if counts == base_counts[v] {
            Held::None
        } else if counts == all_counts[v] {
            Held::All
        } else {
            panic!(
                "{what}: part of the import: (entries, clients) {counts:?}, \
                 neither {:?} nor {:?}",
                base_counts[v], all_counts[v]
            )
        };
        if status.success() {
            assert_eq!(held, Held::All, "{what}: reported success");
        }
        if held == Held::All && v == 1 {
            assert_eq!(
                one(&c, "SELECT sum(id) FROM entries"),
                src_ids,
                "{what}: ids not kept"
            );
        }
        drop(c);
        // The ledger is usable afterwards: the import can be run again to completion.
        ok(&l, &["-q", "import", big.to_str().unwrap()]);
        seen.push((delay, status.success(), held));
    }
    eprintln!("import kills (delay, finished first, held): {seen:?}");
}

/// Names in `dir`, sorted.
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_first_import_killed_leaves_no_ledger_or_a_whole_one() {
    let dir = TempDir::new().unwrap();
    let (src, big) = demo_document(dir.path());
    let expected = one(&open(&src), "SELECT count(*) FROM entries");

    // Round 0 waits for the import's temporary file to appear, so it is surely killed
    // half-way; the others at fractions of an uninterrupted import's duration.
    let measure = dir.path().join("measure");
    std::fs::create_dir(&measure).unwrap();
    let t = Instant::now();
    ok(
        &measure.join("ledger.db"),
        &["-q", "import", big.to_str().unwrap()],
    );
    let took = t.elapsed();
    assert_eq!(
        names_in(&measure),
        ["ledger.db"],
        "an import left files behind"
    );
    let mut seen = Vec::new();
    for (i, frac) in [None, Some(0.2), Some(0.6), Some(0.9), Some(1.3)]
        .iter()
        .enumerate()
    {
        let folder = dir.path().join(format!("kill.{i}"));
        std::fs::create_dir(&folder).unwrap();
        let l = folder.join("ledger.db");
        let mut child = bin(&l)
            .args(["import", big.to_str().unwrap()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        match frac {
            Some(f) => std::thread::sleep(took.mul_f64(*f)),
            None => {
                while !names_in(&folder)
                    .iter()
                    .any(|n| n.starts_with(".ledger.db.new-"))
                {
                    assert!(
                        child.try_wait().unwrap().is_none(),
                        "the import ended first"
                    );
                    std::thread::sleep(Duration::from_millis(1));
                }
            }
        }
        child.kill().expect("SIGKILL");
        let status = child.wait().unwrap();
        let what = format!("kill {i} ({frac:?} of {took:?})");
        let there = l.exists();
        if i == 0 {
            assert!(!there, "{what}: killed half-way, yet a ledger");
        }
        if there {
            // Linked into place: whole.
            check_ledger(&l, &what);
            assert_eq!(
                one(&open(&l), "SELECT count(*) FROM entries"),
                expected,
                "{what}"
            );
        } else {
            assert!(
                !status.success(),
                "{what}: reported success but left no ledger"
            );
            // At most the temporary file (and its WAL) of the killed import.
            let left = names_in(&folder);
            assert!(
                left.iter().all(|n| n.starts_with(".ledger.db.new-")),
                "{what}: left {left:?}"
            );
            // Nothing stands in the way of running it again.
            ok(&l, &["-q", "import", big.to_str().unwrap()]);
            assert_eq!(
                one(&open(&l), "SELECT count(*) FROM entries"),
                expected,
                "{what}"
            );
        }
        seen.push((frac, there));
    }
    eprintln!("first-import kills (fraction, ledger there): {seen:?}");
}

#[test]
fn writers_killed_mid_burst_lose_no_acknowledged_write() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("ledger.db");
    for name in ["ACME B.V.", "Globex", "Initech"] {
        ok(&db, &["-q", "client", "add", name]);
    }
    let clients = ["acme", "globex", "initech"];
    let mut acked: Vec<i64> = Vec::new();
    let mut killed = 0;
    for round in 0..5u64 {
        // A burst: six writers started a few milliseconds apart (they queue on the write
        // lock), then every one still running is killed.
        let mut children = Vec::new();
        for k in 0..6u64 {
            let child = bin(&db)
                .args([
                    "--json",
                    "log-touch",
                    clients[(k % 3) as usize],
                    &format!("burst {round}.{k}"),
                    "--energy",
                    "4",
                ])
                .stdout(Stdio::piped())
                .stderr(Stdio::null())
                .spawn()
                .expect("spawn");
            children.push(child);
            std::thread::sleep(Duration::from_millis(3));
        }
        std::thread::sleep(Duration::from_millis(5 + (round * 17) % 45));
        for child in &mut children {
            // SIGKILL; a child that already exited (a zombie until waited for) is unaffected.
            let _ = child.kill();
        }
        for child in children {
            let out = child.wait_with_output().unwrap();
            if out.status.success() {
                acked.push(id_of(&out.stdout));
            } else {
                assert!(
                    out.status.code().is_none(),
                    "round {round}: a writer failed by itself: {}",
                    out.status
                );
                killed += 1;
            }
        }
        let what = format!("round {round}");
        check_ledger(&db, &what);
        let c = open(&db);
        for id in &acked {
            assert_eq!(
                one(&c, &format!("SELECT count(*) FROM entries WHERE id = {id}")),
                1,
                "{what}: acknowledged entry #{id} is not in the ledger"
            );
        }
        drop(c);
        // Nothing left locked: the next write goes through.
        let out = bin(&db)
            .args(["--json", "log-touch", "acme", &format!("after {round}")])
            .output()
            .unwrap();
        assert!(out.status.success(), "{what}: the next write failed");
        acked.push(id_of(&out.stdout));
    }
    let mut unique = acked.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), acked.len(), "an id acknowledged twice");
    eprintln!(
        "burst kills: {} writes acknowledged, {killed} writers killed",
        acked.len()
    );
}

#[test]
fn sequential_writes_keep_the_wal_bounded() {
    const LIMIT: u64 = 16 * 1024 * 1024;
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("ledger.db");
    ok(&db, &["-q", "client", "add", "ACME B.V."]);
    ok(&db, &["-q", "client", "add", "Globex"]);
    // An idle connection held open, as a long-running reader would: without it every command
    // is the last to close and deletes the WAL; with it only the auto-checkpoint bounds it.
    let holder = open(&db);
    one(&holder, "SELECT count(*) FROM entries");
    let mut max = 0;
    for i in 0..300 {
        let client = ["acme", "globex"][i % 2];
        let text = format!("write {i}");
        if i % 2 == 0 {
            ok(&db, &["-q", "log-touch", client, &text]);
        } else {
            ok(&db, &["-q", "log-compliment", client, &text]);
        }
        max = max.max(wal_bytes(&db));
        if i % 100 == 99 {
            one(&holder, "SELECT count(*) FROM entries");
        }
    }
    assert!(max < LIMIT, "the WAL reached {max} bytes");
    assert_eq!(one(&holder, "SELECT count(*) FROM entries"), 300);
    let doctor: Value = serde_json::from_str(&ok(&db, &["doctor", "--json"])).unwrap();
    assert_eq!(doctor["ok"], true, "{doctor}");
    let wal = doctor["wal_bytes"].as_u64().expect("wal_bytes");
    assert!(wal < LIMIT, "doctor: WAL {wal} bytes");
    eprintln!("300 writes: max WAL {max} bytes, doctor sees {wal}");
    drop(holder);
}
