//! The import's progress indicator (`importing: N records` on stderr, every 5,000 records,
//! each from an erased line, and the line erased at the end; the import reads its input as it
//! comes, so there is no total): shown when stderr is a terminal, never when it is not, nor
//! with --quiet. The terminal is a real
//! pseudo-terminal from util-linux `script`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::support::{Ledger, have, skip};

const CLIENTS: u64 = 20;
const ENTRIES: u64 = 12_000;

/// Back to column 0, erasing the line.
const ERASE: &str = "\r\x1b[K";

/// What importing 20 clients and 12,000 entries prints on a terminal: two updates (clients
/// and entries both count), then the line erased.
fn progress() -> String {
    format!("{ERASE}importing: 5000 records{ERASE}importing: 10000 records{ERASE}")
}

/// A JSON ledger document with `CLIENTS` clients and `ENTRIES` entries, written beside
/// the demo ledger it was exported from.
fn big_document(src: &Ledger) -> PathBuf {
    src.ok(&[
        "demo",
        "--clients",
        &CLIENTS.to_string(),
        "--entries",
        &ENTRIES.to_string(),
        "--seed",
        "1",
        "--as-of",
        "2024-06-30",
        "-q",
    ]);
    assert_eq!(counts(src), (CLIENTS, ENTRIES), "the demo ledger");
    let doc = src.dir.path().join("ledger.json");
    src.ok(&["export", "--format", "json", "-o", doc.to_str().unwrap()]);
    doc
}

/// (clients, entries) as `doctor --json` counts them.
fn counts(l: &Ledger) -> (u64, u64) {
    let d = l.json(&["doctor"]);
    let entries = d["entries"]
        .as_object()
        .unwrap_or_else(|| panic!("doctor: no entries object: {d}"))
        .values()
        .map(|n| n.as_u64().expect("a count"))
        .sum();
    (d["clients"].as_u64().expect("clients"), entries)
}

/// The imported ledger holds everything the document does: the counts, and an export that
/// is byte for byte the document (ids are kept when importing into an empty ledger).
fn assert_holds(dst: &Ledger, doc: &Path) {
    assert_eq!(counts(dst), (CLIENTS, ENTRIES), "the imported ledger");
    let again = dst.ok(&["export", "--format", "json"]);
    assert!(
        again == std::fs::read_to_string(doc).unwrap(),
        "export after import differs from the imported document"
    );
}

/// Runs `relaties --db DB import DOC [EXTRA]` inside util-linux `script`, so that the
/// binary's stdin, stdout and stderr are a pseudo-terminal; its stdout goes to `stdout`
/// instead, so the terminal shows stderr only. Returns whether it succeeded and what the
/// terminal showed; None (after `support::skip`, which fails under CI=true) when `script` is
/// not installed.
fn import_on_terminal(
    test: &str,
    db: &Path,
    doc: &Path,
    extra: &str,
    stdout: &Path,
) -> Option<(bool, String)> {
    if !have("script") {
        skip(
            test,
            "no util-linux `script` (Debian: bsdutils) to give the binary a pseudo-terminal",
        );
        return None;
    }
    // Paths reach the shell through the environment: no quoting to get wrong.
    let cmd = format!(
        r#"exec "$RELATIES_TEST_BIN" --db "$RELATIES_TEST_DB" import "$RELATIES_TEST_DOC" {extra} >"$RELATIES_TEST_STDOUT""#
    );
    let out = Command::new("script")
        .args(["--quiet", "--return", "--command", &cmd, "/dev/null"])
        .env("SHELL", "/bin/sh")
        .env("RELATIES_TEST_BIN", env!("CARGO_BIN_EXE_relaties"))
        .env("RELATIES_TEST_DB", db)
        .env("RELATIES_TEST_DOC", doc)
        .env("RELATIES_TEST_STDOUT", stdout)
        // As support::relaties(): no user ledger, backtraces on.
        .env_remove("RELATIES_DB")
        .env_remove("NO_COLOR")
        .env_remove("XDG_DATA_HOME")
        .env("RUST_BACKTRACE", "1")
        .env("HOME", "/nonexistent-home-for-tests")
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("`script` is installed but cannot run: {e}"));
    // The terminal turns each \n into \r\n.
    let shown = String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n");
    Some((out.status.success(), shown))
}

