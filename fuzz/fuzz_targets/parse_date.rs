//! `parse::parse_date` on arbitrary UTF-8; every Ok is resolved against a few fixed todays
//! (chrono's extremes included, where `resolve` must return Err rather than overflow) in
//! both contexts. Checks the documented contracts of `resolve` for weekdays.
#![no_main]

use chrono::{Datelike, NaiveDate};
use libfuzzer_sys::fuzz_target;
use relaties::parse::{DateContext, DateSpec, parse_date};

fn todays() -> [NaiveDate; 6] {
    [
        NaiveDate::from_ymd_opt(2024, 2, 29).unwrap(), // leap day, a Thursday
        NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),  // a Wednesday
        NaiveDate::from_ymd_opt(2025, 12, 31).unwrap(),
        NaiveDate::from_ymd_opt(1000, 1, 1).unwrap(),
        NaiveDate::MIN,
        NaiveDate::MAX,
    ]
}

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(spec) = parse_date(s) else {
        return;
    };
    for today in todays() {
        for ctx in [DateContext::Past, DateContext::Future] {
            let Ok(d) = spec.resolve(today, ctx) else {
                continue;
            };
            if let DateSpec::Weekday(wd) = spec {
                assert_eq!(d.weekday(), wd, "{s:?} from {today} ({ctx:?}) gave {d}");
                let delta = (d - today).num_days();
                match ctx {
                    DateContext::Past => assert!((-6..=0).contains(&delta), "{s:?}: {delta}"),
                    DateContext::Future => assert!((1..=7).contains(&delta), "{s:?}: {delta}"),
                }
            }
        }
    }
});
