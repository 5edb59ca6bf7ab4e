//! A realistic sample ledger: twelve clients whose histories tell the stories the report is
//! for (an attentive client, a neglected one, incidents handled well and badly, …), or, with a
//! fixed entry count, a large random ledger for benchmarks. Deterministic per seed and date.
//! Pure: the command layer writes what this returns.

use chrono::{Datelike, NaiveDate};

use crate::model::{
    Cause, Channel, Client, ClientRef, Entry, Kind, Money, Occasion, Reschedule, Severity,
};

const NAMES: &[&str] = &[
    "ACME B.V.",
    "Bakkerij De Graaf",
    "Café de Zon",
    "Van Dijk Advocaten",
    "Studio Noord",
    "Nordlicht GmbH",
    "Blue Harbor Ltd",
    "Zorggroep Oost",
    "Fietsenmakerij Jansen",
    "Atelier Lumière",
    "Kees & Co",
    "Brightwave Inc.",
];

const SYLLABLES: &[&str] = &[
    "van", "der", "berg", "hof", "stad", "licht", "zee", "noord", "zuid", "wind", "molen", "brug",
    "veld", "haven", "dal", "steen", "bos", "meer",
];
const SUFFIXES: &[&str] = &[
    "B.V.", "& Zn.", "Studio", "GmbH", "Ltd", "Groep", "Advies", "Design",
];
const CONTACTS: &[&str] = &[
    "Jan de Vries",
    "Sanne Bakker",
    "Pieter Jansen",
    "Fatima El Amrani",
    "Lotte Visser",
    "Klaus Richter",
    "Emma Clarke",
    "Daan Mulder",
    "Noor Hendriks",
    "Amélie Dubois",
    "Kees Smit",
    "Olivia Brown",
];
const GIFTS: &[&str] = &[
    "Wine box",
    "Flowers",
    "Chocolate letters",
    "Book voucher",
    "Cheese platter",
    "Dinner for two",
];
const COMPLIMENTS: &[&str] = &[
    "Always pays on time",
    "Very clear brief",
    "Great feedback round",
    "Fast decisions",
    "Lovely collaboration",
];
const WORK: &[&str] = &[
    "Design proposal",
    "Quarterly report",
    "Website update",
    "Workshop",
    "Menu cards",
    "Audit",
    "Logo variants",
];

pub struct Sample {
    pub clients: Vec<Client>,
    /// Entries whose `client.id` is the 1-based position of their client in `clients`.
    pub entries: Vec<Entry>,
}

struct Gen {
    rng: fastrand::Rng,
    as_of: NaiveDate,
    clients: Vec<Client>,
    entries: Vec<Entry>,
}

impl Gen {
    fn ago(&self, days: i64) -> NaiveDate {
        self.as_of - chrono::Duration::days(days)
    }

    fn client(
        &mut self,
        name: String,
        since_days: i64,
        cadence: Option<u32>,
        tags: &[&str],
    ) -> usize {
        let i = self.clients.len();
        let contact = CONTACTS[i % CONTACTS.len()].to_string();
        let email = format!(
            "{}@{}.example",
            contact.split(' ').next().unwrap_or("info").to_lowercase(),
            name.split(' ')
                .next()
                .unwrap_or("client")
                .to_lowercase()
                .replace(['.', '&'], "")
        );
        self.clients.push(Client {
            id: i as i64 + 1,
            name,
            contact: Some(contact),
            email: Some(email),
            phone: None,
            since: Some(self.ago(since_days)),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            cadence_days: cadence,
            note: None,
            archived: false,
            uuid: None,
            recorded_by: None,
        });
        i
    }

