//! `formats::vcard::parse` on arbitrary UTF-8: must return Ok or Err, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let _ = relaties::formats::vcard::parse(s);
});
