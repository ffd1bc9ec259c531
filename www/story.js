// trade-chart story steps: moving one chart through the states listed in its spec's
// `steps`, with a short eased transition, from JS (`chart.step(id)`), from the keyboard
// (PageUp / PageDown), from Previous / Next buttons, or from the page's paragraphs as they
// cross the middle of the viewport (elements with `data-trade-chart-step="id"`).
//
// Rust computes every frame (time range, emphasis, announcement); this module only keeps
// time and tells the chart when to draw.

/** Length of a transition, ms (src/story.rs TRANSITION_MS). */
export const TRANSITION_MS = 400;

/** Attribute that names the step a paragraph shows. */
export const STEP_ATTRIBUTE = "data-trade-chart-step";
/** Attribute set on the paragraph whose step is shown (for page CSS). */
export const ACTIVE_ATTRIBUTE = "data-trade-chart-active";

import { DATA } from "./harness/wasm.js";

function reducedMotion() {
  return typeof matchMedia === "function" && matchMedia("(prefers-reduced-motion: reduce)").matches;
}

export class Story {
  /** `chart` is a mounted Chart whose spec has steps. */
  constructor(chart) {
    this.chart = chart;
    this.raf = 0;
    this.done = null;
    this.observer = null;
    this.targets = [];
    /** Timing of the last transition: {frames, renderMs: [...], intervals: [...]}. */
    this.lastTransition = null;
    this.buttons = null;
  }

  get ids() {
    return this.chart.handle ? this.chart.handle.stepIds() : [];
  }

  /** The id of the step shown, or null. */
  get current() {
    const i = this.chart.handle ? this.chart.handle.currentStep() : -1;
    return i >= 0 ? this.ids[i] : null;
  }

  /**
   * Takes over the Previous / Next buttons and the "Step 2 of 4" status the chart put in
   * its controls when it was drawn (so they take their place in the first frame, not
   * later); their clicks call this story's previous() and next().
   */
  useButtons(buttons) {
    this.buttons = buttons;
    const help = this.chart.help;
    if (help && !help.textContent.includes("PageDown")) help.textContent += " PageDown and PageUp move through the story's steps.";
    this.refreshButtons();
  }

  refreshButtons() {
    if (!this.buttons || !this.chart.handle) return;
    const n = this.ids.length;
    const i = this.chart.handle.currentStep();
    for (const [b, off] of [[this.buttons.prev, i <= 0], [this.buttons.next, i >= n - 1]]) {
      b.disabled = off;
    }
    this.buttons.status.textContent = i >= 0 ? `Step ${i + 1} of ${n}` : `${n} steps`;
  }

  /**
   * Moves to a step (id or index). Resolves when the transition has ended; a newer step
   * takes over a running one (its promise resolves then too). Throws a TradeChartError
   * (code "invalid-step") for an unknown step.
   */
  step(which) {
    const handle = this.chart.handle;
    const index = handle.resolveStep(which);
    this.finish();
    this.chart.afterInput(handle.stepTo(index) & ~DATA);
    this.markActive(this.ids[index]);
    this.refreshButtons();
    this.chart.emit("step", { id: this.ids[index], index });
    if (reducedMotion()) {
      this.chart.afterInput(handle.stepFrame(1));
      this.lastTransition = { frames: 1, renderMs: [], intervals: [], instant: true };
      return Promise.resolve();
    }
    const timing = { frames: 0, renderMs: [], intervals: [], instant: false };
    this.lastTransition = timing;
    return new Promise((resolve) => {
      this.done = resolve;
      let start = 0;
      let last = 0;
      const frame = (now) => {
        this.raf = 0;
        if (!this.chart.handle) return this.finish();
        if (!start) start = now;
        if (last) timing.intervals.push(now - last);
        last = now;
        const t = Math.min(1, (now - start) / TRANSITION_MS);
        const flags = this.chart.handle.stepFrame(t);
        const t0 = performance.now();
        this.chart.render();
        timing.renderMs.push(performance.now() - t0);
        timing.frames++;
        if (t < 1) {
          this.raf = requestAnimationFrame(frame);
        } else {
          this.chart.afterInput(flags & ~DATA);
          this.finish();
        }
      };
      this.raf = requestAnimationFrame(frame);
    });
  }

