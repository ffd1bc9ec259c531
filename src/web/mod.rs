//! The WebAssembly glue: the only module that touches web-sys. JavaScript (the harness in
//! `www/trade-chart.js`) owns the DOM listeners and calls these methods with plain numbers.

mod measure;

use plotters::drawing::IntoDrawingArea;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::prelude::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use crate::render::crisp::{Crisp, LineJoin};
use crate::error::ChartError;
use crate::ingest::json::Json;
use crate::export::to_csv;
use crate::interact::{data_table, describe, tooltip, Input, Interaction, Key};
use crate::layout::{bar_offset, full_x_range, layout, preferred_height, Layout, LayoutOptions};
use crate::model::Chart;
use crate::render::{draw, overlay_marks, OverlayState, PLOTTERS_FONT_SCALE};
use crate::ingest::spec::chart_from_owned;
use crate::theme::{Theme, FONT_FAMILY};

pub use measure::CanvasMeasure;

/// Installs the panic hook once, so that a bug shows a readable message in the console.
/// Debug builds use `console_error_panic_hook` (message and a JS stack). `make build`'s
/// release wasm is built with `-Cpanic=immediate-abort`: a bug traps at once
/// ("unreachable"), no hook runs, and the harness reports the trap as the call's error
/// while the chart on screen stays. A release build on the prebuilt std (`panic = "abort"`)
/// logs the message and its source location with one `console.error` before the trap.
#[wasm_bindgen(start)]
pub fn start() {
    #[cfg(all(feature = "console_error_panic_hook", debug_assertions))]
    console_error_panic_hook::set_once();
    #[cfg(all(not(debug_assertions), not(panic = "immediate-abort")))]
    std::panic::set_hook(Box::new(|info| console_error(&format!("trade-chart panicked: {info}"))));
}

#[cfg(all(not(debug_assertions), not(panic = "immediate-abort")))]
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn console_error(message: &str);
}

/// A value the harness reads, as a plain object: our JSON text through the browser's
/// `JSON.parse` (the text is always valid JSON; null if it were not).
fn from_json(value: &dyn crate::to_json::ToJson) -> JsValue {
    js_sys::JSON::parse(&value.to_json()).unwrap_or(JsValue::NULL)
}

/// Converts a chart error into a JavaScript `Error` with `name` and a machine-readable `code`.
pub fn to_js_error(e: &ChartError) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    err.set_name("TradeChartError");
    // Setting a property on a fresh Error object cannot fail; ignore the impossible case.
    let _ = js_sys::Reflect::set(&err, &JsValue::from_str("code"), &JsValue::from_str(e.code()));
    err.into()
}

/// Reads a spec from JSON text or a plain JavaScript object. `columns`, when given, is an
/// array of `[seriesIndex, "x" | "y", Float64Array]` taken out of the spec by the harness:
/// each column is copied once into Rust, with no per-point conversion. `overrides`, when
/// given, is a plain object of top-level fields (the `<trade-chart>` element's `view`,
/// `theme`, `locale`, `height` attributes) set after parsing, so JSON text stays text
/// until Rust reads it.
fn chart_from_js(spec: &JsValue, columns: Option<&js_sys::Array>, overrides: &JsValue) -> Result<Chart, ChartError> {
    if spec.is_null() || spec.is_undefined() {
        return Err(ChartError::Empty { what: "spec: no spec was given".into() });
    }
    // JSON text is parsed in Rust: its errors give line and column ("expected `,` or `]`
    // at line 7 column 3"), which the browser's JSON.parse does not always do.
    let mut json = match spec.as_string() {
        Some(text) => Json::parse(&text)?,
        None => serde_wasm_bindgen::from_value(spec.clone()).map_err(js_read_error)?,
    };
    insert_columns(&mut json, columns)?;
    apply_overrides(&mut json, overrides)?;
    chart_from_owned(json)
}

