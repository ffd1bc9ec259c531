//! Reader input as one state machine: pointer, touch, wheel, keyboard and legend clicks go
//! in as [`Input`] values; out comes what must be redrawn and what to announce. The
//! state is plain data, so every interaction is tested natively.
//!
//! Owns the reader's view state ([`view`]: the visible x range, zoom and pan) beside the
//! state machine, the words a reader gets (`a11y`: tooltip, announcement, description,
//! data table) and the bits the harness acts on ([`flags`]). May use: `layout`, `model`,
//! `axis`, `text`.

pub mod flags;
pub mod view;

mod a11y;

pub use a11y::{announcement, data_table, describe, tooltip, DataTable};

use crate::layout::{Layout, Rect};
use crate::model::{Chart, Series};
use crate::interact::view::Viewport;

/// Keys the chart responds to when focused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    /// Previous point.
    Left,
    /// Next point.
    Right,
    /// Previous series.
    Up,
    /// Next series.
    Down,
    /// First point.
    Home,
    /// Last point.
    End,
    /// Zoom in around the cursor.
    ZoomIn,
    /// Zoom out around the cursor.
    ZoomOut,
    /// Reset the view.
    Reset,
    /// Leave the data cursor.
    Escape,
}

impl Key {
    /// Maps a DOM `KeyboardEvent.key` to a chart key.
    pub fn from_dom(key: &str) -> Option<Key> {
        Some(match key {
            "ArrowLeft" => Key::Left,
            "ArrowRight" => Key::Right,
            "ArrowUp" => Key::Up,
            "ArrowDown" => Key::Down,
            "Home" => Key::Home,
            "End" => Key::End,
            "+" | "=" => Key::ZoomIn,
            "-" | "_" => Key::ZoomOut,
            "0" => Key::Reset,
            "Escape" => Key::Escape,
            _ => return None,
        })
    }
}

/// One reader action, in CSS pixels relative to the chart's top-left corner.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Input {
    /// A mouse or pen moved (or a finger scrubbed horizontally).
    PointerMove {
        /// x.
        x: f64,
        /// y.
        y: f64,
    },
    /// The pointer left the chart.
    PointerLeave,
    /// A button or finger went down.
    PointerDown {
        /// x.
        x: f64,
        /// y.
        y: f64,
        /// Shift or Alt held: pan instead of brushing.
        pan_modifier: bool,
        /// Touch input (a drag scrubs instead of brushing).
        touch: bool,
    },
    /// The button or finger went up.
    PointerUp {
        /// x.
        x: f64,
        /// y.
        y: f64,
    },
    /// A wheel turn; `zoom_modifier` is Ctrl or ⌘.
    Wheel {
        /// x.
        x: f64,
        /// Wheel delta in pixels (positive scrolls down, i.e. zooms out).
        delta_y: f64,
        /// Ctrl or ⌘ held.
        zoom_modifier: bool,
    },
    /// Two-finger pinch: the span between the fingers changed by `scale` around `center_x`.
    Pinch {
        /// Centre between the fingers.
        center_x: f64,
        /// New distance / old distance.
        scale: f64,
    },
    /// Double click: reset the view.
    DoubleClick,
    /// A key while focused.
    Key(Key),
    /// The chart gained keyboard focus.
    Focus,
    /// The chart lost focus (or a tap landed outside it).
    Blur,
}

/// A data point under the cursor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cursor {
    /// Series index.
    pub series: usize,
    /// Point index in that series.
    pub index: usize,
}

/// What an input changed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Outcome {
    /// The data layer must be redrawn (view or visibility changed).
    pub data: bool,
    /// The overlay (crosshair, highlight, brush, tooltip) must be redrawn.
    pub overlay: bool,
    /// The visible range changed.
    pub view_changed: bool,
    /// The event was used (the page should not also scroll or zoom).
    pub consumed: bool,
    /// Text for the aria-live region.
    pub announce: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Drag {
    Brush { start_x: f64 },
    Pan { last_x: f64 },
    Scrub,
    Legend,
}

