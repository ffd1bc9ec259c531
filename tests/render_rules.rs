//! Render rules checked by counting what the renderer draws, not by comparing pictures:
//! the chart is laid out and drawn (through a plotters `DrawingArea`) into the recording
//! backend of `tests/support/recorder.rs`, and the rules are asserted on the calls and on
//! the layout's text items (measured with `ApproxMeasure`, as the SVG renderer measures).

#[path = "support/recorder.rs"]
mod recorder;

use std::collections::HashMap;
use std::path::Path;

use plotters::prelude::IntoDrawingArea;
use recorder::{Call, Recorder};
use trade_chart::Json;
use trade_chart::{layout, Layout, LayoutOptions, Rect, TextItem};
use trade_chart::Chart;
use trade_chart::{chart_from_json, parse_spec};
use trade_chart::{ApproxMeasure, TextMeasure};
use trade_chart::Theme;

fn laid(chart: &Chart, width: f64, visible: Vec<bool>) -> Layout {
    let opts = LayoutOptions { width, height: None, theme: Theme::light(), x_range: None, visible };
    layout(chart, &opts, &ApproxMeasure)
}

/// Draws `l` at DPR 1 into a recorder the size of the layout and returns the calls.
fn record(chart: &Chart, l: &Layout) -> Vec<Call> {
    let (rec, calls) = Recorder::new(l.width.round() as u32, l.height.round() as u32);
    let area = rec.into_drawing_area();
    trade_chart::draw(&area, chart, l, 1.0).unwrap_or_else(|e| panic!("draw failed: {e}"));
    drop(area);
    calls.take()
}

fn rgb(l: &Layout, series: usize) -> (u8, u8, u8) {
    let c = l.colors[series];
    (c.0, c.1, c.2)
}

/// Whether a device point lies inside one of the plot panels (edges rounded outwards).
fn in_plot(l: &Layout, (x, y): (i32, i32)) -> bool {
    l.panels.iter().any(|p| {
        let r = p.rect;
        f64::from(x) >= r.x.floor() && f64::from(x) <= r.right().ceil() && f64::from(y) >= r.y.floor() && f64::from(y) <= r.bottom().ceil()
    })
}

/// Every point of a call in the plot panels drawn in `colour`.
fn points_in(calls: &[Call], l: &Layout, colour: (u8, u8, u8)) -> Vec<(i32, i32)> {
    let mut out = Vec::new();
    for call in calls {
        let pts: Vec<(i32, i32)> = match call {
            Call::Path { points, rgb, .. } | Call::Polygon { points, rgb } if *rgb == colour => points.clone(),
            Call::Line { from, to, rgb, .. } if *rgb == colour => vec![*from, *to],
            Call::Rect { a, b, rgb, .. } if *rgb == colour => vec![*a, *b],
            Call::Circle { center, rgb, .. } if *rgb == colour => vec![*center],
            _ => Vec::new(),
        };
        out.extend(pts.into_iter().filter(|p| in_plot(l, *p)));
    }
    out
}

fn demo_specs() -> Vec<(String, Chart)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("www/data");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    names.sort();
    assert!(names.len() >= 5, "demo specs in {}: {names:?}", dir.display());
    names
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            let chart = parse_spec(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(), chart)
        })
        .collect()
}

