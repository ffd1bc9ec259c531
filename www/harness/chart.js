// The Chart class: one chart in one container. It builds the DOM (stage with the data
// canvas and the hover layer, controls, accessible text), hands the spec to Rust, and
// redraws at most once per animation frame what Rust's redraw bits ask for.
import { ChartHandle, DATA, OVERLAY, VIEW, ANNOUNCE, loadWasm } from "./wasm.js";
import { chartError, explainSpecError } from "./errors.js";
import { fetchSpec } from "./fetch.js";
import { extractColumns } from "./columns.js";
import { adoptStyles, el, button, isDark, showMountError } from "./dom.js";
import { buildOverlay, updateMarks, updateTooltip } from "./overlay.js";
import { buildA11y, refreshText, toggleTable } from "./a11y.js";
import { downloads, toPNG, toSVG } from "./export.js";
import { attachListeners } from "./listeners.js";

// Story steps and sound live in their own modules (story.js, sound.js), loaded the first
// time a chart has steps or a reader asks to listen: a plain chart never fetches them.
let soundModule = null;
let storyLoading = null;
let soundLoading = null;
const loadStory = () => (storyLoading ??= import("../story.js"));
const loadSound = () => (soundLoading ??= import("../sound.js").then((m) => (soundModule = m)));
const soundSupported = () => typeof globalThis.AudioContext === "function" || typeof globalThis.webkitAudioContext === "function";

let chartCounter = 0;

/** A given box or aspect smaller than this leaves the canvas at its preferred height. */
const MIN_CANVAS_PX = 120;

/** One chart in one container. Create it with `mount`. */
export class Chart {
  /** @internal use mount() */
  constructor(container, spec, options = {}) {
    this.container = container;
    this.options = options;
    this.listeners = { hover: new Set(), view: new Set(), focus: new Set(), step: new Set() };
    this.pending = 0;
    this.frame = 0;
    this.markPool = [];
    this.tableVisible = false;
    this.fit = options.fit || null;
    this.buildDom(`tc-${++chartCounter}`);
    // Throws a TradeChartError for a bad spec before anything is attached.
    const [plain, columns] = extractColumns(spec);
    try {
      this.handle = new ChartHandle(this.canvas, plain, columns, options.overrides);
    } catch (e) {
      throw explainSpecError(e, spec);
    }
    adoptStyles(container);
    container.append(this.root);
    refreshText(this);
    this.setupStory();
    attachListeners(this);
    this.render();
  }

  buildDom(id) {
    this.root = el("div", "tc-chart");
    this.errorBox = el("div", "tc-error", { role: "alert" });
    this.errorBox.hidden = true;
    this.stage = el("div", "tc-stage", {
      tabindex: "0",
      role: "application",
      "aria-roledescription": "interactive chart",
      "aria-describedby": `${id}-desc ${id}-help`,
    });
    this.canvas = el("canvas", "tc-data", { "aria-hidden": "true" });
    const { overlay, tooltip } = buildOverlay();
    this.overlay = overlay;
    this.tooltipBox = tooltip;
    this.stage.append(this.canvas, overlay, tooltip);
    this.controls = el("div", "tc-controls");
    this.resetButton = this.button("Reset zoom", () => this.resetView());
    this.resetButton.hidden = true;
    this.tableButton = this.button("Show data", () => this.toggleTable());
    this.tableButton.setAttribute("aria-expanded", "false");
    this.tableButton.setAttribute("aria-controls", `${id}-table`);
    this.controls.append(this.resetButton, this.tableButton);
    if (this.options.listenButton !== false && soundSupported()) {
      this.listenButton = this.button("Listen", () => this.toggleSound());
      this.controls.append(this.listenButton);
    }
    if (this.options.exportButtons !== false) {
      for (const [label, fn, short] of downloads(this)) this.controls.append(button(label, fn, short));
    }
    Object.assign(this, buildA11y(id));
    this.root.append(this.errorBox, this.stage, this.controls, this.description, this.help, this.live, this.tableWrap);
  }

  button(label, onClick) {
    return button(label, onClick);
  }

  /** Dark when the container or an ancestor (through shadow roots) says so, else the reader's preference. */
  prefersDark() {
    return isDark(this.container);
  }

  /** Asks for a redraw of `flags` (DATA, OVERLAY) on the next animation frame. */
  schedule(flags = DATA) {
    this.pending |= flags;
    if (!this.frame && this.handle) this.frame = requestAnimationFrame(() => this.flush());
  }

