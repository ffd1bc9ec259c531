//! Annotations: event lines and shaded periods with their labels along the top of the
//! plot, highlighted points with a leader to their label; labels go where they cover the
//! least text and data.
//!
//! Owns the data obstacles labels avoid and the choice of label spots. May use: the layout
//! types and sizes in `layout`, `model`, `axis::scale`, `text`, `theme`.

use super::{line_height, Align, Frame, Mark, Panel, Rect, TextItem};
use crate::axis::scale::Scale;
use crate::model::{is_shown, AnnotationKind};
use crate::text::{wrap, Font};

/// Series longer than this are not used as label obstacles point by point.
const OBSTACLE_POINT_LIMIT: usize = 5000;

/// What annotation placement needs besides the frame: the panels, the time scale, the bar
/// width and the boxes already taken by text.
pub(super) struct Plot<'p> {
    /// The placed panels.
    pub(super) panels: &'p [Panel],
    /// The time scale.
    pub(super) x: &'p Scale,
    /// Width of one bar.
    pub(super) bar_width: f64,
}

/// Places every annotation: ranges and lines first (their labels hug the top of the
/// plot), then points. Returns the marks; labels go to `texts`, their boxes to `placed`.
pub(super) fn place(f: &Frame, plot: &Plot, placed: &mut Vec<Rect>, texts: &mut Vec<TextItem>) -> Vec<Mark> {
    let obstacles = DataObstacles::collect(f, plot);
    let mut marks = Vec::new();
    for a in &f.chart.annotations {
        let x = plot.x;
        let (x0, x1) = match a.kind {
            AnnotationKind::Line { x: at } => (x.to_px(at), x.to_px(at)),
            AnnotationKind::Range { from, to } => (x.to_px(from), x.to_px(to)),
            AnnotationKind::Point { .. } => continue,
        };
        period(f, plot, &obstacles, (x0, x1, &a.label), placed, texts, &mut marks);
    }
    for a in &f.chart.annotations {
        let AnnotationKind::Point { series, index } = a.kind else { continue };
        point(f, plot, &obstacles, (series, index, &a.label), placed, texts, &mut marks);
    }
    marks
}

/// An event line or a shaded period from pixel x0 to x1 and its label, placed inside the
/// range when it fits, else beside it, as high in the top panel as it goes uncovered.
fn period(f: &Frame, plot: &Plot, obstacles: &DataObstacles, (x0, x1, label): (f64, f64, &str), placed: &mut Vec<Rect>, texts: &mut Vec<TextItem>, marks: &mut Vec<Mark>) {
    let (s, measure, theme) = (&f.s, f.measure, f.theme);
    let plot_all = {
        let mut it = plot.panels.iter().map(|p| p.rect);
        let first = it.next().unwrap_or_default();
        it.fold(first, |a, b| Rect { x: a.x, y: a.y, w: a.w, h: b.bottom() - a.y })
    };
    let top_panel = plot.panels.first().map(|p| p.rect).unwrap_or_default();
    if x1 < plot_all.x || x0 > plot_all.right() {
        return;
    }
    let (x0, x1) = (x0.max(plot_all.x), x1.min(plot_all.right()));
    marks.push(if x0 == x1 { Mark::Line { x: x0.round() } } else { Mark::Range { x0, x1 } });
    if label.is_empty() {
        return;
    }
    let font = Font::regular(s.axis.size - 1.0);
    let max_w = (top_panel.w * 0.45).max(60.0);
    let lines = wrap(label, max_w, font, measure);
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

/// A highlighted point of a shown series and its label (the value when the annotation has
/// none), at the candidate spot around the point that covers the least.
fn point(f: &Frame, plot: &Plot, obstacles: &DataObstacles, (series, index, label): (usize, usize, &str), placed: &mut Vec<Rect>, texts: &mut Vec<TextItem>, marks: &mut Vec<Mark>) {
    let (chart, s, measure, theme) = (f.chart, &f.s, f.measure, f.theme);
    if !is_shown(f.visible, series) {
        return;
    }
    let (Some(se), Some(v)) = (chart.series.get(series), f.values.get(series).and_then(|v| v.get(index)).copied().and_then(crate::model::gap)) else { return };
    let Some(px_x) = se.x.get(index).map(|t| plot.x.to_px(*t) + super::bar_offset(chart, series, f.visible, plot.bar_width)) else { return };
    let Some((panel, sc)) = super::panel_scale(plot.panels, series) else { return };
    if px_x < panel.rect.x || px_x > panel.rect.right() {
        return;
    }
    let at = (px_x, sc.to_px(v));
    let label = if label.is_empty() { se.format_value(v, crate::model::decimals_of(se), chart.locale) } else { label.to_string() };
    let font = s.label;
    let lines = wrap(&label, (panel.rect.w * 0.5).max(80.0), font, measure);
    let lh = line_height(font);
    let bw = lines.iter().map(|l| measure.width(l, font)).fold(0.0, f64::max);
    let bh = lines.len() as f64 * lh;
    let half = se.kind.half_width(plot.bar_width);
    let gap = if se.kind.is_banded() { half + 6.0 } else { 10.0 };
    let top_gap = if se.kind.is_banded() { 8.0 } else { 10.0 };
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
    let color = f.colors.get(series).copied().unwrap_or(theme.text);
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

/// Data geometry that labels must avoid.
struct DataObstacles {
    rects: Vec<Rect>,
    segments: Vec<((f64, f64), (f64, f64))>,
}

impl DataObstacles {
    /// The bars, points and line segments of the shown series within the time range.
    fn collect(f: &Frame, plot: &Plot) -> DataObstacles {
        let (chart, x, bar_width, range) = (f.chart, plot.x, plot.bar_width, f.x_range);
        let mut rects = Vec::new();
        let mut segments = Vec::new();
        for (i, se) in chart.series.iter().enumerate() {
            if !is_shown(f.visible, i) || se.len() > OBSTACLE_POINT_LIMIT {
                continue;
            }
            let Some((panel, sc)) = super::panel_scale(plot.panels, i) else { continue };
            let Some(vals) = f.values.get(i) else { continue };
            let base = panel.baseline.unwrap_or(panel.rect.bottom());
            let mut prev: Option<(f64, f64)> = None;
            for (t, v) in se.x.iter().zip(vals.iter()) {
                if *t < range.0 || *t > range.1 {
                    continue;
                }
                if v.is_nan() {
                    prev = None;
                    continue;
                }
                let p = (x.to_px(*t), sc.to_px(*v));
                if se.kind.is_banded() {
                    let cx = p.0 + super::bar_offset(chart, i, f.visible, bar_width);
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

    /// How many obstacles `r` covers.
    fn hits(&self, r: &Rect) -> usize {
        self.rects.iter().filter(|o| o.overlaps(r)).count() + self.segments.iter().filter(|(a, b)| r.hits_segment(*a, *b)).count()
    }
}
