//! Axes and the values on them: civil dates, date parsing and granularity ([`date`]),
//! value-to-pixel scales ([`scale`]), tick choice ([`ticks`]) and the number, date and
//! unit formatting the ticks and tooltips print ([`format`]).
//!
//! May use: nothing else in the crate. Pure functions, no drawing and no layout; everything
//! above (ingest, model, layout, interact, render, story) builds on it.

pub mod date;
pub mod format;
pub mod scale;
pub mod ticks;
