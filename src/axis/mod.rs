//! Axes: value-to-pixel scales ([`scale`]), tick choice ([`ticks`]) and the number, date
//! and unit formatting the ticks and tooltips print ([`format`]).
//!
//! May use: `ingest::date` (civil dates and granularity), `error`. Pure functions, no
//! drawing and no layout.

pub mod format;
pub mod scale;
pub mod ticks;
