//! SVG snapshot tests of the demo specs, light and dark, at three widths.
//!
//! The expected files live in tests/snapshots/{name}-{width}-{theme}.svg. To (re)write
//! them after an intended change to the rendering:
//!
//!     TRADE_CHART_BLESS=1 cargo test --test snapshots
//!
//! On a mismatch the test prints a line diff and writes what it drew to
//! target/snapshots-actual/{name}-{width}-{theme}.svg, so the two can be opened side by side.
#![cfg(not(target_arch = "wasm32"))] // native tests; wasm-pack builds every test target

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use trade_chart::{Chart, ThemeChoice};
use trade_chart::parse_spec;
use trade_chart::render_svg;

const WIDTHS: [u32; 3] = [320, 640, 1200];
const THEMES: [(ThemeChoice, &str); 2] = [(ThemeChoice::Light, "light"), (ThemeChoice::Dark, "dark")];
/// How many differing lines a failure shows.
const DIFF_LINES: usize = 40;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every spec in www/data, by file stem, sorted so that output is stable.
fn demo_specs() -> Vec<(String, Chart)> {
    let dir = root().join("www/data");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().and_then(|e| e.to_str()) == Some("json"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no specs in {}", dir.display());
    paths
        .into_iter()
        .map(|p| {
            let name = p.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_string();
            let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            let chart = parse_spec(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (name, chart)
        })
        .collect()
}

fn blessing() -> bool {
    std::env::var("TRADE_CHART_BLESS").is_ok_and(|v| v == "1")
}

/// The lines that differ, with 1-based line numbers: `-` lines are expected (numbered
/// in the expected file), `+` lines are actual (numbered in the actual output). Lines are
/// matched by a longest common subsequence, so one inserted or deleted element shows as
/// one line, not as a cascade. Shows at most `limit` differing lines.
fn line_diff(expected: &str, actual: &str, limit: usize) -> String {
    let exp: Vec<&str> = expected.lines().collect();
    let act: Vec<&str> = actual.lines().collect();
    // Trim the common head and tail, then run LCS on the middle (bounded in size;
    // beyond it, fall back to pairing lines by position).
    let head = exp.iter().zip(&act).take_while(|(a, b)| a == b).count();
    let tail = exp[head..].iter().rev().zip(act[head..].iter().rev()).take_while(|(a, b)| a == b).count();
    let (e_mid, a_mid) = (&exp[head..exp.len() - tail], &act[head..act.len() - tail]);
    let mut ops: Vec<(char, usize, &str)> = Vec::new(); // ('-' | '+', 0-based line, text)
    if e_mid.len().saturating_mul(a_mid.len()) <= 16_000_000 {
        let (n, m) = (e_mid.len(), a_mid.len());
        // lcs[i][j]: length of the LCS of e_mid[i..] and a_mid[j..].
        let mut lcs = vec![0u32; (n + 1) * (m + 1)];
        for i in (0..n).rev() {
            for j in (0..m).rev() {
                lcs[i * (m + 1) + j] = if e_mid[i] == a_mid[j] {
                    lcs[(i + 1) * (m + 1) + j + 1] + 1
                } else {
                    lcs[(i + 1) * (m + 1) + j].max(lcs[i * (m + 1) + j + 1])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < n || j < m {
            if i < n && j < m && e_mid[i] == a_mid[j] {
                i += 1;
                j += 1;
            } else if j == m || (i < n && lcs[(i + 1) * (m + 1) + j] >= lcs[i * (m + 1) + j + 1]) {
                ops.push(('-', head + i, e_mid[i]));
                i += 1;
            } else {
                ops.push(('+', head + j, a_mid[j]));
                j += 1;
            }
        }
    } else {
        for k in 0..e_mid.len().max(a_mid.len()) {
            match (e_mid.get(k), a_mid.get(k)) {
                (Some(e), Some(a)) if e == a => {}
                (e, a) => {
                    if let Some(e) = e {
                        ops.push(('-', head + k, e));
                    }
                    if let Some(a) = a {
                        ops.push(('+', head + k, a));
                    }
                }
            }
        }
    }
    let mut out = String::new();
    for (sign, line, text) in ops.iter().take(limit) {
        let _ = writeln!(out, "{:>5} {sign} {text}", line + 1);
    }
    let _ = writeln!(
        out,
        "({} differing line(s); expected {} lines, actual {} lines{})",
        ops.len(),
        exp.len(),
        act.len(),
        if ops.len() > limit { format!("; first {limit} shown") } else { String::new() }
    );
    out
}

/// Compares one rendering with its snapshot (or writes it when blessing). Returns a
/// failure report instead of panicking so that one run lists every mismatch.
fn check_snapshot(file_name: &str, actual: &str) -> Option<String> {
    let expected_path = root().join("tests/snapshots").join(file_name);
    if blessing() {
        std::fs::create_dir_all(expected_path.parent().unwrap_or(root())).expect("create tests/snapshots");
        let unchanged = std::fs::read_to_string(&expected_path).is_ok_and(|old| old == actual);
        if !unchanged {
            std::fs::write(&expected_path, actual).unwrap_or_else(|e| panic!("{}: {e}", expected_path.display()));
            eprintln!("blessed {}", expected_path.display());
        }
        return None;
    }
    let expected = match std::fs::read_to_string(&expected_path) {
        Ok(text) => text,
        Err(_) => {
            return Some(format!(
                "{}: snapshot missing. Review the rendering, then create it with\n    TRADE_CHART_BLESS=1 cargo test --test snapshots\n",
                expected_path.display()
            ))
        }
    };
    if expected == actual {
        return None;
    }
    let actual_dir = root().join("target/snapshots-actual");
    let actual_path = actual_dir.join(file_name);
    let written = std::fs::create_dir_all(&actual_dir).and_then(|()| std::fs::write(&actual_path, actual));
    let note = match written {
        Ok(()) => format!("actual output written to {}", actual_path.display()),
        Err(e) => format!("could not write {}: {e}", actual_path.display()),
    };
    Some(format!(
        "{} differs from the rendering ({note}):\n{}If the change is intended: TRADE_CHART_BLESS=1 cargo test --test snapshots\n",
        expected_path.display(),
        line_diff(&expected, actual, DIFF_LINES)
    ))
}

#[test]
fn svg_snapshots_of_demo_specs() {
    let mut failures = Vec::new();
    let mut count = 0;
    for (name, chart) in demo_specs() {
        for width in WIDTHS {
            for (theme, theme_name) in THEMES {
                let svg = render_svg(&chart, f64::from(width), None, theme).unwrap_or_else(|e| panic!("{name} {width} {theme_name}: {e}"));
                let file = format!("{name}-{width}-{theme_name}.svg");
                if let Some(f) = check_snapshot(&file, &svg) {
                    failures.push(f);
                }
                count += 1;
            }
        }
    }
    assert_eq!(count, 6 * WIDTHS.len() * THEMES.len());
    assert!(failures.is_empty(), "{} of {count} snapshots failed:\n\n{}", failures.len(), failures.join("\n"));
}

/// Rendering is deterministic: the same chart gives byte-identical SVG.
#[test]
fn rendering_is_deterministic() {
    for (name, chart) in demo_specs() {
        let a = render_svg(&chart, 640.0, None, ThemeChoice::Light).expect("render");
        let b = render_svg(&chart, 640.0, None, ThemeChoice::Light).expect("render");
        assert!(a == b, "{name}: two renderings differ:\n{}", line_diff(&a, &b, DIFF_LINES));
        let dark = render_svg(&chart, 640.0, None, ThemeChoice::Dark).expect("render");
        assert_ne!(a, dark, "{name}: light and dark render the same");
    }
}

fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// The contents of every `<text …>…</text>` element, trimmed, in document order.
fn text_contents(svg: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = svg;
    while let Some(open) = rest.find("<text") {
        let after = &rest[open..];
        let Some(gt) = after.find('>') else { break };
        let body = &after[gt + 1..];
        let Some(close) = body.find("</text>") else { break };
        out.push(body[..close].trim());
        rest = &body[close..];
    }
    out
}

#[test]
fn svg_is_well_formed_and_carries_the_title() {
    for (name, chart) in demo_specs() {
        for width in WIDTHS {
            for (theme, theme_name) in THEMES {
                let ctx = format!("{name} {width} {theme_name}");
                let svg = render_svg(&chart, f64::from(width), None, theme).expect("render");
                let trimmed = svg.trim();
                assert!(trimmed.starts_with("<svg"), "{ctx}: starts with {:?}", &trimmed[..trimmed.len().min(40)]);
                assert!(trimmed.ends_with("</svg>"), "{ctx}: ends with {:?}", &trimmed[trimmed.len().saturating_sub(40)..]);
                assert_eq!(svg.matches("<svg").count(), 1, "{ctx}");
                assert!(svg.contains(&format!("width=\"{width}\"")), "{ctx}: width attribute");
                assert_eq!(svg.matches("<text").count(), svg.matches("</text>").count(), "{ctx}: unbalanced <text>");
                // No raw markup characters inside text.
                for t in text_contents(&svg) {
                    assert!(!t.contains('<') && !t.contains('>'), "{ctx}: unescaped text {t:?}");
                    assert!(!t.replace("&amp;", "").replace("&lt;", "").replace("&gt;", "").replace("&quot;", "").replace("&apos;", "").contains('&'), "{ctx}: bare & in {t:?}");
                }
                // The title is there, escaped; at narrow widths it wraps over consecutive
                // text elements, which joined with spaces give the title back.
                let title = xml_escape(&chart.title);
                let joined = text_contents(&svg).join(" ");
                assert!(joined.contains(&title), "{ctx}: title {title:?} not found in texts {joined:?}");
                if width == 1200 {
                    assert!(text_contents(&svg).contains(&title.as_str()), "{ctx}: one-line title");
                }
                // Annotation labels with apostrophes come out escaped.
                if name == "russian-crude" && width == 1200 {
                    assert!(svg.contains("&apos;no limits&apos;") || svg.contains("&#39;no limits&#39;"), "{ctx}: escaped quote");
                }
            }
        }
    }
}

#[test]
fn markup_in_text_is_escaped() {
    let chart = parse_spec(r#"{"title": "Trade <b>& oil</b> \"2023\"", "series": [{"name": "A&B", "data": [["2022", 1], ["2023", 2]]}]}"#).expect("valid");
    let svg = render_svg(&chart, 1200.0, None, ThemeChoice::Light).expect("render");
    assert!(svg.contains("Trade &lt;b&gt;&amp; oil&lt;/b&gt; &quot;2023&quot;"), "{svg}");
    assert!(!svg.contains("<b>"));
}

#[test]
fn line_diff_reports_numbers_and_limits() {
    // A changed line, and an appended one.
    let d = line_diff("a\nb\nc\n", "a\nB\nc\nd\n", 40);
    assert_eq!(d, "    2 - b\n    2 + B\n    4 + d\n(3 differing line(s); expected 3 lines, actual 4 lines)\n");
    // A deleted line shows once, not as a cascade of shifted lines.
    let d = line_diff("a\nb\nc\nd\ne\n", "a\nc\nd\ne\n", 40);
    assert_eq!(d, "    2 - b\n(1 differing line(s); expected 5 lines, actual 4 lines)\n");
    let many_a: String = (0..100).map(|i| format!("{i}\n")).collect();
    let many_b: String = (0..100).map(|i| format!("x{i}\n")).collect();
    let d = line_diff(&many_a, &many_b, 40);
    assert_eq!(d.lines().count(), 41);
    assert!(d.ends_with("(200 differing line(s); expected 100 lines, actual 100 lines; first 40 shown)\n"), "{d}");
    assert_eq!(line_diff("same\n", "same\n", 40), "(0 differing line(s); expected 1 lines, actual 1 lines)\n");
}