/// The error for a JavaScript value serde-wasm-bindgen could not read: its text without
/// the "Error: " that a JavaScript error's string starts with. A function or symbol in the
/// spec arrives here; the harness then names where it sits (harness/errors.js).
fn js_read_error(e: serde_wasm_bindgen::Error) -> ChartError {
    let text = e.to_string();
    crate::ingest::json::read_error(text.strip_prefix("Error: ").unwrap_or(&text).to_string())
}

/// Sets each field of the `overrides` object on the spec's top level.
fn apply_overrides(json: &mut Json, overrides: &JsValue) -> Result<(), ChartError> {
    if overrides.is_null() || overrides.is_undefined() {
        return Ok(());
    }
    let Json::Object(fields) = serde_wasm_bindgen::from_value::<Json>(overrides.clone()).map_err(js_read_error)? else {
        return Err(ChartError::invalid("element", "attributes", "not an object", "an object of spec fields"));
    };
    for (key, value) in fields {
        json.set(&key, value);
    }
    Ok(())
}

/// Separates the cells of a text column of records handed over as one string.
const RECORD_SEPARATOR: char = '\u{1f}';

/// A column of `data` records from the harness: a Float64Array (NaN is a gap), one string
/// of text cells joined by U+001F (an empty cell is a gap), or a plain array.
fn record_column(k: usize, field: &str, values: &JsValue) -> Result<Json, ChartError> {
    if let Some(numbers) = values.dyn_ref::<js_sys::Float64Array>() {
        return Ok(Json::Numbers(numbers.to_vec()));
    }
    if let Some(text) = values.as_string() {
        return Ok(Json::Array(text.split(RECORD_SEPARATOR).map(|t| if t.is_empty() { Json::Null } else { Json::String(t.to_string()) }).collect()));
    }
    if js_sys::Array::is_array(values) {
        return serde_wasm_bindgen::from_value(values.clone()).map_err(js_read_error);
    }
    Err(ChartError::invalid(crate::error::numbered("column ", "", k), "columns", format!("data.{field} malformed"), "[\"data\", field, Float64Array | string | Array]"))
}

/// Puts typed-array columns (`[seriesIndex, "x" | "y", Float64Array]`) and record
/// columns (`["data", field, column]`, in field order) into the spec tree.
fn insert_columns(json: &mut Json, columns: Option<&js_sys::Array>) -> Result<(), ChartError> {
    let Some(columns) = columns else { return Ok(()) };
    let mut record_fields: Vec<(String, Json)> = Vec::new();
    for (k, entry) in columns.iter().enumerate() {
        let entry = js_sys::Array::from(&entry);
        if entry.get(0).as_string().as_deref() == Some("data") {
            let Some(field) = entry.get(1).as_string() else {
                return Err(ChartError::invalid(crate::error::numbered("column ", "", k), "columns", "malformed", "[\"data\", field, column]"));
            };
            let column = record_column(k, &field, &entry.get(2))?;
            record_fields.push((field, column));
            continue;
        }
        let index = entry.get(0).as_f64().filter(|v| v.fract() == 0.0 && *v >= 0.0).map(|v| v as usize);
        let field = entry.get(1).as_string().filter(|f| f == "x" || f == "y");
        let values = entry.get(2).dyn_into::<js_sys::Float64Array>().ok();
        let (Some(index), Some(field), Some(values)) = (index, field, values) else {
            return Err(ChartError::invalid(crate::error::numbered("column ", "", k), "columns", "malformed", "[seriesIndex, \"x\" | \"y\", Float64Array]"));
        };
        let target = match &mut *json {
            Json::Object(fields) => fields.iter_mut().find(|(key, _)| key == "series").and_then(|(_, v)| match v {
                Json::Array(items) => items.get_mut(index),
                _ => None,
            }),
            _ => None,
        };
        let Some(series) = target else {
            return Err(ChartError::invalid(crate::error::numbered("column ", "", k), "series", index.to_string(), "the index of a series in the spec"));
        };
        series.set(&field, Json::Numbers(values.to_vec()));
    }
    if !record_fields.is_empty() {
        json.set("data", Json::Object(record_fields));
    }
    Ok(())
}