#[test]
fn import_progress_on_a_terminal() {
    let src = Ledger::new();
    let doc = big_document(&src);
    let dst = Ledger::new();
    let stdout = dst.dir.path().join("stdout.txt");

    let Some((ok, shown)) = import_on_terminal(
        "import_progress_on_a_terminal",
        &dst.path,
        &doc,
        "",
        &stdout,
    ) else {
        return;
    };
    assert!(ok, "the import failed: terminal {shown:?}");
    assert!(shown.contains("importing: 5000 records"), "{shown:?}");
    assert!(shown.contains("importing: 10000 records"), "{shown:?}");
    // Exactly the two updates, each on an erased line, and the line erased at the end;
    // nothing else on stderr.
    assert_eq!(shown, progress(), "terminal showed {shown:?}");

    let report = std::fs::read_to_string(&stdout).unwrap();
    assert!(
        report.starts_with(&format!(
            "{CLIENTS} new clients, {ENTRIES} new entries, 0 already present\n"
        )),
        "stdout: {report:?}"
    );
    assert!(!report.contains("importing"), "stdout: {report:?}");
    assert_holds(&dst, &doc);
}

#[test]
fn no_import_progress_when_stderr_is_not_a_terminal() {
    let src = Ledger::new();
    let doc = big_document(&src);
    let dst = Ledger::new();

    let r = dst.run(&["import", doc.to_str().unwrap()]);
    assert_eq!(r.code, 0, "import failed: {}", r.stderr);
    assert!(!r.stderr.contains("importing:"), "stderr: {:?}", r.stderr);
    assert!(!r.stderr.contains('\r'), "stderr: {:?}", r.stderr);
    assert!(!r.stdout.contains("importing"), "stdout: {:?}", r.stdout);
    assert!(
        r.stdout.starts_with(&format!(
            "{CLIENTS} new clients, {ENTRIES} new entries, 0 already present\n"
        )),
        "stdout: {:?}",
        r.stdout
    );
    assert_holds(&dst, &doc);
}

#[test]
fn quiet_imports_show_no_progress_even_on_a_terminal() {
    let src = Ledger::new();
    let doc = big_document(&src);
    let dst = Ledger::new();
    let stdout = dst.dir.path().join("stdout.txt");

    let Some((ok, shown)) = import_on_terminal(
        "quiet_imports_show_no_progress_even_on_a_terminal",
        &dst.path,
        &doc,
        "--quiet",
        &stdout,
    ) else {
        return;
    };
    assert!(ok, "the import failed: terminal {shown:?}");
    assert_eq!(shown, "", "terminal showed {shown:?}");
    assert_eq!(std::fs::read_to_string(&stdout).unwrap(), "");
    assert_holds(&dst, &doc);
}

#[test]
fn an_import_that_fails_half_way_erases_its_progress_before_the_error() {
    let src = Ledger::new();
    let doc = big_document(&src);
    // Entry 7,001 of the document names a client that is not in it.
    let mut value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&doc).unwrap()).unwrap();
    let entry = &mut value["entries"][7000];
    let id = entry["id"].as_i64().expect("an entry id");
    entry["client_id"] = serde_json::json!(999_999);
    let bad = src.dir.path().join("bad.json");
    std::fs::write(&bad, value.to_string()).unwrap();
    let dst = Ledger::new();
    let stdout = dst.dir.path().join("stdout.txt");

    let Some((ok, shown)) = import_on_terminal(
        "an_import_that_fails_half_way_erases_its_progress_before_the_error",
        &dst.path,
        &bad,
        "",
        &stdout,
    ) else {
        return;
    };
    assert!(!ok, "the import succeeded: terminal {shown:?}");
    assert_eq!(
        shown,
        format!(
            "{ERASE}importing: 5000 records{ERASE}error: entry #{id} names client 999999, \
             which is not in the file\n"
        ),
        "terminal showed {shown:?}"
    );
    assert_eq!(std::fs::read_to_string(&stdout).unwrap(), "");
    // The import would have made the ledger: there is none, and no file beside it either.
    assert!(
        !dst.path.exists(),
        "a ledger was left at {}",
        dst.path.display()
    );
    let left: Vec<_> = std::fs::read_dir(dst.dir.path())
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.file_name()))
        .filter(|n| n != "stdout.txt")
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}
