//! The same ledger gives the same answers on SQLite and on a team ledger (issue #17, "Every
//! command works on a team ledger, with the same output"; "Moving": backup): a varied ledger
//! made on SQLite is exported, imported into a new SQLite ledger and into a fresh team
//! ledger, and every reading command's output is compared byte for byte; then the team
//! ledger's backup is read back the same.

use std::path::Path;

use crate::pg_support::{PgDb, server};
use crate::support::{Run, assert_failed, relaties};

/// The fixed day every run takes as today.
const TODAY: &str = "2026-06-15";

/// Runs the binary on `db` (a file or a URL) with today fixed.
fn at(db: &str, args: &[&str]) -> Run {
    relaties()
        .env("RELATIES_TODAY", TODAY)
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("runs")
        .into()
}

fn ok(db: &str, args: &[&str]) -> String {
    let r = at(db, args);
    assert_eq!(r.code, 0, "{args:?} on {db}: {}", r.stderr);
    r.stdout
}

fn id_of(db: &str, args: &[&str]) -> String {
    let mut a = args.to_vec();
    a.push("--json");
    let v: serde_json::Value = serde_json::from_str(&ok(db, &a)).expect("json");
    v["id"].as_i64().expect("id").to_string()
}

/// A varied ledger on SQLite: the demo's clients and a year of entries, and by hand contact
/// persons with birthdays, a gift for one of them, every kind of entry, a rescheduled, a
/// delivered and a missed commitment, a void entry, an edited one, an incident informed and
/// resolved and one still open, an archived client, a client without entries, settings.
pub fn varied_ledger(dir: &Path) -> String {
    let db = dir.join("made.db").display().to_string();
    ok(
        &db,
        &["demo", "--clients", "6", "--seed", "1", "--as-of", TODAY],
    );
    ok(
        &db,
        &[
            "contact",
            "add",
            "1",
            "Marie Curie",
            "--role",
            "CEO",
            "--email",
            "marie@example.nl",
            "--phone",
            "+31 6 1234 5678",
            "--birthday",
            "1980-06-20",
        ],
    );
    ok(
        &db,
        &["contact", "add", "2", "Jan Bakker", "--birthday", "5-7"],
    );
    ok(
        &db,
        &[
            "log-gift",
            "1",
            "Bloemen",
            "--cost",
            "25",
            "--for-contact",
            "Marie Curie",
            "--date",
            "2026-06-01",
        ],
    );
    ok(
        &db,
        &[
            "log-compliment",
            "2",
            "Sterk werk",
            "--for",
            "snelle levering",
        ],
    );
    ok(
        &db,
        &["log-milestone", "3", "Tien jaar samen", "--note", "taart"],
    );
    ok(
        &db,
        &[
            "log-touch",
            "4",
            "Belronde",
            "--channel",
            "call",
            "--energy",
            "4",
            "--proactive",
        ],
    );
    let p1 = id_of(
        &db,
        &[
            "promise",
            "2",
            "Offerte",
            "--due",
            "2026-06-10",
            "--date",
            "2026-06-01",
        ],
    );
    ok(
        &db,
        &[
            "reschedule",
            &p1,
            "--due",
            "2026-06-30",
            "--note",
            "klant vroeg uitstel",
        ],
    );
    let p2 = id_of(
        &db,
        &[
            "promise",
            "1",
            "Rapport",
            "--due",
            "2026-06-12",
            "--date",
            "2026-06-02",
        ],
    );
    ok(
        &db,
        &["deliver", &p2, "--quality", "4", "--date", "2026-06-13"],
    );
    let p3 = id_of(
        &db,
        &[
            "promise",
            "3",
            "Demo",
            "--due",
            "2026-05-01",
            "--date",
            "2026-04-01",
        ],
    );
    ok(&db, &["miss", &p3, "--reason", "ziek"]);
    ok(&db, &["promise", "4", "Nazorg", "--due", "2026-06-20"]);
    let g = id_of(&db, &["log-gift", "5", "Wijn", "--cost", "30"]);
    ok(&db, &["void", &g, "--reason", "dubbel geboekt"]);
    let i1 = id_of(
        &db,
        &[
            "log-incident",
            "3",
            "Levering te laat",
            "--cause",
            "own",
            "--severity",
            "major",
            "--date",
            "2026-06-03",
        ],
    );
    ok(&db, &["inform", &i1, "--explained", "--date", "2026-06-04"]);
    ok(
        &db,
        &[
            "resolve",
            &i1,
            "--solution",
            "nieuwe planning",
            "--date",
            "2026-06-08",
        ],
    );
    ok(
        &db,
        &["log-incident", "6", "Factuur fout", "--cause", "client"],
    );
    ok(&db, &["edit", "1", "--note", "later aangevuld"]);
    ok(
        &db,
        &[
            "client",
            "add",
            "Zeta & Co",
            "--contact",
            "Z. Zeta",
            "--tag",
            "oud",
        ],
    );
    ok(
        &db,
        &["log-touch", "Zeta & Co", "Afscheid", "--date", "2026-01-05"],
    );
    ok(&db, &["client", "archive", "Zeta & Co"]);
    ok(&db, &["client", "add", "Leeg BV", "--note", "nog niets"]);
    ok(&db, &["config", "set", "weight.trust", "2"]);
    ok(&db, &["config", "set", "gift.yearly_budget", "300"]);
    ok(&db, &["config", "set", "cadence.default_days", "45"]);
    let file = dir.join("l.json").display().to_string();
    ok(&db, &["export", "-o", &file]);
    file
}

