//! Dutch (#16): what the commands say with `--lang nl` (confirmations, errors, warnings, the
//! import summary, doctor), the same commands' `--json` byte for byte as in English, and the
//! Dutch values and dates accepted in every language.

use std::ffi::OsStr;

use crate::support::{Ledger, Run, assert_failed};

const TODAY: &str = "2026-11-30";

/// Runs with `--lang LANG` on a fixed today, whatever the environment says.
fn run_in(l: &Ledger, lang: &str, args: &[&str]) -> Run {
    let mut all = vec!["--lang", lang];
    all.extend_from_slice(args);
    l.run_env(true, &[("RELATIES_TODAY", OsStr::new(TODAY))], &all)
}

/// Runs in Dutch, expects success, returns stdout.
fn nl(l: &Ledger, args: &[&str]) -> String {
    let r = run_in(l, "nl", args);
    assert_eq!(r.code, 0, "{args:?} failed: {}", r.stderr);
    r.stdout
}

/// Runs in Dutch, expects failure with `code` (one `error:` line, no backtrace), returns
/// stderr; the ledger must not change.
fn nl_fails(l: &Ledger, args: &[&str], code: i32) -> String {
    let before = l.dump();
    let r = run_in(l, "nl", args);
    assert_failed(&r, code, args);
    assert_eq!(before, l.dump(), "{args:?} changed the ledger");
    r.stderr
}

/// A ledger with ACME B.V. (#1).
fn acme() -> Ledger {
    let l = Ledger::new();
    l.client("ACME B.V.");
    l
}

#[test]
fn recording_confirmations_are_dutch() {
    let l = acme();
    let cases: &[(&[&str], &str)] = &[
        (
            &[
                "log-gift",
                "acme",
                "Wijnkist",
                "--occasion",
                "kerst",
                "--cost",
                "45,50",
                "--date",
                "5 nov",
            ],
            "cadeau #1 vastgelegd voor ACME B.V. op 5 november 2026: Wijnkist (feestdag, € 45,50)",
        ),
        (
            &[
                "log-compliment",
                "acme",
                "Mooi werk",
                "--for",
                "de lancering",
            ],
            "compliment #2 vastgelegd voor ACME B.V. op 30 november 2026: Mooi werk (voor de lancering)",
        ),
        (
            &["log-milestone", "acme", "Live"],
            "mijlpaal #3 vastgelegd voor ACME B.V. op 30 november 2026: Live",
        ),
        (
            &[
                "log-touch",
                "acme",
                "--channel",
                "bellen",
                "--energy",
                "4",
                "--proactive",
            ],
            "contact #4 vastgelegd voor ACME B.V. op 30 november 2026: telefoon, energie 4, proactief",
        ),
        (
            &[
                "promise",
                "acme",
                "Plan sturen",
                "--due",
                "5 dec",
                "--date",
                "20-11",
            ],
            "afspraak #5 vastgelegd voor ACME B.V. op 20 november 2026: Plan sturen (open, deadline 5 dec 2026)",
        ),
        (
            &["deliver", "5", "--quality", "4"],
            "afspraak #5 voor ACME B.V. van 20 november 2026 geleverd: Plan sturen (nagekomen, geleverd 30 nov 2026, deadline 5 dec 2026, kwaliteit 4)",
        ),
        (
            &[
                "promise", "acme", "Offerte", "--due", "1 dec", "--date", "20-11",
            ],
            "afspraak #6 vastgelegd voor ACME B.V. op 20 november 2026: Offerte (open, deadline 1 dec 2026)",
        ),
        (
            &["reschedule", "6", "--due", "10 dec"],
            "afspraak #6 voor ACME B.V. van 20 november 2026 verzet: Offerte (open, deadline 10 dec 2026)",
        ),
        (
            &["miss", "6"],
            "afspraak #6 voor ACME B.V. van 20 november 2026 gemist: Offerte (gemist 30 nov 2026, deadline 10 dec 2026)",
        ),
        (
            &[
                "log-incident",
                "acme",
                "Server plat",
                "--cause",
                "eigen",
                "--severity",
                "groot",
                "--date",
                "28/11/2026",
            ],
            "incident #7 vastgelegd voor ACME B.V. op 28 november 2026: Server plat (eigen, groot, klant niet ingelicht, open)",
        ),
        (
            &["inform", "7", "--date", "29-11"],
            "ACME B.V. ingelicht over incident #7 van 28 november 2026: Server plat (eigen, groot, ingelicht 29 nov 2026, open)",
        ),
        (
            &["resolve", "7"],
            "incident #7 voor ACME B.V. van 28 november 2026 opgelost: Server plat (eigen, groot, ingelicht 29 nov 2026, opgelost 30 nov 2026)",
        ),
        (
            &["edit", "3", "--description", "Livegang"],
            "mijlpaal #3 voor ACME B.V. van 30 november 2026 gewijzigd: Livegang",
        ),
        (
            &["void", "2"],
            "compliment #2 voor ACME B.V. van 30 november 2026 ongeldig gemaakt: Mooi werk (voor de lancering, ONGELDIG)",
        ),
    ];
    for (args, want) in cases {
        assert_eq!(nl(&l, args), format!("{want}\n"), "{args:?}");
    }
    // The undo journal keeps the English summary (it is data, shown by --json); the screen
    // words the undone change in Dutch from the entry it touched.
    let undone = nl(&l, &["undo"]);
    assert!(
        undone.starts_with(
            "ongedaan gemaakt: compliment #2 voor ACME B.V. van 30 november 2026 ongeldig gemaakt: Mooi werk (voor de lancering, ONGELDIG) (gedaan op "
        ),
        "{undone}"
    );
}

