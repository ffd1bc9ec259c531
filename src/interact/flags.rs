//! Bits the web layer's input methods return: what the harness must schedule. The harness
//! (`www/trade-chart.js`) names the same bits; `tests/flags.rs` fails when the two drift.

/// Redraw the data layer.
pub const DATA: u32 = 1;
/// Redraw the overlay (and tooltip).
pub const OVERLAY: u32 = 2;
/// The visible range changed (emit a "view" event).
pub const VIEW: u32 = 4;
/// The event was used: call preventDefault.
pub const CONSUMED: u32 = 8;
/// There is text to announce (read it with `takeAnnouncement`).
pub const ANNOUNCE: u32 = 16;

/// Every bit with the name the harness gives it.
pub const ALL: [(&str, u32); 5] = [("DATA", DATA), ("OVERLAY", OVERLAY), ("VIEW", VIEW), ("CONSUMED", CONSUMED), ("ANNOUNCE", ANNOUNCE)];