    fn entry(&mut self, client: usize, kind: Kind, days_ago: i64, text: &str) -> &mut Entry {
        let c = &self.clients[client];
        let r = ClientRef {
            id: c.id,
            name: c.name.clone(),
        };
        let mut e = Entry::new(kind, r, self.ago(days_ago.max(0)));
        e.description = Some(text.to_string());
        self.entries.push(e);
        self.entries.last_mut().unwrap_or_else(|| unreachable!())
    }

    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.rng.usize(..list.len())]
    }

    fn gift(&mut self, c: usize, days_ago: i64, cents: i64, occasion: Occasion) {
        let what = self.pick(GIFTS);
        let e = self.entry(c, Kind::Gift, days_ago, what);
        e.cost = Some(Money {
            cents,
            currency: "EUR".into(),
        });
        e.occasion = Some(occasion);
    }

    fn compliment(&mut self, c: usize, days_ago: i64) {
        let what = self.pick(COMPLIMENTS);
        self.entry(c, Kind::Compliment, days_ago, what);
    }

    fn touch(&mut self, c: usize, days_ago: i64, energy: u8, proactive: bool) {
        let channel = [
            Channel::Call,
            Channel::Meeting,
            Channel::Email,
            Channel::Visit,
        ][self.rng.usize(..4)];
        let text = if proactive {
            "Shared an idea for next quarter"
        } else {
            "Catch-up"
        };
        let e = self.entry(c, Kind::Touch, days_ago, text);
        e.channel = Some(channel);
        e.energy = Some(energy);
        e.proactive = proactive;
    }

    /// A commitment agreed `days_ago`, due `due_in` days later, delivered `late` days after
    /// its due date (None: still open).
    fn commitment(
        &mut self,
        c: usize,
        days_ago: i64,
        due_in: i64,
        late: Option<i64>,
        quality: u8,
    ) -> usize {
        let what = self.pick(WORK);
        let as_of = self.as_of;
        let e = self.entry(c, Kind::Commitment, days_ago, what);
        let due = e.date + chrono::Duration::days(due_in);
        e.due = Some(due);
        if let Some(l) = late {
            let d = due + chrono::Duration::days(l);
            if d <= as_of {
                e.delivered = Some(d);
                e.quality = Some(quality);
            }
        }
        self.entries.len() - 1
    }

    /// A client looked after well for a year: a compliment every `every` days and, each
    /// month, work delivered a day early at full quality, from `from_days` ago up to
    /// `to_days` ago. Fixed texts: it draws nothing from the generator, so the other
    /// clients' stories stay as they were for the same seed.
    fn devoted(&mut self, c: usize, from_days: i64, to_days: i64, every: i64) {
        let mut day = from_days;
        while day >= to_days {
            self.entry(
                c,
                Kind::Compliment,
                day,
                "Thanks for the smooth collaboration",
            );
            day -= every;
        }
        let as_of = self.as_of;
        let mut day = from_days;
        while day >= to_days + 30 {
            let proactive = day % 60 < 30;
            let text = if proactive {
                "Shared an idea for next quarter"
            } else {
                "Monthly call"
            };
            let e = self.entry(c, Kind::Touch, day, text);
            e.channel = Some(Channel::Call);
            e.energy = Some(5);
            e.proactive = proactive;
            let e = self.entry(c, Kind::Commitment, day, "Monthly update");
            let due = e.date + chrono::Duration::days(20);
            e.due = Some(due);
            let delivered = due - chrono::Duration::days(1);
            if delivered <= as_of {
                e.delivered = Some(delivered);
                e.quality = Some(5);
            }
            day -= 30;
        }
    }

    /// Background history: a year of ordinary contact, gestures and work.
    fn background(&mut self, c: usize, from_days: i64, to_days: i64, energy: u8) {
        let mut day = to_days;
        while day > from_days {
            match self.rng.u8(..10) {
                0..=4 => {
                    let e = (energy as i64 + self.rng.i64(-1..=1)).clamp(1, 5) as u8;
                    let p = self.rng.u8(..6) == 0;
                    self.touch(c, day, e, p);
                }
                5 | 6 => self.compliment(c, day),
                7 => {
                    let late = if self.rng.u8(..5) == 0 {
                        Some(self.rng.i64(1..8))
                    } else {
                        Some(-1)
                    };
                    let q = self.rng.u8(3..=5);
                    let due_in = self.rng.i64(7..30);
                    self.commitment(c, day, due_in, late, q);
                }
                8 => {
                    let cents = self.rng.i64(15..60) * 100;
                    self.gift(c, day, cents, Occasion::Thanks);
                }
                _ => {
                    let what = self.pick(WORK);
                    self.entry(c, Kind::Milestone, day, &format!("{what} launched"));
                    self.compliment(c, day - 3);
                }
            }
            day -= self.rng.i64(14..40);
        }
    }
}

fn generated_name(rng: &mut fastrand::Rng, i: usize) -> String {
    let a = SYLLABLES[rng.usize(..SYLLABLES.len())];
    let b = SYLLABLES[rng.usize(..SYLLABLES.len())];
    let s = SUFFIXES[rng.usize(..SUFFIXES.len())];
    let mut first = a.to_string();
    if let Some(c) = first.get(..1) {
        first = c.to_uppercase() + &first[1..];
    }
    format!("{first}{b} {s} {i:05}")
}

