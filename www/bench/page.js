// The page-cost bench (scripts/page-cost.mjs): a news page with the demo's five small
// charts (bar, line, panels, two axes, indexed), drawn by trade-chart or by uPlot from the
// same five specs, fetched by both. When all five are on screen it records the time and
// the long tasks so far; the runner reads the main thread's busy time through CDP.
const params = new URLSearchParams(location.search);
const lib = params.get("lib");
const vendor = params.get("vendor");
const SPECS = ["china-russia-trade", "russian-crude", "trade-vs-crude-panels", "trade-vs-crude-dual-axis", "trade-vs-crude-indexed"];
const WIDTH = 680;

const longTasks = [];
new PerformanceObserver((list) => longTasks.push(...list.getEntries().map((e) => ({ start: e.startTime, duration: e.duration })))).observe({ type: "longtask", buffered: true });

function done() {
  // The frame that shows the last chart, then the task after it.
  requestAnimationFrame(() =>
    setTimeout(() => {
      const drawnAt = performance.now();
      const tasks = longTasks.filter((t) => t.start < drawnAt);
      window.pageCost = {
        lib,
        drawnAt,
        longTasks: tasks.length,
        longestTask: Math.max(0, ...tasks.map((t) => t.duration)),
        blockingTime: tasks.reduce((sum, t) => sum + Math.max(0, t.duration - 50), 0),
      };
    }),
  );
}

function slot() {
  const div = document.createElement("div");
  div.className = "slot";
  document.getElementById("page").append(div);
  return div;
}

async function withTradeChart() {
  const { loadWasm } = await import("/pkg/trade-chart.js");
  // ?worker=off: the wasm compiled on the main thread, as before the compile worker.
  if (params.get("worker") === "off") loadWasm({ worker: false });
  const els = SPECS.map((name) => {
    const el = document.createElement("trade-chart");
    el.setAttribute("src", `../data/${name}.json`);
    slot().append(el);
    return new Promise((resolve, reject) => {
      el.addEventListener("ready", resolve, { once: true });
      el.addEventListener("error", (e) => reject(e.detail.error), { once: true });
    });
  });
  await Promise.all(els);
}

function loadScript(url) {
  return new Promise((resolve, reject) => {
    const s = document.createElement("script");
    s.src = url;
    s.onload = resolve;
    s.onerror = () => reject(new Error(`could not load ${url}`));
    document.head.append(s);
  });
}

function loadStyle(url) {
  const l = document.createElement("link");
  l.rel = "stylesheet";
  l.href = url;
  document.head.append(l);
}

/** The spec's points as uPlot columns: x in seconds, then one array per series. */
function columns(spec, transform = (ys) => ys) {
  const xs = spec.series[0].data.map(([d]) => Date.UTC(Number(String(d).slice(0, 4)), 0, 1) / 1000);
  return [xs, ...spec.series.map((s) => transform(s.data.map(([, v]) => v)))];
}

const COLORS = ["#0b6fb4", "#c4422c"];

function uplotFor(spec, target) {
  const U = window.uPlot;
  const base = { width: WIDTH, height: 340, title: spec.title, scales: { x: { time: true } } };
  const line = (s, i, extra = {}) => ({ label: s.name, stroke: COLORS[i], width: 2.5, ...extra });
  const view = spec.view;
  if (spec.kind === "bar") {
    const cols = columns(spec);
    return [new U({ ...base, series: [{}, line(spec.series[0], 0, { fill: COLORS[0], paths: U.paths.bars({ size: [0.7] }) })] }, cols, target)];
  }
  if (view === "panels") {
    return spec.series.map((s, i) => {
      const one = { ...spec, series: [s] };
      return new U({ ...base, height: 230, title: i === 0 ? spec.title : s.name, series: [{}, line(s, i)] }, columns(one), target);
    });
  }
  if (view === "dual-axis") {
    const series = [{}, line(spec.series[0], 0, { scale: "a" }), line(spec.series[1], 1, { scale: "b" })];
    const axes = [{}, { scale: "a" }, { scale: "b", side: 1, grid: { show: false } }];
    return [new U({ ...base, series, axes }, columns(spec), target)];
  }
  const index = view === "indexed" ? (ys) => ys.map((v) => (v / ys[0]) * 100) : (ys) => ys;
  return [new U({ ...base, series: [{}, ...spec.series.map((s, i) => line(s, i))] }, columns(spec, index), target)];
}

async function withUplot() {
  loadStyle(`${vendor}uplot/uPlot.min.css`);
  const [specs] = await Promise.all([
    Promise.all(SPECS.map((name) => fetch(`../data/${name}.json`).then((r) => r.json()))),
    loadScript(`${vendor}uplot/uPlot.iife.min.js`),
  ]);
  for (const spec of specs) uplotFor(spec, slot());
}

(lib === "uplot" ? withUplot() : withTradeChart()).then(done, (e) => {
  window.pageCost = { lib, error: String(e && e.message ? e.message : e) };
});
