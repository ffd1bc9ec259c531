//! The footer: notes, source and byline at the bottom of the chart, laid out from the
//! bottom up.
//!
//! Owns the footer's wording ("Note: ", "Source: ", "Chart: ") and its height. May use: the
//! layout types and sizes in `layout`, `model`, `text`, `theme`.

use super::{line_height, Align, Frame, Sizes, TextItem};
use crate::model::Chart;
use crate::text::{wrap, TextMeasure};

/// The footer lines, wrapped to `inner`: notes, then source, then byline.
pub(super) fn lines(chart: &Chart, inner: f64, s: &Sizes, m: &dyn TextMeasure) -> Vec<String> {
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

/// Height of the footer, with the gap above it (0 without footer lines).
pub(super) fn height(chart: &Chart, inner: f64, s: &Sizes, m: &dyn TextMeasure) -> f64 {
    let footer = lines(chart, inner, s, m);
    footer.len() as f64 * line_height(s.footer) + if footer.is_empty() { 0.0 } else { 10.0 }
}

/// Places the footer against the bottom padding; returns the y above it (where the plots
/// and the time axis must end).
pub(super) fn place(f: &Frame, texts: &mut Vec<TextItem>) -> f64 {
    let s = &f.s;
    let footer = lines(f.chart, f.inner, s, f.measure);
    let mut footer_top = f.height - s.pad - footer.len() as f64 * line_height(s.footer);
    for (i, line) in footer.iter().enumerate() {
        texts.push(TextItem {
            text: line.clone(),
            x: s.pad,
            y: footer_top + i as f64 * line_height(s.footer),
            font: s.footer,
            color: f.theme.faint,
            align: Align::Left,
        });
    }
    if !footer.is_empty() {
        footer_top -= 10.0;
    }
    footer_top
}