/// Bits returned by input methods: what the harness must schedule.
pub use crate::interact::flags;

/// One chart bound to a data canvas and an overlay canvas.
#[wasm_bindgen]
pub struct ChartHandle {
    chart: Chart,
    canvas: HtmlCanvasElement,
    ctx: CanvasRenderingContext2d,
    measure: CanvasMeasure,
    layout: Option<Layout>,
    state: Interaction,
    announcement: Option<String>,
    size: (f64, f64, f64, bool),
    renders: u32,
    overlay_renders: u32,
    story: StoryState,
}

fn context_2d(canvas: &HtmlCanvasElement) -> Result<CanvasRenderingContext2d, JsValue> {
    canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
        .ok_or_else(|| to_js_error(&ChartError::Render { message: "the canvas has no 2D context".into() }))
}

/// Sets a canvas's backing store to round(CSS size × DPR) (the one place this happens);
/// `CanvasBackend` takes its size from it, so drawing happens in device pixels.
fn size_backing_store(canvas: &HtmlCanvasElement, css: (f64, f64), dpr: f64) {
    let device = ((css.0 * dpr).round().clamp(1.0, 16_384.0) as u32, (css.1 * dpr).round().clamp(1.0, 16_384.0) as u32);
    if canvas.width() != device.0 {
        canvas.set_width(device.0);
    }
    if canvas.height() != device.1 {
        canvas.set_height(device.1);
    }
}

/// Draws a laid-out chart on `canvas`, whose backing store is already `dpr` × its CSS size:
/// plotters-canvas's `CanvasBackend` (its size is the backing store) inside [`Crisp`], which
/// snaps rules to whole device pixels, sizes text like plotters-svg and sets `lineJoin`
/// through our own handle `ctx` to the same context. The canvas is marked `dir="ltr"`.
fn draw_on_canvas(canvas: &HtmlCanvasElement, ctx: &CanvasRenderingContext2d, chart: &Chart, laid: &Layout, dpr: f64) -> Result<(), JsValue> {
    // CanvasBackend aligns text with "start"/"end", which mean right/left on a right-to-left
    // page (a canvas inherits its direction). Our layout is left to right, so is the canvas.
    if canvas.get_attribute("dir").as_deref() != Some("ltr") {
        canvas.set_attribute("dir", "ltr")?;
    }
    let backend = CanvasBackend::with_canvas_object(canvas.clone())
        .ok_or_else(|| to_js_error(&ChartError::Render { message: "the canvas has no 2D context".into() }))?;
    let ctx = ctx.clone();
    let joins = Box::new(move |join: LineJoin| ctx.set_line_join(join.as_str()));
    let area = Crisp::new(backend, 1.0 / PLOTTERS_FONT_SCALE, Some(joins)).into_drawing_area();
    draw(&area, chart, laid, dpr).map_err(|e| to_js_error(&e))
}

#[wasm_bindgen]
impl ChartHandle {
    /// Validates `spec` (JSON text or an object, with typed-array `columns` taken out of
    /// it, and top-level `overrides` set on it) and binds it to `canvas`, the data layer. Throws a `TradeChartError` naming the
    /// field, series and point when the spec is wrong.
    #[wasm_bindgen(constructor)]
    pub fn new(canvas: HtmlCanvasElement, spec: JsValue, columns: Option<js_sys::Array>, overrides: JsValue) -> Result<ChartHandle, JsValue> {
        let chart = chart_from_js(&spec, columns.as_ref(), &overrides).map_err(|e| to_js_error(&e))?;
        let ctx = context_2d(&canvas)?;
        let measure = CanvasMeasure::new(ctx.clone(), FONT_FAMILY);
        let state = Interaction::new(&chart, full_x_range(&chart));
        let story = StoryState::new(&chart);
        Ok(ChartHandle { chart, canvas, ctx, measure, layout: None, state, announcement: None, size: (0.0, 0.0, 1.0, false), renders: 0, overlay_renders: 0, story })
    }

