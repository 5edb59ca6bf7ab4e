//! `formats::vcard::read` on arbitrary bytes (any encoding: UTF-8, UTF-16 with a byte-order
//! mark, 8-bit, quoted-printable), and `formats::vcard::parse` on the UTF-8 ones: must return
//! Ok or Err, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = relaties::formats::vcard::read(data);
    if let Ok(s) = std::str::from_utf8(data) {
        let _ = relaties::formats::vcard::parse(s);
    }
});
