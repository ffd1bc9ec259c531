//! The value axes: which series share a panel and a side, each axis' ticks and labels
//! (big numbers in words, units on the top label), and the margins their labels take.
//!
//! Owns the grouping of series into panels (one per unit in the panels view, two sides in
//! the dual-axis view) and value tick labelling. May use: the layout types and sizes in
//! `layout`, `model`, `axis` (ticks, format, scale), `text`.

use super::{Frame, Side};
use crate::axis::format::{self, Unit};
use crate::axis::ticks;
use crate::model::{is_shown, AnnotationKind, ScaleKind, View};

/// One value axis: its ticks and their labels.
pub(super) struct Axis {
    /// The tick values and the domain they span.
    pub(super) ticks: ticks::NumberTicks,
    /// One label per tick value.
    pub(super) labels: Vec<String>,
}

/// The left and right axis of one panel (None where no shown series uses that side).
pub(super) type PanelAxes = (Option<Axis>, Option<Axis>);

/// One group of series per panel, with the side each is plotted against.
pub(super) fn groups(f: &Frame) -> Vec<Vec<(usize, Side)>> {
    let chart = f.chart;
    match f.view {
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
    }
}

/// The axes of every group, for panels `panel_h` pixels high.
pub(super) fn value_axes(f: &Frame, groups: &[Vec<(usize, Side)>], panel_h: f64) -> Vec<PanelAxes> {
    let max_ticks = ((panel_h / 40.0).floor() as usize).clamp(if panel_h >= 100.0 { 4 } else { 2 }, 8);
    groups.iter().map(|g| (axis(f, g, Side::Left, max_ticks), axis(f, g, Side::Right, max_ticks))).collect()
}

/// The widest label of an axis (0 without the axis).
pub(super) fn label_width(f: &Frame, a: &Option<Axis>) -> f64 {
    a.as_ref().map_or(0.0, |a| a.labels.iter().map(|l| f.measure.width(l, f.s.axis)).fold(0.0, f64::max))
}

/// The axis of the shown series on `side` of a group, or None when there are none.
fn axis(f: &Frame, members: &[(usize, Side)], side: Side, max_ticks: usize) -> Option<Axis> {
    let (chart, view) = (f.chart, f.view);
    let mut ext: Option<(f64, f64)> = None;
    let mut unit = Unit::default();
    let mut found = false;
    for (i, sd) in members {
        if *sd != side || !is_shown(f.visible, *i) {
            continue;
        }
        let se = chart.series.get(*i)?;
        if !found {
            unit = se.unit.clone();
            found = true;
        }
        let vals = f.values.get(*i)?;
        if let Some((lo, hi)) = super::series_extent(se, vals, f.x_range) {
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
    let from_zero = members.iter().any(|(i, _)| chart.series.get(*i).is_some_and(|se| se.kind.starts_at_zero()));
    let zero = from_zero || (lo >= 0.0 && lo <= hi * 0.45);
    let t = if chart.scale == ScaleKind::Log && view != View::Indexed {
        ticks::log_ticks(lo, hi, max_ticks)
    } else if view == View::Indexed {
        ticks::number_ticks(lo.min(100.0), hi.max(100.0), max_ticks, false)
    } else {
        ticks::number_ticks(lo, hi, max_ticks, zero)
    };
    let unit = if view == View::Indexed { Unit::default() } else { unit };
    let labels = tick_labels(f, &t, &unit);
    Some(Axis { ticks: t, labels })
}

/// The labels of value ticks in a unit. Big numbers in words: "15bn" rather than
/// "15,000,000,000" (from 10,000, or from 1,000 when the unit declares the scale of its
/// raw values).
fn tick_labels(f: &Frame, t: &ticks::NumberTicks, unit: &Unit) -> Vec<String> {
    let chart = f.chart;
    let scale = unit.scale.unwrap_or(1.0);
    let top = t.values.iter().fold(0.0f64, |m, v| m.max(v.abs())) * scale;
    let from = if unit.scale.is_some() { 1e3 } else { format::COMPACT_AXIS_FROM };
    let log = chart.scale == ScaleKind::Log && f.view != View::Indexed;
    let magnitude = if top >= from { format::compact_magnitude(top, chart.locale) } else { None };
    let divisor = magnitude.map_or(1.0, |m| m.divisor);
    let decimals = format::decimals_for_step(t.step * scale / divisor);
    let count = t.values.len();
    t.values
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
        .collect()
}