    /// Replaces the spec. On error the current chart stays as it is (and on screen).
    /// The reader's zoom and hidden series survive when they still make sense.
    pub fn update(&mut self, spec: JsValue, columns: Option<js_sys::Array>, overrides: JsValue) -> Result<(), JsValue> {
        let chart = chart_from_js(&spec, columns.as_ref(), &overrides).map_err(|e| to_js_error(&e))?;
        self.state.rebase(&chart, full_x_range(&chart));
        self.story = StoryState::new(&chart);
        self.chart = chart;
        Ok(())
    }

    /// The height (CSS px) the chart wants at `css_width`: the spec's `height`, or one
    /// that fits the title, plot and footer.
    #[wasm_bindgen(js_name = preferredHeight)]
    pub fn preferred_height(&self, css_width: f64) -> f64 {
        self.chart.height.unwrap_or_else(|| preferred_height(&self.chart, css_width, &self.measure))
    }

    fn layout_for(&self, css_width: f64, css_height: f64, prefers_dark: bool) -> Layout {
        let theme = Theme::for_choice(self.chart.theme, prefers_dark);
        let v = self.state.viewport;
        let x_range = if v.is_zoomed() { Some((v.from, v.to)) } else { None };
        let opts = LayoutOptions { width: css_width, height: Some(css_height), theme, x_range, visible: self.state.visible.clone() };
        let mut laid = layout(&self.chart, &opts, &self.measure);
        crate::story::apply_emphasis(&mut laid, &self.story.emphasis);
        laid
    }

    /// Lays out and draws the data layer at `css_width`×`css_height` CSS pixels and `dpr`
    /// device pixels per CSS pixel, then the overlay.
    pub fn render(&mut self, css_width: f64, css_height: f64, dpr: f64, prefers_dark: bool) -> Result<(), JsValue> {
        let valid = |v: f64| v.is_finite() && v > 0.0;
        if !valid(css_width) || !valid(css_height) {
            // A hidden or collapsed container: nothing to draw, keep the last frame.
            return Ok(());
        }
        let dpr = if valid(dpr) { dpr.clamp(0.5, 4.0) } else { 1.0 };
        size_backing_store(&self.canvas, (css_width, css_height), dpr);
        let laid = self.layout_for(css_width, css_height, prefers_dark);
        draw_on_canvas(&self.canvas, &self.ctx, &self.chart, &laid, dpr)?;
        self.layout = Some(laid);
        self.size = (css_width, css_height, dpr, prefers_dark);
        self.renders += 1;
        Ok(())
    }

    /// The hover layer for the current state: `[{kind, x, y, w, h, color, fill}]` in CSS px
    /// (crosshair, dots, bar highlight, focus ring, brush). The harness positions elements;
    /// the data layer is untouched.
    #[wasm_bindgen(js_name = overlayMarks)]
    pub fn overlay_marks(&mut self) -> JsValue {
        let Some(laid) = &self.layout else { return js_sys::Array::new().into() };
        let marks = overlay_marks(&self.chart, laid, &self.overlay_state());
        self.overlay_renders += 1;
        from_json(&marks)
    }

    fn overlay_state(&self) -> OverlayState {
        let keyboard = self.state.focused && self.state.focus.is_some();
        OverlayState { cursor: if keyboard { self.state.focus } else { self.state.hover }, brush: self.state.brush, keyboard }
    }

