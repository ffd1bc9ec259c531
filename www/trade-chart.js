// trade-chart: the thin JavaScript harness around the WebAssembly chart engine.
//
//   import { mount } from "./trade-chart.js";
//   const chart = await mount(document.querySelector("#chart"), "data/trade.json");
//   chart.update(newSpec);   // throws (and shows) a TradeChartError on bad input
//   chart.destroy();         // removes everything mount added
//
// The harness owns the DOM: it creates the canvases and controls, listens for pointer,
// touch, wheel, keyboard, size, pixel-ratio and colour-scheme changes, and forwards plain
// numbers to Rust, which keeps the interaction state, lays out and draws. All text from a
// spec reaches the DOM through textContent, never as HTML.

import init, { ChartHandle } from "./pkg/trade_chart.js";

// Story steps and sound live in their own modules (story.js, sound.js), loaded the first
// time a chart has steps or a reader asks to listen: a plain chart never fetches them.
let storyModule = null;
let soundModule = null;
let soundLoading = null;
const loadStory = () => (storyModule ??= import("./story.js"));
const loadSound = () => (soundLoading ??= import("./sound.js").then((m) => (soundModule = m)));
const soundSupported = () => typeof globalThis.AudioContext === "function" || typeof globalThis.webkitAudioContext === "function";
const isPlaying = (chart) => soundModule !== null && soundModule.isPlaying(chart);
const stopSound = () => soundModule?.stopSound();

let wasmReady = null;

/** Loads and instantiates the wasm module once per page; every chart shares it. */
export function loadWasm() {
  if (!wasmReady) {
    wasmReady = init({ module_or_path: new URL("./pkg/trade_chart_bg.wasm", import.meta.url) });
  }
  return wasmReady;
}

// Bits returned by the Rust input methods (src/interact/flags.rs; tests/flags.rs fails if they drift).
const DATA = 1;
const OVERLAY = 2;
const VIEW = 4;
const CONSUMED = 8;
const ANNOUNCE = 16;

const VISUALLY_HIDDEN = {
  position: "absolute",
  width: "1px",
  height: "1px",
  padding: "0",
  margin: "-1px",
  overflow: "hidden",
  clipPath: "inset(50%)",
  whiteSpace: "nowrap",
  border: "0",
};

let chartCounter = 0;

/** How long a spec or CSV fetch may take before it fails with a clear error. */
export const FETCH_TIMEOUT_MS = 15000;

/**
 * Fetches a spec or CSV by URL with the page's same-origin credentials policy. A network
 * failure, an HTTP error, a timeout or a content type that is neither JSON, CSV nor text
 * rejects with a TradeChartError (code "fetch") that names the URL.
 */
async function fetchSpec(url, timeoutMs = FETCH_TIMEOUT_MS) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const failed = (e) => {
    const why = e.name === "AbortError" ? `no answer after ${timeoutMs / 1000} s` : e.message;
    return chartError(`could not load ${url}: ${why}`, "fetch");
  };
  try {
    let response;
    try {
      response = await fetch(url, { credentials: "same-origin", signal: controller.signal });
    } catch (e) {
      throw failed(e);
    }
    if (!response.ok) {
      throw chartError(`could not load ${url}: HTTP ${response.status}`, "fetch");
    }
    const type = (response.headers.get("content-type") || "").split(";")[0].trim().toLowerCase();
    if (type && !/^(application\/(json|[\w.+-]+\+json)|text\/(csv|plain|tab-separated-values)|application\/(csv|octet-stream))$/.test(type)) {
      throw chartError(`could not load ${url}: expected JSON or CSV, got ${type}`, "fetch");
    }
    // The timeout covers the body too: a server that stalls mid-response fails the same way.
    try {
      return await response.text();
    } catch (e) {
      throw failed(e);
    }
  } finally {
    clearTimeout(timer);
  }
}

/** Charts with up to this many points build their data table without being asked. */
const EAGER_TABLE_POINTS = 5000;

/** Columns of at least this many plain numbers are handed over as Float64Arrays. */
const PLAIN_COLUMN_MIN = 10000;

/**
 * Takes numeric columns out of a spec object so they cross into wasm as Float64Arrays (one
 * copy) instead of being converted value by value. Typed arrays always go this way (NaN in
 * y is a gap); long plain arrays only when every value is a number or null (anything else
 * stays in the spec so Rust reports it with its location). The caller's object is not changed.
 */
function extractColumns(spec) {
  if (spec && typeof spec === "object" && Array.isArray(spec.data) && spec.csv == null) {
    const records = recordColumns(spec.data);
    if (records) {
      const [rest, more] = extractColumns({ ...spec, data: null });
      return [rest, [...records, ...(more || [])]];
    }
  }
  if (!spec || typeof spec !== "object" || !Array.isArray(spec.series)) return [spec, undefined];
  const columns = [];
  const series = spec.series.map((s, i) => {
    if (!s || typeof s !== "object") return s;
    let copy = s;
    for (const field of ["x", "y"]) {
      const v = s[field];
      let column = null;
      if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
        column = v instanceof Float64Array ? v : Float64Array.from(v);
      } else if (Array.isArray(v) && v.length >= PLAIN_COLUMN_MIN) {
        column = new Float64Array(v.length);
        for (let k = 0; k < v.length; k++) {
          const value = v[k];
          if (value === null && field === "y") column[k] = NaN;
          else if (typeof value === "number" && Number.isFinite(value)) column[k] = value;
          else {
            column = null;
            break;
          }
        }
      }
      if (column) {
        if (copy === s) copy = { ...s };
        copy[field] = null;
        columns.push([i, field, column]);
      }
    }
    return copy;
  });
  return columns.length ? [{ ...spec, series }, columns] : [spec, undefined];
}