#[test]
fn english_confirmations_are_unchanged() {
    let l = acme();
    let r = run_in(
        &l,
        "en",
        &[
            "log-gift",
            "acme",
            "Wine box",
            "--occasion",
            "kerst",
            "--cost",
            "45.50",
            "--date",
            "5 nov",
        ],
    );
    assert_eq!(
        r.stdout,
        "recorded gift #1 for ACME B.V. on 2026-11-05: Wine box (holiday, €45.50)\n"
    );
    let r = run_in(&l, "en", &["void", "1"]);
    assert_eq!(
        r.stdout,
        "voided gift #1 for ACME B.V. on 2026-11-05: Wine box (holiday, €45.50, VOID)\n"
    );
}

/// The same commands with --json print the same bytes in both languages.
#[test]
fn json_is_the_same_in_dutch() {
    let script: &[&[&str]] = &[
        &["client", "add", "ACME B.V."],
        &["contact", "add", "acme", "Jan"],
        &[
            "log-gift",
            "acme",
            "Wijnkist",
            "--occasion",
            "sinterklaas",
            "--cost",
            "45,50",
            "--date",
            "5 nov",
        ],
        &["log-touch", "acme", "--channel", "mail"],
        &["promise", "acme", "Plan", "--due", "5 dec"],
        &["deliver", "3"],
        &[
            "log-incident",
            "acme",
            "Storing",
            "--cause",
            "derde",
            "--severity",
            "kritiek",
        ],
        &["inform", "4"],
        &["resolve", "4"],
        &["edit", "1", "--note", "x"],
        &["void", "2"],
        &["undo"],
        &["config", "set", "currency.default", "USD"],
        &["client", "archive", "acme"],
        &["doctor"],
    ];
    let (a, b) = (Ledger::new(), Ledger::new());
    for args in script {
        let mut with = args.to_vec();
        with.push("--json");
        let (en, nl) = (run_in(&a, "en", &with), run_in(&b, "nl", &with));
        assert_eq!(en.code, 0, "{args:?}: {}", en.stderr);
        assert_eq!(nl.code, en.code, "{args:?}");
        let strip = |s: &str| {
            // The undo time and the ledger's path differ from run to run.
            let v: serde_json::Value = serde_json::from_str(s).expect("json");
            let mut v = v;
            for k in [
                "at",
                "ledger",
                "file_owner_uid",
                "file_bytes",
                "wal_bytes",
                "wal_file",
                "shm_file",
                "leftovers",
            ] {
                if let Some(o) = v.as_object_mut() {
                    o.remove(k);
                }
            }
            v
        };
        if args[0] == "undo" || args[0] == "doctor" {
            assert_eq!(strip(&en.stdout), strip(&nl.stdout), "{args:?}");
        } else {
            assert_eq!(en.stdout, nl.stdout, "{args:?}");
        }
    }
}

