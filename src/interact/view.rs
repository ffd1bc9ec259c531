//! The visible time range as a small `Copy` value: zoom about an anchor, pan, reset,
//! always clamped to the data and never narrower than a minimum span.

/// The visible part of the time axis.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Viewport {
    /// Visible start, epoch ms.
    pub from: f64,
    /// Visible end, epoch ms.
    pub to: f64,
    /// The full range of the data (the reset view).
    pub full: (f64, f64),
    /// The narrowest span allowed (about two data steps).
    pub min_span: f64,
}

impl Viewport {
    /// A viewport showing all of `full`; zooming stops at `min_span`.
    pub fn new(full: (f64, f64), min_span: f64) -> Viewport {
        let (a, b) = if full.0 <= full.1 { full } else { (full.1, full.0) };
        let width = b - a;
        let min_span = if min_span.is_finite() && min_span > 0.0 { min_span.min(width.max(f64::MIN_POSITIVE)) } else { width };
        Viewport { from: a, to: b, full: (a, b), min_span }
    }

    /// The visible span.
    pub fn span(&self) -> f64 {
        self.to - self.from
    }

    /// Whether the view shows less than the full range.
    pub fn is_zoomed(&self) -> bool {
        self.from > self.full.0 || self.to < self.full.1
    }

    /// Shows `from..to`, clamped to the data and widened to the minimum span.
    pub fn set(self, from: f64, to: f64) -> Viewport {
        if !from.is_finite() || !to.is_finite() {
            return self;
        }
        let (mut a, mut b) = if from <= to { (from, to) } else { (to, from) };
        let full_w = self.full.1 - self.full.0;
        if b - a < self.min_span {
            let mid = (a + b) / 2.0;
            a = mid - self.min_span / 2.0;
            b = mid + self.min_span / 2.0;
        }
        if b - a >= full_w {
            return Viewport { from: self.full.0, to: self.full.1, ..self };
        }
        if a < self.full.0 {
            b += self.full.0 - a;
            a = self.full.0;
        }
        if b > self.full.1 {
            a -= b - self.full.1;
            b = self.full.1;
        }
        Viewport { from: a.max(self.full.0), to: b.min(self.full.1), ..self }
    }

    /// Zooms by `factor` (< 1 zooms in, > 1 out) keeping `anchor` (epoch ms) in place.
    pub fn zoom(self, factor: f64, anchor: f64) -> Viewport {
        if !factor.is_finite() || factor <= 0.0 {
            return self;
        }
        let anchor = if anchor.is_finite() { crate::axis::scale::clamp(anchor, self.from, self.to) } else { (self.from + self.to) / 2.0 };
        let new_span = (self.span() * factor).max(self.min_span);
        let t = if self.span() > 0.0 { (anchor - self.from) / self.span() } else { 0.5 };
        self.set(anchor - t * new_span, anchor - t * new_span + new_span)
    }

    /// Moves the view by `delta` ms (positive: later), stopping at the data's ends.
    pub fn pan(self, delta: f64) -> Viewport {
        if !delta.is_finite() {
            return self;
        }
        let (lo, hi) = self.full;
        let span = self.span();
        let mut from = self.from + delta;
        let mut to = self.to + delta;
        // Stop exactly at an edge (no rounding past the data).
        if from <= lo {
            from = lo;
            to = (lo + span).min(hi);
        } else if to >= hi {
            to = hi;
            from = (hi - span).max(lo);
        }
        Viewport { from, to, ..self }
    }

    /// The full view.
    pub fn reset(self) -> Viewport {
        Viewport { from: self.full.0, to: self.full.1, ..self }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vp() -> Viewport {
        Viewport::new((0.0, 1000.0), 10.0)
    }

    #[test]
    fn zoom_keeps_the_anchor_in_place() {
        let v = vp().zoom(0.5, 250.0);
        assert_eq!((v.from, v.to), (125.0, 625.0));
        assert!(v.is_zoomed());
        let back = v.zoom(2.0, 250.0);
        assert_eq!((back.from, back.to), (0.0, 1000.0));
    }

    #[test]
    fn never_past_the_data_or_to_zero_width() {
        let v = vp().zoom(1e-9, 500.0);
        assert!((v.span() - 10.0).abs() < 1e-9);
        let v = vp().zoom(0.1, 0.0).pan(-500.0);
        assert_eq!(v.from, 0.0);
        let v = vp().zoom(0.1, 1000.0).pan(1e9);
        assert_eq!(v.to, 1000.0);
        let v = vp().set(-50.0, 20.0);
        assert_eq!((v.from, v.to), (0.0, 70.0));
        assert_eq!(vp().zoom(100.0, 3.0), vp());
        assert_eq!(vp().zoom(f64::NAN, 3.0), vp());
        assert_eq!(vp().set(f64::NAN, 3.0), vp());
    }

    #[test]
    fn pan_round_trips_inside_bounds() {
        let v = vp().set(200.0, 400.0);
        assert_eq!(v.pan(100.0).pan(-100.0), v);
        assert_eq!(v.reset(), vp());
    }

    #[test]
    fn single_point_data_cannot_zoom() {
        let v = Viewport::new((5.0, 5.0), 10.0);
        assert_eq!(v.zoom(0.5, 5.0).span(), 0.0);
        assert!(!v.is_zoomed());
    }
}
