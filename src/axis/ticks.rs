//! Axis ticks: "nice" numeric ticks, log10 ticks and calendar-aligned time ticks.
//!
//! Everything here is bounded: numeric axes use at most [`MAX_NUMBER_TICKS`] ticks and
//! time axes give up (return no ticks) rather than build more than [`MAX_TIME_TICKS`].

use crate::axis::date::{self, Civil, Granularity, MS_PER_DAY};
use crate::axis::format::{self, DateLabel, Locale};

/// Upper limit on `max_count` for numeric and log axes; larger requests are clamped.
pub const MAX_NUMBER_TICKS: usize = 1_000;

/// A time tick set larger than this is not built ([`time_ticks`] returns an empty Vec).
pub const MAX_TIME_TICKS: usize = 10_000;

/// Numeric inputs are clamped to ±this so that doubling and rounding up cannot overflow.
pub const MAX_MAGNITUDE: f64 = 1e306;

/// Log-axis inputs are clamped to [1/this, this].
pub const MAX_LOG_MAGNITUDE: f64 = 1e100;

/// Timestamps beyond this many ms from the epoch (the JavaScript `Date` range) get no ticks.
const MAX_SAFE_MS: f64 = 8.64e15;

const MS_PER_HOUR: f64 = 3_600_000.0;
const MS_PER_MINUTE: f64 = 60_000.0;

/// Ticks for a numeric axis: "nice" steps 1, 2, 2.5, 5 × 10^k.
#[derive(Clone, Debug, PartialEq)]
pub struct NumberTicks {
    /// Tick positions, strictly increasing, all inside `domain`.
    pub values: Vec<f64>,
    /// Distance between ticks (for log axes: the ratio between successive powers of ten shown).
    pub step: f64,
    /// The extended axis range (lower, upper); it contains the input range.
    pub domain: (f64, f64),
}

/// `m` × 10^`exp` computed from its decimal text so that e.g. 0.25 is the nearest double.
fn nice_value(m: f64, exp: i32) -> f64 {
    format!("{m}e{exp}").parse().unwrap_or(m * 10f64.powi(exp))
}

/// 10^`exp` as the nearest double (0 or infinity when out of range).
fn pow10(exp: i32) -> f64 {
    nice_value(1.0, exp)
}

/// Turns -0.0 into 0.0.
fn no_negative_zero(v: f64) -> f64 {
    if v == 0.0 {
        0.0
    } else {
        v
    }
}

/// The tick `k` × (`m` × 10^`exp`), computed as integer × or ÷ a power of ten to avoid
/// artefacts like 0.30000000000000004.
fn tick_at(k: f64, m: f64, exp: i32, step: f64) -> f64 {
    // m ∈ {1, 2, 2.5, 5}, so 10·m is an integer and step = (10·m) × 10^(exp−1).
    let whole = k * (m * 10.0);
    let e = exp - 1;
    let v = if e >= 0 {
        let scale = pow10(e);
        if scale.is_finite() {
            whole * scale
        } else {
            k * step
        }
    } else {
        let scale = pow10(-e);
        if scale.is_finite() && whole.abs() < 9.0e15 {
            whole / scale
        } else {
            k * step
        }
    };
    no_negative_zero(v)
}

/// Extends [min,max] to nice bounds and picks ticks so that at most `max_count` ticks (>= 2) are used.
///
/// * `include_zero` extends the range to contain 0 (for bars).
/// * A single value `v` (min == max) gets the domain 0..2v (2v..0 when negative, 0..1 for 0),
///   so the point sits mid-axis.
/// * NaN or infinite inputs give the fallback domain 0..1.
/// * Inputs are clamped to ±[`MAX_MAGNITUDE`]; `max_count` is clamped to 2..=[`MAX_NUMBER_TICKS`].
/// * Ticks are multiples of `step` (computed from integers and powers of ten, so 0.3 is 0.3).
///   One exception: with `max_count` 2 and a range that crosses zero, the ticks are the two
///   domain ends (−s and s, or 0 and s) and `step` is their distance.
pub fn number_ticks(min: f64, max: f64, max_count: usize, include_zero: bool) -> NumberTicks {
    let max_count = max_count.clamp(2, MAX_NUMBER_TICKS);
    if !min.is_finite() || !max.is_finite() {
        return nice_ticks(0.0, 1.0, max_count);
    }
    let (mut lo, mut hi) = if min <= max { (min, max) } else { (max, min) };
    lo = lo.clamp(-MAX_MAGNITUDE, MAX_MAGNITUDE);
    hi = hi.clamp(-MAX_MAGNITUDE, MAX_MAGNITUDE);
    if include_zero {
        lo = lo.min(0.0);
        hi = hi.max(0.0);
    }
    // A range narrower than float precision at this magnitude cannot hold two distinct
    // ticks: treat it as a single value.
    if hi - lo <= hi.abs().max(lo.abs()) * 1e-12 {
        lo = (lo + hi) / 2.0;
        hi = lo;
        if lo > 0.0 {
            lo = 0.0;
            hi *= 2.0;
        } else if lo < 0.0 {
            lo *= 2.0;
            hi = 0.0;
        } else {
            hi = 1.0;
        }
    }
    nice_ticks(lo, hi, max_count)
}