/// Every reading command, with the variations that take other paths through the store.
pub const READS: &[&[&str]] = &[
    &[],
    &["--json"],
    &["timeline"],
    &["timeline", "--json"],
    &["timeline", "1", "--json"],
    &["timeline", "Zeta & Co", "--json"],
    &["timeline", "--kind", "gift", "--kind", "touch", "--json"],
    &[
        "timeline",
        "--since",
        "2026-01-01",
        "--until",
        "2026-06-01",
        "--json",
    ],
    &["timeline", "--limit", "7", "--json"],
    &["commitments", "--json"],
    &["commitments", "--open", "--json"],
    &["commitments", "--overdue", "--json"],
    &["commitments", "--due-within", "30", "--json"],
    &["commitments", "2", "--json"],
    &["incidents", "--json"],
    &["incidents", "--open", "--json"],
    &["client", "list", "--json"],
    &["client", "list", "--all", "--json"],
    &["client", "list", "--tag", "oud", "--all", "--json"],
    &["client", "show", "1", "--json"],
    &["client", "show", "3", "--json"],
    &["client", "show", "Zeta & Co", "--json"],
    &["client", "show", "Leeg BV", "--json"],
    &["client", "show", "1"],
    &["contact", "list", "--json"],
    &["contact", "list", "1", "--json"],
    &["score", "--json"],
    &["score", "2", "--json"],
    &["score", "--as-of", "2026-01-01", "--json"],
    &["score", "--explain", "--json"],
    &["score", "3", "--explain", "--json"],
    &["score", "1", "--history", "--json"],
    &["score", "4", "--history", "--weeks", "52", "--json"],
    &["report", "--json"],
    &["report"],
    &["report", "--format", "table"],
    &["report", "--format", "markdown"],
    &["report", "--format", "csv"],
    &["report", "--week", "--as-of", "2026-05-01", "--json"],
    &[
        "report",
        "--since",
        "2026-01-01",
        "--until",
        "2026-03-31",
        "--json",
    ],
    &["report", "--client", "3", "--json"],
    &["upcoming", "--json"],
    &["upcoming", "--days", "90", "--json"],
    &[
        "upcoming",
        "--as-of",
        "2026-07-01",
        "--days",
        "30",
        "--json",
    ],
    &["export"],
    &["export", "--format", "csv"],
    &["export", "--format", "csv", "--what", "clients"],
    &["export", "--format", "csv", "--excel"],
    &["export", "--format", "ics"],
    &["export", "--format", "hledger"],
    &["config", "list", "--json"],
    &["config", "get", "weight.trust", "--json"],
    &["config", "get", "band.ok", "--json"],
];

/// Runs every command of [`READS`] on both ledgers and fails on the first difference in exit
/// code, stdout or stderr; returns how many commands were compared.
pub fn assert_same(a: &str, b: &str) -> usize {
    for args in READS {
        let (mut x, mut y) = (at(a, args), at(b, args));
        // The one thing that differs by right: the ledger's own name (a path, a URL).
        for r in [&mut x, &mut y] {
            if let Ok(serde_json::Value::Object(mut doc)) = serde_json::from_str(&r.stdout)
                && doc.contains_key("ledger")
            {
                doc.insert("ledger".into(), serde_json::Value::Null);
                r.stdout = serde_json::to_string_pretty(&doc).unwrap();
            }
        }
        assert_eq!(x.code, 0, "{args:?} on {a}: {}", x.stderr);
        assert!(!x.stdout.is_empty(), "{args:?} printed nothing");
        assert_eq!(
            (x.code, &x.stderr),
            (y.code, &y.stderr),
            "{args:?}: exit code or stderr differ"
        );
        if x.stdout != y.stdout {
            let line = x
                .stdout
                .lines()
                .zip(y.stdout.lines())
                .position(|(p, q)| p != q)
                .unwrap_or(0);
            panic!(
                "{args:?}: the output differs from line {}:\n{a}: {:?}\n{b}: {:?}",
                line + 1,
                x.stdout.lines().nth(line),
                y.stdout.lines().nth(line)
            );
        }
    }
    READS.len()
}

/// A fresh team ledger made by its owner, with `file` imported into it.
pub fn team_with(db: &PgDb, file: &str) -> String {
    let url = db.url();
    ok(&url, &["team", "init"]);
    ok(&url, &["import", file]);
    url
}

