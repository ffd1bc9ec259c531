//! trade-chart: interactive charts of trade and commodity-shipment series.
//!
//! The crate is a pure core (data model, validation, scales, ticks, formatting, layout,
//! drawing on a plotters `DrawingArea`) plus a thin WebAssembly layer (`ChartHandle`)
//! that alone touches the browser. The same renderer draws to a canvas in the
//! browser and to SVG (natively and in the browser):
//!
//! ```
//! let chart = trade_chart::parse_spec(r#"{
//!     "title": "China–Russia trade",
//!     "series": [{"name": "Trade", "unit": "$bn", "data": [["2022", 190.27], ["2023", 240.1]]}]
//! }"#).unwrap();
//! let svg = trade_chart::render_svg(&chart, 640.0, None, trade_chart::ThemeChoice::Light).unwrap();
//! assert!(svg.contains("China–Russia trade"));
//! ```
#![warn(missing_docs)]
// Every type a public item hands out is exported too (a caller can name what it gets).
#![warn(unnameable_types)]
#![warn(clippy::too_many_lines)]
#![cfg_attr(not(test), warn(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic))]

// The crate's folders, each owning one concept (DEVELOPERS.md has the map and says which
// folder may use which). All are private: what the crate offers is the list of `pub use`
// lines below, by concept, and nothing else is public.
mod axis;
mod error;
mod export;
mod ingest;
// The state machine, the overlay and the story frames serve the web glue, which only a
// wasm32 build compiles: natively they are used by their unit tests alone. The wasm32 lint
// (`make lint`) still catches anything in them that nothing uses.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code, unused_imports))]
mod interact;
mod layout;
mod model;
mod order;
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code, unused_imports))]
mod render;
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code, unused_imports))]
mod story;
mod text;
mod theme;
mod to_json;
#[cfg(target_arch = "wasm32")]
mod web;

// The web glue: the chart handle the harness drives (the wasm-bindgen functions of `web`
// are exported to JavaScript whatever their Rust path), and the bits its input methods
// return, which the harness names too.
#[cfg(target_arch = "wasm32")]
pub use web::ChartHandle;
pub use interact::flags;

// Reading a spec: JSON text, a JSON tree, CSV; the limits every input is held to.
pub use ingest::csv_input::{series_from_csv, CsvOptions};
pub use ingest::json::{Json, MAX_DEPTH};
pub use ingest::points::{MAX_POINTS, MAX_SERIES};
pub use ingest::spec::{chart_from_json, parse_csv_chart, parse_spec, MAX_TEXT};

// The validated chart, and its errors.
pub use error::ChartError;
pub use model::{Annotation, AnnotationKind, Chart, ScaleKind, Series, SeriesKind, Step, Summary, SummaryCache, ThemeChoice, View};

// Dates, numbers, scales and ticks: the building blocks of axes.
pub use axis::scale::Scale;
pub use axis::date::{civil_from_days, days_from_civil, ms_from_civil, parse_date, parse_date_in, year_start, Civil, DateError, DayOrder, Granularity, MS_PER_DAY};
pub use axis::format::{decimals_for_step, format_change, format_date, format_number, format_value, Locale, Magnitude, Unit};
pub use axis::ticks::{choose_time_ticks, log_ticks, number_ticks, time_steps, time_ticks, NumberTicks, TimeStep, TimeTick, TimeUnit, MAX_MAGNITUDE};

// Layout: where everything goes, in CSS pixels, measured with a text measure and a theme.
pub use layout::{bar_offset, layout, Align, Layout, LayoutOptions, LegendItem, Mark, Panel, Rect, Side, TextItem};
pub use text::{ApproxMeasure, Font, TextMeasure};
pub use to_json::ToJson;
pub use theme::{Rgb, Theme};

// Drawing: a layout onto a plotters area, decimated per device column; SVG text.
pub use render::decimate::{runs, POINTS_PER_COLUMN};
pub use render::draw;
pub use render::svg::render_svg;

// Reading the chart: the visible range, the description and data table, CSV export.
pub use export::{csv_cell, to_csv};
pub use interact::view::Viewport;
pub use interact::{data_table, describe, DataTable};
