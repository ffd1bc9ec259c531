//! Hostile and malformed input: one test per case, each asserting its documented outcome
//! (an error code and message, or "handled" and what it renders). Every case that is
//! accepted is also laid out and rendered to SVG at widths 0 (clamped to 120), 640 and
//! 10000 px, and described, tabulated and exported as CSV, without panicking.
//!
//! The same cases generate docs/bad-inputs.md: `bad_inputs_doc_is_current` compares the
//! committed file with the observed outcomes, and rewrites it when run with
//! `TRADE_CHART_BLESS=1 cargo test --test bad_input`.
#![cfg(not(target_arch = "wasm32"))] // native tests; wasm-pack builds every test target
#![cfg(not(target_arch = "wasm32"))]

use std::collections::HashMap;
use std::fmt::Write as _;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use trade_chart::{ms_from_civil, year_start, MS_PER_DAY};
use trade_chart::ChartError;
use trade_chart::{csv_cell, to_csv};
use trade_chart::{data_table, describe};
use trade_chart::Json;
use trade_chart::{layout, LayoutOptions};
use trade_chart::{Chart, ThemeChoice};
use trade_chart::{MAX_POINTS, MAX_SERIES};
use trade_chart::{chart_from_json, parse_csv_chart, parse_spec, MAX_TEXT};
use trade_chart::ApproxMeasure;
use trade_chart::Theme;

#[path = "support/recorder.rs"]
mod recorder;
use plotters::prelude::IntoDrawingArea;
use recorder::{Call, Recorder};

// ---------------------------------------------------------------- helpers

