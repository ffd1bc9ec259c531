//! The harness names the bits Rust's input methods return (`www/trade-chart.js`, DATA,
//! OVERLAY, ...). Nothing at run time would notice if one side changed a value or added a
//! bit, so this reads the harness and compares.

use std::path::Path;

use trade_chart::flags;

fn harness() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("www/trade-chart.js");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The `const NAME = value;` lines of the harness's flag block: the lines after the comment
/// that starts "// Bits returned by the Rust input methods", up to the first blank line.
fn harness_bits(js: &str) -> Vec<(String, u32)> {
    let start = js.find("// Bits returned by the Rust input methods").expect("the harness's flag block comment");
    js[start..]
        .lines()
        .skip(1)
        .take_while(|line| !line.trim().is_empty())
        .map(|line| {
            let parsed = line.strip_prefix("const ").and_then(|rest| rest.split_once(" = ")).and_then(|(name, value)| {
                value.strip_suffix(';').and_then(|v| v.parse::<u32>().ok()).map(|v| (name.to_string(), v))
            });
            parsed.unwrap_or_else(|| panic!("www/trade-chart.js flag block: cannot read {line:?} as `const NAME = number;`"))
        })
        .collect()
}

#[test]
fn every_rust_flag_has_the_same_value_in_the_harness() {
    let js = harness_bits(&harness());
    for (name, value) in flags::ALL {
        let found = js.iter().find(|(n, _)| n == name).map(|(_, v)| *v);
        assert_eq!(found, Some(value), "www/trade-chart.js: const {name} should be {value}");
    }
}

#[test]
fn the_harness_names_no_flag_rust_does_not_return() {
    let js = harness_bits(&harness());
    for (name, value) in &js {
        assert!(
            flags::ALL.iter().any(|(n, v)| n == name && v == value),
            "www/trade-chart.js: const {name} = {value} is not one of Rust's flags ({:?})",
            flags::ALL
        );
    }
    assert_eq!(js.len(), flags::ALL.len(), "{js:?}");
}

#[test]
fn the_bits_are_distinct() {
    let all = flags::ALL.iter().fold(0, |acc, (_, v)| {
        assert_eq!(acc & v, 0, "bit {v} is used twice");
        acc | v
    });
    assert_eq!(all, flags::DATA | flags::OVERLAY | flags::VIEW | flags::CONSUMED | flags::ANNOUNCE);
}
