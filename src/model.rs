//! The validated chart: columnar series, options, annotations, and the derived values
//! a trade story needs (year-on-year change, indexed series).
//!
//! A [`Chart`] only exists once [`crate::ingest::spec`] has checked everything, so the renderer
//! can rely on sorted, unique, finite x values and finite y values.

use crate::axis::date::{ms_from_civil, Civil, Granularity};
use crate::axis::format::{Locale, Unit};
pub use crate::theme::ThemeChoice;
use crate::theme::Rgb;

/// How one series is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SeriesKind {
    /// A line through the points; gaps break it.
    Line,
    /// A line with the area down to zero filled.
    Area,
    /// One bar per point, grouped beside other bar series.
    Bar,
}

impl SeriesKind {
    /// Parses the spec's `kind` names.
    pub fn from_name(name: &str) -> Option<SeriesKind> {
        match name {
            "line" => Some(SeriesKind::Line),
            "area" => Some(SeriesKind::Area),
            "bar" | "column" => Some(SeriesKind::Bar),
            _ => None,
        }
    }

    // What each kind means for layout, interaction and drawing, in one place: the
    // modules ask these rather than testing for `Bar` themselves.

    /// Whether points are bars in bands: one slot per time step, shared side by side by
    /// the shown banded series (each at its own offset, `layout::bar_offset`). The time
    /// range then gets half a step either side, a brush snaps to whole slots, series are
    /// named by a legend (no direct labels at line ends) and a legend swatch is a block.
    pub fn is_banded(self) -> bool {
        matches!(self, SeriesKind::Bar)
    }

    /// Whether the value axis must include zero: bars and areas are measured from it.
    pub fn starts_at_zero(self) -> bool {
        !matches!(self, SeriesKind::Line)
    }

    /// Half the width a point of this kind covers, to hit-test it and keep a tooltip or
    /// label clear of it: half a bar for bars (`bar_width` wide), nothing for line points.
    pub fn half_width(self, bar_width: f64) -> f64 {
        if self.is_banded() {
            bar_width / 2.0
        } else {
            0.0
        }
    }
}

/// How two or more units share one chart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    /// One plot, one value axis (all series share a unit).
    Single,
    /// Small multiples: one panel per unit, sharing the time axis (default for two units).
    Panels,
    /// Left and right value axes, each coloured like its series.
    DualAxis,
    /// Every series rebased to 100 at a start date, on one axis.
    Indexed,
}

impl View {
    /// Parses the spec's `view` names.
    pub fn from_name(name: &str) -> Option<View> {
        match name {
            "single" => Some(View::Single),
            "panels" => Some(View::Panels),
            "dual-axis" => Some(View::DualAxis),
            "indexed" => Some(View::Indexed),
            _ => None,
        }
    }
}

/// A value axis scale.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScaleKind {
    /// Linear values.
    Linear,
    /// Base-10 logarithmic values (all values must be > 0).
    Log,
}

/// One data series in columnar form.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    /// Display name ("Trade", "Crude imports").
    pub name: String,
    /// Unit written around values.
    pub unit: Unit,
    /// How it is drawn.
    pub kind: SeriesKind,
    /// An explicit colour, or the palette's.
    pub color: Option<Rgb>,
    /// The sampling period, which decides how dates read.
    pub granularity: Granularity,
    /// Decimals shown in tooltips and labels; chosen from the data when absent.
    pub decimals: Option<usize>,
    /// Epoch milliseconds (UTC), strictly increasing.
    pub x: Vec<f64>,
    /// Values; NaN is a gap (every other value is finite). Read one value with
    /// [`Series::value`], the values without gaps with [`Series::values`].
    pub y: Vec<f64>,
    /// The magnitude word values are written with ("bn"), decided once from the largest
    /// value (see [`crate::axis::format::compact_magnitude`]); None writes them in full.
    pub magnitude: Option<crate::axis::format::Magnitude>,
    /// What one pass over `x` and `y` finds, computed on first use ([`Series::summary`]);
    /// `SummaryCache::default()` when building a series. Set x and y before reading it.
    pub summary: SummaryCache,
}