/// The interaction state of one chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Interaction {
    /// The visible range.
    pub viewport: Viewport,
    /// Hovered point (pointer or touch).
    pub hover: Option<Cursor>,
    /// Keyboard data cursor.
    pub focus: Option<Cursor>,
    /// Brush selection in progress, as pixel x range.
    pub brush: Option<(f64, f64)>,
    /// Which series are shown.
    pub visible: Vec<bool>,
    /// Whether the chart has keyboard focus.
    pub focused: bool,
    /// The reader clicked into the chart: wheel zooms without a modifier.
    pub engaged: bool,
    drag: Option<Drag>,
}

/// Pixels a pointer must travel before a press becomes a brush or pan.
const DRAG_THRESHOLD: f64 = 6.0;

impl Interaction {
    /// The initial state for a chart: full view, nothing hovered, all series shown.
    pub fn new(chart: &Chart, full: (f64, f64)) -> Interaction {
        let step = chart
            .series
            .iter()
            .filter_map(|s| s.summary().min_step)
            .fold(f64::INFINITY, f64::min);
        let min_span = if step.is_finite() { step * 2.0 } else { full.1 - full.0 };
        Interaction {
            viewport: Viewport::new(full, min_span),
            hover: None,
            focus: None,
            brush: None,
            visible: vec![true; chart.series.len()],
            focused: false,
            engaged: false,
            drag: None,
        }
    }

    /// Keeps state valid after the chart's data changed (same series count or not).
    pub fn rebase(&mut self, chart: &Chart, full: (f64, f64)) {
        let old = self.viewport;
        let mut fresh = Interaction::new(chart, full);
        if old.is_zoomed() {
            fresh.viewport = fresh.viewport.set(old.from, old.to);
        }
        if self.visible.len() == chart.series.len() && self.visible.iter().any(|v| *v) {
            fresh.visible = self.visible.clone();
        }
        fresh.focused = self.focused;
        fresh.engaged = self.engaged;
        *self = fresh;
    }

