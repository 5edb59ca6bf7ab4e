//! The people at each client: contact add/list/edit/remove, birthdays as occasions, undo,
//! and erasure with the client.

use crate::support::Ledger;

fn people(l: &Ledger, client: Option<&str>) -> Vec<serde_json::Value> {
    let mut a = vec!["contact", "list"];
    a.extend(client);
    l.json(&a).as_array().expect("array").clone()
}

#[test]
fn people_are_added_listed_edited_removed_and_undone() {
    let l = Ledger::new();
    l.client("ACME B.V.");
    l.client("Café de Zon");
    let jan = l.json(&[
        "contact",
        "add",
        "acme",
        "Jan de Vries",
        "--role",
        "inkoper",
        "--email",
        "jan@acme.nl",
        "--email",
        "j.devries@gmail.com",
        "--phone",
        "+31 20 123 4567",
        "--birthday",
        "5-12",
    ]);
    assert_eq!(jan["name"], "Jan de Vries");
    assert_eq!(jan["client"]["name"], "ACME B.V.");
    assert_eq!(
        jan["emails"],
        serde_json::json!(["jan@acme.nl", "j.devries@gmail.com"])
    );
    assert_eq!(jan["birthday"], "--12-05");
    let id = jan["id"].as_i64().expect("id").to_string();
    let out = l.ok(&[
        "contact",
        "add",
        "zon",
        "Els Bakker",
        "--birthday",
        "1980-02-29",
    ]);
    assert_eq!(out.trim(), "added contact #2 Els Bakker at Café de Zon");
    assert_eq!(people(&l, None).len(), 2);
    assert_eq!(people(&l, Some("zon")).len(), 1);

    let edited = l.json(&[
        "contact",
        "edit",
        &id,
        "--role",
        "",
        "--phone",
        "06 12345678",
    ]);
    assert_eq!(edited["role"], serde_json::Value::Null);
    assert_eq!(edited["phones"], serde_json::json!(["06 12345678"]));
    assert_eq!(edited["emails"].as_array().map(Vec::len), Some(2));
    l.ok(&["undo"]);
    assert_eq!(people(&l, Some("acme"))[0]["role"], "inkoper");

    l.ok(&["contact", "remove", &id]);
    assert_eq!(people(&l, Some("acme")).len(), 0);
    l.ok(&["undo"]);
    assert_eq!(people(&l, Some("acme"))[0]["name"], "Jan de Vries");
    // Undo of an add takes the person away again.
    l.ok(&["contact", "add", "acme", "Piet"]);
    l.ok(&["undo"]);
    assert_eq!(people(&l, Some("acme")).len(), 1);

    // Bad input changes nothing.
    let err = l.fails_unchanged(
        &["contact", "add", "acme", "Kees", "--birthday", "31-02"],
        2,
    );
    assert!(err.contains("invalid birthday"), "{err}");
    l.fails_unchanged(&["contact", "add", "acme", "  "], 2);
    l.fails_unchanged(&["contact", "edit", "99", "--role", "x"], 1);
    l.fails_unchanged(&["contact", "remove", "abc"], 2);
    l.fails_unchanged(&["contact", "add", "nobody", "Kees"], 1);
}

#[test]
fn client_add_contact_makes_the_first_person_and_show_lists_them() {
    let l = Ledger::new();
    l.ok(&[
        "client",
        "add",
        "ACME B.V.",
        "--contact",
        "Jan de Vries",
        "--email",
        "jan@acme.nl",
        "--phone",
        "020 1234567",
    ]);
    let p = people(&l, Some("acme"));
    assert_eq!(p.len(), 1);
    assert_eq!(p[0]["name"], "Jan de Vries");
    assert_eq!(p[0]["emails"], serde_json::json!(["jan@acme.nl"]));
    assert_eq!(p[0]["phones"], serde_json::json!(["020 1234567"]));
    let show = l.json(&["client", "show", "acme"]);
    assert_eq!(show["people"][0]["name"], "Jan de Vries");
    // The client's own contact field is kept as before.
    assert_eq!(show["client"]["contact"], "Jan de Vries");
    // One undo takes back the client with its first person.
    l.ok(&["undo"]);
    assert!(
        l.json(&["client", "list"])
            .as_array()
            .expect("array")
            .is_empty()
    );
}