#[test]
fn dutch_values_are_stored_in_english_in_every_language() {
    let l = acme();
    for lang in ["nl", "en"] {
        let r = run_in(
            &l,
            lang,
            &[
                "log-incident",
                "acme",
                "X",
                "--cause",
                "eigen",
                "--severity",
                "groot",
                "--json",
            ],
        );
        assert_eq!(r.code, 0, "{}", r.stderr);
        let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("json");
        assert_eq!(
            (v["cause"].as_str(), v["severity"].as_str()),
            (Some("own"), Some("major"))
        );
    }
    let cases: &[(&str, &str, &str)] = &[
        ("--cause", "klant", "client"),
        ("--cause", "derde", "third-party"),
        ("--cause", "overmacht", "force-majeure"),
        ("--severity", "klein", "minor"),
        ("--severity", "kritiek", "critical"),
    ];
    for (flag, typed, stored) in cases {
        let v = l.json(&["log-incident", "acme", "X", flag, typed]);
        assert_eq!(v[&flag[2..]], *stored, "{typed}");
    }
    let channels = [
        ("telefoon", "call"),
        ("bellen", "call"),
        ("afspraak", "meeting"),
        ("vergadering", "meeting"),
        ("mail", "email"),
        ("bezoek", "visit"),
        ("bericht", "message"),
        ("anders", "other"),
    ];
    for (typed, stored) in channels {
        let v = l.json(&["log-touch", "acme", "--channel", typed]);
        assert_eq!(v["channel"], stored, "{typed}");
    }
    let occasions = [
        ("feestdag", "holiday"),
        ("kerst", "holiday"),
        ("sinterklaas", "holiday"),
        ("mijlpaal", "milestone"),
        ("jubileum", "anniversary"),
        ("bedankje", "thanks"),
        ("verjaardag", "birthday"),
        ("anders", "other"),
    ];
    for (typed, stored) in occasions {
        let v = l.json(&["log-gift", "acme", "X", "--occasion", typed]);
        assert_eq!(v["occasion"], stored, "{typed}");
    }
    // What is stored is the English name.
    let stored =
        l.query("SELECT DISTINCT channel FROM entries WHERE channel IS NOT NULL ORDER BY 1");
    assert!(
        stored.iter().all(
            |r| ["call", "meeting", "email", "visit", "message", "other"].contains(&r[0].as_str())
        ),
        "{stored:?}"
    );
    // A value that is neither is still a usage error.
    let r = run_in(&l, "nl", &["log-touch", "acme", "--channel", "duif"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
}

#[test]
fn dutch_dates_are_read_day_first() {
    let l = acme();
    let date = |args: &[&str]| {
        let mut all = args.to_vec();
        all.push("--json");
        let r = run_in(&l, "en", &all);
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
        let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("json");
        (
            v["date"].as_str().map(String::from),
            v["due"].as_str().map(String::from),
        )
    };
    let on = |d: &str| date(&["log-milestone", "acme", "M", "--date", d]).0;
    assert_eq!(on("5 nov").as_deref(), Some("2026-11-05"));
    assert_eq!(on("5 november").as_deref(), Some("2026-11-05"));
    assert_eq!(on("5-11").as_deref(), Some("2026-11-05"));
    assert_eq!(on("5/11/2026").as_deref(), Some("2026-11-05"));
    assert_eq!(on("1 maart 2026").as_deref(), Some("2026-03-01"));
    // Without a year, a date that happened is the latest one: 5 December is last year's.
    assert_eq!(on("5 dec").as_deref(), Some("2025-12-05"));
    // A due date is the next one.
    let (_, due) = date(&["promise", "acme", "P", "--due", "5 dec"]);
    assert_eq!(due.as_deref(), Some("2026-12-05"));
    let (_, due) = date(&["promise", "acme", "P", "--due", "5-11"]);
    assert_eq!(due.as_deref(), Some("2027-11-05"));
    // Impossible ones are usage errors.
    for bad in ["31 apr", "5-13", "31/2/2026", "5 dec 26"] {
        let r = run_in(&l, "nl", &["log-milestone", "acme", "M", "--date", bad]);
        assert_eq!(r.code, 2, "{bad}: {}", r.stderr);
    }
}

#[test]
fn errors_of_recording_are_dutch_with_the_same_exit_codes() {
    let l = acme();
    l.client("ACME Holding");
    l.client("Oud B.V.");
    l.ok(&["client", "archive", "Oud B.V."]);
    let gift = l.entry(&["log-gift", "ACME B.V.", "Wijn", "--date", "2026-11-01"]);
    assert_eq!(gift, 1);
    let cases: &[(&[&str], i32, &str)] = &[
        (
            &["log-gift", "acmx b.v.", "X"],
            1,
            "geen klant past bij \"acmx b.v.\"; bedoelde je \"ACME B.V.\"?",
        ),
        (
            &["log-gift", "zzz", "X"],
            1,
            "geen klant past bij \"zzz\"; zie `relaties client list --all`",
        ),
        (
            &["log-gift", "acme", "X"],
            1,
            "\"acme\" past bij meerdere klanten: \"ACME B.V.\" (#1), \"ACME Holding\" (#2); wees specifieker of gebruik het id",
        ),
        (&["log-gift", "#9", "X"], 1, "geen klant #9"),
        (
            &["log-gift", "Oud B.V.", "X"],
            1,
            "klant \"Oud B.V.\" is gearchiveerd; eerst `relaties client unarchive 3`",
        ),
        (
            &["log-gift", "oud", "X"],
            1,
            "geen actieve klant past bij \"oud\"; \"Oud B.V.\" (#3) is gearchiveerd: gebruik de volledige naam of het id, of `relaties client unarchive 3`",
        ),
        (
            &["log-gift", "#1", "X", "--date", "5/12/2026"],
            2,
            "een cadeau kan niet in de toekomst liggen: 5 december 2026 is na vandaag (30 november 2026); leg het vast zodra het gebeurd is",
        ),
        (
            &["log-gift", "#1", "  "],
            2,
            "de omschrijving van het cadeau mag niet leeg zijn",
        ),
        (
            &["log-gift", "#1", "X", "--cost", "€5", "--currency", "USD"],
            2,
            "het bedrag is in EUR maar --currency zegt USD; geef er één",
        ),
        (
            &["log-gift", "#1", "X", "--currency", "USD"],
            2,
            "--currency vraagt om --cost",
        ),
        (
            &["deliver", "1"],
            1,
            "regel #1 is een cadeau, geen afspraak",
        ),
        (&["deliver", "99"], 1, "geen regel #99"),
        (
            &["deliver", "x1"],
            2,
            "ongeldig id \"x1\": verwacht een getal als 12 of #12",
        ),
        (
            &[
                "promise",
                "#1",
                "P",
                "--due",
                "2026-11-01",
                "--date",
                "2026-11-10",
            ],
            2,
            "de deadline 1 november 2026 ligt vóór de dag waarop hij is afgesproken (10 november 2026)",
        ),
    ];
    for (args, code, want) in cases {
        let err = nl_fails(&l, args, *code);
        assert_eq!(err, format!("error: {want}\n"), "{args:?}");
    }
}

#[test]
fn errors_of_changing_entries_are_dutch() {
    let l = acme();
    let p = l.promise("ACME B.V.", "Plan", "2026-12-05", "2026-11-20");
    nl(&l, &["deliver", &p.to_string(), "--date", "2026-11-25"]);
    let i = l.entry(&[
        "log-incident",
        "ACME B.V.",
        "Storing",
        "--date",
        "2026-11-20",
        "--informed",
        "2026-11-21",
    ]);
    let q = l.promise("ACME B.V.", "Offerte", "2026-12-05", "2026-11-20");
    let cases: Vec<(Vec<String>, i32, String)> = vec![
        (
            vec!["deliver".into(), p.to_string()],
            1,
            format!("afspraak #{p} is al geleverd op 25 november 2026"),
        ),
        (
            vec![
                "deliver".into(),
                q.to_string(),
                "--date".into(),
                "2026-11-19".into(),
            ],
            1,
            format!(
                "de leverdatum 19 november 2026 ligt vóór afspraak #{q} zelf (20 november 2026)"
            ),
        ),
        (
            vec![
                "reschedule".into(),
                q.to_string(),
                "--due".into(),
                "2026-12-05".into(),
            ],
            1,
            format!("afspraak #{q} heeft al deadline 5 december 2026"),
        ),
        (
            vec!["inform".into(), i.to_string()],
            1,
            format!(
                "incident #{i} is al als ingelicht gemarkeerd op 21 november 2026 (`relaties edit {i} --informed DATUM` om dat te wijzigen)"
            ),
        ),
        (
            vec![
                "log-incident".into(),
                "#1".into(),
                "X".into(),
                "--date".into(),
                "2026-11-20".into(),
                "--informed".into(),
                "2026-11-19".into(),
            ],
            2,
            "--informed 19 november 2026 ligt vóór het incident (20 november 2026)".into(),
        ),
    ];
    for (args, code, want) in &cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        assert_eq!(
            nl_fails(&l, &args, *code),
            format!("error: {want}\n"),
            "{args:?}"
        );
    }
    nl(&l, &["miss", &q.to_string()]);
    assert_eq!(
        nl_fails(&l, &["deliver", &q.to_string()], 1),
        format!(
            "error: afspraak #{q} is op 30 november 2026 als gemist gemarkeerd; een gemiste afspraak blijft gemist (`relaties undo` als dat een vergissing was, of beloof hem opnieuw)\n"
        )
    );
    nl(&l, &["resolve", &i.to_string()]);
    assert_eq!(
        nl_fails(&l, &["resolve", &i.to_string()], 1),
        format!("error: incident #{i} is al opgelost op 30 november 2026\n")
    );
    nl(&l, &["void", &p.to_string()]);
    assert_eq!(
        nl_fails(&l, &["void", &p.to_string()], 1),
        format!("error: regel #{p} is al ongeldig gemaakt\n")
    );
    assert_eq!(
        nl_fails(&l, &["deliver", &p.to_string()], 1),
        format!("error: regel #{p} is ongeldig gemaakt; `relaties undo` of leg hem opnieuw vast\n")
    );
}

#[test]
fn a_repeated_gift_warns_in_dutch() {
    let l = acme();
    l.ok(&["log-gift", "ACME B.V.", "Wijn", "--date", "2026-01-05"]);
    let r = run_in(&l, "nl", &["log-gift", "ACME B.V.", "Wijn"]);
    assert_eq!(r.code, 0);
    assert_eq!(
        r.stderr,
        "warning: ACME B.V. kreeg \"Wijn\" al op 5 januari 2026; toch vastgelegd\n"
    );
}

#[test]
fn clients_contacts_and_config_confirm_in_dutch() {
    let l = Ledger::new();
    assert_eq!(
        nl(&l, &["client", "add", "ACME B.V."]),
        "klant #1 ACME B.V. toegevoegd\n"
    );
    assert_eq!(
        nl(&l, &["client", "edit", "acme", "--cadence", "30"]),
        "klant #1 ACME B.V. gewijzigd\n"
    );
    assert_eq!(
        nl(&l, &["contact", "add", "acme", "Jan"]),
        "contactpersoon #1 Jan bij ACME B.V. toegevoegd\n"
    );
    assert_eq!(
        nl(&l, &["contact", "edit", "1", "--role", "CEO"]),
        "contactpersoon #1 Jan bij ACME B.V. gewijzigd\n"
    );
    assert_eq!(
        nl_fails(&l, &["contact", "edit", "9"], 1),
        "error: geen contactpersoon #9\n"
    );
    assert_eq!(
        nl_fails(&l, &["log-gift", "acme", "X", "--for-contact", "Piet"], 1),
        "error: geen contactpersoon \"Piet\" bij deze klant (wel: Jan)\n"
    );
    assert_eq!(
        nl(&l, &["contact", "remove", "1"]),
        "contactpersoon #1 Jan bij ACME B.V. verwijderd\n"
    );
    assert_eq!(
        nl(&l, &["config", "set", "currency.default", "USD"]),
        "currency.default ingesteld op USD\n"
    );
    assert_eq!(
        nl(&l, &["config", "unset", "currency.default"]),
        "currency.default ingesteld op de standaardwaarde\n"
    );
    assert_eq!(
        nl_fails(&l, &["config", "get", "valuta"], 2),
        "error: onbekende instelling \"valuta\"; `relaties config list` toont ze allemaal\n"
    );
    l.ok(&["promise", "acme", "Plan", "--due", "2027-01-05"]);
    let r = run_in(&l, "nl", &["client", "archive", "acme"]);
    assert_eq!(r.stdout, "klant #1 ACME B.V. gearchiveerd\n");
    assert_eq!(
        r.stderr,
        "warning: ACME B.V. heeft nog 1 open punt: afspraak #1 (Plan); die blijven in `commitments --open`, `incidents --open` en `upcoming`, gemarkeerd als gearchiveerd\n"
    );
    assert_eq!(
        nl_fails(&l, &["client", "archive", "ACME B.V."], 1),
        "error: klant \"ACME B.V.\" is al gearchiveerd\n"
    );
    assert_eq!(
        nl(&l, &["client", "unarchive", "acme"]),
        "klant #1 ACME B.V. uit het archief gehaald\n"
    );
    assert_eq!(
        nl_fails(&l, &["client", "forget", "acme"], 2),
        "error: client forget wist de klant en al zijn regels voorgoed; voeg --yes toe om dat te bevestigen\n"
    );
    assert_eq!(
        nl(&l, &["client", "forget", "acme", "--yes"]),
        "klant #1 ACME B.V. gewist met al zijn regels; dit kan niet ongedaan worden gemaakt\n"
    );
}

#[test]
fn files_and_the_import_summary_are_dutch() {
    let l = acme();
    l.ok(&["log-gift", "ACME B.V.", "Wijn", "--date", "2026-11-01"]);
    let dir = l.dir.path();
    let json = dir.join("x.json");
    let backup = dir.join("b.db");
    let json_s = json.display().to_string();
    let backup_s = backup.display().to_string();
    assert_eq!(
        nl(&l, &["export", "--format", "json", "-o", &json_s]),
        format!("{json_s} geschreven\n")
    );
    assert_eq!(
        nl(&l, &["backup", &backup_s]),
        format!("reservekopie van het grootboek gemaakt in {backup_s} (integriteit in orde)\n")
    );
    assert_eq!(
        nl(&l, &["import", &json_s]),
        "0 nieuwe klanten, 0 nieuwe regels, 2 al aanwezig\n"
    );
    let other = Ledger::new();
    assert_eq!(
        nl(&other, &["import", &json_s, "--dry-run"]),
        "zou importeren: 1 nieuwe klant, 1 nieuwe regel, 0 al aanwezig\n  + ACME B.V.\nproefrun: er is niets geschreven\n"
    );
    assert_eq!(
        nl(&other, &["import", &json_s]),
        "1 nieuwe klant, 1 nieuwe regel, 0 al aanwezig\n  + ACME B.V.\n"
    );
}

#[test]
fn doctor_speaks_dutch_and_its_json_problems_stay_english() {
    let l = acme();
    let out = nl(&l, &["doctor"]);
    let labels: Vec<&str> = out
        .lines()
        .map(|s| s.split_whitespace().next().unwrap_or(""))
        .collect();
    assert_eq!(
        labels,
        [
            "grootboek",
            "schema",
            "quick_check",
            "verwijzingen",
            "klanten",
            "regels",
            "undo",
            "checkpoint",
            "bestanden",
            "-wal",
            "-shm",
            "map"
        ],
        "{out}"
    );
    assert!(
        out.contains("klanten       1 actief, 0 gearchiveerd\n"),
        "{out}"
    );
    assert!(out.contains("regels        geen (0 ongeldig)\n"), "{out}");
    assert!(out.contains("verwijzingen  0 problemen\n"), "{out}");
    assert!(out.contains("undo          1 stap\n"), "{out}");
    // A problem: the ledger readable by others.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&l.path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
        let r = run_in(&l, "nl", &["doctor"]);
        assert_eq!(r.code, 1);
        assert!(
            r.stderr.starts_with("error: het grootboek heeft problemen: het grootboekbestand is leesbaar voor anderen (modus 644; voer chmod 600 uit)"),
            "{}",
            r.stderr
        );
        let r = run_in(&l, "nl", &["doctor", "--json"]);
        let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("json");
        assert_eq!(
            v["problems"][0],
            "the ledger file is readable by others (mode 644; run chmod 600)"
        );
    }
}

