//! A team ledger from the command line (issue #17): who may do what (also in psql), who
//! recorded what, undo among several writers, many writers at once, and `client forget`.
//!
//! Slow: `eight_writers_and_readers_at_once_lose_nothing` runs 1600 writing commands and
//! hundreds of reads as separate processes: in a debug build on 2 cores that others were
//! using too (load 8 to 10), 58 s when run alone and 95 s beside the other tests; the rest of
//! this file takes about 10 s.

use std::time::{Duration, Instant};

use crate::pg_support::{PgDb, server};
use crate::support::{Run, assert_failed};

/// A fresh team ledger with a few clients and entries, made by the database's owner.
fn team(db: &PgDb) {
    let owner = db.login.clone();
    db.ok_as(&owner, &["team", "init"]);
    for name in ["Acme", "Bakker", "Café"] {
        db.ok_as(&owner, &["client", "add", name]);
    }
    db.ok_as(&owner, &["log-gift", "Acme", "Bloemen", "--cost", "20"]);
    db.ok_as(&owner, &["log-touch", "Bakker", "Koffie"]);
    db.ok_as(&owner, &["config", "set", "weight.trust", "2"]);
}

/// A fresh team ledger as `team` makes it, or `None` after printing why `test` skips.
fn team_ledger(test: &str) -> Option<PgDb> {
    let db = server(test)?.fresh_database();
    team(&db);
    Some(db)
}

/// The whole ledger as its owner exports it, to compare before and after.
fn export(db: &PgDb) -> String {
    db.ok_as(&db.login, &["export"])
}

/// A login with `role` in the ledger.
fn person(db: &PgDb, name: &str, role: &str) -> String {
    let login = db.new_login(name);
    db.ok_as(&db.login, &["team", "grant", &login, role]);
    login
}

/// Fails unless `r` is a refusal: exit 1, one line naming the role needed, no backtrace.
fn refused(r: &Run, args: &[&str], role: &str) {
    assert_failed(r, 1, args);
    assert!(
        r.stderr.contains(&format!("needs the {role} role")),
        "{args:?} should name the {role} role: {}",
        r.stderr
    );
    assert!(r.stderr.contains("nothing was changed"), "{}", r.stderr);
}

/// The id of the entry a `--json` recording command made.
fn id(out: &str) -> String {
    let v: serde_json::Value = serde_json::from_str(out).expect("json");
    v["id"].as_i64().expect("id").to_string()
}

#[test]
fn readers_and_members_are_refused_what_their_role_does_not_allow() {
    let Some(db) = team_ledger("readers_and_members_are_refused_what_their_role_does_not_allow")
    else {
        return;
    };
    let reader = person(&db, "rita", "reader");
    let member = person(&db, "bob", "member");
    let dir = tempfile::tempdir().unwrap();
    // A ledger file with a client the team ledger does not have, to import.
    let lite = dir.path().join("new.db").display().to_string();
    let file = dir.path().join("new.json").display().to_string();
    for args in [&["client", "add", "Nieuw"][..], &["export", "-o", &file]] {
        let r: Run = crate::support::relaties()
            .args(["--db", &lite])
            .args(args)
            .output()
            .unwrap()
            .into();
        assert_eq!(r.code, 0, "{}", r.stderr);
    }
    let before = export(&db);
    let member_may_not: &[&[&str]] = &[
        &["config", "set", "weight.trust", "3"],
        &["config", "unset", "weight.trust"],
        &["client", "forget", "Acme", "--yes"],
        &["client", "forget", "Acme", "--anonymize", "--yes"],
    ];
    let reader_may_not: &[(&[&str], &str)] = &[
        (&["log-gift", "Acme", "Wijn"], "member"),
        (&["log-touch", "Acme", "Bel"], "member"),
        (
            &["promise", "Acme", "Offerte", "--due", "2030-01-01"],
            "member",
        ),
        (&["client", "add", "Nieuw"], "member"),
        (&["client", "edit", "Acme", "--note", "x"], "member"),
        (&["client", "archive", "Acme"], "member"),
        (&["contact", "add", "Acme", "Piet"], "member"),
        (&["void", "1"], "member"),
        (&["edit", "1", "--note", "x"], "member"),
        (&["undo"], "member"),
        (&["import", &file], "member"),
        (&["config", "set", "weight.trust", "3"], "owner"),
        (&["client", "forget", "Acme", "--yes"], "owner"),
    ];
    for (args, role) in reader_may_not {
        refused(&db.run_as(&reader, args), args, role);
    }
    for args in member_may_not {
        refused(&db.run_as(&member, args), args, "owner");
    }
    for (login, args) in [
        (&reader, ["team", "grant", reader.as_str(), "owner"]),
        (&member, ["team", "grant", member.as_str(), "owner"]),
        (&member, ["team", "revoke", reader.as_str(), ""]),
    ] {
        let args: Vec<&str> = args.into_iter().filter(|a| !a.is_empty()).collect();
        let r = db.run_as(login, &args);
        refused(&r, &args, "owner");
    }
    assert_eq!(export(&db), before, "a refused command changed the ledger");
    // What they may do, they can.
    for args in [
        &["timeline", "--json"][..],
        &["report", "--json"],
        &["score", "--json"],
        &["export"],
        &["team", "list"],
        &["doctor"],
    ] {
        db.ok_as(&reader, args);
    }
    let gift = id(&db.ok_as(&member, &["log-gift", "Acme", "Wijn", "--json"]));
    db.ok_as(&member, &["void", &gift, "--reason", "dubbel"]);
    db.ok_as(&member, &["client", "add", "Van Member"]);
    db.ok_as(&member, &["import", &file]);
    db.ok_as(&db.login, &["config", "set", "weight.trust", "3"]);
    assert_ne!(export(&db), before);
}