/// A line series of `n` points one minute apart.
fn dense_line(n: usize) -> Chart {
    let x: Vec<f64> = (0..n).map(|i| 946_684_800_000.0 + i as f64 * 60_000.0).collect();
    let y: Vec<f64> = (0..n).map(|i| ((i * 7919) % 1009) as f64 + (i as f64 / 500.0).sin() * 300.0).collect();
    let spec = Json::Object(vec![(
        "series".into(),
        Json::Array(vec![Json::Object(vec![
            ("name".into(), Json::String("Ticks".into())),
            ("x".into(), Json::Numbers(x)),
            ("y".into(), Json::Numbers(y)),
        ])]),
    )]);
    chart_from_json(&spec).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_dense_series_draws_at_most_four_vertices_per_device_pixel_column() {
    let chart = dense_line(100_000);
    let l = laid(&chart, 640.0, Vec::new());
    let calls = record(&chart, &l);
    let colour = rgb(&l, 0);
    let mut per_column: HashMap<i32, usize> = HashMap::new();
    let mut vertices = 0;
    for call in &calls {
        if let Call::Path { points, rgb, .. } = call {
            if *rgb == colour && points.len() > 1 {
                for (x, _) in points {
                    *per_column.entry(*x).or_default() += 1;
                    vertices += 1;
                }
            }
        }
    }
    assert!(vertices > 0, "the dense series drew no line");
    // The decimator keeps at most four vertices per device column of its f64 x (checked
    // exactly below); the backend receives rounded integer pixels, so the last points of one
    // column may land on the next one: at most two columns' worth (eight) share an integer x.
    let (column, most) = per_column.iter().max_by_key(|(_, n)| **n).map(|(c, n)| (*c, *n)).unwrap_or_default();
    assert!(most <= 8, "{most} vertices in device column {column} ({vertices} vertices over {} columns)", per_column.len());
    let plot_width = l.plot_bounds().w.ceil() as usize + 1;
    assert!(vertices <= 4 * plot_width, "{vertices} vertices for a plot {plot_width} px wide: more than four per column");
}

#[test]
fn the_decimator_keeps_at_most_four_vertices_per_device_column() {
    let n = 100_000;
    for dpr in [1.0, 2.0] {
        let points = (0..n).map(|i| (i as f64 * 640.0 / n as f64, Some(((i * 7919) % 1009) as f64)));
        let runs = trade_chart::runs(points, n, 640.0, dpr, false);
        let mut per_column: HashMap<i64, usize> = HashMap::new();
        for (x, _) in runs.iter().flatten() {
            *per_column.entry((x * dpr).floor() as i64).or_default() += 1;
        }
        let most = per_column.values().copied().max().unwrap_or_default();
        assert!(most <= 4, "DPR {dpr}: {most} vertices in one device column");
        assert!(per_column.len() as f64 >= 640.0 * dpr - 1.0, "DPR {dpr}: only {} columns drawn", per_column.len());
    }
}

fn bars(points: usize, series: usize) -> Chart {
    let data = |k: usize| (0..points).map(|i| format!("[\"{}\", {}]", 2000 + i, 10 + (i * (k + 3)) % 17)).collect::<Vec<_>>().join(", ");
    let list: Vec<String> = (0..series).map(|k| format!(r#"{{"name": "S{k}", "kind": "bar", "data": [{}]}}"#, data(k))).collect();
    parse_spec(&format!(r#"{{"view": "single", "series": [{}]}}"#, list.join(", "))).unwrap_or_else(|e| panic!("{e}"))
}

/// Filled rectangles in `colour` inside the plot, legend swatches left out.
fn bar_rects(calls: &[Call], l: &Layout, colour: (u8, u8, u8)) -> usize {
    let swatches: Vec<Rect> = l.legend.iter().map(|i| i.swatch).collect();
    let is_swatch = |a: (i32, i32)| swatches.iter().any(|s| (f64::from(a.0) - s.x).abs() <= 1.0 && (f64::from(a.1) - s.y).abs() <= 1.0);
    calls
        .iter()
        .filter(|c| matches!(c, Call::Rect { a, rgb, fill: true, .. } if *rgb == colour && !is_swatch(*a) && in_plot(l, *a)))
        .count()
}

#[test]
fn one_rectangle_per_visible_bar() {
    for (points, series) in [(1, 1), (12, 1), (12, 2), (40, 3)] {
        let chart = bars(points, series);
        let l = laid(&chart, 640.0, Vec::new());
        let calls = record(&chart, &l);
        for k in 0..series {
            assert_eq!(bar_rects(&calls, &l, rgb(&l, k)), points, "{series} bar series of {points} points: series {k}");
        }
    }
}

#[test]
fn a_hidden_series_is_drawn_nowhere_in_the_plot() {
    for chart in [bars(12, 3), dense_line(2_000)] {
        let n = chart.series.len();
        for hidden in 0..n {
            let visible: Vec<bool> = (0..n).map(|k| k != hidden).collect();
            let l = laid(&chart, 640.0, visible);
            let calls = record(&chart, &l);
            let colour = rgb(&l, hidden);
            let drawn = points_in(&calls, &l, colour);
            assert!(drawn.is_empty(), "hidden series {hidden} of {n} drawn at {:?}", &drawn[..drawn.len().min(5)]);
            for k in (0..n).filter(|k| *k != hidden) {
                assert!(!points_in(&calls, &l, rgb(&l, k)).is_empty(), "visible series {k} drawn nowhere while {hidden} is hidden");
            }
        }
    }
}

fn text_box(t: &TextItem) -> Rect {
    t.bounds(ApproxMeasure.width(&t.text, t.font))
}

#[test]
fn every_text_lies_inside_the_canvas() {
    for (name, chart) in demo_specs() {
        for width in [320.0, 640.0, 1200.0] {
            let l = laid(&chart, width, Vec::new());
            for t in &l.texts {
                let b = text_box(t);
                assert!(
                    b.x >= -0.5 && b.y >= -0.5 && b.right() <= l.width + 0.5 && b.bottom() <= l.height + 0.5,
                    "{name} at {width} px: {:?} at {b:?} leaves the {}×{} canvas",
                    t.text,
                    l.width,
                    l.height
                );
            }
            for call in record(&chart, &l) {
                if let Call::Text { text, at, .. } = call {
                    assert!(
                        at.0 >= 0 && at.1 >= 0 && f64::from(at.0) <= l.width.ceil() && f64::from(at.1) <= l.height.ceil(),
                        "{name} at {width} px: {text:?} is drawn at {at:?}, outside the canvas"
                    );
                }
            }
        }
    }
}

/// The axis labels and direct labels of a layout: texts that sit level with or below the
/// plot panels (everything between the header and the footer notes).
fn axis_and_direct_labels(chart: &Chart, l: &Layout) -> Vec<TextItem> {
    let ticks: Vec<&str> = l.x_ticks.iter().map(|(t, _)| t.label.as_str()).collect();
    let names: Vec<&str> = chart.series.iter().map(|s| s.name.as_str()).collect();
    let top = l.panels.iter().map(|p| p.rect.y).fold(f64::INFINITY, f64::min);
    let bottom = l.panels.iter().map(|p| p.rect.bottom()).fold(0.0, f64::max);
    l.texts
        .iter()
        .filter(|t| {
            let b = text_box(t);
            let level = b.bottom() > top && b.y < bottom;
            let x_label = ticks.contains(&t.text.as_str()) && b.y >= bottom - 1.0;
            (level && !names.is_empty()) || x_label
        })
        .cloned()
        .collect()
}

#[test]
fn no_two_axis_or_direct_labels_overlap() {
    for (name, chart) in demo_specs() {
        for width in [320.0, 640.0, 1200.0] {
            let l = laid(&chart, width, Vec::new());
            let labels = axis_and_direct_labels(&chart, &l);
            assert!(labels.len() >= 4, "{name} at {width} px: only {} axis labels found", labels.len());
            for (i, a) in labels.iter().enumerate() {
                for b in labels.iter().skip(i + 1) {
                    assert!(
                        !text_box(a).overlaps(&text_box(b)),
                        "{name} at {width} px: {:?} {:?} overlaps {:?} {:?}",
                        a.text,
                        text_box(a),
                        b.text,
                        text_box(b)
                    );
                }
            }
        }
    }
}


/// Dots mark data points only: a view whose ends fall between annual points clips the line
/// at the plot's edges, and no dot is drawn at those interpolated ends.
#[test]
fn dots_sit_on_data_points_never_on_clipped_line_ends() {
    let chart = parse_spec(r#"{"series": [{"name": "Trade", "data": [["2016", 69.52], ["2017", 84.07], ["2018", 107.06],
        ["2019", 110.75], ["2020", 107.76], ["2021", 146.89], ["2022", 190.27], ["2023", 240.1]]}]}"#)
    .unwrap_or_else(|e| panic!("{e}"));
    // Mid-2017 to mid-2022: five points inside, both ends between points.
    let from = trade_chart::ms_from_civil(2017, 7, 1);
    let to = trade_chart::ms_from_civil(2022, 7, 1);
    let opts = LayoutOptions { width: 640.0, height: None, theme: Theme::light(), x_range: Some((from, to)), visible: Vec::new() };
    let l = layout(&chart, &opts, &ApproxMeasure);
    let calls = record(&chart, &l);
    let colour = rgb(&l, 0);
    let dots: Vec<(i32, i32)> = calls
        .iter()
        .filter_map(|c| match c {
            Call::Circle { center, rgb, fill: true, .. } if *rgb == colour => Some(*center),
            _ => None,
        })
        .collect();
    let expected: Vec<i32> = chart.series[0]
        .x
        .iter()
        .filter(|t| **t >= from && **t <= to)
        .map(|t| l.x.to_px(*t).round() as i32)
        .collect();
    assert_eq!(expected.len(), 5, "2018 to 2022 lie inside the view");
    let xs: Vec<i32> = dots.iter().map(|d| d.0).collect();
    assert_eq!(xs.len(), expected.len(), "one dot per data point in view, none at the clipped ends: dots at {xs:?}, points at {expected:?}");
    for (x, e) in xs.iter().zip(&expected) {
        assert!((x - e).abs() <= 1, "dot at {x}, data point at {e}");
    }
}
