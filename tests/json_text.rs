//! Our JSON text parser (`Json::parse`) against serde_json reading the same text into the
//! same tree through `Json`'s serde `Deserialize` (what `Json::parse` did before it had a
//! parser of its own): for JSON-like text, valid and broken, both must accept the same
//! texts, build the same trees, and refuse the rest with the same message at the same line
//! and column.
//!
//! Numbers may differ in the last bits: ours are correctly rounded (`str::parse`), serde_json
//! without its `float_roundtrip` feature is not always. The text generator stays away from
//! the edge of the f64 range, where that rounding can decide between a number and "number
//! out of range".
#![cfg(not(target_arch = "wasm32"))] // native tests; wasm-pack builds every test target

use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};
use serde::Deserialize;

use trade_chart::{ChartError, Json, MAX_DEPTH};

/// A fixed seed, so that CI runs are reproducible; `PROPTEST_RNG_SEED=N` explores others.
fn config(cases: u32) -> Config {
    let default = Config::default();
    let rng_seed = if std::env::var_os("PROPTEST_RNG_SEED").is_some() { default.rng_seed } else { RngSeed::Fixed(0x15_0e_7e_47) };
    Config { cases, max_shrink_iters: 4000, failure_persistence: None, rng_seed, ..default }
}

/// What serde_json makes of the text: the tree, or (code, message) as `Json::parse` used
/// to report it, with serde_json's column (bytes) counted in UTF-16 units as ours is.
fn by_serde_json(text: &str) -> Result<Json, (&'static str, String)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut de = serde_json::Deserializer::from_str(text);
    let read = Json::deserialize(&mut de).and_then(|v| de.end().map(|()| v));
    read.map_err(|e| {
        let message = e.to_string();
        let code = if message.contains("the spec is nested more than") { "limit" } else { "invalid-json" };
        (code, in_utf16_units(text, &message))
    })
}

/// A message ending "at line L column C", C in bytes, with C in UTF-16 code units of the
/// characters that start in those bytes of line L.
fn in_utf16_units(text: &str, message: &str) -> String {
    let Some((head, place)) = message.rsplit_once(" at line ") else { return message.to_string() };
    let Some((line, column)) = place.split_once(" column ") else { return message.to_string() };
    let (line, column): (usize, usize) = (line.parse().unwrap(), column.parse().unwrap());
    let line_text = text.as_bytes().split(|&b| b == b'\n').nth(line - 1).unwrap_or_default();
    let units: usize = line_text.iter().take(column).map(|&b| usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0)).sum();
    format!("{head} at line {line} column {units}")
}

/// What our parser makes of it, in the same form.
fn by_us(text: &str) -> Result<Json, (&'static str, String)> {
    Json::parse(text).map_err(|e| match &e {
        ChartError::Json { message } | ChartError::Limit { message } => (e.code(), message.clone()),
        other => panic!("Json::parse gave a {} error: {other}", other.code()),
    })
}

/// Trees equal, numbers within a few units in the last place.
fn same_tree(a: &Json, b: &Json) -> bool {
    match (a, b) {
        (Json::Number(x), Json::Number(y)) => x == y || (x - y).abs() <= 4.0 * f64::EPSILON * x.abs().max(y.abs()),
        (Json::Array(x), Json::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same_tree(a, b)),
        (Json::Object(x), Json::Object(y)) => x.len() == y.len() && x.iter().zip(y).all(|((ka, a), (kb, b))| ka == kb && same_tree(a, b)),
        _ => a == b,
    }
}

fn check(text: &str) -> Result<(), TestCaseError> {
    match (by_serde_json(text), by_us(text)) {
        (Ok(a), Ok(b)) => prop_assert!(same_tree(&a, &b), "trees differ for {text:?}:\nserde_json {a:?}\nours       {b:?}"),
        (Err(a), Err(b)) => prop_assert_eq!(a, b, "errors differ for {:?}", text),
        (a, b) => prop_assert!(false, "accept/refuse differ for {text:?}:\nserde_json {a:?}\nours       {b:?}"),
    }
    Ok(())
}

/// Whitespace JSON allows, and sometimes none.
fn space() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["", "", "", " ", "\n", "\r\n", "\t", "  \n  "]).prop_map(str::to_string)
}

/// Number text: JSON's grammar plus its near misses (leading zeros, a bare `.`, `+`).
fn number_text() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec!["", "", "-", "+"]),
        prop::sample::select(vec!["0", "1", "7", "10", "00", "01", "123456789", "18446744073709551615", "18446744073709551616", "123456789012345678901234567890", ""]),
        prop::sample::select(vec!["", "", ".", ".5", ".25", ".000", ".1234567890123456789", ".e"]),
        prop::sample::select(vec!["", "", "e", "e5", "E+2", "e-3", "e308", "e-400", "e400", "e99999999999", "e-99999999999", "e+", "E-0"]),
    )
        .prop_map(|(sign, int, frac, exp)| format!("{sign}{int}{frac}{exp}"))
}