#[test]
fn every_reading_command_answers_the_same_on_both_engines() {
    let Some(pg) = server("every_reading_command_answers_the_same_on_both_engines") else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let file = varied_ledger(dir.path());
    let lite = dir.path().join("lite.db").display().to_string();
    ok(&lite, &["import", &file]);
    let db = pg.fresh_database();
    let team = team_with(&db, &file);
    // The ledger is what it should be: the names who recorded what came along.
    let export: serde_json::Value = serde_json::from_str(&ok(&team, &["export"])).unwrap();
    assert!(
        export.to_string().contains("\"recorded_by\":\"anna\""),
        "the writers' names came along"
    );
    let n = assert_same(&lite, &team);
    eprintln!("{n} reading commands gave byte-identical output on SQLite and PostgreSQL");
    // Its own export round-trips: imported again into SQLite it still reads the same.
    let again = dir.path().join("again.json").display().to_string();
    ok(&team, &["export", "-o", &again]);
    assert_eq!(
        std::fs::read_to_string(&again).unwrap(),
        std::fs::read_to_string(&file).unwrap(),
        "the team ledger's export is the file it was made from"
    );
}

#[test]
fn doctor_on_a_team_ledger_shows_the_server_and_the_grants() {
    let Some(pg) = server("doctor_on_a_team_ledger_shows_the_server_and_the_grants") else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let file = varied_ledger(dir.path());
    let db = pg.fresh_database();
    let team = team_with(&db, &file);
    let out = ok(&team, &["doctor"]);
    for line in [
        "engine: postgresql".to_string(),
        "schema version: 1".to_string(),
        format!("database: {}", db.name),
        format!("login: {}", db.login),
        "role: owner".to_string(),
        "TLS: no".to_string(),
        "grants: as team init made them".to_string(),
    ] {
        assert!(out.lines().any(|l| l == line), "{line:?} in {out}");
    }
    let version = out
        .lines()
        .find_map(|l| l.strip_prefix("server version: "))
        .unwrap_or_else(|| panic!("a server version in {out}"));
    let major: u32 = version
        .split(|c: char| !c.is_ascii_digit())
        .next()
        .and_then(|m| m.parse().ok())
        .unwrap_or(0);
    assert!(major >= 14 && !version.contains("too old"), "{version}");
    let count = |out: &str, what: &str| {
        out.lines()
            .find_map(|l| l.strip_prefix(&format!("{what}: ")))
            .and_then(|n| n.parse::<usize>().ok())
            .unwrap_or_else(|| panic!("a count of {what} in {out}"))
    };
    let entries = count(&out, "entries");
    let listed: serde_json::Value = serde_json::from_str(&ok(&team, &["export"])).expect("export");
    for (table, n) in [
        ("entries", entries),
        ("clients", count(&out, "clients")),
        ("people", count(&out, "contact persons")),
    ] {
        assert_eq!(
            n,
            listed[table].as_array().unwrap().len(),
            "{table} in {out}"
        );
    }
    assert!(entries > 150, "{out}");
    // Over TCP with TLS it says so; the password never shows.
    let tls = db.tcp_url(
        "localhost",
        &format!("sslmode=verify-full&sslrootcert={}", pg.ca.display()),
    );
    let out = ok(&tls, &["doctor"]);
    assert!(
        out.lines()
            .any(|l| l.starts_with("TLS: TLS") && !l.ends_with("no")),
        "{out}"
    );
    assert!(!out.contains(&db.password), "{out}");
    // Someone granted no role is told so by every command, doctor included.
    let stranger = db.new_login("stranger");
    let r = db.run_as(&stranger, &["doctor"]);
    assert_failed(&r, 1, &["doctor"]);
    assert!(r.stderr.contains("team grant"), "{}", r.stderr);
}

#[test]
fn a_backup_of_a_team_ledger_reads_back_the_same() {
    let Some(pg) = server("a_backup_of_a_team_ledger_reads_back_the_same") else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let file = varied_ledger(dir.path());
    let db = pg.fresh_database();
    let team = team_with(&db, &file);
    // Written in the team ledger itself too: by a member, and by the owner.
    let member = db.new_login("member");
    ok(&team, &["team", "grant", &member, "member"]);
    let r = db.run_as(&member, &["log-touch", "1", "Na de import"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    ok(&team, &["log-gift", "2", "Taart", "--cost", "12.50"]);
    let backup = dir.path().join("team.db").display().to_string();
    let out = ok(&team, &["backup", &backup]);
    assert!(out.contains("team.db"), "{out}");
    let n = assert_same(&team, &backup);
    eprintln!("{n} reading commands gave the same output on the team ledger and its backup");
    let timeline = ok(&backup, &["timeline", "1", "--limit", "1", "--json"]);
    assert!(
        timeline.contains(&format!("\"recorded_by\": \"{member}\"")),
        "{timeline}"
    );
    // The backup is an ordinary ledger: doctor finds it sound, and it can be written.
    ok(&backup, &["doctor"]);
    ok(&backup, &["log-touch", "1", "In de kopie"]);
    // A second backup to the same file is refused, and the file stays as it was.
    let before = std::fs::read(&backup).unwrap();
    let r = at(&team, &["backup", &backup]);
    assert_failed(&r, 1, &["backup"]);
    assert_eq!(std::fs::read(&backup).unwrap(), before);
}
