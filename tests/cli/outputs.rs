//! Nothing lost, nothing exposed: the files `export -o` and `backup` write (never the ledger
//! or its -wal/-shm, never a folder, FIFO, socket or device, an existing file only with
//! --force), CSV cells a spreadsheet cannot run, and imports bounded per record with the
//! command line's limits.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::support::{Ledger, Run, assert_failed, relaties};

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Runs with a time limit: a command that opened a FIFO would hang.
fn run_limited(l: &Ledger, args: &[&str]) -> Run {
    relaties()
        .arg("--db")
        .arg(&l.path)
        .args(args)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap()
        .into()
}

fn ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

fn integrity(path: &Path) -> String {
    let conn =
        rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

fn ledger_with_data() -> Ledger {
    let l = Ledger::new();
    l.client("ACME B.V.");
    l.entry(&[
        "log-gift",
        "ACME",
        "Wine",
        "--cost",
        "45.50",
        "--date",
        "2026-01-20",
    ]);
    l.entry(&["log-touch", "ACME", "Call", "--date", "2026-02-01"]);
    l
}

// ---- export -o: existing files, -o - ----

#[test]
fn export_refuses_an_existing_file_without_force_and_replaces_it_with_force() {
    let l = ledger_with_data();
    let out = l.dir.path().join("out.json");
    std::fs::write(&out, "precious").unwrap();
    for format in ["json", "csv", "ics", "hledger"] {
        let err = l.fails_unchanged(&["export", "--format", format, "-o", s(&out)], 1);
        assert!(err.contains("exists") && err.contains("--force"), "{err}");
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "precious");
    }
    let r = l.run(&["export", "-o", s(&out), "--force"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), l.ok(&["export"]));
}

#[test]
fn export_to_dash_prints_to_standard_output() {
    let l = ledger_with_data();
    for format in ["json", "csv"] {
        let plain = l.ok(&["export", "--format", format]);
        let dashed = l.ok(&["export", "--format", format, "-o", "-"]);
        assert!(plain.len() > 100, "{plain}");
        assert_eq!(dashed, plain, "{format}");
    }
    assert!(!l.dir.path().join("-").exists(), "no file named -");
}

// ---- never the ledger itself ----

#[test]
fn backup_and_export_never_write_over_the_ledger_or_its_companions() {
    let l = ledger_with_data();
    let before = l.dump();
    let link = l.dir.path().join("link.db");
    std::os::unix::fs::symlink(&l.path, &link).unwrap();
    let hard = l.dir.path().join("hard.db");
    std::fs::hard_link(&l.path, &hard).unwrap();
    let wal = format!("{}-wal", s(&l.path));
    let shm = format!("{}-shm", s(&l.path));
    // The same ledger through another spelling of its folder.
    let dotted = l.dir.path().join(".").join("ledger.db");
    let targets = [s(&l.path), s(&link), s(&hard), &wal, &shm, s(&dotted)];
    for t in targets {
        for args in [
            vec!["backup", t, "--force"],
            vec!["export", "--format", "ics", "-o", t, "--force"],
            vec!["export", "-o", t, "--force"],
        ] {
            let r = l.run(&args);
            assert_failed(&r, 1, &args);
            assert!(r.stderr.contains("the ledger"), "{args:?}: {}", r.stderr);
        }
    }
    assert_eq!(l.dump(), before);
    assert_eq!(integrity(&l.path), "ok");
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    // Nor through standard output (`relaties export >> ledger.db`).
    for target in [&l.path, &link] {
        let out = std::fs::OpenOptions::new()
            .append(true)
            .open(target)
            .unwrap();
        let r: Run = std::process::Command::new(env!("CARGO_BIN_EXE_relaties"))
            .arg("--db")
            .arg(&l.path)
            .arg("export")
            .env("RUST_BACKTRACE", "1")
            .stdout(out)
            .output()
            .unwrap()
            .into();
        assert_failed(&r, 1, &["export", ">>", s(target)]);
        assert!(
            r.stderr.contains("standard output is the ledger"),
            "{}",
            r.stderr
        );
    }
    assert_eq!(l.dump(), before);
    assert_eq!(integrity(&l.path), "ok");
    // A --db given through the link protects the real file too.
    let via_link = Ledger {
        dir: tempfile::tempdir().unwrap(),
        path: link.clone(),
    };
    let r = via_link.run(&["backup", s(&l.path), "--force"]);
    assert_failed(&r, 1, &["backup"]);
    assert_eq!(l.dump(), before);
}

