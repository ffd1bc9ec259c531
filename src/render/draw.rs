//! Drawing a [`Layout`] onto a plotters [`DrawingArea`] with plotters' elements, whatever
//! the backend: the browser draws on plotters-canvas's `CanvasBackend` (through
//! [`crate::render::crisp::Crisp`]), the static fallback, the snapshot tests and `toSVG()` on
//! plotters-svg's `SVGBackend`.
//!
//! Layout works in CSS pixels; [`Painter`] is the one place where they become device
//! pixels (× devicePixelRatio), so a chart is sharp at any pixel ratio. Layout, ticks and
//! text measurement are ours: nothing here asks plotters to measure text.

use plotters::coord::Shift;
use plotters::drawing::{DrawingArea, DrawingAreaErrorKind};
use plotters::element::{Circle, Drawable, PathElement, PointCollection, Polygon, Rectangle, Text};
use plotters::style::{FontDesc, RGBAColor, ShapeStyle, TextStyle};
use plotters_backend::text_anchor::{HPos, Pos, VPos};
use plotters_backend::{BackendColor, BackendCoord, DrawingBackend, DrawingErrorKind, FontFamily, FontStyle};

use crate::error::ChartError;
use crate::layout::{bar_offset, Align, Layout, Mark, Rect, TextItem};
use crate::model::{Chart, SeriesKind};
use crate::theme::Rgb;
use crate::to_json::{object, ToJson};

/// The factor between plotters' nominal font size and the pixels plotters-svg draws
/// (`font-size = size / 1.24`). Text styles carry `px × 1.24`; on canvas, `Crisp` divides
/// it out again, so one style is the same size on both.
pub const PLOTTERS_FONT_SCALE: f64 = 1.24;

/// A straight segment, drawn with the backend's `draw_line`. (plotters' `PathElement` of two
/// points goes through `draw_path`, which `Crisp` does not snap to whole pixels.)
struct Segment {
    ends: [BackendCoord; 2],
    style: ShapeStyle,
}

impl<'a> PointCollection<'a, BackendCoord> for &'a Segment {
    type Point = &'a BackendCoord;
    type IntoIter = &'a [BackendCoord];
    fn point_iter(self) -> &'a [BackendCoord] {
        &self.ends
    }
}

impl<DB: DrawingBackend> Drawable<DB> for Segment {
    fn draw<I: Iterator<Item = BackendCoord>>(&self, mut points: I, backend: &mut DB, _: (u32, u32)) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        match (points.next(), points.next()) {
            (Some(a), Some(b)) => backend.draw_line(a, b, &self.style),
            _ => Ok(()),
        }
    }
}

/// One primitive in device pixels, as the renderer emits it; [`draw`] turns each into a
/// plotters element on the drawing area. (Emitting them from a function that is not generic
/// over the backend keeps one copy of the chart logic in the wasm, whatever the number of
/// backends.)
pub enum Shape<'a> {
    /// A filled rectangle from `a` to `b`.
    Rect {
        /// Top-left corner.
        a: BackendCoord,
        /// Bottom-right corner.
        b: BackendCoord,
        /// Fill.
        style: ShapeStyle,
    },
    /// A straight stroked segment.
    Line {
        /// One end.
        a: BackendCoord,
        /// The other end.
        b: BackendCoord,
        /// Stroke.
        style: ShapeStyle,
    },
    /// A stroked polyline.
    Path {
        /// Vertices.
        points: Vec<BackendCoord>,
        /// Stroke.
        style: ShapeStyle,
    },
    /// A filled polygon.
    Polygon {
        /// Vertices.
        points: Vec<BackendCoord>,
        /// Fill.
        style: ShapeStyle,
    },
    /// A filled or stroked circle.
    Circle {
        /// Centre.
        center: BackendCoord,
        /// Radius in device pixels.
        radius: u32,
        /// Fill or stroke.
        style: ShapeStyle,
    },
    /// One line of text, anchored at its top.
    Text {
        /// The text.
        text: &'a str,
        /// Anchor position.
        pos: BackendCoord,
        /// Font, colour and anchor.
        style: TextStyle<'a>,
    },
}

/// Where the renderer sends its shapes.
pub type Sink<'s, 'a> = &'s mut dyn FnMut(Shape<'a>) -> Result<(), ChartError>;

/// Emits shapes, converting CSS pixels to device pixels.
pub struct Painter<'s, 'a> {
    sink: Sink<'s, 'a>,
    dpr: f64,
}