    /// Handles one input against the last layout.
    pub fn handle(&mut self, input: Input, chart: &Chart, layout: &Layout) -> Outcome {
        let plot = layout.plot_bounds();
        let mut out = Outcome::default();
        match input {
            Input::PointerMove { x, y } => match self.drag {
                Some(Drag::Brush { start_x }) => {
                    if (x - start_x).abs() >= DRAG_THRESHOLD {
                        self.brush = Some((start_x.min(x).max(plot.x), start_x.max(x).min(plot.right())));
                        self.hover = None;
                        out.overlay = true;
                        out.consumed = true;
                    }
                }
                Some(Drag::Pan { last_x }) => {
                    let per_px = self.viewport.span() / plot.w.max(1.0);
                    let before = self.viewport;
                    self.viewport = self.viewport.pan(-(x - last_x) * per_px);
                    self.drag = Some(Drag::Pan { last_x: x });
                    out.consumed = true;
                    self.mark_view(before, &mut out);
                }
                Some(Drag::Scrub) | None => {
                    let next = if inside(&plot, x, y) || self.drag == Some(Drag::Scrub) { nearest(chart, layout, &self.visible, x) } else { None };
                    if next != self.hover {
                        self.hover = next;
                        out.overlay = true;
                    }
                    out.consumed = self.drag == Some(Drag::Scrub);
                }
                Some(Drag::Legend) => {}
            },
            Input::PointerLeave => {
                if self.drag.is_none() && self.hover.take().is_some() {
                    out.overlay = true;
                }
            }
            Input::PointerDown { x, y, pan_modifier, touch } => {
                self.engaged = true;
                // The pointer takes over from the keyboard cursor.
                self.focus = None;
                if let Some(series) = legend_hit(layout, x, y) {
                    self.drag = Some(Drag::Legend);
                    out.consumed = true;
                    self.toggle(series, &mut out);
                } else if inside(&plot, x, y) {
                    self.drag = Some(if touch {
                        Drag::Scrub
                    } else if pan_modifier || self.viewport.is_zoomed() {
                        Drag::Pan { last_x: x }
                    } else {
                        Drag::Brush { start_x: x }
                    });
                    self.hover = nearest(chart, layout, &self.visible, x);
                    out.overlay = true;
                    out.consumed = !touch;
                }
            }
            Input::PointerUp { .. } => {
                if let (Some(Drag::Brush { .. }), Some((x0, x1))) = (self.drag, self.brush) {
                    let before = self.viewport;
                    let (from, to) = snap_to_bars(chart, (layout.x.to_data(x0), layout.x.to_data(x1)), self.viewport.min_span / 4.0);
                    self.viewport = self.viewport.set(from, to);
                    self.mark_view(before, &mut out);
                }
                if self.brush.take().is_some() {
                    out.overlay = true;
                }
                self.drag = None;
            }
            Input::Wheel { x, delta_y, zoom_modifier } => {
                if (zoom_modifier || self.engaged) && x >= plot.x && x <= plot.right() && delta_y != 0.0 {
                    let factor = (delta_y.clamp(-200.0, 200.0) / 300.0).exp();
                    let before = self.viewport;
                    self.viewport = self.viewport.zoom(factor, layout.x.to_data(x));
                    out.consumed = true;
                    self.mark_view(before, &mut out);
                }
            }
            Input::Pinch { center_x, scale } => {
                if scale.is_finite() && scale > 0.0 {
                    let before = self.viewport;
                    self.viewport = self.viewport.zoom(1.0 / scale, layout.x.to_data(center_x));
                    out.consumed = true;
                    self.mark_view(before, &mut out);
                }
            }
            Input::DoubleClick => {
                let before = self.viewport;
                self.viewport = self.viewport.reset();
                out.consumed = true;
                self.mark_view(before, &mut out);
            }
            Input::Focus => {
                self.focused = true;
                if self.focus.is_none() {
                    self.focus = first_cursor(chart, &self.visible, self.viewport);
                }
                out.overlay = true;
                out.announce = self.focus.map(|c| announcement(chart, c));
            }
            Input::Blur => {
                self.focused = false;
                self.engaged = false;
                self.drag = None;
                self.brush = None;
                if self.focus.take().is_some() || self.hover.take().is_some() {
                    out.overlay = true;
                }
            }
            Input::Key(key) => self.key(key, chart, &mut out),
        }
        out
    }

    fn mark_view(&mut self, before: Viewport, out: &mut Outcome) {
        if before != self.viewport {
            out.data = true;
            out.overlay = true;
            out.view_changed = true;
        }
    }

    fn toggle(&mut self, series: usize, out: &mut Outcome) {
        let Some(current) = self.visible.get(series).copied() else { return };
        let shown = self.visible.iter().filter(|v| **v).count();
        if current && shown <= 1 {
            return; // at least one series stays visible
        }
        if let Some(v) = self.visible.get_mut(series) {
            *v = !current;
        }
        for c in [&mut self.hover, &mut self.focus] {
            if c.is_some_and(|c| c.series == series) {
                *c = None;
            }
        }
        out.data = true;
        out.overlay = true;
    }

