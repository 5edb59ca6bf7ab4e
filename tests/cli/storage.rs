//! One storage test suite, run against every engine behind `relaties::store::Ledger`: a
//! SQLite file, and a team ledger on the PostgreSQL test server (skipped where there is none,
//! failing under CI=true). Each test writes and reads through the interface only, so an
//! engine that answers differently fails here before any command shows it.

use anyhow::Result;
use chrono::NaiveDate;

use relaties::model::{
    Birthday, Cause, Channel, Client, Contact, Entry, Kind, Money, Occasion, Reschedule, Severity,
};
use relaties::store::{EntryFilter, Ledger, Location, Mode, Texts};

/// A ledger of one engine for one test; what keeps it alive is dropped with it.
pub struct Fixture {
    loc: Location,
    _keep: Box<dyn std::any::Any>,
}

impl Fixture {
    fn write(&self) -> Result<Box<dyn Ledger>> {
        relaties::store::open(&self.loc, Mode::Existing)
    }

    fn read(&self) -> Result<Box<dyn Ledger>> {
        relaties::store::open(&self.loc, Mode::Read)
    }
}

pub fn sqlite(_test: &str) -> Option<Fixture> {
    let dir = tempfile::tempdir().ok()?;
    let path = dir.path().join("ledger.db");
    relaties::store::open(&Location::File(path.clone()), Mode::Create).ok()?;
    Some(Fixture {
        loc: Location::File(path),
        _keep: Box::new(dir),
    })
}

pub fn postgres(test: &str) -> Option<Fixture> {
    let server = crate::pg_support::server(test)?;
    let db = server.fresh_database();
    let url = db.url();
    relaties::store::postgres::team::init(&url).expect("team init");
    Some(Fixture {
        loc: Location::Server(url),
        _keep: Box::new(db),
    })
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("a test date")
}

fn client(name: &str) -> Client {
    let mut c = Client::named(name);
    c.contact = Some("Jan".into());
    c.email = Some("jan@example.nl".into());
    c.since = Some(day("2021-12-05"));
    c.tags = vec!["retail".into(), "nl".into()];
    c.cadence_days = Some(30);
    c.note = Some("prefers calls".into());
    c
}

/// One entry of each kind, every field of its kind set.
fn entries_for(c: &Client) -> Vec<Entry> {
    let mut gift = Entry::new(Kind::Gift, c.to_ref(), day("2026-11-02"));
    gift.description = Some("Wine box".into());
    gift.occasion = Some(Occasion::Holiday);
    gift.cost = Some(Money {
        cents: 4550,
        currency: "EUR".into(),
    });
    gift.note = Some("via the shop".into());
    let mut compliment = Entry::new(Kind::Compliment, c.to_ref(), day("2026-11-03"));
    compliment.description = Some("Great launch".into());
    compliment.reason = Some("the launch went well".into());
    let mut touch = Entry::new(Kind::Touch, c.to_ref(), day("2026-11-04"));
    touch.channel = Some(Channel::Call);
    touch.energy = Some(4);
    touch.proactive = true;
    let mut promise = Entry::new(Kind::Commitment, c.to_ref(), day("2026-11-05"));
    promise.description = Some("Send the draft".into());
    promise.due = Some(day("2026-11-12"));
    promise.reschedules = vec![Reschedule {
        date: day("2026-11-10"),
        due: day("2026-11-19"),
        agreed: true,
    }];
    promise.delivered = Some(day("2026-11-18"));
    promise.quality = Some(5);
    let mut incident = Entry::new(Kind::Incident, c.to_ref(), day("2026-11-06"));
    incident.description = Some("Wrong address".into());
    incident.cause = Some(Cause::Own);
    incident.severity = Some(Severity::Major);
    incident.informed = Some(day("2026-11-07"));
    incident.explained = true;
    incident.solution = Some("resent".into());
    let mut milestone = Entry::new(Kind::Milestone, c.to_ref(), day("2026-11-08"));
    milestone.description = Some("Five years".into());
    milestone.void = true;
    milestone.void_reason = Some("double".into());
    vec![gift, compliment, touch, promise, incident, milestone]
}

/// Fields the store fills in (ids, identities, who) set as stored, for comparing.
fn as_stored(mut e: Entry, stored: &Entry) -> Entry {
    e.id = stored.id;
    e.uuid.clone_from(&stored.uuid);
    e.recorded_by.clone_from(&stored.recorded_by);
    e
}