/** Separates the cells of a text column handed over as one string (src/web/mod.rs). */
const RECORD_SEPARATOR = "\u001f";

/**
 * Turns `data` records (`[{date: "2023-01", trade: 240.1}, …]`, as `fetch(...).json()`
 * gives them) into columns, one per field in order of first appearance, so that they
 * cross into wasm like typed arrays instead of value by value: numbers (and `Date`s, as
 * epoch ms) become a Float64Array with NaN for null or a missing field; text becomes one
 * string joined by U+001F; a field of mixed values (a number and "n/a") stays a plain
 * array, so Rust reports the bad value as `data[7].trade`. Returns null when `data` is
 * not an array of plain objects (Rust then reports what it is).
 */
function recordColumns(data) {
  const n = data.length;
  if (n === 0) return null;
  const fields = [];
  const seen = new Set();
  for (let i = 0; i < n; i++) {
    const r = data[i];
    if (!r || typeof r !== "object" || Array.isArray(r) || r instanceof Date) return null;
    for (const k in r) {
      if (!seen.has(k) && Object.prototype.hasOwnProperty.call(r, k)) {
        seen.add(k);
        fields.push(k);
      }
    }
  }
  return fields.map((field) => {
    const numbers = new Float64Array(n);
    let i = 0;
    for (; i < n; i++) {
      const v = data[i][field];
      if (typeof v === "number" && Number.isFinite(v)) numbers[i] = v;
      else if (v === null || v === undefined) numbers[i] = NaN;
      else if (v instanceof Date && Number.isFinite(v.getTime())) numbers[i] = v.getTime();
      else break;
    }
    if (i === n) return ["data", field, numbers];
    // Text (with gaps) goes over as one string, unless a cell holds the separator.
    let text = true;
    for (let k = 0; k < n && text; k++) {
      const v = data[k][field];
      text = v === null || v === undefined || (typeof v === "string" && v !== "" && !v.includes(RECORD_SEPARATOR));
    }
    if (text) return ["data", field, data.map((r) => r[field] ?? "").join(RECORD_SEPARATOR)];
    return ["data", field, data.map((r) => {
      const v = r[field];
      if (v instanceof Date) return v.getTime();
      return v === undefined ? null : v;
    })];
  });
}

function chartError(message, code) {
  const err = new Error(message);
  err.name = "TradeChartError";
  err.code = code;
  return err;
}

function el(tag, className, styles = {}, attrs = {}) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  Object.assign(node.style, styles);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
}

const BUTTON_STYLE = {
  font: "12px/1.2 system-ui, sans-serif",
  padding: "4px 8px",
  border: "1px solid currentColor",
  borderRadius: "3px",
  background: "transparent",
  color: "inherit",
  cursor: "pointer",
  opacity: "0.8",
};

