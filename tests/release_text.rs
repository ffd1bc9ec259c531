//! The release wasm is built with `-Zfmt-debug=none` (Makefile, `WASM_RUSTFLAGS`), which
//! makes every `{:?}` print nothing. A message such as `highlight[0] is "Oil"` would then
//! read `highlight[0] is ,` in the browser while every native test still passed, so no
//! library source may format with Debug. Test modules (from `#[cfg(test)]` to the end of
//! a file) and the native-only `src/bin/` are exempt.

use std::path::{Path, PathBuf};

fn library_sources(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n != "bin") {
                library_sources(&path, out);
            }
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
}

/// "path:line: text" for each code line before the file's tests that formats with Debug.
fn debug_formatting(path: &Path, text: &str) -> Vec<String> {
    text.lines()
        .enumerate()
        .take_while(|(_, l)| l.trim() != "#[cfg(test)]")
        .filter(|(_, l)| !l.trim_start().starts_with("//"))
        .filter(|(_, l)| l.contains(":?}") || l.contains(":#?}"))
        .map(|(n, l)| format!("{}:{}: {}", path.display(), n + 1, l.trim()))
        .collect()
}

#[test]
fn no_library_text_is_formatted_with_debug() {
    let mut files = Vec::new();
    library_sources(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut files);
    assert!(files.len() > 20, "found only {} source files", files.len());
    let found: Vec<String> = files
        .iter()
        .flat_map(|p| debug_formatting(p, &std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))))
        .collect();
    assert!(found.is_empty(), "{{:?}} prints nothing in the release wasm (-Zfmt-debug=none); write the text out:\n{}", found.join("\n"));
}

#[test]
fn the_check_sees_debug_formatting_and_skips_tests() {
    let text = "fn a() -> String { format!(\"{x:?}\") }\n// format!(\"{y:?}\")\n#[cfg(test)]\nmod tests { fn b() { format!(\"{z:?}\"); } }\n";
    let found = debug_formatting(Path::new("x.rs"), text);
    assert_eq!(found, vec!["x.rs:1: fn a() -> String { format!(\"{x:?}\") }".to_string()]);
}
