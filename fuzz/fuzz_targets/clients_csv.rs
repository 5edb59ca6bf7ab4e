//! `formats::decode` then `formats::clients_csv::parse` on arbitrary bytes, as the import
//! reads a CSV file: must return Ok or Err, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok((text, _)) = relaties::formats::decode(data) {
        let _ = relaties::formats::clients_csv::parse(&text);
    }
});