// ---- never a folder, FIFO, socket or device ----

#[test]
fn export_and_backup_refuse_folders_fifos_sockets_and_devices() {
    let l = ledger_with_data();
    let before = l.dump();
    let folder = l.dir.path().join("folder");
    std::fs::create_dir(&folder).unwrap();
    let socket = l.dir.path().join("sock");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    let mut targets: Vec<(PathBuf, &str)> = vec![
        (folder.clone(), "a folder"),
        (socket.clone(), "a socket"),
        (PathBuf::from("/dev/null"), "a device"),
    ];
    let fifo = l.dir.path().join("fifo");
    match std::process::Command::new("mkfifo").arg(&fifo).status() {
        Ok(st) if st.success() => targets.push((fifo.clone(), "a FIFO")),
        other if ci() => panic!("mkfifo is needed in CI: {other:?}"),
        other => eprintln!("skipping the FIFO case: mkfifo did not run ({other:?})"),
    }
    for (t, what) in &targets {
        for force in [false, true] {
            let mut args = vec!["export", "-o", s(t)];
            let mut backup = vec!["backup", s(t)];
            if force {
                args.push("--force");
                backup.push("--force");
            }
            for args in [args, backup] {
                let r = run_limited(&l, &args);
                assert_failed(&r, 1, &args);
                assert!(r.stderr.contains(what), "{args:?}: {}", r.stderr);
            }
        }
    }
    assert!(folder.is_dir());
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 0);
    if fifo.exists() {
        use std::os::unix::fs::FileTypeExt;
        assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
    }
    assert_eq!(l.dump(), before);
}

// ---- CSV cells a spreadsheet cannot run ----