fn rgba(rgb: Rgb, alpha: f64) -> RGBAColor {
    RGBAColor(rgb.0, rgb.1, rgb.2, alpha)
}

fn area_error<E: std::error::Error + Send + Sync>(e: DrawingAreaErrorKind<E>) -> ChartError {
    ChartError::Render { message: e.to_string() }
}

impl<'s, 'a> Painter<'s, 'a> {
    /// A painter drawing at `dpr` device pixels per CSS pixel.
    pub fn new(sink: Sink<'s, 'a>, dpr: f64) -> Self {
        let dpr = if dpr.is_finite() && dpr > 0.0 { dpr.clamp(0.25, 8.0) } else { 1.0 };
        Painter { sink, dpr }
    }

    /// CSS px → device px.
    fn d(&self, v: f64) -> i32 {
        (v * self.dpr).round().clamp(-1e7, 1e7) as i32
    }

    fn pt(&self, (x, y): (f64, f64)) -> BackendCoord {
        (self.d(x), self.d(y))
    }

    fn style(&self, rgb: Rgb, alpha: f64, css_width: f64, filled: bool) -> ShapeStyle {
        ShapeStyle { color: rgba(rgb, alpha), filled, stroke_width: (css_width * self.dpr).round().max(1.0) as u32 }
    }

    fn fill_rect(&mut self, r: Rect, rgb: Rgb, alpha: f64) -> Result<(), ChartError> {
        let (a, b) = (self.pt((r.x, r.y)), self.pt((r.right(), r.bottom())));
        if a.0 == b.0 || a.1 == b.1 {
            return Ok(());
        }
        let style = self.style(rgb, alpha, 1.0, true);
        (self.sink)(Shape::Rect { a, b, style })
    }

    fn line(&mut self, a: (f64, f64), b: (f64, f64), rgb: Rgb, alpha: f64, width: f64) -> Result<(), ChartError> {
        let (a, b, style) = (self.pt(a), self.pt(b), self.style(rgb, alpha, width, false));
        (self.sink)(Shape::Line { a, b, style })
    }

    fn dashed(&mut self, x: f64, y0: f64, y1: f64, rgb: Rgb, width: f64) -> Result<(), ChartError> {
        let mut y = y0;
        while y < y1 {
            self.line((x, y), (x, (y + 4.0).min(y1)), rgb, 1.0, width)?;
            y += 7.0;
        }
        Ok(())
    }

    fn path(&mut self, points: &[(f64, f64)], rgb: Rgb, width: f64) -> Result<(), ChartError> {
        let points: Vec<BackendCoord> = points.iter().map(|p| self.pt(*p)).collect();
        let style = self.style(rgb, 1.0, width, false);
        (self.sink)(Shape::Path { points, style })
    }

    fn polygon(&mut self, points: &[(f64, f64)], rgb: Rgb, alpha: f64) -> Result<(), ChartError> {
        let points: Vec<BackendCoord> = points.iter().map(|p| self.pt(*p)).collect();
        let style = self.style(rgb, alpha, 1.0, true);
        (self.sink)(Shape::Polygon { points, style })
    }

    fn circle(&mut self, c: (f64, f64), r: f64, rgb: Rgb, fill: bool, width: f64) -> Result<(), ChartError> {
        let radius = (r * self.dpr).round().max(1.0) as u32;
        let (center, style) = (self.pt(c), self.style(rgb, 1.0, width, fill));
        (self.sink)(Shape::Circle { center, radius, style })
    }

    fn text(&mut self, item: &'a TextItem, family: &'a str) -> Result<(), ChartError> {
        let TextItem { text, x, y: y_top, font, color: rgb, align } = item;
        let h_pos = match align {
            Align::Left => HPos::Left,
            Align::Center => HPos::Center,
            Align::Right => HPos::Right,
        };
        let weight = if font.bold { FontStyle::Bold } else { FontStyle::Normal };
        let style = TextStyle {
            font: FontDesc::new(FontFamily::Name(family), font.size * self.dpr * PLOTTERS_FONT_SCALE, weight),
            color: BackendColor { alpha: 1.0, rgb: (rgb.0, rgb.1, rgb.2) },
            pos: Pos::new(h_pos, VPos::Top),
        };
        // Anchor at the top of the glyphs: the line box adds (1.2 - 1) / 2 em above them.
        let pos = self.pt((*x, y_top + font.size * 0.1));
        (self.sink)(Shape::Text { text: text.as_str(), pos, style })
    }
}

