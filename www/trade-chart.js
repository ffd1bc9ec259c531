// trade-chart: the thin JavaScript harness around the WebAssembly chart engine.
//
//   import { mount } from "./trade-chart.js";
//   const chart = await mount(document.querySelector("#chart"), "data/trade.json");
//   chart.update(newSpec);   // throws (and shows) a TradeChartError on bad input
//   chart.destroy();         // removes everything mount added
//
// The harness owns the DOM: it creates the canvas, listens for size, pixel-ratio and
// colour-scheme changes, and forwards plain numbers to Rust, which lays out and draws.

import init, { ChartHandle } from "./pkg/trade_chart.js";

let wasmReady = null;

/** Loads and instantiates the wasm module once per page; every chart shares it. */
export function loadWasm() {
  if (!wasmReady) {
    wasmReady = init({ module_or_path: new URL("./pkg/trade_chart_bg.wasm", import.meta.url) });
  }
  return wasmReady;
}

/** Fetches a spec by URL (same-origin credentials), with a clear error on failure. */
async function fetchSpec(url) {
  let response;
  try {
    response = await fetch(url, { credentials: "same-origin" });
  } catch (e) {
    throw chartError(`could not load ${url}: ${e.message}`, "fetch");
  }
  if (!response.ok) {
    throw chartError(`could not load ${url}: HTTP ${response.status}`, "fetch");
  }
  return response.text();
}

function chartError(message, code) {
  const err = new Error(message);
  err.name = "TradeChartError";
  err.code = code;
  return err;
}

function applyStyles(el, styles) {
  for (const [k, v] of Object.entries(styles)) el.style[k] = v;
}

/** One chart in one container. Create it with `mount`. */
export class Chart {
  /** @internal use mount() */
  constructor(container, spec) {
    this.container = container;
    this.root = document.createElement("div");
    this.root.className = "tc-chart";
    applyStyles(this.root, { position: "relative", width: "100%" });
    this.canvas = document.createElement("canvas");
    this.canvas.className = "tc-data";
    this.canvas.setAttribute("role", "img");
    applyStyles(this.canvas, { display: "block", width: "100%" });
    this.errorBox = document.createElement("div");
    this.errorBox.className = "tc-error";
    this.errorBox.setAttribute("role", "alert");
    this.errorBox.hidden = true;
    applyStyles(this.errorBox, {
      font: "14px/1.4 system-ui, sans-serif",
      padding: "10px 12px",
      margin: "0 0 8px",
      border: "1px solid #c0392b",
      borderLeftWidth: "4px",
      background: "#fdf0ee",
      color: "#7b241c",
      whiteSpace: "pre-wrap",
    });
    this.root.append(this.errorBox, this.canvas);
    // Throws a TradeChartError for a bad spec before anything is attached.
    this.handle = new ChartHandle(this.canvas, spec);
    this.canvas.setAttribute("aria-label", this.handle.title() || "Chart");
    container.append(this.root);

    this.frame = 0;
    this.schedule = () => {
      if (!this.frame && this.handle) {
        this.frame = requestAnimationFrame(() => {
          this.frame = 0;
          this.render();
        });
      }
    };
    this.resizeObserver = new ResizeObserver(this.schedule);
    this.resizeObserver.observe(container);
    this.darkQuery = matchMedia("(prefers-color-scheme: dark)");
    this.darkQuery.addEventListener("change", this.schedule);
    this.watchPixelRatio();
    this.render();
  }

  /** Re-renders when devicePixelRatio changes (browser zoom, another screen). */
  watchPixelRatio() {
    this.dprQuery?.removeEventListener("change", this.onDprChange);
    this.dprQuery = matchMedia(`(resolution: ${window.devicePixelRatio}dppx)`);
    this.onDprChange = () => {
      this.watchPixelRatio();
      this.schedule();
    };
    this.dprQuery.addEventListener("change", this.onDprChange);
  }

  /** Lays out and draws at the container's current width. */
  render() {
    if (!this.handle) return;
    const width = this.container.clientWidth;
    if (width <= 0) return;
    const height = Math.round(this.handle.preferredHeight(width));
    this.canvas.style.height = `${height}px`;
    try {
      this.handle.render(width, height, window.devicePixelRatio || 1, this.darkQuery.matches);
    } catch (e) {
      this.showError(e);
      throw e;
    }
    const [x, y, w, h] = this.handle.plotArea();
    this.canvas.dataset.plot = [x, y, w, h].map((v) => Math.round(v * 100) / 100).join(",");
    this.container.dataset.tcState = "ready";
  }

  /** Swaps data or options. A bad spec throws and is shown; the last good chart stays. */
  update(spec) {
    if (!this.handle) throw chartError("this chart has been destroyed", "destroyed");
    try {
      this.handle.update(spec);
    } catch (e) {
      this.showError(e);
      throw e;
    }
    this.hideError();
    this.canvas.setAttribute("aria-label", this.handle.title() || "Chart");
    this.render();
  }

  showError(e) {
    this.errorBox.textContent = e && e.message ? e.message : String(e);
    this.errorBox.hidden = false;
  }

  hideError() {
    this.errorBox.hidden = true;
    this.errorBox.textContent = "";
  }

  /** Number of times the data canvas was drawn. */
  get renderCount() {
    return this.handle ? this.handle.renderCount() : 0;
  }

  /** Removes the chart, its listeners and observers, and frees its wasm memory. Safe to call twice. */
  destroy() {
    if (!this.handle) return;
    cancelAnimationFrame(this.frame);
    this.resizeObserver.disconnect();
    this.darkQuery.removeEventListener("change", this.schedule);
    this.dprQuery.removeEventListener("change", this.onDprChange);
    this.handle.free();
    this.handle = null;
    this.root.remove();
    delete this.container.dataset.tcState;
  }
}

function showMountError(container, e) {
  const box = document.createElement("div");
  box.className = "tc-error";
  box.setAttribute("role", "alert");
  box.textContent = `Chart could not be drawn: ${e && e.message ? e.message : e}`;
  applyStyles(box, {
    font: "14px/1.4 system-ui, sans-serif",
    padding: "10px 12px",
    border: "1px solid #c0392b",
    borderLeftWidth: "4px",
    background: "#fdf0ee",
    color: "#7b241c",
  });
  container.append(box);
  container.dataset.tcState = "error";
}

/**
 * Mounts a chart in `container`. `spec` is a spec object, JSON text, or a URL ending in
 * .json. Resolves to a Chart; rejects with a TradeChartError (also shown in the container).
 */
export async function mount(container, spec) {
  if (!(container instanceof Element)) {
    throw chartError("mount: the first argument must be a DOM element", "invalid-container");
  }
  container.dataset.tcState = "loading";
  try {
    let source = spec;
    if (typeof spec === "string" && !spec.trim().startsWith("{")) {
      source = await fetchSpec(spec);
    }
    await loadWasm();
    return new Chart(container, source);
  } catch (e) {
    showMountError(container, e);
    throw e;
  }
}
