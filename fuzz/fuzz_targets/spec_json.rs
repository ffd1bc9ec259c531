//! Arbitrary bytes as a JSON spec: parse_spec must return Ok or Err, never panic or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = trade_chart::parse_spec(text);
    }
});