/// Nice ticks for lo < hi (both finite and within ±`MAX_MAGNITUDE`).
fn nice_ticks(lo: f64, hi: f64, max_count: usize) -> NumberTicks {
    const MULTIPLIERS: [f64; 4] = [1.0, 2.0, 2.5, 5.0];
    let span = hi - lo;
    let raw = span / (max_count - 1) as f64;
    let start_exp = if raw > 0.0 && raw.is_finite() {
        raw.log10().floor() as i32 - 1
    } else {
        0
    };
    // Float precision limits hi/span to about 1e16, so ~20 decades always reach a fit
    // unless the range crosses zero with max_count 2 (handled below).
    for exp in start_exp..start_exp.saturating_add(24) {
        for m in MULTIPLIERS {
            let step = nice_value(m, exp);
            if !(step > 0.0 && step.is_finite()) {
                continue;
            }
            let first = (lo / step).floor();
            let last = (hi / step).ceil();
            let count = last - first + 1.0;
            if count <= max_count as f64 && count >= 2.0 {
                let lower = tick_at(first, m, exp, step);
                let upper = tick_at(last, m, exp, step);
                let domain = (lower.min(lo), upper.max(hi));
                let mut values: Vec<f64> = Vec::with_capacity(count as usize);
                for i in 0..count as usize {
                    let v = tick_at(first + i as f64, m, exp, step);
                    let increasing = values.last().is_none_or(|last| v > *last);
                    if increasing && v >= domain.0 && v <= domain.1 {
                        values.push(v);
                    }
                }
                return NumberTicks {
                    values,
                    step,
                    domain,
                };
            }
        }
    }
    // Only reached for max_count 2 with a range crossing zero: use the two ends.
    let reach = lo.abs().max(hi.abs());
    let mut s = nice_value(1.0, reach.log10().floor() as i32);
    for m in MULTIPLIERS.iter().chain([10.0].iter()) {
        let candidate = nice_value(*m, reach.log10().floor() as i32);
        if candidate >= reach {
            s = candidate;
            break;
        }
    }
    let lower = if lo < 0.0 { -s } else { 0.0 };
    let upper = if hi > 0.0 { s } else { 0.0 };
    NumberTicks {
        values: vec![lower, upper],
        step: upper - lower,
        domain: (lower, upper),
    }
}

/// Ticks for a log10 axis (min > 0): powers of ten, plus 2 and 5 multiples when there is room.
///
/// The domain runs from the power of ten at or below `min` to the one at or above `max`
/// (at least one decade). If every power does not fit in `max_count`, every s-th power is
/// used (`step` = 10^s). Invalid input (NaN, infinite, or a bound <= 0) falls back to 1..10;
/// inputs are clamped to [1e-100, 1e100].
pub fn log_ticks(min: f64, max: f64, max_count: usize) -> NumberTicks {
    let max_count = max_count.clamp(2, MAX_NUMBER_TICKS);
    let valid = min.is_finite() && max.is_finite() && min > 0.0 && max > 0.0;
    let (lo, hi) = if !valid {
        (1.0, 10.0)
    } else if min <= max {
        (min, max)
    } else {
        (max, min)
    };
    let lo = lo.clamp(1.0 / MAX_LOG_MAGNITUDE, MAX_LOG_MAGNITUDE);
    let hi = hi.clamp(1.0 / MAX_LOG_MAGNITUDE, MAX_LOG_MAGNITUDE);
    let mut e_lo = lo.log10().floor() as i32;
    if pow10(e_lo) > lo {
        e_lo -= 1;
    } else if pow10(e_lo + 1) <= lo {
        e_lo += 1;
    }
    let mut e_hi = hi.log10().ceil() as i32;
    if pow10(e_hi) < hi {
        e_hi += 1;
    } else if pow10(e_hi - 1) >= hi {
        e_hi -= 1;
    }
    if e_hi <= e_lo {
        e_hi = e_lo + 1;
    }
    let decades = (e_hi - e_lo) as usize;
    if decades * 3 < max_count {
        let mut values = Vec::with_capacity(decades * 3 + 1);
        for e in e_lo..e_hi {
            values.push(pow10(e));
            values.push(nice_value(2.0, e));
            values.push(nice_value(5.0, e));
        }
        values.push(pow10(e_hi));
        return NumberTicks {
            values,
            step: 10.0,
            domain: (pow10(e_lo), pow10(e_hi)),
        };
    }
    let s = decades.div_ceil(max_count - 1).max(1) as i32;
    // Prefer powers aligned to multiples of s (1, 1e3, 1e6, …) if they still fit.
    let a_lo = e_lo.div_euclid(s) * s;
    let a_hi = -((-e_hi).div_euclid(s)) * s;
    let aligned_intervals = usize::try_from((a_hi - a_lo) / s).unwrap_or(usize::MAX);
    let (start, count) = if aligned_intervals < max_count && a_lo >= -300 && a_hi <= 300 {
        (a_lo, aligned_intervals + 1)
    } else {
        (e_lo, decades.div_ceil(s as usize) + 1)
    };
    let values: Vec<f64> = (0..count).map(|i| pow10(start + i as i32 * s)).collect();
    let domain = (
        values.first().copied().unwrap_or(1.0),
        values.last().copied().unwrap_or(10.0),
    );
    NumberTicks {
        values,
        step: pow10(s),
        domain,
    }
}