#[test]
fn ledger_errors_are_dutch() {
    let l = Ledger::new();
    let shown = l.path.display().to_string();
    assert_eq!(
        nl_fails(&l, &["log-gift", "acme", "X"], 1),
        format!(
            "error: geen grootboek in {shown}; begin er een met `relaties client add NAAM` (of probeer `relaties demo`)\n"
        )
    );
}

#[test]
fn errors_of_edit_names_and_files_are_dutch() {
    let l = acme();
    let g = l.entry(&["log-gift", "ACME B.V.", "Wijn", "--date", "2026-11-01"]);
    let p = l.promise("ACME B.V.", "Plan", "2026-12-05", "2026-11-20");
    let (g, p) = (g.to_string(), p.to_string());
    let cases: &[(&[&str], i32, String)] = &[
        (&["edit", &g, "--channel", "bellen"], 1, format!("--channel geldt niet voor een cadeau (regel #{g}); het is voor een contact")),
        (&["edit", &g], 2, format!("niets te wijzigen aan regel #{g}; geef een veld om in te stellen (zie `relaties edit --help`)")),
        (&["edit", &g, "--description", " "], 2, "de omschrijving van een cadeau mag niet leeg zijn".into()),
        (&["edit", &g, "--currency", "USD"], 2, "--currency vraagt om een bedrag; geef ook --cost".into()),
        (&["edit", &p, "--quality", "3"], 1, format!("afspraak #{p} is niet geleverd; --quality is voor leveringen")),
        (&["edit", &p, "--date", "2026-11-25", "--delivered", "2026-11-21"], 1, "de leverdatum 21 november 2026 zou vóór de datum van de regel liggen (25 november 2026)".into()),
        (&["client", "add", " "], 2, "de naam van een klant mag niet leeg zijn".into()),
        (&["client", "edit", "acme", "--tag", "a,b"], 2, "ongeldig label \"a,b\": een label is één woord, niet leeg".into()),
        (&["contact", "add", "acme", " "], 2, "de naam van een contactpersoon mag niet leeg zijn".into()),
        (&["contact", "add", "acme", "Jan", "--birthday", "31-31"], 2, "ongeldige verjaardag \"31-31\": verwacht 1980-12-05, 05-12-1980 of 5-12 (dag eerst)".into()),
        (&["contact", "edit", "x", "--role", "CEO"], 2, "\"x\" is geen id van een contactpersoon (een getal, zoals 3)".into()),
    ];
    for (args, code, want) in cases {
        assert_eq!(
            nl_fails(&l, args, *code),
            format!("error: {want}\n"),
            "{args:?}"
        );
    }
    let taken = l.dir.path().join("taken.json");
    std::fs::write(&taken, "x").expect("write");
    let shown = taken.display().to_string();
    assert_eq!(
        nl_fails(&l, &["export", "--format", "json", "-o", &shown], 1),
        format!("error: {shown} bestaat al; voeg --force toe om het te vervangen\n")
    );
}

