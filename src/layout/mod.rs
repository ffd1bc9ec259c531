//! Where everything goes: title block, legend, panels and their axes, annotations,
//! direct labels and the footer, in CSS pixels for a given width and height.
//!
//! Layout is pure: it reads a [`Chart`], a [`Theme`] and a [`TextMeasure`] and returns a
//! [`Layout`] value that the renderer draws and the interaction layer hit-tests.

use crate::axis::date::Granularity;
use crate::axis::format::{self, Unit};
use crate::model::{AnnotationKind, Chart, ScaleKind, Series, SeriesKind, View};
use crate::axis::scale::Scale;
use crate::text::{truncate, wrap, Font, TextMeasure};
use crate::theme::{Rgb, Theme};
use crate::axis::ticks::{self, TimeTick};

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
    /// Width of one bar in pixels, and the number of bar series sharing a slot.
    pub bar_width: f64,
    /// Rebased values per series in the indexed view (empty otherwise: the series' own
    /// values are plotted, without a copy). Read through [`Layout::values`].
    pub rebased: Vec<Vec<Option<f64>>>,
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

    /// The values plotted for a series: rebased in the indexed view, else its own.
    pub fn values<'a>(&'a self, chart: &'a Chart, series: usize) -> Option<&'a [Option<f64>]> {
        match self.rebased.get(series) {
            Some(v) => Some(v.as_slice()),
            None => chart.series.get(series).map(|s| s.y.as_slice()),
        }
    }

    /// The panel and scale a series is drawn with.
    pub fn scale_of(&self, series: usize) -> Option<(&Panel, &Scale)> {
        self.panels.iter().find_map(|p| {
            p.series.iter().find(|(s, _)| *s == series).map(|(_, side)| match side {
                Side::Right => (p, p.y_right.as_ref().unwrap_or(&p.y)),
                Side::Left => (p, &p.y),
            })
        })
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

fn line_height(font: Font) -> f64 {
    (font.size * 1.3).round()
}

/// The height the chart wants at `width` when the embedder does not set one.
pub fn preferred_height(chart: &Chart, width: f64, measure: &dyn TextMeasure) -> f64 {
    let s = Sizes::for_width(width);
    let inner = (width - 2.0 * s.pad).max(40.0);
    let header = text_block_height(chart, inner, &s, measure);
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

fn header_lines(chart: &Chart, inner: f64, s: &Sizes, m: &dyn TextMeasure) -> (Vec<String>, Vec<String>) {
    (wrap(&chart.title, inner, s.title, m), wrap(&chart.subtitle, inner, s.subtitle, m))
}

fn footer_lines(chart: &Chart, inner: f64, s: &Sizes, m: &dyn TextMeasure) -> Vec<String> {
    let mut lines = Vec::new();
    if !chart.notes.is_empty() {
        lines.extend(wrap(&format!("Note: {}", chart.notes), inner, s.note, m));
    }
    if !chart.source.is_empty() {
        lines.extend(wrap(&format!("Source: {}", chart.source), inner, s.footer, m));
    }
    if !chart.byline.is_empty() {
        lines.extend(wrap(&format!("Chart: {}", chart.byline), inner, s.footer, m));
    }
    lines
}

fn text_block_height(chart: &Chart, inner: f64, s: &Sizes, m: &dyn TextMeasure) -> f64 {
    let (title, subtitle) = header_lines(chart, inner, s, m);
    let footer = footer_lines(chart, inner, s, m);
    let mut h = title.len() as f64 * line_height(s.title) + subtitle.len() as f64 * line_height(s.subtitle);
    h += if title.is_empty() && subtitle.is_empty() { 0.0 } else { 12.0 };
    h += line_height(s.legend) + 8.0;
    h += footer.len() as f64 * line_height(s.footer) + if footer.is_empty() { 0.0 } else { 10.0 };
    h
}

/// Values rebased to 100 for the indexed view; empty for every other view (the series'
/// own values are plotted without copying them).
fn rebased_values(chart: &Chart, x_range: (f64, f64)) -> Vec<Vec<Option<f64>>> {
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
                .unwrap_or_else(|| vec![None; s.len()])
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
    let bars = chart.series.iter().any(|s| s.kind == SeriesKind::Bar);
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
    let mut diffs: Vec<f64> = head.windows(2).filter_map(|w| if let [a, b] = w { Some(b - a) } else { None }).collect();
    if diffs.is_empty() {
        return match series.granularity {
            Granularity::Year => Some(365.0 * 86_400_000.0),
            Granularity::Quarter => Some(91.0 * 86_400_000.0),
            Granularity::Month => Some(30.0 * 86_400_000.0),
            _ => Some(86_400_000.0),
        };
    }
    diffs.sort_unstable_by(f64::total_cmp);
    diffs.get(diffs.len() / 2).copied()
}

/// Extent of visible values within the x range, per side of each panel.
fn value_extent(values: &[Option<f64>], xs: &[f64], range: (f64, f64)) -> Option<(f64, f64)> {
    // One neighbour either side: lines run on to the plot's edges.
    let start = xs.partition_point(|x| *x < range.0).saturating_sub(1);
    let end = (xs.partition_point(|x| *x <= range.1) + 1).min(xs.len());
    let slice = values.get(start..end.max(start))?;
    crate::model::extent(slice.iter().flatten().copied())
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

/// The layout, and whether its direct labels (if any) fit without overlapping.
// Not split yet (issue 11): its sections (header, value axes, time axis, panels, labels,
// footer) share a dozen running variables; splitting it is the next step.
#[allow(clippy::too_many_lines)]
fn layout_with(chart: &Chart, opts: &LayoutOptions, measure: &dyn TextMeasure, force_legend: bool) -> (Layout, bool) {
    let width = opts.width.max(120.0);
    let s = Sizes::for_width(width);
    let height = opts.height.unwrap_or_else(|| preferred_height(chart, width, measure)).max(120.0);
    let theme = opts.theme.clone();
    let inner = width - 2.0 * s.pad;
    let visible: Vec<bool> = (0..chart.series.len()).map(|i| crate::model::is_shown(&opts.visible, i)).collect();
    let colors: Vec<Rgb> = chart.series.iter().enumerate().map(|(i, s)| s.color.unwrap_or_else(|| theme.series_color(i))).collect();
    let mut texts = Vec::new();
    let mut y = s.pad;

    // Title and subtitle.
    let (title, subtitle) = header_lines(chart, inner, &s, measure);
    for line in title {
        texts.push(TextItem { text: line, x: s.pad, y, font: s.title, color: theme.text, align: Align::Left });
        y += line_height(s.title);
    }
    if !texts.is_empty() {
        y += 2.0;
    }
    for line in subtitle {
        texts.push(TextItem { text: line, x: s.pad, y, font: s.subtitle, color: theme.muted, align: Align::Left });
        y += line_height(s.subtitle);
    }
    if !texts.is_empty() {
        y += 10.0;
    }

    // Footer, laid out from the bottom up.
    let footer = footer_lines(chart, inner, &s, measure);
    let mut footer_top = height - s.pad - footer.len() as f64 * line_height(s.footer);
    for (i, line) in footer.iter().enumerate() {
        texts.push(TextItem {
            text: line.clone(),
            x: s.pad,
            y: footer_top + i as f64 * line_height(s.footer),
            font: s.footer,
            color: theme.faint,
            align: Align::Left,
        });
    }
    if !footer.is_empty() {
        footer_top -= 10.0;
    }

    // Time range: the zoom, or the data with room for bars.
    let view = chart.effective_view();
    let data_range = chart.x_extent().unwrap_or((0.0, 1.0));
    let any_bars = chart.series.iter().zip(&visible).any(|(s, v)| *v && s.kind == SeriesKind::Bar);
    let step = data_step(chart);
    let x_range = opts.x_range.unwrap_or_else(|| full_x_range(chart));
    let rebased = rebased_values(chart, x_range);
    let values: Vec<&[Option<f64>]> = chart
        .series
        .iter()
        .enumerate()
        .map(|(i, se)| rebased.get(i).map_or(se.y.as_slice(), |v| v.as_slice()))
        .collect();

    // Legend or direct labels: direct labels at line ends when there is room.
    let multi = chart.series.len() > 1;
    let label_width = chart
        .series
        .iter()
        .map(|se| measure.width(&se.name, s.label))
        .fold(0.0, f64::max);
    let all_lines = chart.series.iter().all(|se| se.kind != SeriesKind::Bar);
    let direct_labels = !force_legend && multi && all_lines && view != View::Panels && view != View::DualAxis && label_width + 10.0 <= width * 0.24;
    let mut legend = Vec::new();
    let mut hits = Vec::new();
    let legend_needed = multi && !direct_labels && view != View::Panels && view != View::DualAxis;
    if legend_needed {
        let mut lx = s.pad;
        let row_h = line_height(s.legend);
        for (i, se) in chart.series.iter().enumerate() {
            let name = truncate(&se.name, inner * 0.8, s.legend, measure);
            let w = 18.0 + measure.width(&name, s.legend) + 16.0;
            if lx + w > width - s.pad && lx > s.pad {
                lx = s.pad;
                y += row_h + 4.0;
            }
            let is_line = se.kind != SeriesKind::Bar;
            let sw = if is_line {
                Rect { x: lx, y: y + row_h / 2.0 - 1.5, w: 14.0, h: 3.0 }
            } else {
                Rect { x: lx, y: y + row_h / 2.0 - 5.0, w: 10.0, h: 10.0 }
            };
            legend.push(LegendItem { series: i, swatch: sw, line: is_line });
            hits.push((Rect { x: lx - 2.0, y: y - 2.0, w: w - 12.0, h: row_h + 4.0 }, i));
            let color = if crate::model::is_shown(&visible, i) { theme.text } else { theme.faint };
            texts.push(TextItem { text: name, x: lx + 18.0, y: y + (row_h - s.legend.size * 1.2) / 2.0, font: s.legend, color, align: Align::Left });
            lx += w;
        }
        y += row_h + 10.0;
    }

    // Value axes: one group of series per panel (per unit in the panels view).
    let groups: Vec<Vec<(usize, Side)>> = match view {
        View::Panels => chart.panel_groups().into_iter().map(|g| g.into_iter().map(|i| (i, Side::Left)).collect()).collect(),
        View::DualAxis => {
            let first = chart.series.first().map(|se| se.unit.clone()).unwrap_or_default();
            vec![chart
                .series
                .iter()
                .enumerate()
                .map(|(i, se)| (i, if se.unit == first { Side::Left } else { Side::Right }))
                .collect()]
        }
        _ => vec![(0..chart.series.len()).map(|i| (i, Side::Left)).collect()],
    };

    let x_axis_h = line_height(s.axis) + s.axis.size * 0.6 + 4.0;
    let panel_gap = 34.0;
    let header_h = if view == View::Panels || view == View::DualAxis { line_height(s.label) + 12.0 } else { 0.0 };
    let plots_top = y;
    let plots_bottom = (footer_top - x_axis_h).max(plots_top + 40.0);
    let n = groups.len().max(1) as f64;
    let panel_h = ((plots_bottom - plots_top - (n - 1.0) * panel_gap) / n - header_h).max(30.0);

    // Value tick candidates per group and side (computed first: their labels set the margins).
    struct Axis {
        ticks: ticks::NumberTicks,
        labels: Vec<String>,
    }
    let include_zero = |members: &[(usize, Side)]| {
        members.iter().any(|(i, _)| chart.series.get(*i).is_some_and(|se| se.kind != SeriesKind::Line))
    };
    let max_ticks = ((panel_h / 40.0).floor() as usize).clamp(if panel_h >= 100.0 { 4 } else { 2 }, 8);
    let make_axis = |members: &[(usize, Side)], side: Side| -> Option<Axis> {
        let mut ext: Option<(f64, f64)> = None;
        let mut unit = Unit::default();
        let mut found = false;
        for (i, sd) in members {
            if *sd != side || !crate::model::is_shown(&visible, *i) {
                continue;
            }
            let se = chart.series.get(*i)?;
            if !found {
                unit = se.unit.clone();
                found = true;
            }
            let vals = values.get(*i)?;
            if let Some((lo, hi)) = value_extent(vals, &se.x, x_range) {
                ext = Some(match ext {
                    None => (lo, hi),
                    Some((a, b)) => (a.min(lo), b.max(hi)),
                });
            }
        }
        if !found {
            return None;
        }
        let (lo, mut hi) = ext.unwrap_or((0.0, 1.0));
        // Headroom above the data for point labels (the record value usually sits on top).
        let labelled = chart.annotations.iter().any(|a| {
            matches!(a.kind, AnnotationKind::Point { series, .. } if members.iter().any(|(i, sd)| *i == series && *sd == side))
        });
        if labelled && hi > 0.0 && chart.scale == ScaleKind::Linear {
            let raised = hi + (hi - lo.min(0.0)) * 0.12;
            if raised.is_finite() {
                hi = raised;
            }
        }
        let zero = include_zero(members) || (lo >= 0.0 && lo <= hi * 0.45);
        let t = if chart.scale == ScaleKind::Log && view != View::Indexed {
            ticks::log_ticks(lo, hi, max_ticks)
        } else if view == View::Indexed {
            ticks::number_ticks(lo.min(100.0), hi.max(100.0), max_ticks, false)
        } else {
            ticks::number_ticks(lo, hi, max_ticks, zero)
        };
        let unit = if view == View::Indexed { Unit::default() } else { unit };
        // Big numbers in words: "15bn" rather than "15,000,000,000" (from 10,000, or from
        // 1,000 when the unit declares the scale of its raw values).
        let scale = unit.scale.unwrap_or(1.0);
        let top = t.values.iter().fold(0.0f64, |m, v| m.max(v.abs())) * scale;
        let from = if unit.scale.is_some() { 1e3 } else { format::COMPACT_AXIS_FROM };
        let log = chart.scale == ScaleKind::Log && view != View::Indexed;
        let magnitude = if top >= from { format::compact_magnitude(top, chart.locale) } else { None };
        let divisor = magnitude.map_or(1.0, |m| m.divisor);
        let decimals = format::decimals_for_step(t.step * scale / divisor);
        let count = t.values.len();
        let labels = t
            .values
            .iter()
            .enumerate()
            .map(|(k, v)| {
                let v = v * scale;
                // Log ticks span magnitudes: each label takes its own word.
                let (magnitude, decimals) = if log {
                    let m = if v.abs() >= from { format::compact_magnitude(v.abs(), chart.locale) } else { None };
                    (m, format::decimals_for_values(&[v / m.map_or(1.0, |m| m.divisor)], 2))
                } else {
                    (magnitude, decimals)
                };
                let number = format::format_number(v / magnitude.map_or(1.0, |m| m.divisor), decimals, chart.locale);
                let sign = if number.starts_with('−') { "−" } else { "" };
                let is_zero = !number.bytes().any(|b| (b'1'..=b'9').contains(&b));
                let digits = if is_zero && magnitude.is_some() { "0" } else { number.trim_start_matches('−') };
                // The prefix on every label, the magnitude word and the suffix only on the
                // top one (newspaper style), or on every label of a log axis.
                let word = match magnitude {
                    Some(m) if (k + 1 == count || log) && !is_zero => format!("{}{}", m.sep, m.word),
                    _ => String::new(),
                };
                let suffix = if k + 1 == count { unit.suffix.as_str() } else { "" };
                format!("{sign}{}{digits}{word}{suffix}", unit.prefix)
            })
            .collect();
        Some(Axis { ticks: t, labels })
    };
    let axes: Vec<(Option<Axis>, Option<Axis>)> =
        groups.iter().map(|g| (make_axis(g, Side::Left), make_axis(g, Side::Right))).collect();
    let label_w = |a: &Option<Axis>| {
        a.as_ref().map_or(0.0, |a| a.labels.iter().map(|l| measure.width(l, s.axis)).fold(0.0, f64::max))
    };
    let left_w = axes.iter().map(|(l, _)| label_w(l)).fold(0.0, f64::max);
    let right_w = axes.iter().map(|(_, r)| label_w(r)).fold(0.0, f64::max);
    let plot_left = s.pad + left_w + 8.0;
    let mut plot_right = width - s.pad - if right_w > 0.0 { right_w + 8.0 } else { 0.0 };
    if direct_labels {
        plot_right -= label_width + 10.0;
    } else if right_w == 0.0 && !any_bars {
        // Room for the overhang of the last time label, centred on the last point.
        let last_label = format::format_date(data_range.1, chart.finest_granularity(), chart.locale);
        plot_right -= measure.width(&last_label, s.axis) / 2.0 + 1.0;
    }
    let plot_right = plot_right.max(plot_left + 40.0);
    let x = Scale::linear(x_range, (plot_left, plot_right));

    // Time ticks: the finest calendar step whose labels do not overlap.
    let finest = chart.finest_granularity();
    let fits = |cand: &[TimeTick]| {
        let mut last_right = f64::NEG_INFINITY;
        for t in cand {
            let w = measure.width(&t.label, s.axis);
            let cx = x.to_px(t.value);
            if cx - w / 2.0 < s.pad - 1.0 || cx + w / 2.0 > width - s.pad + 1.0 || cx - w / 2.0 < last_right + 8.0 {
                return false;
            }
            last_right = cx + w / 2.0;
        }
        true
    };
    let (tick_from, tick_to) = (x_range.0.max(data_range.0.min(x_range.1)), x_range.1.min(data_range.1.max(x_range.0)));
    let mut tick_list = ticks::choose_time_ticks(tick_from, tick_to, finest, chart.locale, fits);
    // Annual axes too tight for every "2016 … 2023" read "2016 17 18 … 23" before
    // dropping years, as newspapers print them.
    let every_year = ticks::time_ticks(tick_from, tick_to, ticks::TimeStep { unit: ticks::TimeUnit::Year, count: 1 }, chart.locale);
    if finest == Granularity::Year && tick_list.len() < every_year.len() && every_year.len() > 2 {
        let short: Vec<TimeTick> = every_year
            .iter()
            .enumerate()
            .map(|(k, t)| {
                let is_year = t.label.len() == 4 && t.label.bytes().all(|b| b.is_ascii_digit());
                let label = if k > 0 && is_year { t.label.get(2..).unwrap_or(&t.label).to_string() } else { t.label.clone() };
                TimeTick { label, ..t.clone() }
            })
            .collect();
        if fits(&short) {
            tick_list = short;
        }
    }
    // Whatever step was chosen, a label that would hang off the chart is dropped.
    let inside = |t: &TimeTick| {
        let (w, cx) = (measure.width(&t.label, s.axis), x.to_px(t.value));
        t.value >= x_range.0 && t.value <= x_range.1 && cx - w / 2.0 >= s.pad - 1.0 && cx + w / 2.0 <= width - s.pad + 1.0
    };
    let mut kept: Vec<TimeTick> = tick_list.into_iter().filter(|t| inside(t)).collect();
    if kept.is_empty() {
        // Not even one label fits where the step put it: label the data point nearest the
        // middle whose label fits, so the axis is never blank.
        let middle = (x_range.0 + x_range.1) / 2.0;
        let step = ticks::time_steps(finest).into_iter().next().unwrap_or(ticks::TimeStep { unit: ticks::TimeUnit::Year, count: 1 });
        let mut candidates = ticks::time_ticks(tick_from, tick_to, step, chart.locale);
        candidates.sort_unstable_by(|a, b| (a.value - middle).abs().total_cmp(&(b.value - middle).abs()));
        kept.extend(candidates.into_iter().find(|t| inside(t)));
    }
    let x_ticks: Vec<(TimeTick, f64)> = kept.into_iter().map(|t| {
        let px = x.to_px(t.value);
        (t, px)
    }).collect();

    // Panels.
    let mut panels = Vec::new();
    let mut py = plots_top;
    let last_group = groups.len().saturating_sub(1);
    for (gi, (group, (left, right))) in groups.iter().zip(axes.iter()).enumerate() {
        if header_h > 0.0 {
            // Panel heading: series names coloured, with the unit.
            let mut hx = plot_left.min(s.pad + 2.0);
            if view == View::DualAxis {
                for (side, align_x, align) in [(Side::Left, s.pad, Align::Left), (Side::Right, width - s.pad, Align::Right)] {
                    let names: Vec<&(usize, Side)> = group.iter().filter(|(_, sd)| *sd == side).collect();
                    if let Some((i, _)) = names.first() {
                        let se = chart.series.get(*i);
                        let label = se.map(axis_heading).unwrap_or_default();
                        let label = truncate(&label, inner / 2.0 - 6.0, s.label, measure);
                        texts.push(TextItem { text: label, x: align_x, y: py, font: s.label, color: colors.get(*i).copied().unwrap_or(theme.text), align });
                    }
                }
            } else {
                for (i, _) in group {
                    if let Some(se) = chart.series.get(*i) {
                        let label = truncate(&axis_heading(se), inner - (hx - s.pad), s.label, measure);
                        let w = measure.width(&label, s.label);
                        texts.push(TextItem { text: label, x: hx, y: py, font: s.label, color: colors.get(*i).copied().unwrap_or(theme.text), align: Align::Left });
                        hx += w + 14.0;
                    }
                }
            }
            py += header_h;
        }
        let rect = Rect { x: plot_left, y: py, w: plot_right - plot_left, h: panel_h };
        let scale_for = |a: &Option<Axis>| {
            a.as_ref().map(|a| {
                if chart.scale == ScaleKind::Log && view != View::Indexed {
                    Scale::log(a.ticks.domain, (rect.bottom(), rect.y))
                } else {
                    Scale::linear(a.ticks.domain, (rect.bottom(), rect.y))
                }
            })
        };
        let y_left = scale_for(left).or_else(|| scale_for(right)).unwrap_or_else(|| Scale::linear((0.0, 1.0), (rect.bottom(), rect.y)));
        let y_right = if view == View::DualAxis { scale_for(right) } else { None };
        let mut grid = Vec::new();
        if let Some(a) = left.as_ref().or(right.as_ref()) {
            let color = if view == View::DualAxis { colors.get(group.first().map_or(0, |g| g.0)).copied().unwrap_or(theme.muted) } else { theme.muted };
            for (v, label) in a.ticks.values.iter().zip(&a.labels) {
                let gy = y_left.to_px(*v).round();
                grid.push(gy);
                texts.push(TextItem { text: label.clone(), x: plot_left - 8.0, y: gy - s.axis.size * 0.6, font: s.axis, color, align: Align::Right });
            }
        }
        if let (Some(a), Some(sc)) = (right.as_ref(), y_right.as_ref()) {
            let color = group.iter().find(|(_, sd)| *sd == Side::Right).and_then(|(i, _)| colors.get(*i).copied()).unwrap_or(theme.muted);
            for (v, label) in a.ticks.values.iter().zip(&a.labels) {
                let gy = sc.to_px(*v).round();
                texts.push(TextItem { text: label.clone(), x: plot_right + 8.0, y: gy - s.axis.size * 0.6, font: s.axis, color, align: Align::Left });
            }
        }
        let base_value = if view == View::Indexed { 100.0 } else { 0.0 };
        let baseline = {
            let (lo, hi) = (y_left.d0.min(y_left.d1), y_left.d0.max(y_left.d1));
            if chart.scale != ScaleKind::Log && base_value >= lo && base_value <= hi {
                Some(y_left.to_px(base_value).round())
            } else {
                None
            }
        };
        panels.push(Panel { rect, y: y_left, y_right, series: group.clone(), grid, baseline, x_labels: gi == last_group });
        py += panel_h + panel_gap;
    }

    // Time axis labels under the last panel.
    if let Some(last) = panels.last() {
        // Below the half of the lowest value label that hangs under the plot.
        let ty = last.rect.bottom() + s.axis.size * 0.6 + 3.0;
        for (t, px) in &x_ticks {
            texts.push(TextItem { text: t.label.clone(), x: *px, y: ty, font: s.axis, color: theme.muted, align: Align::Center });
        }
    }

    // Bars: one slot per step, shared by the visible bar series.
    let bar_series = chart.series.iter().zip(&visible).filter(|(se, v)| **v && se.kind == SeriesKind::Bar).count().max(1);
    let slot = (x.to_px(x_range.0 + step) - x.to_px(x_range.0)).abs();
    let bar_width = (slot * 0.72 / bar_series as f64).max(1.0);

    let mut placed: Vec<Rect> = texts.iter().map(|t| t.bounds(measure.width(&t.text, t.font))).collect();
    let obstacles = DataObstacles::collect(chart, &panels, &x, &values, &visible, bar_width, x_range);
    let mut marks = Vec::new();

    // Annotations: ranges and lines first (their labels hug the top of the plot), then points.
    let plot_all = {
        let mut it = panels.iter().map(|p| p.rect);
        let first = it.next().unwrap_or_default();
        it.fold(first, |a, b| Rect { x: a.x, y: a.y, w: a.w, h: b.bottom() - a.y })
    };
    let top_panel = panels.first().map(|p| p.rect).unwrap_or_default();
    for a in &chart.annotations {
        let (x0, x1) = match a.kind {
            AnnotationKind::Line { x: at } => (x.to_px(at), x.to_px(at)),
            AnnotationKind::Range { from, to } => (x.to_px(from), x.to_px(to)),
            AnnotationKind::Point { .. } => continue,
        };
        if x1 < plot_all.x || x0 > plot_all.right() {
            continue;
        }
        let (x0, x1) = (x0.max(plot_all.x), x1.min(plot_all.right()));
        marks.push(if x0 == x1 { Mark::Line { x: x0.round() } } else { Mark::Range { x0, x1 } });
        if a.label.is_empty() {
            continue;
        }
        let font = Font::regular(s.axis.size - 1.0);
        let max_w = (top_panel.w * 0.45).max(60.0);
        let lines = wrap(&a.label, max_w, font, measure);
        let lh = line_height(font);
        let block_w = lines.iter().map(|l| measure.width(l, font)).fold(0.0, f64::max);
        let block_h = lines.len() as f64 * lh;
        let mut best: Option<(Rect, Align, usize)> = None;
        let mut dy = 2.0;
        while dy + block_h <= top_panel.h && best.as_ref().is_none_or(|b| b.2 > 0) {
            // A range's label goes inside it when it fits; a line's beside it.
            let mut spots = vec![(x1 + 5.0, Align::Left), (x0 - 5.0, Align::Right)];
            if x1 - x0 >= block_w + 10.0 {
                spots.insert(0, (x0 + 5.0, Align::Left));
            }
            for (bx, align) in spots {
                let bounds = TextItem { text: String::new(), x: bx, y: top_panel.y + dy, font, color: theme.annotation, align }.bounds(block_w);
                let bounds = Rect { h: block_h, ..bounds };
                if !top_panel.contains_rect(&bounds) {
                    continue;
                }
                let cost = placed.iter().filter(|p| p.overlaps(&bounds)).count() * 10 + obstacles.hits(&bounds);
                if best.as_ref().is_none_or(|b| cost < b.2) {
                    best = Some((bounds, align, cost));
                }
            }
            dy += 6.0;
        }
        if let Some((bounds, align, _)) = best {
            let ax = if align == Align::Left { bounds.x } else { bounds.right() };
            for (k, line) in lines.into_iter().enumerate() {
                texts.push(TextItem { text: line, x: ax, y: bounds.y + k as f64 * lh, font, color: theme.annotation, align });
            }
            placed.push(bounds);
        }
    }
    for a in &chart.annotations {
        let AnnotationKind::Point { series, index } = a.kind else { continue };
        if !crate::model::is_shown(&visible, series) {
            continue;
        }
        let (Some(se), Some(Some(v))) = (chart.series.get(series), values.get(series).and_then(|v| v.get(index))) else { continue };
        let Some(px_x) = se.x.get(index).map(|t| x.to_px(*t) + bar_offset(chart, series, &visible, bar_width)) else { continue };
        let Some((panel, sc)) = panels.iter().find_map(|p| {
            p.series.iter().find(|(i, _)| *i == series).map(|(_, sd)| (p, if *sd == Side::Right { p.y_right.unwrap_or(p.y) } else { p.y }))
        }) else {
            continue;
        };
        if px_x < panel.rect.x || px_x > panel.rect.right() {
            continue;
        }
        let at = (px_x, sc.to_px(*v));
        let label = if a.label.is_empty() { se.format_value(*v, crate::model::decimals_of(se), chart.locale) } else { a.label.clone() };
        let font = s.label;
        let lines = wrap(&label, (panel.rect.w * 0.5).max(80.0), font, measure);
        let lh = line_height(font);
        let bw = lines.iter().map(|l| measure.width(l, font)).fold(0.0, f64::max);
        let bh = lines.len() as f64 * lh;
        let is_bar = se.kind == SeriesKind::Bar;
        let gap = if is_bar { bar_width / 2.0 + 6.0 } else { 10.0 };
        let top_gap = if is_bar { 8.0 } else { 10.0 };
        let candidates = [
            (at.0 - bw / 2.0, at.1 - top_gap - bh),
            (at.0 - bw - gap, at.1 - top_gap - bh),
            (at.0 + gap, at.1 - top_gap - bh),
            (at.0 - bw - gap, at.1 - bh / 2.0),
            (at.0 + gap, at.1 - bh / 2.0),
            (at.0 - bw - gap, at.1 + gap),
            (at.0 + gap, at.1 + gap),
            (at.0 - bw / 2.0, at.1 + gap),
        ];
        let mut best: Option<(Rect, usize)> = None;
        for (cx, cy) in candidates {
            let r = Rect { x: cx, y: cy, w: bw, h: bh };
            if !panel.rect.contains_rect(&r) {
                continue;
            }
            let cost = placed.iter().filter(|p| p.overlaps(&r)).count() * 10 + obstacles.hits(&r);
            if best.as_ref().is_none_or(|b| cost < b.1) {
                best = Some((r, cost));
            }
        }
        let color = colors.get(series).copied().unwrap_or(theme.text);
        if let Some((r, _)) = best {
            let leader_to = (crate::axis::scale::clamp(at.0, r.x, r.right()), if r.bottom() <= at.1 { r.bottom() } else if r.y >= at.1 { r.y } else { at.1 });
            let leader_to = if r.bottom() > at.1 && r.y < at.1 { (if r.x > at.0 { r.x } else { r.right() }, at.1) } else { leader_to };
            for (k, line) in lines.into_iter().enumerate() {
                texts.push(TextItem { text: line, x: r.x, y: r.y + k as f64 * lh, font, color: theme.text, align: Align::Left });
            }
            placed.push(r);
            marks.push(Mark::Point { at, leader_to, color });
        } else {
            marks.push(Mark::Point { at, leader_to: at, color });
        }
    }

    // Direct labels at line ends, nudged apart vertically.
    let mut labels_fit = true;
    if direct_labels {
        let mut ends: Vec<(usize, f64)> = Vec::new();
        // Hidden series keep a (faint) label, so that a click can bring them back.
        for i in 0..chart.series.len() {
            let (Some(se), Some(vals)) = (chart.series.get(i), values.get(i)) else { continue };
            let end = x.to_data(plot_right);
            let last = (0..se.len()).rev().find(|&k| se.x.get(k).is_some_and(|t| *t <= end) && matches!(vals.get(k), Some(Some(_))));
            if let Some(k) = last {
                if let (Some(Some(v)), Some(p)) = (vals.get(k), panels.iter().find(|p| p.series.iter().any(|(s2, _)| *s2 == i))) {
                    let sc = p.series.iter().find(|(s2, _)| *s2 == i).map_or(p.y, |(_, sd)| if *sd == Side::Right { p.y_right.unwrap_or(p.y) } else { p.y });
                    ends.push((i, crate::axis::scale::clamp(sc.to_px(*v), p.rect.y, p.rect.bottom())));
                }
            }
        }
        ends.sort_by(|a, b| a.1.total_cmp(&b.1));
        let lh = line_height(s.label);
        // Stack the labels apart top-down, then push them back up from the bottom of the
        // plot, so none hangs below it into the time axis; if they still do not fit, the
        // legend takes over.
        // (A label centred on a line end at the very top may rise half a line above the
        // plot, where nothing else is drawn; none may hang below it.)
        let (area_top, area_bottom) = panels.first().map_or((0.0, height), |p| (p.rect.y - lh / 2.0, p.rect.bottom()));
        let mut tops: Vec<f64> = Vec::with_capacity(ends.len());
        let mut last_bottom = f64::NEG_INFINITY;
        for (_, cy) in &ends {
            let top = (cy - lh / 2.0).max(last_bottom + 1.0).max(area_top);
            last_bottom = top + lh;
            tops.push(top);
        }
        let mut limit = area_bottom;
        for top in tops.iter_mut().rev() {
            if *top + lh > limit {
                *top = limit - lh;
            }
            limit = *top - 1.0;
        }
        // A label pushed far from its line end (many lines ending close together)
        // reads as naming another line: the legend does that job better.
        let max_shift = (4.0 * lh).max((area_bottom - area_top) * 0.15);
        let far = ends.iter().zip(&tops).any(|((_, cy), top)| (top + lh / 2.0 - cy).abs() > max_shift);
        if far || tops.first().is_some_and(|t| *t < area_top - 0.5) {
            labels_fit = false;
        }
        for ((i, _), top) in ends.into_iter().zip(tops) {
            let name = chart.series.get(i).map(|se| se.name.clone()).unwrap_or_default();
            let right_edge = if right_w > 0.0 { plot_right + right_w + 16.0 } else { plot_right + 8.0 };
            hits.push((Rect { x: right_edge - 2.0, y: top, w: measure.width(&name, s.label) + 4.0, h: lh }, i));
            let color = if crate::model::is_shown(&visible, i) { colors.get(i).copied().unwrap_or(theme.text) } else { theme.faint };
            texts.push(TextItem { text: name, x: right_edge, y: top, font: s.label, color, align: Align::Left });
        }
    }

    (Layout { width, height, x, x_range, panels, x_ticks, texts, legend, hits, marks, bar_width, rebased, colors, visible, theme }, labels_fit)
}

/// The heading over a panel or an axis: "Trade ($bn)", "Crude imports (Mt)".
fn axis_heading(series: &Series) -> String {
    let unit = series.unit.label();
    if unit.is_empty() {
        series.name.clone()
    } else {
        format!("{} ({unit})", series.name)
    }
}

/// Horizontal offset of a series' bar within its slot (0 for lines).
pub fn bar_offset(chart: &Chart, series: usize, visible: &[bool], bar_width: f64) -> f64 {
    let bars: Vec<usize> = chart
        .series
        .iter()
        .enumerate()
        .filter(|(i, se)| se.kind == SeriesKind::Bar && crate::model::is_shown(visible, *i))
        .map(|(i, _)| i)
        .collect();
    match bars.iter().position(|&i| i == series) {
        Some(k) => (k as f64 - (bars.len() as f64 - 1.0) / 2.0) * bar_width,
        None => 0.0,
    }
}

/// Data geometry that labels must avoid.
struct DataObstacles {
    rects: Vec<Rect>,
    segments: Vec<((f64, f64), (f64, f64))>,
}

/// Series longer than this are not used as label obstacles point by point.
const OBSTACLE_POINT_LIMIT: usize = 5000;

impl DataObstacles {
    fn collect(chart: &Chart, panels: &[Panel], x: &Scale, values: &[&[Option<f64>]], visible: &[bool], bar_width: f64, range: (f64, f64)) -> DataObstacles {
        let mut rects = Vec::new();
        let mut segments = Vec::new();
        for (i, se) in chart.series.iter().enumerate() {
            if !crate::model::is_shown(visible, i) || se.len() > OBSTACLE_POINT_LIMIT {
                continue;
            }
            let Some((panel, sc)) = panels.iter().find_map(|p| {
                p.series.iter().find(|(k, _)| *k == i).map(|(_, sd)| (p, if *sd == Side::Right { p.y_right.unwrap_or(p.y) } else { p.y }))
            }) else {
                continue;
            };
            let Some(vals) = values.get(i) else { continue };
            let base = panel.baseline.unwrap_or(panel.rect.bottom());
            let mut prev: Option<(f64, f64)> = None;
            for (t, v) in se.x.iter().zip(vals.iter()) {
                if *t < range.0 || *t > range.1 {
                    continue;
                }
                let Some(v) = v else {
                    prev = None;
                    continue;
                };
                let p = (x.to_px(*t), sc.to_px(*v));
                if se.kind == SeriesKind::Bar {
                    let cx = p.0 + bar_offset(chart, i, visible, bar_width);
                    rects.push(Rect { x: cx - bar_width / 2.0, y: p.1.min(base), w: bar_width, h: (p.1 - base).abs() });
                } else {
                    if let Some(q) = prev {
                        segments.push((q, p));
                    }
                    rects.push(Rect { x: p.0 - 3.0, y: p.1 - 3.0, w: 6.0, h: 6.0 });
                    prev = Some(p);
                }
            }
        }
        DataObstacles { rects, segments }
    }

    fn hits(&self, r: &Rect) -> usize {
        self.rects.iter().filter(|o| o.overlaps(r)).count() + self.segments.iter().filter(|(a, b)| r.hits_segment(*a, *b)).count()
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
