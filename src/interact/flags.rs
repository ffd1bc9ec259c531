//! Bits the web layer's input methods return: what the harness must schedule. The harness
//! reads them from the wasm module (`Redraw`, exported by wasm-bindgen), so there is one
//! copy of each value, here.

use wasm_bindgen::prelude::wasm_bindgen;

/// What an input asks the harness to do, as bits of the number the input methods return.
/// Exported to JavaScript as the frozen object `Redraw` (`Redraw.Data === 1`, ...).
#[wasm_bindgen]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Redraw {
    /// Redraw the data layer.
    Data = 1,
    /// Redraw the overlay (and tooltip).
    Overlay = 2,
    /// The visible range changed (emit a "view" event).
    View = 4,
    /// The event was used: call preventDefault.
    Consumed = 8,
    /// There is text to announce (read it with `takeAnnouncement`).
    Announce = 16,
}

/// Redraw the data layer.
pub const DATA: u32 = Redraw::Data as u32;
/// Redraw the overlay (and tooltip).
pub const OVERLAY: u32 = Redraw::Overlay as u32;
/// The visible range changed (emit a "view" event).
pub const VIEW: u32 = Redraw::View as u32;
/// The event was used: call preventDefault.
pub const CONSUMED: u32 = Redraw::Consumed as u32;
/// There is text to announce (read it with `takeAnnouncement`).
pub const ANNOUNCE: u32 = Redraw::Announce as u32;

/// Every bit with the name wasm-bindgen gives it in `Redraw`.
pub const ALL: [(&str, u32); 5] = [("Data", DATA), ("Overlay", OVERLAY), ("View", VIEW), ("Consumed", CONSUMED), ("Announce", ANNOUNCE)];
