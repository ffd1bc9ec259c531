//! Arbitrary bytes as a spec; every spec that parses must lay out and render to SVG
//! (at a width taken from the input's first two bytes) without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;
use trade_chart::ThemeChoice;

fuzz_target!(|data: &[u8]| {
    let (width, rest) = match data {
        [a, b, rest @ ..] => (f64::from(u16::from_le_bytes([*a, *b]) % 2400), rest),
        _ => return,
    };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    // Keep each run short: the renderer's cost grows with the point count.
    if text.len() > 64 * 1024 {
        return;
    }
    if let Ok(chart) = trade_chart::parse_spec(text) {
        let _ = trade_chart::render_svg(&chart, width, None, ThemeChoice::Auto);
    }
});
