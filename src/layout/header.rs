//! The header: title and subtitle lines at the top of the chart.
//!
//! Owns how the title block is wrapped and stacked, and how tall it is (for
//! [`super::preferred_height`]). May use: the layout types and sizes in `layout`, `model`,
//! `text`, `theme`.

use super::{line_height, Align, Frame, Sizes, TextItem};
use crate::model::Chart;
use crate::text::{wrap, TextMeasure};

/// The title and subtitle, wrapped to `inner`.
pub(super) fn lines(chart: &Chart, inner: f64, s: &Sizes, m: &dyn TextMeasure) -> (Vec<String>, Vec<String>) {
    (wrap(&chart.title, inner, s.title, m), wrap(&chart.subtitle, inner, s.subtitle, m))
}

/// Height of the title block, with the gap under it (0 without title and subtitle).
pub(super) fn height(chart: &Chart, inner: f64, s: &Sizes, m: &dyn TextMeasure) -> f64 {
    let (title, subtitle) = lines(chart, inner, s, m);
    let h = title.len() as f64 * line_height(s.title) + subtitle.len() as f64 * line_height(s.subtitle);
    h + if title.is_empty() && subtitle.is_empty() { 0.0 } else { 12.0 }
}

/// Places the title and subtitle from the top padding down; returns the y below them.
pub(super) fn place(f: &Frame, texts: &mut Vec<TextItem>) -> f64 {
    let s = &f.s;
    let mut y = s.pad;
    let (title, subtitle) = lines(f.chart, f.inner, s, f.measure);
    for line in title {
        texts.push(TextItem { text: line, x: s.pad, y, font: s.title, color: f.theme.text, align: Align::Left });
        y += line_height(s.title);
    }
    if !texts.is_empty() {
        y += 2.0;
    }
    for line in subtitle {
        texts.push(TextItem { text: line, x: s.pad, y, font: s.subtitle, color: f.theme.muted, align: Align::Left });
        y += line_height(s.subtitle);
    }
    if !texts.is_empty() {
        y += 10.0;
    }
    y
}