  /** Acts on the bits an input method returned. */
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
      refreshText(this);
    }
    if (pending & DATA) {
      this.render();
    } else if (pending & OVERLAY) {
      updateMarks(this);
      updateTooltip(this);
    }
  }

  /**
   * The canvas height at `width`: what makes the whole chart (canvas and controls) fill
   * `options.aspect`, or the box it was given (`options.fit`, kept until the width
   * changes), else the height the layout prefers.
   */
  canvasHeight(width) {
    const { aspect } = this.options;
    const fit = this.fit;
    if (fit && Math.abs(width - fit.width) >= 0.5) this.fit = null;
    const total = aspect ? width / aspect : this.fit ? fit.height : 0;
    if (total > 0) {
      const chrome = this.root.getBoundingClientRect().height - this.canvas.getBoundingClientRect().height;
      const height = total - chrome;
      if (height >= MIN_CANVAS_PX) return height;
    }
    return Math.round(this.handle.preferredHeight(width));
  }

  /** Lays out and draws both layers at the container's current width. */
  render() {
    if (!this.handle) return;
    const width = this.container.clientWidth;
    if (width <= 0) return;
    adoptStyles(this.container);
    const height = this.canvasHeight(width);
    const dark = this.prefersDark();
    this.root.classList.toggle("tc-dark", dark);
    this.canvas.style.height = `${height}px`;
    try {
      this.handle.render(width, height, window.devicePixelRatio || 1, dark);
    } catch (e) {
      this.showError(e);
      throw e;
    }
    this.size = [width, height];
    const [x, y, w, h] = this.handle.plotArea();
    this.canvas.dataset.plot = [x, y, w, h].map((v) => Math.round(v * 100) / 100).join(",");
    // The buttons end where the drawing does (the chart's right margin), not at the canvas edge.
    this.controls.style.paddingRight = `${Math.max(0, Math.round(width - x - w))}px`;
    updateMarks(this);
    updateTooltip(this);
    this.container.dataset.tcState = "ready";
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
    const steps = this.handle.stepIds().length;
    this.stepButtons(steps);
    if (!steps) return;
    this.storyReady = loadStory().then(({ Story }) => {
      if (!this.handle || generation !== this.storyGeneration) return;
      this.story = new Story(this);
      this.story.useButtons(this.stepButtons());
      const root = typeof this.options.storyFor === "string" ? document.querySelector(this.options.storyFor) : this.options.storyFor;
      if (root) this.story.watch(root);
    });
  }

  /**
   * The Previous / Next buttons and step status, made (disabled until story.js has
   * loaded) when a spec has `steps` and removed when an update takes them away. With no
   * argument, returns the ones there are.
   */
  stepButtons(steps) {
    if (steps === undefined) return this.steps;
    if (!steps) {
      for (const node of Object.values(this.steps || {})) node.remove();
      this.steps = null;
      return null;
    }
    if (!this.steps) {
      const prev = button("Previous step", () => this.story?.previous());
      const next = button("Next step", () => this.story?.next());
      const status = el("span", "tc-step-status");
      prev.disabled = next.disabled = true;
      status.textContent = `${steps} steps`;
      this.controls.prepend(prev, status, next);
      this.steps = { prev, next, status };
    }
    return this.steps;
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

  /** Whether this chart's sound is playing. */
  get playing() {
    return soundModule !== null && soundModule.isPlaying(this);
  }

  /** Stops this chart's sound. */
  stopSound() {
    if (this.playing) soundModule.stopSound();
  }

  toggleSound() {
    if (this.playing) {
      soundModule.stopSound();
      this.live.textContent = "Sound stopped";
    } else {
      this.sonify().catch((e) => console.error("trade-chart: sound failed", e));
    }
  }

  /** Shows or hides the data table, as the "Show data" button does. */
  toggleTable() {
    this.assertAlive();
    toggleTable(this);
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
    return toPNG(this);
  }

  /**
   * The chart as shown (current view, hidden series, theme) as an SVG document string,
   * drawn by plotters-svg from the same layout as the canvas: text stays text, fonts are
   * named, colours are exact.
   */
  toSVG() {
    this.assertAlive();
    return toSVG(this);
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
      const err = explainSpecError(e, spec);
      this.showError(err);
      throw err;
    }
    this.hideError();
    this.fit = null;
    this.setupStory();
    this.resetButton.hidden = !this.handle.isZoomed();
    // Text and pixels follow on the next frame: many updates in one frame draw once.
    this.textDirty = true;
    this.schedule(DATA);
  }

  showError(e) {
    this.errorBox.textContent = e && e.message ? e.message : String(e);
    this.root.classList.toggle("tc-dark", this.prefersDark());
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
    for (const off of this.cleanups) off();
    this.cleanups = [];
    for (const set of Object.values(this.listeners)) set.clear();
    this.handle.free();
    this.handle = null;
    this.root.remove();
    delete this.container.dataset.tcState;
  }
}

/**
 * Mounts a chart in `container`. `spec` is a spec object, JSON text, or the URL of a JSON
 * spec or a CSV file. `options.exportButtons: false` hides the download buttons;
 * `options.fetchTimeoutMs` bounds the fetch of a URL (default 15 s); `options.aspect`
 * (width / height of the whole chart) fixes its proportions. Resolves to a Chart;
 * rejects with a TradeChartError (also shown in the container).
 */
export async function mount(container, spec, options = {}) {
  if (!(container instanceof Element)) {
    throw chartError("mount: the first argument must be a DOM element", "invalid-container");
  }
  const { aspect } = options;
  if (aspect !== undefined && !(typeof aspect === "number" && aspect >= 0.2 && aspect <= 10)) {
    throw chartError(`mount: options.aspect must be width / height, a number from 0.2 to 10; got ${String(aspect)}`, "invalid-option");
  }
  container.dataset.tcState = "loading";
  try {
    let source = spec;
    if (typeof spec === "string" && !spec.trim().startsWith("{")) source = await fetchSpec(spec, options.fetchTimeoutMs);
    await loadWasm();
    return new Chart(container, source, options);
  } catch (e) {
    showMountError(container, e);
    throw e;
  }
}