#[test]
fn an_ics_todo_without_a_description_is_named_in_dutch() {
    let l = acme();
    l.ok(&["promise", "ACME B.V.", "x", "--due", "2026-12-05"]);
    // A commitment without a description cannot be recorded; clear it the way an old
    // ledger may have it.
    rusqlite::Connection::open(&l.path)
        .expect("open")
        .execute_batch("UPDATE entries SET description = NULL")
        .expect("update");
    let ics = nl(&l, &["export", "--format", "ics"]);
    assert!(ics.contains("SUMMARY:ACME B.V.: afspraak (#1)"), "{ics}");
    let r = run_in(&l, "en", &["export", "--format", "ics"]);
    assert!(
        r.stdout.contains("SUMMARY:ACME B.V.: commitment (#1)"),
        "{}",
        r.stdout
    );
}

#[test]
fn a_change_saved_before_printing_failed_says_so_in_dutch() {
    let l = acme();
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        return crate::support::skip(
            "a_change_saved_before_printing_failed_says_so_in_dutch",
            "/dev/full is not available",
        );
    };
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_relaties"))
        .env("RUST_BACKTRACE", "1")
        .args(["--lang", "nl", "--db"])
        .arg(&l.path)
        .args(["log-gift", "ACME B.V.", "Wijnkist", "--date", "2026-03-01"])
        .stdout(std::process::Stdio::from(full))
        .stderr(std::process::Stdio::piped())
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    // The journal's summary in brackets is data, and stays English.
    assert!(
        err.starts_with(
            "error: de wijziging is opgeslagen (recorded gift #1 for ACME B.V. on 2026-03-01: Wijnkist), maar wat daarna kwam mislukte, dus voer de opdracht niet opnieuw uit: "
        ),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
}

