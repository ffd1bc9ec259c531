//! The harness acts on the bits Rust's input methods return. It reads them from the wasm
//! module (`Redraw`, exported by wasm-bindgen from `src/interact/flags.rs`); these tests
//! keep it from growing its own copy again, and keep the bits usable as bits.

use std::path::Path;

use trade_chart::flags;

/// Every harness module, with its path.
fn harness_modules() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("www");
    let mut files = vec![root.join("trade-chart.js"), root.join("story.js"), root.join("sound.js")];
    let dir = root.join("harness");
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    files.extend(entries.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "js")));
    files
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (p.display().to_string(), text)
        })
        .collect()
}

#[test]
fn no_harness_module_copies_a_flag_value() {
    for (path, js) in harness_modules() {
        for line in js.lines() {
            for name in ["DATA", "OVERLAY", "VIEW", "CONSUMED", "ANNOUNCE"] {
                let assigned = line.split_once(&format!("const {name} = ")).map(|(_, v)| v.trim_end_matches(';').trim());
                if let Some(value) = assigned {
                    assert!(value.parse::<u32>().is_err(), "{path}: {line:?} copies a flag's number; use Redraw from the wasm module");
                }
            }
        }
    }
}

#[test]
fn the_loader_reads_every_flag_from_redraw() {
    let modules = harness_modules();
    let (_, loader) = modules.iter().find(|(p, _)| p.ends_with("wasm.js")).expect("www/harness/wasm.js");
    assert!(loader.contains("Redraw } from \"../pkg/trade_chart.js\""), "wasm.js does not import Redraw from the glue");
    for (name, _) in flags::ALL {
        assert!(loader.contains(&format!("= Redraw.{name};")), "wasm.js does not read Redraw.{name}");
    }
}

#[test]
fn the_bits_are_distinct_powers_of_two() {
    let all = flags::ALL.iter().fold(0, |acc, (name, v)| {
        assert!(v.is_power_of_two(), "{name} = {v} is not one bit");
        assert_eq!(acc & v, 0, "bit {v} is used twice");
        acc | v
    });
    assert_eq!(all, flags::DATA | flags::OVERLAY | flags::VIEW | flags::CONSUMED | flags::ANNOUNCE);
}
