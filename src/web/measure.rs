//! Text measurement with the canvas's own `measureText`, so layout sees the widths the
//! browser will really draw (no DOM `<span>`, no forced layout).
//!
//! Every chart on a page measures through one detached canvas and one cache of widths per
//! font and string: five charts with the same year labels measure "2016" once, and the
//! measuring context's `font` is set only when it changes (setting it parses CSS). A
//! chart's own context is used only where no document is at hand.

use std::cell::RefCell;

use wasm_bindgen::JsCast;
use web_sys::CanvasRenderingContext2d;

use crate::text::{Font, TextMeasure};

/// Most cached widths before the cache is cleared (labels repeat; data does not reach here).
const CACHE_LIMIT: usize = 4096;

/// What a width is cached by: text, size in 1/100 px, bold, family.
type Key = (String, u32, bool, &'static str);

/// The page's measuring context, the font last set on it, and the widths measured so far
/// (sorted by key, found by binary search: no hashing code in the wasm, and a hit does not
/// copy the text).
struct Shared {
    ctx: Option<CanvasRenderingContext2d>,
    font: String,
    widths: Vec<(Key, f64)>,
}

thread_local! {
    static SHARED: RefCell<Shared> = RefCell::new(Shared { ctx: detached_context(), font: String::new(), widths: Vec::new() });
}

/// A 2D context on a canvas that is never attached: measuring on it cannot disturb a
/// chart's own context state.
fn detached_context() -> Option<CanvasRenderingContext2d> {
    let canvas = web_sys::window()?.document()?.create_element("canvas").ok()?;
    canvas.dyn_into::<web_sys::HtmlCanvasElement>().ok()?.get_context("2d").ok()??.dyn_into().ok()
}

/// Measures in the chart's font family, on the shared context (or `ctx`, the chart's own).
pub struct CanvasMeasure {
    ctx: CanvasRenderingContext2d,
    family: &'static str,
}

impl CanvasMeasure {
    /// A measurer in `family`; `ctx` is the chart's context, used only without a document.
    pub fn new(ctx: CanvasRenderingContext2d, family: &'static str) -> Self {
        CanvasMeasure { ctx, family }
    }
}

fn measure_on(ctx: &CanvasRenderingContext2d, text: &str, font: Font) -> f64 {
    ctx.measure_text(text).map(|m| m.width()).unwrap_or_else(|_| crate::text::ApproxMeasure.width(text, font))
}

impl TextMeasure for CanvasMeasure {
    fn width(&self, text: &str, font: Font) -> f64 {
        SHARED.with(|shared| {
            let mut shared = shared.borrow_mut();
            let (size, bold, family) = ((font.size * 100.0).round() as u32, font.bold, self.family);
            let at = match shared.widths.binary_search_by(|((t, s, b, f), _)| (t.as_str(), *s, *b, *f).cmp(&(text, size, bold, family))) {
                Ok(found) => return shared.widths.get(found).map_or(0.0, |(_, w)| *w),
                Err(at) => at,
            };
            let css = format!("{}{}px {}", if font.bold { "bold " } else { "" }, font.size, self.family);
            let w = match shared.ctx.clone() {
                Some(ctx) => {
                    if shared.font != css {
                        ctx.set_font(&css);
                        shared.font = css;
                    }
                    measure_on(&ctx, text, font)
                }
                None => {
                    self.ctx.set_font(&css);
                    measure_on(&self.ctx, text, font)
                }
            };
            if shared.widths.len() >= CACHE_LIMIT {
                shared.widths.clear();
            }
            let at = at.min(shared.widths.len());
            shared.widths.insert(at, ((text.to_string(), size, bold, family), w));
            w
        })
    }
}
