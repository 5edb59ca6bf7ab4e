//! A tiny harness: a temporary ledger, the real binary, and checks on what it printed.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

pub struct Ledger {
    pub dir: TempDir,
    pub path: PathBuf,
}

/// What one run printed and how it ended.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(o: Output) -> Run {
        Run {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

/// Who the tests' writes record as their maker (`RELATIES_USER`): the same on every machine.
pub const USER: &str = "anna";

/// The binary with a clean environment: no user ledger, backtraces on (they must never show),
/// every write recorded as made by [`USER`].
pub fn relaties() -> Command {
    let mut c = Command::cargo_bin("relaties").expect("binary");
    c.env("RELATIES_USER", USER)
        .env_remove("RELATIES_DB")
        .env_remove("NO_COLOR")
        .env("RUST_BACKTRACE", "1")
        .env("HOME", "/nonexistent-home-for-tests")
        .env_remove("XDG_DATA_HOME");
    // A developer's own PostgreSQL settings must not reach a team ledger test.
    for var in PG_VARS {
        c.env_remove(var);
    }
    c
}

/// The variables libpq (and so relaties) reads for a PostgreSQL URL's missing parts.
pub const PG_VARS: &[&str] = &[
    "PGHOST",
    "PGHOSTADDR",
    "PGPORT",
    "PGUSER",
    "PGPASSWORD",
    "PGDATABASE",
    "PGSSLMODE",
    "PGSSLROOTCERT",
    "PGPASSFILE",
    "PGCONNECT_TIMEOUT",
    "PGAPPNAME",
];

impl Ledger {
    /// A path for a ledger that does not exist yet.
    pub fn new() -> Ledger {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("ledger.db");
        Ledger { dir, path }
    }

    pub fn run(&self, args: &[&str]) -> Run {
        relaties()
            .arg("--db")
            .arg(&self.path)
            .args(args)
            .output()
            .expect("runs")
            .into()
    }

    /// Runs and expects success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let r = self.run(args);
        assert_eq!(r.code, 0, "{args:?} failed: {}", r.stderr);
        r.stdout
    }

    /// Runs with --json and expects success; returns the decoded document.
    pub fn json(&self, args: &[&str]) -> Value {
        let mut a = args.to_vec();
        a.push("--json");
        let out = self.ok(&a);
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}): {out}"))
    }

    /// Runs and expects failure with `code`, one `error:` line, no panic; returns stderr.
    pub fn fails(&self, args: &[&str], code: i32) -> String {
        let r = self.run(args);
        assert_failed(&r, code, args);
        r.stderr
    }

    /// Adds a client and returns its id.
    pub fn client(&self, name: &str) -> i64 {
        self.json(&["client", "add", name])["id"]
            .as_i64()
            .expect("id")
    }

    /// Records with a --json command and returns the new entry's id.
    pub fn entry(&self, args: &[&str]) -> i64 {
        self.json(args)["id"].as_i64().expect("id")
    }

    /// Records a commitment (`promise CLIENT WHAT --due DUE --date AGREED --json`) and returns
    /// its id.
    pub fn promise(&self, client: &str, what: &str, due: &str, agreed: &str) -> i64 {
        self.entry(&["promise", client, what, "--due", due, "--date", agreed])
    }

    /// Sets SQLite's `user_version` (the schema version) of the ledger directly, as a newer
    /// release would.
    pub fn set_user_version(&self, version: u32) {
        rusqlite::Connection::open(&self.path)
            .expect("open")
            .execute_batch(&format!("PRAGMA user_version = {version};"))
            .expect("set user_version");
    }

    /// Every row of the ledger's data tables, as text, to compare before and after.
    pub fn dump(&self) -> String {
        dump(&self.path)
    }
}

pub fn assert_failed(r: &Run, code: i32, args: &[&str]) {
    assert_eq!(
        r.code, code,
        "{args:?}: stdout {} stderr {}",
        r.stdout, r.stderr
    );
    assert!(
        r.stderr.starts_with("error:"),
        "{args:?}: stderr must start with error: {}",
        r.stderr
    );
    let lines = r.stderr.trim_end().lines().count();
    assert!(
        code == 2 || lines == 1,
        "{args:?}: one line expected: {}",
        r.stderr
    );
    for bad in ["panicked", "backtrace", "RUST_BACKTRACE", "stack backtrace"] {
        assert!(!r.stderr.contains(bad), "{args:?}: {}", r.stderr);
    }
}

