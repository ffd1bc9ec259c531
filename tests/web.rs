//! The wasm glue in a real browser (`wasm-pack test --headless --chrome`).
#![cfg(target_arch = "wasm32")]

use trade_chart::ChartHandle;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

wasm_bindgen_test_configure!(run_in_browser);

const SPEC: &str = r#"{
  "title": "China–Russia trade",
  "source": "Chinese customs data",
  "kind": "bar",
  "series": [{"name": "Trade", "unit": {"prefix": "$", "suffix": "bn"},
              "data": [["2016", 69.52], ["2017", 84.07], ["2018", 107.06], ["2019", 110.75],
                       ["2020", 107.76], ["2021", 146.89], ["2022", 190.27], ["2023", 240.1]]}]
}"#;

fn canvas() -> HtmlCanvasElement {
    let document = web_sys::window().and_then(|w| w.document()).expect("a document");
    let canvas: HtmlCanvasElement = document.create_element("canvas").expect("canvas").dyn_into().expect("a canvas element");
    document.body().expect("a body").append_child(&canvas).expect("appended");
    canvas
}

fn context(canvas: &HtmlCanvasElement) -> CanvasRenderingContext2d {
    canvas.get_context("2d").expect("context call").expect("a 2d context").dyn_into().expect("2d")
}

#[wasm_bindgen_test]
fn mounts_and_draws_at_device_resolution() {
    let canvas = canvas();
    let mut chart = ChartHandle::new(canvas.clone(), JsValue::from_str(SPEC), None, JsValue::UNDEFINED).expect("valid spec");
    chart.render(400.0, 300.0, 2.0, false).expect("render");
    assert_eq!((canvas.width(), canvas.height()), (800, 600), "backing store is CSS size × DPR");
    assert_eq!(chart.render_count(), 1);

    let plot = chart.plot_area();
    assert_eq!(plot.len(), 4);
    let (x, y, w, h) = (plot[0] * 2.0, plot[1] * 2.0, plot[2] * 2.0, plot[3] * 2.0);
    assert!(w > 400.0 && h > 200.0, "plot area {plot:?}");
    let data = context(&canvas).get_image_data(x, y, w, h).expect("pixels").data();
    let total = data.len() / 4;
    let drawn = data.chunks(4).filter(|p| p[0] < 200 || p[1] < 200).count();
    assert!(drawn * 100 / total > 20, "bars cover the plot: {drawn} of {total} pixels drawn");
}