/// The story-telling sample: 12 named clients (more get generated names), about a year each.
pub fn sample(seed: u64, as_of: NaiveDate, clients: u32) -> Sample {
    let mut g = Gen {
        rng: fastrand::Rng::with_seed(seed),
        as_of,
        clients: Vec::new(),
        entries: Vec::new(),
    };
    // The anniversary falls 4–10 days ahead, so the report's Coming up shows it.
    let ahead = g.rng.i64(4..=10);
    let years_ago = NaiveDate::from_ymd_opt(as_of.year() - 5, as_of.month(), as_of.day().min(28))
        .unwrap_or(as_of);
    let since_acme = (as_of - years_ago).num_days() - ahead;

    let acme = g.client(NAMES[0].into(), since_acme, Some(30), &["tech", "key"]);
    g.background(acme, 40, 330, 4);
    g.devoted(acme, 330, 31, 30);
    g.compliment(acme, 1);
    g.gift(acme, 20, 4550, Occasion::Anniversary);
    g.touch(acme, 2, 5, true);
    g.touch(acme, 12, 4, false);
    g.commitment(acme, 30, 25, Some(0), 5);

    let graaf = g.client(NAMES[1].into(), 900, None, &["retail"]);
    g.background(graaf, 200, 420, 3);
    g.touch(graaf, 95, 3, false);

    let zon = g.client(NAMES[2].into(), 700, None, &["horeca"]);
    g.background(zon, 30, 300, 4);
    let e = g.entry(
        zon,
        Kind::Incident,
        20,
        "Booking site down after a power cut",
    );
    e.cause = Some(Cause::ForceMajeure);
    e.severity = Some(Severity::Major);
    e.informed = Some(e.date);
    e.explained = true;
    e.solution = Some("Moved bookings to the backup server".into());
    e.resolved = Some(e.date + chrono::Duration::days(2));
    g.compliment(zon, 10);
    g.gift(zon, 0, 2450, Occasion::Thanks);
    g.touch(zon, 4, 4, false);

    let dijk = g.client(NAMES[3].into(), 1200, None, &["legal"]);
    g.background(dijk, 30, 280, 3);
    let e = g.entry(
        dijk,
        Kind::Incident,
        9,
        "Sent the draft contract to the wrong address",
    );
    e.cause = Some(Cause::Own);
    e.severity = Some(Severity::Major);
    g.commitment(dijk, 40, 14, Some(9), 3);
    g.touch(dijk, 8, 2, false);

    let noord = g.client(NAMES[4].into(), 500, Some(30), &["design"]);
    g.background(noord, 20, 250, 5);
    g.devoted(noord, 360, 14, 28);
    g.touch(noord, 3, 5, true);
    g.touch(noord, 11, 5, true);
    g.compliment(noord, 7);

    let nord = g.client(NAMES[5].into(), 400, None, &["export"]);
    g.background(nord, 40, 300, 3);
    g.commitment(nord, 30, 18, None, 3);
    g.commitment(nord, 25, 20, None, 3);
    g.touch(nord, 15, 3, false);

    let blue = g.client(NAMES[6].into(), 600, None, &["shipping"]);
    g.background(blue, 60, 300, 3);
    g.touch(blue, 35, 2, false);
    g.touch(blue, 20, 1, false);
    g.touch(blue, 6, 2, false);
    g.compliment(blue, 45);

    let oost = g.client(NAMES[7].into(), 800, None, &["care"]);
    g.background(oost, 40, 300, 4);
    g.entry(oost, Kind::Milestone, 10, "New patient portal live");
    g.commitment(oost, 10, 13, None, 3);
    g.touch(oost, 5, 4, false);

    let jansen = g.client(NAMES[8].into(), 1500, None, &["retail"]);
    g.background(jansen, 30, 200, 4);
    let day_of_year = i64::from(as_of.ordinal0());
    for (d, cents) in [
        (day_of_year.min(300), 9500),
        (day_of_year.min(120), 6500),
        (5, 4500),
    ] {
        g.gift(jansen, d, cents, Occasion::Thanks);
    }

    let lumiere = g.client(NAMES[9].into(), 650, Some(45), &["design"]);
    g.background(lumiere, 10, 330, 4);
    g.commitment(lumiere, 20, 19, Some(0), 4);

    let kees = g.client(NAMES[10].into(), 20, None, &[]);
    g.touch(kees, 18, 4, false);
    g.commitment(kees, 18, 30, None, 3);

    let bright = g.client(NAMES[11].into(), 300, None, &["tech"]);
    g.background(bright, 30, 280, 3);
    let i = g.commitment(bright, 45, 10, None, 3);
    let e = &mut g.entries[i];
    e.missed = Some(e.date + chrono::Duration::days(12));
    e.missed_reason = Some("Supplier delivered late".into());
    let i = g.commitment(bright, 30, 10, None, 3);
    let e = &mut g.entries[i];
    let first_due = e.due.unwrap_or(e.date);
    e.reschedules.push(Reschedule {
        date: first_due - chrono::Duration::days(1),
        due: first_due + chrono::Duration::days(10),
        agreed: false,
    });
    e.delivered = Some(first_due + chrono::Duration::days(8)).filter(|d| *d <= as_of);
    e.quality = e.delivered.map(|_| 4);

    for i in NAMES.len()..clients as usize {
        let name = generated_name(&mut g.rng, i + 1);
        let since = g.rng.i64(30..3000);
        let c = g.client(name, since, None, &[]);
        let energy = g.rng.u8(2..=5);
        let recent = g.rng.i64(0..90);
        g.background(c, recent, 365, energy);
    }
    let keep = (clients as usize).min(g.clients.len());
    g.clients.truncate(keep);
    let Gen {
        clients,
        mut entries,
        ..
    } = g;
    entries.retain(|e| e.client.id <= keep as i64);
    Sample { clients, entries }
}

