//! Arbitrary text as a date: parse_date and parse_date_in (every day order) return Ok
//! with a finite timestamp in the supported years, or Err; they never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use trade_chart::{parse_date, parse_date_in, DayOrder};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok((ms, _granularity)) = parse_date(&text) {
        assert!(ms.is_finite(), "{text:?} gave {ms}");
    }
    for order in [None, Some(DayOrder::DayFirst), Some(DayOrder::MonthFirst)] {
        if let Ok((ms, _granularity)) = parse_date_in(&text, order) {
            assert!(ms.is_finite(), "{text:?} ({order:?}) gave {ms}");
        }
    }
});