#[test]
fn birthdays_are_occasions_marked_by_a_gift_for_the_person() {
    let l = Ledger::new();
    l.client("ACME B.V.");
    l.client("Café de Zon");
    l.ok(&[
        "contact",
        "add",
        "acme",
        "Jan de Vries",
        "--birthday",
        "1980-12-05",
    ]);
    l.ok(&["contact", "add", "zon", "Els Bakker", "--birthday", "10-12"]);
    l.ok(&["contact", "add", "zon", "Kees", "--birthday", "01-06"]);
    let up = l.json(&["upcoming", "--as-of", "2026-11-30"]);
    let bdays: Vec<&serde_json::Value> = up
        .as_array()
        .expect("array")
        .iter()
        .filter(|u| u["kind"] == "birthday")
        .collect();
    assert_eq!(bdays.len(), 2, "{up}");
    assert_eq!(bdays[0]["date"], "2026-12-05");
    assert_eq!(
        bdays[0]["message"],
        "Jan de Vries (ACME B.V.) turns 46 on 5 Dec"
    );
    assert_eq!(
        bdays[1]["message"],
        "birthday of Els Bakker (Café de Zon) on 10 Dec"
    );
    // A gift for Jan marks his birthday; a birthday gift at Café de Zon marks Els's.
    let gift = l.entry(&[
        "log-gift",
        "acme",
        "Boek",
        "--for-contact",
        "jan",
        "--date",
        "2026-11-28",
    ]);
    // A compliment at the client, for nobody in particular, marks nothing.
    l.entry(&["log-compliment", "zon", "Kaartje", "--date", "2026-11-29"]);
    let wine = l.entry(&[
        "log-gift",
        "zon",
        "Wijn",
        "--occasion",
        "birthday",
        "--date",
        "2026-11-29",
    ]);
    let r = l.json(&["report", "--as-of", "2026-11-30"]);
    let coming: Vec<String> = r["upcoming"]
        .as_array()
        .expect("array")
        .iter()
        .filter(|u| u["kind"] == "birthday")
        .map(|u| u["message"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(
        coming,
        [
            format!("Jan de Vries (ACME B.V.) turns 46 on 5 Dec, marked by gift #{gift}"),
            format!("birthday of Els Bakker (Café de Zon) on 10 Dec, marked by gift #{wine}"),
        ]
    );
    // The calendar has them too.
    // The calendar has them as yearly events, one per person, whatever the year's age or mark.
    // On a fixed day: the calendar looks a year ahead from today.
    let ics = l
        .run_env(
            true,
            &[("RELATIES_TODAY", std::ffi::OsStr::new("2026-11-30"))],
            &["export", "--format", "ics"],
        )
        .stdout;
    let event = ics
        .split("BEGIN:VEVENT")
        .find(|e| e.contains("SUMMARY:Birthday of Jan de Vries (ACME B.V.)"))
        .unwrap_or_else(|| panic!("no birthday event in\n{ics}"));
    assert!(event.contains("RRULE:FREQ=YEARLY"), "{event}");
    assert!(
        event.contains("UID:birthday-1-jan-de-vries@relaties"),
        "{event}"
    );
    assert!(event.contains("DTSTART;VALUE=DATE:20261205"), "{event}");
    // An unknown person: refused, nothing recorded.
    let err = l.fails_unchanged(&["log-gift", "acme", "Boek", "--for-contact", "piet"], 1);
    assert!(err.contains("Jan de Vries"), "{err}");
}

#[test]
fn forget_erases_the_people_leaving_no_bytes() {
    let l = Ledger::new();
    l.client("Geheim B.V.");
    l.ok(&[
        "contact",
        "add",
        "geheim",
        "Wilhelmina Zwartkop",
        "--email",
        "w.zwartkop@example.nl",
        "--birthday",
        "1970-03-14",
    ]);
    l.entry(&[
        "log-gift",
        "geheim",
        "Bloemen",
        "--for-contact",
        "wilhelmina",
    ]);
    l.ok(&["client", "forget", "geheim", "--yes"]);
    assert!(people(&l, None).is_empty());
    assert_eq!(l.query("SELECT count(*) FROM entry_contacts"), [["0"]]);
    let bytes = std::fs::read(&l.path).expect("read");
    for secret in ["Zwartkop", "w.zwartkop@example.nl"] {
        assert!(
            !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
            "{secret} is still in the ledger file"
        );
    }
    // --anonymize keeps the entries for the books, not the people.
    l.client("Anoniem B.V.");
    l.ok(&["contact", "add", "anoniem", "Cornelis Vlasblom"]);
    l.ok(&["client", "forget", "anoniem", "--yes", "--anonymize"]);
    assert!(people(&l, None).is_empty());
    let bytes = std::fs::read(&l.path).expect("read");
    assert!(!String::from_utf8_lossy(&bytes).contains("Vlasblom"));
}

#[test]
fn a_vcard_is_a_person_at_its_org_and_a_second_card_updates_them() {
    let l = Ledger::new();
    let vcf = l.dir.path().join("contacts.vcf");
    std::fs::write(
        &vcf,
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jan de Vries\r\nORG:ACME B.V.\r\nTITLE:Inkoper\r\n\
         EMAIL;TYPE=WORK:jan@acme.nl\r\nTEL:020 1234567\r\nBDAY:1980-12-05\r\nEND:VCARD\r\n\
         BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jan de Vries\r\nORG:ACME B.V.\r\n\
         EMAIL;TYPE=HOME:jan@gmail.com\r\nTEL:06 12345678\r\nEND:VCARD\r\n\
         BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Els Bakker\r\nORG:ACME B.V.\r\nBDAY:--0305\r\n\
         END:VCARD\r\n",
    )
    .expect("write");
    let path = vcf.to_str().expect("utf-8");
    let out = l.ok(&["import", path]);
    assert!(out.starts_with("1 new client, 0 new entries"), "{out}");
    assert!(out.contains("2 new people, 1 person updated"), "{out}");
    let p = people(&l, Some("acme"));
    assert_eq!(p.len(), 2, "{p:?}");
    let jan = p.iter().find(|x| x["name"] == "Jan de Vries").expect("jan");
    assert_eq!(
        jan["emails"],
        serde_json::json!(["jan@acme.nl", "jan@gmail.com"])
    );
    assert_eq!(
        jan["phones"],
        serde_json::json!(["020 1234567", "06 12345678"])
    );
    assert_eq!(jan["birthday"], "1980-12-05");
    assert_eq!(jan["role"], "Inkoper");
    // The same file again changes nothing.
    let before = l.dump();
    let again = l.ok(&["import", path]);
    assert!(again.starts_with("0 new clients, 0 new entries"), "{again}");
    assert_eq!(l.dump(), before);
    // Their birthdays are occasions.
    let up = l.json(&["upcoming", "--as-of", "2026-11-30", "--days", "120"]);
    let kinds: Vec<&str> = up
        .as_array()
        .expect("array")
        .iter()
        .filter(|u| u["kind"] == "birthday")
        .map(|u| u["message"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(kinds.len(), 2, "{up}");
}
