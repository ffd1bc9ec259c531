//! The panels: their heights between the header and the time axis, each plot area with
//! its heading, value scales, gridlines, value labels and baseline.
//!
//! Owns the vertical split of the plot area and the drawing positions of value labels.
//! May use: the layout types and sizes in `layout`, its `axes`, `model`, `axis::scale`,
//! `text`, `theme`.

use super::axes::{Axis, PanelAxes};
use super::{line_height, Align, Frame, Panel, Rect, Side, TextItem};
use crate::axis::scale::Scale;
use crate::model::{ScaleKind, Series, View};
use crate::text::truncate;

/// Gap between two panels.
const PANEL_GAP: f64 = 34.0;

/// The vertical frame of the panels.
#[derive(Clone, Copy)]
pub(super) struct Rows {
    /// Top of the first panel's heading (or plot).
    pub(super) top: f64,
    /// Height of a panel heading (0 when panels have none).
    pub(super) heading: f64,
    /// Height of each plot area.
    pub(super) panel_h: f64,
}

/// The rows for `count` panels between `top` and the footer (which starts at `footer_top`),
/// leaving room for the time axis.
pub(super) fn rows(f: &Frame, count: usize, top: f64, footer_top: f64) -> Rows {
    let s = &f.s;
    let x_axis_h = line_height(s.axis) + s.axis.size * 0.6 + 4.0;
    let heading = if f.view == View::Panels || f.view == View::DualAxis { line_height(s.label) + 12.0 } else { 0.0 };
    let bottom = (footer_top - x_axis_h).max(top + 40.0);
    let n = count.max(1) as f64;
    let panel_h = ((bottom - top - (n - 1.0) * PANEL_GAP) / n - heading).max(30.0);
    Rows { top, heading, panel_h }
}

/// Places the panels from `rows.top` down between `plot_left` and `plot_right`, with
/// their headings and value labels.
pub(super) fn place(f: &Frame, groups: &[Vec<(usize, Side)>], axes: &[PanelAxes], rows: Rows, (plot_left, plot_right): (f64, f64), texts: &mut Vec<TextItem>) -> Vec<Panel> {
    let mut panels = Vec::new();
    let mut py = rows.top;
    let last_group = groups.len().saturating_sub(1);
    for (gi, (group, (left, right))) in groups.iter().zip(axes.iter()).enumerate() {
        if rows.heading > 0.0 {
            heading(f, group, plot_left, py, texts);
            py += rows.heading;
        }
        let rect = Rect { x: plot_left, y: py, w: plot_right - plot_left, h: rows.panel_h };
        let panel = panel(f, group, (left, right), rect, plot_right, texts);
        panels.push(Panel { x_labels: gi == last_group, ..panel });
        py += rows.panel_h + PANEL_GAP;
    }
    panels
}

/// A panel heading: series names coloured, with the unit (one per side in the dual-axis view).
fn heading(f: &Frame, group: &[(usize, Side)], plot_left: f64, py: f64, texts: &mut Vec<TextItem>) {
    let (s, measure) = (&f.s, f.measure);
    let color = |i: usize| f.colors.get(i).copied().unwrap_or(f.theme.text);
    let mut hx = plot_left.min(s.pad + 2.0);
    if f.view == View::DualAxis {
        for (side, align_x, align) in [(Side::Left, s.pad, Align::Left), (Side::Right, f.width - s.pad, Align::Right)] {
            let names: Vec<&(usize, Side)> = group.iter().filter(|(_, sd)| *sd == side).collect();
            if let Some((i, _)) = names.first() {
                let se = f.chart.series.get(*i);
                let label = se.map(axis_heading).unwrap_or_default();
                let label = truncate(&label, f.inner / 2.0 - 6.0, s.label, measure);
                texts.push(TextItem { text: label, x: align_x, y: py, font: s.label, color: color(*i), align });
            }
        }
    } else {
        for (i, _) in group {
            if let Some(se) = f.chart.series.get(*i) {
                let label = truncate(&axis_heading(se), f.inner - (hx - s.pad), s.label, measure);
                let w = measure.width(&label, s.label);
                texts.push(TextItem { text: label, x: hx, y: py, font: s.label, color: color(*i), align: Align::Left });
                hx += w + 14.0;
            }
        }
    }
}

/// One plot area (`rect`, whose right edge is `plot_right`): its scales from the axes'
/// domains, gridlines, value labels either side and baseline (`x_labels` is left false).
fn panel(f: &Frame, group: &[(usize, Side)], (left, right): (&Option<Axis>, &Option<Axis>), rect: Rect, plot_right: f64, texts: &mut Vec<TextItem>) -> Panel {
    let (chart, view, s, theme) = (f.chart, f.view, &f.s, f.theme);
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
        let color = if view == View::DualAxis { f.colors.get(group.first().map_or(0, |g| g.0)).copied().unwrap_or(theme.muted) } else { theme.muted };
        for (v, label) in a.ticks.values.iter().zip(&a.labels) {
            let gy = y_left.to_px(*v).round();
            grid.push(gy);
            texts.push(TextItem { text: label.clone(), x: rect.x - 8.0, y: gy - s.axis.size * 0.6, font: s.axis, color, align: Align::Right });
        }
    }
    if let (Some(a), Some(sc)) = (right.as_ref(), y_right.as_ref()) {
        let color = group.iter().find(|(_, sd)| *sd == Side::Right).and_then(|(i, _)| f.colors.get(*i).copied()).unwrap_or(theme.muted);
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
    Panel { rect, y: y_left, y_right, series: group.to_vec(), grid, baseline, x_labels: false }
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
