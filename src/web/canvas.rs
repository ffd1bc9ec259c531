//! A plotters `DrawingBackend` for a 2D canvas context, written for charts rather than
//! for generality: it draws in device pixels, sets each style only when it changes,
//! aligns odd-width rules to pixel centres (crisp 1 px gridlines), and places text with
//! the same anchors as plotters' SVG backend, so both outputs match.

use std::fmt;

use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind, FontStyle};
use wasm_bindgen::JsValue;
use web_sys::CanvasRenderingContext2d;

use crate::render::PLOTTERS_FONT_SCALE;

/// Paths with more points than this are stroked with bevel joins.
const DENSE_PATH: usize = 1000;

/// A canvas call that threw.
#[derive(Debug)]
pub struct CanvasError(String);

impl fmt::Display for CanvasError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CanvasError {}

fn js_error(e: JsValue) -> DrawingErrorKind<CanvasError> {
    DrawingErrorKind::DrawingError(CanvasError(e.as_string().unwrap_or_else(|| format!("{e:?}"))))
}

/// Draws on a `CanvasRenderingContext2d` whose backing store is `width`×`height` device px.
pub struct CanvasBackend<'c> {
    ctx: &'c CanvasRenderingContext2d,
    size: (u32, u32),
    fill: Option<(u8, u8, u8, u32)>,
    stroke: Option<(u8, u8, u8, u32)>,
    line_width: u32,
    font: String,
    align: &'static str,
    join: &'static str,
    /// An open path of line segments sharing one stroke style, stroked on the next
    /// primitive or style change: a whole grid costs one `stroke()`.
    open_lines: bool,
    calls: u32,
}

impl<'c> CanvasBackend<'c> {
    /// A backend drawing on `ctx`, whose canvas is `size` device pixels.
    pub fn new(ctx: &'c CanvasRenderingContext2d, size: (u32, u32)) -> Self {
        CanvasBackend { ctx, size, fill: None, stroke: None, line_width: 0, font: String::new(), align: "", join: "round", open_lines: false, calls: 0 }
    }

    /// Number of drawing primitives issued (for tests and benchmarks).
    pub fn primitive_count(&self) -> u32 {
        self.calls
    }

    fn key(c: BackendColor) -> (u8, u8, u8, u32) {
        (c.rgb.0, c.rgb.1, c.rgb.2, (c.alpha.clamp(0.0, 1.0) * 1000.0).round() as u32)
    }

    fn css(c: BackendColor) -> String {
        format!("rgba({},{},{},{})", c.rgb.0, c.rgb.1, c.rgb.2, c.alpha.clamp(0.0, 1.0))
    }

    /// Strokes the pending batch of line segments, if any.
    fn flush_lines(&mut self) {
        if self.open_lines {
            self.ctx.stroke();
            self.open_lines = false;
        }
    }

    fn set_fill(&mut self, c: BackendColor) {
        let k = Self::key(c);
        if self.fill != Some(k) {
            self.ctx.set_fill_style_str(&Self::css(c));
            self.fill = Some(k);
        }
    }

    fn set_stroke<S: BackendStyle>(&mut self, style: &S) {
        let k = Self::key(style.color());
        let w = style.stroke_width().max(1);
        if self.stroke != Some(k) || self.line_width != w {
            self.flush_lines();
        }
        if self.stroke != Some(k) {
            self.ctx.set_stroke_style_str(&Self::css(style.color()));
            self.stroke = Some(k);
        }
        if self.line_width != w {
            self.ctx.set_line_width(f64::from(w));
            self.line_width = w;
        }
    }
}

