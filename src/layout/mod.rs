//! Where everything goes: title block, legend, panels and their axes, annotations,
//! direct labels and the footer, in CSS pixels for a given width and height.
//!
//! Layout is pure: it reads a [`Chart`], a [`Theme`] and a [`TextMeasure`] and returns a
//! [`Layout`] value that the renderer draws and the interaction layer hit-tests.
//!
//! This file owns the [`Layout`] types and [`layout`], which composes the sections, one
//! file each, top to bottom: `header` (title, subtitle), `footer` (notes, source, byline),
//! `labels` (legend or direct labels), `axes` (value axes), `time_axis`, `panels` and
//! `annotations`. Sections read the shared [`Frame`] and may use what this file defines
//! and the sections listed before them, never the other way round. May use: `model`,
//! `axis`, `text`, `theme`.

mod annotations;
mod axes;
mod footer;
mod header;
mod labels;
mod panels;
mod time_axis;

use crate::axis::date::Granularity;
use crate::axis::format;
use crate::axis::scale::Scale;
use crate::axis::ticks::TimeTick;
use crate::model::{Chart, Series, View};
use crate::text::{Font, TextMeasure};
use crate::theme::{Rgb, Theme};

/// An axis-aligned rectangle in CSS pixels.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

impl Rect {
    /// Right edge.
    pub fn right(&self) -> f64 {
        self.x + self.w
    }
    /// Bottom edge.
    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }
    /// Whether two rectangles overlap (touching edges do not count).
    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x < o.right() && o.x < self.right() && self.y < o.bottom() && o.y < self.bottom()
    }
    /// Whether `o` lies wholly inside this rectangle.
    pub fn contains_rect(&self, o: &Rect) -> bool {
        o.x >= self.x - 0.5 && o.right() <= self.right() + 0.5 && o.y >= self.y - 0.5 && o.bottom() <= self.bottom() + 0.5
    }
    /// Whether the segment from `a` to `b` crosses this rectangle.
    pub fn hits_segment(&self, a: (f64, f64), b: (f64, f64)) -> bool {
        // Liang–Barsky clipping: the segment touches the rectangle if a part survives.
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let mut t0: f64 = 0.0;
        let mut t1: f64 = 1.0;
        for (p, q) in [(-dx, a.0 - self.x), (dx, self.right() - a.0), (-dy, a.1 - self.y), (dy, self.bottom() - a.1)] {
            if p == 0.0 {
                if q < 0.0 {
                    return false;
                }
            } else {
                let r = q / p;
                if p < 0.0 {
                    t0 = t0.max(r);
                } else {
                    t1 = t1.min(r);
                }
                if t0 > t1 {
                    return false;
                }
            }
        }
        true
    }
}

/// Horizontal alignment of a text item relative to its x.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    /// x is the left edge.
    Left,
    /// x is the centre.
    Center,
    /// x is the right edge.
    Right,
}

/// One line of text to draw; `y` is the top of its line box.
#[derive(Clone, Debug, PartialEq)]
pub struct TextItem {
    /// The text (drawn as text, never interpreted).
    pub text: String,
    /// Anchor x.
    pub x: f64,
    /// Top of the line box.
    pub y: f64,
    /// Font.
    pub font: Font,
    /// Colour.
    pub color: Rgb,
    /// Alignment around x.
    pub align: Align,
}

impl TextItem {
    /// The box this text occupies, given its measured width.
    pub fn bounds(&self, width: f64) -> Rect {
        let x = match self.align {
            Align::Left => self.x,
            Align::Center => self.x - width / 2.0,
            Align::Right => self.x - width,
        };
        Rect { x, y: self.y, w: width, h: self.font.size * 1.2 }
    }
}

/// Which value axis a series is plotted against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// The left axis.
    Left,
    /// The right axis (dual-axis view).
    Right,
}

/// One plot area with its value axis (or two).
#[derive(Clone, Debug, PartialEq)]
pub struct Panel {
    /// The plot area.
    pub rect: Rect,
    /// The left value scale.
    pub y: Scale,
    /// The right value scale (dual-axis view).
    pub y_right: Option<Scale>,
    /// Series drawn here, with the axis each uses.
    pub series: Vec<(usize, Side)>,
    /// Gridline pixel positions (from the left scale).
    pub grid: Vec<f64>,
    /// Pixel of the zero line, or of 100 in the indexed view, when inside the plot.
    pub baseline: Option<f64>,
    /// Whether this panel carries the time axis labels.
    pub x_labels: bool,
}