/// Calendar units for time ticks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeUnit {
    /// Calendar years (ticks on 1 January).
    Year,
    /// Calendar quarters (ticks on 1 January, April, July, October).
    Quarter,
    /// Calendar months (ticks on the 1st).
    Month,
    /// Weeks starting on Monday.
    Week,
    /// Days (midnight UTC).
    Day,
    /// Hours.
    Hour,
    /// Minutes.
    Minute,
}

/// A candidate step: every `count` units (e.g. every 2 years, every 3 months, every 6 hours).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimeStep {
    /// The calendar unit.
    pub unit: TimeUnit,
    /// How many units between ticks (0 is treated as 1).
    pub count: u32,
}

/// One tick on a time axis.
#[derive(Clone, Debug, PartialEq)]
pub struct TimeTick {
    /// Epoch milliseconds (UTC), aligned to a calendar boundary.
    pub value: f64,
    /// The text to draw under the tick.
    pub label: String,
    /// Whether the tick starts a new year (or a new day for hour and minute ticks).
    pub major: bool,
}

const YEAR_COUNTS: [u32; 11] = [1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000];

fn steps(unit: TimeUnit, counts: &[u32]) -> impl Iterator<Item = TimeStep> + '_ {
    counts.iter().map(move |&count| TimeStep { unit, count })
}

/// The steps worth trying for data of this granularity, finest first; never finer than the data.
///
/// * Year: 1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000 years.
/// * Quarter: 1, 2 quarters, then the year steps.
/// * Month: 1, 2, 3, 6 months, then the year steps.
/// * Day: 1, 2 days, 1, 2 weeks (Mondays), 1, 2, 3, 6 months, then the year steps.
/// * Time: 1, 2, 5, 10, 15, 30 minutes, 1, 2, 3, 6, 12 hours, then the day steps.
pub fn time_steps(finest: Granularity) -> Vec<TimeStep> {
    let years = steps(TimeUnit::Year, &YEAR_COUNTS);
    let days = || {
        steps(TimeUnit::Day, &[1, 2])
            .chain(steps(TimeUnit::Week, &[1, 2]))
            .chain(steps(TimeUnit::Month, &[1, 2, 3, 6]))
    };
    match finest {
        Granularity::Year => years.collect(),
        Granularity::Quarter => steps(TimeUnit::Quarter, &[1, 2]).chain(years).collect(),
        Granularity::Month => steps(TimeUnit::Month, &[1, 2, 3, 6]).chain(years).collect(),
        Granularity::Day => days().chain(years).collect(),
        Granularity::Time => steps(TimeUnit::Minute, &[1, 2, 5, 10, 15, 30])
            .chain(steps(TimeUnit::Hour, &[1, 2, 3, 6, 12]))
            .chain(days())
            .chain(years)
            .collect(),
    }
}

/// A lower bound on the length of one unit, used to refuse huge tick sets before building them.
fn min_unit_ms(unit: TimeUnit) -> f64 {
    match unit {
        TimeUnit::Year => 365.0 * MS_PER_DAY,
        TimeUnit::Quarter => 89.0 * MS_PER_DAY,
        TimeUnit::Month => 28.0 * MS_PER_DAY,
        TimeUnit::Week => 7.0 * MS_PER_DAY,
        TimeUnit::Day => MS_PER_DAY,
        TimeUnit::Hour => MS_PER_HOUR,
        TimeUnit::Minute => MS_PER_MINUTE,
    }
}

/// The unit index (years, months since year 0, days/hours/minutes since the epoch) containing `ms`.
fn unit_index(unit: TimeUnit, ms: f64) -> i64 {
    match unit {
        TimeUnit::Year => Civil::from_ms(ms).year,
        TimeUnit::Quarter | TimeUnit::Month => {
            let c = Civil::from_ms(ms);
            c.year * 12 + i64::from(c.month) - 1
        }
        TimeUnit::Week | TimeUnit::Day => (ms / MS_PER_DAY).floor() as i64,
        TimeUnit::Hour => (ms / MS_PER_HOUR).floor() as i64,
        TimeUnit::Minute => (ms / MS_PER_MINUTE).floor() as i64,
    }
}

/// Epoch milliseconds of the start of unit `index`.
fn index_ms(unit: TimeUnit, index: i64) -> f64 {
    match unit {
        TimeUnit::Year => date::year_start(index),
        TimeUnit::Quarter | TimeUnit::Month => {
            let (year, month) = date::add_months(0, 1, index);
            date::ms_from_civil(year, month, 1)
        }
        TimeUnit::Week | TimeUnit::Day => index as f64 * MS_PER_DAY,
        TimeUnit::Hour => index as f64 * MS_PER_HOUR,
        TimeUnit::Minute => index as f64 * MS_PER_MINUTE,
    }
}

