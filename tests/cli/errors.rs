//! Exit codes and error messages; a failed command changes nothing.

use crate::support::Ledger;

/// ACME with gift #1, commitment #2 (agreed 03-01, due 03-10), incident #3 (03-01).
fn seeded() -> Ledger {
    let l = Ledger::new();
    l.client("ACME");
    l.ok(&["log-gift", "ACME", "Wine", "--date", "2026-03-01"]);
    l.ok(&[
        "promise",
        "ACME",
        "Proposal",
        "--due",
        "2026-03-10",
        "--date",
        "2026-03-01",
    ]);
    l.ok(&["log-incident", "ACME", "Outage", "--date", "2026-03-01"]);
    l
}

#[test]
fn command_line_errors_are_exit_2() {
    let l = seeded();
    for args in [
        &["frobnicate"][..],
        &["timeline", "--bogus"],
        &["promise", "ACME", "x"],
        &["log-gift", "ACME"],
        &["log-touch", "ACME", "--energy", "6"],
        &["log-touch", "ACME", "--energy", "0"],
        &["log-touch", "ACME", "--channel", "pigeon"],
        &["deliver", "2", "--quality", "9"],
        &["timeline", "--color", "sometimes"],
        &["log-incident", "ACME", "x", "--severity", "apocalyptic"],
    ] {
        l.fails_unchanged(args, 2);
    }
}

#[test]
fn bad_amounts_are_exit_2_and_write_nothing() {
    let l = seeded();
    for cost in ["abc", "--cost=-5", "20000000", "12.3.4,5,6"] {
        let flag = if cost.starts_with("--") {
            cost.to_string()
        } else {
            format!("--cost={cost}")
        };
        l.fails_unchanged(
            &["log-gift", "ACME", "Book", &flag, "--date", "2026-03-02"],
            2,
        );
    }
}

#[test]
fn invalid_currency_is_exit_2() {
    let l = seeded();
    let err = l.fails_unchanged(
        &[
            "log-gift",
            "ACME",
            "Book",
            "--cost",
            "5",
            "--currency",
            "EURO",
            "--date",
            "2026-03-02",
        ],
        2,
    );
    assert!(err.contains("EURO"), "{err}");
    l.fails_unchanged(
        &[
            "log-gift",
            "ACME",
            "Book",
            "--cost",
            "5",
            "--currency",
            "E1R",
        ],
        2,
    );
}

#[test]
fn bad_dates_are_exit_2_and_name_the_value() {
    let l = seeded();
    let err = l.fails_unchanged(&["log-touch", "ACME", "--date", "2026-13-01"], 2);
    assert!(err.contains("2026-13-01"), "{err}");
    l.fails_unchanged(&["deliver", "2", "--date", "soon"], 2);
    l.fails_unchanged(&["timeline", "--since", "2026-02-30"], 2);
}

#[test]
fn bad_id_syntax_is_exit_2() {
    let l = seeded();
    for args in [
        &["deliver", "abc"][..],
        &["void", "#x"],
        &["edit", "1.5", "--note", "n"],
        &["resolve", "0"],
    ] {
        l.fails_unchanged(args, 2);
    }
}

#[test]
fn empty_texts_are_exit_2() {
    let l = seeded();
    for args in [
        &["log-gift", "ACME", "  "][..],
        &["log-compliment", "ACME", ""],
        &["log-milestone", "ACME", " "],
        &[
            "promise",
            "ACME",
            "",
            "--due",
            "2026-03-10",
            "--date",
            "2026-03-01",
        ],
        &["log-incident", "ACME", "   "],
        &["edit", "1", "--description", " "],
    ] {
        l.fails_unchanged(args, 2);
    }
}

#[test]
fn unknown_entry_ids_are_exit_1() {
    let l = seeded();
    for cmd in ["deliver", "miss", "resolve", "inform", "void"] {
        let err = l.fails_unchanged(&[cmd, "#99"], 1);
        assert!(err.contains("#99"), "{cmd}: {err}");
    }
}