/// What one pass over a series' columns finds, so that layout, interaction and the
/// description do not each walk a million points again.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Summary {
    /// The smallest and largest value (gaps skipped), as [`Series::y_extent`] gives them.
    pub extent: Option<(f64, f64)>,
    /// The index of the first point holding the largest value.
    pub max_at: Option<usize>,
    /// The smallest spacing between consecutive x (None below two points).
    pub min_step: Option<f64>,
}

/// A [`Summary`] computed once, on first use. Equal to every other cache: two series are
/// equal by their data, whether or not a summary was asked for yet.
#[derive(Clone, Debug, Default)]
pub struct SummaryCache(std::cell::OnceCell<Summary>);

impl PartialEq for SummaryCache {
    fn eq(&self, _: &SummaryCache) -> bool {
        true
    }
}

/// Points per call of the scanning kernels. V8 runs freshly compiled wasm on its baseline
/// tier and swaps in optimized code between calls, never inside one: a million points
/// scanned in one call run entirely on baseline code, in chunks they run mostly on
/// optimized code once the first chunks have asked for it.
pub const SCAN_CHUNK: usize = 16_384;

impl Summary {
    /// One pass over the columns, in chunks of [`SCAN_CHUNK`] points.
    pub fn of(x: &[f64], y: &[f64]) -> Summary {
        let mut acc = SummaryScan { lo: f64::INFINITY, hi: f64::NEG_INFINITY, max_at: None, step: f64::INFINITY, prev: None };
        let n = x.len().max(y.len());
        let mut a = 0;
        while a < n {
            let b = a.saturating_add(SCAN_CHUNK).min(n);
            acc.scan(a, x.get(a..b.min(x.len())).unwrap_or(&[]), y.get(a..b.min(y.len())).unwrap_or(&[]));
            a = b;
        }
        // wasm-opt inlines a function that has one call site, and the chunks only help
        // while the kernel stays a function of its own: a second, empty call keeps it one.
        acc.scan(n, &[], &[]);
        Summary {
            extent: (acc.lo <= acc.hi).then_some((acc.lo, acc.hi)),
            max_at: acc.max_at,
            min_step: (x.len() > 1).then_some(acc.step),
        }
    }
}

/// The running state of [`Summary::of`].
struct SummaryScan {
    lo: f64,
    hi: f64,
    max_at: Option<usize>,
    step: f64,
    prev: Option<f64>,
}

impl SummaryScan {
    /// One chunk starting at point `offset`: x steps over `xs`, values over `ys`.
    #[inline(never)]
    fn scan(&mut self, offset: usize, xs: &[f64], ys: &[f64]) {
        let mut prev = self.prev;
        for &t in xs {
            if let Some(p) = prev {
                self.step = self.step.min(t - p);
            }
            prev = Some(t);
        }
        self.prev = prev;
        for (i, &v) in ys.iter().enumerate() {
            // NaN fails both comparisons: gaps are skipped without a branch of their own.
            if v < self.lo {
                self.lo = v;
            }
            if v > self.hi {
                self.hi = v;
                self.max_at = Some(offset + i);
            }
        }
    }
}

impl Series {
    /// Number of points, gaps included.
    pub fn len(&self) -> usize {
        self.x.len()
    }

    /// True when the series has no points (never true after validation).
    pub fn is_empty(&self) -> bool {
        self.x.is_empty()
    }

    /// Smallest and largest non-null values, if any.
    pub fn y_extent(&self) -> Option<(f64, f64)> {
        self.summary().extent
    }

    /// The one-pass summary of the columns (extent, where the maximum is, smallest x
    /// step), computed on first use.
    pub fn summary(&self) -> Summary {
        *self.summary.0.get_or_init(|| Summary::of(&self.x, &self.y))
    }

    /// The value of point `i`; None for a gap or past the end.
    pub fn value(&self, i: usize) -> Option<f64> {
        self.y.get(i).copied().filter(|v| !v.is_nan())
    }

