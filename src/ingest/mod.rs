//! Ingest: everything that turns outside text into a validated [`crate::model::Chart`].
//!
//! Owns the JSON reader ([`json`]), the spec schema and its validation ([`spec`]), CSV
//! and long tables ([`csv_input`], [`table`]) and date parsing ([`date`]).
//! May use: `model`, `axis` (units, number formats), `story` (step specs), `error`, `theme`.
//! Nothing outside `web` and the public API calls into it.

pub mod csv_input;
pub mod date;
pub mod json;
pub mod spec;
pub mod table;