/// The label and major flag of a tick; `first` marks the leftmost tick.
fn tick_label(ms: f64, unit: TimeUnit, first: bool, locale: &Locale) -> (String, bool) {
    let c = Civil::from_ms(ms);
    let new_year = c.month == 1 && c.day == 1;
    let midnight = c.hour == 0 && c.minute == 0;
    let (label, major) = match unit {
        TimeUnit::Year => (DateLabel::Year, true),
        TimeUnit::Quarter if c.month == 1 || first => (DateLabel::QuarterYear, c.month == 1),
        TimeUnit::Quarter => (DateLabel::Quarter, false),
        TimeUnit::Month if c.month == 1 || first => (DateLabel::MonthYear, c.month == 1),
        TimeUnit::Month => (DateLabel::Month, false),
        TimeUnit::Week | TimeUnit::Day => (DateLabel::DayMonth, new_year),
        TimeUnit::Hour | TimeUnit::Minute if midnight => (DateLabel::DayMonth, true),
        TimeUnit::Hour | TimeUnit::Minute if first => (DateLabel::DayMonthTime, false),
        TimeUnit::Hour => (DateLabel::Hour, false),
        TimeUnit::Minute => (DateLabel::Time, false),
    };
    (format::format_date_label(ms, label, locale), major)
}

/// All ticks of `step` within [min_ms, max_ms] (inclusive), aligned to calendar boundaries and labelled for `locale`.
///
/// Alignment: years divisible by `count`; months and quarters counted from January so that
/// 3-month steps fall on Jan/Apr/Jul/Oct and 6-month steps on Jan/Jul; weeks start on Monday
/// (every 2 weeks counted from Monday 1970-01-05); days, hours and minutes are multiples of
/// `count` since the epoch (so 6-hour steps fall on 0, 6, 12, 18 h UTC).
///
/// Labels: years "2023"; quarters "Q2", with the year on Q1 and on the first tick ("Q1 2023");
/// months "Jun", with the year on January and on the first tick ("Jan 2024"); days and weeks
/// "16 May"/"May 16" (no year); hours "14:00"/"2 PM" and minutes "14:30", with midnight
/// labelled by its date and a non-midnight first tick by date and time.
///
/// Returns an empty Vec for non-finite or out-of-range (beyond ±8.64e15 ms) input, or when
/// the range would produce more than [`MAX_TIME_TICKS`] ticks.
pub fn time_ticks(min_ms: f64, max_ms: f64, step: TimeStep, locale: &Locale) -> Vec<TimeTick> {
    time_ticks_at_most(min_ms, max_ms, step, locale, MAX_TIME_TICKS).unwrap_or_default()
}

/// [`time_ticks`], or None as soon as there would be more than `most` (at most
/// [`MAX_TIME_TICKS`]): a step with too many ticks costs no more than `most` labels.
fn time_ticks_at_most(min_ms: f64, max_ms: f64, step: TimeStep, locale: &Locale, most: usize) -> Option<Vec<TimeTick>> {
    let most = most.min(MAX_TIME_TICKS);
    if !min_ms.is_finite() || !max_ms.is_finite() {
        return Some(Vec::new());
    }
    let (lo, hi) = if min_ms <= max_ms {
        (min_ms, max_ms)
    } else {
        (max_ms, min_ms)
    };
    if lo < -MAX_SAFE_MS || hi > MAX_SAFE_MS {
        return Some(Vec::new());
    }
    let count = i64::from(step.count.max(1));
    let unit = step.unit;
    // Cheap early refusal of absurd ranges; the loop below enforces the exact limit.
    let estimate = (hi - lo) / (min_unit_ms(unit) * count as f64);
    if estimate > 2.0 * most as f64 {
        return None;
    }
    let (stride, origin) = match unit {
        TimeUnit::Quarter => (count * 3, 0),
        TimeUnit::Week => (count * 7, 4), // day 4 after the epoch, 1970-01-05, is a Monday
        _ => (count, 0),
    };
    let mut index = origin + (unit_index(unit, lo) - origin).div_euclid(stride) * stride;
    let mut ticks: Vec<TimeTick> = Vec::new();
    // The aligned start is at most one stride before `lo`; the guard bounds the loop regardless.
    for _ in 0..most + 4 {
        let ms = index_ms(unit, index);
        if ms > hi {
            return Some(ticks);
        }
        if ms >= lo {
            if ticks.len() >= most {
                return None;
            }
            let (label, major) = tick_label(ms, unit, ticks.is_empty(), locale);
            ticks.push(TimeTick {
                value: ms,
                label,
                major,
            });
        }
        index += stride;
    }
    None
}

/// Tries `time_steps(finest)` from finest to coarsest and returns the first non-empty tick set that `fits`, else the coarsest non-empty one.
///
/// A single point (min == max) gets one tick at that point labelled for the granularity
/// ("2023", "Q2 2023", "Jun 2023", "16 May 2024", …). Non-finite input gives no ticks.
pub fn choose_time_ticks(
    min_ms: f64,
    max_ms: f64,
    finest: Granularity,
    locale: &Locale,
    fits: impl Fn(&[TimeTick]) -> bool,
) -> Vec<TimeTick> {
    choose_time_ticks_at_most(min_ms, max_ms, finest, locale, MAX_TIME_TICKS, fits)
}

