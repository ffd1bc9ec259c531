//! Render: drawing a laid-out chart on a plotters `DrawingArea` ([`draw`]), the SVG
//! renderer on top of it ([`svg`]), the pixel-snapping canvas wrapper ([`crisp`]) and
//! per-pixel-column decimation of dense series ([`decimate`]).
//!
//! May use: `layout`, `model`, `theme`, `text`, `axis`, `interact` (the cursor it draws).
//! Never reads input or touches the DOM.

pub mod crisp;
pub mod decimate;
mod draw;
pub mod svg;

pub use draw::{draw, overlay_marks, OverlayState, PLOTTERS_FONT_SCALE};