    fn key(&mut self, key: Key, chart: &Chart, out: &mut Outcome) {
        out.consumed = true;
        let cursor = self.focus.or_else(|| first_cursor(chart, &self.visible, self.viewport));
        let Some(mut c) = cursor else { return };
        let before = self.viewport;
        match key {
            Key::Escape => {
                self.focus = None;
                self.focused = false;
                out.overlay = true;
                out.consumed = false;
                return;
            }
            Key::Left | Key::Right | Key::Home | Key::End => {
                let Some(series) = chart.series.get(c.series) else { return };
                let valid = |i: usize| series.value(i).is_some();
                let n = series.len();
                let next = match key {
                    Key::Left => (0..c.index).rev().find(|&i| valid(i)),
                    Key::Right => (c.index + 1..n).find(|&i| valid(i)),
                    Key::Home => (0..n).find(|&i| valid(i)),
                    _ => (0..n).rev().find(|&i| valid(i)),
                };
                if let Some(i) = next {
                    c.index = i;
                }
            }
            Key::Up | Key::Down => {
                let order: Vec<usize> = (0..chart.series.len()).filter(|i| crate::model::is_shown(&self.visible, *i)).collect();
                let pos = order.iter().position(|&s| s == c.series).unwrap_or(0);
                let next = if key == Key::Up { pos.checked_sub(1) } else { Some(pos + 1).filter(|p| *p < order.len()) };
                if let Some(&s) = next.and_then(|p| order.get(p)) {
                    let at = chart.series.get(c.series).and_then(|se| se.x.get(c.index)).copied().unwrap_or(0.0);
                    if let Some(i) = chart.series.get(s).and_then(|se| nearest_valid(se, at)) {
                        c = Cursor { series: s, index: i };
                    }
                }
            }
            Key::ZoomIn | Key::ZoomOut => {
                let at = chart.series.get(c.series).and_then(|se| se.x.get(c.index)).copied().unwrap_or(f64::NAN);
                self.viewport = self.viewport.zoom(if key == Key::ZoomIn { 0.5 } else { 2.0 }, at);
            }
            Key::Reset => self.viewport = self.viewport.reset(),
        }
        // Keep the cursor inside the view: pan to it when it walks out.
        if let Some(t) = chart.series.get(c.series).and_then(|se| se.x.get(c.index)).copied() {
            if t < self.viewport.from {
                self.viewport = self.viewport.pan(t - self.viewport.from);
            } else if t > self.viewport.to {
                self.viewport = self.viewport.pan(t - self.viewport.to);
            }
        }
        self.mark_view(before, out);
        self.focused = true;
        self.focus = Some(c);
        out.overlay = true;
        out.announce = Some(announcement(chart, c));
    }
}

/// On a chart with banded series (bars), widens a brushed range to whole bars: from the left edge of the first
/// bar it touches to the right edge of the last (`half_slot` is half the spacing of points).
/// Other charts keep the range as brushed.
fn snap_to_bars(chart: &Chart, (from, to): (f64, f64), half_slot: f64) -> (f64, f64) {
    let Some(bars) = chart.series.iter().find(|s| s.kind.is_banded()) else { return (from, to) };
    let first = bars.x.iter().find(|t| **t + half_slot >= from);
    let last = bars.x.iter().rev().find(|t| **t - half_slot <= to);
    match (first, last) {
        (Some(a), Some(b)) if a <= b => (a - half_slot, b + half_slot),
        _ => (from, to),
    }
}

fn inside(r: &Rect, x: f64, y: f64) -> bool {
    x >= r.x && x <= r.right() && y >= r.y - 4.0 && y <= r.bottom() + 4.0
}

fn legend_hit(layout: &Layout, x: f64, y: f64) -> Option<usize> {
    layout.hits.iter().find(|(r, _)| x >= r.x && x <= r.right() && y >= r.y && y <= r.bottom()).map(|(_, s)| *s)
}

fn nearest_valid(series: &Series, at: f64) -> Option<usize> {
    let i = series.nearest_index(at)?;
    if series.value(i).is_some() {
        return Some(i);
    }
    let after = (i..series.len()).find(|&k| series.value(k).is_some());
    let before = (0..i).rev().find(|&k| series.value(k).is_some());
    match (before, after) {
        (Some(b), Some(a)) => {
            let (xb, xa) = (series.x.get(b).copied().unwrap_or(0.0), series.x.get(a).copied().unwrap_or(0.0));
            Some(if at - xb <= xa - at { b } else { a })
        }
        (b, a) => b.or(a),
    }
}