/// A placed annotation.
#[derive(Clone, Debug, PartialEq)]
pub enum Mark {
    /// A vertical event line at pixel x, through every panel.
    Line {
        /// Pixel x.
        x: f64,
    },
    /// A shaded period from x0 to x1.
    Range {
        /// Left pixel.
        x0: f64,
        /// Right pixel.
        x1: f64,
    },
    /// A highlighted point with a leader to its label.
    Point {
        /// The point, in pixels.
        at: (f64, f64),
        /// The label's anchor end of the leader line.
        leader_to: (f64, f64),
        /// Series colour.
        color: Rgb,
    },
}

/// A legend entry.
#[derive(Clone, Debug, PartialEq)]
pub struct LegendItem {
    /// Series index.
    pub series: usize,
    /// The colour swatch.
    pub swatch: Rect,
    /// Whether the swatch is a short line (line series) or a block (bars, areas).
    pub line: bool,
}

/// Everything placed, ready to draw and hit-test.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    /// Total width.
    pub width: f64,
    /// Total height.
    pub height: f64,
    /// Time scale shared by all panels.
    pub x: Scale,
    /// The visible time range.
    pub x_range: (f64, f64),
    /// Panels from top to bottom.
    pub panels: Vec<Panel>,
    /// Time ticks with their pixel x.
    pub x_ticks: Vec<(TimeTick, f64)>,
    /// All text: title, subtitle, legend, axes, annotations, direct labels, footer.
    pub texts: Vec<TextItem>,
    /// Legend entries.
    pub legend: Vec<LegendItem>,
    /// Clickable areas that toggle a series (legend entries, direct labels).
    pub hits: Vec<(Rect, usize)>,
    /// Annotation marks.
    pub marks: Vec<Mark>,
    /// The boxes of the annotations' labels, which the tooltip keeps clear of.
    pub label_boxes: Vec<Rect>,
    /// Width of one bar in pixels, and the number of bar series sharing a slot.
    pub bar_width: f64,
    /// Rebased values per series in the indexed view (empty otherwise: the series' own
    /// values are plotted, without a copy). Read through [`Layout::values`].
    pub rebased: Vec<Vec<f64>>,
    /// The series colours.
    pub colors: Vec<Rgb>,
    /// Which series are shown.
    pub visible: Vec<bool>,
    /// The colours and fonts used.
    pub theme: Theme,
}

impl Layout {
    /// The union of all plot areas.
    pub fn plot_bounds(&self) -> Rect {
        let mut it = self.panels.iter().map(|p| p.rect);
        let first = it.next().unwrap_or_default();
        it.fold(first, |a, b| {
            let x = a.x.min(b.x);
            let y = a.y.min(b.y);
            Rect { x, y, w: a.right().max(b.right()) - x, h: a.bottom().max(b.bottom()) - y }
        })
    }

    /// The values plotted for a series (NaN is a gap): rebased in the indexed view, else
    /// its own.
    pub fn values<'a>(&'a self, chart: &'a Chart, series: usize) -> Option<&'a [f64]> {
        match self.rebased.get(series) {
            Some(v) => Some(v.as_slice()),
            None => chart.series.get(series).map(|s| s.y.as_slice()),
        }
    }

    /// The panel and scale a series is drawn with.
    pub fn scale_of(&self, series: usize) -> Option<(&Panel, &Scale)> {
        panel_scale(&self.panels, series)
    }
}

/// What the caller chooses beyond the chart itself.
#[derive(Clone, Debug)]
pub struct LayoutOptions {
    /// Width in CSS px.
    pub width: f64,
    /// Height in CSS px; the chart's preferred height when None.
    pub height: Option<f64>,
    /// Colours and fonts.
    pub theme: Theme,
    /// Visible time range (zoom); the data's full range when None.
    pub x_range: Option<(f64, f64)>,
    /// Which series are shown (all when shorter than the series list).
    pub visible: Vec<bool>,
}

/// The padding and fonts of one width: compact below 520 px.
struct Sizes {
    pad: f64,
    title: Font,
    subtitle: Font,
    legend: Font,
    axis: Font,
    footer: Font,
    note: Font,
    label: Font,
}