/// A large random ledger for benchmarks: exactly `entries` entries over `clients` clients,
/// spread over the two years before `as_of`.
pub fn large(seed: u64, as_of: NaiveDate, clients: u32, entries: u32) -> Sample {
    let mut g = Gen {
        rng: fastrand::Rng::with_seed(seed),
        as_of,
        clients: Vec::new(),
        entries: Vec::with_capacity(entries as usize),
    };
    for i in 0..clients as usize {
        let name = match NAMES.get(i) {
            Some(n) => n.to_string(),
            None => generated_name(&mut g.rng, i + 1),
        };
        let since = g.rng.i64(30..4000);
        g.client(name, since, None, &[]);
    }
    for _ in 0..entries {
        let c = g.rng.usize(..clients as usize);
        let day = g.rng.i64(0..730);
        match g.rng.u8(..100) {
            0..=39 => {
                let e = g.rng.u8(1..=5);
                let p = g.rng.u8(..5) == 0;
                g.touch(c, day, e, p);
            }
            40..=54 => g.compliment(c, day),
            55..=62 => {
                let cents = g.rng.i64(10..80) * 100;
                g.gift(c, day, cents, Occasion::Thanks);
            }
            63..=84 => {
                let late = match g.rng.u8(..10) {
                    0 => None,
                    1 | 2 => Some(g.rng.i64(1..10)),
                    _ => Some(-1),
                };
                let q = g.rng.u8(1..=5);
                let due_in = g.rng.i64(5..30);
                let i = g.commitment(c, day, due_in, late, q);
                if late.is_none() && g.rng.bool() {
                    let e = &mut g.entries[i];
                    e.missed = e.due.filter(|d| *d <= as_of);
                }
            }
            85..=89 => {
                let e = g.entry(c, Kind::Incident, day, "Something went wrong");
                e.severity = Some(Severity::Minor);
                e.cause = Some(Cause::Own);
                e.informed = Some(e.date);
                e.resolved = Some(e.date + chrono::Duration::days(3)).filter(|d| *d <= as_of);
            }
            _ => {
                g.entry(c, Kind::Milestone, day, "Milestone");
            }
        }
    }
    Sample {
        clients: g.clients,
        entries: g.entries,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::score::{ClientFacts, score};

    /// The bands of the sample's clients, scored as `demo` scores them.
    fn bands(seed: u64, as_of: NaiveDate) -> Vec<(String, &'static str)> {
        let s = sample(seed, as_of, 12);
        let cfg = Config::default();
        s.clients
            .iter()
            .map(|c| {
                let entries: Vec<Entry> = s
                    .entries
                    .iter()
                    .filter(|e| e.client.id == c.id)
                    .cloned()
                    .collect();
                let facts = ClientFacts {
                    client: c.to_ref(),
                    cadence_days: c.cadence_days,
                };
                let sc = score(&facts, &entries, &cfg, as_of, false);
                (c.name.clone(), sc.band)
            })
            .collect()
    }

    #[test]
    fn the_sample_shows_every_band_and_two_strong_clients() {
        for seed in 1..=20 {
            for day in ["2026-11-26", "2027-02-28", "2028-07-01"] {
                let as_of = NaiveDate::parse_from_str(day, "%Y-%m-%d").expect("date");
                let b = bands(seed, as_of);
                let n = |band: &str| b.iter().filter(|x| x.1 == band).count();
                assert!(n("strong") >= 2, "seed {seed}, {day}: {b:?}");
                assert!(
                    n("ok") >= 1 && n("at-risk") >= 1,
                    "seed {seed}, {day}: {b:?}"
                );
                for name in [NAMES[0], NAMES[4]] {
                    assert!(b.contains(&(name.to_string(), "strong")), "{name}: {b:?}");
                }
            }
        }
    }
}
