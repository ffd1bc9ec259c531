//! The time axis: which calendar ticks to label ("2016 17 18 … 23" before dropping years),
//! and their labels under the last panel.
//!
//! Owns the fitting of time labels to the width. May use: the layout types and sizes in
//! `layout`, `model`, `axis` (date, ticks, scale), `text`.

use super::{Align, Frame, Panel, TextItem};
use crate::axis::date::Granularity;
use crate::axis::scale::Scale;
use crate::axis::ticks::{self, TimeTick};

/// The time ticks with their pixel x: the finest calendar step whose labels do not overlap.
pub(super) fn ticks(f: &Frame, x: &Scale, data_range: (f64, f64)) -> Vec<(TimeTick, f64)> {
    let (chart, x_range) = (f.chart, f.x_range);
    let finest = chart.finest_granularity();
    let fits = |cand: &[TimeTick]| {
        let mut last_right = f64::NEG_INFINITY;
        for t in cand {
            let w = f.measure.width(&t.label, f.s.axis);
            let cx = x.to_px(t.value);
            if cx - w / 2.0 < f.s.pad - 1.0 || cx + w / 2.0 > f.width - f.s.pad + 1.0 || cx - w / 2.0 < last_right + 8.0 {
                return false;
            }
            last_right = cx + w / 2.0;
        }
        true
    };
    let (tick_from, tick_to) = (x_range.0.max(data_range.0.min(x_range.1)), x_range.1.min(data_range.1.max(x_range.0)));
    // Labels `fits` accepts are 8 px apart at least, so no more than this many fit.
    let most = (f.width / 8.0).max(0.0) as usize + 2;
    let mut tick_list = ticks::choose_time_ticks_at_most(tick_from, tick_to, finest, chart.locale, most, fits);
    // Annual axes too tight for every "2016 … 2023" read "2016 17 18 … 23" before
    // dropping years, as newspapers print them.
    if finest == Granularity::Year {
        let every_year = ticks::time_ticks(tick_from, tick_to, ticks::TimeStep { unit: ticks::TimeUnit::Year, count: 1 }, chart.locale);
        if tick_list.len() < every_year.len() && every_year.len() > 2 {
            let short = short_years(&every_year);
            if fits(&short) {
                tick_list = short;
            }
        }
    }
    // Whatever step was chosen, a label that would hang off the chart is dropped.
    let inside = |t: &TimeTick| {
        let (w, cx) = (f.measure.width(&t.label, f.s.axis), x.to_px(t.value));
        t.value >= x_range.0 && t.value <= x_range.1 && cx - w / 2.0 >= f.s.pad - 1.0 && cx + w / 2.0 <= f.width - f.s.pad + 1.0
    };
    let mut kept: Vec<TimeTick> = tick_list.into_iter().filter(|t| inside(t)).collect();
    if kept.is_empty() {
        // Not even one label fits where the step put it: label the data point nearest the
        // middle whose label fits, so the axis is never blank.
        let middle = (x_range.0 + x_range.1) / 2.0;
        let step = ticks::time_steps(finest).into_iter().next().unwrap_or(ticks::TimeStep { unit: ticks::TimeUnit::Year, count: 1 });
        let candidates = ticks::time_ticks(tick_from, tick_to, step, chart.locale);
        let distance: Vec<f64> = candidates.iter().map(|t| (t.value - middle).abs()).collect();
        kept.extend(crate::order::order_by(&distance).into_iter().filter_map(|k| candidates.get(k)).find(|t| inside(t)).cloned());
    }
    kept.into_iter()
        .map(|t| {
            let px = x.to_px(t.value);
            (t, px)
        })
        .collect()
}

/// Yearly ticks with every year after the first written in two digits ("2016 17 18").
fn short_years(every_year: &[TimeTick]) -> Vec<TimeTick> {
    every_year
        .iter()
        .enumerate()
        .map(|(k, t)| {
            let is_year = t.label.len() == 4 && t.label.bytes().all(|b| b.is_ascii_digit());
            let label = if k > 0 && is_year { t.label.get(2..).unwrap_or(&t.label).to_string() } else { t.label.clone() };
            TimeTick { label, ..t.clone() }
        })
        .collect()
}

/// The time labels under the last panel, below the half of the lowest value label that
/// hangs under the plot.
pub(super) fn place_labels(f: &Frame, panels: &[Panel], x_ticks: &[(TimeTick, f64)], texts: &mut Vec<TextItem>) {
    if let Some(last) = panels.last() {
        let ty = last.rect.bottom() + f.s.axis.size * 0.6 + 3.0;
        for (t, px) in x_ticks {
            texts.push(TextItem { text: t.label.clone(), x: *px, y: ty, font: f.s.axis, color: f.theme.muted, align: Align::Center });
        }
    }
}
