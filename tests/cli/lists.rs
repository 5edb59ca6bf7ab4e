//! Lists (issue #13): `commitments` says `closed` and `overdue` alike in its table and JSON,
//! empty cells are empty in a pipe, and an archived client's open items stay listed, marked.

use chrono::{Days, Local};
use serde_json::Value;

use crate::support::Ledger;

fn days_ago(n: u64) -> String {
    (Local::now().date_naive() - Days::new(n)).to_string()
}

/// The rows of a tab-separated listing (header included), split into cells.
fn rows(out: &str) -> Vec<Vec<String>> {
    out.lines()
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

#[test]
fn commitments_say_closed_and_overdue_in_the_table_and_in_json() {
    let l = Ledger::new();
    l.client("ACME B.V.");
    let late = l.promise("acme", "Late one", &days_ago(3), &days_ago(10));
    let kept = l.promise("acme", "Kept one", &days_ago(2), &days_ago(10));
    let missed = l.promise("acme", "Missed one", &days_ago(1), &days_ago(10));
    let ahead = l.promise("acme", "Ahead", "+5d", "today");
    l.ok(&["deliver", &kept.to_string(), "--date", &days_ago(4)]);
    l.ok(&["miss", &missed.to_string(), "--date", &days_ago(1)]);

    let table = rows(&l.ok(&["commitments"]));
    assert_eq!(
        table[0],
        ["id", "client", "what", "agreed", "due", "status", "closed"]
    );
    let row = |id: i64| {
        table
            .iter()
            .find(|r| r[0] == format!("#{id}"))
            .cloned()
            .unwrap_or_else(|| panic!("#{id} not listed: {table:?}"))
    };
    assert_eq!(row(late)[5], "overdue");
    assert_eq!(row(late)[6], "");
    assert_eq!(row(kept)[6], days_ago(4));
    assert_eq!(row(missed)[5], "missed");
    assert_eq!(row(missed)[6], days_ago(1));
    assert_eq!(row(ahead)[5], "open");

    let json = l.json(&["commitments"]);
    let by_id = |id: i64| -> Value {
        json.as_array()
            .and_then(|a| a.iter().find(|e| e["id"] == id).cloned())
            .unwrap_or_else(|| panic!("#{id} not in {json}"))
    };
    assert_eq!(by_id(late)["overdue"], true);
    assert_eq!(by_id(late)["status"], "open");
    for id in [kept, missed, ahead] {
        assert_eq!(by_id(id)["overdue"], false, "#{id}");
    }
    let overdue = l.json(&["commitments", "--overdue"]);
    assert_eq!(overdue.as_array().map(Vec::len), Some(1));
    assert_eq!(overdue[0]["overdue"], true);
}

#[test]
fn empty_cells_are_empty_in_a_pipe() {
    let l = Ledger::new();
    l.client("ACME B.V.");
    let i = l.entry(&["log-incident", "acme", "Server down"]);
    let t = l.entry(&["log-touch", "acme"]);
    l.promise("acme", "Website", "+3d", "today");
    let incidents = rows(&l.ok(&["incidents"]));
    let row = incidents
        .iter()
        .find(|r| r[0] == format!("#{i}"))
        .expect("listed");
    assert_eq!(&row[4..], ["", "", "", ""], "{incidents:?}");
    let timeline = rows(&l.ok(&["timeline"]));
    let row = timeline
        .iter()
        .find(|r| r[0] == format!("#{t}"))
        .expect("listed");
    assert_eq!(row[4], "", "{timeline:?}");
    // No table anywhere puts a placeholder in an empty cell.
    for args in [
        vec!["client", "list", "--all"],
        vec!["timeline"],
        vec!["commitments"],
        vec!["incidents"],
        vec!["score"],
        vec!["upcoming", "--days", "30"],
        vec!["config", "list"],
    ] {
        for r in rows(&l.ok(&args)) {
            for cell in &r {
                assert!(
                    !["-", "—", "–", "n/a"].contains(&cell.trim()),
                    "{args:?}: {r:?}"
                );
            }
        }
    }
    // The summary printed on recording has no placeholder either.
    let out = l.ok(&["log-touch", "acme"]);
    assert!(!out.contains(": -"), "{out}");
}

#[test]
fn archiving_names_open_items_and_they_stay_listed_marked_archived() {
    let l = Ledger::new();
    l.client("ACME B.V.");
    l.client("Café de Zon");
    let open = l.promise("zon", "Website", "+5d", "today");
    let kept = l.promise("zon", "Logo", "+2d", &days_ago(5));
    l.ok(&["deliver", &kept.to_string()]);
    let incident = l.entry(&["log-incident", "zon", "Server down"]);
    let resolved = l.entry(&["log-incident", "zon", "Printer jam"]);
    l.ok(&["resolve", &resolved.to_string()]);
    let other = l.promise("acme", "Report", "+3d", "today");

    let r = l.run(&["client", "archive", "zon"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("archived client"), "{}", r.stdout);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    assert!(
        r.stderr
            .starts_with("warning: Café de Zon still has 2 open items"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains(&format!("commitment #{open} (Website)")),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains(&format!("incident #{incident} (Server down)")),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains(&format!("#{kept}")), "{}", r.stderr);
    assert!(!r.stderr.contains(&format!("#{resolved} ")), "{}", r.stderr);
    // -q keeps it quiet; an archive without open items says nothing.
    l.ok(&["client", "unarchive", "zon"]);
    let r = l.run(&["client", "archive", "zon", "-q"]);
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
    let r = l.run(&["client", "archive", "acme"]);
    assert!(
        r.stderr.contains("ACME B.V. still has 1 open item:"),
        "{}",
        r.stderr
    );
    l.ok(&["client", "unarchive", "acme"]);
    let r = l.run(&["client", "archive", "acme", "--json"]);
    assert!(r.stderr.starts_with("warning:"), "{}", r.stderr);
    serde_json::from_str::<Value>(&r.stdout).expect("stdout stays one JSON document");
    l.ok(&["client", "unarchive", "acme"]);

    let ids = |v: &Value| -> Vec<i64> {
        v.as_array()
            .map(|a| a.iter().filter_map(|e| e["id"].as_i64()).collect())
            .unwrap_or_default()
    };
    let c = l.json(&["commitments", "--open"]);
    assert_eq!(ids(&c), vec![other, open], "{c}");
    assert_eq!(c[1]["client"]["archived"], true);
    assert_eq!(c[0]["client"]["archived"], false);
    // All commitments: the archived client's closed ones stay out, as before.
    assert_eq!(ids(&l.json(&["commitments"])), vec![other, open]);
    let table = l.ok(&["commitments", "--open"]);
    assert!(
        table.contains(&format!("#{open}\tCafé de Zon (archived)\tWebsite")),
        "{table}"
    );
    let i = l.json(&["incidents", "--open"]);
    assert_eq!(ids(&i), vec![incident], "{i}");
    assert_eq!(i[0]["client"]["archived"], true);
    assert!(l.ok(&["incidents"]).contains("Café de Zon (archived)"));
    assert_eq!(ids(&l.json(&["incidents"])), vec![incident]);
    // Asked for by name, the archived client's whole list shows.
    assert_eq!(ids(&l.json(&["commitments", "Café de Zon"])).len(), 2);
    let up = l.ok(&["upcoming", "--days", "30"]);
    assert!(
        up.contains(&format!(
            "commitment #{open} (Website) for Café de Zon (archived) due"
        )),
        "{up}"
    );
    let upj = l.json(&["upcoming", "--days", "30"]);
    assert!(
        upj.to_string().contains(&format!("commitment #{open}")),
        "{upj}"
    );
}
