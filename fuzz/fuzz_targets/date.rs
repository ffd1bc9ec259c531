//! Arbitrary text as a date: parse_date returns Ok with a finite timestamp in the
//! supported years, or Err; it never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok((ms, _granularity)) = trade_chart::date::parse_date(&text) {
        assert!(ms.is_finite(), "{text:?} gave {ms}");
    }
});