  /** Ends a running transition where it is headed. */
  finish() {
    if (this.raf) {
      cancelAnimationFrame(this.raf);
      this.raf = 0;
      if (this.chart.handle) this.chart.afterInput(this.chart.handle.stepFrame(1));
    }
    const done = this.done;
    this.done = null;
    done?.();
  }

  next() {
    const i = this.chart.handle.currentStep();
    if (i + 1 < this.ids.length) return this.step(i + 1);
    return Promise.resolve();
  }

  previous() {
    const i = this.chart.handle.currentStep();
    if (i > 0) return this.step(i - 1);
    if (i < 0 && this.ids.length) return this.step(0);
    return Promise.resolve();
  }

  /** PageUp / PageDown while the chart has focus. Returns true when the key was used. */
  key(e) {
    if (e.key === "PageDown") {
      this.next();
      return true;
    }
    if (e.key === "PageUp") {
      this.previous();
      return true;
    }
    return false;
  }

  markActive(id) {
    for (const el of this.targets) {
      if (el.getAttribute(STEP_ATTRIBUTE) === id) el.setAttribute(ACTIVE_ATTRIBUTE, "");
      else el.removeAttribute(ACTIVE_ATTRIBUTE);
    }
  }

  /**
   * Watches the `data-trade-chart-step` elements inside `root`: the one crossing the middle
   * of the viewport selects its step. Unknown ids are reported once on the console.
   */
  watch(root) {
    this.unwatch();
    if (!root || typeof IntersectionObserver === "undefined") return;
    const ids = new Set(this.ids);
    this.targets = [...root.querySelectorAll(`[${STEP_ATTRIBUTE}]`)].filter((el) => {
      const id = el.getAttribute(STEP_ATTRIBUTE);
      if (ids.has(id)) return true;
      console.warn(`trade-chart: ${STEP_ATTRIBUTE}="${id}" names no step of this chart (steps: ${[...ids].join(", ")})`);
      return false;
    });
    this.root = root;
    this.observe();
    // The page's CSS may move the trigger line per screen size: follow it on resize.
    this.onResize = () => {
      if (this.offset() !== this.observedOffset) this.observe();
    };
    window.addEventListener("resize", this.onResize);
  }

  /** Where the trigger line sits, as a fraction of the viewport height from the top: the root's `--trade-chart-story-offset` (default 0.5, the middle). */
  offset() {
    const v = parseFloat(getComputedStyle(this.root).getPropertyValue("--trade-chart-story-offset"));
    return Number.isFinite(v) && v > 0.02 && v < 0.98 ? v : 0.5;
  }

  observe() {
    this.observer?.disconnect();
    const offset = this.offset();
    this.observedOffset = offset;
    // A band about 2% of the viewport high around the trigger line.
    const top = (offset * 100 - 1).toFixed(2);
    const bottom = ((1 - offset) * 100 - 1).toFixed(2);
    this.observer = new IntersectionObserver((entries) => {
      const crossing = entries.filter((e) => e.isIntersecting).pop();
      if (!crossing || !this.chart.handle) return;
      const id = crossing.target.getAttribute(STEP_ATTRIBUTE);
      if (id !== this.current) this.step(id);
    }, { rootMargin: `-${top}% 0px -${bottom}% 0px`, threshold: 0 });
    for (const el of this.targets) this.observer.observe(el);
  }

  unwatch() {
    if (this.onResize) window.removeEventListener("resize", this.onResize);
    this.onResize = null;
    this.observer?.disconnect();
    this.observer = null;
    for (const el of this.targets) el.removeAttribute(ACTIVE_ATTRIBUTE);
    this.targets = [];
  }

  destroy() {
    if (this.raf) cancelAnimationFrame(this.raf);
    this.raf = 0;
    const done = this.done;
    this.done = null;
    done?.();
    this.unwatch();
    this.buttons = null; // the chart's own; it keeps or removes them
  }
}
