//! An entry's scoring facts packed in one blob, stored beside the readable columns: 44 bytes,
//! then 9 for each reschedule.
//!
//! Scoring every client reads every live entry; decoding some twenty columns per row costs more
//! than everything else in a report. The blob carries all that scoring and the report need
//! except the description, so the scan reads four columns. It is written
//! from the same `Entry` as the columns, in the same statement, so the two cannot disagree
//! (`doctor` checks that they do not).

use chrono::{Datelike, NaiveDate};

use crate::model::{Cause, Channel, Entry, Kind, Money, Occasion, Severity};

/// Bumped when the layout changes (then a migration rewrites the column).
pub const LAYOUT: u8 = 1;
const LEN: usize = 44;
const RESCHEDULE_LEN: usize = 9;
const NO_DATE: i32 = i32::MIN;

const VOID: u8 = 1;
const PROACTIVE: u8 = 2;
const EXPLAINED: u8 = 4;
const SOLUTION: u8 = 8;
const COST: u8 = 16;

fn index<T: PartialEq + Copy>(all: &[T], v: Option<T>) -> u8 {
    v.and_then(|v| all.iter().position(|x| *x == v))
        .map_or(0, |i| i as u8 + 1)
}

fn pick<T: Copy>(all: &[T], i: u8) -> Option<T> {
    (i as usize)
        .checked_sub(1)
        .and_then(|i| all.get(i))
        .copied()
}

const KINDS: &[Kind] = &[
    Kind::Gift,
    Kind::Compliment,
    Kind::Milestone,
    Kind::Touch,
    Kind::Commitment,
    Kind::Incident,
];
const OCCASIONS: &[Occasion] = &[
    Occasion::Holiday,
    Occasion::Milestone,
    Occasion::Anniversary,
    Occasion::Thanks,
    Occasion::Other,
    // Appended: the packed index of every other occasion stays as it was.
    Occasion::Birthday,
];
const CHANNELS: &[Channel] = &[
    Channel::Call,
    Channel::Meeting,
    Channel::Email,
    Channel::Visit,
    Channel::Message,
    Channel::Other,
];
const CAUSES: &[Cause] = &[
    Cause::Own,
    Cause::Client,
    Cause::ThirdParty,
    Cause::ForceMajeure,
];
const SEVERITIES: &[Severity] = &[Severity::Minor, Severity::Major, Severity::Critical];

fn day(d: Option<NaiveDate>) -> [u8; 4] {
    d.map_or(NO_DATE, |d| d.num_days_from_ce()).to_le_bytes()
}

pub fn encode(e: &Entry) -> Vec<u8> {
    let mut b = Vec::with_capacity(LEN);
    let mut flags = 0;
    for (on, bit) in [
        (e.void, VOID),
        (e.proactive, PROACTIVE),
        (e.explained, EXPLAINED),
        (e.solution.is_some(), SOLUTION),
        (e.cost.is_some(), COST),
    ] {
        if on {
            flags |= bit;
        }
    }
    b.extend([
        LAYOUT,
        index(KINDS, Some(e.kind)),
        flags,
        e.energy.unwrap_or(0),
        e.quality.unwrap_or(0),
        index(OCCASIONS, e.occasion),
        index(CHANNELS, e.channel),
        index(CAUSES, e.cause),
        index(SEVERITIES, e.severity),
    ]);
    for d in [
        Some(e.date),
        e.due,
        e.delivered,
        e.missed,
        e.informed,
        e.resolved,
    ] {
        b.extend(day(d));
    }
    let (cents, currency) = match &e.cost {
        Some(m) => (m.cents, m.currency.as_bytes()),
        None => (0, &b"\0\0\0"[..]),
    };
    b.extend(cents.to_le_bytes());
    let mut code = [0u8; 3];
    for (slot, c) in code.iter_mut().zip(currency) {
        *slot = *c;
    }
    b.extend(code);
    for r in &e.reschedules {
        b.extend(day(Some(r.date)));
        b.extend(day(Some(r.due)));
        b.push(u8::from(r.agreed));
    }
    b
}

/// Whether the blob marks its entry void (None: not a blob of this layout), read without
/// decoding the rest: the scan skips void entries.
pub fn is_void(b: &[u8]) -> Option<bool> {
    (b.len() >= LEN && b[0] == LAYOUT).then(|| b[2] & VOID != 0)
}