/// `{"series": [{"name": "A", "data": DATA}]}` with extra top-level fields.
fn one_series(data: &str) -> String {
    format!(r#"{{"series": [{{"name": "A", "data": {data}}}]}}"#)
}

fn rejected(result: Result<Chart, ChartError>, what: &str) -> ChartError {
    match result {
        Ok(_) => panic!("{what}: accepted, expected an error"),
        Err(e) => e,
    }
}

fn accepted(result: Result<Chart, ChartError>, what: &str) -> Chart {
    match result {
        Ok(c) => c,
        Err(e) => panic!("{what}: rejected with {} ({e}), expected it to be handled", e.code()),
    }
}

/// Asserts the code and a message substring; the outcome quotes the whole message.
fn check_error(e: &ChartError, code: &str, substring: &str) -> String {
    let message = e.to_string();
    assert_eq!(e.code(), code, "wrong code: {e:?}");
    assert!(message.contains(substring), "message {message:?} lacks {substring:?}");
    format!("error `{code}`: \"{message}\"")
}

fn spec_error(text: &str, code: &str, substring: &str) -> String {
    check_error(&rejected(parse_spec(text), text), code, substring)
}

fn json_error(json: &Json, code: &str, substring: &str) -> String {
    check_error(&rejected(chart_from_json(json), "hand-built spec"), code, substring)
}

fn csv_error(text: &str, code: &str, substring: &str) -> String {
    check_error(&rejected(parse_csv_chart(text), text), code, substring)
}

/// Widths every accepted case is rendered at; 0 is clamped to 120.
const WIDTHS: [f64; 3] = [0.0, 640.0, 10_000.0];

/// Lays out and renders the chart at every width in [`WIDTHS`] (SVG), and runs the text
/// outputs (description, data table, CSV export). Returns the SVG at 10000 px.
fn render_everywhere(chart: &Chart) -> String {
    let mut wide = String::new();
    for width in WIDTHS {
        let svg = trade_chart::render_svg(chart, width, None, ThemeChoice::Auto)
            .unwrap_or_else(|e| panic!("render_svg at {width} px failed: {e}"));
        assert!(svg.starts_with("<svg"), "not an SVG at {width} px: {}", svg.chars().take(80).collect::<String>());
        assert!(svg.trim_end().ends_with("</svg>"), "SVG at {width} px is not closed");
        let expected = width.max(120.0);
        assert!(svg.contains(&format!("width=\"{expected}\"")), "SVG at {width} px is not {expected} px wide");
        wide = svg;
    }
    let _ = describe(chart);
    let _ = data_table(chart, &[]);
    // The CSV export of millions of points is hundreds of MB (30 s in a debug build).
    let points: usize = chart.series.iter().map(|s| s.len()).sum();
    if points <= 1_000_000 {
        let _ = to_csv(chart);
    }
    wide
}

fn laid(chart: &Chart, width: f64) -> trade_chart::Layout {
    let opts = LayoutOptions { width, height: None, theme: Theme::light(), x_range: None, visible: Vec::new() };
    layout(chart, &opts, &ApproxMeasure)
}

/// The value axis labels of the first panel, bottom to top, at 640 px.
fn y_axis(chart: &Chart) -> String {
    let l = laid(chart, 640.0);
    let Some(panel) = l.panels.first() else { return "no panel".into() };
    let left = panel.rect.x;
    let labels: Vec<&str> = l
        .texts
        .iter()
        .filter(|t| t.align == trade_chart::Align::Right && (t.x - (left - 8.0)).abs() < 1e-9)
        .map(|t| t.text.as_str())
        .collect();
    match labels.as_slice() {
        [] => "no value labels".into(),
        [one] => format!("value axis \"{one}\""),
        [first, .., last] => format!("value axis \"{first}\" to \"{last}\""),
    }
}

/// The time axis labels at 640 px.
fn x_axis(chart: &Chart) -> String {
    let l = laid(chart, 640.0);
    let labels: Vec<&str> = l.x_ticks.iter().map(|(t, _)| t.label.as_str()).collect();
    match labels.as_slice() {
        [] => "no time labels".into(),
        [one] => format!("time axis \"{one}\""),
        [first, .., last] => format!("time axis \"{first}\" to \"{last}\" ({} labels)", labels.len()),
    }
}

/// Lays out the chart at 640 px and draws it (DPR 1) into a recording backend.
fn recorded(chart: &Chart) -> (trade_chart::Layout, Vec<Call>) {
    let l = laid(chart, 640.0);
    let (rec, calls) = Recorder::new(l.width.round() as u32, l.height.round() as u32);
    let area = rec.into_drawing_area();
    trade_chart::draw(&area, chart, &l, 1.0).unwrap_or_else(|e| panic!("draw at 640 px failed: {e}"));
    drop(area);
    (l, calls.take())
}

/// What the data layer drew at 640 px, counted from the recorded calls: line paths, bars
/// and dots in a series colour (legend swatches are not counted).
struct Drawn {
    lines: Vec<Vec<(i32, i32)>>,
    bars: Vec<((i32, i32), (i32, i32))>,
    dots: Vec<(i32, i32)>,
}

fn drawn(chart: &Chart) -> (trade_chart::Layout, Drawn) {
    let (l, rec) = recorded(chart);
    let colours: Vec<(u8, u8, u8)> = l.colors.iter().map(|c| (c.0, c.1, c.2)).collect();
    let is_series = |rgb: &(u8, u8, u8)| colours.contains(rgb);
    let swatches: Vec<((i32, i32), (i32, i32))> = l
        .legend
        .iter()
        .map(|i| ((i.swatch.x.round() as i32, i.swatch.y.round() as i32), (i.swatch.right().round() as i32, i.swatch.bottom().round() as i32)))
        .collect();
    let mut d = Drawn { lines: Vec::new(), bars: Vec::new(), dots: Vec::new() };
    for call in rec {
        match call {
            Call::Path { points, rgb, .. } if is_series(&rgb) && points.len() > 1 => d.lines.push(points),
            Call::Rect { a, b, rgb, fill: true } if is_series(&rgb) && !swatches.contains(&(a, b)) => d.bars.push((a, b)),
            Call::Circle { center, rgb, fill: true, .. } if is_series(&rgb) => d.dots.push(center),
            _ => {}
        }
    }
    (l, d)
}

/// How the series are named on the chart, observed in the layout: legend rows, or direct
/// labels beside the plot.
fn labelling(chart: &Chart, l: &trade_chart::Layout) -> String {
    if !l.legend.is_empty() {
        let mut rows: Vec<i64> = l.legend.iter().map(|i| i.swatch.y.round() as i64).collect();
        rows.dedup();
        return format!("a legend of {} entries in {} rows", l.legend.len(), rows.len());
    }
    let right = l.panels.iter().map(|p| p.rect.right()).fold(0.0, f64::max);
    let labels: Vec<&trade_chart::TextItem> =
        l.texts.iter().filter(|t| t.x >= right && chart.series.iter().any(|s| s.name == t.text)).collect();
    let mut rows: Vec<i64> = labels.iter().map(|t| t.y.round() as i64).collect();
    rows.sort_unstable();
    rows.dedup();
    format!("no legend; {} direct labels at {} distinct heights", labels.len(), rows.len())
}

/// The counts of [`drawn`] as text.
fn marks_text(d: &Drawn) -> String {
    let vertices: usize = d.lines.iter().map(Vec::len).sum();
    format!("{} line paths ({vertices} vertices), {} bars, {} dots drawn at 640 px", d.lines.len(), d.bars.len(), d.dots.len())
}

/// Every line vertex, bar corner and dot of `d` lies inside the chart's plot panels.
fn assert_inside_plot(l: &trade_chart::Layout, d: &Drawn) {
    let inside = |(x, y): (i32, i32)| {
        l.panels.iter().any(|p| {
            let r = p.rect;
            f64::from(x) >= r.x.floor() && f64::from(x) <= r.right().ceil() && f64::from(y) >= r.y.floor() && f64::from(y) <= r.bottom().ceil()
        })
    };
    for pt in d.lines.iter().flatten().chain(d.dots.iter()).chain(d.bars.iter().flat_map(|(a, b)| [a, b])) {
        assert!(inside(*pt), "{pt:?} is drawn outside every plot panel {:?}", l.panels.iter().map(|p| p.rect).collect::<Vec<_>>());
    }
}

/// The case is accepted, renders everywhere and draws something: the outcome line says
/// what (`what`, which the case has checked), the counts observed and the axes.
fn handled(chart: &Chart, what: &str) -> String {
    render_everywhere(chart);
    let (l, d) = drawn(chart);
    assert!(!(d.lines.is_empty() && d.bars.is_empty() && d.dots.is_empty()), "{what}: nothing drawn in the plot");
    assert_inside_plot(&l, &d);
    outcome_line(chart, what, &d)
}

fn outcome_line(chart: &Chart, what: &str, d: &Drawn) -> String {
    let points: usize = chart.series.iter().map(|s| s.len()).sum();
    format!(
        "handled: {what}; {} series, {points} points; renders at 120, 640 and 10000 px; {} ({}, {})",
        chart.series.len(),
        marks_text(d),
        x_axis(chart),
        y_axis(chart)
    )
}

fn obj(fields: Vec<(&str, Json)>) -> Json {
    Json::Object(fields.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
}

fn s(text: &str) -> Json {
    Json::String(text.into())
}

fn n(v: f64) -> Json {
    Json::Number(v)
}

/// A spec whose one series has the given data pairs, built by hand.
fn hand_built(points: Vec<(Json, Json)>) -> Json {
    let data = Json::Array(points.into_iter().map(|(x, y)| Json::Array(vec![x, y])).collect());
    obj(vec![("series", Json::Array(vec![obj(vec![("name", s("A")), ("data", data)])]))])
}

/// A spec with one typed-array series of `n` points, one a minute from 2000-01-01.
fn typed_array_spec(n: usize) -> Json {
    let start = year_start(2000);
    let x: Vec<f64> = (0..n).map(|i| start + i as f64 * 60_000.0).collect();
    let y: Vec<f64> = (0..n).map(|i| ((i % 1440) as f64 * 0.01).sin() * 50.0 + 100.0).collect();
    let series = obj(vec![("name", s("Ticks")), ("x", Json::Numbers(x)), ("y", Json::Numbers(y))]);
    obj(vec![("series", Json::Array(vec![series]))])
}

/// `n` series named S1..Sn with three annual points each.
fn many_series(n: usize) -> String {
    let series: Vec<String> = (1..=n)
        .map(|i| format!(r#"{{"name": "S{i}", "data": [["2021", {i}], ["2022", {}], ["2023", null]]}}"#, i * 2))
        .collect();
    format!(r#"{{"series": [{}]}}"#, series.join(", "))
}

/// Runs the current test binary on one ignored test in a child process, so that a stack
/// overflow (which aborts the process) fails this case instead of the whole suite.
fn in_child(test: &str) -> Result<(), String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let out = std::process::Command::new(exe)
        .args(["--exact", test, "--ignored", "--nocapture", "--test-threads=1"])
        .env("TRADE_CHART_CHILD", "1")
        .output()
        .map_err(|e| e.to_string())?;
    if out.status.success() {
        return Ok(());
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    if stderr.contains("overflowed its stack") {
        Err("the process aborted with a stack overflow".into())
    } else {
        Err(format!("the child failed ({}): {}", out.status, stderr.lines().rev().take(5).collect::<Vec<_>>().join(" / ")))
    }
}

// ---------------------------------------------------------------- the cases

struct Case {
    id: &'static str,
    input: &'static str,
    run: fn() -> String,
}

macro_rules! cases {
    ($($id:ident : $input:expr => $body:block)*) => {
        $( fn $id() -> String $body )*

        const CASES: &[Case] = &[ $( Case { id: stringify!($id), input: $input, run: $id } ),* ];

        mod case {
            $( #[test] fn $id() { super::check(stringify!($id)); } )*
        }
    };
}

cases! {
    empty_spec: "empty spec `{}`" => {
        spec_error("{}", "missing-field", "spec: the field \"series\" is required")
    }
    no_series: "no series: `{\"series\": []}`" => {
        spec_error(r#"{"series": []}"#, "empty", "series is empty")
    }
    series_not_an_array: "`series` is an object, not an array" => {
        spec_error(r#"{"series": {"name": "A"}}"#, "invalid-field", "series is an object")
    }
    series_with_no_points: "a series with 0 points" => {
        spec_error(&one_series("[]"), "empty", "series \"A\" has no points")
    }
    series_with_one_point: "a series with 1 point" => {
        let c = accepted(parse_spec(&one_series(r#"[["2023", 240.1]]"#)), "one point");
        let (l, d) = drawn(&c);
        let mid = l.panels[0].rect.x + l.panels[0].rect.w / 2.0;
        assert!(matches!(d.dots.as_slice(), [(x, _)] if (f64::from(*x) - mid).abs() <= 1.0), "one dot at the middle {mid}: {:?}", d.dots);
        handled(&c, "one dot, mid-axis")
    }
    series_all_null: "a series whose values are all null" => {
        let c = accepted(parse_spec(&one_series(r#"[["2021", null], ["2022", null], ["2023", null]]"#)), "all null");
        render_everywhere(&c);
        let (_, d) = drawn(&c);
        assert!(d.lines.is_empty() && d.bars.is_empty() && d.dots.is_empty(), "all-null series drew {}", marks_text(&d));
        outcome_line(&c, "an empty plot", &d)
    }
    series_all_equal: "a series whose values are all equal" => {
        let c = accepted(parse_spec(&one_series(r#"[["2021", 100], ["2022", 100], ["2023", 100]]"#)), "all equal");
        let (_, d) = drawn(&c);
        assert!(matches!(d.lines.as_slice(), [line] if line.iter().all(|p| p.1 == line[0].1)), "not one flat line: {:?}", d.lines);
        handled(&c, "one flat line")
    }
    nan_value: "NaN as a y value (from JavaScript: `Json::Number(NaN)`)" => {
        json_error(&hand_built(vec![(s("2022"), n(1.0)), (s("2023"), n(f64::NAN))]), "invalid-field",
            "series \"A\" point 1 (2023): y is NaN, expected a number or null")
    }
    infinite_value: "+Infinity as a y value" => {
        json_error(&hand_built(vec![(s("2022"), n(f64::INFINITY))]), "invalid-field", "y is Infinity, expected a number or null")
    }
    negative_infinite_value: "-Infinity as a y value" => {
        json_error(&hand_built(vec![(s("2022"), n(1.0)), (s("2023"), n(f64::NEG_INFINITY))]), "invalid-field", "y is -Infinity")
    }
    infinite_x: "±Infinity and NaN as x (epoch ms)" => {
        let a = json_error(&hand_built(vec![(n(f64::INFINITY), n(1.0))]), "invalid-field", "x is Infinity");
        json_error(&hand_built(vec![(n(f64::NAN), n(1.0))]), "invalid-field", "x is NaN");
        a
    }
    nan_in_typed_array: "NaN and Infinity in typed-array (Float64Array) columns" => {
        let t0 = year_start(2022);
        let spec = |y: Vec<f64>| obj(vec![("series", Json::Array(vec![obj(vec![("name", s("A")), ("x", Json::Numbers(vec![t0, t0 + MS_PER_DAY, t0 + 2.0 * MS_PER_DAY])), ("y", Json::Numbers(y))])]))]);
        // NaN in a y column is a gap; Infinity is an error.
        let c = accepted(chart_from_json(&spec(vec![1.0, f64::NAN, 3.0])), "NaN gap");
        assert_eq!(c.series[0].y_options(), vec![Some(1.0), None, Some(3.0)]);
        render_everywhere(&c);
        let e = json_error(&spec(vec![1.0, f64::INFINITY, 3.0]), "invalid-field", "series \"A\" point 1: y is Infinity");
        format!("NaN: handled as a gap; Infinity: {e}")
    }
    huge_values: "1e308 and -1e308 in one line series, with a labelled point" => {
        let text = r#"{"series": [{"name": "A", "data": [["2021", 1e308], ["2022", -1e308], ["2023", 5]]}],
            "annotations": [{"type": "point", "series": "A", "x": "2021", "label": "max"}]}"#;
        let c = accepted(parse_spec(text), "1e308");
        let (l, d) = drawn(&c);
        let r = l.panels[0].rect;
        let ys: Vec<i32> = d.lines.iter().flatten().map(|p| p.1).collect();
        assert!(ys.contains(&(r.y.round() as i32)) && ys.contains(&(r.bottom().round() as i32)), "1e308 and -1e308 are not at the plot's top and bottom edges {r:?}: {ys:?}");
        handled(&c, "values beyond the axis's ±1e306 drawn at the plot's top and bottom edges")
    }
    huge_values_bars: "1e308 and -1e308 as bars" => {
        let text = r#"{"kind": "bar", "series": [{"name": "A", "data": [["2021", 1e308], ["2022", -1e308], ["2023", 5]]}]}"#;
        let c = accepted(parse_spec(text), "1e308 bars");
        let (_, d) = drawn(&c);
        // On an axis of ±1e306 the bar for 5 is far under a pixel tall: only two show.
        assert_eq!(d.bars.len(), 2, "a bar for 1e308 and one for -1e308");
        handled(&c, "the two huge bars cut at the plot's edges; 5 is under a pixel tall")
    }
    huge_values_indexed: "1e308 in the indexed view (rebasing would overflow to infinity)" => {
        let text = r#"{"view": "indexed", "series": [{"name": "A", "data": [["2021", 1e-3], ["2022", 1e308]]},
            {"name": "B", "unit": "%", "data": [["2021", 1], ["2022", -1e308]]}]}"#;
        spec_error(text, "scale", "series \"A\": 1e308 (2022) is more than 1e304 times 0.001 (2021), so its indexed values (= 100 at the base) overflow; use another \"view\" for this series")
    }
    huge_values_log: "1e308 and 1e-308 on a log scale" => {
        let text = r#"{"scale": "log", "series": [{"name": "A", "data": [["2021", 1e-308], ["2022", 1e308], ["2023", 1]]}]}"#;
        spec_error(text, "scale", "series \"A\" point 0: y is 1e-308, but a log scale shows values from 1e-100 to 1e100; use \"scale\": \"linear\"")
    }
    string_value: "a string where a number belongs (`\"n/a\"`)" => {
        spec_error(&one_series(r#"[["2022", 1], ["2023", "n/a"]]"#), "invalid-field",
            "series \"A\" point 1 (2023): y is \"n/a\", expected a number or null")
    }
    numeric_string_value: "a number written as a string (`\"240.1\"`)" => {
        spec_error(&one_series(r#"[["2023", "240.1"]]"#), "invalid-field", "y is \"240.1\"")
    }
    boolean_value: "a boolean where a number belongs" => {
        spec_error(&one_series(r#"[["2023", true]]"#), "invalid-field", "y is true, expected a number or null")
    }
    object_value: "an object where a number belongs" => {
        spec_error(&one_series(r#"[["2023", {"v": 1}]]"#), "invalid-field", "y is an object, expected a number or null")
    }
    array_value: "an array where a number belongs" => {
        spec_error(&one_series(r#"[["2023", [1, 2]]]"#), "invalid-field", "y is an array of 2, expected a number or null")
    }
    boolean_x: "a boolean where a date belongs" => {
        spec_error(&one_series(r#"[[true, 1]]"#), "invalid-field", "series \"A\" point 0: x is true")
    }
    wrong_type_options: "wrong types in options (`\"height\": \"400\"`, `\"decimals\": 2.5`)" => {
        let a = spec_error(r#"{"height": "400", "series": [{"name": "A", "data": [["2023", 1]]}]}"#, "invalid-field", "height is \"400\"");
        spec_error(&one_series(r#"[["2023", 1]], "decimals": 2.5"#), "invalid-field", "decimals is 2.5");
        a
    }
    point_not_a_pair: "a point that is not an `[x, y]` pair" => {
        spec_error(&one_series(r#"[["2022", 1], ["2023", 2, 3]]"#), "invalid-field", "series \"A\" point 1: data is an array of 3, expected a pair [x, y]")
    }
    year_zero: "a date in year 0 (`\"0000\"`)" => {
        spec_error(&one_series(r#"[["0000", 1]]"#), "invalid-field", "series \"A\" point 0: x is \"0000\"")
    }
    year_ten_thousand: "a date in year 10000 (`\"10000-01-01\"`, and as epoch ms)" => {
        let a = spec_error(&one_series(r#"[["10000-01-01", 1]]"#), "invalid-field", "x is \"10000-01-01\"");
        let ms = year_start(10_000);
        spec_error(&one_series(&format!("[[{ms}, 1]]")), "invalid-field", "epoch milliseconds");
        a
    }
    invalid_month: "an invalid date (`\"2023-13\"`)" => {
        spec_error(&one_series(r#"[["2023-12", 1], ["2023-13", 2]]"#), "invalid-field", "series \"A\" point 1: x is \"2023-13\"")
    }
    invalid_day: "an impossible day (`\"2023-02-29\"`)" => {
        spec_error(&one_series(r#"[["2023-02-29", 1]]"#), "invalid-field", "x is \"2023-02-29\"")
    }
    mixed_granularities: "mixed granularities in one series (`\"2022\"`, then `\"2023-06\"`)" => {
        spec_error(&one_series(r#"[["2022", 1], ["2023-06", 2]]"#), "invalid-field", "one series cannot mix annual and monthly dates")
    }
    unsorted_x: "unsorted x" => {
        let c = accepted(parse_spec(&one_series(r#"[["2023", 3], ["2021", 1], ["2022", 2]]"#)), "unsorted");
        assert_eq!(c.series[0].x, vec![year_start(2021), year_start(2022), year_start(2023)]);
        assert_eq!(c.series[0].y_options(), vec![Some(1.0), Some(2.0), Some(3.0)]);
        handled(&c, "points sorted by date")
    }
    duplicate_x: "duplicate x" => {
        spec_error(&one_series(r#"[["2022", 1], ["2023", 2], ["2022", 3]]"#), "duplicate-x",
            "series \"A\" point 2: x 2022 repeats point 0; each date may appear once")
    }
    duplicate_x_typed_array: "duplicate x in a typed-array column" => {
        let t = year_start(2022);
        let spec = obj(vec![("series", Json::Array(vec![obj(vec![("name", s("A")), ("x", Json::Numbers(vec![t, t + MS_PER_DAY, t])), ("y", Json::Numbers(vec![1.0, 2.0, 3.0]))])]))]);
        json_error(&spec, "duplicate-x", "repeats point 0")
    }
    length_mismatch: "x and y of different lengths" => {
        spec_error(r#"{"series": [{"name": "A", "x": ["2022", "2023"], "y": [1]}]}"#, "length-mismatch",
            "series \"A\": x has 2 values but y has 1; they must be the same length")
    }
    length_mismatch_typed_array: "typed-array x and y of different lengths" => {
        let t = year_start(2022);
        let spec = obj(vec![("series", Json::Array(vec![obj(vec![("name", s("A")), ("x", Json::Numbers(vec![t, t + MS_PER_DAY])), ("y", Json::Numbers(vec![1.0, 2.0, 3.0]))])]))]);
        json_error(&spec, "length-mismatch", "x has 2 values but y has 3")
    }
    ten_million_points: "a 10-million-point series (typed arrays: exactly MAX_POINTS)" => {
        assert_eq!(MAX_POINTS, 10_000_000);
        let spec = typed_array_spec(MAX_POINTS);
        let c = accepted(chart_from_json(&spec), "10M points");
        drop(spec);
        let started = Instant::now();
        render_everywhere(&c);
        eprintln!("10M points rendered three times in {:?}", started.elapsed());
        format!("handled: accepted (the limit is {MAX_POINTS} points); drawn decimated (M4) at 120, 640 and 10000 px")
    }
    over_ten_million_points: "10,000,001 points (one over MAX_POINTS)" => {
        json_error(&typed_array_spec(MAX_POINTS + 1), "limit",
            "series \"Ticks\": the chart would hold more than 10000000 points; aggregate the data first")
    }
    large_csv: "a 50 MB CSV (1.3 million rows × 3 series, minutes)" => {
        let text = big_csv(50 << 20);
        let started = Instant::now();
        let c = accepted(parse_csv_chart(&text), "50 MB CSV");
        let took = started.elapsed();
        eprintln!("50 MB CSV parsed in {took:?}");
        assert!(took < Duration::from_secs(60), "parsing 50 MB took {took:?}");
        assert_eq!(c.series.len(), 3);
        let rows = c.series[0].len();
        format!("handled: parsed ({rows} rows, {} MB; well under 60 s in a debug build, about 0.6 s in release)", text.len() >> 20)
    }
    csv_bom: "CSV with a byte-order mark" => {
        let c = accepted(parse_csv_chart("\u{feff}year,Trade\n2022,1\n2023,2\n"), "BOM");
        assert_eq!(c.series[0].name, "Trade");
        handled(&c, "the BOM is skipped")
    }
    csv_crlf: "CSV with CRLF line ends" => {
        let c = accepted(parse_csv_chart("year,Trade\r\n2022,1\r\n2023,2\r\n"), "CRLF");
        assert_eq!(c.series[0].y_options(), vec![Some(1.0), Some(2.0)]);
        handled(&c, "read as LF")
    }
    csv_quoted_fields: "CSV with quoted fields (`\"Trade, total (US$ bn)\"`, `\"1,234.5\"`, `\"say \"\"hi\"\"\"`)" => {
        let c = accepted(parse_csv_chart("year,\"Trade, total (US$ bn)\",\"say \"\"hi\"\"\"\n2022,\"1,234.5\",1\n2023,2,\"3\"\n"), "quoted");
        assert_eq!(c.series[0].name, "Trade, total");
        assert_eq!(c.series[0].y_options()[0], Some(1234.5));
        assert_eq!(c.series[1].name, "say \"hi\"");
        assert_eq!(c.series[0].unit, trade_chart::Unit::new("$", "bn"));
        handled(&c, "quotes removed, unit `$`…`bn` read from the header")
    }
    csv_semicolons: "CSV with semicolons and decimal commas (`1.234,5`)" => {
        let c = accepted(parse_csv_chart("date;Trade (€ m)\n2023-01;1.234,5\n2023-02;2.345,6\n"), "semicolons");
        assert_eq!(c.series[0].y_options(), vec![Some(1234.5), Some(2345.6)]);
        handled(&c, "`;` detected, decimal comma detected")
    }
    csv_thousands_separators: "CSV with thousands separators (`\"1,234,567.5\"`, `1 234`)" => {
        let c = accepted(parse_csv_chart("year,Trade\n2022,\"1,234,567.5\"\n2023,1 234\n"), "thousands");
        assert_eq!(c.series[0].y_options(), vec![Some(1_234_567.5), Some(1234.0)]);
        let e = csv_error("year,Trade\n2022,\"1,23\"\n", "invalid-csv", "CSV line 2");
        format!("{}; a malformed group is an {e}", handled(&c, "groups removed"))
    }
    csv_trailing_empty_lines: "CSV with trailing empty lines and `,,` rows" => {
        let c = accepted(parse_csv_chart("year,Trade\n2022,1\n2023,2\n\n\n,\n\n"), "trailing");
        assert_eq!(c.series[0].len(), 2);
        handled(&c, "blank rows skipped")
    }
    csv_text_column: "CSV with a text column among numeric ones (a weather description)" => {
        let c = accepted(parse_csv_chart("date,description,temp\n2024-01-01,sunny,4\n2024-01-02,fog,5\n"), "text column");
        assert_eq!(c.series.len(), 1);
        assert_eq!(c.warnings.len(), 1);
        handled(&c, "the text column is left out with a warning in chart.warnings")
    }
    csv_long_table: "a long CSV (`symbol,date,price`)" => {
        let c = accepted(parse_csv_chart("symbol,date,price\nAAA,2020-01-02,10\nBBB,2020-01-02,20\nAAA,2020-01-03,11\nBBB,2020-01-03,21\n"), "long");
        assert_eq!(c.series.len(), 2);
        let e = csv_error("symbol,date,price\nAAA,2020-01-02,10\nAAA,2020-01-02,11\n", "invalid-csv", "appears twice for \"AAA\"");
        format!("{}; a repeated date for one series is an {e}", handled(&c, "pivoted, one series per symbol"))
    }
    csv_ambiguous_dates: "CSV dates like `01/02/2000` that could be either way round" => {
        csv_error("date,A\n01/02/2000,1\n03/04/2000,2\n", "invalid-csv", "set dateFormat")
    }
    records_bad_value: "records with text where a number belongs (`data[7].trade` is `\"n/a\"`)" => {
        let records: Vec<String> = (0..10).map(|i| format!(r#"{{"date": "2023-{:02}", "trade": {}}}"#, i + 1, if i == 7 { "\"n/a\"".to_string() } else { i.to_string() })).collect();
        spec_error(&format!(r#"{{"data": [{}]}}"#, records.join(",")), "invalid-field", "data[7].trade is \"n/a\"")
    }
    csv_volume_column: "a daily CSV whose volume column is 10^8 times its prices" => {
        let mut text = String::from("date,Close,Volume\n");
        for d in 1..=20 {
            text.push_str(&format!("2020-01-{d:02},{},{}\n", 70 + d, 12_000_000_000u64 + d * 1_000_000));
        }
        let c = accepted(parse_csv_chart(&text), "volume");
        assert_eq!(c.panel_groups().len(), 2);
        handled(&c, "drawn in panels by size with a warning; the volume axis reads in words")
    }
    csv_text_value: "CSV with text where a number belongs" => {
        csv_error("year,Trade\n2022,1\n2023,abc\n", "invalid-csv", "CSV line 3")
    }
    csv_empty: "empty CSV" => {
        csv_error("", "invalid-csv", "the CSV is empty")
    }
    unknown_field: "an unknown top-level field (`\"colour\"`)" => {
        spec_error(r#"{"colour": "red", "series": [{"name": "A", "data": [["2023", 1]]}]}"#, "unknown-field", "spec: unknown field \"colour\"")
    }
    step_unknown_series: "a story step highlighting a series the chart does not have" => {
        spec_error(
            r#"{"series": [{"name": "A", "data": [["2022", 1], ["2023", 2]]}], "steps": [{"id": "a"}, {"id": "b", "highlight": ["Oil"]}]}"#,
            "invalid-field",
            "step 1: highlight[0] is \"Oil\"",
        )
    }
    step_view_outside_data: "a story step whose view lies wholly after the data" => {
        spec_error(
            r#"{"series": [{"name": "A", "data": [["2022", 1], ["2023", 2]]}], "steps": [{"view": {"from": "2030", "to": "2031"}}]}"#,
            "invalid-field",
            "step 0: view.from is 2030",
        )
    }
    step_many: "10,000 story steps" => {
        let steps: Vec<String> = (0..10_000).map(|i| format!(r#"{{"id": "s{i}"}}"#)).collect();
        let text = format!(r#"{{"series": [{{"name": "A", "data": [["2023", 1]]}}], "steps": [{}]}}"#, steps.join(","));
        spec_error(&text, "limit", "10000 steps is more than the limit of 100")
    }
    unknown_series_field: "an unknown series field (`\"values\"`)" => {
        spec_error(&one_series(r#"[["2023", 1]], "values": []"#), "unknown-field", "series \"A\": unknown field \"values\"")
    }
    deep_json_text: "JSON text nested 100,000 levels deep" => {
        let text = format!(r#"{{"series": {}{}}}"#, "[".repeat(100_000), "]".repeat(100_000));
        let a = spec_error(&text, "limit", "nested more than 64 levels deep");
        let objects = format!("{}1{}", r#"{"a":"#.repeat(100_000), "}".repeat(100_000));
        spec_error(&objects, "limit", "nested more than 64 levels deep");
        a
    }
    nested_past_max_depth: "JSON nested 65 levels (past json::MAX_DEPTH = 64, within the parser's limit)" => {
        assert_eq!(trade_chart::MAX_DEPTH, 64);
        let text = format!(r#"{{"series": [{{"name": "A", "data": [["2023", 1]]}}], "notes": {}1{}}}"#, "[".repeat(64), "]".repeat(64));
        spec_error(&text, "limit", "the spec is nested more than 64 levels deep")
    }
    deep_json_object: "a JavaScript object nested 100,000 levels deep (the wasm path: any serde deserializer without a depth limit)" => {
        match in_child("case_child::deep_object_is_refused") {
            Ok(()) => "error `limit` or `invalid-json`, no stack overflow".into(),
            Err(e) => panic!("BUG: deserializing a Json tree nested 100,000 deep (as serde-wasm-bindgen does with a JS object) does not stop at json::MAX_DEPTH: {e}"),
        }
    }
    thousand_series: "1000 series" => {
        let c = accepted(parse_spec(&many_series(MAX_SERIES)), "1000 series");
        let started = Instant::now();
        let (l, d) = drawn(&c);
        assert_eq!(d.lines.len(), MAX_SERIES, "one line per series");
        let out = handled(&c, &format!("all drawn; {}", labelling(&c, &l)));
        eprintln!("1000 series rendered in {:?}", started.elapsed());
        out
    }
    thousand_and_one_series: "1001 series" => {
        spec_error(&many_series(MAX_SERIES + 1), "limit", "spec: 1001 series is more than the limit of 1000")
    }
    csv_thousand_and_one_columns: "CSV with 1001 series columns" => {
        let header: Vec<String> = (0..=MAX_SERIES).map(|i| format!("S{i}")).collect();
        csv_error(&format!("year,{}\n", header.join(",")), "limit", "series columns is more than the limit of 1000")
    }
    long_title: "a title of 10,000 characters" => {
        let title = "Trade ".repeat(MAX_TEXT / 6) + &"x".repeat(MAX_TEXT % 6);
        assert_eq!(title.chars().count(), MAX_TEXT);
        let spec = format!(r#"{{"title": "{title}", "series": [{{"name": "A", "data": [["2022", 1], ["2023", 2]]}}]}}"#);
        let c = accepted(parse_spec(&spec), "10,000-character title");
        let lines = laid(&c, 640.0).texts.iter().filter(|t| t.text.starts_with("Trade")).count();
        assert!(lines > 10, "title not wrapped: {lines} lines");
        let svg = render_everywhere(&c);
        assert!(svg.contains("Trade Trade Trade"), "title not drawn");
        format!("handled: accepted and wrapped ({lines} lines at 640 px); renders at 120, 640 and 10000 px")
    }
    long_unbroken_title: "a title of 10,000 characters without spaces" => {
        let spec = format!(r#"{{"title": "{}", "series": [{{"name": "A", "data": [["2022", 1], ["2023", 2]]}}]}}"#, "W".repeat(MAX_TEXT));
        let c = accepted(parse_spec(&spec), "unbroken title");
        let lines = laid(&c, 640.0).texts.iter().filter(|t| t.text.starts_with('W')).count();
        render_everywhere(&c);
        format!("handled: broken between characters ({lines} lines at 640 px); renders at 120, 640 and 10000 px")
    }
    too_long_title: "a title of 10,001 characters" => {
        let spec = format!(r#"{{"title": "{}", "series": [{{"name": "A", "data": [["2023", 1]]}}]}}"#, "x".repeat(MAX_TEXT + 1));
        spec_error(&spec, "limit", "spec: title is 10001 characters long; the limit is 10000")
    }
    too_long_label: "a series name and an annotation label of 10,001 characters" => {
        let long = "x".repeat(MAX_TEXT + 1);
        let a = spec_error(&format!(r#"{{"series": [{{"name": "{long}", "data": [["2023", 1]]}}]}}"#), "limit", "name is 10001 characters long");
        spec_error(&format!(r#"{{"series": [{{"name": "A", "data": [["2023", 1]]}}], "annotations": [{{"type": "line", "x": "2023", "label": "{long}"}}]}}"#),
            "limit", "annotation 0: label is 10001 characters long");
        a
    }
    right_to_left_and_cjk: "Arabic, Hebrew and CJK title, names and labels" => {
        let spec = r#"{"title": "التجارة بين الصين وروسيا", "subtitle": "סחר בין סין לרוסיה", "source": "中国海关总署",
            "series": [{"name": "التجارة", "data": [["2022", 190.27], ["2023", 240.1]]}, {"name": "贸易额", "data": [["2022", 100], ["2023", 120]]}],
            "annotations": [{"type": "point", "series": "贸易额", "x": "2023", "label": "创纪录 שיא"}]}"#;
        let c = accepted(parse_spec(spec), "RTL and CJK");
        let svg = render_everywhere(&c);
        for text in ["التجارة بين الصين وروسيا", "סחר בין סין לרוסיה", "中国海关总署", "التجارة", "贸易额", "创纪录 שיא"] {
            assert!(svg.contains(text), "{text:?} missing from the SVG");
        }
        "handled: every text present in the SVG as written (logical order; the viewer lays out bidi)".into()
    }
    hostile_text: "markup and script in title, subtitle, source, series names, units and annotation labels (`<img src=x onerror=alert(1)>`, `</script>`, `javascript:alert(1)`, `&amp;`)" => {
        let hostile = "<img src=x onerror=alert(1)> </script> javascript:alert(1) &amp;";
        let h = hostile.replace('"', "\\\"");
        let spec = format!(r#"{{"title": "{h}", "subtitle": "{h}", "source": "{h}", "notes": "{h}", "byline": "{h}",
            "series": [{{"name": "{h}", "unit": {{"prefix": "<b>", "suffix": "</script>"}}, "data": [["2022", 1], ["2023", 2]]}},
                       {{"name": "<svg onload=alert(1)>", "unit": {{"prefix": "<b>", "suffix": "</script>"}}, "data": [["2022", 2], ["2023", 1]]}}],
            "annotations": [{{"type": "line", "x": "2022", "label": "{h}"}}, {{"type": "point", "series": "<svg onload=alert(1)>", "x": "2023", "label": "<script>alert(1)</script>"}}]}}"#);
        let c = accepted(parse_spec(&spec), "hostile text");
        for width in WIDTHS {
            let svg = trade_chart::render_svg(&c, width, None, ThemeChoice::Light).unwrap_or_else(|e| panic!("{e}"));
            for raw in ["<img", "</script>", "<script", "<b>", "<svg onload"] {
                assert!(!svg.contains(raw), "raw {raw:?} in the SVG at {width} px");
            }
            assert!(svg.contains("&lt;img"), "escaped title missing at {width} px");
            assert!(svg.contains("&lt;b&gt;"), "escaped unit missing at {width} px");
        }
        let svg = render_everywhere(&c);
        assert!(svg.contains("&lt;img src=x onerror=alert(1)&gt; &lt;/script&gt; javascript:alert(1) &amp;amp;"), "title not drawn whole at 10000 px");
        assert!(svg.contains("&amp;amp;"), "& not escaped");
        assert!(svg.contains("&lt;/script&gt;"), "</script> not escaped");
        assert!(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "annotation label missing");
        assert!(!svg.contains("href"), "a link appeared");
        "handled: drawn as text; the SVG holds `&lt;img …&gt;`, `&lt;/script&gt;` and `&amp;amp;`, never raw markup or a link".into()
    }
    csv_formula_cells: "CSV export of cells starting with = + - @ (series names, and csv_cell)" => {
        for (cell, out) in [("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("plain", "plain"),
                            ("a,b", "\"a,b\""), ("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")] {
            assert_eq!(csv_cell(cell), out, "csv_cell({cell:?})");
        }
        let spec = r#"{"series": [{"name": "=cmd|' /C calc'!A0", "data": [["2022", -1], ["2023", 2]]},
            {"name": "@SUM(1+1)", "data": [["2022", 1], ["2023", 2]]}, {"name": "+x", "unit": "-y", "data": [["2022", 1], ["2023", 2]]}]}"#;
        let c = accepted(parse_spec(spec), "formula names");
        let csv = to_csv(&c);
        let header = csv.lines().next().unwrap_or_default();
        assert_eq!(header, "date,'=cmd|' /C calc'!A0,'@SUM(1+1),'+x (-y)");
        assert!(csv.contains("\n2022,-1,1,1\n"), "numbers are written as numbers: {csv}");
        render_everywhere(&c);
        "handled: text cells get a leading `'` (`'=cmd…`, `'@SUM…`, `'+x`); numbers such as -1 stay numbers".into()
    }
    height_out_of_range: "height 0, 1e9 and -1" => {
        let a = spec_error(r#"{"height": 0, "series": [{"name": "A", "data": [["2023", 1]]}]}"#, "invalid-field", "height is 0, expected a number of CSS pixels from 120 to 4000");
        spec_error(r#"{"height": 1e9, "series": [{"name": "A", "data": [["2023", 1]]}]}"#, "invalid-field", "height is 1000000000");
        spec_error(r#"{"height": -1, "series": [{"name": "A", "data": [["2023", 1]]}]}"#, "invalid-field", "height is -1");
        a
    }
    not_json: "text that is not JSON, and JSON that is not an object" => {
        let a = spec_error("<svg/onload=alert(1)>", "invalid-json", "the spec is not valid JSON");
        spec_error("[1, 2]", "invalid-field", "spec: the spec is an array of 2, expected an object");
        a
    }
    wide_time_range: "one series from year 1 to year 9999, daily and annual" => {
        let c = accepted(parse_spec(&one_series(r#"[["0001-01-01", 1], ["9999-12-31", 2]]"#)), "year 1 to 9999 daily");
        render_everywhere(&c);
        let c = accepted(parse_spec(&one_series(r#"[["0001", 1], ["5000", null], ["9999", 2]]"#)), "year 1 to 9999");
        let (l, d) = drawn(&c);
        let r = l.panels[0].rect;
        assert!(matches!(d.dots.as_slice(), [a, b] if f64::from(a.0) <= r.x + 1.0 && f64::from(b.0) >= r.right() - 1.0), "a dot at each end: {:?}", d.dots);
        handled(&c, "the values either side of the gap drawn as dots at the two ends")
    }
    dense_time: "minute data over one hour, and two points one millisecond apart" => {
        let c = accepted(parse_spec(&one_series(r#"[["2024-05-16T09:00:00Z", 1], ["2024-05-16T09:30:00Z", 2], ["2024-05-16T10:00:00Z", 3]]"#)), "hour");
        render_everywhere(&c);
        let t = ms_from_civil(2024, 5, 16);
        let c = accepted(chart_from_json(&hand_built(vec![(n(t), n(1.0)), (n(t + 1.0), n(2.0))])), "1 ms apart");
        let (_, d) = drawn(&c);
        assert_eq!(d.lines.len(), 1, "one line between the two points");
        handled(&c, "a line between the two points")
    }
}

/// BUG (reported): with a labelled point, `layout` adds 12 % headroom above the data
/// (`hi += (hi - lo.min(0.0)) * 0.12` in `make_axis`), which overflows to infinity for
/// values above ~1.6e308 (or a range wider than that); `number_ticks` then falls back to
/// 0..1 and the labelled point is placed at y = -inf. Without the label the same data gets
/// the clamped axis ±1e306.
#[test]
fn regression_headroom_overflow_with_a_labelled_point() {
    let spec = r#"{"series": [{"name": "A", "data": [["2021", 1.7e308], ["2022", 1], ["2023", 5]]}],
        "annotations": [{"type": "point", "series": "A", "x": "2021", "label": "max"}]}"#;
    let c = accepted(parse_spec(spec), "1.7e308 with a label");
    let l = laid(&c, 640.0);
    let y = l.panels[0].y;
    assert!(y.d0.max(y.d1) >= 1e306, "value axis {:?} does not reach the data (1.7e308, clamped to 1e306)", (y.d0, y.d1));
    for m in &l.marks {
        if let trade_chart::Mark::Point { at, .. } = m {
            assert!(at.0.is_finite() && at.1.is_finite(), "labelled point placed at {at:?}");
        }
    }
}

/// Pieces of the hand-built deep-object case that must run in a child process.
mod case_child {
    use super::*;

    /// A Json tree nested 100,000 deep, deserialized by serde from a tree-shaped source
    /// with no recursion limit of its own (as serde-wasm-bindgen reads a JS object).
    #[test]
    #[ignore = "run in a child process by case::deep_json_object"]
    fn deep_object_is_refused() {
        use serde::Deserialize;
        let mut value = serde_json::Value::Null;
        for _ in 0..100_000 {
            value = serde_json::Value::Array(vec![value]);
        }
        let spec = serde_json::Value::Object([("series".to_string(), value)].into_iter().collect());
        let result = Json::deserialize(&spec).map_err(|e| e.to_string()).and_then(|j| {
            let r = chart_from_json(&j).map(|_| ()).map_err(|e| e.to_string());
            std::mem::forget(j);
            r
        });
        // Both values are leaked: dropping a tree this deep recurses once per level.
        std::mem::forget(spec);
        match result {
            Ok(()) => panic!("a spec nested 100,000 deep was accepted"),
            Err(message) => assert!(message.contains("64") || message.contains("recursion") || message.contains("deep"), "{message}"),
        }
    }
}

/// A CSV of `bytes` bytes or a little more: a minute date column and three series, with
/// quoted thousands and gaps.
fn big_csv(bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + 200);
    out.push_str("time,Trade (US$ bn),Crude (Mt),Index\n");
    let (mut day, mut minute) = (0i64, 0i64);
    let (mut y, mut m, mut d) = (2000i64, 1u32, 1u32);
    let mut i = 0u64;
    while out.len() < bytes {
        let _ = writeln!(
            out,
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:00Z,{}.{:02},\"{},{:03}.5\",{}",
            minute / 60,
            minute % 60,
            i % 1000,
            i % 100,
            1 + i % 9,
            i % 1000,
            if i % 10 == 0 { "" } else { "7" }
        );
        i += 1;
        minute += 1;
        if minute == 1440 {
            minute = 0;
            day += 1;
            let c = trade_chart::Civil::from_ms(ms_from_civil(2000, 1, 1) + day as f64 * MS_PER_DAY);
            (y, m, d) = (c.year, c.month, c.day);
        }
    }
    out
}

// ---------------------------------------------------------------- fuzzer finds

/// The fuzz targets, as named in fuzz/Cargo.toml; each file under tests/fuzz_regressions/
/// starts with the name of the target whose corpus or crash it came from.
const FUZZ_TARGETS: [&str; 4] = ["spec_json", "csv", "date", "render_svg"];

/// Runs one input through the entry point of its fuzz target, as the target does.
fn replay(target: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    match target {
        "spec_json" => {
            let _ = parse_spec(&text);
        }
        "csv" => {
            let _ = parse_csv_chart(&text);
        }
        "date" => {
            let _ = trade_chart::parse_date(&text);
        }
        _ => {
            if let [a, b, rest @ ..] = bytes {
                let width = f64::from(u16::from_le_bytes([*a, *b]) % 2400);
                if let Ok(chart) = std::str::from_utf8(rest).map_err(|_| ()).and_then(|t| parse_spec(t).map_err(|_| ())) {
                    let _ = trade_chart::render_svg(&chart, width, None, ThemeChoice::Auto);
                }
            }
        }
    }
}

/// Every input under tests/fuzz_regressions/ (the minimized fuzz corpus and every crash
/// ever found) goes through its own target's entry point, and through the other three,
/// without panicking. The folder must hold inputs for every target.
#[test]
fn fuzz_regressions_do_not_panic() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let mut per_target = [0usize; 4];
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".md") {
            continue;
        }
        let Some(k) = FUZZ_TARGETS.iter().position(|t| name.starts_with(&format!("{t}-"))) else {
            panic!("{name}: a fuzz regression file must start with its target's name ({})", FUZZ_TARGETS.join(", "));
        };
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let result = catch_unwind(AssertUnwindSafe(|| {
            for target in FUZZ_TARGETS {
                replay(target, &bytes);
            }
        }));
        assert!(result.is_ok(), "{name} panics again");
        per_target[k] += 1;
    }
    for (target, n) in FUZZ_TARGETS.iter().zip(per_target) {
        assert!(n > 0, "tests/fuzz_regressions/ holds no input for the {target} target");
    }
    eprintln!("fuzz regression inputs per target: {:?}", FUZZ_TARGETS.iter().zip(per_target).collect::<Vec<_>>());
}

// ---------------------------------------------------------------- running and the doc

type Outcome = Result<String, String>;

/// Each case runs once per process; its test and the doc test share the outcome.
fn outcome(id: &str) -> Outcome {
    static CELLS: OnceLock<Mutex<HashMap<&'static str, Arc<OnceLock<Outcome>>>>> = OnceLock::new();
    let case = CASES.iter().find(|c| c.id == id).unwrap_or_else(|| panic!("no case {id}"));
    let cell = {
        let mut cells = CELLS.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner());
        cells.entry(case.id).or_default().clone()
    };
    cell.get_or_init(|| {
        catch_unwind(AssertUnwindSafe(case.run)).map_err(|p| {
            p.downcast_ref::<String>().cloned().or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string())).unwrap_or_else(|| "panicked".into())
        })
    })
    .clone()
}

fn check(id: &str) {
    if let Err(message) = outcome(id) {
        panic!("{message}");
    }
}

/// Cases that take seconds in a debug build.
const SLOW: &[&str] = &["ten_million_points", "large_csv", "over_ten_million_points"];

/// Text for a table cell: `|` and newlines escaped, and outside `code spans` the
/// characters that markdown would read as HTML.
fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_code = false;
    for c in text.chars() {
        match c {
            '`' => {
                in_code = !in_code;
                out.push(c);
            }
            '|' => out.push_str("\\|"),
            '\n' => out.push(' '),
            '&' if !in_code => out.push_str("&amp;"),
            '<' if !in_code => out.push_str("&lt;"),
            '>' if !in_code => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
    out
}

fn render_doc() -> String {
    let mut doc = String::from(
        "# Bad inputs and what trade-chart does with them\n\n\
         Generated by `tests/bad_input.rs` from the outcomes its tests observe; do not edit by hand.\n\
         Regenerate with `TRADE_CHART_BLESS=1 cargo test --test bad_input`.\n\n\
         \"handled\" means the input is accepted and the chart is laid out and rendered to SVG at\n\
         widths 0 (clamped to 120), 640 and 10000 px without a panic; the description, data\n\
         table and CSV export (up to a million points) are produced too. Errors show their `code` and full message.\n\
         Axis details are read from the layout at 640 px. Limits: ",
    );
    let _ = write!(
        doc,
        "{MAX_POINTS} points per chart, {MAX_SERIES} series, {MAX_TEXT} characters per text field, JSON nesting {} levels.\n\n",
        trade_chart::MAX_DEPTH
    );
    doc.push_str("| input | outcome |\n| --- | --- |\n");
    // Compute the outcomes on two workers, slowest cases first, while the harness runs
    // the same cases as their own tests (each case still runs once).
    let mut order: Vec<&Case> = CASES.iter().collect();
    order.sort_by_key(|c| !SLOW.contains(&c.id));
    let next = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..2 {
            scope.spawn(|| {
                while let Some(case) = order.get(next.fetch_add(1, std::sync::atomic::Ordering::SeqCst)) {
                    let _ = outcome(case.id);
                }
            });
        }
    });
    for case in CASES {
        let result = match outcome(case.id) {
            Ok(text) => text,
            Err(message) => format!("**FAILS** (open bug): {message}"),
        };
        let _ = writeln!(doc, "| {} | {} |", cell(case.input), cell(&result));
    }
    doc
}

#[test]
fn bad_inputs_doc_is_current() {
    if std::env::var_os("TRADE_CHART_CHILD").is_some() {
        return;
    }
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/bad-inputs.md");
    let doc = render_doc();
    if std::env::var("TRADE_CHART_BLESS").as_deref() == Ok("1") {
        std::fs::create_dir_all(path.parent().unwrap_or(Path::new("."))).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(&path, &doc).unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed != doc {
        let old: Vec<&str> = committed.lines().collect();
        let new: Vec<&str> = doc.lines().collect();
        let mut diff = String::new();
        for line in &old {
            if !new.contains(line) {
                let _ = writeln!(diff, "- {line}");
            }
        }
        for line in &new {
            if !old.contains(line) {
                let _ = writeln!(diff, "+ {line}");
            }
        }
        panic!(
            "docs/bad-inputs.md is stale; run `TRADE_CHART_BLESS=1 cargo test --test bad_input` and commit it.\n{diff}"
        );
    }
}