/// Cuts a run of points (increasing x) to `x0..=x1`, interpolating where it crosses.
pub fn clip_run(run: &[(f64, f64)], x0: f64, x1: f64) -> Vec<(f64, f64)> {
    let mut out = Vec::with_capacity(run.len());
    let lerp = |a: (f64, f64), b: (f64, f64), x: f64| {
        let t = if b.0 == a.0 { 0.0 } else { (x - a.0) / (b.0 - a.0) };
        (x, a.1 + t * (b.1 - a.1))
    };
    for (k, p) in run.iter().enumerate() {
        let prev = k.checked_sub(1).and_then(|j| run.get(j)).copied();
        if p.0 < x0 {
            continue;
        }
        if let Some(q) = prev {
            if q.0 < x0 {
                out.push(lerp(q, *p, x0));
            }
        }
        if p.0 > x1 {
            if let Some(q) = prev.filter(|q| q.0 <= x1) {
                out.push(lerp(q, *p, x1));
            }
            break;
        }
        out.push(*p);
    }
    out
}

/// Draws a laid-out chart on `area` with plotters' elements (the backend's surface has
/// `dpr` device pixels per CSS pixel), and presents it.
pub fn draw<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, chart: &Chart, layout: &Layout, dpr: f64) -> Result<(), ChartError> {
    shapes(chart, layout, dpr, &mut |shape| paint(area, shape))?;
    area.present().map_err(area_error)
}

/// One shape as one plotters element.
fn paint<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, shape: Shape<'_>) -> Result<(), ChartError> {
    match shape {
        Shape::Rect { a, b, style } => area.draw(&Rectangle::new([a, b], style)),
        Shape::Line { a, b, style } => area.draw(&Segment { ends: [a, b], style }),
        Shape::Path { points, style } => area.draw(&PathElement::new(points, style)),
        Shape::Polygon { points, style } => area.draw(&Polygon::new(points, style)),
        Shape::Circle { center, radius, style } => area.draw(&Circle::new(center, radius, style)),
        Shape::Text { text, pos, style } => area.draw(&Text::new(text, pos, style)),
    }
    .map_err(area_error)
}