impl Sizes {
    fn for_width(width: f64) -> Sizes {
        let compact = width < 520.0;
        Sizes {
            pad: if compact { 8.0 } else { 12.0 },
            title: Font::bold(if compact { 18.0 } else { 21.0 }),
            subtitle: Font::regular(if compact { 14.0 } else { 15.0 }),
            legend: Font::regular(13.0),
            axis: Font::regular(if compact { 12.0 } else { 13.0 }),
            footer: Font::regular(12.0),
            note: Font::regular(12.0),
            label: Font::bold(if compact { 12.0 } else { 13.0 }),
        }
    }
}

/// The height of one line of text in `font`, rounded to whole pixels.
fn line_height(font: Font) -> f64 {
    (font.size * 1.3).round()
}

/// The height the chart wants at `width` when the embedder does not set one.
pub fn preferred_height(chart: &Chart, width: f64, measure: &dyn TextMeasure) -> f64 {
    let s = Sizes::for_width(width);
    let inner = (width - 2.0 * s.pad).max(40.0);
    let header = header::height(chart, inner, &s, measure) + (line_height(s.legend) + 8.0) + footer::height(chart, inner, &s, measure);
    let panels = match chart.effective_view() {
        View::Panels => chart.panel_groups().len().max(1) as f64,
        _ => 1.0,
    };
    let plot = if panels > 1.0 {
        panels * (width * 0.3).clamp(130.0, 230.0) + (panels - 1.0) * 40.0
    } else {
        (width * 0.5).clamp(200.0, 380.0)
    };
    (header + plot + line_height(s.axis) + 2.0 * s.pad).round()
}

/// Values rebased to 100 for the indexed view; empty for every other view (the series'
/// own values are plotted without copying them).
fn rebased_values(chart: &Chart, x_range: (f64, f64)) -> Vec<Vec<f64>> {
    if chart.effective_view() != View::Indexed {
        return Vec::new();
    }
    chart
        .series
        .iter()
        .map(|s| {
            let from = chart.index_base.unwrap_or(x_range.0);
            s.indexed_from(from)
                .or_else(|| s.indexed_from(f64::NEG_INFINITY))
                .map(|(_, v)| v)
                .unwrap_or_else(|| vec![f64::NAN; s.len()])
        })
        .collect()
}

/// The smallest typical spacing between points over all series.
fn data_step(chart: &Chart) -> f64 {
    let step = chart.series.iter().filter_map(typical_step).fold(f64::INFINITY, f64::min);
    if step.is_finite() && step > 0.0 {
        step
    } else {
        86_400_000.0
    }
}

/// The unzoomed time range: the data, with half a step either side when bars need room.
pub fn full_x_range(chart: &Chart) -> (f64, f64) {
    let data_range = chart.x_extent().unwrap_or((0.0, 1.0));
    let bars = chart.series.iter().any(|s| s.kind.is_banded());
    let step = data_step(chart);
    if bars || data_range.0 == data_range.1 {
        (data_range.0 - step / 2.0, data_range.1 + step / 2.0)
    } else {
        data_range
    }
}

/// Typical spacing between points (for bar widths and bar padding).
fn typical_step(series: &Series) -> Option<f64> {
    // The median spacing of the first thousand points: enough, and O(1) on long series.
    let head = series.x.get(..series.x.len().min(1001)).unwrap_or(&[]);
    let diffs: Vec<f64> = head.windows(2).filter_map(|w| if let [a, b] = w { Some(b - a) } else { None }).collect();
    if diffs.is_empty() {
        return match series.granularity {
            Granularity::Year => Some(365.0 * 86_400_000.0),
            Granularity::Quarter => Some(91.0 * 86_400_000.0),
            Granularity::Month => Some(30.0 * 86_400_000.0),
            _ => Some(86_400_000.0),
        };
    }
    let order = crate::order::order_by_key(&diffs);
    order.get(diffs.len() / 2).and_then(|&k| diffs.get(k)).copied()
}

/// Extent of a series' plotted values `values` within the x range: from the series'
/// summary when they are its own values and the range shows all of them (no pass over
/// the data on an unzoomed render), else from the visible slice.
fn series_extent(se: &Series, values: &[f64], range: (f64, f64)) -> Option<(f64, f64)> {
    let own = std::ptr::eq(values.as_ptr(), se.y.as_ptr()) && values.len() == se.y.len();
    let all = se.x.first().is_some_and(|t| *t >= range.0) && se.x.last().is_some_and(|t| *t <= range.1);
    if own && all {
        return se.y_extent();
    }
    value_extent(values, &se.x, range)
}