    /// The values that are not gaps, in order.
    pub fn values(&self) -> impl Iterator<Item = f64> + '_ {
        present(&self.y)
    }

    /// The values with each gap as None (for comparisons: NaN equals nothing).
    pub fn y_options(&self) -> Vec<Option<f64>> {
        self.y.iter().map(|v| gap(*v)).collect()
    }

    /// Index of the point whose x equals `ms` exactly.
    pub fn index_of(&self, ms: f64) -> Option<usize> {
        self.x.binary_search_by(|v| v.total_cmp(&ms)).ok()
    }

    /// Index of the point nearest to `ms` in time.
    pub fn nearest_index(&self, ms: f64) -> Option<usize> {
        let i = self.x.partition_point(|v| *v < ms);
        let before = i.checked_sub(1);
        match (before, self.x.get(i)) {
            (Some(b), Some(after)) => {
                let b_x = self.x.get(b).copied().unwrap_or(f64::NEG_INFINITY);
                Some(if ms - b_x <= after - ms { b } else { i })
            }
            (Some(b), None) => Some(b),
            (None, Some(_)) => Some(i),
            (None, None) => None,
        }
    }

    /// Decimals for values when the spec sets none: about four significant figures at the
    /// series' largest magnitude ($240.1bn, 9.71 Mt, $1,234bn), never more than the data
    /// has. Looks at the first 5,000 values; the spec layer calls it once per series.
    pub fn auto_decimals(&self) -> usize {
        let values: Vec<f64> = self.values().take(5000).collect();
        let max = values.iter().fold(0.0f64, |m, v| m.max(v.abs()));
        let by_magnitude = if max >= 1000.0 {
            0
        } else if max >= 10.0 {
            1
        } else if max >= 1.0 {
            2
        } else {
            3
        };
        crate::axis::format::decimals_for_values(&values, 4).min(by_magnitude)
    }

    /// A value as readers see it in tooltips, announcements and labels: scaled by the
    /// unit's `scale`, with the series' magnitude word and its unit ("$240.1bn").
    pub fn format_value(&self, v: f64, decimals: usize, locale: &crate::axis::format::Locale) -> String {
        crate::axis::format::format_compact(self.in_units(v), decimals, &self.unit, locale, self.magnitude)
    }

    /// A raw value in the unit's own terms: times the unit's `scale` (data in thousands
    /// with `"scale": 1000` is written in units), as readers see it everywhere.
    pub fn in_units(&self, v: f64) -> f64 {
        v * self.unit.scale.unwrap_or(1.0)
    }

    /// The x of the same period one year earlier (same month and day), for YoY.
    fn year_earlier(&self, ms: f64) -> Option<f64> {
        let c = Civil::from_ms(ms);
        if c.month == 2 && c.day == 29 {
            return None;
        }
        let time = ms - ms_from_civil(c.year, c.month, c.day);
        Some(ms_from_civil(c.year - 1, c.month, c.day) + time)
    }

    /// Year-on-year change of point `i` in percent: against the point one year earlier
    /// (previous year, same quarter, same month or same day). None when either value is
    /// missing or the earlier value is zero.
    pub fn yoy_percent(&self, i: usize) -> Option<f64> {
        let value = self.value(i)?;
        let earlier_x = self.year_earlier(*self.x.get(i)?)?;
        let j = self.index_of(earlier_x)?;
        let base = self.value(j)?;
        if base == 0.0 {
            return None;
        }
        Some((value - base) / base.abs() * 100.0)
    }

    /// The index of the first non-null point at or after `from_ms`.
    pub fn first_value_from(&self, from_ms: f64) -> Option<usize> {
        let start = self.x.partition_point(|v| *v < from_ms);
        (start..self.len()).find(|&i| self.value(i).is_some())
    }

    /// The series rebased so that the first non-null value at or after `from_ms` is 100.
    /// Returns None when there is no such value or it is zero. Gaps stay NaN.
    pub fn indexed_from(&self, from_ms: f64) -> Option<(f64, Vec<f64>)> {
        let i = self.first_value_from(from_ms)?;
        let base = self.value(i)?;
        if base == 0.0 {
            return None;
        }
        let base_x = *self.x.get(i)?;
        // A rebased value that overflows is a gap, never an infinite point (the spec refuses
        // series whose range could do this: `spec::check_indexable`).
        Some((base_x, self.y.iter().map(|v| { let r = v / base * 100.0; if r.is_finite() { r } else { f64::NAN } }).collect()))
    }
}