/// String text: plain, escaped, non-ASCII, surrogates paired and not, raw controls.
fn string_text() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "a", "Trade", " ", "é", "中", "😀", "\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t", "\\u0041", "\\u00e9", "\\u4e2d",
        "\\ud83d\\ude00", "\\uD83D\\uDE00", "\\ud83d", "\\ude00", "\\ud83dx", "\\ud83d\\n", "\\ud83d\\u0041", "\\x", "\\u12", "\\u12G4", "\t", "\n",
        "\u{1}", "\u{7f}",
    ]);
    prop::collection::vec(piece, 0..5).prop_map(|p| format!("\"{}\"", p.concat()))
}

/// A JSON-ish value as text, up to a few levels deep.
fn value_text() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        prop::sample::select(vec!["null", "true", "false", "nul", "tru", "fals", "nulx", "NaN", "Infinity", "-Infinity"]).prop_map(str::to_string),
        number_text(),
        string_text(),
    ];
    leaf.prop_recursive(4, 40, 6, |inner| {
        prop_oneof![
            (prop::collection::vec((space(), inner.clone(), space()), 0..6), space()).prop_map(|(items, s)| {
                let items: Vec<String> = items.into_iter().map(|(a, v, b)| format!("{a}{v}{b}")).collect();
                format!("[{s}{}]", items.join(","))
            }),
            (prop::collection::vec((space(), string_text(), space(), inner, space()), 0..6), space()).prop_map(|(fields, s)| {
                let fields: Vec<String> = fields.into_iter().map(|(a, k, b, v, c)| format!("{a}{k}{b}:{c}{v}")).collect();
                format!("{{{s}{}}}", fields.join(","))
            }),
        ]
    })
}

/// Breaks text the way people and tools do: a character dropped, doubled, or swapped for
/// a piece of JSON syntax.
fn mutated(text: String, at: usize, how: u8, with: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let at = at % (chars.len() + 1);
    let (before, after) = chars.split_at(at);
    let before: String = before.iter().collect();
    let after: String = after.iter().collect();
    let rest: String = after.chars().skip(1).collect();
    match how % 4 {
        0 => format!("{before}{rest}"),
        1 => format!("{before}{with}{after}"),
        2 => format!("{before}{with}{rest}"),
        _ => format!("{before}{}{after}", after.chars().next().map(String::from).unwrap_or_default()),
    }
}

fn syntax_piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        ",", ":", "[", "]", "{", "}", "\"", "\\", " ", "\n", "0", "1", "-", ".", "e", "n", "x", "//", "/*", "\u{feff}", "\"a\"", "\"a\":1", ",]", ",}",
    ])
}

proptest! {
    #![proptest_config(config(3000))]

    #[test]
    fn valid_ish_text_reads_the_same(v in value_text(), a in space(), b in space()) {
        check(&format!("{a}{v}{b}"))?;
    }

    #[test]
    fn broken_text_is_refused_the_same(v in value_text(), at in any::<usize>(), how in any::<u8>(), with in syntax_piece(), twice in any::<bool>()) {
        let once = mutated(v, at, how, with);
        let text = if twice { mutated(once, at / 3, how / 4, with) } else { once };
        check(&text)?;
    }

    /// Keys repeated at random, in objects at random depths.
    #[test]
    fn duplicate_keys_are_refused_the_same(keys in prop::collection::vec(prop::sample::select(vec!["a", "b", "c"]), 1..5), depth in 0usize..4, tail in space()) {
        let fields: Vec<String> = keys.iter().enumerate().map(|(i, k)| format!("\"{k}\": {i}")).collect();
        let object = format!("{{{}{tail}}}", fields.join(", "));
        check(&format!("{}{object}{}", "[".repeat(depth), "]".repeat(depth)))?;
    }
}

/// Nesting around the limit, closed, unclosed, and with what comes after the deepest
/// container: the limit error's position depends on it.
#[test]
fn nesting_at_the_limit_reads_the_same() {
    for depth in [MAX_DEPTH - 1, MAX_DEPTH, MAX_DEPTH + 1, MAX_DEPTH + 2, 1000] {
        for inner in ["1", " 1", "", ",", " ,1", "]", "}", "{", "[", "\"x\"", "\n1"] {
            for open in ["[", "{\"k\":", "{\"k\": ", "[\n", "{\"k\"\n:\n"] {
                let closers: String = open.chars().rev().filter_map(|c| match c { '[' => Some(']'), '{' => Some('}'), _ => None }).collect();
                let opened = open.repeat(depth);
                check(&format!("{opened}{inner}")).unwrap();
                check(&format!("{opened}{inner}{}", closers.repeat(depth))).unwrap();
                check(&format!("{{\"title\": {opened}{inner}{}}}", closers.repeat(depth))).unwrap();
            }
        }
    }
}

/// Every single-character text and every pair from JSON's syntax (and some not).
#[test]
fn tiny_texts_read_the_same() {
    let pieces = ["", " ", "\n", "[", "]", "{", "}", ",", ":", "\"", "\\", "0", "1", "-", ".", "e", "n", "t", "f", "x", "é", "\u{feff}", "\u{0}", "\"a\"", "null", "1e400", "-0", "01"];
    for a in pieces {
        for b in pieces {
            for c in pieces {
                check(&format!("{a}{b}{c}")).unwrap();
            }
        }
    }
}
