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
//! Everything else is passed through unchanged. The wrapped backend is held as a
//! [`Surface`] trait object, so plotters' drawing code, generic over the backend, is compiled
//! once (for `Crisp`) however many backends there are.

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

/// What every style reaching the surface is reduced to: a colour and a stroke width (all
/// that `BackendStyle` carries).
#[derive(Clone, Copy)]
pub struct Paint {
    color: BackendColor,
    width: u32,
}

impl Paint {
    fn of<S: BackendStyle>(style: &S) -> Self {
        Paint { color: style.color(), width: style.stroke_width() }
    }
}

impl BackendStyle for Paint {
    fn color(&self) -> BackendColor {
        self.color
    }
    fn stroke_width(&self) -> u32 {
        self.width
    }
}

/// What every text style reaching the surface is reduced to: what plotters-svg's and
/// plotters-canvas's `draw_text` read of it (neither measures or rasterises glyphs).
pub struct Font<'a> {
    color: BackendColor,
    size: f64,
    transform: FontTransform,
    style: FontStyle,
    anchor: Pos,
    family: FontFamily<'a>,
}

/// The error of a surface: the wrapped backend's error, as its message.
#[derive(Debug)]
pub struct SurfaceError(String);

impl std::fmt::Display for SurfaceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SurfaceError {}

/// Glyphs are never measured or rasterised through [`Font`] (see its documentation).
#[derive(Debug)]
pub enum NoGlyphs {}

impl std::fmt::Display for NoGlyphs {
    fn fmt(&self, _: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {}
    }
}

impl std::error::Error for NoGlyphs {}

impl BackendTextStyle for Font<'_> {
    type FontError = NoGlyphs;

    fn color(&self) -> BackendColor {
        self.color
    }
    fn size(&self) -> f64 {
        self.size
    }
    fn transform(&self) -> FontTransform {
        self.transform.clone()
    }
    fn style(&self) -> FontStyle {
        self.style
    }
    fn anchor(&self) -> Pos {
        self.anchor
    }
    fn family(&self) -> FontFamily<'_> {
        self.family
    }
    fn layout_box(&self, _: &str) -> Result<((i32, i32), (i32, i32)), NoGlyphs> {
        Ok(((0, 0), (0, 0)))
    }
    fn draw<E, F: FnMut(i32, i32, BackendColor) -> Result<(), E>>(&self, _: &str, _: BackendCoord, _: F) -> Result<Result<(), E>, NoGlyphs> {
        Ok(Ok(()))
    }
}

type Drawn = Result<(), DrawingErrorKind<SurfaceError>>;

/// An object-safe drawing surface: what [`Crisp`] draws on. Every `DrawingBackend` is one,
/// so the chart's drawing code (generic over the backend through plotters' `DrawingArea`)
/// exists once in the binary, on `Crisp`, and only these few calls exist per backend.
pub trait Surface {
    /// The size in device pixels.
    fn size(&self) -> (u32, u32);
    /// `DrawingBackend::ensure_prepared`.
    fn prepare(&mut self) -> Drawn;
    /// `DrawingBackend::present`.
    fn show(&mut self) -> Drawn;
    /// `DrawingBackend::draw_line`.
    fn line(&mut self, from: BackendCoord, to: BackendCoord, paint: &Paint) -> Drawn;
    /// `DrawingBackend::draw_rect`.
    fn rect(&mut self, a: BackendCoord, b: BackendCoord, paint: &Paint, fill: bool) -> Drawn;
    /// `DrawingBackend::draw_path`.
    fn path(&mut self, points: Vec<BackendCoord>, paint: &Paint) -> Drawn;
    /// `DrawingBackend::draw_circle`.
    fn circle(&mut self, center: BackendCoord, radius: u32, paint: &Paint, fill: bool) -> Drawn;
    /// `DrawingBackend::fill_polygon`.
    fn polygon(&mut self, points: Vec<BackendCoord>, paint: &Paint) -> Drawn;
    /// `DrawingBackend::draw_text`.
    fn text(&mut self, text: &str, font: &Font<'_>, pos: BackendCoord) -> Drawn;
}

/// A backend [`Crisp`] can wrap: a `DrawingBackend` that says how its errors read.
pub trait Backend: DrawingBackend {
    /// The message of one of its errors (what `ChartError::Render` shows).
    fn message(error: Self::ErrorType) -> String;
}

/// plotters-svg writes into our string and fails only for a file target, which is never
/// used: its `std::io::Error` is not formatted, so the wasm holds no `io::ErrorKind` texts.
impl Backend for plotters_svg::SVGBackend<'_> {
    fn message(_: std::io::Error) -> String {
        "the SVG document could not be written".into()
    }
}