/// Emits the shapes of a laid-out chart at `dpr` device pixels per CSS pixel, in painting
/// order, to `sink`.
pub fn shapes<'a>(chart: &Chart, layout: &'a Layout, dpr: f64, sink: Sink<'_, 'a>) -> Result<(), ChartError> {
    let mut p = Painter::new(sink, dpr);
    let theme = &layout.theme;
    p.fill_rect(Rect { x: 0.0, y: 0.0, w: layout.width, h: layout.height }, theme.background, 1.0)?;

    // Shaded ranges sit under everything in the plot.
    for mark in &layout.marks {
        if let Mark::Range { x0, x1 } = mark {
            for panel in &layout.panels {
                p.fill_rect(Rect { x: *x0, y: panel.rect.y, w: x1 - x0, h: panel.rect.h }, theme.shade, 1.0)?;
            }
        }
    }

    for panel in &layout.panels {
        let r = panel.rect;
        for gy in &panel.grid {
            if Some(*gy) != panel.baseline {
                p.line((r.x, *gy), (r.right(), *gy), theme.grid, 1.0, 1.0)?;
            }
        }
    }

    // Data.
    for (i, series) in chart.series.iter().enumerate() {
        if !crate::model::is_shown(&layout.visible, i) {
            continue;
        }
        let Some((panel, scale)) = layout.scale_of(i) else { continue };
        let Some(values) = layout.values(chart, i) else { continue };
        let rgb = layout.colors.get(i).copied().unwrap_or(theme.text);
        let clip = panel.rect;
        let start = series.x.partition_point(|t| *t < layout.x_range.0).saturating_sub(1);
        let end = (series.x.partition_point(|t| *t <= layout.x_range.1) + 1).min(series.len());
        let base_px = panel.baseline.unwrap_or(clip.bottom());
        match series.kind {
            SeriesKind::Bar => {
                let off = bar_offset(chart, i, &layout.visible, layout.bar_width);
                for k in start..end {
                    let (Some(t), Some(v)) = (series.x.get(k), values.get(k).copied().and_then(crate::model::gap)) else { continue };
                    let cx = layout.x.to_px(*t) + off;
                    let x0 = (cx - layout.bar_width / 2.0).max(clip.x);
                    let x1 = (cx + layout.bar_width / 2.0).min(clip.right());
                    if x1 <= x0 {
                        continue;
                    }
                    let vy = crate::axis::scale::clamp(scale.to_px(v), clip.y, clip.bottom());
                    p.fill_rect(Rect { x: x0, y: vy.min(base_px), w: x1 - x0, h: (vy - base_px).abs() }, rgb, 1.0)?;
                }
            }
            SeriesKind::Line | SeriesKind::Area => {
                let xs = series.x.get(start..end).unwrap_or(&[]);
                let ys = values.get(start..end).unwrap_or(&[]);
                // Values beyond the axis (only possible past ±1e306, where the axis stops)
                // are drawn at the plot's edge, as bars are: never over the title.
                let to_py = |v: f64| crate::axis::scale::clamp(scale.to_px(v), clip.y, clip.bottom());
                let runs = crate::render::decimate::runs_of_columns(xs, ys, |t| layout.x.to_px(t), to_py, clip.w, dpr, chart.connect_gaps);
                let sparse = (end - start) > 0 && clip.w / ((end - start) as f64) > 18.0;
                let mut dots: Vec<(f64, f64)> = Vec::new();
                let dense = (end - start) as f64 > clip.w;
                // Dots mark real data points only: never the ends that clipping to the plot
                // interpolates (they would read as values the data does not have).
                if sparse {
                    for pt in runs.iter().filter(|r| r.len() > 1).flatten().filter(|pt| pt.0 >= clip.x - 0.5 && pt.0 <= clip.right() + 0.5) {
                        dots.push(*pt);
                    }
                }
                let runs: Vec<Vec<(f64, f64)>> = runs.iter().map(|r| clip_run(r, clip.x, clip.right())).filter(|r| !r.is_empty()).collect();
                for run in &runs {
                    if series.kind == SeriesKind::Area && run.len() > 1 {
                        let mut poly = run.clone();
                        if let (Some(last), Some(first)) = (run.last(), run.first()) {
                            poly.push((last.0, base_px));
                            poly.push((first.0, base_px));
                        }
                        p.polygon(&poly, rgb, 0.22)?;
                    }
                    if run.len() == 1 {
                        // An isolated value between gaps: a dot, so that it is not invisible.
                        if let Some(pt) = run.first() {
                            p.circle(*pt, 3.0, rgb, true, 1.0)?;
                        }
                    } else {
                        // Dense lines are drawn thinner: detail shows, and fewer pixels to fill.
                        p.path(run, rgb, if dense { 1.5 } else { 2.5 })?;
                    }
                }
                for pt in dots.drain(..) {
                    p.circle(pt, 3.0, rgb, true, 1.0)?;
                }
            }
        }
    }

    // Baselines and axes over the data.
    for panel in &layout.panels {
        let r = panel.rect;
        match panel.baseline {
            Some(b) => p.line((r.x, b), (r.right(), b), theme.baseline, 1.0, 1.0)?,
            None => p.line((r.x, r.bottom().round()), (r.right(), r.bottom().round()), theme.baseline, 1.0, 1.0)?,
        }
        if panel.x_labels {
            for (_, tx) in &layout.x_ticks {
                let y0 = r.bottom().round();
                p.line((tx.round(), y0), (tx.round(), y0 + 4.0), theme.baseline, 1.0, 1.0)?;
            }
        }
    }

    // Annotation lines and points.
    let plot = layout.plot_bounds();
    for mark in &layout.marks {
        match mark {
            Mark::Line { x } => p.dashed(*x, plot.y, plot.bottom(), theme.annotation, 1.0)?,
            Mark::Point { at, leader_to, color } => {
                if leader_to != at {
                    p.line(*at, *leader_to, theme.annotation, 1.0, 1.0)?;
                }
                p.circle(*at, 5.0, theme.background, true, 1.0)?;
                p.circle(*at, 5.0, *color, false, 2.0)?;
            }
            Mark::Range { .. } => {}
        }
    }

    // Legend swatches.
    for item in &layout.legend {
        let rgb = layout.colors.get(item.series).copied().unwrap_or(theme.text);
        let alpha = if crate::model::is_shown(&layout.visible, item.series) { 1.0 } else { 0.3 };
        p.fill_rect(item.swatch, rgb, alpha)?;
    }

    for t in &layout.texts {
        p.text(t, theme.font_family)?;
    }
    Ok(())
}