pub fn dump(path: &Path) -> String {
    if !path.exists() {
        return "<no ledger>".into();
    }
    let conn =
        rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("open");
    let mut out = String::new();
    for table in ["clients", "entries", "settings"] {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM {table} ORDER BY 1"))
            .expect("prepare");
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                let mut cells = Vec::new();
                for i in 0..n {
                    cells.push(format!("{:?}", r.get_ref(i)?));
                }
                Ok(cells.join("|"))
            })
            .expect("query");
        for row in rows {
            out.push_str(&format!("{table}: {}\n", row.expect("row")));
        }
    }
    out
}

impl Ledger {
    /// Runs with extra environment variables (and without `--db` when `db` is false).
    pub fn run_env(&self, db: bool, envs: &[(&str, &std::ffi::OsStr)], args: &[&str]) -> Run {
        let mut c = relaties();
        if db {
            c.arg("--db").arg(&self.path);
        }
        for (k, v) in envs {
            c.env(k, v);
        }
        c.args(args).output().expect("runs").into()
    }

    /// A client with a fixed name, and an entry recorded for it: returns (client id, entry id).
    pub fn acme_with(&self, args: &[&str]) -> (i64, i64) {
        let c = self.client("ACME B.V.");
        (c, self.entry(args))
    }

    /// Every entry as `timeline --json` shows it.
    pub fn timeline(&self) -> Vec<Value> {
        self.json(&["timeline"]).as_array().expect("array").clone()
    }

    /// One entry by id, as `timeline --json` shows it (any client, archived ones included).
    pub fn entry_json(&self, id: i64) -> Value {
        let conn = rusqlite::Connection::open_with_flags(
            &self.path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
        )
        .expect("open");
        let client: i64 = conn
            .query_row("SELECT client_id FROM entries WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .unwrap_or_else(|e| panic!("no entry #{id}: {e}"));
        let all = self.json(&["timeline", &client.to_string()]);
        all.as_array()
            .expect("array")
            .iter()
            .find(|e| e["id"] == id)
            .cloned()
            .unwrap_or_else(|| panic!("entry #{id} not in the timeline: {all}"))
    }

    /// One SQL query on the ledger, each row as its cells' text.
    pub fn query(&self, sql: &str) -> Vec<Vec<String>> {
        let conn = rusqlite::Connection::open_with_flags(
            &self.path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
        )
        .expect("open");
        let mut stmt = conn.prepare(sql).expect("prepare");
        let n = stmt.column_count();
        stmt.query_map([], |r| {
            let mut cells = Vec::new();
            for i in 0..n {
                cells.push(match r.get_ref(i)? {
                    rusqlite::types::ValueRef::Null => "NULL".to_string(),
                    rusqlite::types::ValueRef::Integer(i) => i.to_string(),
                    rusqlite::types::ValueRef::Real(f) => f.to_string(),
                    rusqlite::types::ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                    rusqlite::types::ValueRef::Blob(_) => "<blob>".to_string(),
                });
            }
            Ok(cells)
        })
        .expect("query")
        .map(|r| r.expect("row"))
        .collect()
    }

    /// Runs a command that must fail with `code` and checks the ledger did not change.
    pub fn fails_unchanged(&self, args: &[&str], code: i32) -> String {
        let before = self.dump();
        let err = self.fails(args, code);
        assert_eq!(before, self.dump(), "{args:?} changed the ledger");
        err
    }
}

/// Tab-separated output as rows of cells (the header row first).
pub fn tsv(out: &str) -> Vec<Vec<String>> {
    out.lines()
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

/// The sorted keys of a JSON object.
pub fn keys(v: &Value) -> Vec<String> {
    let mut k: Vec<String> = v.as_object().expect("object").keys().cloned().collect();
    k.sort();
    k
}

/// Sorted key list from literals.
pub fn sorted(k: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = k.iter().map(|s| s.to_string()).collect();
    v.sort();
    v
}

// ---- Scores, decoded strictly into the shape cli.md promises ----

/// `{"id", "name"}` of a client inside a score.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClientRef {
    pub id: i64,
    pub name: String,
}

/// A week's move of each score.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Trend {
    pub appreciation: i64,
    pub trust: i64,
    pub passion: i64,
    pub overall: i64,
}

/// One `--explain` item.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub principle: String,
    pub entry: Option<i64>,
    pub points: i64,
    pub rule: String,
    pub reason: String,
}

/// A score object as `score --json` prints it (exactly these keys).
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Score {
    pub client: ClientRef,
    pub as_of: String,
    pub appreciation: i64,
    pub trust: i64,
    pub passion: i64,
    pub overall: i64,
    pub band: String,
    pub trend: Trend,
    /// Only in the report: the last 12 weekly overall scores, oldest first.
    #[serde(default)]
    pub trend_12w: Option<Vec<i64>>,
    #[serde(default)]
    pub explain: Option<Vec<Item>>,
    /// With `--explain`: how many of the client's entries are dated after `as_of`.
    #[serde(default)]
    pub left_out_after_as_of: Option<i64>,
}