/// Holds the ledger's write lock from this process for `secs` seconds.
fn hold_write_lock(path: &std::path::Path, secs: u64) -> std::thread::JoinHandle<()> {
    let conn = rusqlite::Connection::open(path).expect("open");
    conn.execute_batch("BEGIN IMMEDIATE").expect("lock");
    std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_secs(secs));
        conn.execute_batch("COMMIT").expect("commit");
    })
}

#[test]
fn a_writer_that_gives_up_says_so_in_dutch() {
    let l = acme();
    let before = l.dump();
    let holder = hold_write_lock(&l.path, 4);
    let r: Run = crate::support::relaties()
        .env("RELATIES_WAIT", "1")
        .args(["--lang", "nl", "--db"])
        .arg(&l.path)
        .args(["log-touch", "ACME B.V."])
        .timeout(std::time::Duration::from_secs(30))
        .output()
        .expect("runs")
        .into();
    assert_failed(&r, 1, &["log-touch"]);
    assert_eq!(
        r.stderr,
        "error: een ander programma hield het grootboek 1 s vergrendeld; er is niets gewijzigd (zet RELATIES_WAIT=SECONDEN om langer te wachten)\n"
    );
    holder.join().expect("holder");
    assert_eq!(before, l.dump());
}

/// Runs `relaties --lang nl --db DB ARGS` inside util-linux `script` (stdin, stdout and
/// stderr a pseudo-terminal; stdout to a file): what the terminal showed, or None after
/// `support::skip` when `script` is not installed.
fn dutch_on_terminal(test: &str, l: &Ledger, args: &str) -> Option<(bool, String)> {
    if !crate::support::have("script") {
        crate::support::skip(test, "no util-linux `script` to give the binary a terminal");
        return None;
    }
    let stdout = l.dir.path().join("stdout.txt");
    let cmd = format!(
        r#"exec "$RELATIES_TEST_BIN" --lang nl --db "$RELATIES_TEST_DB" {args} >"$RELATIES_TEST_STDOUT""#
    );
    let out = std::process::Command::new("script")
        .args(["--quiet", "--return", "--command", &cmd, "/dev/null"])
        .env("SHELL", "/bin/sh")
        .env("RELATIES_TEST_BIN", env!("CARGO_BIN_EXE_relaties"))
        .env("RELATIES_TEST_DB", &l.path)
        .env("RELATIES_TEST_STDOUT", &stdout)
        .env_remove("RELATIES_DB")
        .env("RUST_BACKTRACE", "1")
        .env("HOME", "/nonexistent-home-for-tests")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("`script` is installed but cannot run: {e}"));
    let shown = String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n");
    Some((out.status.success(), shown))
}

#[test]
fn a_waiting_writer_says_so_in_dutch_on_a_terminal() {
    let l = acme();
    let holder = hold_write_lock(&l.path, 3);
    let Some((ok, shown)) = dutch_on_terminal(
        "a_waiting_writer_says_so_in_dutch_on_a_terminal",
        &l,
        "log-touch ACME",
    ) else {
        holder.join().expect("holder");
        return;
    };
    holder.join().expect("holder");
    assert!(ok, "{shown:?}");
    assert_eq!(
        shown,
        "wachten tot een andere relaties klaar is met schrijven…\n"
    );
}

#[test]
fn import_progress_is_dutch_on_a_terminal() {
    let src = Ledger::new();
    src.ok(&[
        "demo",
        "--clients",
        "5",
        "--entries",
        "5200",
        "--seed",
        "1",
        "--as-of",
        "2024-06-30",
        "-q",
    ]);
    let doc = src.dir.path().join("ledger.json");
    src.ok(&[
        "export",
        "--format",
        "json",
        "-o",
        doc.to_str().expect("utf-8"),
    ]);
    let dst = Ledger::new();
    let Some((ok, shown)) = dutch_on_terminal(
        "import_progress_is_dutch_on_a_terminal",
        &dst,
        &format!("import {}", doc.display()),
    ) else {
        return;
    };
    assert!(ok, "{shown:?}");
    assert_eq!(shown, "\r\x1b[Kimporteren: 5000 records\r\x1b[K");
}