/// Extent of visible values within the x range, per side of each panel.
fn value_extent(values: &[f64], xs: &[f64], range: (f64, f64)) -> Option<(f64, f64)> {
    // One neighbour either side: lines run on to the plot's edges.
    let start = xs.partition_point(|x| *x < range.0).saturating_sub(1);
    let end = (xs.partition_point(|x| *x <= range.1) + 1).min(xs.len());
    let slice = values.get(start..end.max(start))?;
    crate::model::column_extent(slice)
}

/// The panel a series is drawn in and the scale of its side (the right one in the
/// dual-axis view): the one lookup behind [`Layout::scale_of`] and the layout's sections.
fn panel_scale(panels: &[Panel], series: usize) -> Option<(&Panel, &Scale)> {
    panels.iter().find_map(|p| {
        p.series.iter().find(|(s, _)| *s == series).map(|(_, side)| match side {
            Side::Right => (p, p.y_right.as_ref().unwrap_or(&p.y)),
            Side::Left => (p, &p.y),
        })
    })
}

/// What every section of one layout pass reads: the chart, the size, the fonts and what
/// is shown, in which colours, with which values.
struct Frame<'a> {
    chart: &'a Chart,
    measure: &'a dyn TextMeasure,
    s: Sizes,
    theme: &'a Theme,
    width: f64,
    height: f64,
    /// The width inside the padding.
    inner: f64,
    view: View,
    /// Which series are shown, one entry per series.
    visible: &'a [bool],
    colors: &'a [Rgb],
    /// The values plotted per series (rebased in the indexed view).
    values: &'a [&'a [f64]],
    /// The visible time range.
    x_range: (f64, f64),
}

/// Lays the chart out at the given size. Direct labels at the line ends are used when
/// they fit beside the plot and, stacked apart, inside it; otherwise the legend is.
pub fn layout(chart: &Chart, opts: &LayoutOptions, measure: &dyn TextMeasure) -> Layout {
    let (laid, labels_fit) = layout_with(chart, opts, measure, false);
    if labels_fit {
        laid
    } else {
        layout_with(chart, opts, measure, true).0
    }
}