    /// Draws the whole chart onto another canvas (for PNG export), leaving this one alone.
    #[wasm_bindgen(js_name = renderTo)]
    pub fn render_to(&self, target: HtmlCanvasElement, css_width: f64, css_height: f64, dpr: f64, prefers_dark: bool) -> Result<(), JsValue> {
        let ctx = context_2d(&target)?;
        let dpr = if dpr.is_finite() && dpr > 0.0 { dpr.clamp(0.5, 4.0) } else { 2.0 };
        size_backing_store(&target, (css_width.max(1.0), css_height.max(1.0)), dpr);
        let laid = self.layout_for(css_width.max(1.0), css_height.max(1.0), prefers_dark);
        draw_on_canvas(&target, &ctx, &self.chart, &laid, dpr)
    }

    /// The chart as shown (current view, hidden series, theme) at `css_width`×`css_height`
    /// CSS pixels, as an SVG document drawn by plotters-svg from the same layout as the
    /// canvas (text measured by the canvas, so lines break and labels fit the same way) and
    /// in the device pixels of the last render, so its geometry is the canvas's.
    #[wasm_bindgen(js_name = toSVG)]
    pub fn to_svg(&self, css_width: f64, css_height: f64, prefers_dark: bool) -> Result<String, JsValue> {
        let valid = |v: f64| v.is_finite() && v > 0.0;
        if !valid(css_width) || !valid(css_height) {
            return Err(to_js_error(&ChartError::Render { message: format!("toSVG: size {css_width}×{css_height} is not positive") }));
        }
        let laid = self.layout_for(css_width.min(16_384.0), css_height.min(16_384.0), prefers_dark);
        let scale = if self.renders > 0 { self.size.2 } else { 1.0 };
        crate::render::svg::svg_of_layout(&self.chart, &laid, scale).map_err(|e| to_js_error(&e))
    }

    fn apply(&mut self, input: Input) -> u32 {
        let Some(laid) = &self.layout else { return 0 };
        let out = self.state.handle(input, &self.chart, laid);
        let mut bits = 0;
        if out.data {
            bits |= flags::DATA;
        }
        if out.overlay {
            bits |= flags::OVERLAY;
        }
        if out.view_changed {
            bits |= flags::VIEW;
        }
        if out.consumed {
            bits |= flags::CONSUMED;
        }
        if let Some(text) = out.announce {
            self.announcement = Some(text);
            bits |= flags::ANNOUNCE;
        }
        bits
    }

    /// Pointer moved to (x, y) CSS px relative to the canvas. Returns [`flags`].
    #[wasm_bindgen(js_name = pointerMove)]
    pub fn pointer_move(&mut self, x: f64, y: f64) -> u32 {
        self.apply(Input::PointerMove { x, y })
    }

    /// Pointer pressed. `pan_modifier`: Shift/Alt held; `touch`: a finger.
    #[wasm_bindgen(js_name = pointerDown)]
    pub fn pointer_down(&mut self, x: f64, y: f64, pan_modifier: bool, touch: bool) -> u32 {
        self.apply(Input::PointerDown { x, y, pan_modifier, touch })
    }

    /// Pointer released.
    #[wasm_bindgen(js_name = pointerUp)]
    pub fn pointer_up(&mut self, x: f64, y: f64) -> u32 {
        self.apply(Input::PointerUp { x, y })
    }

    /// Pointer left the chart.
    #[wasm_bindgen(js_name = pointerLeave)]
    pub fn pointer_leave(&mut self) -> u32 {
        self.apply(Input::PointerLeave)
    }

    /// Wheel at x; zooms only with Ctrl/⌘ or after the reader clicked into the chart.
    pub fn wheel(&mut self, x: f64, delta_y: f64, zoom_modifier: bool) -> u32 {
        self.apply(Input::Wheel { x, delta_y, zoom_modifier })
    }

    /// Two-finger pinch around `center_x` by `scale` (new distance / old).
    pub fn pinch(&mut self, center_x: f64, scale: f64) -> u32 {
        self.apply(Input::Pinch { center_x, scale })
    }