#[test]
fn unknown_client_is_exit_1() {
    let l = seeded();
    let err = l.fails_unchanged(&["log-touch", "Initech", "--date", "2026-03-02"], 1);
    assert!(err.contains("Initech"), "{err}");
}

#[test]
fn wrong_kind_of_entry_is_exit_1() {
    let l = seeded();
    let err = l.fails_unchanged(&["deliver", "1"], 1);
    assert!(err.contains("gift"), "{err}");
    l.fails_unchanged(&["miss", "3"], 1);
    l.fails_unchanged(&["reschedule", "1", "--due", "2026-04-01"], 1);
    l.fails_unchanged(&["resolve", "2"], 1);
    l.fails_unchanged(&["inform", "1"], 1);
}

#[test]
fn commitment_state_rules() {
    let l = seeded();
    l.fails_unchanged(&["deliver", "2", "--date", "2026-02-20"], 1);
    l.fails_unchanged(&["miss", "2", "--date", "2026-02-20"], 1);
    l.ok(&["deliver", "2", "--date", "2026-03-05"]);
    let err = l.fails_unchanged(&["deliver", "2", "--date", "2026-03-06"], 1);
    assert!(err.contains("#2"), "{err}");
    l.fails_unchanged(&["miss", "2", "--date", "2026-03-06"], 1);
    l.fails_unchanged(
        &[
            "reschedule",
            "2",
            "--due",
            "2026-04-01",
            "--date",
            "2026-03-06",
        ],
        1,
    );

    l.ok(&[
        "promise",
        "ACME",
        "Quote",
        "--due",
        "2026-03-10",
        "--date",
        "2026-03-01",
    ]);
    l.ok(&["miss", "4", "--date", "2026-03-11"]);
    l.fails_unchanged(&["deliver", "4", "--date", "2026-03-12"], 1);
    l.fails_unchanged(&["miss", "4", "--date", "2026-03-12"], 1);
}

#[test]
fn incident_state_rules() {
    let l = seeded();
    l.fails_unchanged(&["resolve", "3", "--date", "2026-02-20"], 1);
    l.fails_unchanged(&["inform", "3", "--date", "2026-02-20"], 1);
    l.ok(&["inform", "3", "--date", "2026-03-02"]);
    l.fails_unchanged(&["inform", "3", "--date", "2026-03-03"], 1);
    l.ok(&["resolve", "3", "--date", "2026-03-04"]);
    let err = l.fails_unchanged(&["resolve", "3", "--date", "2026-03-05"], 1);
    assert!(err.contains("#3"), "{err}");
}

#[test]
fn void_twice_is_exit_1() {
    let l = seeded();
    l.ok(&["void", "1"]);
    l.fails_unchanged(&["void", "1"], 1);
}

#[test]
fn client_errors_change_nothing() {
    let l = seeded();
    l.fails_unchanged(&["client", "add", "acme"], 1);
    l.fails_unchanged(&["client", "edit", "Nobody", "--note", "x"], 1);
    l.fails_unchanged(&["client", "archive", "#42"], 1);
    l.fails_unchanged(&["client", "forget", "ACME"], 2);
    l.fails_unchanged(&["client", "forget", "Nobody", "--yes"], 1);
    l.fails_unchanged(&["client", "add", "Globex", "--tag", ""], 2);
}

#[test]
fn a_file_that_is_not_a_ledger_is_exit_1() {
    let l = Ledger::new();
    std::fs::write(
        &l.path,
        b"this is not sqlite, just some text that is long enough to matter\n".repeat(20),
    )
    .unwrap();
    let err = l.fails(&["timeline"], 1);
    assert!(err.contains(&l.path.display().to_string()), "{err}");
    l.fails(&["client", "add", "ACME"], 1);
    assert!(
        std::fs::read(&l.path)
            .unwrap()
            .starts_with(b"this is not sqlite")
    );
}

#[test]
fn a_folder_as_ledger_is_exit_1() {
    let l = Ledger::new();
    std::fs::create_dir(&l.path).unwrap();
    l.fails(&["timeline"], 1);
    l.fails(&["client", "add", "ACME"], 1);
}

