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

/// A connection to look at the ledger's write lock with (see `write_locked`): it never waits.
fn prober(path: &Path) -> Connection {
    let c = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE)
        .expect("open the ledger to probe it");
    c.busy_timeout(Duration::ZERO).expect("busy timeout");
    c
}

/// Whether a write transaction is open on the ledger at this moment, in another process:
/// a `BEGIN IMMEDIATE` that may not wait is refused (SQLITE_BUSY) exactly when another
/// connection holds the write lock. When it is not refused it is rolled back at once.
fn write_locked(probe: &Connection) -> bool {
    match probe.execute_batch("BEGIN IMMEDIATE") {
        Ok(()) => {
            probe.execute_batch("ROLLBACK").expect("rollback the probe");
            false
        }
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::DatabaseBusy =>
        {
            true
        }
        Err(e) => panic!("probing the write lock: {e}"),
    }
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

    // Kill points: the first two as soon as the import's write is under way (it holds the
    // write lock), so that at least those land mid-write; the others spread over the
    // import's duration (parsing the document, then writing it), in a scrambled order.
    let kills = [
        None,
        None,
        Some(0.15),
        Some(0.55),
        Some(0.35),
        Some(0.85),
        Some(0.70),
    ];
    let mut seen = Vec::new();
    // Kills that landed inside the import's write transaction and were rolled back.
    let mut mid_write = 0;
    for (i, frac) in kills.iter().enumerate() {
        let v = i % 2;
        let l = d.join(format!("kill.{i}.db"));
        std::fs::copy(bases[v], &l).unwrap();
        let start = Instant::now();
        let mut child = bin(&l)
            .args(["import", big.to_str().unwrap()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        let probe = match frac {
            Some(f) => {
                std::thread::sleep(took[v].mul_f64(*f));
                prober(&l)
            }
            None => {
                let probe = prober(&l);
                while !write_locked(&probe) {
                    assert!(
                        child.try_wait().unwrap().is_none(),
                        "kill {i}: the import ended before its write was seen"
                    );
                    std::thread::sleep(Duration::from_millis(1));
                }
                probe
            }
        };
        // Only the import writes this ledger: the lock held means its write is open.
        let locked = write_locked(&probe);
        child.kill().expect("SIGKILL");
        let status = child.wait().unwrap();
        drop(probe);
        let delay = start.elapsed();
        let what = format!(
            "kill {i} ({}, {frac:?} of {:?}, after {delay:?}, write lock held: {locked})",
            ["merge", "empty"][v],
            took[v]
        );
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
        if locked && status.code().is_none() && held == Held::None {
            mid_write += 1;
        }
        drop(c);
        // The ledger is usable afterwards: the import can be run again to completion.
        ok(&l, &["-q", "import", big.to_str().unwrap()]);
        seen.push((delay, locked, status.success(), held));
    }
    eprintln!(
        "import kills (delay, write lock held, finished first, held): {seen:?}; \
         {mid_write} landed mid-write"
    );
    assert!(
        mid_write >= 1,
        "no kill landed inside the import's write and was rolled back: {seen:?}"
    );
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
    // Kills that landed while the temporary ledger was being written, leaving no ledger.
    let mut mid_write = 0;
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
        // Mid-write: the import is still running, its temporary ledger is there and it has
        // not been linked into place yet.
        let writing = names_in(&folder)
            .iter()
            .any(|n| n.starts_with(".ledger.db.new-"))
            && !l.exists()
            && child.try_wait().unwrap().is_none();
        let _ = child.kill(); // SIGKILL; an import that already ended is not there to kill
        let status = child.wait().unwrap();
        let what = format!("kill {i} ({frac:?} of {took:?}, mid-write: {writing})");
        let there = l.exists();
        if writing && !there && status.code().is_none() {
            mid_write += 1;
        }
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
        seen.push((frac, writing, there));
    }
    eprintln!(
        "first-import kills (fraction, mid-write, ledger there): {seen:?}; \
         {mid_write} landed mid-write"
    );
    assert!(
        mid_write >= 1,
        "no kill landed while the new ledger was being written: {seen:?}"
    );
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
    // Rounds whose kill found a writer inside its write transaction.
    let mut mid_write = 0;
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
        // Round 0 kills as soon as one of them is seen inside its write (holding the write
        // lock); the others after a delay derived from the round.
        let probe = prober(&db);
        if round == 0 {
            while !write_locked(&probe)
                && children.iter_mut().any(|c| c.try_wait().unwrap().is_none())
            {
                std::thread::sleep(Duration::from_micros(200));
            }
        } else {
            std::thread::sleep(Duration::from_millis(5 + (round * 17) % 45));
        }
        // Only the writers write this ledger: the lock held means one of them is mid-write.
        let locked = write_locked(&probe);
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
        drop(probe);
        if locked {
            mid_write += 1;
        }
        let what = format!("round {round} (write lock held at the kill: {locked})");
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
        "burst kills: {} writes acknowledged, {killed} writers killed, \
         {mid_write} rounds killed one mid-write",
        acked.len()
    );
    assert!(mid_write >= 1, "no kill landed inside a write");
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