fn first_cursor(chart: &Chart, visible: &[bool], view: Viewport) -> Option<Cursor> {
    chart.series.iter().enumerate().filter(|(i, _)| crate::model::is_shown(visible, *i)).find_map(|(i, s)| {
        s.first_value_from(view.from).filter(|k| s.x.get(*k).is_some_and(|t| *t <= view.to)).map(|k| Cursor { series: i, index: k })
    })
}

/// The visible point nearest to pixel x (by time), preferring the series closest in time.
pub fn nearest(chart: &Chart, layout: &Layout, visible: &[bool], x: f64) -> Option<Cursor> {
    let at = layout.x.to_data(x);
    let mut best: Option<(f64, Cursor)> = None;
    for (i, s) in chart.series.iter().enumerate() {
        if !crate::model::is_shown(visible, i) {
            continue;
        }
        let Some(k) = nearest_valid(s, at) else { continue };
        let Some(t) = s.x.get(k) else { continue };
        if *t < layout.x_range.0 || *t > layout.x_range.1 {
            continue;
        }
        let d = (t - at).abs();
        if best.as_ref().is_none_or(|(bd, _)| d < *bd) {
            best = Some((d, Cursor { series: i, index: k }));
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{layout, LayoutOptions};
    use crate::text::ApproxMeasure;
    use crate::theme::Theme;

    const TRADE: &str = r#"{"title": "Trade", "kind": "bar", "locale": "en-GB", "series": [{"name": "Trade", "unit": {"prefix": "$", "suffix": "bn"},
        "data": [["2016", 69.52], ["2017", 84.07], ["2018", 107.06], ["2019", 110.75], ["2020", 107.76], ["2021", 146.89], ["2022", 190.27], ["2023", 240.1]]}]}"#;
    const TWO: &str = r#"{"view": "indexed", "series": [
        {"name": "Trade", "unit": "$", "data": [["2016", 69.52], ["2017", 84.07], ["2018", 107.06]]},
        {"name": "Crude imports", "unit": "Mt", "data": [["2016", 52.48], ["2017", 59.7], ["2018", null]]}]}"#;

    fn setup(spec: &str, width: f64) -> (Chart, Interaction, Layout) {
        let chart = crate::ingest::spec::parse_spec(spec).unwrap();
        let state = Interaction::new(&chart, crate::layout::full_x_range(&chart));
        let laid = relayout(&chart, &state, width);
        (chart, state, laid)
    }

    fn relayout(chart: &Chart, state: &Interaction, width: f64) -> Layout {
        let v = state.viewport;
        let opts = LayoutOptions {
            width,
            height: Some(400.0),
            theme: Theme::light(),
            x_range: if v.is_zoomed() { Some((v.from, v.to)) } else { None },
            visible: state.visible.clone(),
        };
        layout(chart, &opts, &ApproxMeasure)
    }

    fn point_px(chart: &Chart, laid: &Layout, series: usize, index: usize) -> (f64, f64) {
        let t = chart.series[series].x[index];
        let (_, sc) = laid.scale_of(series).unwrap();
        (laid.x.to_px(t), sc.to_px(laid.values(chart, series).unwrap()[index]))
    }

    #[test]
    fn hover_finds_the_nearest_point_and_only_touches_the_overlay() {
        let (chart, mut state, laid) = setup(TRADE, 640.0);
        let (x, y) = point_px(&chart, &laid, 0, 7);
        let out = state.handle(Input::PointerMove { x: x + 3.0, y }, &chart, &laid);
        assert!(out.overlay && !out.data && !out.consumed);
        assert_eq!(state.hover, Some(Cursor { series: 0, index: 7 }));
        let tip = tooltip(&chart, &laid, Cursor { series: 0, index: 7 }).unwrap();
        assert_eq!(tip.title, "2023");
        assert_eq!(tip.rows[0].value, "$240.1bn");
        assert_eq!(tip.rows[0].change, "+26% on 2022");
        // Moving within the same point changes nothing.
        assert_eq!(state.handle(Input::PointerMove { x: x + 4.0, y }, &chart, &laid), Outcome::default());
        assert!(state.handle(Input::PointerLeave, &chart, &laid).overlay);
        assert_eq!(state.hover, None);
    }

    #[test]
    fn brush_zooms_and_double_click_resets() {
        let (chart, mut state, laid) = setup(TRADE, 640.0);
        let (x0, y) = point_px(&chart, &laid, 0, 2);
        let (x1, _) = point_px(&chart, &laid, 0, 5);
        state.handle(Input::PointerDown { x: x0, y, pan_modifier: false, touch: false }, &chart, &laid);
        state.handle(Input::PointerMove { x: x1, y }, &chart, &laid);
        assert!(state.brush.is_some());
        let out = state.handle(Input::PointerUp { x: x1, y }, &chart, &laid);
        assert!(out.data && out.view_changed);
        // Brushed from the middle of the 2018 bar to the middle of 2021's: whole bars shown.
        let half = (chart.series[0].x[3] - chart.series[0].x[2]) / 2.0;
        assert!((state.viewport.from - (chart.series[0].x[2] - half)).abs() < 1e9);
        assert!((state.viewport.to - (chart.series[0].x[5] + half)).abs() < 1e9);
        assert!(state.handle(Input::DoubleClick, &chart, &laid).view_changed);
        assert!(!state.viewport.is_zoomed());
    }

    #[test]
    fn brushing_a_bar_chart_zooms_to_whole_bars() {
        let (chart, mut state, laid) = setup(TRADE, 640.0);
        let (a, y) = point_px(&chart, &laid, 0, 2);
        let (b, _) = point_px(&chart, &laid, 0, 3);
        let (c, _) = point_px(&chart, &laid, 0, 5);
        // From between the 2018 and 2019 bars to just past the middle of 2021.
        let (x0, x1) = ((a + b) / 2.0, c + 4.0);
        state.handle(Input::PointerDown { x: x0, y, pan_modifier: false, touch: false }, &chart, &laid);
        state.handle(Input::PointerMove { x: x1, y }, &chart, &laid);
        state.handle(Input::PointerUp { x: x1, y }, &chart, &laid);
        let half = (chart.series[0].x[3] - chart.series[0].x[2]) / 2.0;
        let days = 86_400_000.0 * 2.0;
        assert!((state.viewport.from - (chart.series[0].x[2] - half)).abs() < days, "starts at the left edge of 2018's bar");
        assert!((state.viewport.to - (chart.series[0].x[5] + half)).abs() < days, "ends at the right edge of 2021's bar");
    }

    #[test]
    fn a_short_press_does_not_zoom() {
        let (chart, mut state, laid) = setup(TRADE, 640.0);
        let (x, y) = point_px(&chart, &laid, 0, 2);
        state.handle(Input::PointerDown { x, y, pan_modifier: false, touch: false }, &chart, &laid);
        state.handle(Input::PointerMove { x: x + 2.0, y }, &chart, &laid);
        let out = state.handle(Input::PointerUp { x: x + 2.0, y }, &chart, &laid);
        assert!(!out.view_changed);
        assert_eq!(state.hover, Some(Cursor { series: 0, index: 2 }));
    }

    #[test]
    fn wheel_zooms_only_with_modifier_or_after_a_click() {
        let (chart, mut state, laid) = setup(TRADE, 640.0);
        let (x, y) = point_px(&chart, &laid, 0, 4);
        let out = state.handle(Input::Wheel { x, delta_y: -100.0, zoom_modifier: false }, &chart, &laid);
        assert!(!out.consumed && !out.view_changed, "the page scrolls");
        let out = state.handle(Input::Wheel { x, delta_y: -100.0, zoom_modifier: true }, &chart, &laid);
        assert!(out.consumed && out.view_changed);
        let mut state = Interaction::new(&chart, crate::layout::full_x_range(&chart));
        state.handle(Input::PointerDown { x, y, pan_modifier: false, touch: false }, &chart, &laid);
        state.handle(Input::PointerUp { x, y }, &chart, &laid);
        assert!(state.handle(Input::Wheel { x, delta_y: -100.0, zoom_modifier: false }, &chart, &laid).view_changed);
        for _ in 0..200 {
            state.handle(Input::Wheel { x, delta_y: -200.0, zoom_modifier: true }, &chart, &laid);
        }
        assert!(state.viewport.span() >= 2.0 * 365.0 * 86_400_000.0 - 1.0, "never narrower than two steps");
    }

    #[test]
    fn pinch_and_touch_scrub() {
        let (chart, mut state, laid) = setup(TRADE, 390.0);
        let (x, y) = point_px(&chart, &laid, 0, 3);
        let out = state.handle(Input::PointerDown { x, y, pan_modifier: false, touch: true }, &chart, &laid);
        assert!(!out.consumed, "a finger going down never blocks page scrolling");
        let (x2, _) = point_px(&chart, &laid, 0, 6);
        state.handle(Input::PointerMove { x: x2, y: y + 200.0 }, &chart, &laid);
        assert_eq!(state.hover.map(|c| c.index), Some(6), "horizontal drag scrubs");
        assert!(state.brush.is_none());
        state.handle(Input::PointerUp { x: x2, y }, &chart, &laid);
        assert!(state.handle(Input::Pinch { center_x: x, scale: 2.0 }, &chart, &laid).view_changed);
        assert!(state.viewport.is_zoomed());
        assert!(state.handle(Input::Blur, &chart, &laid).overlay, "tap outside dismisses");
        assert_eq!(state.hover, None);
    }

    #[test]
    fn keyboard_walks_points_and_series_and_announces() {
        let (chart, mut state, laid) = setup(TWO, 640.0);
        let out = state.handle(Input::Focus, &chart, &laid);
        assert_eq!(out.announce.as_deref(), Some("Trade, 2016: $69.5"));
        let out = state.handle(Input::Key(Key::Right), &chart, &laid);
        assert_eq!(out.announce.as_deref(), Some("Trade, 2017: $84.1, up 21% on 2016"));
        let out = state.handle(Input::Key(Key::Down), &chart, &laid);
        assert_eq!(out.announce.as_deref(), Some("Crude imports, 2017: 59.7 Mt, up 14% on 2016"));
        // The gap at 2018 is skipped.
        let out = state.handle(Input::Key(Key::Right), &chart, &laid);
        assert_eq!(out.announce.as_deref(), Some("Crude imports, 2017: 59.7 Mt, up 14% on 2016"));
        state.handle(Input::Key(Key::Up), &chart, &laid);
        let out = state.handle(Input::Key(Key::End), &chart, &laid);
        assert_eq!(state.focus, Some(Cursor { series: 0, index: 2 }));
        assert!(out.announce.unwrap().starts_with("Trade, 2018: $107.1"));
        assert!(state.handle(Input::Key(Key::ZoomIn), &chart, &laid).view_changed);
        assert!(state.handle(Input::Key(Key::Reset), &chart, &laid).view_changed);
        let out = state.handle(Input::Key(Key::Escape), &chart, &laid);
        assert!(!out.consumed && state.focus.is_none());
    }

    #[test]
    fn legend_toggles_but_keeps_one_series() {
        let (chart, mut state, laid) = setup(TWO, 320.0);
        assert!(!laid.hits.is_empty());
        let (r0, s0) = laid.hits[0];
        let (r1, s1) = laid.hits[1];
        let click = |state: &mut Interaction, r: Rect| {
            let out = state.handle(Input::PointerDown { x: r.x + 3.0, y: r.y + 3.0, pan_modifier: false, touch: false }, &chart, &laid);
            state.handle(Input::PointerUp { x: r.x + 3.0, y: r.y + 3.0 }, &chart, &laid);
            out
        };
        assert!(click(&mut state, r0).data);
        assert!(!state.visible[s0]);
        assert!(!click(&mut state, r1).data, "the last visible series stays");
        assert!(state.visible[s1]);
        click(&mut state, r0);
        assert!(state.visible[s0]);
    }

}
