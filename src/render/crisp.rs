//! [`Crisp`]: a `DrawingBackend` that wraps another one and fixes what a raster backend
//! (plotters-canvas's `CanvasBackend`) gets wrong for charts, without reimplementing it:
//!
//! - Axis-aligned lines and rectangle outlines become filled rectangles on whole device
//!   pixels, so a rule is crisp at every width and pixel ratio. (CanvasBackend strokes
//!   them shifted by half a pixel, which is crisp only at odd widths: a 2 px rule at
//!   devicePixelRatio 2 smears over three rows.)
//! - Text sizes are divided by a factor: plotters' SVG backend draws `size() / 1.24` px,
//!   CanvasBackend draws `size()` px, so one text style gives both the same size.
//! - Line joins: CanvasBackend never sets `lineJoin`. A hook (the web layer passes one that
//!   sets it on its own handle to the same 2D context) chooses round joins for ordinary
//!   paths and bevel joins for dense ones, and is called only when the join changes.
//!
//! Everything else is passed through unchanged.

use plotters_backend::text_anchor::Pos;
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind, FontFamily, FontStyle, FontTransform};

/// Paths with more points than this are stroked with bevel joins: round joins cost the
/// rasterizer dearly on thousands of vertices and look the same at that density.
pub const DENSE_PATH: usize = 1000;

/// How stroked paths are joined.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineJoin {
    /// Round joins (ordinary lines).
    Round,
    /// Bevel joins (dense lines).
    Bevel,
}

impl LineJoin {
    /// The canvas `lineJoin` keyword.
    pub fn as_str(self) -> &'static str {
        match self {
            LineJoin::Round => "round",
            LineJoin::Bevel => "bevel",
        }
    }
}

/// A fill of one colour: what rules and outlines are drawn with.
struct Fill(BackendColor);

impl BackendStyle for Fill {
    fn color(&self) -> BackendColor {
        self.0
    }
}

/// A text style with its size multiplied by a factor.
struct Scaled<'a, T> {
    style: &'a T,
    factor: f64,
}

impl<T: BackendTextStyle> BackendTextStyle for Scaled<'_, T> {
    type FontError = T::FontError;

    fn color(&self) -> BackendColor {
        self.style.color()
    }
    fn size(&self) -> f64 {
        self.style.size() * self.factor
    }
    fn transform(&self) -> FontTransform {
        self.style.transform()
    }
    fn style(&self) -> FontStyle {
        self.style.style()
    }
    fn anchor(&self) -> Pos {
        self.style.anchor()
    }
    fn family(&self) -> FontFamily<'_> {
        self.style.family()
    }
    fn layout_box(&self, text: &str) -> Result<((i32, i32), (i32, i32)), T::FontError> {
        self.style.layout_box(text)
    }
    fn draw<E, F: FnMut(i32, i32, BackendColor) -> Result<(), E>>(&self, text: &str, pos: BackendCoord, draw: F) -> Result<Result<(), E>, T::FontError> {
        self.style.draw(text, pos, draw)
    }
}

/// The device-pixel span `[start, start + width)` that a stroke of `width` centred on the
/// integer coordinate `at` covers once snapped to whole pixels: odd widths extend one more
/// pixel after `at` than before it (as a stroke at `at + 0.5` would), even widths are centred.
fn band(at: i32, width: i32) -> (i32, i32) {
    let start = at.saturating_sub(width / 2);
    (start, start.saturating_add(width))
}

/// Sets the line join on the real drawing surface.
pub type JoinHook = Box<dyn FnMut(LineJoin)>;

/// Wraps a backend; see the module documentation.
pub struct Crisp<DB> {
    inner: DB,
    text_factor: f64,
    join_hook: Option<JoinHook>,
    join: Option<LineJoin>,
}

impl<DB: DrawingBackend> Crisp<DB> {
    /// Wraps `inner`, multiplying text sizes by `text_factor` and calling `join_hook` (if
    /// any) whenever a path needs a different line join than the last one.
    pub fn new(inner: DB, text_factor: f64, join_hook: Option<JoinHook>) -> Self {
        let text_factor = if text_factor.is_finite() && text_factor > 0.0 { text_factor } else { 1.0 };
        Crisp { inner, text_factor, join_hook, join: None }
    }

    /// The wrapped backend (the tests read what reached it).
    #[cfg(test)]
    pub fn into_inner(self) -> DB {
        self.inner
    }

    fn fill(&mut self, a: BackendCoord, b: BackendCoord, color: BackendColor) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        if a.0 >= b.0 || a.1 >= b.1 {
            return Ok(());
        }
        self.inner.draw_rect(a, b, &Fill(color), true)
    }

    fn set_join(&mut self, points: usize) {
        let want = if points > DENSE_PATH { LineJoin::Bevel } else { LineJoin::Round };
        if self.join != Some(want) {
            if let Some(hook) = self.join_hook.as_mut() {
                hook(want);
            }
            self.join = Some(want);
        }
    }
}