impl DrawingBackend for CanvasBackend<'_> {
    type ErrorType = CanvasError;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.ctx.set_line_join("round");
        self.ctx.set_line_cap("butt");
        self.ctx.set_text_baseline("alphabetic");
        Ok(())
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.flush_lines();
        Ok(())
    }

    fn draw_pixel(&mut self, p: BackendCoord, c: BackendColor) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.flush_lines();
        self.set_fill(c);
        self.calls += 1;
        self.ctx.fill_rect(f64::from(p.0), f64::from(p.1), 1.0, 1.0);
        Ok(())
    }

    fn draw_line<S: BackendStyle>(&mut self, from: BackendCoord, to: BackendCoord, style: &S) -> Result<(), DrawingErrorKind<CanvasError>> {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        self.set_stroke(style);
        // Odd widths centred on a pixel centre cover whole pixels: crisp rules.
        let half = if style.stroke_width() % 2 == 1 { 0.5 } else { 0.0 };
        let (dx, dy) = if from.1 == to.1 { (0.0, half) } else if from.0 == to.0 { (half, 0.0) } else { (0.0, 0.0) };
        self.calls += 1;
        if !self.open_lines {
            self.ctx.begin_path();
            self.open_lines = true;
        }
        self.ctx.move_to(f64::from(from.0) + dx, f64::from(from.1) + dy);
        self.ctx.line_to(f64::from(to.0) + dx, f64::from(to.1) + dy);
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(&mut self, a: BackendCoord, b: BackendCoord, style: &S, fill: bool) -> Result<(), DrawingErrorKind<CanvasError>> {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        self.flush_lines();
        self.calls += 1;
        let (x, y, w, h) = (f64::from(a.0), f64::from(a.1), f64::from(b.0 - a.0), f64::from(b.1 - a.1));
        if fill {
            self.set_fill(style.color());
            self.ctx.fill_rect(x, y, w, h);
        } else {
            self.set_stroke(style);
            self.ctx.stroke_rect(x + 0.5, y + 0.5, w, h);
        }
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, path: I, style: &S) -> Result<(), DrawingErrorKind<CanvasError>> {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        self.flush_lines();
        self.set_stroke(style);
        self.calls += 1;
        self.ctx.begin_path();
        let mut count = 0usize;
        for (x, y) in path {
            if count == 0 {
                self.ctx.move_to(f64::from(x), f64::from(y));
            } else {
                self.ctx.line_to(f64::from(x), f64::from(y));
            }
            count += 1;
        }
        // Round joins look best on a few points but cost the rasterizer dearly on
        // thousands; dense lines use bevel joins, which look the same at that density.
        let join = if count > DENSE_PATH { "bevel" } else { "round" };
        if self.join != join {
            self.ctx.set_line_join(join);
            self.join = join;
        }
        self.ctx.stroke();
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(&mut self, c: BackendCoord, r: u32, style: &S, fill: bool) -> Result<(), DrawingErrorKind<CanvasError>> {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        self.flush_lines();
        self.calls += 1;
        self.ctx.begin_path();
        self.ctx
            .arc(f64::from(c.0), f64::from(c.1), f64::from(r), 0.0, std::f64::consts::TAU)
            .map_err(js_error)?;
        if fill {
            self.set_fill(style.color());
            self.ctx.fill();
        } else {
            self.set_stroke(style);
            self.ctx.stroke();
        }
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, vert: I, style: &S) -> Result<(), DrawingErrorKind<CanvasError>> {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        self.flush_lines();
        self.set_fill(style.color());
        self.calls += 1;
        self.ctx.begin_path();
        let mut first = true;
        for (x, y) in vert {
            if first {
                self.ctx.move_to(f64::from(x), f64::from(y));
                first = false;
            } else {
                self.ctx.line_to(f64::from(x), f64::from(y));
            }
        }
        self.ctx.close_path();
        self.ctx.fill();
        Ok(())
    }

    fn draw_text<T: BackendTextStyle>(&mut self, text: &str, style: &T, pos: BackendCoord) -> Result<(), DrawingErrorKind<CanvasError>> {
        let color = style.color();
        if color.alpha == 0.0 || text.is_empty() {
            return Ok(());
        }
        self.flush_lines();
        let px = style.size() / PLOTTERS_FONT_SCALE;
        let weight = if matches!(style.style(), FontStyle::Bold) { "bold " } else { "" };
        let font = format!("{weight}{px}px {}", style.family().as_str());
        if self.font != font {
            self.ctx.set_font(&font);
            self.font = font;
        }
        let align = match style.anchor().h_pos {
            HPos::Left => "left",
            HPos::Center => "center",
            HPos::Right => "right",
        };
        if self.align != align {
            self.ctx.set_text_align(align);
            self.align = align;
        }
        // Same vertical anchors as plotters' SVG backend (dy = 0.76em / 0.5ex / -0.5ex).
        let dy = match style.anchor().v_pos {
            VPos::Top => 0.76 * px,
            VPos::Center => 0.26 * px,
            VPos::Bottom => -0.26 * px,
        };
        self.set_fill(color);
        self.calls += 1;
        self.ctx.fill_text(text, f64::from(pos.0), f64::from(pos.1) + dy).map_err(js_error)
    }
}