#[test]
fn errors_of_settings_reports_and_files_are_dutch() {
    let l = acme();
    l.ok(&["client", "add", "Oud"]);
    l.ok(&["client", "archive", "Oud"]);
    let doc = l.dir.path().join("x.txt");
    std::fs::write(&doc, "x").expect("write");
    let doc_s = doc.display().to_string();
    let ledger = l.path.display().to_string();
    let cases: &[(&[&str], i32, String)] = &[
        (&["config", "set", "valuta", "EUR"], 2, "onbekende instelling \"valuta\"; bekend: weight.appreciation, weight.trust, weight.passion, band.strong, band.ok, decay.half_life_days, cadence.default_days, currency.default, gift.yearly_budget, occasions, hledger.account".into()),
        (&["config", "set", "band.ok", "90"], 2, "band.strong (75) moet boven band.ok (90) liggen; niet gewijzigd".into()),
        (&["report", "--since", "2026-11-10", "--until", "2026-11-01"], 2, "--until 2026-11-01 ligt vóór --since 2026-11-10".into()),
        (&["report", "--client", "Oud"], 1, "klant \"Oud\" is gearchiveerd, en rapporten laten gearchiveerde klanten weg; eerst `relaties client unarchive 2`".into()),
        (&["export", "--format", "csv", "--json"], 2, "--json hoort alleen bij --format json".into()),
        (&["export", "--format", "json", "--excel"], 2, "--excel hoort alleen bij --format csv".into()),
        (&["import", &doc_s], 2, format!("de indeling van {doc_s} is niet te herkennen; voeg --format json|csv|vcf toe")),
        (&["demo", "--db", &ledger], 1, format!("{ledger} bestaat al; demo schrijft alleen een nieuw grootboek (kies een ander pad)")),
    ];
    for (args, code, want) in cases {
        assert_eq!(
            nl_fails(&l, args, *code),
            format!("error: {want}\n"),
            "{args:?}"
        );
    }
    let r = run_in(&l, "nl", &["report", "--fail-below", "101"]);
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert!(
        r.stderr
            .starts_with("error: 1 klant scoort onder 101: ACME B.V. ("),
        "{}",
        r.stderr
    );
    let junk = Ledger::new();
    std::fs::write(&junk.path, vec![b'x'; 4096]).expect("write");
    let r = run_in(&junk, "nl", &["timeline"]);
    assert_failed(&r, 1, &["timeline"]);
    assert_eq!(
        r.stderr,
        format!(
            "error: {} is geen grootboek van relaties (geen SQLite-database, of beschadigd)\n",
            junk.path.display()
        )
    );
    let newer = acme();
    newer.set_user_version(999);
    let err = nl_fails(&newer, &["timeline"], 1);
    assert!(
        err.contains("het grootboek heeft schemaversie 999, nieuwer dan deze relaties begrijpt ("),
        "{err}"
    );
}

#[test]
fn what_a_path_is_instead_of_a_file_is_said_in_dutch() {
    let l = acme();
    let dir = l.dir.path().display().to_string();
    assert_eq!(
        nl_fails(&l, &["export", "--format", "json", "-o", &dir], 1),
        format!("error: {dir} is een map; relaties schrijft alleen gewone bestanden\n")
    );
    let r = crate::support::relaties()
        .args(["--lang", "nl", "--db", &dir, "timeline"])
        .output()
        .expect("runs");
    let r: Run = r.into();
    assert_failed(&r, 1, &["timeline"]);
    assert_eq!(
        r.stderr,
        format!(
            "error: het grootboekpad {dir} is een map, geen grootboekbestand; geef het pad van een gewoon bestand\n"
        )
    );
}

#[test]
fn import_warnings_and_errors_are_dutch() {
    let l = acme();
    let dir = l.dir.path();
    let latin1 = dir.join("l1.csv");
    std::fs::write(&latin1, b"name\nCaf\xe9 Noir\n").expect("write");
    let r = run_in(&l, "nl", &["import", latin1.to_str().expect("utf-8")]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stderr,
        format!(
            "warning: {} is geen UTF-8: gelezen als windows-1252\n",
            latin1.display()
        )
    );
    assert_eq!(
        r.stdout,
        "1 nieuwe klant, 0 nieuwe regels, 0 al aanwezig\n  + Café Noir\n"
    );
    let folder = dir.display().to_string();
    assert_eq!(
        nl_fails(&l, &["import", &folder, "--format", "json"], 1),
        format!("error: kan {folder} niet lezen: het is een map\n")
    );
    l.ok(&["log-gift", "ACME B.V.", "Wijn", "--date", "2026-11-01"]);
    let doc: serde_json::Value =
        serde_json::from_str(&l.ok(&["export", "--format", "json"])).expect("json");
    let mut doc = doc;
    doc["entries"][0]["client_id"] = serde_json::json!(999);
    let bad = dir.join("bad.json");
    std::fs::write(&bad, doc.to_string()).expect("write");
    let other = Ledger::new();
    let r = run_in(&other, "nl", &["import", bad.to_str().expect("utf-8")]);
    assert_failed(&r, 1, &["import"]);
    assert_eq!(
        r.stderr,
        "error: regel #1 noemt klant 999, die niet in het bestand staat\n"
    );
}

#[test]
fn demo_confirms_in_dutch() {
    let l = Ledger::new();
    let shown = l.path.display().to_string();
    let out = nl(
        &l,
        &[
            "demo",
            "--db",
            &shown,
            "--clients",
            "2",
            "--entries",
            "30",
            "--seed",
            "1",
        ],
    );
    assert_eq!(
        out,
        format!("voorbeeldgrootboek geschreven naar {shown}: 2 klanten, 30 regels\n")
    );
}

