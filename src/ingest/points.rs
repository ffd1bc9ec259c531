//! What every input path (JSON points, typed arrays, CSV, records) shares about points:
//! how many a chart may hold, and their order (sorted by date, each date once per series).
//!
//! Owns the limits; sorts with the crate's one sort, [`crate::order::order_by`]. May use:
//! `model`, `axis` (dates for messages), `error`, `order`; used by `spec`, `csv_input` and
//! `table`, and uses none of them.

use crate::axis::date::Granularity;
use crate::axis::format;
use crate::error::ChartError;
use crate::order::order_by;

/// Most points a chart may hold in all (protects the page's memory).
pub const MAX_POINTS: usize = 10_000_000;
/// Most series a chart may hold.
pub const MAX_SERIES: usize = 1000;

/// Sorts points by x when they are not in strictly ascending order, moving each column of
/// `columns` with x, and refuses a repeated x as `DuplicateX` naming `series` (dates are
/// written in `granularity`, or in each date's own when None). Returns the input index of
/// each point when they had to be sorted (for messages), None when they were in order.
pub(crate) fn sort_points(x: &mut Vec<f64>, columns: &mut [Vec<f64>], series: &str, granularity: Option<Granularity>) -> Result<Option<Vec<usize>>, ChartError> {
    if !x.windows(2).any(|w| matches!(w, [a, b] if a >= b)) {
        return Ok(None);
    }
    let order = sort_order(x, series, granularity)?;
    *x = order.iter().filter_map(|&i| x.get(i).copied()).collect();
    for y in columns {
        *y = order.iter().filter_map(|&i| y.get(i).copied()).collect();
    }
    Ok(Some(order))
}

/// The order that sorts `x` ascending (original indices), or the first repeated value as
/// `DuplicateX` naming `series` and both original indices. Used for JSON, typed-array and
/// CSV input alike.
pub(crate) fn sort_order(x: &[f64], series: &str, granularity: Option<Granularity>) -> Result<Vec<usize>, ChartError> {
    let order = order_by(x);
    let at = |i: usize| x.get(i).copied().unwrap_or(0.0);
    for pair in order.windows(2) {
        if let [a, b] = *pair {
            if at(a) == at(b) {
                let g = granularity.unwrap_or_else(|| Granularity::of_timestamp(at(a)));
                return Err(ChartError::DuplicateX {
                    series: series.to_string(),
                    x: format::format_date(at(a), g, format::default_locale()),
                    first: a.min(b),
                    second: a.max(b),
                });
            }
        }
    }
    Ok(order)
}