#[test]
fn in_psql_the_same_logins_can_do_no_more() {
    let test = "in_psql_the_same_logins_can_do_no_more";
    let Some(db) = team_ledger(test) else {
        return;
    };
    let reader = person(&db, "rita", "reader");
    let member = person(&db, "bob", "member");
    let owner = db.login.clone();
    // One entry of the member's own, to show what a member may delete.
    let own = id(&db.ok_as(&member, &["log-touch", "Café", "Bel", "--json"]));
    let before = export(&db);
    let insert = "INSERT INTO entries (client_id, id, facts, kind, date, created_at) \
                  VALUES (1, 999, '\\x00', 'touch', '2026-01-01', 'now')";
    let denied = |login: &str, sql: &str| {
        let Some(r) = db.psql(test, login, sql) else {
            return false;
        };
        assert_ne!(r.code, 0, "{login} may not: {sql}: {}", r.stdout);
        assert!(
            r.stderr.contains("permission denied"),
            "{login}: {sql}: {}",
            r.stderr
        );
        true
    };
    if !denied(&reader, insert) {
        return;
    }
    denied(&reader, "UPDATE clients SET note = 'x'");
    denied(&reader, "DELETE FROM entries");
    denied(&member, "TRUNCATE entries");
    denied(&member, "TRUNCATE clients CASCADE");
    denied(
        &member,
        "INSERT INTO settings (key, value) VALUES ('weight.trust', '9')",
    );
    denied(&member, "UPDATE settings SET value = '9'");
    denied(&member, "DELETE FROM settings");
    denied(&member, "DELETE FROM clients WHERE name = 'Acme'");
    // Row-level security: a member's DELETE does not see rows another login wrote.
    let rows = |login: &str, sql: &str| -> String {
        let r = db.psql(test, login, sql).expect("psql");
        assert_eq!(r.code, 0, "{login}: {sql}: {}", r.stderr);
        r.stdout.trim().to_string()
    };
    assert_eq!(
        rows(
            &member,
            &format!("DELETE FROM entries WHERE id <> {own} RETURNING id")
        ),
        "",
        "a member deleted others' entries"
    );
    assert_eq!(rows(&member, "DELETE FROM contacts RETURNING id"), "");
    assert_eq!(
        rows(
            &member,
            "DELETE FROM journal WHERE recorded_by <> session_user RETURNING id"
        ),
        ""
    );
    // Nor after making another's row "theirs" with an update (a member may edit any row).
    assert_eq!(
        rows(
            &member,
            "BEGIN; UPDATE entries SET note = note WHERE id = 1; \
             DELETE FROM entries WHERE id = 1 RETURNING id; ROLLBACK"
        ),
        "",
        "an update let a member delete another's entry"
    );
    assert_eq!(
        rows(
            &member,
            "BEGIN; UPDATE journal SET summary = summary; \
             DELETE FROM journal WHERE recorded_by = session_user RETURNING recorded_by; ROLLBACK"
        )
        .lines()
        .count(),
        1,
        "a member deleted another's undo history"
    );
    // Nor can a member pass a row off as someone else's.
    assert_eq!(
        rows(
            &member,
            &format!(
                "UPDATE entries SET recorded_by = '{owner}' WHERE id = {own} RETURNING recorded_by"
            )
        ),
        member
    );
    assert_eq!(
        export(&db),
        before,
        "psql under a reader's or member's login changed the ledger"
    );
    // A member may delete a row of its own (what undo does).
    assert_eq!(
        rows(
            &member,
            &format!("BEGIN; DELETE FROM entries WHERE id = {own} RETURNING id; ROLLBACK")
        ),
        own
    );
    // The owner can do what the others cannot (rolled back, to leave the ledger as it was).
    let n = rows(
        &owner,
        "BEGIN; INSERT INTO settings (key, value) VALUES ('band.ok', '40'); \
         WITH d AS (DELETE FROM entries WHERE recorded_by <> session_user RETURNING 1) \
         SELECT count(*) FROM d; \
         TRUNCATE entry_contacts, entries, contacts, clients; ROLLBACK",
    );
    assert_eq!(
        n.lines().last(),
        Some("1"),
        "the owner deleted the member's entry: {n}"
    );
    assert_eq!(export(&db), before);
}

