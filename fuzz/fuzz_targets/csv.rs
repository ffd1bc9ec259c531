//! Arbitrary bytes as CSV text: parse_csv_chart must return Ok or Err, never panic or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = trade_chart::parse_csv_chart(&text);
});