/** One chart in one container. Create it with `mount`. */
export class Chart {
  /** @internal use mount() */
  constructor(container, spec, options = {}) {
    this.container = container;
    this.options = options;
    this.listeners = { hover: new Set(), view: new Set(), focus: new Set(), step: new Set() };
    const id = `tc-${++chartCounter}`;

    this.root = el("div", "tc-chart", { position: "relative", width: "100%" });
    this.errorBox = el("div", "tc-error", {
      font: "14px/1.4 system-ui, sans-serif",
      padding: "10px 12px",
      margin: "0 0 8px",
      border: "1px solid #c0392b",
      borderLeftWidth: "4px",
      background: "#fdf0ee",
      color: "#7b241c",
      whiteSpace: "pre-wrap",
    }, { role: "alert" });
    this.errorBox.hidden = true;

    this.stage = el("div", "tc-stage", { position: "relative", touchAction: "pan-y", outline: "none", userSelect: "none", webkitUserSelect: "none" }, {
      tabindex: "0",
      role: "application",
      "aria-roledescription": "interactive chart",
      "aria-describedby": `${id}-desc ${id}-help`,
    });
    this.canvas = el("canvas", "tc-data", { display: "block", width: "100%" }, { "aria-hidden": "true" });
    // The hover layer: a few positioned elements (crosshair, dots, highlight, ring, brush)
    // placed from numbers Rust computes, so hovering never redraws a canvas.
    this.overlay = el("div", "tc-overlay", { position: "absolute", left: "0", top: "0", width: "100%", height: "100%", pointerEvents: "none", overflow: "hidden" }, { "aria-hidden": "true" });
    this.markPool = [];
    this.tooltipBox = el("div", "tc-tooltip", {
      position: "absolute",
      pointerEvents: "none",
      font: "13px/1.35 system-ui, sans-serif",
      padding: "6px 9px",
      borderRadius: "4px",
      boxShadow: "0 1px 4px rgba(0,0,0,0.25)",
      maxWidth: "260px",
      zIndex: "2",
      left: "0",
      top: "0",
    }, { "aria-hidden": "true" });
    this.tooltipBox.hidden = true;
    this.stage.append(this.canvas, this.overlay, this.tooltipBox);

    this.controls = el("div", "tc-controls", { display: "flex", gap: "6px", justifyContent: "flex-end", flexWrap: "wrap", margin: "4px 0 0" });
    this.resetButton = this.button("Reset zoom", () => this.resetView());
    this.resetButton.hidden = true;
    this.tableButton = this.button("Show data", () => this.toggleTable());
    this.tableButton.setAttribute("aria-expanded", "false");
    this.tableButton.setAttribute("aria-controls", `${id}-table`);
    this.controls.append(this.resetButton, this.tableButton);
    if (options.listenButton !== false && soundSupported()) {
      this.listenButton = this.button("Listen", () => this.toggleSound());
      this.controls.append(this.listenButton);
    }
    if (options.exportButtons !== false) {
      this.controls.append(
        this.button("Download PNG", () => this.downloadPNG()),
        this.button("Download SVG", () => this.downloadSVG()),
        this.button("Download CSV", () => this.downloadCSV()),
      );
    }

    this.description = el("p", "tc-desc", VISUALLY_HIDDEN, { id: `${id}-desc` });
    this.help = el("p", "tc-help", VISUALLY_HIDDEN, { id: `${id}-help` });
    this.help.textContent = "Use the arrow keys to move between points and series, Home and End to jump to the ends, plus and minus to zoom, 0 to reset, S to listen, Escape to leave.";
    this.live = el("div", "tc-live", VISUALLY_HIDDEN, { "aria-live": "polite", "aria-atomic": "true" });
    this.tableWrap = el("div", "tc-table", VISUALLY_HIDDEN, { id: `${id}-table` });
    this.tableVisible = false;

    this.root.append(this.errorBox, this.stage, this.controls, this.description, this.help, this.live, this.tableWrap);

    // Throws a TradeChartError for a bad spec before anything is attached.
    const [plain, columns] = extractColumns(spec);
    this.handle = new ChartHandle(this.canvas, plain, columns, options.overrides);
    container.append(this.root);
    this.refreshText();
    this.setupStory();

    this.pending = 0;
    this.frame = 0;
    this.attachListeners();
    this.render();
  }

  button(label, onClick) {
    const b = el("button", "tc-button", BUTTON_STYLE, { type: "button" });
    b.textContent = label;
    b.addEventListener("click", onClick);
    return b;
  }

  /** Dark when the container or an ancestor (through shadow roots) says so, else the reader's preference. */
  prefersDark() {
    for (let n = this.container; n; n = n.parentElement || n.getRootNode().host) {
      if (n.dataset && n.dataset.theme) return n.dataset.theme === "dark";
    }
    return this.darkQuery.matches;
  }

