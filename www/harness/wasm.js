// Loading: the one place that imports the wasm-bindgen glue. Every chart on a page shares
// one instance of the module; the redraw bits come from Rust (`Redraw` in
// src/interact/flags.rs), never copied here.
import init, { ChartHandle, Redraw } from "../pkg/trade_chart.js";

export { ChartHandle };

/** Bits the Rust input methods return: what to schedule. */
export const DATA = Redraw.Data;
export const OVERLAY = Redraw.Overlay;
export const VIEW = Redraw.View;
export const CONSUMED = Redraw.Consumed;
export const ANNOUNCE = Redraw.Announce;

const WASM_URL = new URL("../pkg/trade_chart_bg.wasm", import.meta.url);

let compiled = null;
let wasmReady = null;

/**
 * Starts fetching and compiling the wasm (streamed, while the page goes on loading) without
 * instantiating it. Called when the first chart is put on a page, so the bytes are on
 * their way before that chart scrolls into view. Safe to call often.
 */
export function preloadWasm() {
  if (!compiled && typeof WebAssembly.compileStreaming === "function") {
    compiled = WebAssembly.compileStreaming(fetch(WASM_URL, { credentials: "same-origin" })).catch(() => null);
  }
  return compiled;
}

/** Loads and instantiates the wasm module once per page; every chart shares it. */
export function loadWasm() {
  if (!wasmReady) {
    // A failed streamed compile (a server that sends the wasm with the wrong type, say)
    // falls back to init's own fetch, which reports the error.
    wasmReady = Promise.resolve(preloadWasm()).then((module) => init({ module_or_path: module || WASM_URL }));
  }
  return wasmReady;
}
