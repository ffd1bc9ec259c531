//! Mapping data values to pixels and back.

/// `v` limited to `lo..=hi` without ever panicking (unlike `f64::clamp`, which panics when
/// `lo > hi` or a bound is NaN; computed bounds can be either on hostile data). When
/// `lo > hi`, `hi` wins.
pub fn clamp(v: f64, lo: f64, hi: f64) -> f64 {
    v.max(lo).min(hi)
}

/// A continuous scale from a data domain to a pixel range, linear or base-10 log.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scale {
    /// Data value at the start of the range.
    pub d0: f64,
    /// Data value at the end of the range.
    pub d1: f64,
    /// Pixel at the start.
    pub r0: f64,
    /// Pixel at the end.
    pub r1: f64,
    /// Log10 mapping (domain must be > 0).
    pub log: bool,
}

impl Scale {
    /// A linear scale. A zero-width domain is widened so that mapping stays finite.
    pub fn linear(domain: (f64, f64), range: (f64, f64)) -> Scale {
        let (d0, d1) = widen(domain);
        Scale { d0, d1, r0: range.0, r1: range.1, log: false }
    }

    /// A log10 scale; non-positive bounds are replaced by a tiny positive value.
    pub fn log(domain: (f64, f64), range: (f64, f64)) -> Scale {
        let lo = domain.0.max(f64::MIN_POSITIVE);
        let hi = domain.1.max(lo * 10.0);
        Scale { d0: lo, d1: hi, r0: range.0, r1: range.1, log: true }
    }

    #[inline(always)]
    fn t(&self, v: f64) -> f64 {
        if self.log {
            let (a, b) = (self.d0.log10(), self.d1.log10());
            (v.max(f64::MIN_POSITIVE).log10() - a) / (b - a)
        } else {
            (v - self.d0) / (self.d1 - self.d0)
        }
    }

    /// The pixel for a data value.
    #[inline(always)]
    pub fn to_px(&self, v: f64) -> f64 {
        self.r0 + self.t(v) * (self.r1 - self.r0)
    }

    /// The data value at a pixel.
    pub fn to_data(&self, px: f64) -> f64 {
        let t = if self.r1 == self.r0 { 0.0 } else { (px - self.r0) / (self.r1 - self.r0) };
        if self.log {
            let (a, b) = (self.d0.log10(), self.d1.log10());
            10f64.powf(a + t * (b - a))
        } else {
            self.d0 + t * (self.d1 - self.d0)
        }
    }

    /// The smaller and larger pixel ends.
    pub fn px_bounds(&self) -> (f64, f64) {
        (self.r0.min(self.r1), self.r0.max(self.r1))
    }
}

fn widen((a, b): (f64, f64)) -> (f64, f64) {
    if !a.is_finite() || !b.is_finite() {
        return (0.0, 1.0);
    }
    if a == b {
        let pad = if a == 0.0 { 1.0 } else { a.abs() * 0.1 };
        return (a - pad, b + pad);
    }
    (a, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linear_round_trips() {
        let s = Scale::linear((0.0, 250.0), (400.0, 100.0));
        assert_eq!(s.to_px(0.0), 400.0);
        assert_eq!(s.to_px(250.0), 100.0);
        assert!((s.to_data(s.to_px(123.4)) - 123.4).abs() < 1e-9);
        assert_eq!(s.px_bounds(), (100.0, 400.0));
    }

    #[test]
    fn degenerate_domains_stay_finite() {
        let s = Scale::linear((5.0, 5.0), (0.0, 100.0));
        assert!(s.to_px(5.0).is_finite());
        assert_eq!(s.to_px(5.0), 50.0);
        let s = Scale::linear((f64::NAN, 1.0), (0.0, 100.0));
        assert!(s.to_px(0.5).is_finite());
    }

    #[test]
    fn log_maps_decades_evenly() {
        let s = Scale::log((1.0, 1000.0), (0.0, 300.0));
        assert!((s.to_px(10.0) - 100.0).abs() < 1e-9);
        assert!((s.to_data(200.0) - 100.0).abs() < 1e-9);
    }
}