pub fn clients_round_trip(f: &Fixture) -> Result<()> {
    let mut w = f.write()?;
    let added = w.write(|t| t.add_client(&client("Bakkerij De Graaf")))?;
    assert_eq!(added.name, "Bakkerij De Graaf");
    assert!(added.uuid.is_some(), "a new client gets an identity");
    assert!(
        added.recorded_by.is_some(),
        "a new client says who added it"
    );
    let mut expected = client("Bakkerij De Graaf");
    expected.id = added.id;
    expected.uuid.clone_from(&added.uuid);
    expected.recorded_by.clone_from(&added.recorded_by);
    assert_eq!(added, expected);
    // The same name, folded (case and accents), is taken; nothing is written.
    let taken = w.write(|t| t.add_client(&Client::named("bakkerij de gräaf")));
    assert!(taken.is_err());
    let second = w.write(|t| t.add_client(&Client::named("Café Noir")))?;
    assert!(second.id > added.id);
    let r = f.read()?;
    let names: Vec<String> = r.clients()?.into_iter().map(|c| c.name).collect();
    assert_eq!(names, ["Bakkerij De Graaf", "Café Noir"]);
    assert_eq!(r.client_by_key("cafe noir")?.map(|c| c.id), Some(second.id));
    let prefixed: Vec<i64> = r
        .clients_by_prefix("bak", 5)?
        .iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(prefixed, [added.id]);
    let mut changed = added.clone();
    changed.name = "Bakkerij de Graaf & Zn".into();
    changed.archived = true;
    let stored = w.write(|t| t.update_client(&changed))?;
    assert_eq!(stored.name, "Bakkerij de Graaf & Zn");
    assert!(stored.archived);
    Ok(())
}

pub fn entries_round_trip(f: &Fixture) -> Result<()> {
    let mut w = f.write()?;
    let c = w.write(|t| t.add_client(&client("ACME B.V.")))?;
    let made = entries_for(&c);
    let stored: Vec<Entry> = w.write(|t| made.iter().map(|e| t.add_entry(e)).collect())?;
    for (e, s) in made.iter().zip(&stored) {
        assert_eq!(
            &as_stored(e.clone(), s),
            s,
            "{:?} reads back as it was",
            e.kind
        );
    }
    let r = f.read()?;
    // Newest first, void ones left out unless asked for.
    let listed: Vec<i64> = r
        .entries(&EntryFilter::default())?
        .iter()
        .map(|e| e.id)
        .collect();
    let mut live: Vec<i64> = stored.iter().filter(|e| !e.void).map(|e| e.id).collect();
    live.reverse();
    assert_eq!(listed, live);
    let gifts = r.entries(&EntryFilter {
        kinds: vec![Kind::Gift, Kind::Touch],
        since: Some(day("2026-11-03")),
        ..Default::default()
    })?;
    assert_eq!(gifts.len(), 1);
    assert_eq!(gifts[0].kind, Kind::Touch);
    let all = r.entries(&EntryFilter {
        include_void: true,
        limit: Some(2),
        ..Default::default()
    })?;
    assert_eq!(all.len(), 2);
    assert!(all[0].void, "the void milestone is the newest");
    // The scan hands over live entries per client, with the facts scoring reads.
    let mut seen = Vec::new();
    r.each_client(c.id..=c.id, Texts::All, &mut |id, es| {
        seen.push((id, es.iter().map(|e| (e.id, e.kind)).collect::<Vec<_>>()));
        Ok(())
    })?;
    let want: Vec<(i64, Kind)> = stored
        .iter()
        .filter(|e| !e.void)
        .map(|e| (e.id, e.kind))
        .collect();
    assert_eq!(seen, [(c.id, want.clone())]);
    assert_eq!(
        r.live_entries_of(c.id)?
            .iter()
            .map(|e| (e.id, e.kind))
            .collect::<Vec<_>>(),
        want
    );
    assert_eq!(r.stale_facts()?, Vec::<i64>::new());
    let open = r.open_items(Kind::Incident)?;
    assert!(open.iter().any(|i| i.id == stored[4].id));
    let mut recorded = 0;
    r.each_entry_recorded(true, &mut |_, at| {
        assert_eq!(at.len(), 19, "{at}");
        recorded += 1;
        Ok(())
    })?;
    assert_eq!(recorded, made.len());
    assert_eq!(
        r.entries(&EntryFilter::default())?
            .iter()
            .find(|e| e.kind == Kind::Gift)
            .map(|e| e.cost.clone()),
        Some(made[0].cost.clone())
    );
    let again = w.write(|t| t.same_gift_since(c.id, " wine BOX", day("2026-10-01")))?;
    assert_eq!(again, Some(day("2026-11-02")));
    // An update stores every field.
    let mut edited = stored[3].clone();
    edited.description = Some("Send the final draft".into());
    edited.missed = None;
    let back = w.write(|t| t.update_entry(&edited))?;
    assert_eq!(back.description.as_deref(), Some("Send the final draft"));
    assert_eq!(back.reschedules, made[3].reschedules);
    Ok(())
}