#[test]
fn help_and_version_succeed() {
    let l = Ledger::new();
    let h = l.ok(&["--help"]);
    assert!(h.contains("log-gift") && h.contains("Exit codes"), "{h}");
    let v = l.ok(&["--version"]);
    assert!(v.starts_with("relaties "), "{v}");
    assert_eq!(l.dump(), "<no ledger>");
}

#[test]
fn failures_print_nothing_on_stdout_even_with_json() {
    let l = seeded();
    for (args, code) in [
        (&["deliver", "1", "--json"][..], 1),
        (&["log-touch", "Nobody", "--json"], 1),
        (&["log-touch", "ACME", "--date", "2026-02-30", "--json"], 2),
    ] {
        let r = l.run(args);
        crate::support::assert_failed(&r, code, args);
        assert_eq!(r.stdout, "", "{args:?}");
    }
}

#[test]
fn many_failures_in_a_row_leave_the_ledger_as_it_was() {
    let l = seeded();
    let before = l.dump();
    for (args, code) in [
        (&["deliver", "3"][..], 1),
        (&["resolve", "2"], 1),
        (&["edit", "1", "--quality", "3"], 1),
        (&["edit", "1"], 2),
        (&["void", "9"], 1),
        (&["log-gift", "Nobody", "x"], 1),
        (&["client", "add", "ACME"], 1),
        (&["promise", "ACME", "x", "--due", "2026-02-30"], 2),
        (&["log-gift", "ACME", "x", "--cost", "lots"], 2),
    ] {
        l.fails(args, code);
    }
    assert_eq!(before, l.dump());
}

#[test]
fn a_ledger_from_a_newer_version_is_exit_1_and_left_alone() {
    let l = seeded();
    l.set_user_version(99);
    let before = l.dump();
    let err = l.fails(&["timeline"], 1);
    assert!(err.contains("newer"), "{err}");
    l.fails(&["log-touch", "ACME", "--date", "2026-03-02"], 1);
    assert_eq!(before, l.dump());
    assert_eq!(l.query("PRAGMA user_version"), [["99"]]);
}

/// Each rule's own message, not just its exit code: (arguments, exit code, what stderr says).
#[test]
fn each_rule_names_what_is_wrong() {
    let l = seeded();
    std::fs::write(l.dir.path().join("notes.txt"), "x").expect("write");
    std::fs::write(l.dir.path().join("other.json"), r#"{"a": 1}"#).expect("write");
    let txt = l.dir.path().join("notes.txt").display().to_string();
    let json = l.dir.path().join("other.json").display().to_string();
    let long = "N".repeat(201);
    let cases: &[(&[&str], i32, &str)] = &[
        (
            &["deliver", "2", "--date", "2026-02-27"],
            1,
            "is before commitment #2",
        ),
        (
            &[
                "reschedule",
                "2",
                "--due",
                "2026-03-10",
                "--date",
                "2026-03-05",
            ],
            1,
            "already due on 2026-03-10",
        ),
        (
            &["log-gift", "ACME", "Pen", "--currency", "USD"],
            2,
            "--currency needs --cost",
        ),
        (
            &["edit", "1", "--energy", "4"],
            1,
            "--energy does not apply to a gift",
        ),
        (&["deliver", "1"], 1, "entry #1 is a gift, not a commitment"),
        (
            &["resolve", "2"],
            1,
            "entry #2 is a commitment, not an incident",
        ),
        (&["client", "add", &long], 2, "at most 200 characters"),
        (&["import", &txt], 2, "cannot tell the format"),
        (&["import", &json], 1, "not a relaties export"),
        (
            &["export", "--format", "csv", "--json"],
            2,
            "--json goes with --format json",
        ),
        (
            &["config", "set", "band.ok", "90"],
            2,
            "must be above band.ok",
        ),
    ];
    for (args, code, says) in cases {
        let before = l.dump();
        let err = l.fails(args, *code);
        assert!(err.contains(says), "{args:?}: expected {says:?} in {err}");
        assert_eq!(l.dump(), before, "{args:?} changed the ledger");
    }
}