/// Overwrites every field of `e` but the description and the client's name with what the
/// blob describes (texts become `None`), reusing its allocations: the scan fills the same
/// entries client after client instead of moving fresh ones around. `None` when the blob is
/// damaged; `e` is then partly overwritten.
pub fn decode_into(e: &mut Entry, id: i64, client_id: i64, b: &[u8]) -> Option<()> {
    if b.len() < LEN || !(b.len() - LEN).is_multiple_of(RESCHEDULE_LEN) || b[0] != LAYOUT {
        return None;
    }
    let date_at = |i: usize| -> Option<Option<NaiveDate>> {
        let n = i32::from_le_bytes(b.get(i..i + 4)?.try_into().ok()?);
        if n == NO_DATE {
            Some(None)
        } else {
            NaiveDate::from_num_days_from_ce_opt(n).map(Some)
        }
    };
    let flags = b[2];
    // Every field is named, so a new one cannot be forgotten here.
    let Entry {
        id: e_id,
        kind,
        client,
        date,
        description: _,
        note,
        void,
        void_reason,
        occasion,
        cost,
        reason,
        channel,
        energy,
        proactive,
        due,
        delivered,
        quality,
        missed,
        missed_reason,
        reschedules,
        cause,
        severity,
        informed,
        explained,
        solution,
        resolved,
        uuid,
        recorded_by,
    } = e;
    *e_id = id;
    *uuid = None;
    // Scoring does not ask who recorded what (a text: left out, as the notes are).
    *recorded_by = None;
    *kind = pick(KINDS, b[1])?;
    client.id = client_id;
    *date = date_at(9)??;
    *note = None;
    *void = flags & VOID != 0;
    *void_reason = None;
    *occasion = pick(OCCASIONS, b[5]);
    *reason = None;
    *channel = pick(CHANNELS, b[6]);
    *energy = (b[3] != 0).then_some(b[3]);
    *proactive = flags & PROACTIVE != 0;
    *due = date_at(13)?;
    *delivered = date_at(17)?;
    *quality = (b[4] != 0).then_some(b[4]);
    *missed = date_at(21)?;
    *missed_reason = None;
    *cause = pick(CAUSES, b[7]);
    *severity = pick(SEVERITIES, b[8]);
    *informed = date_at(25)?;
    *explained = flags & EXPLAINED != 0;
    *solution = (flags & SOLUTION != 0).then(String::new);
    *resolved = date_at(29)?;
    if flags & COST != 0 {
        let cents = i64::from_le_bytes(b.get(33..41)?.try_into().ok()?);
        let code = std::str::from_utf8(b.get(41..44)?).ok()?;
        match cost {
            Some(m) => {
                m.cents = cents;
                m.currency.clear();
                m.currency.push_str(code);
            }
            None => {
                *cost = Some(Money {
                    cents,
                    currency: code.to_string(),
                })
            }
        }
    } else {
        *cost = None;
    }
    reschedules.clear();
    let mut at = LEN;
    while at < b.len() {
        reschedules.push(crate::model::Reschedule {
            date: date_at(at)??,
            due: date_at(at + 4)??,
            agreed: *b.get(at + 8)? != 0,
        });
        at += RESCHEDULE_LEN;
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ClientRef;

    /// The entry the blob describes: everything but the texts (description, note, reasons,
    /// solution text), which the caller adds.
    fn decode(id: i64, client: ClientRef, b: &[u8]) -> Option<Entry> {
        let mut e = Entry::new(Kind::Gift, client, NaiveDate::MIN);
        let client_id = e.client.id;
        decode_into(&mut e, id, client_id, b)?;
        Some(e)
    }

    fn client() -> ClientRef {
        ClientRef {
            id: 7,
            name: String::new(),
        }
    }

    #[test]
    fn round_trips_every_fact() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        let mut e = Entry::new(Kind::Incident, client(), d("2026-11-02").expect("date"));
        e.id = 42;
        e.void = true;
        e.explained = true;
        e.solution = Some(String::new());
        e.cause = Some(Cause::ForceMajeure);
        e.severity = Some(Severity::Critical);
        e.informed = d("2026-11-03");
        e.resolved = d("2026-11-09");
        assert_eq!(decode(42, client(), &encode(&e)), Some(e));

        let mut g = Entry::new(Kind::Gift, client(), d("0001-01-01").expect("date"));
        g.cost = Some(Money {
            cents: 1_000_000_000,
            currency: "EUR".into(),
        });
        g.occasion = Some(Occasion::Other);
        assert_eq!(decode(0, client(), &encode(&g)), Some(g));

        let mut t = Entry::new(Kind::Commitment, client(), d("9999-12-31").expect("date"));
        t.due = d("9999-12-31");
        t.delivered = d("2026-01-01");
        t.quality = Some(5);
        for (date, due, agreed) in [
            ("2026-01-02", "2026-02-01", true),
            ("2026-01-03", "2026-03-01", false),
        ] {
            t.reschedules.push(crate::model::Reschedule {
                date: d(date).expect("date"),
                due: d(due).expect("date"),
                agreed,
            });
        }
        assert_eq!(decode(0, client(), &encode(&t)), Some(t));
    }

    #[test]
    fn decoding_into_a_used_entry_leaves_nothing_of_the_old_one() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date");
        let mut old = Entry::new(Kind::Commitment, client(), d("2026-01-01"));
        old.id = 1;
        old.description = Some("kept by the caller".into());
        old.note = Some("note".into());
        old.reason = Some("reason".into());
        old.missed_reason = Some("why".into());
        old.void_reason = Some("void".into());
        old.solution = Some("fix".into());
        old.cost = Some(Money {
            cents: 5,
            currency: "USD".into(),
        });
        old.due = Some(d("2026-02-01"));
        old.delivered = Some(d("2026-02-02"));
        old.quality = Some(5);
        old.proactive = true;
        old.reschedules.push(crate::model::Reschedule {
            date: d("2026-01-05"),
            due: d("2026-03-01"),
            agreed: true,
        });
        let mut new = Entry::new(Kind::Gift, client(), d("2026-11-20"));
        new.id = 2;
        new.cost = Some(Money {
            cents: 4550,
            currency: "EUR".into(),
        });
        new.occasion = Some(Occasion::Holiday);
        let mut reused = old.clone();
        decode_into(&mut reused, 2, 7, &encode(&new)).expect("decodes");
        // Only the description is the caller's to set.
        new.description = Some("kept by the caller".into());
        assert_eq!(reused, new);
    }

    #[test]
    fn refuses_blobs_of_another_layout() {
        assert_eq!(decode(1, client(), &[]), None);
        assert_eq!(decode(1, client(), &[9; LEN]), None);
        let mut bad = encode(&Entry::new(Kind::Gift, client(), NaiveDate::MIN));
        bad.push(0);
        assert_eq!(decode(1, client(), &bad), None);
    }
}