/// A stored value as an option: NaN (a gap) is None.
pub fn gap(v: f64) -> Option<f64> {
    if v.is_nan() {
        None
    } else {
        Some(v)
    }
}

/// The values of a column that are not gaps (NaN), in order.
pub fn present(values: &[f64]) -> impl Iterator<Item = f64> + '_ {
    values.iter().copied().filter(|v| !v.is_nan())
}

/// The smallest and largest of a column's values, gaps (NaN) skipped, in one chunked pass
/// over contiguous f64 (no per-value option).
pub fn column_extent(values: &[f64]) -> Option<(f64, f64)> {
    Summary::of(&[], values).extent
}

/// The smallest and largest of some values.
pub fn extent(values: impl Iterator<Item = f64>) -> Option<(f64, f64)> {
    values.fold(None, |acc, v| match acc {
        None => Some((v, v)),
        Some((lo, hi)) => Some((lo.min(v), hi.max(v))),
    })
}

/// What an annotation marks.
#[derive(Clone, Debug, PartialEq)]
pub enum AnnotationKind {
    /// A vertical line at a date.
    Line {
        /// Epoch ms.
        x: f64,
    },
    /// A shaded period.
    Range {
        /// Start, epoch ms.
        from: f64,
        /// End, epoch ms.
        to: f64,
    },
    /// A labelled data point.
    Point {
        /// Index of the series in [`Chart::series`].
        series: usize,
        /// Index of the point in that series.
        index: usize,
    },
}

/// A labelled mark on the chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Annotation {
    /// What it marks.
    pub kind: AnnotationKind,
    /// The text shown ("4 Feb 2022: 'no limits' partnership").
    pub label: String,
}

/// A validated chart, ready to lay out and draw.
#[derive(Clone, Debug)]
pub struct Chart {
    /// Headline of the chart (may be empty).
    pub title: String,
    /// A line under the title saying what is measured.
    pub subtitle: String,
    /// Where the data comes from; drawn as "Source: …".
    pub source: String,
    /// Extra notes drawn in the footer.
    pub notes: String,
    /// Who made the chart.
    pub byline: String,
    /// How two or more units share the chart.
    pub view: View,
    /// Number and date conventions.
    pub locale: &'static Locale,
    /// Colour scheme.
    pub theme: ThemeChoice,
    /// Value axis scale.
    pub scale: ScaleKind,
    /// Draw lines across gaps instead of breaking them.
    pub connect_gaps: bool,
    /// Base date for the indexed view (epoch ms); the first point when absent.
    pub index_base: Option<f64>,
    /// Height in CSS px requested by the spec (the embedder's container decides otherwise).
    pub height: Option<f64>,
    /// The series, in spec order.
    pub series: Vec<Series>,
    /// Annotations, in spec order.
    pub annotations: Vec<Annotation>,
    /// Story steps (`crate::story`), in spec order; empty for most charts.
    pub steps: Vec<Step>,
    /// Things the reader of the spec should know that did not stop the chart (a text
    /// column left out, series of very different size sharing an axis).
    pub warnings: Vec<String>,
    /// For each series, its magnitude band within its unit (0 for most charts): series of
    /// one unit whose sizes differ more than 100× get their own panels (see
    /// [`crate::ingest::spec`]). Empty means all 0.
    pub bands: Vec<usize>,
    /// Options that detection chose for a table (`xColumn`, `seriesColumn`,
    /// `valueColumn`, `dateFormat`), as spec field and value, so an embed can pin them.
    pub detected: Vec<(String, String)>,
}

