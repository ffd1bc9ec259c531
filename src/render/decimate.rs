//! M4 decimation (Jugel et al., "M4: A Visualization-Oriented Time Series Data
//! Aggregation", VLDB 2014): when a line has more points than pixel columns, keeping each
//! column's first, minimum, maximum and last point draws the same pixels with at most
//! four vertices per column.
//!
//! The input is the visible slice of a series, already mapped to pixels; gaps (None)
//! break runs exactly as they would undecimated.

/// Above this many points per device-pixel column, lines are reduced (M4 keeps the drawn
/// pixels identical at any density, and it also bounds the work the rasterizer does).
pub const POINTS_PER_COLUMN: f64 = 1.0;

/// Builds the polyline runs for points `(px_x, Option<px_y>)` with increasing x.
/// With `connect_gaps`, missing values are skipped instead of breaking the line.
/// When the points are denser than [`POINTS_PER_COLUMN`] per device pixel of `width` CSS px
/// at `dpr` device pixels per CSS pixel, each run is reduced to first/min/max/last per
/// device-pixel column.
pub fn runs<I>(points: I, count: usize, width: f64, dpr: f64, connect_gaps: bool) -> Vec<Vec<(f64, f64)>>
where
    I: Iterator<Item = (f64, Option<f64>)>,
{
    let dpr = if dpr.is_finite() && dpr > 0.0 { dpr } else { 1.0 };
    let dense = width > 0.0 && count as f64 > width * dpr * POINTS_PER_COLUMN;
    let mut out: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut run: Vec<(f64, f64)> = Vec::new();
    let mut column = Column::default();
    for (x, y) in points {
        match y {
            Some(y) => {
                if dense {
                    let col = (x * dpr).floor() as i64;
                    if column.col != Some(col) {
                        column.flush(&mut run);
                        column = Column { col: Some(col), ..Column::default() };
                    }
                    column.add(x, y);
                } else {
                    run.push((x, y));
                }
            }
            None if !connect_gaps => {
                column.flush(&mut run);
                column = Column::default();
                if !run.is_empty() {
                    out.push(std::mem::take(&mut run));
                }
            }
            None => {}
        }
    }
    column.flush(&mut run);
    if !run.is_empty() {
        out.push(run);
    }
    out
}

/// [`runs`] over a series' columns as they are stored: `xs` (data x) and `ys` (values,
/// NaN a gap) of equal length, mapped to pixels by `to_px` (x) and `to_py` (y) for the
/// points that are kept. The same runs as [`runs`] over the mapped points, from one tight
/// loop over contiguous f64: no per-point option, iterator adaptor or allocation (the
/// cold render runs it once per series on freshly compiled wasm, before V8 tiers it up).
pub fn runs_of_columns(xs: &[f64], ys: &[f64], to_px: impl Fn(f64) -> f64, to_py: impl Fn(f64) -> f64, width: f64, dpr: f64, connect_gaps: bool) -> Vec<Vec<(f64, f64)>> {
    let dpr = if dpr.is_finite() && dpr > 0.0 { dpr } else { 1.0 };
    let n = xs.len().min(ys.len());
    let dense = width > 0.0 && n as f64 > width * dpr * POINTS_PER_COLUMN;
    // A dense run holds at most four vertices per device column; runs after a gap grow
    // as they need (many gaps must not each reserve a full run).
    let cap = if dense { ((width * dpr) as usize).saturating_add(2).saturating_mul(4).min(n) } else { n };
    let mut m4 = M4 { dense, dpr, connect_gaps, out: Vec::new(), run: Vec::with_capacity(cap), open: false, col: 0, pts: [(0.0, 0.0); 4] };
    // In chunks, so that V8 can swap in optimized code between calls (model::SCAN_CHUNK).
    for (xc, yc) in xs.chunks(crate::model::SCAN_CHUNK).zip(ys.chunks(crate::model::SCAN_CHUNK)) {
        m4.feed(xc, yc, &to_px, &to_py);
    }
    // wasm-opt inlines a function that has one call site, and the chunks only help while
    // the kernel stays a function of its own: a second, empty call keeps it one.
    m4.feed(&[], &[], &to_px, &to_py);
    if m4.open {
        flush_column(&mut m4.run, m4.pts);
    }
    if !m4.run.is_empty() {
        m4.out.push(m4.run);
    }
    m4.out
}

/// The state of [`runs_of_columns`] between chunks.
struct M4 {
    dense: bool,
    dpr: f64,
    connect_gaps: bool,
    out: Vec<Vec<(f64, f64)>>,
    run: Vec<(f64, f64)>,
    /// Whether a column is open, its index, and its first, lowest, highest and last points.
    open: bool,
    col: i64,
    pts: [(f64, f64); 4],
}