pub fn a_reader_sees_one_snapshot(f: &Fixture) -> Result<()> {
    let mut w = f.write()?;
    let c = w.write(|t| t.add_client(&Client::named("Snapshot")))?;
    let r = f.read()?;
    let before = r.changes()?;
    w.write(|t| {
        t.add_entry(&Entry::new(Kind::Touch, c.to_ref(), day("2026-11-20")))
            .map(|_| ())
    })?;
    assert!(
        r.entries(&EntryFilter::default())?.is_empty(),
        "the reader's snapshot is older"
    );
    assert_eq!(r.changes()?, before);
    // A second reader for another thread reads the same snapshot.
    if let Some(twin) = (r.twin()?)()? {
        assert!(twin.entries(&EntryFilter::default())?.is_empty());
        assert_eq!(twin.changes()?, before);
    }
    assert_eq!(f.read()?.changes()?, before + 1);
    assert_eq!(f.read()?.entries(&EntryFilter::default())?.len(), 1);
    Ok(())
}

pub fn a_failed_write_leaves_nothing(f: &Fixture) -> Result<()> {
    let mut w = f.write()?;
    let err: Result<()> = w.write(|t| {
        t.add_client(&Client::named("Half"))?;
        anyhow::bail!("stopped half-way")
    });
    assert!(err.is_err());
    assert!(f.read()?.clients()?.is_empty());
    Ok(())
}

pub fn undo_walks_back(f: &Fixture) -> Result<()> {
    let mut w = f.write()?;
    let c = w.write(|t| {
        t.set_summary("added".into());
        t.add_client(&Client::named("Undo B.V."))
    })?;
    let e = w.write(|t| {
        t.set_summary("recorded".into());
        t.add_entry(&Entry::new(Kind::Gift, c.to_ref(), day("2026-11-20")))
    })?;
    let mut changed = e.clone();
    changed.description = Some("Flowers".into());
    w.write(|t| {
        t.set_summary("edited".into());
        t.update_entry(&changed).map(|_| ())
    })?;
    w.write(|t| {
        t.set_summary("set".into());
        t.set_setting("weight.trust", Some("2"))
    })?;
    assert_eq!(w.undo()?.summary, "set");
    assert!(f.read()?.settings()?.is_empty());
    let u = w.undo()?;
    assert_eq!(u.summary, "edited");
    assert_eq!(u.entries.len(), 1);
    let back = f.read()?.entries(&EntryFilter::default())?;
    assert_eq!(back[0].description, None);
    assert_eq!(w.undo()?.summary, "recorded");
    assert!(f.read()?.entries(&EntryFilter::default())?.is_empty());
    Ok(())
}

pub fn contacts_and_links(f: &Fixture) -> Result<()> {
    let mut w = f.write()?;
    let c = w.write(|t| t.add_client(&Client::named("People Inc")))?;
    let mut p = Contact::new(c.to_ref(), "Anna de Vries");
    p.role = Some("CFO".into());
    p.emails = vec!["anna@example.nl".into()];
    p.birthday = Birthday::parse("--12-05");
    let p = w.write(|t| t.add_contact(&p))?;
    assert_eq!(p.name, "Anna de Vries");
    assert_eq!(p.birthday, Birthday::parse("--12-05"));
    let mut gift = Entry::new(Kind::Gift, c.to_ref(), day("2026-11-20"));
    gift.occasion = Some(Occasion::Birthday);
    let g = w.write(|t| {
        let g = t.add_entry(&gift)?;
        t.link_contact(g.id, p.id)?;
        Ok(g)
    })?;
    let r = f.read()?;
    assert_eq!(r.entry_contacts()?, [(g.id, p.id)]);
    assert_eq!(r.contacts(Some(c.id))?.len(), 1);
    assert_eq!(
        r.birthday_gestures()?,
        [(p.id, g.id, Kind::Gift, day("2026-11-20"))]
    );
    w.write(|t| t.remove_contact(p.id))?;
    let r = f.read()?;
    assert!(r.contacts(None)?.is_empty());
    assert!(r.entry_contacts()?.is_empty());
    assert_eq!(
        r.entries(&EntryFilter::default())?.len(),
        1,
        "the gift stays"
    );
    Ok(())
}