    /// Double click: back to the full view.
    #[wasm_bindgen(js_name = doubleClick)]
    pub fn double_click(&mut self) -> u32 {
        self.apply(Input::DoubleClick)
    }

    /// A key (DOM `KeyboardEvent.key`) while focused; unknown keys return 0.
    pub fn key(&mut self, key: &str) -> u32 {
        match Key::from_dom(key) {
            Some(k) => self.apply(Input::Key(k)),
            None => 0,
        }
    }

    /// The chart gained keyboard focus.
    pub fn focus(&mut self) -> u32 {
        self.apply(Input::Focus)
    }

    /// The chart lost focus, or a tap landed outside it.
    pub fn blur(&mut self) -> u32 {
        self.apply(Input::Blur)
    }

    /// The text to announce after an input that returned `ANNOUNCE`.
    #[wasm_bindgen(js_name = takeAnnouncement)]
    pub fn take_announcement(&mut self) -> Option<String> {
        self.announcement.take()
    }

    /// The tooltip for the current cursor as `{title, rows: [{name, value, change, color,
    /// current}], x, y}`, or null.
    pub fn tooltip(&self) -> JsValue {
        let cursor = self.overlay_state().cursor;
        let tip = match (&self.layout, cursor) {
            (Some(l), Some(c)) => tooltip(&self.chart, l, c),
            _ => None,
        };
        tip.map_or(JsValue::NULL, |t| from_json(&t))
    }

    /// The visible range `[from, to]` in epoch ms.
    #[wasm_bindgen(js_name = getView)]
    pub fn get_view(&self) -> Vec<f64> {
        vec![self.state.viewport.from, self.state.viewport.to]
    }

    /// Shows `from..to` (epoch ms), clamped to the data. Returns [`flags`].
    #[wasm_bindgen(js_name = setView)]
    pub fn set_view(&mut self, from: f64, to: f64) -> u32 {
        let before = self.state.viewport;
        self.state.viewport = before.set(from, to);
        if before == self.state.viewport {
            0
        } else {
            flags::DATA | flags::OVERLAY | flags::VIEW
        }
    }

    /// Back to the full range. Returns [`flags`].
    #[wasm_bindgen(js_name = resetView)]
    pub fn reset_view(&mut self) -> u32 {
        self.apply(Input::DoubleClick)
    }

    /// Whether the view is zoomed (the harness shows a Reset control).
    #[wasm_bindgen(js_name = isZoomed)]
    pub fn is_zoomed(&self) -> bool {
        self.state.viewport.is_zoomed()
    }

    /// Which series are visible.
    #[wasm_bindgen(js_name = visibleSeries)]
    pub fn visible_series(&self) -> Vec<u8> {
        self.state.visible.iter().map(|v| u8::from(*v)).collect()
    }

    /// The generated accessible description of the chart.
    pub fn describe(&self) -> String {
        describe(&self.chart)
    }

    /// The data table of visible series: `{headers: [...], rows: [[...], ...]}`.
    #[wasm_bindgen(js_name = dataTable)]
    pub fn data_table(&self) -> JsValue {
        from_json(&data_table(&self.chart, &self.state.visible))
    }

    /// The data as given, as CSV with units in the headers (formula cells defused).
    #[wasm_bindgen(js_name = toCSV)]
    pub fn to_csv(&self) -> String {
        to_csv(&self.chart)
    }

    /// The plot area of the last render, `[x, y, width, height]` in CSS px.
    #[wasm_bindgen(js_name = plotArea)]
    pub fn plot_area(&self) -> Vec<f64> {
        self.layout.as_ref().map_or_else(Vec::new, |l| {
            let r = l.plot_bounds();
            vec![r.x, r.y, r.w, r.h]
        })
    }