impl Score {
    /// The score of one principle by name.
    pub fn get(&self, principle: &str) -> i64 {
        match principle {
            "appreciation" => self.appreciation,
            "trust" => self.trust,
            "passion" => self.passion,
            "overall" => self.overall,
            p => panic!("no principle {p}"),
        }
    }

    /// (appreciation, trust, passion, overall).
    pub fn four(&self) -> (i64, i64, i64, i64) {
        (self.appreciation, self.trust, self.passion, self.overall)
    }
}

impl Ledger {
    /// `score CLIENT --as-of DATE --json [extra...]`, decoded strictly.
    pub fn score_of(&self, client: &str, as_of: &str, extra: &[&str]) -> Score {
        let mut a = vec!["score", client, "--as-of", as_of];
        a.extend_from_slice(extra);
        let v = self.json(&a);
        assert!(v.is_object(), "{a:?}: one object expected: {v}");
        serde_json::from_value(v.clone()).unwrap_or_else(|e| panic!("{a:?}: {e}: {v}"))
    }

    /// `score --as-of DATE --json [extra...]` (every active client), decoded strictly.
    pub fn scores(&self, as_of: &str, extra: &[&str]) -> Vec<Score> {
        let mut a = vec!["score", "--as-of", as_of];
        a.extend_from_slice(extra);
        let v = self.json(&a);
        assert!(v.is_array(), "{a:?}: an array expected: {v}");
        serde_json::from_value(v.clone()).unwrap_or_else(|e| panic!("{a:?}: {e}: {v}"))
    }

    /// SCORING.md worked example 1 for a client named `name` (added here): a €45.50 gift on
    /// 2026-11-20, a compliment on 2026-10-27, a commitment agreed 2026-10-01, due 2026-11-10,
    /// delivered 2026-11-09 with quality 5, touches on 2026-11-03 (energy 4) and 2026-11-24
    /// (energy 5, proactive). Scored as of 2026-11-26 it is 70 / 57 / 65, overall 64.
    pub fn example_1(&self, name: &str) -> i64 {
        let c = self.client(name);
        self.record_example_1(&c.to_string());
        c
    }

    /// The entries of SCORING.md worked example 1 (see `example_1`) for an existing `client`
    /// (a name or an id), in this order: gift, compliment, commitment (delivered), two touches.
    pub fn record_example_1(&self, id: &str) {
        self.ok(&[
            "log-gift",
            id,
            "Wine box",
            "--cost",
            "45.50",
            "--date",
            "2026-11-20",
        ]);
        self.ok(&["log-compliment", id, "Great launch", "--date", "2026-10-27"]);
        let p = self.promise(id, "Report", "2026-11-10", "2026-10-01");
        self.ok(&[
            "deliver",
            &p.to_string(),
            "--date",
            "2026-11-09",
            "--quality",
            "5",
        ]);
        self.ok(&[
            "log-touch",
            id,
            "Call",
            "--energy",
            "4",
            "--date",
            "2026-11-03",
        ]);
        self.ok(&[
            "log-touch",
            id,
            "Visit",
            "--energy",
            "5",
            "--proactive",
            "--date",
            "2026-11-24",
        ]);
    }
}

impl Ledger {
    /// A consistent copy of this ledger in a new temporary folder (SQLite's online backup), to
    /// try a change on without touching the original.
    pub fn copy(&self) -> Ledger {
        let copy = Ledger::new();
        let conn = rusqlite::Connection::open_with_flags(
            &self.path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
        )
        .expect("open");
        conn.backup(
            rusqlite::MAIN_DB,
            &copy.path,
            None::<fn(rusqlite::backup::Progress)>,
        )
        .expect("backup");
        copy
    }
}

// ---- Tests that need something the machine may lack ----

/// Whether this run is CI's (`CI=true`): there every test must run, so nothing may skip.
pub fn on_ci() -> bool {
    std::env::var_os("CI").is_some_and(|v| v == "true")
}

/// Skips the calling test for want of what it needs (a program, root, a second user): prints
/// `skipped: TEST: REASON` on stderr, or panics under `CI=true`, which installs and runs as
/// everything the suite needs. The caller returns right after it.
#[track_caller]
pub fn skip(test: &str, reason: &str) {
    if on_ci() {
        panic!("{test}: CI=true, yet it would have to be skipped: {reason}");
    }
    eprintln!("skipped: {test}: {reason}");
}

/// Whether `program` can be run (`program --version` starts and succeeds).
pub fn have(program: &str) -> bool {
    std::process::Command::new(program)
        .arg("--version")
        .stdin(std::process::Stdio::null())
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Whether this process runs as root (the owner of `/proc/self` is its effective user).
pub fn is_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}