#[test]
fn a_file_of_the_ledger_as_a_target_is_refused_in_dutch() {
    let l = acme();
    let shown = l.path.display().to_string();
    assert_eq!(
        nl_fails(&l, &["backup", &shown, "--force"], 1),
        format!("error: {shown} is het grootboek zelf; schrijf naar een ander bestand\n")
    );
    let wal = format!("{shown}-wal");
    assert_eq!(
        nl_fails(
            &l,
            &["export", "--format", "json", "-o", &wal, "--force"],
            1
        ),
        format!(
            "error: {wal} is het write-ahead-log van het grootboek; schrijf naar een ander bestand\n"
        )
    );
}

#[test]
fn a_bad_date_or_amount_is_explained_in_dutch() {
    let l = acme();
    let err = nl_fails(&l, &["log-gift", "acme", "Wijn", "--cost", "1.234"], 2);
    assert!(
        err.contains("ongeldig bedrag \"1.234\": dit leest op twee manieren, als 1234"),
        "{err}"
    );
    let err = nl_fails(&l, &["log-gift", "acme", "Wijn", "--date", "2026-13-01"], 2);
    assert!(
        err.contains("ongeldige datum \"2026-13-01\": die maand bestaat niet"),
        "{err}"
    );
    // English as before.
    let r = run_in(&l, "en", &["log-gift", "acme", "Wijn", "--cost", "1.234"]);
    assert!(
        r.stderr
            .contains("invalid amount \"1.234\": it reads two ways"),
        "{}",
        r.stderr
    );
}

#[test]
fn the_calendars_event_summaries_are_dutch_and_their_uids_the_same() {
    let l = acme();
    l.ok(&["config", "set", "occasions", "Christmas 25 dec"]);
    let nl_ics = nl(&l, &["export", "--format", "ics"]);
    let en_ics = run_in(&l, "en", &["export", "--format", "ics"]).stdout;
    assert!(nl_ics.contains("SUMMARY:Kerstmis"), "{nl_ics}");
    assert!(en_ics.contains("SUMMARY:Christmas"), "{en_ics}");
    let uids = |s: &str| -> Vec<String> {
        s.lines()
            .filter(|l| l.starts_with("UID:"))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(uids(&nl_ics), uids(&en_ics));
}

#[test]
fn undo_says_in_dutch_what_it_undid_and_json_keeps_the_journal() {
    let l = acme();
    nl(
        &l,
        &[
            "log-gift",
            "acme",
            "Wijn",
            "--cost",
            "45",
            "--date",
            "2026-11-01",
        ],
    );
    let out = nl(&l, &["undo"]);
    assert!(
        out.starts_with("ongedaan gemaakt: cadeau #")
            && out.contains("vastgelegd voor ACME B.V. op 1 november 2026: Wijn (€ 45,00)"),
        "{out}"
    );
    nl(&l, &["config", "set", "weight.trust", "2"]);
    let out = nl(&l, &["undo"]);
    assert!(
        out.starts_with("ongedaan gemaakt: ingesteld: weight.trust = 2"),
        "{out}"
    );
    // --json keeps the journal's own (English) summary in every language.
    nl(&l, &["log-gift", "acme", "Wijn", "--date", "2026-11-01"]);
    let v: serde_json::Value = serde_json::from_str(&nl(&l, &["undo", "--json"])).expect("json");
    assert!(
        v["undone"]
            .as_str()
            .is_some_and(|s| s.starts_with("recorded gift #")),
        "{v}"
    );
}

#[test]
fn a_taken_name_and_a_bad_setting_are_explained_in_dutch() {
    let l = acme();
    let err = nl_fails(&l, &["client", "add", "ACME B.V."], 1);
    assert!(
        err.contains("er is al een klant \"ACME B.V.\" (#1)"),
        "{err}"
    );
    let err = nl_fails(&l, &["config", "set", "weight.trust", "abc"], 2);
    assert!(err.contains("verwacht een getal ≥ 0"), "{err}");
}

#[test]
fn a_bad_row_or_card_in_an_import_file_is_explained_in_dutch() {
    let l = acme();
    let csv = l.dir.path().join("klanten.csv");
    std::fs::write(
        &csv,
        "Naam;E-mail;Klant sinds\nCafé de Zon;a@b.nl;31-02-2020\n",
    )
    .expect("write");
    let err = nl_fails(&l, &["import", csv.to_str().expect("utf-8")], 1);
    assert!(
        err.contains("niet importeren: rij 2: ongeldige datum \"31-02-2020\" in kolom Klant sinds"),
        "{err}"
    );
    let vcf = l.dir.path().join("c.vcf");
    std::fs::write(&vcf, "BEGIN:VCARD\nVERSION:3.0\nNOTE:x\nEND:VCARD\n").expect("write");
    let err = nl_fails(&l, &["import", vcf.to_str().expect("utf-8")], 1);
    assert!(
        err.contains("kaart 1 (regel 1): geen ORG, FN of N"),
        "{err}"
    );
    // English as it was.
    let r = run_in(&l, "en", &["import", csv.to_str().expect("utf-8")]);
    assert!(
        r.stderr
            .contains("row 2: invalid date \"31-02-2020\" in column Klant sinds"),
        "{}",
        r.stderr
    );
}

#[test]
fn nothing_to_undo_is_said_in_dutch() {
    let l = Ledger::new();
    nl(&l, &["client", "add", "ACME B.V."]);
    nl(&l, &["undo"]);
    let err = nl_fails(&l, &["undo"], 1);
    assert_eq!(err, "error: er is niets om ongedaan te maken\n");
    let r = run_in(&l, "en", &["undo"]);
    assert_eq!(r.stderr, "error: nothing to undo\n");
}
