// The bench page: one library × one data set per page load, driven by scripts/bench.mjs
// through window.bench. Query: ?lib=trade-chart|uplot|chartjs|echarts|lightweight-charts
// &data=166k|1m|8&vendor=<base URL of the vendored peer builds>[&count=1]
import { makeData } from "./data.js";

const params = new URLSearchParams(location.search);
const LIBS = {
  "trade-chart": "./drivers/trade-chart.js",
  uplot: "./drivers/uplot.js",
  chartjs: "./drivers/chartjs.js",
  echarts: "./drivers/echarts.js",
  "lightweight-charts": "./drivers/lightweight-charts.js",
};

const state = { driver: null, data: null, native: null, inst: null };
const el = document.getElementById("chart");

/** Resolves after the next frame has been produced: rAF, then a task posted from it. */
function afterFrame() {
  return new Promise((resolve) => {
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => resolve({ frameStart: window.__frame.start, end: performance.now() });
      ch.port2.postMessage(0);
    });
  });
}

/** Resolves in a task of its own: the task that called it has ended. */
function nextTask() {
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => resolve();
    ch.port2.postMessage(0);
  });
}

/**
 * Times `fn` (which starts drawing) until the following frame is out. Returns
 * { ms: work time (synchronous part + that frame's work, idle wait for vsync excluded),
 *   syncMs, wallMs }. The synchronous part ends with the task that ran `fn`: Chromium
 * rasterizes a canvas drawn outside an animation frame when that task ends
 * (`FinalizeFrame`), and that work belongs to the library that drew, not to the wait.
 */
async function timeToFrame(fn) {
  const t0 = performance.now();
  const value = await fn();
  await nextTask();
  const t1 = performance.now();
  const { frameStart, end } = await afterFrame();
  const idle = Math.max(0, frameStart - t1);
  return { value, ms: end - t0 - idle, syncMs: t1 - t0, wallMs: end - t0 };
}

function median(a) {
  const s = [...a].sort((p, q) => p - q);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function canvasCalls() {
  const c = window.__canvasCalls;
  if (!c) return undefined;
  const out = { calls: c.calls, sets: c.sets, byName: { ...c.byName } };
  window.__resetCanvasCalls();
  return out;
}

async function frames(n) {
  for (let i = 0; i < n; i++) await afterFrame();
}

window.bench = {
  /** Loads the library (and, for trade-chart, instantiates its wasm). */
  async load() {
    const lib = params.get("lib");
    const vendor = params.get("vendor") || "/vendor/";
    const t0 = performance.now();
    const driver = (await import(LIBS[lib])).default;
    const t1 = performance.now();
    const detail = await driver.load(vendor);
    const t2 = performance.now();
    state.driver = driver;
    if (driver.autoHeight) el.classList.add("auto-height");
    return { loadMs: t2 - t0, driverImportMs: t1 - t0, ...detail };
  },

  /** Generates the data set in memory (not timed). */
  async generate() {
    state.data = await makeData(params.get("data"));
    return { points: state.data.x.length * state.data.ys.length };
  },

  /** Converts it to the library's own input format (not timed). */
  prepare() {
    const t0 = performance.now();
    state.native = state.driver.prepare(state.data);
    return { prepareMs: performance.now() - t0 };
  },

  /** Cold render: data in memory → first frame drawn. */
  async cold() {
    window.__resetCanvasCalls?.();
    const r = await timeToFrame(() => state.driver.create(el, state.native, state.data));
    state.inst = r.value;
    const calls = canvasCalls();
    const afterFirst = state.driver.stats(state.inst);
    await frames(3);
    const settledCalls = canvasCalls();
    return { ms: r.ms, syncMs: r.syncMs, wallMs: r.wallMs, calls, settledCalls, afterFirstFrame: afterFirst, settled: state.driver.stats(state.inst) };
  },

  stats() {
    return state.driver.stats(state.inst);
  },

  /** Re-render after zooming to ~10% of the range; three different windows, each timed. */
  async zoom() {
    const x = state.data.x;
    const lo = x[0];
    const span = x[x.length - 1] - lo;
    const runs = [];
    let calls;
    const before = state.driver.stats(state.inst);
    for (const start of [0.45, 0.2, 0.7]) {
      window.__resetCanvasCalls?.();
      const from = lo + span * start;
      const to = from + span * 0.1;
      const r = await timeToFrame(() => state.driver.zoom(state.inst, from, to));
      calls ??= canvasCalls();
      runs.push(r);
      await frames(2);
    }
    return { ms: median(runs.map((r) => r.ms)), all: runs.map((r) => r.ms), syncMs: median(runs.map((r) => r.syncMs)), calls, before, after: state.driver.stats(state.inst) };
  },

  /**
   * Story steps (drivers that have them): three eased transitions between a 10% window with
   * one series highlighted and the full range. Per frame: the synchronous time to compute
   * and draw it; a frame is dropped when the time since the previous one exceeds 1.5 × 16.7 ms.
   */
  async stepTransition() {
    if (!state.driver.stepTransition) return null;
    const runs = await state.driver.stepTransition(state.inst, state.native, state.data);
    const render = runs.flatMap((r) => r.renderMs);
    const intervals = runs.flatMap((r) => r.intervals);
    return {
      msPerFrame: median(render),
      maxMs: Math.max(...render),
      frames: runs.map((r) => r.frames),
      dropped: intervals.filter((v) => v > 25).length,
      intervalMs: median(intervals),
    };
  },

  /**
   * Hover: `moves` synthetic pointer moves across the plot, one per frame, each dispatched
   * as the browser does for a mouse (pointermove, then mousemove) at the element under the
   * point. Per move: synchronous handler time + the work of the frame that follows.
   */
  async hover(moves = 40) {
    const r = el.getBoundingClientRect();
    const y = r.top + Math.min(300, r.height / 2);
    const before = state.driver.stats(state.inst);
    const times = [];
    const sync = [];
    window.__resetCanvasCalls?.();
    for (let i = 0; i < moves; i++) {
      const x = r.left + 200 + ((i * 37) % moves) * ((r.width - 400) / moves);
      const target = document.elementFromPoint(x, y) || el;
      const init = { clientX: x, clientY: y, bubbles: true, cancelable: true, composed: true, view: window };
      const t = await timeToFrame(() => {
        target.dispatchEvent(new PointerEvent("pointermove", { ...init, pointerId: 1, pointerType: "mouse", isPrimary: true }));
        target.dispatchEvent(new MouseEvent("mousemove", init));
      });
      times.push(t.ms);
      sync.push(t.syncMs);
    }
    const calls = canvasCalls();
    await frames(2);
    return { ms: median(times), syncMs: median(sync), all: times, callsPerMove: calls && { calls: calls.calls / moves, sets: calls.sets / moves, byName: calls.byName }, before, after: state.driver.stats(state.inst) };
  },
};
window.benchReady = true;
