//! Text measurement with the canvas's own `measureText`, cached per font and string, so
//! layout sees the widths the browser will really draw (no DOM `<span>`, no forced layout).

use std::cell::RefCell;
use std::collections::HashMap;

use web_sys::CanvasRenderingContext2d;

use crate::text::{Font, TextMeasure};

/// Most cached widths before the cache is cleared (labels repeat; data does not reach here).
const CACHE_LIMIT: usize = 4096;

/// Measures with a canvas context in the chart's font family.
pub struct CanvasMeasure {
    ctx: CanvasRenderingContext2d,
    family: &'static str,
    cache: RefCell<HashMap<(String, u32, bool), f64>>,
}

impl CanvasMeasure {
    /// A measurer using `ctx` (its font is restored by the next draw).
    pub fn new(ctx: CanvasRenderingContext2d, family: &'static str) -> Self {
        CanvasMeasure { ctx, family, cache: RefCell::new(HashMap::new()) }
    }
}

impl TextMeasure for CanvasMeasure {
    fn width(&self, text: &str, font: Font) -> f64 {
        let key = (text.to_string(), (font.size * 100.0).round() as u32, font.bold);
        if let Some(w) = self.cache.borrow().get(&key) {
            return *w;
        }
        let weight = if font.bold { "bold " } else { "" };
        self.ctx.set_font(&format!("{weight}{}px {}", font.size, self.family));
        let w = self.ctx.measure_text(text).map(|m| m.width()).unwrap_or_else(|_| {
            crate::text::ApproxMeasure.width(text, font)
        });
        let mut cache = self.cache.borrow_mut();
        if cache.len() >= CACHE_LIMIT {
            cache.clear();
        }
        cache.insert(key, w);
        w
    }
}
