//! Client references on arbitrary UTF-8: `parse::match_client` against a fixed candidate list
//! (accented, non-Latin, archived and duplicate names), plus `parse::parse_id` and
//! `parse::fold`. Checks that every id returned belongs to a candidate.
#![no_main]

use libfuzzer_sys::fuzz_target;
use relaties::parse::{Candidate, NameMatch, fold, match_client, parse_id};

const CANDIDATES: &[(i64, &str, bool)] = &[
    (1, "ACME B.V.", false),
    (2, "Café de Zon", false),
    (3, "cafe de zon", true), // archived namesake of 2 once folded
    (4, "Zoë Müller", false),
    (5, "Bakkerij Öztürk", false),
    (6, "İstanbul Döner", false),
    (7, "東京商事", false),
    (8, "  Jan   de Vries ", false),
    (9, "Jansen & Zn.", true),
    (10, "Acme Holding", false),
    (11, "Ærø Ålborg", false),
    (12, "ß-Straße", true),
    (13, "Ελληνικά ΑΕ", false),
    (14, "", false),
];

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let candidates: Vec<Candidate<'_>> = CANDIDATES
        .iter()
        .map(|&(id, name, archived)| Candidate { id, name, archived })
        .collect();
    let known = |id: i64| CANDIDATES.iter().any(|&(c, _, _)| c == id);
    match match_client(s, &candidates) {
        NameMatch::One(id) => assert!(known(id), "{s:?} -> One({id})"),
        NameMatch::Ambiguous(ids) => {
            assert!(ids.len() >= 2, "{s:?} -> Ambiguous({ids:?})");
            assert!(ids.iter().all(|&id| known(id)), "{s:?} -> Ambiguous({ids:?})");
        }
        NameMatch::NoMatch { suggestion } => {
            if let Some(id) = suggestion {
                assert!(known(id), "{s:?} -> suggestion {id}");
            }
        }
    }
    if let Some(id) = parse_id(s) {
        assert!(id > 0, "{s:?} -> id {id}");
    }
    let _ = fold(s);
});