#[cfg(target_arch = "wasm32")]
impl Backend for plotters_canvas::CanvasBackend {
    fn message(error: Self::ErrorType) -> String {
        error.to_string()
    }
}

/// A backend's error as a surface's: its message.
fn lift<DB: Backend>(result: Result<(), DrawingErrorKind<DB::ErrorType>>) -> Drawn {
    result.map_err(|e| match e {
        DrawingErrorKind::DrawingError(e) => DrawingErrorKind::DrawingError(SurfaceError(DB::message(e))),
        DrawingErrorKind::FontError(e) => DrawingErrorKind::FontError(e),
    })
}

impl<DB: Backend> Surface for DB {
    fn size(&self) -> (u32, u32) {
        self.get_size()
    }
    fn prepare(&mut self) -> Drawn {
        lift::<DB>(self.ensure_prepared())
    }
    fn show(&mut self) -> Drawn {
        lift::<DB>(self.present())
    }
    fn line(&mut self, from: BackendCoord, to: BackendCoord, paint: &Paint) -> Drawn {
        lift::<DB>(self.draw_line(from, to, paint))
    }
    fn rect(&mut self, a: BackendCoord, b: BackendCoord, paint: &Paint, fill: bool) -> Drawn {
        lift::<DB>(self.draw_rect(a, b, paint, fill))
    }
    fn path(&mut self, points: Vec<BackendCoord>, paint: &Paint) -> Drawn {
        lift::<DB>(self.draw_path(points, paint))
    }
    fn circle(&mut self, center: BackendCoord, radius: u32, paint: &Paint, fill: bool) -> Drawn {
        lift::<DB>(self.draw_circle(center, radius, paint, fill))
    }
    fn polygon(&mut self, points: Vec<BackendCoord>, paint: &Paint) -> Drawn {
        lift::<DB>(self.fill_polygon(points, paint))
    }
    fn text(&mut self, text: &str, font: &Font<'_>, pos: BackendCoord) -> Drawn {
        lift::<DB>(self.draw_text(text, font, pos))
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

/// Wraps a backend (as a [`Surface`]); see the module documentation.
pub struct Crisp<'a> {
    inner: Box<dyn Surface + 'a>,
    text_factor: f64,
    join_hook: Option<JoinHook>,
    join: Option<LineJoin>,
}

impl<'a> Crisp<'a> {
    /// Wraps `inner`, multiplying text sizes by `text_factor` and calling `join_hook` (if
    /// any) whenever a path needs a different line join than the last one.
    pub fn new<DB: Backend + 'a>(inner: DB, text_factor: f64, join_hook: Option<JoinHook>) -> Self {
        let text_factor = if text_factor.is_finite() && text_factor > 0.0 { text_factor } else { 1.0 };
        Crisp { inner: Box::new(inner), text_factor, join_hook, join: None }
    }