pub fn imports_keep_ids_and_identities(f: &Fixture) -> Result<()> {
    let mut w = f.write()?;
    let mut c = Client::named("Imported");
    c.id = 40;
    c.uuid = Some("0b9a8f5e-3c1d-4e2f-9a7b-6c5d4e3f2a1b".into());
    c.recorded_by = Some("someone".into());
    let mut e = Entry::new(Kind::Touch, c.to_ref(), day("2026-11-01"));
    e.id = 700;
    e.uuid = Some("1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f".into());
    w.write(|t| {
        t.skip_journal();
        t.import_client(&c, true, false, Some("2024-01-02 03:04:05"))?;
        t.import_entry(&e, Some("2024-01-02 03:04:06"))?;
        Ok(())
    })?;
    let uuids = w.write(|t| Ok((t.client_uuids()?, t.entry_uuids()?)))?;
    assert_eq!(
        uuids.0.get(c.uuid.as_deref().unwrap_or_default()),
        Some(&40)
    );
    assert_eq!(
        uuids.1.get(e.uuid.as_deref().unwrap_or_default()),
        Some(&700)
    );
    // New rows are numbered after the kept ones.
    let next = w.write(|t| t.add_entry(&Entry::new(Kind::Touch, c.to_ref(), day("2026-11-02"))))?;
    assert!(next.id > 700, "{}", next.id);
    let r = f.read()?;
    assert_eq!(
        r.client_times()?.get(&40).map(String::as_str),
        Some("2024-01-02 03:04:05")
    );
    Ok(())
}

pub fn forgetting_erases_and_seals_undo(f: &Fixture) -> Result<()> {
    let mut w = f.write()?;
    let (a, b) = w.write(|t| {
        Ok((
            t.add_client(&client("Erase Me"))?,
            t.add_client(&client("Anonymize Me"))?,
        ))
    })?;
    w.write(|t| {
        for e in entries_for(&a).iter().chain(&entries_for(&b)) {
            t.add_entry(e)?;
        }
        Ok(())
    })?;
    w.write(|t| t.forget_client(a.id, false))?;
    w.write(|t| t.forget_client(b.id, true))?;
    w.wipe_erased()?;
    let r = f.read()?;
    let left: Vec<Client> = r.clients()?;
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].name, format!("forgotten client #{}", b.id));
    assert!(r.forgotten_ids()?.contains(&b.id));
    let kept = r.entries(&EntryFilter {
        include_void: true,
        include_archived: true,
        ..Default::default()
    })?;
    assert_eq!(kept.len(), 6, "the anonymized client's entries stay");
    assert!(
        kept.iter()
            .all(|e| e.description.is_none() && e.note.is_none())
    );
    assert_eq!(r.stale_facts()?, Vec::<i64>::new());
    assert!(
        w.undo().is_err(),
        "nothing before the erasure can be undone"
    );
    Ok(())
}

pub fn a_backup_is_a_sqlite_ledger_with_the_same_rows(f: &Fixture) -> Result<()> {
    let mut w = f.write()?;
    let c = w.write(|t| t.add_client(&client("Backed Up")))?;
    w.write(|t| {
        for e in entries_for(&c) {
            t.add_entry(&e)?;
        }
        t.set_setting("weight.trust", Some("2"))
    })?;
    let dir = tempfile::tempdir()?;
    let dest = dir.path().join("copy.db");
    let r = f.read()?;
    r.backup_to(&dest)?;
    let copy = relaties::store::open(&Location::File(dest), Mode::Read)?;
    assert_eq!(copy.clients()?, r.clients()?);
    let all = EntryFilter {
        include_void: true,
        include_archived: true,
        ..Default::default()
    };
    assert_eq!(copy.entries(&all)?, r.entries(&all)?);
    assert_eq!(copy.settings()?, r.settings()?);
    Ok(())
}

macro_rules! storage_tests {
    ($engine:ident: $($test:ident),+ $(,)?) => {
        mod $engine {
            $(
                #[test]
                fn $test() -> anyhow::Result<()> {
                    let name = concat!(stringify!($engine), "::", stringify!($test));
                    let Some(f) = super::$engine(name) else {
                        return Ok(());
                    };
                    super::$test(&f).context(name)
                }
            )+
            use anyhow::Context;
        }
    };
}

macro_rules! every_engine {
    ($($engine:ident),+) => {
        $(
            storage_tests!($engine:
                clients_round_trip,
                entries_round_trip,
                a_reader_sees_one_snapshot,
                a_failed_write_leaves_nothing,
                undo_walks_back,
                contacts_and_links,
                imports_keep_ids_and_identities,
                forgetting_erases_and_seals_undo,
                a_backup_is_a_sqlite_ledger_with_the_same_rows,
            );
        )+
    };
}

every_engine!(sqlite, postgres);
