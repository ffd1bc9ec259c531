//! trade-chart: interactive charts of trade and commodity-shipment series.
//!
//! The crate is a pure core (data model, validation, scales, ticks, formatting, layout,
//! drawing on a plotters `DrawingArea`) plus a thin WebAssembly layer in
//! [`web`] that alone touches the browser. The same renderer draws to a canvas in the
//! browser and to SVG (natively and in the browser):
//!
//! ```
//! let chart = trade_chart::spec::parse_spec(r#"{
//!     "title": "China–Russia trade",
//!     "series": [{"name": "Trade", "unit": "$bn", "data": [["2022", 190.27], ["2023", 240.1]]}]
//! }"#).unwrap();
//! let svg = trade_chart::svg::render_svg(&chart, 640.0, None, trade_chart::model::ThemeChoice::Light).unwrap();
//! assert!(svg.contains("China–Russia trade"));
//! ```
#![cfg_attr(not(test), warn(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic))]

pub mod crisp;
pub mod csv_input;
pub mod date;
pub mod decimate;
pub mod error;
pub mod format;
pub mod interact;
pub mod json;
pub mod layout;
pub mod model;
pub mod render;
pub mod scale;
pub mod sound;
pub mod spec;
pub mod story;
pub mod table;
pub mod svg;
pub mod text;
pub mod theme;
pub mod ticks;
pub mod view;
#[cfg(target_arch = "wasm32")]
pub mod web;

pub use error::ChartError;
pub use model::Chart;