    fn fill(&mut self, a: BackendCoord, b: BackendCoord, color: BackendColor) -> Drawn {
        if a.0 >= b.0 || a.1 >= b.1 {
            return Ok(());
        }
        self.inner.rect(a, b, &Paint { color, width: 1 }, true)
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

    fn line(&mut self, from: BackendCoord, to: BackendCoord, paint: Paint) -> Drawn {
        let color = paint.color;
        if color.alpha == 0.0 {
            return Ok(());
        }
        let width = i32::try_from(paint.width.max(1)).unwrap_or(i32::MAX);
        if from.1 == to.1 {
            // Horizontal (or a single point, which a butt-capped stroke does not draw).
            let (y0, y1) = band(from.1, width);
            self.fill((from.0.min(to.0), y0), (from.0.max(to.0), y1), color)
        } else if from.0 == to.0 {
            let (x0, x1) = band(from.0, width);
            self.fill((x0, from.1.min(to.1)), (x1, from.1.max(to.1)), color)
        } else {
            self.inner.line(from, to, &paint)
        }
    }

    fn rect(&mut self, a: BackendCoord, b: BackendCoord, paint: Paint, fill: bool) -> Drawn {
        let color = paint.color;
        if fill || color.alpha == 0.0 {
            return self.inner.rect(a, b, &paint, fill);
        }
        // An outline: four bands, each edge's stroke snapped like a rule. Bands that would
        // overlap (a box thinner than two strokes) become one fill, so that translucent
        // outlines do not darken where they cross.
        let width = i32::try_from(paint.width.max(1)).unwrap_or(i32::MAX);
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

    fn path(&mut self, points: Vec<BackendCoord>, paint: Paint) -> Drawn {
        self.set_join(points.len());
        self.inner.path(points, &paint)
    }

    fn circle(&mut self, center: BackendCoord, radius: u32, paint: Paint, fill: bool) -> Drawn {
        if !fill {
            self.set_join(0);
        }
        self.inner.circle(center, radius, &paint, fill)
    }
}

impl DrawingBackend for Crisp<'_> {
    type ErrorType = SurfaceError;

    fn get_size(&self) -> (u32, u32) {
        self.inner.size()
    }

    fn ensure_prepared(&mut self) -> Drawn {
        self.inner.prepare()
    }

    fn present(&mut self) -> Drawn {
        self.inner.show()
    }

    /// A pixel is a filled 1×1 rectangle (what both backends draw for one); the chart draws
    /// none, so the surface has no call of its own for it.
    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Drawn {
        self.fill(point, (point.0.saturating_add(1), point.1.saturating_add(1)), color)
    }

    fn draw_line<S: BackendStyle>(&mut self, from: BackendCoord, to: BackendCoord, style: &S) -> Drawn {
        self.line(from, to, Paint::of(style))
    }

    fn draw_rect<S: BackendStyle>(&mut self, a: BackendCoord, b: BackendCoord, style: &S, fill: bool) -> Drawn {
        self.rect(a, b, Paint::of(style), fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, path: I, style: &S) -> Drawn {
        self.path(path.into_iter().collect(), Paint::of(style))
    }

    fn draw_circle<S: BackendStyle>(&mut self, center: BackendCoord, radius: u32, style: &S, fill: bool) -> Drawn {
        self.circle(center, radius, Paint::of(style), fill)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, vert: I, style: &S) -> Drawn {
        self.inner.polygon(vert.into_iter().collect(), &Paint::of(style))
    }

    fn draw_text<T: BackendTextStyle>(&mut self, text: &str, style: &T, pos: BackendCoord) -> Drawn {
        let font = Font {
            color: style.color(),
            size: style.size() * self.text_factor,
            transform: style.transform(),
            style: style.style(),
            anchor: style.anchor(),
            family: style.family(),
        };
        self.inner.text(text, &font, pos)
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
        ops: Rc<RefCell<Vec<String>>>,
    }

    #[derive(Debug)]
    struct Never;
    impl std::fmt::Display for Never {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("never")
        }
    }
    impl std::error::Error for Never {}

    impl Backend for Recorder {
        fn message(e: Never) -> String {
            e.to_string()
        }
    }

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
            self.ops.borrow_mut().push(format!("pixel {p:?}"));
            Ok(())
        }
        fn draw_line<S: BackendStyle>(&mut self, a: BackendCoord, b: BackendCoord, s: &S) -> Result<(), DrawingErrorKind<Never>> {
            self.ops.borrow_mut().push(format!("line {a:?} {b:?} w{}", s.stroke_width()));
            Ok(())
        }
        fn draw_rect<S: BackendStyle>(&mut self, a: BackendCoord, b: BackendCoord, s: &S, fill: bool) -> Result<(), DrawingErrorKind<Never>> {
            self.ops.borrow_mut().push(format!("rect {a:?} {b:?} {} {:?}", if fill { "fill" } else { "stroke" }, s.color().rgb));
            Ok(())
        }
        fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, p: I, _: &S) -> Result<(), DrawingErrorKind<Never>> {
            self.ops.borrow_mut().push(format!("path {}", p.into_iter().count()));
            Ok(())
        }
        fn draw_text<T: BackendTextStyle>(&mut self, text: &str, s: &T, _: BackendCoord) -> Result<(), DrawingErrorKind<Never>> {
            self.ops.borrow_mut().push(format!("text {text} {:.3}", s.size()));
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

    fn crisp() -> (Crisp<'static>, Rc<RefCell<Vec<String>>>) {
        let rec = Recorder::default();
        let ops = Rc::clone(&rec.ops);
        (Crisp::new(rec, 1.0 / 1.24, None), ops)
    }

    #[test]
    fn axis_aligned_lines_become_whole_pixel_fills() {
        let (mut c, ops) = crisp();
        c.draw_line((10, 20), (50, 20), &Stroke(1)).ok();
        c.draw_line((50, 20), (10, 20), &Stroke(2)).ok();
        c.draw_line((30, 5), (30, 40), &Stroke(3)).ok();
        c.draw_line((30, 5), (30, 5), &Stroke(1)).ok();
        c.draw_line((0, 0), (10, 10), &Stroke(2)).ok();
        assert_eq!(
            *ops.borrow(),
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
        let (mut c, ops) = crisp();
        c.draw_rect((10, 10), (20, 30), &Stroke(2), false).ok();
        c.draw_rect((10, 10), (11, 30), &Stroke(2), false).ok();
        c.draw_rect((0, 0), (5, 5), &Stroke(2), true).ok();
        assert_eq!(
            *ops.borrow(),
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
        let (mut c, ops) = crisp();
        c.draw_text("Trade", &Style, (0, 0)).ok();
        assert_eq!(*ops.borrow(), vec!["text Trade 10.000"]);
    }

    #[test]
    fn joins_are_set_only_when_they_change() {
        let seen = Rc::new(RefCell::new(Vec::new()));
        let log = Rc::clone(&seen);
        let rec = Recorder::default();
        let ops = Rc::clone(&rec.ops);
        let mut c = Crisp::new(rec, 1.0, Some(Box::new(move |j: LineJoin| log.borrow_mut().push(j.as_str()))));
        let short: Vec<BackendCoord> = (0..10).map(|i| (i, i)).collect();
        let dense: Vec<BackendCoord> = (0..5000).map(|i| (i % 100, i / 50)).collect();
        c.draw_path(short.clone(), &Stroke(2)).ok();
        c.draw_path(short.clone(), &Stroke(2)).ok();
        c.draw_path(dense, &Stroke(2)).ok();
        c.draw_circle((5, 5), 3, &Stroke(2), true).ok();
        c.draw_path(short, &Stroke(2)).ok();
        assert_eq!(*seen.borrow(), vec!["round", "bevel", "round"]);
        assert_eq!(ops.borrow().iter().filter(|o| o.starts_with("path")).count(), 4);
    }
}
