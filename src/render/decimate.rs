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