impl M4 {
    #[inline(never)]
    fn feed<F: Fn(f64) -> f64, G: Fn(f64) -> f64>(&mut self, xs: &[f64], ys: &[f64], to_px: &F, to_py: &G) {
        let (dense, dpr) = (self.dense, self.dpr);
        let (mut open, mut col) = (self.open, self.col);
        let [mut first, mut min, mut max, mut last] = self.pts;
        for (&t, &v) in xs.iter().zip(ys) {
            if v.is_nan() {
                if !self.connect_gaps {
                    if open {
                        flush_column(&mut self.run, [first, min, max, last]);
                        open = false;
                    }
                    if !self.run.is_empty() {
                        self.out.push(std::mem::take(&mut self.run));
                    }
                }
                continue;
            }
            let p = (to_px(t), to_py(v));
            if !dense {
                self.run.push(p);
                continue;
            }
            let c = (p.0 * dpr).floor() as i64;
            if !open || c != col {
                if open {
                    flush_column(&mut self.run, [first, min, max, last]);
                }
                open = true;
                col = c;
                (first, min, max, last) = (p, p, p, p);
                continue;
            }
            // Pixel y grows downwards, but min/max by value or by pixel keep the same points.
            if p.1 < min.1 {
                min = p;
            }
            if p.1 > max.1 {
                max = p;
            }
            last = p;
        }
        (self.open, self.col, self.pts) = (open, col, [first, min, max, last]);
    }
}

/// Appends a column's four points in x order (stable: ties keep first, min, max, last),
/// without consecutive repeats: what [`Column::flush`] does, without allocating.
#[inline(always)]
fn flush_column(run: &mut Vec<(f64, f64)>, [a, b, c, d]: [(f64, f64); 4]) {
    let (mut a, mut b, mut c, mut d) = (a, b, c, d);
    let swap_if_after = |p: &mut (f64, f64), q: &mut (f64, f64)| {
        if p.0.total_cmp(&q.0) == std::cmp::Ordering::Greater {
            std::mem::swap(p, q);
        }
    };
    // A bubble sort of four, swapping only strictly greater pairs, is stable.
    swap_if_after(&mut a, &mut b);
    swap_if_after(&mut b, &mut c);
    swap_if_after(&mut c, &mut d);
    swap_if_after(&mut a, &mut b);
    swap_if_after(&mut b, &mut c);
    swap_if_after(&mut a, &mut b);
    run.push(a);
    for (prev, p) in [(a, b), (b, c), (c, d)] {
        if p != prev {
            run.push(p);
        }
    }
}

/// The four extreme points of one pixel column.
#[derive(Default)]
struct Column {
    col: Option<i64>,
    first: Option<(f64, f64)>,
    min: Option<(f64, f64)>,
    max: Option<(f64, f64)>,
    last: Option<(f64, f64)>,
}

impl Column {
    fn add(&mut self, x: f64, y: f64) {
        if self.first.is_none() {
            self.first = Some((x, y));
        }
        // Pixel y grows downwards, but min/max by value or by pixel keep the same points.
        if self.min.is_none_or(|m| y < m.1) {
            self.min = Some((x, y));
        }
        if self.max.is_none_or(|m| y > m.1) {
            self.max = Some((x, y));
        }
        self.last = Some((x, y));
    }