    /// Pixel position of a point (series, index) in the last layout, `[x, y]`, for tests
    /// and for placing things over the chart.
    #[wasm_bindgen(js_name = pointPosition)]
    pub fn point_position(&self, series: usize, index: usize) -> Vec<f64> {
        let Some(l) = &self.layout else { return Vec::new() };
        let (Some(s), Some((_, scale))) = (self.chart.series.get(series), l.scale_of(series)) else { return Vec::new() };
        let (Some(t), Some(v)) = (s.x.get(index), l.values(&self.chart, series).and_then(|v| v.get(index)).copied().and_then(crate::model::gap)) else { return Vec::new() };
        vec![l.x.to_px(*t) + bar_offset(&self.chart, series, &l.visible, l.bar_width), scale.to_px(v)]
    }

    /// Clickable legend areas `[x, y, w, h, series, …]` from the last layout.
    #[wasm_bindgen(js_name = legendAreas)]
    pub fn legend_areas(&self) -> Vec<f64> {
        self.layout.as_ref().map_or_else(Vec::new, |l| l.hits.iter().flat_map(|(r, s)| [r.x, r.y, r.w, r.h, *s as f64]).collect())
    }

    /// Number of points over all series.
    #[wasm_bindgen(js_name = pointCount)]
    pub fn point_count(&self) -> usize {
        self.chart.series.iter().map(|s| s.len()).sum()
    }

    /// The chart's title (its accessible name).
    pub fn title(&self) -> String {
        self.chart.title.clone()
    }

    /// Series names, in spec order.
    #[wasm_bindgen(js_name = seriesNames)]
    pub fn series_names(&self) -> Vec<String> {
        self.chart.series.iter().map(|s| s.name.clone()).collect()
    }

    /// What the chart's reader should know that did not stop it (a column left out,
    /// series of very different size sharing an axis), one sentence each.
    pub fn warnings(&self) -> Vec<String> {
        self.chart.warnings.clone()
    }

    /// The options detection chose for a table, as `[field, value, field, value, …]`.
    pub fn detected(&self) -> Vec<String> {
        self.chart.detected.iter().flat_map(|(k, v)| [k.clone(), v.clone()]).collect()
    }

    /// How many times the data layer has been drawn.
    #[wasm_bindgen(js_name = renderCount)]
    pub fn render_count(&self) -> u32 {
        self.renders
    }

    /// How many times the hover layer has been updated.
    #[wasm_bindgen(js_name = overlayRenderCount)]
    pub fn overlay_render_count(&self) -> u32 {
        self.overlay_renders
    }
}

/// Where a story stands: the chart's own view kind, index base and annotations (a step
/// without them returns to these), the step shown, the running transition, and the
/// emphasis of each series now.
struct StoryState {
    base: crate::story::StepBase,
    current: Option<usize>,
    transition: Option<crate::story::Transition>,
    emphasis: Vec<f64>,
}

impl StoryState {
    fn new(chart: &Chart) -> StoryState {
        StoryState { base: crate::story::StepBase::of(chart), current: None, transition: None, emphasis: Vec::new() }
    }
}

/// Story steps and sound (`crate::story`, `crate::story::sound`).
#[wasm_bindgen]
impl ChartHandle {
    /// The ids of the spec's steps, in order.
    #[wasm_bindgen(js_name = stepIds)]
    pub fn step_ids(&self) -> Vec<String> {
        self.chart.steps.iter().map(|s| s.id.clone()).collect()
    }

    /// The index of the step shown, or -1 before any.
    #[wasm_bindgen(js_name = currentStep)]
    pub fn current_step(&self) -> i32 {
        self.story.current.and_then(|i| i32::try_from(i).ok()).unwrap_or(-1)
    }

