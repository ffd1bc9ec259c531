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
#![warn(missing_docs)]
#![warn(clippy::too_many_lines)]
#![cfg_attr(not(test), warn(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic))]

// The crate's folders, each owning one concept (DEVELOPERS.md has the map and says which
// folder may use which). `ingest` and `axis` are private: their modules are offered by the
// `pub use` lines below under the flat paths the binary, the tests and the fuzz targets use
// (`trade_chart::spec`, `trade_chart::date`, `trade_chart::format`, ...). The other folders
// are still public under their own names, because those names are the public paths.
mod axis;
pub mod error;
pub mod export;
mod ingest;
pub mod interact;
pub mod layout;
pub mod model;
pub mod render;
pub mod story;
pub mod text;
pub mod theme;
#[cfg(target_arch = "wasm32")]
pub mod web;

pub use axis::{date, format, scale, ticks};
pub use ingest::{csv_input, json, points, spec, table};
pub use interact::view;
pub use render::{crisp, decimate, svg};
pub use story::sound;

pub use error::ChartError;
pub use model::Chart;