  attachListeners() {
    const on = (target, type, fn, opts) => {
      target.addEventListener(type, fn, opts);
      this.cleanups.push(() => target.removeEventListener(type, fn, opts));
    };
    this.cleanups = [];
    this.schedule = (flags = DATA) => {
      this.pending |= flags;
      if (!this.frame && this.handle) {
        this.frame = requestAnimationFrame(() => this.flush());
      }
    };
    // Only a change of width re-lays out (the observer also fires once on observe()).
    this.resizeObserver = new ResizeObserver(() => {
      if (!this.size || this.container.clientWidth !== this.size[0]) this.schedule(DATA);
    });
    this.resizeObserver.observe(this.container);
    this.themeObserver = new MutationObserver(() => this.schedule(DATA));
    this.themeObserver.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme", "class"], subtree: false });
    this.themeObserver.observe(this.container, { attributes: true, attributeFilter: ["data-theme"] });
    this.darkQuery = matchMedia("(prefers-color-scheme: dark)");
    on(this.darkQuery, "change", () => this.schedule(DATA));
    this.watchPixelRatio();

    const pos = (e) => {
      const r = this.stage.getBoundingClientRect();
      return [e.clientX - r.left, e.clientY - r.top];
    };
    const touches = new Map();
    let pinchDistance = 0;
    const input = (flags, e) => {
      if (flags & CONSUMED && e && e.cancelable) e.preventDefault();
      this.afterInput(flags);
    };
    on(this.stage, "pointerdown", (e) => {
      const [x, y] = pos(e);
      if (e.pointerType === "touch") {
        touches.set(e.pointerId, [x, y]);
        if (touches.size === 2) {
          const [a, b] = [...touches.values()];
          pinchDistance = Math.hypot(a[0] - b[0], a[1] - b[1]);
          return;
        }
      } else if (e.button !== 0) {
        return;
      }
      this.stage.setPointerCapture?.(e.pointerId);
      input(this.handle.pointerDown(x, y, e.shiftKey || e.altKey, e.pointerType === "touch"), e.pointerType === "touch" ? null : e);
    });
    on(this.stage, "pointermove", (e) => {
      const [x, y] = pos(e);
      if (e.pointerType === "touch" && touches.has(e.pointerId)) {
        touches.set(e.pointerId, [x, y]);
        if (touches.size === 2) {
          const [a, b] = [...touches.values()];
          const d = Math.hypot(a[0] - b[0], a[1] - b[1]);
          if (pinchDistance > 0 && d > 0) input(this.handle.pinch((a[0] + b[0]) / 2, d / pinchDistance), e);
          pinchDistance = d;
          return;
        }
      }
      input(this.handle.pointerMove(x, y), e);
    });
    const up = (e) => {
      touches.delete(e.pointerId);
      if (touches.size < 2) pinchDistance = 0;
      const [x, y] = pos(e);
      input(this.handle.pointerUp(x, y), null);
    };
    on(this.stage, "pointerup", up);
    on(this.stage, "pointercancel", up);
    on(this.stage, "pointerleave", (e) => {
      if (e.pointerType !== "touch") input(this.handle.pointerLeave(), null);
    });
    on(this.stage, "wheel", (e) => {
      const [x] = pos(e);
      const delta = e.deltaMode === 1 ? e.deltaY * 16 : e.deltaY;
      input(this.handle.wheel(x, delta, e.ctrlKey || e.metaKey), e);
    }, { passive: false });
    on(this.stage, "dblclick", (e) => input(this.handle.doubleClick(), e));
    on(this.stage, "keydown", (e) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      // Story steps (PageUp / PageDown) and sound (S; Escape also stops it).
      if (this.story?.key(e) || e.key === "s" || e.key === "S") {
        if (e.key === "s" || e.key === "S") this.toggleSound();
        e.preventDefault();
        return;
      }
      if (e.key === "Escape" && isPlaying(this)) stopSound();
      const flags = this.handle.key(e.key);
      if (e.key === "Escape") this.stage.blur();
      input(flags, e);
    });
    // Only keyboard focus starts the data cursor; a click or tap that focuses the chart
    // leaves the pointer in charge of the tooltip.
    on(this.stage, "focus", () => {
      if (!this.stage.matches(":focus-visible")) return;
      this.stage.style.outline = "2px solid #1a73c8";
      this.stage.style.outlineOffset = "2px";
      input(this.handle.focus(), null);
    });
    on(this.stage, "blur", () => {
      this.stage.style.outline = "none";
      input(this.handle.blur(), null);
    });
    // A tap or click outside the chart dismisses its tooltip. Inside a <trade-chart>,
    // document sees e.target retargeted to the host element, so ask the composed path.
    on(document, "pointerdown", (e) => {
      if (!e.composedPath().includes(this.stage)) this.afterInput(this.handle.blur());
    });
  }

  /** Re-renders when devicePixelRatio changes (browser zoom, another screen). */
  watchPixelRatio() {
    this.dprQuery?.removeEventListener("change", this.onDprChange);
    this.dprQuery = matchMedia(`(resolution: ${window.devicePixelRatio}dppx)`);
    this.onDprChange = () => {
      this.watchPixelRatio();
      this.schedule(DATA);
    };
    this.dprQuery.addEventListener("change", this.onDprChange);
  }

  afterInput(flags) {
    if (!this.handle) return;
    if (flags & ANNOUNCE) {
      const text = this.handle.takeAnnouncement();
      if (text) {
        this.live.textContent = text;
        this.emit("focus", text);
      }
    }
    if (flags & VIEW) {
      this.resetButton.hidden = !this.handle.isZoomed();
      this.emit("view", this.getView());
    }
    if (flags & (DATA | OVERLAY)) this.schedule(flags & (DATA | OVERLAY));
  }

  /** Draws what is pending, once per animation frame. */
  flush() {
    this.frame = 0;
    const pending = this.pending;
    this.pending = 0;
    if (!this.handle) return;
    if (this.textDirty) {
      this.textDirty = false;
      this.refreshText();
    }
    if (pending & DATA) {
      this.render();
    } else if (pending & OVERLAY) {
      this.updateOverlay();
      this.updateTooltip();
    }
  }

  /** Lays out and draws both layers at the container's current width. */
  render() {
    if (!this.handle) return;
    const width = this.container.clientWidth;
    if (width <= 0) return;
    const height = Math.round(this.handle.preferredHeight(width));
    this.canvas.style.height = `${height}px`;
    try {
      this.handle.render(width, height, window.devicePixelRatio || 1, this.prefersDark());
    } catch (e) {
      this.showError(e);
      throw e;
    }
    this.size = [width, height];
    const [x, y, w, h] = this.handle.plotArea();
    this.canvas.dataset.plot = [x, y, w, h].map((v) => Math.round(v * 100) / 100).join(",");
    this.updateOverlay();
    this.updateTooltip();
    this.container.dataset.tcState = "ready";
  }

  /** Places the hover marks Rust computed; elements are pooled and reused. */
  updateOverlay() {
    const marks = this.handle.overlayMarks();
    while (this.markPool.length < marks.length) {
      const node = el("div", "tc-mark", { position: "absolute", left: "0", top: "0", boxSizing: "border-box" });
      this.overlay.append(node);
      this.markPool.push(node);
    }
    this.markPool.forEach((node, i) => {
      const m = marks[i];
      if (!m) {
        node.hidden = true;
        return;
      }
      node.hidden = false;
      node.dataset.kind = m.kind;
      const style = {
        width: `${m.w}px`,
        height: `${m.h}px`,
        transform: `translate(${m.x}px, ${m.y}px)`,
        background: "none",
        border: "0",
        borderRadius: "0",
        opacity: "1",
      };
      if (m.kind === "crosshair") Object.assign(style, { background: m.color, opacity: "0.8" });
      else if (m.kind === "dot") Object.assign(style, { background: m.fill, border: `2.5px solid ${m.color}`, borderRadius: "50%" });
      else if (m.kind === "bar") Object.assign(style, { background: m.color, opacity: "0.18" });
      else if (m.kind === "ring") Object.assign(style, { border: `2px solid ${m.color}`, borderRadius: "50%" });
      else if (m.kind === "brush") Object.assign(style, { background: "rgba(127,127,127,0.18)", borderLeft: `1px solid ${m.color}`, borderRight: `1px solid ${m.color}` });
      Object.assign(node.style, style);
    });
  }

  updateTooltip() {
    const tip = this.handle.tooltip();
    this.emit("hover", tip);
    const box = this.tooltipBox;
    if (!tip || tip.rows.length === 0) {
      box.hidden = true;
      return;
    }
    const dark = this.prefersDark();
    Object.assign(box.style, dark ? { background: "#2b2e33", color: "#eee" } : { background: "#fff", color: "#111" });
    box.replaceChildren();
    const title = el("div", "tc-tooltip-title", { fontWeight: "700", marginBottom: "2px" });
    title.textContent = tip.title;
    box.append(title);
    for (const row of tip.rows) {
      const line = el("div", "tc-tooltip-row", { display: "flex", alignItems: "baseline", gap: "6px", fontWeight: row.current ? "600" : "400" });
      const swatch = el("span", "", { display: "inline-block", width: "9px", height: "9px", borderRadius: "2px", background: row.color, flex: "none" });
      const text = el("span");
      text.textContent = `${row.name}: ${row.value}`;
      line.append(swatch, text);
      box.append(line);
      if (row.change) {
        const change = el("div", "tc-tooltip-change", { paddingLeft: "15px", opacity: "0.75", fontSize: "12px" });
        change.textContent = row.change;
        box.append(change);
      }
    }
    box.hidden = false;
    // Beside the point (never over it), flipped near the edges, inside chart and viewport.
    const [w, h] = this.size || [this.stage.clientWidth, this.stage.clientHeight];
    const bw = box.offsetWidth;
    const bh = box.offsetHeight;
    const gap = 12 + (tip.half_width || 0);
    const stageRect = this.stage.getBoundingClientRect();
    const viewportRight = Math.min(w, window.innerWidth - stageRect.left);
    let left = tip.x + gap;
    if (left + bw > viewportRight) left = tip.x - gap - bw;
    if (left < Math.max(0, -stageRect.left)) left = Math.max(0, Math.min(tip.x + gap, w - bw));
    let top = tip.y - bh / 2;
    top = Math.max(0, Math.min(top, h - bh));
    box.style.transform = `translate(${Math.round(left)}px, ${Math.round(top)}px)`;
    box.dataset.side = left >= tip.x ? "right" : "left";
  }

  refreshText() {
    const title = this.handle.title() || "Chart";
    this.stage.setAttribute("aria-label", title);
    this.description.textContent = this.handle.describe();
    // The data table is built after the chart is on screen; for long series (thousands of
    // rows) only when a reader asks for it with "Show data".
    clearTimeout(this.tableTimer);
    this.tableTimer = 0;
    if (this.handle.pointCount() <= EAGER_TABLE_POINTS) {
      this.tableTimer = setTimeout(() => {
        this.tableTimer = 0;
        if (this.handle) this.buildTable();
      }, 0);
    } else {
      this.tableBuilt = false;
      this.tableWrap.textContent = "The data table is long; use the Show data button to build it.";
    }
  }

  buildTable() {
    const data = this.handle.dataTable();
    const table = el("table", "", { borderCollapse: "collapse", font: "13px/1.4 system-ui, sans-serif", width: "100%" });
    const caption = document.createElement("caption");
    caption.textContent = `Data: ${this.handle.title() || "chart"}`;
    Object.assign(caption.style, { textAlign: "left", fontWeight: "700", padding: "4px 0" });
    const thead = document.createElement("thead");
    const headRow = document.createElement("tr");
    for (const h of data.headers) {
      const th = el("th", "", { textAlign: "left", borderBottom: "1px solid currentColor", padding: "2px 6px" }, { scope: "col" });
      th.textContent = h;
      headRow.append(th);
    }
    thead.append(headRow);
    const tbody = document.createElement("tbody");
    for (const row of data.rows) {
      const tr = document.createElement("tr");
      row.forEach((cell, i) => {
        const td = el(i === 0 ? "th" : "td", "", { textAlign: i === 0 ? "left" : "right", padding: "2px 6px", fontWeight: "400" }, i === 0 ? { scope: "row" } : {});
        td.textContent = cell;
        tr.append(td);
      });
      tbody.append(tr);
    }
    table.append(caption, thead, tbody);
    this.tableWrap.replaceChildren(table);
  }

  toggleTable() {
    if (this.tableTimer || this.tableBuilt === false) {
      clearTimeout(this.tableTimer);
      this.tableTimer = 0;
      this.buildTable();
      this.tableBuilt = true;
    }
    this.tableVisible = !this.tableVisible;
    this.tableWrap.removeAttribute("style");
    Object.assign(this.tableWrap.style, this.tableVisible ? { overflowX: "auto", margin: "8px 0 0" } : VISUALLY_HIDDEN);
    this.tableButton.textContent = this.tableVisible ? "Hide data" : "Show data";
    this.tableButton.setAttribute("aria-expanded", String(this.tableVisible));
  }

  emit(name, value) {
    for (const fn of this.listeners[name] || []) {
      try {
        fn(value);
      } catch (e) {
        console.error("trade-chart: a listener threw", e);
      }
    }
  }

  /** Subscribes to "hover" (tooltip or null), "view" ({from, to}) or "focus" (announced text). Returns an unsubscribe function. */
  on(name, fn) {
    this.assertAlive();
    const set = this.listeners[name];
    if (!set) throw chartError(`unknown event "${name}"; use "hover", "view", "focus" or "step"`, "invalid-event");
    set.add(fn);
    return () => set.delete(fn);
  }

  /** Story steps: Previous / Next buttons and the paragraphs that drive them (story.js). */
  setupStory() {
    this.story?.destroy();
    this.story = null;
    this.storyReady = null;
    const generation = (this.storyGeneration = (this.storyGeneration || 0) + 1);
    if (!this.handle.stepIds().length) return;
    this.storyReady = loadStory().then(({ Story }) => {
      if (!this.handle || generation !== this.storyGeneration) return;
      this.story = new Story(this);
      this.story.addButtons(this.controls, (label, fn) => this.button(label, fn));
      const root = typeof this.options.storyFor === "string" ? document.querySelector(this.options.storyFor) : this.options.storyFor;
      if (root) this.story.watch(root);
    });
  }

  /** Moves to a story step (its id or index) with a short transition, instantly when the reader prefers reduced motion. Resolves when it has arrived. */
  step(which) {
    this.assertAlive();
    if (!this.storyReady) throw chartError("step: this chart's spec has no steps", "invalid-step");
    this.handle.resolveStep(which); // an unknown step throws here, not in the promise
    return this.storyReady.then(() => this.story?.step(which));
  }

  /** The id of the story step shown, or null. */
  get currentStep() {
    return this.story ? this.story.current : null;
  }

  /** Plays the visible series as sound; resolves with true when stopped early. Options: {duration (s per series), lowHz, highHz}. */
  sonify(options = {}) {
    this.assertAlive();
    const num = (v) => (typeof v === "number" ? v : NaN);
    const schedule = this.handle.sonify(num(options.duration), num(options.lowHz), num(options.highHz));
    const say = (text) => {
      if (this.handle) this.live.textContent = text;
    };
    if (this.listenButton) this.listenButton.textContent = "Stop sound";
    return loadSound()
      .then((m) => m.playSchedule(this, schedule, say))
      .then((stopped) => {
        if (schedule && schedule.parts.length) say(stopped ? "Sound stopped" : "Finished playing");
        return stopped;
      })
      .finally(() => {
        if (this.listenButton) this.listenButton.textContent = "Listen";
      });
  }

  /** Stops this chart's sound. */
  stopSound() {
    if (isPlaying(this)) stopSound();
  }

  toggleSound() {
    if (isPlaying(this)) {
      stopSound();
      this.live.textContent = "Sound stopped";
    } else {
      this.sonify().catch((e) => console.error("trade-chart: sound failed", e));
    }
  }

  /** The visible time range as {from, to} in epoch milliseconds. */
  getView() {
    this.assertAlive();
    const [from, to] = this.handle.getView();
    return { from, to };
  }

  /** Shows the range {from, to} (epoch ms or Date), clamped to the data. */
  setView({ from, to }) {
    this.assertAlive();
    this.afterInput(this.handle.setView(Number(from), Number(to)));
  }

  /** Back to the full range. */
  resetView() {
    this.assertAlive();
    this.afterInput(this.handle.resetView());
  }

  /** The generated accessible description. */
  describe() {
    this.assertAlive();
    return this.handle.describe();
  }

  /** The data as CSV, with units in the headers. */
  toCSV() {
    this.assertAlive();
    return this.handle.toCSV();
  }

  /** The chart as shown (title and source included) at 2× resolution, as a PNG Blob. */
  toPNG() {
    this.assertAlive();
    const [w, h] = this.size || [this.container.clientWidth, this.handle.preferredHeight(this.container.clientWidth)];
    const target = document.createElement("canvas");
    this.handle.renderTo(target, w, h, 2, this.prefersDark());
    return new Promise((resolve, reject) => target.toBlob((b) => (b ? resolve(b) : reject(chartError("PNG encoding failed", "render"))), "image/png"));
  }

  /**
   * The chart as shown (current view, hidden series, theme) as an SVG document string,
   * drawn by plotters-svg from the same layout as the canvas: text stays text, fonts are
   * named, colours are exact.
   */
  toSVG() {
    this.assertAlive();
    const [w, h] = this.size || [this.container.clientWidth, this.handle.preferredHeight(this.container.clientWidth)];
    return this.handle.toSVG(w, h, this.prefersDark());
  }

  fileName(ext) {
    const base = (this.handle.title() || "chart").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60);
    return `${base || "chart"}.${ext}`;
  }

  async downloadPNG() {
    this.download(await this.toPNG(), this.fileName("png"));
  }

  downloadSVG() {
    this.download(new Blob([this.toSVG()], { type: "image/svg+xml" }), this.fileName("svg"));
  }

  downloadCSV() {
    this.download(new Blob([this.toCSV()], { type: "text/csv" }), this.fileName("csv"));
  }

  download(blob, name) {
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = name;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }

  assertAlive() {
    if (!this.handle) throw chartError("this chart has been destroyed", "destroyed");
  }

  /** Swaps data or options. A bad spec throws and is shown; the last good chart stays. */
  update(spec) {
    this.assertAlive();
    try {
      const [plain, columns] = extractColumns(spec);
      this.handle.update(plain, columns, this.options.overrides);
    } catch (e) {
      this.showError(e);
      throw e;
    }
    this.hideError();
    this.setupStory();
    this.resetButton.hidden = !this.handle.isZoomed();
    // Text and pixels follow on the next frame: many updates in one frame draw once.
    this.textDirty = true;
    this.schedule(DATA);
  }

  showError(e) {
    this.errorBox.textContent = e && e.message ? e.message : String(e);
    Object.assign(this.errorBox.style, this.prefersDark()
      ? { background: "#3a1d1a", color: "#ffd9d3", borderColor: "#e0705f" }
      : { background: "#fdf0ee", color: "#7b241c", borderColor: "#c0392b" });
    this.errorBox.hidden = false;
  }

  hideError() {
    this.errorBox.hidden = true;
    this.errorBox.textContent = "";
  }

  /** Sentences about things that did not stop the chart (a text column left out, series of very different size sharing an axis). */
  get warnings() {
    return this.handle ? this.handle.warnings() : [];
  }

  /** The options detection chose for a table (`{xColumn, seriesColumn, valueColumn, dateFormat}`), to pin in an embed. */
  get detected() {
    const out = {};
    const flat = this.handle ? this.handle.detected() : [];
    for (let i = 0; i + 1 < flat.length; i += 2) out[flat[i]] = flat[i + 1];
    return out;
  }

  /** Number of times the data canvas was drawn. */
  get renderCount() {
    return this.handle ? this.handle.renderCount() : 0;
  }

  /** Number of times the hover layer was updated. */
  get overlayRenderCount() {
    return this.handle ? this.handle.overlayRenderCount() : 0;
  }

  /** Removes the chart, its listeners and observers, and frees its wasm memory. Safe to call twice. */
  destroy() {
    if (!this.handle) return;
    cancelAnimationFrame(this.frame);
    clearTimeout(this.tableTimer);
    this.story?.destroy();
    this.story = null;
    this.stopSound();
    this.resizeObserver.disconnect();
    this.themeObserver.disconnect();
    this.dprQuery.removeEventListener("change", this.onDprChange);
    for (const off of this.cleanups) off();
    this.cleanups = [];
    for (const set of Object.values(this.listeners)) set.clear();
    this.handle.free();
    this.handle = null;
    this.root.remove();
    delete this.container.dataset.tcState;
  }
}