    /// The index of a step given by id (a string) or index (a number); throws a
    /// `TradeChartError` (code `invalid-step`) naming the known ids otherwise.
    #[wasm_bindgen(js_name = resolveStep)]
    pub fn resolve_step(&self, which: JsValue) -> Result<usize, JsValue> {
        let steps = &self.chart.steps;
        let found = match (which.as_string(), which.as_f64()) {
            (Some(id), _) => steps.iter().position(|s| s.id == id),
            (None, Some(n)) if n.fract() == 0.0 && n >= 0.0 && (n as usize) < steps.len() => Some(n as usize),
            _ => None,
        };
        found.ok_or_else(|| {
            let ids: Vec<String> = steps.iter().take(20).map(|s| format!("\"{}\"", s.id)).collect();
            let known = if ids.is_empty() { "this chart has no steps".to_string() } else { format!("the steps are {}", ids.join(", ")) };
            let err = js_sys::Error::new(&format!("step: no step {}; {known}", which.as_string().map_or_else(|| which.as_f64().map_or_else(|| "of that kind".to_string(), |n| n.to_string()), |s| format!("\"{s}\""))));
            err.set_name("TradeChartError");
            let _ = js_sys::Reflect::set(&err, &JsValue::from_str("code"), &JsValue::from_str("invalid-step"));
            err.into()
        })
    }

    /// Starts the move to step `index`: its view kind, index base and annotations apply at
    /// once, the time range and emphasis follow through `stepFrame(t)`. Returns [`flags`];
    /// the announcement ("Showing 2021–2023: …") is ready for `takeAnnouncement`.
    #[wasm_bindgen(js_name = stepTo)]
    pub fn step_to(&mut self, index: usize) -> u32 {
        let Some(step) = self.chart.steps.get(index).cloned() else { return 0 };
        self.story.base.apply(&mut self.chart, &step);
        let from_emphasis = (0..self.chart.series.len()).map(|i| self.story.emphasis.get(i).copied().unwrap_or(1.0)).collect();
        let v = self.state.viewport;
        let from = crate::story::Frame { range: (v.from, v.to), emphasis: from_emphasis };
        let to = crate::story::target_frame(&self.chart, &step);
        self.story.transition = Some(crate::story::Transition { from, to });
        self.story.current = Some(index);
        self.announcement = Some(crate::story::announce(&self.chart, &step));
        flags::DATA | flags::OVERLAY | flags::ANNOUNCE
    }

    /// Shows the running transition at linear progress `t` (0..=1; eased here). At 1 the
    /// transition ends. Returns [`flags`].
    #[wasm_bindgen(js_name = stepFrame)]
    pub fn step_frame(&mut self, t: f64) -> u32 {
        let Some(tr) = &self.story.transition else { return 0 };
        let frame = tr.at(t);
        let done = t >= 1.0 || t.is_nan();
        self.state.viewport = self.state.viewport.set(frame.range.0, frame.range.1);
        self.story.emphasis = frame.emphasis;
        if done {
            self.story.transition = None;
            return flags::DATA | flags::OVERLAY | flags::VIEW;
        }
        flags::DATA
    }

    /// Each series' emphasis now: 1 drawn in full colour, 0 muted.
    #[wasm_bindgen(js_name = seriesEmphasis)]
    pub fn series_emphasis(&self) -> Vec<f64> {
        (0..self.chart.series.len()).map(|i| self.story.emphasis.get(i).copied().unwrap_or(1.0)).collect()
    }

    /// The sound schedule for the visible series and range: `{parts: [{series, label,
    /// announce_at, start, end, notes: [{t, dur, freq, pan, joined}], ticks: [{t, pan}]}],
    /// duration, tick_hz, tick_seconds}`. NaN for any option means its default.
    pub fn sonify(&self, duration: f64, low_hz: f64, high_hz: f64) -> JsValue {
        let opts = crate::story::sound::SoundOptions::from_numbers(duration, low_hz, high_hz);
        let v = self.state.viewport;
        let schedule = crate::story::sound::schedule(&self.chart, &self.state.visible, (v.from, v.to), &opts);
        from_json(&schedule)
    }
}