    /// Appends the column's points in x order, without repeats.
    ///
    /// At most four points, so an insertion sort (stable, like `sort_by`: ties keep the
    /// first, min, max, last order) on the stack: a general sort here put a whole stable
    /// sort instance (about 7 KB of wasm) and a `Vec` per column on the hot path.
    fn flush(&mut self, run: &mut Vec<(f64, f64)>) {
        let mut buf = [(0.0, 0.0); 4];
        let mut n = 0;
        for p in [self.first, self.min, self.max, self.last].into_iter().flatten() {
            if let Some(slot) = buf.get_mut(n) {
                *slot = p;
                n += 1;
            }
        }
        let pts = buf.get_mut(..n).unwrap_or_default();
        for i in 1..pts.len() {
            let mut j = i;
            while j > 0 && matches!((pts.get(j - 1), pts.get(j)), (Some(a), Some(b)) if a.0.total_cmp(&b.0).is_gt()) {
                pts.swap(j - 1, j);
                j -= 1;
            }
        }
        // Without repeats (as `dedup`: each point against the last one kept).
        let mut last: Option<(f64, f64)> = None;
        for &p in pts.iter() {
            if last != Some(p) {
                run.push(p);
                last = Some(p);
            }
        }
        *self = Column::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flush_orders_like_a_stable_sort_and_dedup() {
        // Every column of four points over three x and two y values (ties in x, repeats),
        // against the general sort it replaced.
        let vals = [(0.0, 1.0), (1.0, 1.0), (1.0, 2.0), (2.0, 2.0), (0.0, f64::NAN), (-0.0, 1.0)];
        let mut checked = 0;
        for a in vals {
            for b in vals {
                for c in vals {
                    for d in vals {
                        let column = Column { col: Some(0), first: Some(a), min: Some(b), max: Some(c), last: Some(d) };
                        let mut expected: Vec<(f64, f64)> = [a, b, c, d].to_vec();
                        expected.sort_by(|p, q| p.0.total_cmp(&q.0));
                        expected.dedup();
                        let mut got = vec![(9.0, 9.0)];
                        let mut col = column;
                        col.flush(&mut got);
                        let got = got.split_off(1);
                        assert_eq!(format!("{got:?}"), format!("{expected:?}"), "{a:?} {b:?} {c:?} {d:?}");
                        checked += 1;
                    }
                }
            }
        }
        assert_eq!(checked, 6 * 6 * 6 * 6);
        let mut empty = Vec::new();
        Column::default().flush(&mut empty);
        assert!(empty.is_empty());
    }

    #[test]
    fn sparse_points_pass_through_and_gaps_break_runs() {
        let pts = vec![(0.0, Some(1.0)), (10.0, Some(2.0)), (20.0, None), (30.0, Some(3.0))];
        let r = runs(pts.clone().into_iter(), 4, 100.0, 1.0, false);
        assert_eq!(r, vec![vec![(0.0, 1.0), (10.0, 2.0)], vec![(30.0, 3.0)]]);
        let r = runs(pts.into_iter(), 4, 100.0, 1.0, true);
        assert_eq!(r, vec![vec![(0.0, 1.0), (10.0, 2.0), (30.0, 3.0)]]);
    }

    /// The column kernel gives exactly what the generic one gives on the mapped points,
    /// dense or sparse, with gaps broken or connected, at fractional pixel ratios.
    #[test]
    fn column_runs_equal_generic_runs() {
        let mut seed = 0x2545_f491u32;
        let mut rnd = move || {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            f64::from(seed) / f64::from(u32::MAX)
        };
        for &(n, width, dpr) in &[(5usize, 100.0, 1.0), (300, 100.0, 1.5), (20_000, 320.0, 2.0), (7_000, 640.0, 1.25), (1, 10.0, 1.0)] {
            let xs: Vec<f64> = (0..n).map(|i| i as f64 * 1000.0 + 17.0).collect();
            let ys: Vec<f64> = (0..n).map(|i| if rnd() < 0.02 { f64::NAN } else { (rnd() * 40.0).round() + (i % 13) as f64 }).collect();
            let (x0, x1) = (xs[0], xs[n - 1] + 1.0);
            let to_px = |t: f64| (t - x0) / (x1 - x0) * width + 3.0;
            let to_py = |v: f64| 300.0 - v * 2.0;
            for connect in [false, true] {
                let generic = runs(xs.iter().zip(&ys).map(|(t, v)| (to_px(*t), if v.is_nan() { None } else { Some(to_py(*v)) })), n, width, dpr, connect);
                let fast = runs_of_columns(&xs, &ys, to_px, to_py, width, dpr, connect);
                assert_eq!(fast, generic, "n {n}, width {width}, dpr {dpr}, connect {connect}");
            }
        }
    }

    #[test]
    fn dense_lines_keep_every_columns_extremes() {
        // 100k points over 200 px: a noisy wave.
        let n = 100_000usize;
        let pts: Vec<(f64, Option<f64>)> = (0..n)
            .map(|i| {
                let x = i as f64 * 200.0 / n as f64;
                let y = (i as f64 * 0.37).sin() * 50.0 + (i % 97) as f64;
                (x, Some(y))
            })
            .collect();
        let r = runs(pts.clone().into_iter(), n, 200.0, 1.0, false);
        assert_eq!(r.len(), 1);
        let kept = &r[0];
        assert!(kept.len() <= 4 * 201, "{} vertices", kept.len());
        for col in 0..200i64 {
            let in_col: Vec<f64> = pts.iter().filter(|(x, _)| x.floor() as i64 == col).filter_map(|(_, y)| *y).collect();
            let kept_col: Vec<f64> = kept.iter().filter(|(x, _)| x.floor() as i64 == col).map(|(_, y)| *y).collect();
            let (lo, hi) = in_col.iter().fold((f64::MAX, f64::MIN), |(a, b), v| (a.min(*v), b.max(*v)));
            assert!(kept_col.contains(&lo) && kept_col.contains(&hi), "column {col}");
            assert_eq!(kept_col.first(), in_col.first());
            assert_eq!(kept_col.last(), in_col.last());
        }
        assert!(kept.windows(2).all(|w| w[0].0 <= w[1].0), "x stays ordered");
    }
}