impl Chart {
    /// Earliest and latest x over all series.
    pub fn x_extent(&self) -> Option<(f64, f64)> {
        let firsts = self.series.iter().filter_map(|s| s.x.first().copied());
        let lasts = self.series.iter().filter_map(|s| s.x.last().copied());
        extent(firsts.chain(lasts))
    }

    /// The finest granularity of any series.
    pub fn finest_granularity(&self) -> Granularity {
        self.series.iter().map(|s| s.granularity).max().unwrap_or(Granularity::Year)
    }

    /// The distinct units in series order (the first series with each unit names it).
    pub fn units(&self) -> Vec<&Unit> {
        let mut units: Vec<&Unit> = Vec::new();
        for s in &self.series {
            if !units.contains(&&s.unit) {
                units.push(&s.unit);
            }
        }
        units
    }

    /// The series of each panel in the panels view: one panel per unit and magnitude
    /// band, in order of first appearance.
    pub fn panel_groups(&self) -> Vec<Vec<usize>> {
        let mut keys: Vec<(&Unit, usize)> = Vec::new();
        let mut groups: Vec<Vec<usize>> = Vec::new();
        for (i, s) in self.series.iter().enumerate() {
            let key = (&s.unit, self.bands.get(i).copied().unwrap_or(0));
            match keys.iter().position(|k| *k == key) {
                Some(g) => {
                    if let Some(group) = groups.get_mut(g) {
                        group.push(i);
                    }
                }
                None => {
                    keys.push(key);
                    groups.push(vec![i]);
                }
            }
        }
        groups
    }

    /// The view actually used: a single unit of one magnitude never needs panels or two
    /// axes; one unit of very different magnitudes is drawn in panels.
    pub fn effective_view(&self) -> View {
        match self.view {
            View::Indexed => View::Indexed,
            _ if self.panel_groups().len() <= 1 => View::Single,
            View::DualAxis if self.units().len() <= 1 => View::Panels,
            View::Single => View::Panels,
            v => v,
        }
    }
}


/// One state of the chart in a story.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    /// The name a page refers to it by (`data-trade-chart-step="record"`).
    pub id: String,
    /// The dates the step shows, as written (epoch ms); the whole data when None.
    pub range: Option<(f64, f64)>,
    /// Series drawn in full colour (indices); every series when None.
    pub highlight: Option<Vec<usize>>,
    /// The annotations shown; the chart's own when None.
    pub annotations: Option<Vec<Annotation>>,
    /// The view kind; the chart's own when None.
    pub view: Option<View>,
    /// The indexed view's base date; the chart's own when None.
    pub index_base: Option<f64>,
    /// Text announced after the range ("trade rose to a record $240.1bn"); generated when None.
    pub announce: Option<String>,
}

/// Whether series `series` is shown under the reader's `visible` choices: a series without
/// an entry (the list is shorter, or empty for "all") is shown.
pub fn is_shown(visible: &[bool], series: usize) -> bool {
    visible.get(series).copied().unwrap_or(true)
}

/// Every date of the first `per_series` points of each of `series`, ascending and each
/// once, with the finest granularity any series gives it (a date both annual and monthly
/// reads as a month): the rows of the CSV download and of the accessible table.
pub fn union_dates(series: &[&Series], per_series: usize) -> Vec<(f64, Granularity)> {
    let dates: Vec<(f64, Granularity)> = series.iter().flat_map(|s| s.x.iter().take(per_series).map(move |t| (*t, s.granularity))).collect();
    let keys: Vec<f64> = dates.iter().map(|d| d.0).collect();
    let mut out: Vec<(f64, Granularity)> = Vec::with_capacity(dates.len());
    for (t, g) in crate::order::order_by_key(&keys).into_iter().filter_map(|k| dates.get(k).copied()) {
        match out.last_mut() {
            // One row per date; its granularity is the finest among the entries of that
            // very date (the same bits: -0 and +0 are one row, dated as the first).
            Some(last) if last.0 == t => {
                if last.0.to_bits() == t.to_bits() {
                    last.1 = last.1.max(g);
                }
            }
            _ => out.push((t, g)),
        }
    }
    out
}