function showMountError(container, e) {
  const box = el("div", "tc-error", {
    font: "14px/1.4 system-ui, sans-serif",
    padding: "10px 12px",
    border: "1px solid #c0392b",
    borderLeftWidth: "4px",
    background: "#fdf0ee",
    color: "#7b241c",
  }, { role: "alert" });
  box.textContent = `Chart could not be drawn: ${e && e.message ? e.message : e}`;
  container.append(box);
  container.dataset.tcState = "error";
}

/**
 * Mounts a chart in `container`. `spec` is a spec object, JSON text, or the URL of a JSON
 * spec or a CSV file. `options.exportButtons: false` hides the download buttons;
 * `options.fetchTimeoutMs` bounds the fetch of a URL (default 15 s). Resolves to a Chart;
 * rejects with a TradeChartError (also shown in the container).
 */
export async function mount(container, spec, options = {}) {
  if (!(container instanceof Element)) {
    throw chartError("mount: the first argument must be a DOM element", "invalid-container");
  }
  container.dataset.tcState = "loading";
  try {
    let source = spec;
    if (typeof spec === "string" && !spec.trim().startsWith("{")) {
      source = await fetchSpec(spec, options.fetchTimeoutMs);
      if (/\.csv(\?|#|$)/i.test(spec)) source = { csv: source };
    }
    await loadWasm();
    return new Chart(container, source, options);
  } catch (e) {
    showMountError(container, e);
    throw e;
  }
}

/**
 * `<trade-chart src="data/trade.json"></trade-chart>`: the chart as a custom element.
 *
 * The spec comes from `src` (a JSON spec or a CSV file), from a child
 * `<script type="application/json">`, or from JS as `element.spec = {...}`. The attributes
 * `view`, `theme`, `locale` and `height` override the spec. The element renders inside its
 * own shadow root (host CSS cannot reach it), fills its container's width, loads the wasm
 * only when it comes near the viewport, and shows its light-DOM children (a fallback image)
 * until then and to readers without JavaScript.
 */
export class TradeChartElement extends HTMLElement {
  static get observedAttributes() {
    return ["src", "view", "theme", "locale", "height"];
  }

  constructor() {
    super();
    this._spec = null;
    this.chart = null;
    this.visible = false;
    this.generation = 0;
  }

  /** The spec set from JS (overrides `src` and an inline script). */
  get spec() {
    return this._spec;
  }

  set spec(value) {
    this._spec = value;
    this.refresh();
  }

  connectedCallback() {
    if (!this.style.display) this.style.display = "block";
    if (typeof IntersectionObserver === "undefined") {
      this.visible = true;
      this.refresh();
      return;
    }
    this.observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        this.visible = true;
        this.observer.disconnect();
        this.refresh();
      }
    }, { rootMargin: "400px 0px" });
    this.observer.observe(this);
  }

  disconnectedCallback() {
    this.observer?.disconnect();
    this.chart?.destroy();
    this.chart = null;
  }

  attributeChangedCallback(_name, oldValue, newValue) {
    if (oldValue !== newValue && this.isConnected) this.refresh();
  }

  /** The spec (an object, JSON text or `{csv}`) and the attribute overrides to set on it. */
  async resolveSpec() {
    let spec = this._spec;
    if (!spec) {
      const inline = this.querySelector('script[type="application/json"]');
      const src = this.getAttribute("src");
      if (inline) {
        spec = inline.textContent;
      } else if (src) {
        spec = await fetchSpec(src);
        if (/\.csv(\?|#|$)/i.test(src)) spec = { csv: spec };
      } else {
        throw chartError('trade-chart: give the element a "src" attribute, an inline <script type="application/json"> or a spec', "missing-field");
      }
    }
    // JSON text stays text: Rust parses it (errors with line and column) and sets the
    // attribute overrides on it.
    const overrides = {};
    for (const name of ["view", "theme", "locale"]) {
      if (this.hasAttribute(name)) overrides[name] = this.getAttribute(name);
    }
    if (this.hasAttribute("height")) overrides.height = Number(this.getAttribute("height"));
    return { spec, overrides };
  }

  async refresh() {
    if (!this.visible || !this.isConnected) return;
    const generation = ++this.generation;
    this.dataset.tcState = "loading";
    let spec;
    let overrides;
    try {
      ({ spec, overrides } = await this.resolveSpec());
      await loadWasm();
    } catch (e) {
      if (generation === this.generation) this.fail(e);
      return;
    }
    if (generation !== this.generation) return; // a newer refresh took over
    if (!this.shadowRoot) {
      const shadow = this.attachShadow({ mode: "open" });
      this.holder = document.createElement("div");
      this.holder.className = "tc-host";
      shadow.append(this.holder);
    }
    try {
      if (this.chart) {
        this.chart.options.overrides = overrides;
        this.chart.update(spec);
      } else {
        this.holder.replaceChildren();
        this.chart = new Chart(this.holder, spec, { exportButtons: !this.hasAttribute("no-export"), listenButton: !this.hasAttribute("no-listen"), storyFor: this.storyRoot(), overrides });
      }
      this.dataset.tcState = "ready";
      this.dispatchEvent(new CustomEvent("ready", { detail: { chart: this.chart } }));
    } catch (e) {
      this.fail(e);
    }
  }

  /** The element whose `data-trade-chart-step` paragraphs drive the chart: `story-for="id"`, else the nearest `[data-trade-chart-story]` ancestor. */
  storyRoot() {
    const id = this.getAttribute("story-for");
    if (id) return document.getElementById(id);
    return this.closest("[data-trade-chart-story]");
  }

  fail(e) {
    if (!this.shadowRoot) {
      const shadow = this.attachShadow({ mode: "open" });
      this.holder = document.createElement("div");
      shadow.append(this.holder);
    }
    if (!this.chart) {
      this.holder.replaceChildren();
      showMountError(this.holder, e);
    }
    this.dataset.tcState = "error";
    this.dispatchEvent(new CustomEvent("error", { detail: { error: e } }));
    console.error("trade-chart:", e);
  }
}

if (typeof customElements !== "undefined" && !customElements.get("trade-chart")) {
  customElements.define("trade-chart", TradeChartElement);
}