#[wasm_bindgen_test]
fn bad_spec_throws_an_error_with_code_and_location() {
    let bad = r#"{"series": [{"name": "Crude imports", "data": [["2016", 52.48], ["2017", "n/a"]]}]}"#;
    let err = ChartHandle::new(canvas(), JsValue::from_str(bad), None, JsValue::UNDEFINED).err().expect("an error");
    let err: js_sys::Error = err.dyn_into().expect("an Error object");
    let message: String = err.message().into();
    assert_eq!(message, r#"series "Crude imports" point 1 (2017): y is "n/a", expected a number or null"#);
    let code = js_sys::Reflect::get(&err, &JsValue::from_str("code")).expect("code").as_string();
    assert_eq!(code.as_deref(), Some("invalid-field"));
}

#[wasm_bindgen_test]
fn spec_objects_from_javascript_keep_nan_as_an_error() {
    let obj = js_sys::JSON::parse(SPEC).expect("json");
    let series = js_sys::Reflect::get(&obj, &"series".into()).expect("series");
    let first = js_sys::Reflect::get(&series, &0.into()).expect("first");
    let data = js_sys::Reflect::get(&first, &"data".into()).expect("data");
    let point = js_sys::Reflect::get(&data, &3.into()).expect("point");
    js_sys::Reflect::set(&point, &1.into(), &JsValue::from_f64(f64::NAN)).expect("set NaN");
    let err = ChartHandle::new(canvas(), obj, None, JsValue::UNDEFINED).err().expect("NaN is refused, not turned into a gap");
    let message: String = err.dyn_into::<js_sys::Error>().expect("Error").message().into();
    assert!(message.contains("point 3") && message.contains("NaN"), "{message}");
}

#[wasm_bindgen_test]
fn failed_update_keeps_the_chart() {
    let canvas = canvas();
    let mut chart = ChartHandle::new(canvas.clone(), JsValue::from_str(SPEC), None, JsValue::UNDEFINED).expect("valid spec");
    chart.render(320.0, 280.0, 1.0, true).expect("render");
    assert!(chart.update(JsValue::from_str(r#"{"series": []}"#), None, JsValue::UNDEFINED).is_err());
    assert_eq!(chart.title(), "China–Russia trade");
    chart.render(320.0, 280.0, 1.0, true).expect("render after failed update");
    chart.render(0.0, 0.0, 1.0, true).expect("zero size is a no-op");
    assert_eq!(chart.render_count(), 2);
}

#[wasm_bindgen_test]
fn float64_columns_go_straight_in() {
    let n = 100_000u32;
    let x = js_sys::Float64Array::new_with_length(n);
    let y = js_sys::Float64Array::new_with_length(n);
    for i in 0..n {
        x.set_index(i, 1.7e12 + f64::from(i) * 60_000.0);
        y.set_index(i, if i == 500 { f64::NAN } else { (f64::from(i) * 0.01).sin() });
    }
    let columns = js_sys::Array::of3(&0.into(), &"x".into(), &x);
    let columns = js_sys::Array::of2(&columns, &js_sys::Array::of3(&0.into(), &"y".into(), &y));
    let spec = r#"{"title": "Dense", "series": [{"name": "Price"}]}"#;
    let canvas = canvas();
    let mut chart = ChartHandle::new(canvas.clone(), JsValue::from_str(spec), Some(columns), JsValue::UNDEFINED).expect("columns accepted");
    chart.render(600.0, 300.0, 1.0, false).expect("render");
    assert!(chart.describe().contains("Price"));

    let bad = js_sys::Float64Array::new_with_length(n);
    bad.copy_from(&x.to_vec());
    bad.set_index(7, f64::INFINITY);
    let columns = js_sys::Array::of2(&js_sys::Array::of3(&0.into(), &"x".into(), &bad), &js_sys::Array::of3(&0.into(), &"y".into(), &y));
    let err = ChartHandle::new(canvas, JsValue::from_str(spec), Some(columns), JsValue::UNDEFINED).err().expect("Infinity refused");
    let message: String = err.dyn_into::<js_sys::Error>().expect("Error").message().into();
    assert!(message.contains(r#"series "Price" point 7"#) && message.contains("Infinity"), "{message}");
}

#[wasm_bindgen_test]
fn overrides_apply_to_json_text_and_syntax_errors_keep_line_and_column() {
    // The <trade-chart> element hands JSON text and its attributes (view, height, …) to
    // Rust unparsed: the override wins over the spec's own field.
    let overrides = js_sys::Object::new();
    js_sys::Reflect::set(&overrides, &"height".into(), &JsValue::from_f64(222.0)).expect("set");
    let chart = ChartHandle::new(canvas(), JsValue::from_str(SPEC), None, overrides.into()).expect("valid spec");
    assert_eq!(chart.preferred_height(640.0), 222.0, "the height attribute overrides the spec");

    let bad_height = js_sys::Object::new();
    js_sys::Reflect::set(&bad_height, &"height".into(), &JsValue::from_f64(5.0)).expect("set");
    let err: js_sys::Error = ChartHandle::new(canvas(), JsValue::from_str(SPEC), None, bad_height.into()).err().expect("an error").dyn_into().expect("Error");
    let message: String = err.message().into();
    assert!(message.contains("height"), "{message}");

    let broken = "{\n  \"series\": [\n    {\"name\": \"A\" \"data\": []}\n  ]\n}";
    let err: js_sys::Error = ChartHandle::new(canvas(), JsValue::from_str(broken), None, JsValue::UNDEFINED).err().expect("an error").dyn_into().expect("Error");
    let message: String = err.message().into();
    assert!(message.contains("line 3"), "a JSON syntax error names its line: {message}");
}

#[wasm_bindgen_test]
fn story_steps_move_the_view_and_mute_series_through_the_glue() {
    let spec = r#"{"series": [
        {"name": "Trade", "data": [["2016", 69.52], ["2021", 146.89], ["2022", 190.27], ["2023", 240.1]]},
        {"name": "Crude imports", "data": [["2016", 52.48], ["2021", 79.64], ["2022", 86.25], ["2023", 107.02]]}],
      "steps": [{"id": "record", "view": {"from": "2021", "to": "2023"}, "highlight": ["Trade"]}]}"#;
    let mut chart = ChartHandle::new(canvas(), JsValue::from_str(spec), None, JsValue::UNDEFINED).expect("valid spec");
    chart.render(600.0, 400.0, 1.0, false).expect("render");
    assert_eq!(chart.step_ids(), vec!["record".to_string()]);
    assert_eq!(chart.current_step(), -1);
    let index = chart.resolve_step(JsValue::from_str("record")).expect("known id");
    assert!(chart.resolve_step(JsValue::from_str("finale")).is_err());
    let flags = chart.step_to(index);
    assert_eq!(flags & 16, 16, "announces");
    assert_eq!(chart.take_announcement().as_deref(), Some("Showing 2021–2023: trade rose to a record 240.1"));
    chart.step_frame(0.5);
    let mid = chart.get_view();
    assert!(mid[0] > 1_451_606_400_000.0 && mid[0] < 1_609_459_200_000.0, "half way: {mid:?}");
    assert_eq!(chart.series_emphasis(), vec![1.0, 0.5]);
    chart.step_frame(1.0);
    assert_eq!(chart.get_view(), vec![1_609_459_200_000.0, 1_672_531_200_000.0]);
    assert_eq!(chart.series_emphasis(), vec![1.0, 0.0]);
    chart.render(600.0, 400.0, 1.0, false).expect("render muted");
}

#[wasm_bindgen_test]
fn the_sound_schedule_crosses_into_javascript() {
    let mut chart = ChartHandle::new(canvas(), JsValue::from_str(SPEC), None, JsValue::UNDEFINED).expect("valid spec");
    chart.render(600.0, 400.0, 1.0, false).expect("render");
    let schedule = chart.sonify(f64::NAN, f64::NAN, f64::NAN);
    let parts = js_sys::Reflect::get(&schedule, &JsValue::from_str("parts")).expect("parts");
    let parts: js_sys::Array = parts.dyn_into().expect("an array");
    assert_eq!(parts.length(), 1);
    let notes = js_sys::Reflect::get(&parts.get(0), &JsValue::from_str("notes")).expect("notes");
    let notes: js_sys::Array = notes.dyn_into().expect("an array");
    assert_eq!(notes.length(), 8);
    let freq = |i: u32| js_sys::Reflect::get(&notes.get(i), &JsValue::from_str("freq")).expect("freq").as_f64().expect("a number");
    assert!(freq(7) > freq(0));
}

/// Every rule (gridlines, the zero line) covers whole device pixels at devicePixelRatio 1,
/// 1.5, 2 and 3: a column of pixels just inside the plot, left of the first bar, holds only
/// the background, grid and baseline colours (no blend from a rule straddling a pixel
/// edge), and each rule is round(dpr) device pixels thick. plotters-canvas alone strokes
/// axis-aligned lines half a pixel off, which blends at even widths (dpr 1.5 and 2).
#[wasm_bindgen_test]
fn rules_are_crisp_at_every_pixel_ratio() {
    const BACKGROUND: [u8; 3] = [255, 255, 255];
    const GRID: [u8; 3] = [226, 226, 226];
    const BASELINE: [u8; 3] = [60, 60, 60];
    for dpr in [1.0, 1.5, 2.0, 3.0] {
        let canvas = canvas();
        let mut chart = ChartHandle::new(canvas.clone(), JsValue::from_str(SPEC), None, JsValue::UNDEFINED).expect("valid spec");
        chart.render(400.0, 300.0, dpr, false).expect("render");
        let plot = chart.plot_area();
        let x = ((plot[0] + 3.0) * dpr).round();
        let top = (plot[1] * dpr).floor() - 2.0;
        let bottom = ((plot[1] + plot[3]) * dpr).ceil() + 2.0;
        let column = context(&canvas).get_image_data(x, top, 1.0, bottom - top).expect("pixels").data();
        let mut runs: Vec<([u8; 3], usize)> = Vec::new();
        for (row, px) in column.chunks(4).enumerate() {
            let rgb = [px[0], px[1], px[2]];
            assert!(
                rgb == BACKGROUND || rgb == GRID || rgb == BASELINE,
                "dpr {dpr}: device row {} of column {x} is {rgb:?}, a blend: a rule is not on whole pixels",
                top as usize + row
            );
            match runs.last_mut() {
                Some((c, n)) if *c == rgb => *n += 1,
                _ => runs.push((rgb, 1)),
            }
        }
        let thick = dpr.round() as usize;
        let grid: Vec<usize> = runs.iter().filter(|(c, _)| *c == GRID).map(|(_, n)| *n).collect();
        let base: Vec<usize> = runs.iter().filter(|(c, _)| *c == BASELINE).map(|(_, n)| *n).collect();
        assert!(grid.len() >= 3, "dpr {dpr}: expected gridlines in the column, runs {runs:?}");
        assert!(grid.iter().all(|n| *n == thick), "dpr {dpr}: gridlines {grid:?} px thick, want {thick}");
        assert_eq!(base, vec![thick], "dpr {dpr}: the zero line, runs {runs:?}");
    }
}

/// `toSVG` draws the chart as shown: the same title as text, the theme's exact colours,
/// hidden series left out, and the size asked for.
#[wasm_bindgen_test]
fn to_svg_draws_the_chart_as_shown() {
    let spec = r##"{"title": "Trade & oil", "series": [
        {"name": "Exports", "color": "#aa3300", "data": [["2020", 1], ["2021", 2], ["2022", 3]]},
        {"name": "Imports", "color": "#0055cc", "data": [["2020", 2], ["2021", 1], ["2022", 2]]}]}"##;
    let canvas = canvas();
    let mut chart = ChartHandle::new(canvas, JsValue::from_str(spec), None, JsValue::UNDEFINED).expect("valid spec");
    chart.render(500.0, 320.0, 2.0, true).expect("render");
    let svg = chart.to_svg(500.0, 320.0, true).expect("svg");
    assert!(svg.starts_with("<svg width=\"500\" height=\"320\""), "{}", &svg[..80]);
    assert!(svg.contains(">\nTrade &amp; oil\n</text>") || svg.contains(">Trade &amp; oil</text>"), "title as text");
    assert!(svg.contains("font-family=\"system-ui"), "font named");
    assert!(svg.contains("fill=\"#181A1D\""), "dark background, exact");
    assert!(svg.contains("stroke=\"#AA3300\"") && svg.contains("stroke=\"#0055CC\""), "both series");
    // Hide "Imports" through the legend (click its entry), then export again.
    let areas = chart.legend_areas();
    let hit = areas.chunks(5).find(|a| a[4] == 1.0).expect("a legend entry for Imports");
    chart.pointer_down(hit[0] + hit[2] / 2.0, hit[1] + hit[3] / 2.0, false, false);
    chart.pointer_up(hit[0] + hit[2] / 2.0, hit[1] + hit[3] / 2.0);
    assert_eq!(chart.visible_series(), vec![1, 0]);
    let hidden = chart.to_svg(500.0, 320.0, true).expect("svg");
    assert!(hidden.contains("stroke=\"#AA3300\"") && !hidden.contains("stroke=\"#0055CC\""), "hidden series not drawn");
    assert!(chart.to_svg(0.0, 320.0, true).is_err(), "a zero size is an error, not a trap");
}

/// plotters-canvas aligns text with "start"/"end", which flip on a right-to-left page;
/// the chart draws its canvas left to right, so the title still starts at the left margin.
#[wasm_bindgen_test]
fn text_is_placed_left_to_right_on_a_right_to_left_page() {
    let body = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()).expect("a body");
    body.set_attribute("dir", "rtl").expect("dir");
    let canvas = canvas();
    let mut chart = ChartHandle::new(canvas.clone(), JsValue::from_str(SPEC), None, JsValue::UNDEFINED).expect("valid spec");
    let drawn = chart.render(400.0, 300.0, 1.0, false);
    let title = context(&canvas).get_image_data(12.0, 8.0, 160.0, 30.0).expect("pixels").data();
    body.remove_attribute("dir").expect("dir");
    drawn.expect("render");
    let ink = title.chunks(4).filter(|p| p[0] < 120 && p[1] < 120 && p[2] < 120).count();
    assert!(ink > 200, "only {ink} dark pixels right of the left margin where the title starts");
}