/// The layout, and whether its direct labels (if any) fit without overlapping: the
/// sections in the order they take their room (header and footer first, then the legend,
/// the value axes' margins, the time axis, the panels, annotations and direct labels).
fn layout_with(chart: &Chart, opts: &LayoutOptions, measure: &dyn TextMeasure, force_legend: bool) -> (Layout, bool) {
    let width = opts.width.max(120.0);
    let s = Sizes::for_width(width);
    let height = opts.height.unwrap_or_else(|| preferred_height(chart, width, measure)).max(120.0);
    let theme = opts.theme.clone();
    let inner = width - 2.0 * s.pad;
    let visible: Vec<bool> = (0..chart.series.len()).map(|i| crate::model::is_shown(&opts.visible, i)).collect();
    let colors: Vec<Rgb> = chart.series.iter().enumerate().map(|(i, s)| s.color.unwrap_or_else(|| theme.series_color(i))).collect();
    // Time range: the zoom, or the data with room for bars.
    let x_range = opts.x_range.unwrap_or_else(|| full_x_range(chart));
    let rebased = rebased_values(chart, x_range);
    let values: Vec<&[f64]> = chart
        .series
        .iter()
        .enumerate()
        .map(|(i, se)| rebased.get(i).map_or(se.y.as_slice(), |v| v.as_slice()))
        .collect();
    let f = Frame { chart, measure, s, theme: &theme, width, height, inner, view: chart.effective_view(), visible: &visible, colors: &colors, values: &values, x_range };

    let mut texts = Vec::new();
    let mut hits = Vec::new();
    let mut y = header::place(&f, &mut texts);
    let footer_top = footer::place(&f, &mut texts);
    let naming = labels::choose(&f, force_legend);
    let legend = labels::legend(&f, &naming, &mut y, &mut texts, &mut hits);

    // Value axes: one group of series per panel (per unit in the panels view), their tick
    // labels computed first: they set the margins.
    let groups = axes::groups(&f);
    let rows = panels::rows(&f, groups.len(), y, footer_top);
    let axes = axes::value_axes(&f, &groups, rows.panel_h);
    let data_range = chart.x_extent().unwrap_or((0.0, 1.0));
    let right_w = axes.iter().map(|(_, r)| axes::label_width(&f, r)).fold(0.0, f64::max);
    let (plot_left, plot_right) = plot_edges(&f, &axes, &naming, data_range);
    let x = Scale::linear(x_range, (plot_left, plot_right));
    let x_ticks = time_axis::ticks(&f, &x, data_range);
    let panels = panels::place(&f, &groups, &axes, rows, (plot_left, plot_right), &mut texts);
    time_axis::place_labels(&f, &panels, &x_ticks, &mut texts);

    // Bars: one slot per step, shared by the visible bar series.
    let bar_series = chart.series.iter().zip(&visible).filter(|(se, v)| **v && se.kind.is_banded()).count().max(1);
    let slot = (x.to_px(x_range.0 + data_step(chart)) - x.to_px(x_range.0)).abs();
    let bar_width = (slot * 0.72 / bar_series as f64).max(1.0);

    let mut placed: Vec<Rect> = texts.iter().map(|t| t.bounds(measure.width(&t.text, t.font))).collect();
    let plot = annotations::Plot { panels: &panels, x: &x, bar_width };
    let before = placed.len();
    let marks = annotations::place(&f, &plot, &mut placed, &mut texts);
    let label_boxes = placed.get(before..).map(<[Rect]>::to_vec).unwrap_or_default();
    let column = labels::LabelColumn { plot_right, right_w };
    let labels_fit = !naming.direct || labels::direct(&f, &panels, &x, &column, &mut texts, &mut hits);

    (Layout { width, height, x, x_range, panels, x_ticks, texts, legend, hits, marks, label_boxes, bar_width, rebased, colors, visible, theme }, labels_fit)
}

/// The plot's left and right edges: inside the value labels either side, the direct
/// labels, or the overhang of the last time label (centred on the last point).
fn plot_edges(f: &Frame, axes: &[axes::PanelAxes], naming: &labels::Naming, data_range: (f64, f64)) -> (f64, f64) {
    let (chart, s) = (f.chart, &f.s);
    let left_w = axes.iter().map(|(l, _)| axes::label_width(f, l)).fold(0.0, f64::max);
    let right_w = axes.iter().map(|(_, r)| axes::label_width(f, r)).fold(0.0, f64::max);
    let any_bars = chart.series.iter().zip(f.visible).any(|(s, v)| *v && s.kind.is_banded());
    let plot_left = s.pad + left_w + 8.0;
    let mut plot_right = f.width - s.pad - if right_w > 0.0 { right_w + 8.0 } else { 0.0 };
    if naming.direct {
        plot_right -= naming.label_width + 10.0;
    } else if right_w == 0.0 && !any_bars {
        // Room for the overhang of the last time label, centred on the last point.
        let last_label = format::format_date(data_range.1, chart.finest_granularity(), chart.locale);
        plot_right -= f.measure.width(&last_label, s.axis) / 2.0 + 1.0;
    }
    (plot_left, plot_right.max(plot_left + 40.0))
}

/// Horizontal offset of a series' bar within its slot (0 for lines).
pub fn bar_offset(chart: &Chart, series: usize, visible: &[bool], bar_width: f64) -> f64 {
    let bars: Vec<usize> = chart
        .series
        .iter()
        .enumerate()
        .filter(|(i, se)| se.kind.is_banded() && crate::model::is_shown(visible, *i))
        .map(|(i, _)| i)
        .collect();
    match bars.iter().position(|&i| i == series) {
        Some(k) => (k as f64 - (bars.len() as f64 - 1.0) / 2.0) * bar_width,
        None => 0.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segment_hits() {
        let r = Rect { x: 0.0, y: 0.0, w: 10.0, h: 10.0 };
        assert!(r.hits_segment((-5.0, 5.0), (15.0, 5.0)));
        assert!(!r.hits_segment((-5.0, 15.0), (15.0, 15.0)));
        assert!(r.hits_segment((5.0, 5.0), (6.0, 6.0)));
        assert!(!r.hits_segment((11.0, 0.0), (20.0, 10.0)));
    }
}
