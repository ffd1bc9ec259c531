//! The WebAssembly glue: the only module that touches web-sys. JavaScript (the harness in
//! `www/trade-chart.js`) owns the DOM listeners and calls these methods with plain numbers.

mod canvas;
mod measure;

use wasm_bindgen::prelude::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use crate::error::ChartError;
use crate::json::Json;
use crate::layout::{layout, preferred_height, Layout, LayoutOptions};
use crate::model::Chart;
use crate::render::draw;
use crate::spec::{chart_from_json, parse_spec};
use crate::theme::{Theme, FONT_FAMILY};

pub use canvas::CanvasBackend;
pub use measure::CanvasMeasure;

/// Installs the panic hook once, so that a bug shows a readable message in the console.
#[wasm_bindgen(start)]
pub fn start() {
    #[cfg(feature = "console_error_panic_hook")]
    console_error_panic_hook::set_once();
}

/// Converts a chart error into a JavaScript `Error` with `name` and a machine-readable `code`.
pub fn to_js_error(e: &ChartError) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    err.set_name("TradeChartError");
    // Setting a property on a fresh Error object cannot fail; ignore the impossible case.
    let _ = js_sys::Reflect::set(&err, &JsValue::from_str("code"), &JsValue::from_str(e.code()));
    err.into()
}

/// Reads a spec from JSON text or a plain JavaScript object.
fn chart_from_js(spec: &JsValue) -> Result<Chart, ChartError> {
    if let Some(text) = spec.as_string() {
        return parse_spec(&text);
    }
    if spec.is_null() || spec.is_undefined() {
        return Err(ChartError::Empty { what: "spec: no spec was given".into() });
    }
    let json: Json = serde_wasm_bindgen::from_value(spec.clone()).map_err(|e| ChartError::Json { message: e.to_string() })?;
    chart_from_json(&json)
}

/// Checks a spec without drawing it; throws the same error `new ChartHandle` would.
#[wasm_bindgen(js_name = validateSpec)]
pub fn validate_spec(spec: JsValue) -> Result<(), JsValue> {
    chart_from_js(&spec).map(|_| ()).map_err(|e| to_js_error(&e))
}

/// One chart bound to one canvas.
#[wasm_bindgen]
pub struct ChartHandle {
    chart: Chart,
    canvas: HtmlCanvasElement,
    ctx: CanvasRenderingContext2d,
    measure: CanvasMeasure,
    layout: Option<Layout>,
    renders: u32,
}

#[wasm_bindgen]
impl ChartHandle {
    /// Validates `spec` (JSON text or an object) and binds it to `canvas`. Throws a
    /// `TradeChartError` naming the field, series and point when the spec is wrong.
    #[wasm_bindgen(constructor)]
    pub fn new(canvas: HtmlCanvasElement, spec: JsValue) -> Result<ChartHandle, JsValue> {
        let chart = chart_from_js(&spec).map_err(|e| to_js_error(&e))?;
        let ctx = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
            .ok_or_else(|| to_js_error(&ChartError::Render { message: "the canvas has no 2D context".into() }))?;
        let measure = CanvasMeasure::new(ctx.clone(), FONT_FAMILY);
        Ok(ChartHandle { chart, canvas, ctx, measure, layout: None, renders: 0 })
    }

    /// Replaces the spec. On error the current chart stays as it is (and on screen).
    pub fn update(&mut self, spec: JsValue) -> Result<(), JsValue> {
        self.chart = chart_from_js(&spec).map_err(|e| to_js_error(&e))?;
        Ok(())
    }

    /// The height (CSS px) the chart wants at `css_width`: the spec's `height`, or one
    /// that fits the title, plot and footer.
    #[wasm_bindgen(js_name = preferredHeight)]
    pub fn preferred_height(&self, css_width: f64) -> f64 {
        self.chart.height.unwrap_or_else(|| preferred_height(&self.chart, css_width, &self.measure))
    }

    /// Lays out and draws at `css_width`×`css_height` CSS pixels and `dpr` device pixels
    /// per CSS pixel. This is the one place the canvas backing store is sized.
    pub fn render(&mut self, css_width: f64, css_height: f64, dpr: f64, prefers_dark: bool) -> Result<(), JsValue> {
        let valid = |v: f64| v.is_finite() && v > 0.0;
        if !valid(css_width) || !valid(css_height) {
            // A hidden or collapsed container: nothing to draw, keep the last frame.
            return Ok(());
        }
        let dpr = if valid(dpr) { dpr.clamp(0.5, 4.0) } else { 1.0 };
        let device = ((css_width * dpr).round().min(16_384.0) as u32, (css_height * dpr).round().min(16_384.0) as u32);
        if self.canvas.width() != device.0 {
            self.canvas.set_width(device.0);
        }
        if self.canvas.height() != device.1 {
            self.canvas.set_height(device.1);
        }
        let theme = Theme::for_choice(self.chart.theme, prefers_dark);
        let opts = LayoutOptions { width: css_width, height: Some(css_height), theme, x_range: None, visible: Vec::new() };
        let laid = layout(&self.chart, &opts, &self.measure);
        let mut backend = CanvasBackend::new(&self.ctx, device);
        draw(&mut backend, &self.chart, &laid, dpr).map_err(|e| to_js_error(&e))?;
        self.layout = Some(laid);
        self.renders += 1;
        Ok(())
    }

    /// The plot area of the last render, `[x, y, width, height]` in CSS px.
    #[wasm_bindgen(js_name = plotArea)]
    pub fn plot_area(&self) -> Vec<f64> {
        self.layout.as_ref().map_or_else(Vec::new, |l| {
            let r = l.plot_bounds();
            vec![r.x, r.y, r.w, r.h]
        })
    }

    /// The chart's title (its accessible name).
    pub fn title(&self) -> String {
        self.chart.title.clone()
    }

    /// How many times the data layer has been drawn.
    #[wasm_bindgen(js_name = renderCount)]
    pub fn render_count(&self) -> u32 {
        self.renders
    }
}