/// What the overlay shows: the highlighted points, the crosshair and a brush selection.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OverlayState {
    /// The cursor's date and series (pointer or keyboard).
    pub cursor: Option<crate::interact::Cursor>,
    /// A brush selection, as pixel x range.
    pub brush: Option<(f64, f64)>,
    /// Whether the cursor comes from the keyboard (draws a focus ring).
    pub keyboard: bool,
}

/// What one overlay mark is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkKind {
    /// The vertical crosshair line.
    Crosshair,
    /// A ringed dot on a line series' point.
    Dot,
    /// A highlight over a bar.
    Bar,
    /// The keyboard focus ring.
    Ring,
    /// The brush selection.
    Brush,
}

/// One overlay mark, in CSS px relative to the chart: the hover layer is a handful of
/// positioned elements, so hovering never redraws (or re-uploads) a canvas.
#[derive(Clone, Debug, PartialEq)]
pub struct OverlayMark {
    /// What it is.
    pub kind: MarkKind,
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
    /// Stroke or fill colour, "#rrggbb".
    pub color: String,
    /// Fill behind a ring ("#rrggbb"), the chart background.
    pub fill: String,
}

/// The overlay marks for a state: crosshair, point dots, bar highlight, focus ring, brush.
pub fn overlay_marks(chart: &Chart, layout: &Layout, state: &OverlayState) -> Vec<OverlayMark> {
    let theme = &layout.theme;
    let plot = layout.plot_bounds();
    let mut out = Vec::new();
    let mark = |kind, r: Rect, color: Rgb| OverlayMark { kind, x: r.x, y: r.y, w: r.w, h: r.h, color: color.hex(), fill: theme.background.hex() };
    if let Some((x0, x1)) = state.brush {
        out.push(mark(MarkKind::Brush, Rect { x: x0, y: plot.y, w: (x1 - x0).max(1.0), h: plot.h }, theme.muted));
    }
    let Some(c) = state.cursor else { return out };
    let Some(t) = chart.series.get(c.series).and_then(|s| s.x.get(c.index)).copied() else { return out };
    let cx = layout.x.to_px(t);
    if cx >= plot.x - 0.5 && cx <= plot.right() + 0.5 {
        out.push(mark(MarkKind::Crosshair, Rect { x: cx.round(), y: plot.y, w: 1.0, h: plot.h }, theme.muted));
    }
    for (i, s) in chart.series.iter().enumerate() {
        if !crate::model::is_shown(&layout.visible, i) {
            continue;
        }
        let (Some(k), Some((panel, scale))) = (s.index_of(t), layout.scale_of(i)) else { continue };
        let Some(v) = layout.values(chart, i).and_then(|vals| vals.get(k)).copied().and_then(crate::model::gap) else { continue };
        let rgb = layout.colors.get(i).copied().unwrap_or(theme.text);
        let py = scale.to_px(v);
        if s.kind.is_banded() {
            let bx = cx + bar_offset(chart, i, &layout.visible, layout.bar_width);
            let base = panel.baseline.unwrap_or(panel.rect.bottom());
            let r = Rect { x: bx - layout.bar_width / 2.0 - 1.5, y: py.min(base) - 1.5, w: layout.bar_width + 3.0, h: (py - base).abs() + 3.0 };
            out.push(mark(MarkKind::Bar, r, theme.text));
        } else {
            out.push(mark(MarkKind::Dot, Rect { x: cx - 5.5, y: py - 5.5, w: 11.0, h: 11.0 }, rgb));
        }
        if state.keyboard && i == c.series {
            out.push(mark(MarkKind::Ring, Rect { x: cx - 10.0, y: py - 10.0, w: 20.0, h: 20.0 }, theme.text));
        }
    }
    out
}

impl MarkKind {
    /// The name the harness reads ("crosshair", "dot", "bar", "ring", "brush").
    pub fn as_str(self) -> &'static str {
        match self {
            MarkKind::Crosshair => "crosshair",
            MarkKind::Dot => "dot",
            MarkKind::Bar => "bar",
            MarkKind::Ring => "ring",
            MarkKind::Brush => "brush",
        }
    }
}

impl ToJson for OverlayMark {
    fn write_json(&self, out: &mut String) {
        object(out, |o| {
            o.field("kind", &self.kind.as_str()).field("x", &self.x).field("y", &self.y).field("w", &self.w).field("h", &self.h);
            o.field("color", &self.color).field("fill", &self.fill);
        });
    }
}
