//! Naming the series: the legend above the plot, or direct labels at the line ends when
//! they fit beside the plot (and, stacked apart, inside it).
//!
//! Owns the choice between the two and both placements, with their click areas. May use:
//! the layout types and sizes in `layout`, `model`, `axis::scale`, `text`, `theme`.

use super::{line_height, Align, Frame, LegendItem, Panel, Rect, TextItem};
use crate::axis::scale::Scale;
use crate::model::{is_shown, View};
use crate::text::truncate;

/// How the series are named.
pub(super) struct Naming {
    /// Direct labels at the line ends (else a legend, when there are several series).
    pub(super) direct: bool,
    /// The widest series name in the label font (the room direct labels need).
    pub(super) label_width: f64,
}

/// Direct labels when every series is a line, the view has one plot and the names are
/// narrow enough; unless `force_legend` (the labels did not fit).
pub(super) fn choose(f: &Frame, force_legend: bool) -> Naming {
    let chart = f.chart;
    let multi = chart.series.len() > 1;
    let label_width = chart.series.iter().map(|se| f.measure.width(&se.name, f.s.label)).fold(0.0, f64::max);
    let all_lines = chart.series.iter().all(|se| !se.kind.is_banded());
    let one_plot = f.view != View::Panels && f.view != View::DualAxis;
    let direct = !force_legend && multi && all_lines && one_plot && label_width + 10.0 <= f.width * 0.24;
    Naming { direct, label_width }
}

/// The legend rows from `y` down, when several series share one plot and have no direct
/// labels; moves `y` below them.
pub(super) fn legend(f: &Frame, naming: &Naming, y: &mut f64, texts: &mut Vec<TextItem>, hits: &mut Vec<(Rect, usize)>) -> Vec<LegendItem> {
    let (chart, s, measure) = (f.chart, &f.s, f.measure);
    let mut legend = Vec::new();
    let needed = chart.series.len() > 1 && !naming.direct && f.view != View::Panels && f.view != View::DualAxis;
    if !needed {
        return legend;
    }
    let mut lx = s.pad;
    let row_h = line_height(s.legend);
    for (i, se) in chart.series.iter().enumerate() {
        let name = truncate(&se.name, f.inner * 0.8, s.legend, measure);
        let w = 18.0 + measure.width(&name, s.legend) + 16.0;
        if lx + w > f.width - s.pad && lx > s.pad {
            lx = s.pad;
            *y += row_h + 4.0;
        }
        let is_line = !se.kind.is_banded();
        let sw = if is_line {
            Rect { x: lx, y: *y + row_h / 2.0 - 1.5, w: 14.0, h: 3.0 }
        } else {
            Rect { x: lx, y: *y + row_h / 2.0 - 5.0, w: 10.0, h: 10.0 }
        };
        legend.push(LegendItem { series: i, swatch: sw, line: is_line });
        hits.push((Rect { x: lx - 2.0, y: *y - 2.0, w: w - 12.0, h: row_h + 4.0 }, i));
        let color = if is_shown(f.visible, i) { f.theme.text } else { f.theme.faint };
        texts.push(TextItem { text: name, x: lx + 18.0, y: *y + (row_h - s.legend.size * 1.2) / 2.0, font: s.legend, color, align: Align::Left });
        lx += w;
    }
    *y += row_h + 10.0;
    legend
}

/// Where the direct labels go, right of the plot (and of a right value axis).
pub(super) struct LabelColumn {
    /// The plot's right edge.
    pub(super) plot_right: f64,
    /// The width of the right value axis' labels (0 without one).
    pub(super) right_w: f64,
}

/// The direct labels at the line ends, nudged apart vertically; whether they fit (when
/// not, the caller lays the chart out again with a legend).
pub(super) fn direct(f: &Frame, panels: &[Panel], x: &Scale, col: &LabelColumn, texts: &mut Vec<TextItem>, hits: &mut Vec<(Rect, usize)>) -> bool {
    let (chart, s) = (f.chart, &f.s);
    let unsorted = line_ends(f, panels, x, col.plot_right);
    let ys: Vec<f64> = unsorted.iter().map(|e| e.1).collect();
    let ends: Vec<(usize, f64)> = crate::order::order_by(&ys).into_iter().filter_map(|k| unsorted.get(k).copied()).collect();
    let lh = line_height(s.label);
    // (A label centred on a line end at the very top may rise half a line above the
    // plot, where nothing else is drawn; none may hang below it.)
    let (area_top, area_bottom) = panels.first().map_or((0.0, f.height), |p| (p.rect.y - lh / 2.0, p.rect.bottom()));
    let tops = stack_apart(&ends, lh, area_top, area_bottom);
    // A label pushed far from its line end (many lines ending close together)
    // reads as naming another line: the legend does that job better.
    let max_shift = (4.0 * lh).max((area_bottom - area_top) * 0.15);
    let far = ends.iter().zip(&tops).any(|((_, cy), top)| (top + lh / 2.0 - cy).abs() > max_shift);
    let fit = !(far || tops.first().is_some_and(|t| *t < area_top - 0.5));
    for ((i, _), top) in ends.into_iter().zip(tops) {
        let name = chart.series.get(i).map(|se| se.name.clone()).unwrap_or_default();
        let right_edge = if col.right_w > 0.0 { col.plot_right + col.right_w + 16.0 } else { col.plot_right + 8.0 };
        hits.push((Rect { x: right_edge - 2.0, y: top, w: f.measure.width(&name, s.label) + 4.0, h: lh }, i));
        let color = if is_shown(f.visible, i) { f.colors.get(i).copied().unwrap_or(f.theme.text) } else { f.theme.faint };
        texts.push(TextItem { text: name, x: right_edge, y: top, font: s.label, color, align: Align::Left });
    }
    fit
}

/// Each series' last value at or before the plot's right edge, as (series, pixel y) kept
/// inside its panel. Hidden series keep a (faint) label, so that a click can bring them back.
fn line_ends(f: &Frame, panels: &[Panel], x: &Scale, plot_right: f64) -> Vec<(usize, f64)> {
    let mut ends: Vec<(usize, f64)> = Vec::new();
    for i in 0..f.chart.series.len() {
        let (Some(se), Some(vals)) = (f.chart.series.get(i), f.values.get(i)) else { continue };
        let end = x.to_data(plot_right);
        // x is sorted: the points at or before the edge are a prefix, found by bisection.
        let before_end = se.x.partition_point(|t| *t <= end);
        let last = (0..before_end).rev().find(|&k| vals.get(k).is_some_and(|v| !v.is_nan()));
        if let Some(k) = last {
            if let (Some(v), Some((p, sc))) = (vals.get(k), super::panel_scale(panels, i)) {
                ends.push((i, crate::axis::scale::clamp(sc.to_px(*v), p.rect.y, p.rect.bottom())));
            }
        }
    }
    ends
}

/// Label tops for line ends sorted by y: stacked apart top-down, then pushed back up from
/// the bottom of the plot, so none hangs below it into the time axis.
fn stack_apart(ends: &[(usize, f64)], lh: f64, area_top: f64, area_bottom: f64) -> Vec<f64> {
    let mut tops: Vec<f64> = Vec::with_capacity(ends.len());
    let mut last_bottom = f64::NEG_INFINITY;
    for (_, cy) in ends {
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
    tops
}