/// Decimals used for a series' values: the spec's `decimals`, or the choice made once at
/// validation ([`Series::auto_decimals`]).
pub fn decimals_of(series: &Series) -> usize {
    series.decimals.unwrap_or_else(|| series.auto_decimals())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn annual(values: &[Option<f64>]) -> Series {
        let values: Vec<f64> = values.iter().map(|v| v.unwrap_or(f64::NAN)).collect();
        Series {
            name: "Trade".into(),
            unit: Unit::default(),
            kind: SeriesKind::Line,
            color: None,
            granularity: Granularity::Year,
            decimals: None,
            x: (0..values.len()).map(|i| ms_from_civil(2016 + i as i64, 1, 1)).collect(),
            y: values,
            magnitude: None,
            summary: SummaryCache::default(),
        }
    }

    #[test]
    fn union_dates_each_once_ascending_and_finest() {
        let years = annual(&[Some(1.0), Some(2.0), Some(3.0)]);
        let mut months = annual(&[]);
        months.granularity = Granularity::Month;
        months.x = vec![ms_from_civil(2017, 6, 1), ms_from_civil(2017, 1, 1), ms_from_civil(2015, 3, 1)];
        let got = union_dates(&[&years, &months], usize::MAX);
        let want = vec![
            (ms_from_civil(2015, 3, 1), Granularity::Month),
            (ms_from_civil(2016, 1, 1), Granularity::Year),
            (ms_from_civil(2017, 1, 1), Granularity::Month),
            (ms_from_civil(2017, 6, 1), Granularity::Month),
            (ms_from_civil(2018, 1, 1), Granularity::Year),
        ];
        assert_eq!(got, want);
        assert_eq!(union_dates(&[&months, &years], 1), vec![(ms_from_civil(2016, 1, 1), Granularity::Year), (ms_from_civil(2017, 6, 1), Granularity::Month)]);
        assert_eq!(union_dates(&[], 10), vec![]);
    }

    #[test]
    fn yoy_matches_the_published_figures() {
        let s = annual(&[Some(190.27), Some(240.1)]);
        let yoy = s.yoy_percent(1).unwrap();
        assert!((yoy - 26.19).abs() < 0.01, "{yoy}");
        assert_eq!(s.yoy_percent(0), None);
    }

    #[test]
    fn yoy_skips_gaps_and_zero_bases() {
        let s = annual(&[Some(0.0), Some(5.0), None, Some(4.0)]);
        assert_eq!(s.yoy_percent(1), None);
        assert_eq!(s.yoy_percent(3), None);
        assert_eq!(s.yoy_percent(2), None);
    }

    #[test]
    fn yoy_for_monthly_uses_same_month() {
        let mut s = annual(&[]);
        s.granularity = Granularity::Month;
        s.x = vec![ms_from_civil(2022, 6, 1), ms_from_civil(2023, 5, 1), ms_from_civil(2023, 6, 1)];
        s.y = vec![8.0, 9.71, 10.5];
        assert!((s.yoy_percent(2).unwrap() - 31.25).abs() < 1e-9);
        assert_eq!(s.yoy_percent(1), None);
    }

    #[test]
    fn indexed_rebases_to_first_visible_value() {
        let s = annual(&[None, Some(50.0), Some(75.0)]);
        let (base_x, v) = s.indexed_from(f64::NEG_INFINITY).unwrap();
        assert_eq!(base_x, s.x[1]);
        assert_eq!(v.iter().map(|v| gap(*v)).collect::<Vec<_>>(), vec![None, Some(100.0), Some(150.0)]);
        let (_, v) = s.indexed_from(s.x[2]).unwrap();
        assert_eq!(v[2], 100.0);
        assert!(annual(&[Some(0.0)]).indexed_from(0.0).is_none());
    }

    #[test]
    fn nearest_index_picks_closest() {
        let s = annual(&[Some(1.0), Some(2.0), Some(3.0)]);
        assert_eq!(s.nearest_index(s.x[1] + 1.0), Some(1));
        assert_eq!(s.nearest_index(-1e15), Some(0));
        assert_eq!(s.nearest_index(1e15), Some(2));
    }
}