/// [`choose_time_ticks`] when no more than `most` ticks can fit (`fits` is false for more):
/// the finer steps are then refused after `most` labels instead of labelling thousands of
/// ticks (long daily or hourly series) on every render. When none fits, the coarsest
/// step with ticks is built whole, as `choose_time_ticks` returns it.
pub fn choose_time_ticks_at_most(
    min_ms: f64,
    max_ms: f64,
    finest: Granularity,
    locale: &Locale,
    most: usize,
    fits: impl Fn(&[TimeTick]) -> bool,
) -> Vec<TimeTick> {
    if !min_ms.is_finite() || !max_ms.is_finite() {
        return Vec::new();
    }
    if min_ms == max_ms {
        let label = format::format_date(min_ms, finest, locale);
        return vec![TimeTick {
            value: min_ms,
            label,
            major: true,
        }];
    }
    let steps = time_steps(finest);
    for &step in &steps {
        match time_ticks_at_most(min_ms, max_ms, step, locale, most) {
            Some(ticks) if !ticks.is_empty() && fits(&ticks) => return ticks,
            _ => {}
        }
    }
    // None fits: the coarsest step that has ticks, built whole.
    steps.into_iter().rev().map(|step| time_ticks(min_ms, max_ms, step, locale)).find(|t| !t.is_empty()).unwrap_or_default()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::axis::date::{ms_from_civil, year_start};

    fn en() -> &'static Locale {
        Locale::from_tag("en-US").unwrap()
    }
    fn gb() -> &'static Locale {
        Locale::from_tag("en-GB").unwrap()
    }
    fn step(unit: TimeUnit, count: u32) -> TimeStep {
        TimeStep { unit, count }
    }
    fn labels_of(ticks: &[TimeTick]) -> Vec<&str> {
        ticks.iter().map(|t| t.label.as_str()).collect()
    }

    fn check(t: &NumberTicks, min: f64, max: f64, max_count: usize) {
        assert!(t.values.len() >= 2, "{t:?}");
        assert!(t.values.len() <= max_count.max(2), "{t:?}");
        assert!(t.step > 0.0 && t.step.is_finite(), "{t:?}");
        assert!(t.domain.0 < t.domain.1, "{t:?}");
        assert!(t.domain.0.is_finite() && t.domain.1.is_finite(), "{t:?}");
        for w in t.values.windows(2) {
            assert!(w[0] < w[1], "{t:?}");
        }
        for v in &t.values {
            assert!(*v >= t.domain.0 && *v <= t.domain.1, "{t:?}");
            assert!(!(*v == 0.0 && v.is_sign_negative()), "{t:?}");
        }
        if min.is_finite()
            && max.is_finite()
            && min.abs() <= MAX_MAGNITUDE
            && max.abs() <= MAX_MAGNITUDE
        {
            assert!(
                t.domain.0 <= min.min(max) && t.domain.1 >= max.max(min),
                "{min} {max} {t:?}"
            );
        }
    }

    #[test]
    fn simple_ranges() {
        let t = number_ticks(0.0, 240.1, 6, false);
        assert_eq!(t.values, vec![0.0, 50.0, 100.0, 150.0, 200.0, 250.0]);
        assert_eq!(t.step, 50.0);
        assert_eq!(t.domain, (0.0, 250.0));
        let t = number_ticks(69.52, 240.1, 5, false);
        assert_eq!(t.values, vec![50.0, 100.0, 150.0, 200.0, 250.0]);
        let t = number_ticks(0.0, 1.0, 11, false);
        assert_eq!(
            t.values,
            vec![0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]
        );
        let t = number_ticks(0.0, 1.0, 5, false);
        assert_eq!(t.values, vec![0.0, 0.25, 0.5, 0.75, 1.0]);
        assert_eq!(format::decimals_for_step(t.step), 2);
    }

    #[test]
    fn one_point_and_all_equal() {
        let t = number_ticks(5.0, 5.0, 6, false);
        check(&t, 5.0, 5.0, 6);
        assert_eq!(t.domain, (0.0, 10.0));
        let t = number_ticks(240.1, 240.1, 5, false);
        check(&t, 240.1, 240.1, 5);
        assert!(t.domain.0 <= 0.0 && t.domain.1 >= 480.2);
        let t = number_ticks(-3.0, -3.0, 5, false);
        check(&t, -3.0, -3.0, 5);
        assert_eq!(t.domain.1, 0.0);
        let t = number_ticks(0.0, 0.0, 5, false);
        check(&t, 0.0, 0.0, 5);
        assert_eq!(t.domain, (0.0, 1.0));
        let t = number_ticks(7.0, 7.0, 5, true);
        check(&t, 0.0, 7.0, 5);
        assert_eq!(t.domain.0, 0.0);
    }

    #[test]
    fn negative_and_crossing_zero() {
        let t = number_ticks(-5.0, -1.0, 5, false);
        assert_eq!(t.values, vec![-5.0, -4.0, -3.0, -2.0, -1.0]);
        let t = number_ticks(-5.0, -1.0, 5, true);
        check(&t, -5.0, 0.0, 5);
        assert_eq!(t.domain.1, 0.0);
        let t = number_ticks(-3.2, 7.9, 6, false);
        check(&t, -3.2, 7.9, 6);
        assert!(t.values.contains(&0.0));
        let t = number_ticks(-0.3, 0.1, 5, false);
        check(&t, -0.3, 0.1, 5);
        assert_eq!(t.values, vec![-0.3, -0.2, -0.1, 0.0, 0.1]);
    }

    #[test]
    fn include_zero_for_bars() {
        let t = number_ticks(69.52, 240.1, 6, true);
        assert_eq!(t.values, vec![0.0, 50.0, 100.0, 150.0, 200.0, 250.0]);
    }

    #[test]
    fn max_count_two() {
        for (a, b) in [
            (0.0, 240.1),
            (1e6, 1e6 + 1.0),
            (-5.0, -1.0),
            (-1.0, 1.0),
            (-3.0, 250.0),
            (0.1, 0.2),
        ] {
            let t = number_ticks(a, b, 2, false);
            check(&t, a, b, 2);
            assert_eq!(t.values.len(), 2);
        }
        let t = number_ticks(-1.0, 1.0, 2, false);
        assert_eq!(t.values, vec![-1.0, 1.0]);
        let t = number_ticks(0.0, 1.0, 0, false);
        check(&t, 0.0, 1.0, 2);
    }

    #[test]
    fn extreme_magnitudes() {
        let t = number_ticks(1e-9, 5e-9, 5, false);
        check(&t, 1e-9, 5e-9, 5);
        assert_eq!(t.values, vec![1e-9, 2e-9, 3e-9, 4e-9, 5e-9]);
        let t = number_ticks(1e300, 5e300, 5, false);
        check(&t, 1e300, 5e300, 5);
        let t = number_ticks(1e12, 3e12, 5, true);
        check(&t, 0.0, 3e12, 5);
        let t = number_ticks(-f64::MAX, f64::MAX, 5, false);
        check(&t, 0.0, 0.0, 5);
        let t = number_ticks(1e300, 1e300 * (1.0 + 1e-15), 5, false);
        check(&t, 1e300, 1e300 * (1.0 + 1e-15), 5);
        let t = number_ticks(1e-320, 3e-320, 5, false);
        assert!(t.values.len() >= 2 && t.domain.0 < t.domain.1);
    }

    #[test]
    fn non_finite_falls_back() {
        for (a, b) in [
            (f64::NAN, 1.0),
            (0.0, f64::INFINITY),
            (f64::NEG_INFINITY, f64::NAN),
        ] {
            let t = number_ticks(a, b, 5, false);
            assert_eq!(t.domain, (0.0, 1.0));
            check(&t, 0.0, 1.0, 5);
        }
    }

    #[test]
    fn sweep_invariants() {
        let mut seed: u64 = 0x1234_5678;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..3000 {
            let e1 = (next() % 40) as i32 - 20;
            let a = (next() % 2000) as f64 / 100.0 - 10.0;
            let b = (next() % 2000) as f64 / 100.0 - 10.0;
            let (a, b) = (a * 10f64.powi(e1), b * 10f64.powi(e1));
            let count = (next() % 12) as usize + 2;
            let zero = next() % 2 == 0;
            let t = number_ticks(a, b, count, zero);
            let (lo, hi) = if zero {
                (a.min(b).min(0.0), a.max(b).max(0.0))
            } else {
                (a.min(b), a.max(b))
            };
            check(&t, lo, hi, count);
            let s = t.step;
            for v in &t.values {
                let k = v / s;
                assert!(
                    (k - k.round()).abs() < 1e-6 || count == 2,
                    "{v} not a multiple of {s}"
                );
            }
        }
    }

    #[test]
    fn log_axis() {
        let t = log_ticks(3.0, 700.0, 20);
        assert_eq!(t.domain, (1.0, 1000.0));
        assert_eq!(
            t.values,
            vec![1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0, 1000.0]
        );
        let t = log_ticks(3.0, 700.0, 4);
        assert_eq!(t.values, vec![1.0, 10.0, 100.0, 1000.0]);
        let t = log_ticks(0.001, 1e6, 4);
        assert_eq!(t.values.len(), 4);
        assert_eq!(t.values, vec![0.001, 1.0, 1000.0, 1e6]);
        assert_eq!(t.step, 1000.0);
        let t = log_ticks(100.0, 100.0, 5);
        assert_eq!(t.domain, (100.0, 1000.0));
        let t = log_ticks(1e-9, 1e300, 2);
        assert_eq!(t.values.len(), 2);
        let t = log_ticks(0.0, 10.0, 5);
        assert_eq!(t.domain, (1.0, 10.0));
        let t = log_ticks(f64::NAN, 10.0, 5);
        assert_eq!(t.domain, (1.0, 10.0));
        for (a, b, n) in [
            (0.5, 2e5, 3),
            (1e-100, 1e100, 2),
            (1e-100, 1e100, 3),
            (7.0, 9.0, 2),
            (1.0, 1e10, 7),
        ] {
            let t = log_ticks(a, b, n);
            assert!(t.values.len() >= 2 && t.values.len() <= n, "{t:?}");
            assert!(t.domain.0 <= a && t.domain.1 >= b, "{t:?}");
            assert!(t.values.windows(2).all(|w| w[0] < w[1]), "{t:?}");
            assert!(t.values.iter().all(|v| *v > 0.0 && v.is_finite()), "{t:?}");
        }
    }

    #[test]
    fn step_lists() {
        let years = time_steps(Granularity::Year);
        assert!(years.iter().all(|s| s.unit == TimeUnit::Year));
        assert_eq!(years.first(), Some(&step(TimeUnit::Year, 1)));
        assert_eq!(years.len(), 11);
        let q = time_steps(Granularity::Quarter);
        assert_eq!(q[0], step(TimeUnit::Quarter, 1));
        assert!(q
            .iter()
            .all(|s| matches!(s.unit, TimeUnit::Quarter | TimeUnit::Year)));
        let m = time_steps(Granularity::Month);
        assert!(m
            .iter()
            .all(|s| matches!(s.unit, TimeUnit::Month | TimeUnit::Year)));
        assert_eq!(time_steps(Granularity::Day)[2], step(TimeUnit::Week, 1));
        assert_eq!(time_steps(Granularity::Time)[0].unit, TimeUnit::Minute);
    }

    #[test]
    fn century_of_annual_data() {
        let lo = year_start(1925);
        let hi = year_start(2024);
        let ticks = choose_time_ticks(lo, hi, Granularity::Year, en(), |t| t.len() <= 11);
        let labels = labels_of(&ticks);
        assert_eq!(
            labels,
            vec!["1930", "1940", "1950", "1960", "1970", "1980", "1990", "2000", "2010", "2020"]
        );
        let ticks = choose_time_ticks(lo, hi, Granularity::Year, en(), |t| t.len() <= 6);
        assert_eq!(ticks[0].label, "1940");
        assert_eq!(ticks.len(), 5);
        assert!(ticks.iter().all(|t| t.major));
    }

    #[test]
    fn at_most_chooses_as_the_uncapped_search_when_more_cannot_fit() {
        let ranges = [
            (year_start(1570), year_start(2026), Granularity::Day),
            (year_start(2000), year_start(2024), Granularity::Month),
            (year_start(2023), year_start(2023) + 3.0 * MS_PER_DAY, Granularity::Time),
            (year_start(1900), year_start(2024), Granularity::Year),
        ];
        for (lo, hi, g) in ranges {
            for most in [0, 1, 2, 5, 12, 40, 200] {
                let fits = |t: &[TimeTick]| t.len() <= most;
                let capped = choose_time_ticks_at_most(lo, hi, g, en(), most, fits);
                let whole = choose_time_ticks(lo, hi, g, en(), fits);
                assert_eq!(labels_of(&capped), labels_of(&whole), "{g:?} most {most}");
            }
        }
    }

    #[test]
    fn a_step_with_more_ticks_than_allowed_is_refused() {
        let step = TimeStep { unit: TimeUnit::Year, count: 1 };
        assert!(time_ticks_at_most(year_start(2000), year_start(2024), step, en(), 10).is_none());
        assert_eq!(time_ticks_at_most(year_start(2000), year_start(2024), step, en(), 25).map(|t| t.len()), Some(25));
    }

    #[test]
    fn annual_data_stays_on_january() {
        let lo = year_start(2016);
        let hi = year_start(2023);
        for limit in 1..12 {
            let ticks = choose_time_ticks(lo, hi, Granularity::Year, en(), |t| t.len() <= limit);
            assert!(!ticks.is_empty());
            for t in &ticks {
                let c = Civil::from_ms(t.value);
                assert_eq!((c.month, c.day, c.hour), (1, 1, 0));
                assert_eq!(t.label.len(), 4);
            }
        }
        let all = choose_time_ticks(lo, hi, Granularity::Year, en(), |_| true);
        assert_eq!(all.len(), 8);
        assert_eq!(all[0].label, "2016");
        assert_eq!(all[7].label, "2023");
    }

    #[test]
    fn three_days_of_daily_data() {
        let lo = ms_from_civil(2024, 5, 15);
        let hi = ms_from_civil(2024, 5, 17);
        let ticks = choose_time_ticks(lo, hi, Granularity::Day, gb(), |_| true);
        let labels = labels_of(&ticks);
        assert_eq!(labels, vec!["15 May", "16 May", "17 May"]);
        let ticks = choose_time_ticks(lo, hi, Granularity::Day, en(), |_| true);
        assert_eq!(ticks[1].label, "May 16");
        assert!(ticks.iter().all(|t| !t.major));
    }

    #[test]
    fn two_years_of_monthly_data_at_narrow_width() {
        let lo = ms_from_civil(2022, 1, 1);
        let hi = ms_from_civil(2023, 12, 1);
        let ticks = choose_time_ticks(lo, hi, Granularity::Month, en(), |t| t.len() <= 4);
        let labels = labels_of(&ticks);
        assert_eq!(labels, vec!["Jan 2022", "Jul", "Jan 2023", "Jul"]);
        let ticks = choose_time_ticks(lo, hi, Granularity::Month, en(), |t| t.len() <= 2);
        let labels = labels_of(&ticks);
        assert_eq!(labels, vec!["2022", "2023"]);
        let ticks = choose_time_ticks(lo, hi, Granularity::Month, en(), |t| t.len() <= 30);
        assert_eq!(ticks.len(), 24);
        assert_eq!(ticks[1].label, "Feb");
        assert!(ticks[12].major && ticks[12].label == "Jan 2023");
    }

    #[test]
    fn quarter_and_month_labels() {
        let lo = ms_from_civil(2022, 7, 1);
        let hi = ms_from_civil(2023, 7, 1);
        let q = time_ticks(lo, hi, step(TimeUnit::Quarter, 1), en());
        let labels = labels_of(&q);
        assert_eq!(labels, vec!["Q3 2022", "Q4", "Q1 2023", "Q2", "Q3"]);
        let m = time_ticks(lo, hi, step(TimeUnit::Month, 3), en());
        let labels = labels_of(&m);
        assert_eq!(labels, vec!["Jul 2022", "Oct", "Jan 2023", "Apr", "Jul"]);
        let de = Locale::from_tag("de").unwrap();
        let m = time_ticks(lo, hi, step(TimeUnit::Month, 6), de);
        let labels = labels_of(&m);
        assert_eq!(labels, vec!["Jul 2022", "Jan 2023", "Jul"]);
        // Unaligned start: the first tick is the next boundary inside the range.
        let m = time_ticks(
            ms_from_civil(2022, 2, 10),
            hi,
            step(TimeUnit::Quarter, 2),
            en(),
        );
        assert_eq!(m[0].label, "Q3 2022");
    }

    #[test]
    fn weeks_hours_minutes() {
        let lo = ms_from_civil(2024, 5, 1);
        let hi = ms_from_civil(2024, 5, 31);
        let w = time_ticks(lo, hi, step(TimeUnit::Week, 1), gb());
        let labels = labels_of(&w);
        assert_eq!(labels, vec!["6 May", "13 May", "20 May", "27 May"]);
        let w2 = time_ticks(lo, hi, step(TimeUnit::Week, 2), gb());
        assert_eq!(w2.len(), 2);
        assert!(w2
            .iter()
            .all(|t| (t.value / MS_PER_DAY - 4.0).rem_euclid(7.0) == 0.0));
        let day = ms_from_civil(2024, 5, 16);
        let h = time_ticks(
            day + 5.0 * MS_PER_HOUR,
            day + 30.0 * MS_PER_HOUR,
            step(TimeUnit::Hour, 6),
            gb(),
        );
        let labels = labels_of(&h);
        assert_eq!(
            labels,
            vec!["16 May, 06:00", "12:00", "18:00", "17 May", "06:00"]
        );
        assert!(h[3].major && !h[1].major);
        let h = time_ticks(
            day + 13.0 * MS_PER_HOUR,
            day + 15.0 * MS_PER_HOUR,
            step(TimeUnit::Hour, 1),
            en(),
        );
        let labels = labels_of(&h);
        assert_eq!(labels, vec!["May 16, 1:00 PM", "2 PM", "3 PM"]);
        let m = time_ticks(
            day + 10.0 * MS_PER_MINUTE,
            day + 40.0 * MS_PER_MINUTE,
            step(TimeUnit::Minute, 15),
            gb(),
        );
        let labels = labels_of(&m);
        assert_eq!(labels, vec!["16 May, 00:15", "00:30"]);
        let ticks = choose_time_ticks(day, day + 2.0 * MS_PER_HOUR, Granularity::Time, gb(), |t| {
            t.len() <= 5
        });
        assert_eq!(ticks.len(), 5);
        assert_eq!(ticks[0].label, "16 May");
    }

    #[test]
    fn single_points() {
        let t = ms_from_civil(2023, 4, 1);
        let one = choose_time_ticks(t, t, Granularity::Quarter, en(), |_| false);
        assert_eq!(
            one,
            vec![TimeTick {
                value: t,
                label: "Q2 2023".into(),
                major: true
            }]
        );
        let one = choose_time_ticks(t, t, Granularity::Year, en(), |_| true);
        assert_eq!(one[0].label, "2023");
        let one = choose_time_ticks(t, t, Granularity::Day, gb(), |_| true);
        assert_eq!(one[0].label, "1 April 2023");
    }

    #[test]
    fn bounded_and_safe() {
        let lo = year_start(1);
        let hi = year_start(9999);
        assert!(time_ticks(lo, hi, step(TimeUnit::Minute, 1), en()).is_empty());
        assert!(time_ticks(lo, hi, step(TimeUnit::Day, 1), en()).is_empty());
        assert_eq!(
            time_ticks(lo, hi, step(TimeUnit::Year, 1), en()).len(),
            9999
        );
        assert_eq!(
            time_ticks(lo, hi, step(TimeUnit::Year, 1000), en()).len(),
            9
        );
        assert!(time_ticks(f64::NAN, hi, step(TimeUnit::Year, 1), en()).is_empty());
        assert!(time_ticks(-1e300, 1e300, step(TimeUnit::Year, 1), en()).is_empty());
        let zero = time_ticks(
            year_start(2020),
            year_start(2024),
            step(TimeUnit::Year, 0),
            en(),
        );
        assert_eq!(zero.len(), 5);
        // Reversed bounds are accepted.
        assert_eq!(
            time_ticks(
                year_start(2024),
                year_start(2020),
                step(TimeUnit::Year, 2),
                en()
            )
            .len(),
            3
        );
        // Minute data over a millennium still returns something sensible.
        let ticks = choose_time_ticks(lo, hi, Granularity::Time, en(), |t| t.len() <= 12);
        assert!(!ticks.is_empty() && ticks.len() <= 12);
        assert!(choose_time_ticks(f64::NAN, hi, Granularity::Year, en(), |_| true).is_empty());
        // Nothing fits: the coarsest non-empty set is returned.
        let ticks = choose_time_ticks(
            year_start(2016),
            year_start(2023),
            Granularity::Year,
            en(),
            |_| false,
        );
        assert_eq!(ticks.len(), 1);
        assert_eq!(ticks[0].label, "2020");
    }
}