#[test]
fn csv_export_starts_formula_like_cells_with_a_quote() {
    let l = Ledger::new();
    let name = "=HYPERLINK(\"http://evil.example\",\"click\")";
    l.ok(&[
        "client",
        "add",
        name,
        "--phone",
        "+31 20 123",
        "--note",
        "@risk",
    ]);
    l.ok(&[
        "--json",
        "log-gift",
        "--cost",
        "12",
        "--date",
        "2026-01-20",
        "--",
        "HYPERLINK",
        "-5% deal",
    ]);
    let entries = l.ok(&["export", "--format", "csv"]);
    let mut rd = csv::Reader::from_reader(entries.as_bytes());
    let headers = rd.headers().unwrap().clone();
    let col = |h: &str| headers.iter().position(|x| x == h).unwrap();
    let row = rd.records().next().unwrap().unwrap();
    assert_eq!(&row[col("client")], format!("'{name}"));
    assert_eq!(&row[col("description")], "'-5% deal");
    // Numbers stay numbers.
    assert_eq!(&row[col("amount")], "12.00");
    assert_eq!(&row[col("id")], "1");
    let clients = l.ok(&["export", "--format", "csv", "--what", "clients"]);
    let mut rd = csv::Reader::from_reader(clients.as_bytes());
    let headers = rd.headers().unwrap().clone();
    let col = |h: &str| headers.iter().position(|x| x == h).unwrap();
    let row = rd.records().next().unwrap().unwrap();
    assert_eq!(&row[col("name")], format!("'{name}"));
    assert_eq!(&row[col("phone")], "'+31 20 123");
    assert_eq!(&row[col("note")], "'@risk");
    // No raw formula anywhere.
    for line in clients.lines().chain(entries.lines()) {
        assert!(!line.contains(",=") && !line.starts_with('='), "{line}");
    }
    // Imported again, the cells are what they were.
    let b = Ledger::new();
    let path = b.dir.path().join("clients.csv");
    std::fs::write(&path, &clients).unwrap();
    let r = b.run(&["import", s(&path)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v = b.json(&["client", "show", "1"]);
    assert_eq!(v["client"]["name"], name);
    assert_eq!(v["client"]["phone"], "+31 20 123");
    // JSON is unchanged.
    assert_eq!(l.json(&["export"])["clients"][0]["name"], name);
}

// ---- imports bounded per record ----

#[test]
fn import_of_endless_input_stops_with_an_error_naming_the_record() {
    let l = ledger_with_data();
    let before = l.dump();
    for format in ["csv", "vcf", "json"] {
        let args = ["import", "/dev/zero", "--format", format];
        let r = run_limited(&l, &args);
        assert_failed(&r, 1, &args);
        assert!(r.stderr.contains("/dev/zero"), "{}", r.stderr);
        if format != "json" {
            // JSON stops at the first byte: a NUL is not JSON.
            assert!(
                r.stderr.contains("record") && r.stderr.contains("4 MiB"),
                "{format}: {}",
                r.stderr
            );
        }
    }
    assert_eq!(l.dump(), before);
}

#[test]
fn a_record_larger_than_the_limit_fails_the_import_naming_it() {
    let l = ledger_with_data();
    let before = l.dump();
    let huge = "x".repeat(5 << 20);
    let csv = l.dir.path().join("big.csv");
    std::fs::write(&csv, format!("name,note\nA,short\nB,{huge}\nC,short\n")).unwrap();
    let err = l.fails_unchanged(&["import", s(&csv)], 1);
    assert!(err.contains("line 3 is longer than 4 MiB"), "{err}");
    let vcf = l.dir.path().join("big.vcf");
    std::fs::write(
        &vcf,
        format!("BEGIN:VCARD\nFN:A\nEND:VCARD\nBEGIN:VCARD\nFN:B\nNOTE:{huge}\nEND:VCARD\n"),
    )
    .unwrap();
    let err = l.fails_unchanged(&["import", s(&vcf)], 1);
    assert!(err.contains("line 6 is longer than 4 MiB"), "{err}");

    let mut doc: serde_json::Value = serde_json::from_str(&l.ok(&["export"])).unwrap();
    doc["entries"][1]["note"] = huge.clone().into();
    let json = l.dir.path().join("big.json");
    std::fs::write(&json, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
    let fresh = Ledger::new();
    let err = fresh.fails(&["import", s(&json)], 1);
    // One client, then the second entry: record 3.
    assert!(err.contains("record 3 is larger than 4 MiB"), "{err}");
    assert!(!fresh.path.exists());
    assert_eq!(l.dump(), before);
}

// ---- the command line's limits, for every import ----

#[test]
fn an_import_with_a_name_over_the_limit_fails_with_its_record_and_changes_nothing() {
    let l = ledger_with_data();
    let long = "N".repeat(201);
    // The command line refuses it…
    l.fails_unchanged(&["client", "add", &long], 2);
    // …and so does every import format, naming the record.
    let csv = l.dir.path().join("long.csv");
    std::fs::write(&csv, format!("name\nFine BV\n{long}\n")).unwrap();
    let vcf = l.dir.path().join("long.vcf");
    std::fs::write(
        &vcf,
        format!("BEGIN:VCARD\nFN:Fine BV\nEND:VCARD\nBEGIN:VCARD\nFN:{long}\nEND:VCARD\n"),
    )
    .unwrap();
    for path in [&csv, &vcf] {
        let err = l.fails_unchanged(&["import", s(path)], 1);
        assert!(
            err.contains("record 2") && err.contains("at most 200 characters"),
            "{err}"
        );
    }
    let mut doc: serde_json::Value = serde_json::from_str(&l.ok(&["export"])).unwrap();
    let mut second = doc["clients"][0].clone();
    second["id"] = 2.into();
    second["name"] = long.clone().into();
    doc["clients"].as_array_mut().unwrap().push(second);
    let json = l.dir.path().join("long.json");
    std::fs::write(&json, doc.to_string()).unwrap();
    let fresh = Ledger::new();
    let err = fresh.fails(&["import", s(&json)], 1);
    assert!(
        err.contains("record 2") && err.contains("at most 200 characters"),
        "{err}"
    );
    assert!(!fresh.path.exists());
    // Into a ledger with clients too, nothing is added.
    let err = l.fails_unchanged(&["import", s(&json)], 1);
    assert!(err.contains("at most 200 characters"), "{err}");
    // 200 characters are fine.
    let ok = l.dir.path().join("ok.csv");
    std::fs::write(&ok, format!("name\n{}\n", "N".repeat(200))).unwrap();
    l.ok(&["import", s(&ok)]);
}

#[test]
fn a_json_import_with_a_bad_tag_or_cadence_fails_like_the_command_line() {
    let l = ledger_with_data();
    let doc: serde_json::Value = serde_json::from_str(&l.ok(&["export"])).unwrap();
    for (key, value, says) in [
        ("tags", serde_json::json!(["a,b"]), "invalid tag"),
        ("tags", serde_json::json!([""]), "invalid tag"),
        ("cadence", serde_json::json!(0), "cadence 0"),
        ("cadence", serde_json::json!(99999), "cadence 99999"),
    ] {
        let mut bad = doc.clone();
        bad["clients"][0][key] = value;
        let path = l.dir.path().join("bad.json");
        std::fs::write(&path, bad.to_string()).unwrap();
        let fresh = Ledger::new();
        let err = fresh.fails(&["import", s(&path)], 1);
        assert!(err.contains(says) && err.contains("record 1"), "{err}");
        assert!(!fresh.path.exists());
    }
}

// ---- the JSON export, streamed ----

#[test]
fn json_export_is_byte_for_byte_the_whole_document() {
    let l = Ledger::new();
    l.ok(&[
        "demo",
        "--clients",
        "30",
        "--entries",
        "3000",
        "--seed",
        "7",
        "--as-of",
        "2026-06-30",
        "-q",
    ]);
    let out = l.ok(&["export"]);
    let doc = relaties::export::Document::parse(&out).unwrap();
    assert_eq!(doc.entries.len(), 3000);
    assert_eq!(serde_json::to_string_pretty(&doc).unwrap() + "\n", out);
    // An empty ledger too.
    let e = Ledger::new();
    e.ok(&["config", "set", "weight.trust", "2"]);
    let out = e.ok(&["export"]);
    let doc = relaties::export::Document::parse(&out).unwrap();
    assert_eq!(serde_json::to_string_pretty(&doc).unwrap() + "\n", out);
}

#[test]
fn a_reader_that_stops_early_is_no_error_for_a_streamed_export() {
    use std::io::Read;
    let l = Ledger::new();
    l.ok(&[
        "demo",
        "--clients",
        "30",
        "--entries",
        "3000",
        "--seed",
        "7",
        "-q",
    ]);
    for format in ["json", "csv"] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_relaties"))
            .args(["--db", s(&l.path), "export", "--format", format])
            .env("RUST_BACKTRACE", "1")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut head = [0u8; 16];
        child.stdout.take().unwrap().read_exact(&mut head).unwrap();
        // The pipe is closed now, long before the export's end (megabytes).
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{format}: {:?}", out.status);
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{format}");
    }
}

/// `relaties … --json | head -1`: the reader closing the pipe early is its choice, not a
/// failure, for JSON as for tables (JSON goes out through serde_json, which wraps the error).
#[test]
fn a_reader_that_stops_early_is_no_error() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("big.db");
    let made = relaties()
        .args([
            "--db",
            s(&db),
            "demo",
            "--clients",
            "200",
            "--entries",
            "3000",
        ])
        .output()
        .unwrap();
    assert!(made.status.success(), "{made:?}");
    for args in [
        &["--json", "timeline", "--limit", "3000"][..],
        &["timeline", "--limit", "3000"][..],
    ] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("relaties"))
            .args(["--db", s(&db)])
            .args(args)
            .env("RUST_BACKTRACE", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        assert!(!first.is_empty());
        // The reader is gone: the rest of the output (well over a pipe's buffer) has nowhere
        // to go.
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{args:?}: {out:?}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{args:?}");
    }
}
