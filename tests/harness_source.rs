//! What SECURITY.md promises about the harness, read from its source: no HTML parsing of
//! strings, no code from strings, no style attributes (the strict CSP refuses them), and
//! no dynamic import of anything but its own story and sound modules.

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

#[test]
fn no_module_parses_html_or_runs_strings() {
    let banned = ["innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function", "setTimeout(\"", "createContextualFragment"];
    let mut found = Vec::new();
    for (path, text) in sources() {
        for (n, line) in code(&text) {
            for b in banned {
                if line.contains(b) {
                    found.push(format!("{}:{}: {b}", path.display(), n + 1));
                }
            }
        }
    }
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn no_module_writes_a_style_attribute() {
    let banned = ["setAttribute(\"style\"", "setAttribute('style'", "style.cssText", "<style"];
    let mut found = Vec::new();
    for (path, text) in sources() {
        for (n, line) in code(&text) {
            for b in banned {
                if line.contains(b) {
                    found.push(format!("{}:{}: {b}", path.display(), n + 1));
                }
            }
        }
    }
    assert!(found.is_empty(), "the strict CSP refuses style attributes: {found:#?}");
}

#[test]
fn dynamic_imports_are_only_the_story_and_sound_modules() {
    let mut found = Vec::new();
    for (path, text) in sources() {
        for (n, line) in code(&text) {
            for (i, _) in line.match_indices("import(") {
                let arg = line.get(i + 7..).unwrap_or("");
                if !(arg.starts_with("\"../story.js\")") || arg.starts_with("\"../sound.js\")")) {
                    found.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
                }
            }
        }
    }
    assert!(found.is_empty(), "{found:#?}");
}
