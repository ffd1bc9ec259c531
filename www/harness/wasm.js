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

/** How long a worker may take to start before the page compiles the wasm itself. */
const WORKER_START_MS = 5000;

let compiled = null;
let wasmReady = null;

/**
 * Compiles the wasm in a worker (trade-chart-worker.js), which also calls the first
 * chart's functions once so that Chromium's lazy compile of them happens there. Resolves
 * to the module, or to null when there is no worker: none can be started (a harness
 * loaded from another origin, a CSP that refuses workers), it does not start in time, or
 * it reports a failed fetch or compile. The worker ends as soon as it has answered.
 */
function compileInWorker() {
  let worker;
  try {
    worker = new Worker(new URL("./trade-chart-worker.js", import.meta.url), { type: "module" });
  } catch {
    return null;
  }
  return new Promise((resolve) => {
    const finish = (module) => {
      clearTimeout(timer);
      worker.terminate();
      resolve(module instanceof WebAssembly.Module ? module : null);
    };
    const timer = setTimeout(() => finish(null), WORKER_START_MS);
    worker.onmessage = ({ data }) => {
      if (data && data.started) clearTimeout(timer);
      else finish(data && data.module);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      finish(null);
    };
    worker.onmessageerror = () => finish(null);
    worker.postMessage(String(WASM_URL));
  });
}

/** The streamed compile on this thread; null where the browser has none. */
function compileHere() {
  if (typeof WebAssembly.compileStreaming !== "function") return null;
  return WebAssembly.compileStreaming(fetch(WASM_URL, { credentials: "same-origin" })).catch(() => null);
}

/**
 * Starts fetching and compiling the wasm (streamed, while the page goes on loading, in a
 * worker where one can run) without instantiating it. Called when the first chart is put
 * on a page, so the bytes are on their way before that chart scrolls into view. Safe to
 * call often; the first call decides. `worker: false` compiles on this thread.
 */
export function preloadWasm({ worker = true } = {}) {
  if (!compiled) {
    const inWorker = worker !== false && typeof Worker === "function";
    compiled = inWorker ? Promise.resolve(compileInWorker()).then((module) => module || compileHere()) : compileHere();
  }
  return compiled;
}

/**
 * Loads and instantiates the wasm module once per page; every chart shares it. A page may
 * call it early to start the download; `{worker: false}` (before the first chart) keeps
 * the compile on the main thread.
 */
export function loadWasm(options) {
  if (!wasmReady) {
    // A failed streamed compile (a server that sends the wasm with the wrong type, say)
    // falls back to init's own fetch, which reports the error.
    wasmReady = Promise.resolve(preloadWasm(options)).then((module) => init({ module_or_path: module || WASM_URL }));
  }
  return wasmReady;
}
