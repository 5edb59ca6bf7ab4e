//! Shell completion (issue #13): client names and open entry ids come from the ledger, in
//! bash, zsh and fish. `relaties completions SHELL` prints the script that asks for them.

use std::path::Path;
use std::process::Command;

use crate::support::{Ledger, relaties};

/// A ledger with clients (one archived), open and closed commitments and incidents.
/// Returns (open commitment, kept commitment, open incident, resolved incident).
fn fixture(l: &Ledger) -> (i64, i64, i64, i64) {
    for name in ["Café de Zon", "ACME B.V.", "Bakkerij Jansen", "Oude Klant"] {
        l.client(name);
    }
    l.ok(&["client", "archive", "oude klant"]);
    let open = l.promise("zon", "Website", "+5d", "today");
    let kept = l.promise("acme", "Logo", "+5d", "today");
    l.ok(&["deliver", &kept.to_string()]);
    let incident = l.entry(&["log-incident", "acme", "Server down"]);
    let resolved = l.entry(&["log-incident", "zon", "Printer jam"]);
    l.ok(&["resolve", &resolved.to_string()]);
    (open, kept, incident, resolved)
}

/// What the completion engine answers `shell` for the words typed (the last one is being
/// completed), with the ledger given by --db on that command line.
fn complete(l: &Ledger, shell: &str, words: &[&str]) -> String {
    let db = l.path.to_str().expect("utf-8 path");
    let mut typed: Vec<&str> = vec!["relaties", "--db", db];
    typed.extend_from_slice(words);
    let mut c = relaties();
    c.env("RELATIES_COMPLETE", shell)
        .env("_CLAP_COMPLETE_INDEX", (typed.len() - 1).to_string())
        .env("_CLAP_IFS", "\n")
        .arg("--")
        .args(&typed);
    if shell == "bash" {
        c.env("_CLAP_COMPLETE_SPACE", "false");
    }
    let out = c.output().expect("runs");
    assert!(
        out.status.success(),
        "{shell} {words:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The values offered (an empty word is offered the flags too: those are left out here).
fn lines(s: &str) -> Vec<String> {
    s.lines()
        .map(|l| l.split('\t').next().unwrap_or("").to_string())
        .filter(|v| !v.starts_with('-'))
        .collect()
}

#[test]
fn client_names_complete_from_the_ledger() {
    let l = Ledger::new();
    fixture(&l);
    // fish and zsh quote what they insert themselves; bash gets it escaped.
    assert_eq!(
        lines(&complete(&l, "fish", &["log-gift", "caf"])),
        ["Café de Zon"]
    );
    assert_eq!(
        complete(&l, "zsh", &["log-touch", "CAFE"]).trim(),
        "Café de Zon"
    );
    assert_eq!(
        complete(&l, "bash", &["log-touch", "caf"]).trim(),
        "Café\\ de\\ Zon"
    );
    // What was typed so far, quoted or escaped, still matches.
    assert_eq!(
        complete(&l, "bash", &["log-touch", "Café\\ d"]).trim(),
        "Café\\ de\\ Zon"
    );
    assert_eq!(
        lines(&complete(&l, "fish", &["score", "\"Café d"])),
        ["Café de Zon"]
    );
    // Every active client for an empty word, names starting with it before words that do.
    assert_eq!(
        lines(&complete(&l, "fish", &["client", "show", ""])),
        ["ACME B.V.", "Bakkerij Jansen", "Café de Zon"]
    );
    assert_eq!(
        lines(&complete(&l, "fish", &["timeline", "b"])),
        ["Bakkerij Jansen", "ACME B.V."]
    );
    assert_eq!(
        lines(&complete(&l, "fish", &["report", "--client", "zo"])),
        ["Café de Zon"]
    );
    assert_eq!(
        lines(&complete(&l, "fish", &["edit", "3", "--client", "ja"])),
        ["Bakkerij Jansen"]
    );
    // Archived clients answer to their full name only: they are not offered, except to
    // `client unarchive`, which is offered only them.
    assert!(complete(&l, "fish", &["log-touch", "oud"]).is_empty());
    assert_eq!(
        lines(&complete(&l, "fish", &["client", "unarchive", ""])),
        ["Oude Klant"]
    );
    assert_eq!(
        lines(&complete(&l, "fish", &["client", "unarchive", "kl"])),
        ["Oude Klant"]
    );
    // No ledger: nothing, and no error.
    let none = Ledger::new();
    assert!(complete(&none, "fish", &["log-touch", "a"]).is_empty());
    assert!(!none.path.exists(), "completion created a ledger");
}

#[test]
fn open_entry_ids_complete_from_the_ledger() {
    let l = Ledger::new();
    let (open, kept, incident, resolved) = fixture(&l);
    for cmd in ["deliver", "miss", "reschedule"] {
        let got = complete(&l, "fish", &[cmd, ""]);
        assert_eq!(lines(&got), [open.to_string()], "{cmd}: {got}");
        assert!(got.contains("\tCafé de Zon: Website, due "), "{got}");
    }
    for cmd in ["inform", "resolve"] {
        let got = complete(&l, "fish", &[cmd, ""]);
        assert_eq!(lines(&got), [incident.to_string()], "{cmd}: {got}");
        assert!(got.contains("\tACME B.V.: Server down, since "), "{got}");
    }
    // A rescheduled commitment shows the due date in force.
    l.ok(&["reschedule", &open.to_string(), "--due", "2099-01-31"]);
    let got = complete(&l, "fish", &["miss", ""]);
    assert!(
        got.contains("\tCafé de Zon: Website, due 2099-01-31"),
        "{got}"
    );
    assert!(complete(&l, "fish", &["deliver", &format!("{kept}")]).is_empty());
    assert!(complete(&l, "fish", &["resolve", &format!("#{resolved}")]).is_empty());
    assert_eq!(
        lines(&complete(&l, "fish", &["deliver", &format!("#{open}")])),
        [open.to_string()]
    );
}

/// The script `relaties completions SHELL` prints, written to a file.
fn script(l: &Ledger, shell: &str) -> std::path::PathBuf {
    let out = l.ok(&["completions", shell]);
    let p = l.dir.path().join(format!("relaties.{shell}"));
    std::fs::write(&p, out).expect("write script");
    p
}

/// `None` (with the reason printed) where the shell is missing, unless CI=true.
fn shell(name: &str) -> Option<Command> {
    let found = Command::new(name).arg("-c").arg("exit 0").output();
    if found.is_ok_and(|o| o.status.success()) {
        return Some(Command::new(name));
    }
    assert_ne!(
        std::env::var("CI").as_deref(),
        Ok("true"),
        "{name} is needed for this test (.ci/run installs it)"
    );
    eprintln!("skipped: {name} is not installed");
    None
}

#[test]
fn bash_completes_client_names_through_its_script() {
    let Some(mut bash) = shell("bash") else {
        return;
    };
    let l = Ledger::new();
    fixture(&l);
    let s = script(&l, "bash");
    let run = format!(
        "source {}\n\
         COMP_WORDS=(relaties log-touch caf); COMP_CWORD=2; COMP_TYPE=9\n\
         _clap_complete_relaties relaties caf log-touch\n\
         printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        quote(&s)
    );
    let out = bash
        .arg("-c")
        .arg(run)
        .env("RELATIES_DB", &l.path)
        .output()
        .expect("bash runs");
    let got = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        got.trim(),
        "Café\\ de\\ Zon",
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn fish_completes_client_names_and_ids_through_its_script() {
    let Some(mut fish) = shell("fish") else {
        return;
    };
    let l = Ledger::new();
    let (open, ..) = fixture(&l);
    let s = script(&l, "fish");
    let run = format!(
        "source {}; complete -C 'relaties log-touch caf'; complete -C 'relaties deliver '",
        quote(&s)
    );
    let out = fish
        .arg("-c")
        .arg(run)
        .env("RELATIES_DB", &l.path)
        .env("HOME", l.dir.path())
        .env("XDG_CONFIG_HOME", l.dir.path())
        .env("XDG_DATA_HOME", l.dir.path())
        .output()
        .expect("fish runs");
    let got = String::from_utf8_lossy(&out.stdout);
    let values = lines(&got);
    assert!(values.contains(&"Café de Zon".to_string()), "{got}");
    assert!(values.contains(&open.to_string()), "{got}");
}

#[test]
fn completions_for_other_shells_stay_as_they_were() {
    let l = Ledger::new();
    let ps = l.ok(&["completions", "powershell"]);
    assert!(ps.contains("Register-ArgumentCompleter"), "{ps}");
    let elvish = l.ok(&["completions", "elvish"]);
    assert!(
        elvish.contains("edit:completion:arg-completer[relaties]"),
        "{elvish}"
    );
    for sh in ["bash", "zsh", "fish"] {
        let s = l.ok(&["completions", sh]);
        assert!(s.contains("RELATIES_COMPLETE="), "{sh}: {s}");
    }
}

fn quote(p: &Path) -> String {
    format!("'{}'", p.display().to_string().replace('\'', "'\\''"))
}

#[test]
fn a_stray_complete_variable_does_not_turn_relaties_into_a_completer() {
    let l = Ledger::new();
    l.client("ACME B.V.");
    for (var, value) in [
        ("COMPLETE", "bash"),
        ("RELATIES_COMPLETE", ""),
        ("RELATIES_COMPLETE", "0"),
    ] {
        let r = l.run_env(
            true,
            &[(var, std::ffi::OsStr::new(value))],
            &["client", "list"],
        );
        assert_eq!(r.code, 0, "{var}={value}: {}", r.stderr);
        assert!(
            r.stdout.contains("ACME B.V."),
            "{var}={value}: {}",
            r.stdout
        );
    }
}
