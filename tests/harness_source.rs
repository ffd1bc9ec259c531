//! What SECURITY.md promises about the harness, read from its source: no HTML parsing of
//! strings, no code from strings, no style attributes (the strict CSP refuses them), no
//! dynamic import of anything but its own story and sound modules (and the glue, in the
//! compile worker), and no worker but that one.

use std::path::{Path, PathBuf};

fn sources() -> Vec<(PathBuf, String)> {
    let www = Path::new(env!("CARGO_MANIFEST_DIR")).join("www");
    let mut files = vec![www.join("trade-chart.js"), www.join("story.js"), www.join("sound.js"), www.join("embed.js"), www.join("embed-host.js")];
    let harness = www.join("harness");
    let listed = std::fs::read_dir(&harness).unwrap_or_else(|e| panic!("{}: {e}", harness.display()));
    files.extend(listed.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "js")));
    files
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (p, text)
        })
        .collect()
}

/// Code lines only: `//` comments and the lines of `/** … */` blocks are dropped.
fn code(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines().enumerate().filter(|(_, l)| {
        let t = l.trim_start();
        !(t.starts_with("//") || t.starts_with("/*") || t.starts_with('*'))
    })
}

/// Every code line of every module that contains one of `banned`, as "path:line: what".
fn lines_with(banned: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for (path, text) in sources() {
        for (n, line) in code(&text) {
            found.extend(banned.iter().filter(|b| line.contains(**b)).map(|b| format!("{}:{}: {b}", path.display(), n + 1)));
        }
    }
    found
}

#[test]
fn no_module_parses_html_or_runs_strings() {
    let found = lines_with(&["innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function", "setTimeout(\"", "createContextualFragment"]);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn no_module_writes_a_style_attribute() {
    let found = lines_with(&["setAttribute(\"style\"", "setAttribute('style'", "style.cssText", "<style"]);
    assert!(found.is_empty(), "the strict CSP refuses style attributes: {found:#?}");
}

/// Every call of `needle` whose argument does not start with one of `allowed` (for the
/// file named `in_file`, or any file when it is empty), as "path:line: code".
fn calls_outside(needle: &str, allowed: &[(&str, &str)]) -> Vec<String> {
    let mut found = Vec::new();
    for (path, text) in sources() {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        for (n, line) in code(&text) {
            for (i, _) in line.match_indices(needle) {
                let arg = line.get(i + needle.len()..).unwrap_or("");
                if !allowed.iter().any(|(in_file, start)| (in_file.is_empty() || *in_file == name) && arg.starts_with(start)) {
                    found.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
                }
            }
        }
    }
    found
}

#[test]
fn dynamic_imports_are_only_the_story_and_sound_modules_and_the_glue_in_the_worker() {
    let allowed = [("", "\"../story.js\")"), ("", "\"../sound.js\")"), ("trade-chart-worker.js", "\"../pkg/trade_chart.js\")")];
    let found = calls_outside("import(", &allowed);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn the_only_worker_is_the_compile_worker() {
    let allowed = [("wasm.js", "new URL(\"./trade-chart-worker.js\", import.meta.url)")];
    let found = calls_outside("new Worker(", &allowed);
    assert!(found.is_empty(), "{found:#?}");
    let started = calls_outside("new Worker(", &[]);
    assert_eq!(started.len(), 1, "wasm.js starts the compile worker: {started:#?}");
}
