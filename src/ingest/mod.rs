//! Ingest: everything that turns outside text into a validated [`crate::model::Chart`].
//!
//! Owns the JSON tree ([`json`]) and its text reader ([`json_text`]), the spec schema and its validation ([`spec`]), story
//! steps as written in a spec ([`steps`]), CSV and long tables ([`csv_input`], [`table`]),
//! and what they all share about points ([`points`]: the limits, sorting by date, each
//! date once); dates are parsed by `axis::date`.
//! May use: `model`, `axis` (dates, units, number formats), `error`, `theme`.
//! Used by `web` and the public API only.

pub mod csv_input;
pub mod json;
mod json_text;
pub mod points;
pub mod spec;
pub mod steps;
pub mod table;