impl<DB: DrawingBackend> DrawingBackend for Crisp<DB> {
    type ErrorType = DB::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        self.inner.ensure_prepared()
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        self.inner.present()
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        self.inner.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(&mut self, from: BackendCoord, to: BackendCoord, style: &S) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        let width = i32::try_from(style.stroke_width().max(1)).unwrap_or(i32::MAX);
        if from.1 == to.1 {
            // Horizontal (or a single point, which a butt-capped stroke does not draw).
            let (y0, y1) = band(from.1, width);
            self.fill((from.0.min(to.0), y0), (from.0.max(to.0), y1), color)
        } else if from.0 == to.0 {
            let (x0, x1) = band(from.0, width);
            self.fill((x0, from.1.min(to.1)), (x1, from.1.max(to.1)), color)
        } else {
            self.inner.draw_line(from, to, style)
        }
    }

    fn draw_rect<S: BackendStyle>(&mut self, a: BackendCoord, b: BackendCoord, style: &S, fill: bool) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        let color = style.color();
        if fill || color.alpha == 0.0 {
            return self.inner.draw_rect(a, b, style, fill);
        }
        // An outline: four bands, each edge's stroke snapped like a rule. Bands that would
        // overlap (a box thinner than two strokes) become one fill, so that translucent
        // outlines do not darken where they cross.
        let width = i32::try_from(style.stroke_width().max(1)).unwrap_or(i32::MAX);
        let (x0, x1) = (a.0.min(b.0), a.0.max(b.0));
        let (y0, y1) = (a.1.min(b.1), a.1.max(b.1));
        let (left, right) = (band(x0, width), band(x1, width));
        let (top, bottom) = (band(y0, width), band(y1, width));
        if left.1 >= right.0 || top.1 >= bottom.0 {
            return self.fill((left.0, top.0), (right.1, bottom.1), color);
        }
        self.fill((left.0, top.0), (right.1, top.1), color)?;
        self.fill((left.0, bottom.0), (right.1, bottom.1), color)?;
        self.fill((left.0, top.1), (left.1, bottom.0), color)?;
        self.fill((right.0, top.1), (right.1, bottom.0), color)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, path: I, style: &S) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        let points: Vec<BackendCoord> = path.into_iter().collect();
        self.set_join(points.len());
        self.inner.draw_path(points, style)
    }

    fn draw_circle<S: BackendStyle>(&mut self, center: BackendCoord, radius: u32, style: &S, fill: bool) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        if !fill {
            self.set_join(0);
        }
        self.inner.draw_circle(center, radius, style, fill)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, vert: I, style: &S) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        self.inner.fill_polygon(vert, style)
    }

    fn draw_text<T: BackendTextStyle>(&mut self, text: &str, style: &T, pos: BackendCoord) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        self.inner.draw_text(text, &Scaled { style, factor: self.text_factor }, pos)
    }

    fn estimate_text_size<T: BackendTextStyle>(&self, text: &str, style: &T) -> Result<(u32, u32), DrawingErrorKind<DB::ErrorType>> {
        self.inner.estimate_text_size(text, &Scaled { style, factor: self.text_factor })
    }

    fn blit_bitmap(&mut self, pos: BackendCoord, size: (u32, u32), src: &[u8]) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        self.inner.blit_bitmap(pos, size, src)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;
    use std::rc::Rc;

    /// Records what reaches the wrapped backend.
    #[derive(Default)]
    struct Recorder {
        ops: Vec<String>,
    }

    #[derive(Debug)]
    struct Never;
    impl std::fmt::Display for Never {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("never")
        }
    }
    impl std::error::Error for Never {}

    impl DrawingBackend for Recorder {
        type ErrorType = Never;
        fn get_size(&self) -> (u32, u32) {
            (100, 100)
        }
        fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Never>> {
            Ok(())
        }
        fn present(&mut self) -> Result<(), DrawingErrorKind<Never>> {
            Ok(())
        }
        fn draw_pixel(&mut self, p: BackendCoord, _: BackendColor) -> Result<(), DrawingErrorKind<Never>> {
            self.ops.push(format!("pixel {p:?}"));
            Ok(())
        }
        fn draw_line<S: BackendStyle>(&mut self, a: BackendCoord, b: BackendCoord, s: &S) -> Result<(), DrawingErrorKind<Never>> {
            self.ops.push(format!("line {a:?} {b:?} w{}", s.stroke_width()));
            Ok(())
        }
        fn draw_rect<S: BackendStyle>(&mut self, a: BackendCoord, b: BackendCoord, s: &S, fill: bool) -> Result<(), DrawingErrorKind<Never>> {
            self.ops.push(format!("rect {a:?} {b:?} {} {:?}", if fill { "fill" } else { "stroke" }, s.color().rgb));
            Ok(())
        }
        fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, p: I, _: &S) -> Result<(), DrawingErrorKind<Never>> {
            self.ops.push(format!("path {}", p.into_iter().count()));
            Ok(())
        }
        fn draw_text<T: BackendTextStyle>(&mut self, text: &str, s: &T, _: BackendCoord) -> Result<(), DrawingErrorKind<Never>> {
            self.ops.push(format!("text {text} {:.3}", s.size()));
            Ok(())
        }
    }

    struct Stroke(u32);
    impl BackendStyle for Stroke {
        fn color(&self) -> BackendColor {
            BackendColor { alpha: 1.0, rgb: (1, 2, 3) }
        }
        fn stroke_width(&self) -> u32 {
            self.0
        }
    }

    fn crisp() -> Crisp<Recorder> {
        Crisp::new(Recorder::default(), 1.0 / 1.24, None)
    }

    #[test]
    fn axis_aligned_lines_become_whole_pixel_fills() {
        let mut c = crisp();
        c.draw_line((10, 20), (50, 20), &Stroke(1)).ok();
        c.draw_line((50, 20), (10, 20), &Stroke(2)).ok();
        c.draw_line((30, 5), (30, 40), &Stroke(3)).ok();
        c.draw_line((30, 5), (30, 5), &Stroke(1)).ok();
        c.draw_line((0, 0), (10, 10), &Stroke(2)).ok();
        assert_eq!(
            c.into_inner().ops,
            vec![
                "rect (10, 20) (50, 21) fill (1, 2, 3)",
                "rect (10, 19) (50, 21) fill (1, 2, 3)",
                "rect (29, 5) (32, 40) fill (1, 2, 3)",
                "line (0, 0) (10, 10) w2",
            ]
        );
    }

    #[test]
    fn outlines_become_four_bands_or_one_fill() {
        let mut c = crisp();
        c.draw_rect((10, 10), (20, 30), &Stroke(2), false).ok();
        c.draw_rect((10, 10), (11, 30), &Stroke(2), false).ok();
        c.draw_rect((0, 0), (5, 5), &Stroke(2), true).ok();
        assert_eq!(
            c.into_inner().ops,
            vec![
                "rect (9, 9) (21, 11) fill (1, 2, 3)",
                "rect (9, 29) (21, 31) fill (1, 2, 3)",
                "rect (9, 11) (11, 29) fill (1, 2, 3)",
                "rect (19, 11) (21, 29) fill (1, 2, 3)",
                "rect (9, 9) (12, 31) fill (1, 2, 3)",
                "rect (0, 0) (5, 5) fill (1, 2, 3)",
            ]
        );
    }

    #[test]
    fn text_size_is_normalised() {
        struct Style;
        impl BackendTextStyle for Style {
            type FontError = Never;
            fn size(&self) -> f64 {
                12.4
            }
            fn family(&self) -> FontFamily<'_> {
                FontFamily::SansSerif
            }
            fn layout_box(&self, _: &str) -> Result<((i32, i32), (i32, i32)), Never> {
                Ok(((0, 0), (1, 1)))
            }
            fn draw<E, F: FnMut(i32, i32, BackendColor) -> Result<(), E>>(&self, _: &str, _: BackendCoord, _: F) -> Result<Result<(), E>, Never> {
                Ok(Ok(()))
            }
        }
        let mut c = crisp();
        c.draw_text("Trade", &Style, (0, 0)).ok();
        assert_eq!(c.into_inner().ops, vec!["text Trade 10.000"]);
    }

    #[test]
    fn joins_are_set_only_when_they_change() {
        let seen = Rc::new(RefCell::new(Vec::new()));
        let log = Rc::clone(&seen);
        let mut c = Crisp::new(Recorder::default(), 1.0, Some(Box::new(move |j: LineJoin| log.borrow_mut().push(j.as_str()))));
        let short: Vec<BackendCoord> = (0..10).map(|i| (i, i)).collect();
        let dense: Vec<BackendCoord> = (0..5000).map(|i| (i % 100, i / 50)).collect();
        c.draw_path(short.clone(), &Stroke(2)).ok();
        c.draw_path(short.clone(), &Stroke(2)).ok();
        c.draw_path(dense, &Stroke(2)).ok();
        c.draw_circle((5, 5), 3, &Stroke(2), true).ok();
        c.draw_path(short, &Stroke(2)).ok();
        assert_eq!(*seen.borrow(), vec!["round", "bevel", "round"]);
        assert_eq!(c.into_inner().ops.iter().filter(|o| o.starts_with("path")).count(), 4);
    }
}