#[test]
fn team_grant_revoke_and_list() {
    let Some(db) = team_ledger("team_grant_revoke_and_list") else {
        return;
    };
    let owner = db.login.clone();
    let list = |login: &str| -> Vec<(String, String)> {
        let v: serde_json::Value =
            serde_json::from_str(&db.ok_as(login, &["team", "list", "--json"])).unwrap();
        v.as_array()
            .unwrap()
            .iter()
            .map(|m| {
                (
                    m["login"].as_str().unwrap().to_string(),
                    m["role"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let sorted = |mut v: Vec<(String, String)>| {
        v.sort();
        v
    };
    assert_eq!(list(&owner), [(owner.clone(), "owner".to_string())]);
    // A second init is refused and changes nothing.
    let before = export(&db);
    let r = db.run_as(&owner, &["team", "init"]);
    assert_failed(&r, 1, &["team", "init"]);
    assert!(
        r.stderr.contains("already holds a relaties ledger"),
        "{}",
        r.stderr
    );
    assert_eq!(export(&db), before);
    let ann = db.new_login("ann");
    let out = db.ok_as(&owner, &["team", "grant", &ann, "reader"]);
    assert_eq!(out.trim(), format!("{ann} is now reader of this ledger"));
    let r = db.run_as(&ann, &["log-touch", "Acme", "Bel"]);
    refused(&r, &["log-touch"], "member");
    // A new grant replaces the old role: up and down.
    db.ok_as(&owner, &["team", "grant", &ann, "member"]);
    db.ok_as(&ann, &["log-touch", "Acme", "Bel"]);
    db.ok_as(&owner, &["team", "grant", &ann, "owner"]);
    assert_eq!(
        list(&ann),
        sorted(vec![
            (ann.clone(), "owner".to_string()),
            (owner.clone(), "owner".to_string())
        ])
    );
    // The second owner may grant and revoke too, even the first owner.
    db.ok_as(&ann, &["team", "grant", &owner, "member"]);
    assert_eq!(
        list(&ann),
        sorted(vec![
            (ann.clone(), "owner".to_string()),
            (owner.clone(), "member".to_string())
        ])
    );
    let r = db.run_as(&owner, &["team", "grant", &owner, "owner"]);
    refused(&r, &["team", "grant"], "owner");
    db.ok_as(&ann, &["team", "grant", &owner, "owner"]);
    // A setting another owner changes is recorded as theirs.
    db.ok_as(&ann, &["config", "set", "band.ok", "45"]);
    let Some(r) = db.psql(
        "team_grant_revoke_and_list",
        &owner,
        "SELECT recorded_by FROM settings WHERE key = 'band.ok'",
    ) else {
        return;
    };
    assert_eq!(r.stdout.trim(), ann, "{}", r.stderr);
    db.ok_as(&owner, &["config", "set", "band.ok", "40"]);
    let r = db
        .psql(
            "team_grant_revoke_and_list",
            &owner,
            "SELECT recorded_by FROM settings WHERE key = 'band.ok'",
        )
        .unwrap();
    assert_eq!(r.stdout.trim(), owner, "{}", r.stderr);
    // Revoking: the last owner stays, unknown logins and logins without a role are refused.
    let out = db.ok_as(&owner, &["team", "revoke", &ann]);
    assert_eq!(
        out.trim(),
        format!("{ann} no longer has a role in this ledger")
    );
    let r = db.run_as(&ann, &["timeline"]);
    assert_failed(&r, 1, &["timeline"]);
    assert!(r.stderr.contains("team grant LOGIN reader"), "{}", r.stderr);
    let before = list(&owner);
    let r = db.run_as(&owner, &["team", "revoke", &owner]);
    assert_failed(&r, 1, &["team", "revoke"]);
    assert!(r.stderr.contains("last owner"), "{}", r.stderr);
    let r = db.run_as(&owner, &["team", "revoke", &ann]);
    assert_failed(&r, 1, &["team", "revoke"]);
    assert!(r.stderr.contains("holds no role"), "{}", r.stderr);
    for args in [
        ["team", "grant", "no_such_login_here", "member"],
        ["team", "grant", "x\"; DROP ROLE y; --", "member"],
    ] {
        let r = db.run_as(&owner, &args);
        assert_failed(&r, 1, &args);
        assert!(r.stderr.contains("no login named"), "{}", r.stderr);
    }
    let r = db.run_as(&owner, &["team", "grant", &ann, "admin"]);
    assert_failed(&r, 2, &["team", "grant", "admin"]);
    assert_eq!(list(&owner), before);
    // On a ledger file there is no team.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("l.db").display().to_string();
    let r: Run = crate::support::relaties()
        .args(["--db", &file, "team", "list"])
        .output()
        .unwrap()
        .into();
    assert_failed(&r, 1, &["team", "list"]);
    assert!(r.stderr.contains("PostgreSQL"), "{}", r.stderr);
}

#[test]
fn entries_say_who_recorded_them_and_undo_is_per_login() {
    let Some(db) = team_ledger("entries_say_who_recorded_them_and_undo_is_per_login") else {
        return;
    };
    let bob = person(&db, "bob", "member");
    let eve = person(&db, "eve", "member");
    let b1 = id(&db.ok_as(&bob, &["log-gift", "Café", "Taart", "--json"]));
    let e1 = id(&db.ok_as(&eve, &["log-touch", "Café", "Lunch", "--json"]));
    let timeline: serde_json::Value =
        serde_json::from_str(&db.ok_as(&bob, &["timeline", "Café", "--json"])).unwrap();
    let by: Vec<(String, String)> = timeline
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["id"].to_string(),
                e["recorded_by"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(by, [(e1.clone(), eve.clone()), (b1.clone(), bob.clone())]);
    let table = db.ok_as(&eve, &["timeline", "Café"]);
    assert!(
        table
            .lines()
            .any(|l| l.starts_with(&format!("#{b1}")) && l.ends_with(&bob)),
        "{table}"
    );
    // Bob's undo takes back Bob's gift, not Eve's later touch.
    let out = db.ok_as(&bob, &["undo"]);
    assert!(out.contains("Taart"), "{out}");
    let left = db.ok_as(&bob, &["timeline", "Café", "--json"]);
    assert!(left.contains("Lunch") && !left.contains("Taart"), "{left}");
    // Eve changes an entry Bob recorded; Bob's undo of it is refused, naming Eve and when.
    let b2 = id(&db.ok_as(&bob, &["log-gift", "Acme", "Wijn", "--json"]));
    db.ok_as(&eve, &["edit", &b2, "--note", "fles rood"]);
    // Eve cannot put Bob's name on her edit in psql: only a row written back exactly as her
    // own change found it (her undo) keeps its writer.
    if let Some(r) = db.psql(
        "entries_say_who_recorded_them_and_undo_is_per_login",
        &eve,
        &format!("UPDATE entries SET recorded_by = '{bob}' WHERE id = {b2} RETURNING recorded_by"),
    ) {
        assert_eq!((r.code, r.stdout.trim()), (0, eve.as_str()), "{}", r.stderr);
    }
    let before = export(&db);
    let r = db.run_as(&bob, &["undo"]);
    assert_failed(&r, 1, &["undo"]);
    assert!(r.stderr.contains(&eve), "names who: {}", r.stderr);
    let days = [
        chrono::Utc::now().date_naive(),
        chrono::Local::now().date_naive(),
    ];
    assert!(
        days.iter().any(|d| r.stderr.contains(&format!("{d}T"))),
        "names when: {}",
        r.stderr
    );
    assert!(r.stderr.contains("nothing was changed"), "{}", r.stderr);
    assert_eq!(export(&db), before);
    // Once Eve has undone her edit, Bob's undo goes through (the entry is still one Bob made,
    // though Eve changed it last).
    let out = db.ok_as(&eve, &["undo"]);
    assert!(out.contains(&format!("#{b2}")), "{out}");
    let shown = db.ok_as(&bob, &["timeline", "Acme", "--limit", "1", "--json"]);
    assert!(
        !shown.contains("fles rood"),
        "Eve's edit is undone: {shown}"
    );
    // … and the entry says again that Bob recorded it, as before Eve's edit.
    assert!(
        shown.contains(&format!("\"recorded_by\": \"{bob}\"")),
        "{shown}"
    );
    let out = db.ok_as(&bob, &["undo"]);
    assert!(out.contains("Wijn"), "{out}");
    let left = db.ok_as(&bob, &["timeline", "Acme", "--json"]);
    assert!(!left.contains("Wijn"), "{left}");
    let r = db.run_as(&bob, &["undo"]);
    assert_failed(&r, 1, &["undo"]);
    // The client changes say who made them too.
    db.ok_as(&eve, &["client", "edit", "Bakker", "--note", "ma-vr"]);
    let show = db.ok_as(&bob, &["client", "show", "Bakker", "--json"]);
    assert!(
        show.contains(&format!("\"recorded_by\": \"{eve}\"")),
        "{show}"
    );
}

/// How many writing processes, how many commands each, and how many logins share them.
const WRITERS: usize = 8;
const COMMANDS: usize = 200;
const LOGINS: usize = 4;

#[test]
fn eight_writers_and_readers_at_once_lose_nothing() {
    let Some(db) = team_ledger("eight_writers_and_readers_at_once_lose_nothing") else {
        return;
    };
    let logins: Vec<String> = (0..LOGINS)
        .map(|i| person(&db, &format!("w{i}"), "member"))
        .collect();
    let start_entries = serde_json::from_str::<serde_json::Value>(&export(&db)).unwrap()["entries"]
        .as_array()
        .unwrap()
        .len();
    let clock = Instant::now();
    let done = std::sync::atomic::AtomicBool::new(false);
    let (failures, reads) = std::thread::scope(|s| {
        let writers: Vec<_> = (0..WRITERS)
            .map(|w| {
                let (db, login) = (&db, &logins[w % LOGINS]);
                s.spawn(move || {
                    let mut failures = Vec::new();
                    let mut open: Option<String> = None;
                    for i in 0..COMMANDS {
                        let what = format!("w{w}-{i}");
                        let client = ["Acme", "Bakker", "Café"][i % 3];
                        let promise = open.clone().unwrap_or_default();
                        let (verb, args): (&str, Vec<&str>) = match i % 10 {
                            0 => ("promise", vec![client, &what, "--due", "2030-01-01"]),
                            5 => ("deliver", vec![&promise]),
                            n if n % 2 == 0 => ("log-gift", vec![client, &what]),
                            _ => ("log-touch", vec![client, &what]),
                        };
                        let mut all = vec![verb];
                        all.extend(args);
                        all.push("--json");
                        let r = db.run_as(login, &all);
                        if r.code != 0 {
                            failures.push(format!("{login} {all:?}: {}", r.stderr));
                            continue;
                        }
                        match verb {
                            "promise" => open = Some(id(&r.stdout)),
                            "deliver" => open = None,
                            _ => {}
                        }
                    }
                    failures
                })
            })
            .collect();
        let readers: Vec<_> = (0..2)
            .map(|k| {
                let (db, login, done) = (&db, &logins[k], &done);
                s.spawn(move || {
                    let mut n = 0;
                    let mut failures = Vec::new();
                    while !done.load(std::sync::atomic::Ordering::Relaxed) {
                        let args: &[&str] = if n % 2 == 0 {
                            &["report", "--json"]
                        } else {
                            &["timeline", "--limit", "50", "--json"]
                        };
                        let r = db.run_as(login, args);
                        if r.code != 0
                            || serde_json::from_str::<serde_json::Value>(&r.stdout).is_err()
                        {
                            failures.push(format!("reader {args:?}: {}", r.stderr));
                        }
                        n += 1;
                        // Readers run alongside, not in the writers' way on a small machine.
                        std::thread::sleep(std::time::Duration::from_millis(100));
                    }
                    (failures, n)
                })
            })
            .collect();
        let mut failures: Vec<String> = Vec::new();
        for w in writers {
            failures.extend(w.join().unwrap());
        }
        done.store(true, std::sync::atomic::Ordering::Relaxed);
        let mut reads = 0;
        for r in readers {
            let (f, n) = r.join().unwrap();
            failures.extend(f);
            reads += n;
        }
        (failures, reads)
    });
    let took = clock.elapsed();
    assert!(
        failures.is_empty(),
        "{} failures, first: {}",
        failures.len(),
        failures[0]
    );
    // Exactly the expected entries: each writer's promises, gifts and touches, once each;
    // every delivery delivered its own writer's promise.
    let doc: serde_json::Value = serde_json::from_str(&export(&db)).unwrap();
    let entries = doc["entries"].as_array().unwrap();
    let per_writer = COMMANDS - COMMANDS / 10;
    assert_eq!(entries.len(), start_entries + WRITERS * per_writer);
    let mut seen = std::collections::HashSet::new();
    let mut by_login = std::collections::HashMap::new();
    let mut delivered = 0;
    for e in entries {
        let Some(d) = e["description"].as_str().filter(|d| d.starts_with('w')) else {
            continue;
        };
        assert!(seen.insert(d.to_string()), "{d} recorded twice");
        let w: usize = d[1..d.find('-').unwrap()].parse().unwrap();
        assert_eq!(
            e["recorded_by"].as_str(),
            Some(logins[w % LOGINS].as_str()),
            "{e}"
        );
        *by_login.entry(w % LOGINS).or_insert(0) += 1;
        if e["kind"] == "commitment" && !e["delivered"].is_null() {
            delivered += 1;
        }
    }
    assert_eq!(seen.len(), WRITERS * per_writer);
    assert!(
        by_login
            .values()
            .all(|n| *n == WRITERS / LOGINS * per_writer),
        "{by_login:?}"
    );
    assert_eq!(delivered, WRITERS * COMMANDS / 10);
    let ids: std::collections::HashSet<_> = entries.iter().map(|e| e["id"].as_i64()).collect();
    assert_eq!(ids.len(), entries.len(), "every entry has its own id");
    eprintln!(
        "{WRITERS} writers x {COMMANDS} commands as {LOGINS} logins: {} entries, {delivered} \
         deliveries, 0 failures, {reads} reads alongside, in {:.1} s",
        WRITERS * per_writer,
        took.as_secs_f64()
    );
}

#[test]
fn client_forget_erases_the_rows_and_their_undo_images() {
    let test = "client_forget_erases_the_rows_and_their_undo_images";
    let Some(db) = team_ledger(test) else {
        return;
    };
    let owner = db.login.clone();
    let bob = person(&db, "bob", "member");
    // The secret name in every place a row or an undo image can hold it.
    db.ok_as(
        &bob,
        &[
            "client",
            "add",
            "Geheimzinnig BV",
            "--note",
            "Geheimzinnig adres",
        ],
    );
    db.ok_as(
        &bob,
        &["contact", "add", "Geheimzinnig BV", "Geheimzinnig Persoon"],
    );
    let g = id(&db.ok_as(
        &bob,
        &[
            "log-gift",
            "Geheimzinnig BV",
            "Geheimzinnig cadeau",
            "--json",
        ],
    ));
    db.ok_as(&bob, &["edit", &g, "--note", "Geheimzinnig briefje"]);
    db.ok_as(
        &bob,
        &[
            "client",
            "edit",
            "Geheimzinnig BV",
            "--contact",
            "Geheimzinnig",
        ],
    );
    db.ok_as(&bob, &["log-touch", "Acme", "Over Geheimzinnig gepraat"]);
    let holding = "SELECT (SELECT count(*) FROM clients WHERE clients::text LIKE '%Geheimzinnig%') \
                   + (SELECT count(*) FROM entries WHERE client_id <> 1 AND entries::text LIKE '%Geheimzinnig%') \
                   + (SELECT count(*) FROM contacts WHERE contacts::text LIKE '%Geheimzinnig%') \
                   + (SELECT count(*) FROM journal_rows WHERE before::text LIKE '%Geheimzinnig%') \
                   + (SELECT count(*) FROM journal WHERE summary LIKE '%Geheimzinnig%')";
    let Some(r) = db.psql(test, &owner, holding) else {
        return;
    };
    assert_ne!(
        r.stdout.trim(),
        "0",
        "the name is stored before: {}",
        r.stderr
    );
    // A member may not; the owner may, and is told what the server still keeps.
    let r = db.run_as(&bob, &["client", "forget", "Geheimzinnig BV", "--yes"]);
    refused(&r, &["client", "forget"], "owner");
    let out = db.ok_as(&owner, &["client", "forget", "Geheimzinnig BV", "--yes"]);
    assert!(out.contains("erased with all its entries"), "{out}");
    assert!(
        out.contains("VACUUM FULL") && out.contains("WAL archives"),
        "{out}"
    );
    let r = db.psql(test, &owner, holding).unwrap();
    assert_eq!(
        r.stdout.trim(),
        "0",
        "the name is still stored: {}",
        r.stderr
    );
    // Entries of other clients stay (the touch at Acme mentions it in its own words).
    let acme = db.ok_as(&owner, &["timeline", "Acme", "--json"]);
    assert!(acme.contains("Over Geheimzinnig gepraat"), "{acme}");
    // Nothing before the forget can be undone, by anyone.
    for who in [&bob, &owner] {
        let r = db.run_as(who, &["undo"]);
        assert_failed(&r, 1, &["undo"]);
        assert!(
            r.stderr.contains("forget") || r.stderr.contains("erased"),
            "{}",
            r.stderr
        );
    }
    let r = db.run_as(&owner, &["client", "show", "Geheimzinnig BV"]);
    assert_failed(&r, 1, &["client", "show"]);
    // Anonymizing keeps the entries without their words.
    db.ok_as(&owner, &["client", "add", "Anoniem Later"]);
    db.ok_as(
        &bob,
        &[
            "log-gift",
            "Anoniem Later",
            "Geheimzinnig pakket",
            "--cost",
            "40",
        ],
    );
    let out = db.ok_as(
        &owner,
        &["client", "forget", "Anoniem Later", "--anonymize", "--yes"],
    );
    assert!(
        out.contains("anonymized") && out.contains("VACUUM FULL"),
        "{out}"
    );
    let r = db.psql(test, &owner, holding).unwrap();
    assert_eq!(
        r.stdout.trim(),
        "0",
        "the name is still stored: {}",
        r.stderr
    );
    let doc: serde_json::Value = serde_json::from_str(&export(&db)).unwrap();
    let kept = doc["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["cost"]["cents"] == 4000)
        .count();
    assert_eq!(kept, 1, "the anonymized gift's amount stays");
}

/// A writer waits its turn behind another's write as long as RELATIES_WAIT says, then gives up
/// with the same error as on SQLite and changes nothing; once the other write is done, it goes
/// through.
#[test]
fn a_writer_waits_for_the_lock_then_gives_up() {
    let Some(db) = team_ledger("a_writer_waits_for_the_lock_then_gives_up") else {
        return;
    };
    let before = export(&db);
    let target = crate::pg_support::target(&db.url(), &[]).expect("url");
    let mut other = relaties::store::postgres::connect::connect(&target).expect("connect");
    // Another writer holds the ledger's lock, as every writing command takes it.
    other
        .batch_execute(
            "BEGIN; SELECT next FROM relaties.sequences WHERE name = 'changes' FOR UPDATE",
        )
        .expect("lock");
    let args = ["log-touch", "Acme", "Koffie"];
    let started = Instant::now();
    let r: Run = crate::support::relaties()
        .arg("--db")
        .arg(db.url())
        .args(args)
        .env("RELATIES_WAIT", "1")
        .env("RUST_BACKTRACE", "1")
        .output()
        .expect("runs")
        .into();
    let waited = started.elapsed();
    assert_failed(&r, 1, &args);
    assert!(
        r.stderr.contains("kept the ledger locked for 1 s"),
        "{}",
        r.stderr
    );
    assert!(waited.as_millis() >= 1000, "gave up after {waited:?}");
    other.batch_execute("COMMIT").expect("unlock");
    assert_eq!(export(&db), before, "nothing changed");
    db.ok_as(&db.login, &args);
    assert_ne!(export(&db), before);
}

/// A write the server gives up (here a deadlock, 40P01) runs again from the start, and goes
/// through once the other transaction is out of the way: one entry, exit 0, nothing said.
#[test]
fn a_write_the_server_gives_up_runs_again() {
    let Some(db) = team_ledger("a_write_the_server_gives_up_runs_again") else {
        return;
    };
    let entries = |db: &crate::pg_support::PgDb| {
        db.superuser()
            .query_one("SELECT count(*) FROM relaties.entries", &[])
            .expect("count")
            .get::<_, i64>(0)
    };
    let before = entries(&db);
    // The other transaction holds Acme's row, which the new entry's foreign key must share,
    // and (after the command has taken the writers' lock and is waiting for that row) asks
    // for the writers' lock too: a deadlock. Its own deadlock check waits 5 s, the server's
    // default 1 s for the command, so the server gives up the command's transaction.
    let mut other = db.superuser();
    other
        .batch_execute(
            "SET deadlock_timeout = '5s'; BEGIN; \
             SELECT id FROM relaties.clients WHERE name = 'Acme' FOR UPDATE",
        )
        .expect("hold Acme");
    let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("relaties"))
        .env("RELATIES_USER", crate::support::USER)
        .arg("--db")
        .arg(db.url())
        .args(["log-touch", "Acme", "Koffie"])
        .env("RUST_BACKTRACE", "1")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("starts");
    // Wait until the command waits for Acme's row.
    let mut waiting = false;
    for _ in 0..200 {
        let n: i64 = db
            .superuser()
            .query_one(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() \
                 AND wait_event_type = 'Lock'",
                &[],
            )
            .expect("activity")
            .get(0);
        if n > 0 {
            waiting = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(waiting, "the command never waited for Acme's row");
    // Now ask for the writers' lock: the command's transaction is the one given up, and this
    // one gets the lock; it lets go a moment later.
    other
        .batch_execute("SELECT next FROM relaties.sequences WHERE name = 'changes' FOR UPDATE")
        .expect("the other transaction goes on");
    std::thread::sleep(Duration::from_millis(200));
    other.batch_execute("COMMIT").expect("commit");
    let out = child.wait_with_output().expect("waits");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "stderr: {stderr}");
    assert_eq!(stderr, "", "a retried write says nothing");
    assert!(
        String::from_utf8_lossy(&out.stdout).starts_with("recorded touch"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(entries(&db), before + 1, "exactly one entry");
}

/// A member's `client forget` is refused in Dutch too, naming the role it needs, and changes
/// nothing.
#[test]
fn a_members_forget_is_refused_in_dutch() {
    let Some(db) = team_ledger("a_members_forget_is_refused_in_dutch") else {
        return;
    };
    let bob = person(&db, "bob", "member");
    let before = export(&db);
    let args = ["--lang", "nl", "client", "forget", "Acme", "--yes"];
    let r = db.run_as(&bob, &args);
    assert_failed(&r, 1, &args);
    assert_eq!(
        r.stderr,
        "error: hiervoor is de rol owner in het gedeelde grootboek nodig, en die heeft deze \
         login niet; er is niets veranderd\n"
    );
    assert_eq!(export(&db), before);
}
