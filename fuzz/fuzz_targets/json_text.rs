//! Arbitrary text as JSON: our parser (`Json::parse`) and serde_json reading the same text
//! through `Json`'s serde `Deserialize` must accept the same texts and refuse the others
//! with the same message, line and column (serde_json's column, in bytes, counted in UTF-16
//! units as ours is). (Numbers at the very edge of the f64 range are
//! skipped: ours are correctly rounded, serde_json's default reader's are not always, and
//! that can decide between a number and "number out of range".)
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde::Deserialize;
use trade_chart::{ChartError, Json};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let ours = Json::parse(text).map_err(|e| match e {
        ChartError::Json { message } | ChartError::Limit { message } => message,
        other => panic!("Json::parse gave {other:?}"),
    });
    let stripped = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut de = serde_json::Deserializer::from_str(stripped);
    let theirs = Json::deserialize(&mut de).and_then(|v| de.end().map(|()| v)).map_err(|e| in_utf16_units(stripped, &e.to_string()));
    match (&ours, &theirs) {
        (Ok(_), Ok(_)) => {}
        (Err(a), Err(b)) if a == b => {}
        (Err(m), _) | (_, Err(m)) if m.starts_with("number out of range") => {}
        _ => panic!("the parsers differ on {text:?}:\nours       {ours:?}\nserde_json {theirs:?}"),
    }
});

/// A message ending "at line L column C", C in bytes, with C in UTF-16 code units of the
/// characters that start in those bytes of line L.
fn in_utf16_units(text: &str, message: &str) -> String {
    let Some((head, place)) = message.rsplit_once(" at line ") else { return message.to_string() };
    let Some((line, column)) = place.split_once(" column ") else { return message.to_string() };
    let (Ok(line), Ok(column)) = (line.parse::<usize>(), column.parse::<usize>()) else { return message.to_string() };
    let line_text = text.as_bytes().split(|&b| b == b'\n').nth(line.saturating_sub(1)).unwrap_or_default();
    let units: usize = line_text.iter().take(column).map(|&b| usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0)).sum();
    format!("{head} at line {line} column {units}")
}
