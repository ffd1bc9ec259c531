// Benchmark runner: trade-chart against uPlot, Chart.js, ECharts and lightweight-charts in
// one headless Chromium (1920×600 CSS px charts, deviceScaleFactor 1.5). Prints figures;
// it asserts nothing about time.
//
//   node scripts/bench.mjs [--runs 5] [--libs trade-chart,uplot] [--data 166k,1m,8] [--no-extras]
//
// Writes target/bench/results.json and BENCHMARKS.md. Each (run, data set, library) gets a
// fresh browser context and page; library order alternates between runs.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createHash } from "node:crypto";
import { chromium } from "playwright-core";
import { startServer } from "./serve.mjs";
import { CHROMIUM, CHROMIUM_ARGS } from "./chromium.mjs";
import { REPO, TRADE_CHART_FILES, sizeReport } from "./size.mjs";
import { pageCost, renderPageCost } from "./page-cost.mjs";
import { startVendorServer } from "./bench-vendor.mjs";

const DEADLINE_MS = 9 * 60 * 1000; // stop starting new runs after this (the bench must end < 10 min)

const LIBS = [
  { id: "trade-chart", name: "trade-chart", files: TRADE_CHART_FILES },
  { id: "uplot", name: "uPlot", files: ["node_modules/uplot/dist/uPlot.iife.min.js", "node_modules/uplot/dist/uPlot.min.css"] },
  { id: "chartjs", name: "Chart.js", files: ["node_modules/chart.js/dist/chart.umd.min.js"] },
  { id: "echarts", name: "ECharts", files: ["node_modules/echarts/dist/echarts.min.js"] },
  { id: "lightweight-charts", name: "lightweight-charts", files: ["node_modules/lightweight-charts/dist/lightweight-charts.standalone.production.js"] },
];
const DATASETS = [
  { id: "166k", label: "166,650 pts (55,550 × 3)" },
  { id: "1m", label: "1,000,000 pts × 1" },
  { id: "8", label: "8 annual pts" },
];

function parseArgs(argv) {
  const o = { runs: 5, libs: LIBS.map((l) => l.id), data: DATASETS.map((d) => d.id), extras: true, hoverMoves: 40 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--runs") o.runs = Number(argv[++i]);
    else if (a === "--libs") o.libs = argv[++i].split(",");
    else if (a === "--data") o.data = argv[++i].split(",");
    else if (a === "--no-extras") o.extras = false;
    else if (a === "--moves") o.hoverMoves = Number(argv[++i]);
    else {
      console.error(`bench: unknown option ${a}`);
      process.exit(2);
    }
  }
  return o;
}


const median = (a) => {
  const s = a.filter((v) => typeof v === "number" && Number.isFinite(v)).sort((p, q) => p - q);
  if (!s.length) return null;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function heap(cdp) {
  await cdp.send("HeapProfiler.collectGarbage");
  const h = await cdp.send("Runtime.getHeapUsage");
  return { used: h.usedSize, total: h.totalSize, backing: h.backingStorageSize ?? null, embedder: h.embedderHeapUsedSize ?? null };
}

/** One library × one data set in a fresh context. `mode`: "time" | "count" | "profile". */
async function measure(browser, base, vendor, lib, data, { mode = "time", hoverMoves = 40 } = {}) {
  const context = await browser.newContext({ viewport: { width: 1940, height: 1000 }, deviceScaleFactor: 1.5, serviceWorkers: "block" });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  const cdp = await context.newCDPSession(page);
  try {
    const q = new URLSearchParams({ lib, data, vendor });
    if (mode === "count") q.set("count", "1");
    await page.goto(`${base}bench/index.html?${q}`);
    await page.waitForFunction(() => window.benchReady === true);
    const r = { lib, data, mode };
    const h0 = await heap(cdp);
    r.load = await page.evaluate(() => window.bench.load());
    const hLoaded = await heap(cdp);
    r.generate = await page.evaluate(() => window.bench.generate());
    const hData = await heap(cdp);
    r.prepare = await page.evaluate(() => window.bench.prepare());
    const hPrepared = await heap(cdp);
    if (mode === "profile") {
      await cdp.send("Profiler.enable");
      await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
      await cdp.send("Profiler.start");
    }
    r.cold = await page.evaluate(() => window.bench.cold());
    if (mode === "profile") r.profileCold = summarizeProfile((await cdp.send("Profiler.stop")).profile);
    const hRendered = await heap(cdp);
    r.heap = {
      blank: h0,
      libLoadedUsed: hLoaded.used - h0.used,
      afterData: hData,
      prepared: hPrepared,
      rendered: hRendered,
      // What the chart holds beyond the raw Float64Array columns: its own input format plus internals.
      chartUsed: hRendered.used - hData.used,
      chartBacking: hRendered.backing != null && hData.backing != null ? hRendered.backing - hData.backing : null,
    };
    r.stats = await page.evaluate(() => window.bench.stats());
    if (mode === "profile") await cdp.send("Profiler.start");
    r.zoom = await page.evaluate(() => window.bench.zoom());
    if (mode === "profile") r.profileZoom = summarizeProfile((await cdp.send("Profiler.stop")).profile);
    if (mode === "profile") await cdp.send("Profiler.start");
    r.hover = await page.evaluate((n) => window.bench.hover(n), hoverMoves);
    // Story step transitions (trade-chart only): per frame of the eased move, the time to
    // compute and draw it, and frames that missed the 60 Hz budget.
    if (mode === "time") r.step = await page.evaluate(() => window.bench.stepTransition());
    if (mode === "profile") r.profileHover = summarizeProfile((await cdp.send("Profiler.stop")).profile);
    if (errors.length) r.errors = errors;
    return r;
  } catch (e) {
    return { lib, data, mode, failed: String(e && e.message ? e.message.split("\n")[0] : e), errors };
  } finally {
    await context.close();
  }
}

/** Self time per function (top 25) from a CDP CPU profile. */
function summarizeProfile(profile) {
  const self = new Map();
  const dt = profile.timeDeltas || [];
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  (profile.samples || []).forEach((id, i) => {
    const n = byId.get(id);
    const f = n.callFrame;
    const url = f.url ? f.url.replace(/^https?:\/\/[^/]+\//, "").replace(/\?.*$/, "") : "";
    const key = `${f.functionName || "(anonymous)"}${url ? ` ${url}:${f.lineNumber + 1}` : ""}`;
    self.set(key, (self.get(key) || 0) + (dt[i] || 0) / 1000);
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  return { totalMs: total, top: [...self].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([fn, ms]) => ({ fn, ms: Math.round(ms * 100) / 100 })) };
}

function fmtMs(v) {
  if (v == null) return "—";
  return v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
}
function fmtRatio(a, b) {
  return a == null || b == null || b === 0 ? "—" : `${(a / b).toFixed(2)}×`;
}
function fmtMB(b) {
  return b == null ? "—" : `${(b / 1048576).toFixed(1)}`;
}

function machine(browserVersion) {
  const cpu = fs.readFileSync("/proc/cpuinfo", "utf8").match(/model name\s*:\s*(.*)/)?.[1] ?? "unknown";
  return { nproc: os.availableParallelism?.() ?? os.cpus().length, cpu, memGB: Math.round(os.totalmem() / 2 ** 30), chromium: browserVersion, node: process.version, date: new Date().toISOString() };
}

function fileHash(f) {
  return createHash("sha256").update(fs.readFileSync(path.join(REPO, f))).digest("hex").slice(0, 12);
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const started = Date.now();
  for (const f of TRADE_CHART_FILES) if (!fs.existsSync(path.join(REPO, f))) throw new Error(`missing ${f}: run make build`);
  const buildBefore = Object.fromEntries(TRADE_CHART_FILES.map((f) => [f, fileHash(f)]));
  const server = await startServer({ port: 0 });
  const vendor = await startVendorServer();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const libs = LIBS.filter((l) => opts.libs.includes(l.id));
  const datasets = DATASETS.filter((d) => opts.data.includes(d.id));
  const raw = [];
  let runsDone = 0;
  try {
    for (let run = 0; run < opts.runs; run++) {
      if (Date.now() - started > DEADLINE_MS * 0.5 && run > 0) {
        console.log(`bench: stopping after ${run} runs to stay within the time limit`);
        break;
      }
      const order = run % 2 ? [...libs].reverse() : libs;
      for (const d of datasets) {
        for (const l of order) {
          const r = await measure(browser, server.url, vendor.url, l.id, d.id, { hoverMoves: opts.hoverMoves });
          r.run = run;
          raw.push(r);
          process.stdout.write(r.failed ? `\n  ${l.id}/${d.id}: FAILED ${r.failed}\n` : ".");
        }
      }
      runsDone++;
      process.stdout.write(` run ${run + 1}/${opts.runs} (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
    }
    // One pass with every canvas call counted (separate: the wrapper slows drawing down).
    const counts = [];
    const profiles = [];
    if (opts.extras && Date.now() - started > DEADLINE_MS * 0.75) {
      console.log("bench: skipping the canvas-count and profile passes to stay within the time limit (--runs 3 leaves room)");
    } else if (opts.extras) {
      for (const d of datasets) for (const l of libs) counts.push(await measure(browser, server.url, vendor.url, l.id, d.id, { mode: "count", hoverMoves: 10 }));
      // CPU profiles of trade-chart and uPlot (sampling profiler, 100 µs).
      for (const d of datasets.filter((x) => x.id !== "8")) {
        for (const l of libs.filter((x) => x.id === "trade-chart" || x.id === "uplot")) profiles.push(await measure(browser, server.url, vendor.url, l.id, d.id, { mode: "profile", hoverMoves: 10 }));
      }
      process.stdout.write("extras: canvas call counts and CPU profiles done\n");
    }
    const ingest = await recordsIngest(browser, server.url);
    process.stdout.write(`records ingest: ${ingest.recordsMs.toFixed(1)} ms, typed arrays ${ingest.typedMs.toFixed(1)} ms (${(ingest.recordsMs / ingest.typedMs).toFixed(2)}×)\n`);
    const page = await pageCost(browser, server.url, vendor.url, { runs: Math.max(3, Math.min(opts.runs, 7)) });
    const pageTable = renderPageCost(page);
    process.stdout.write(`${pageTable}\n`);
    const version = browser.version();
    const buildAfter = Object.fromEntries(TRADE_CHART_FILES.map((f) => [f, fileHash(f)]));
    const results = summarize({ raw, counts, profiles, libs, datasets, machine: machine(version), runs: runsDone, buildBefore, buildAfter, seconds: (Date.now() - started) / 1000 });
    results.recordsIngest = ingest;
    results.pageCost = page;
    fs.mkdirSync(path.join(REPO, "target", "bench"), { recursive: true });
    fs.writeFileSync(path.join(REPO, "target", "bench", "results.json"), JSON.stringify(results, null, 2));
    const table = renderTables(results);
    console.log(table.terminal);
    // Hand-written analysis after the marker survives regeneration.
    const mdPath = path.join(REPO, "BENCHMARKS.md");
    const MARK = "<!-- analysis: kept when make bench rewrites this file -->";
    const previous = fs.existsSync(mdPath) ? fs.readFileSync(mdPath, "utf8") : "";
    const kept = previous.includes(MARK) ? previous.slice(previous.indexOf(MARK)) : `${MARK}\n`;
    fs.writeFileSync(mdPath, `${table.markdown}\n${pageTable}\n${kept}`);
    console.log(`bench: wrote target/bench/results.json and BENCHMARKS.md in ${results.seconds.toFixed(0)} s`);
  } finally {
    await browser.close();
    await server.close();
    await vendor.close();
  }
}

/**
 * The same 100,000 rows × 3 fields mounted as `data` records (`[{t, a, b, c}, …]`, what
 * `fetch().json()` gives) and as Float64Array series: median mount() time of 7 each
 * (validate, ingest and one draw; the draw is the same for both).
 */
async function recordsIngest(browser, base) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: "block" });
  const page = await context.newPage();
  try {
    await page.goto(`${base}test/lifecycle.html`);
    await page.evaluate(() => window.lifecycleReady);
    return await page.evaluate(async () => {
      const n = 100000;
      const t0 = Date.UTC(2000, 0, 1);
      const records = Array.from({ length: n }, (_, i) => ({ t: t0 + i * 60000, a: Math.sin(i / 100), b: i % 977, c: i / 7 }));
      const x = Float64Array.from(records, (r) => r.t);
      const typed = { series: ["a", "b", "c"].map((f) => ({ name: f, x, y: Float64Array.from(records, (r) => r[f]) })) };
      const host = document.getElementById("host");
      const time = async (spec) => {
        const all = [];
        for (let k = 0; k < 7; k++) {
          const start = performance.now();
          const chart = await window.tc.mount(host, spec, { exportButtons: false });
          all.push(performance.now() - start);
          chart.destroy();
        }
        all.sort((p, q) => p - q);
        return all[3];
      };
      // One of each first, so that neither pays for growing the wasm memory.
      await time(typed);
      await time({ data: records });
      const typedMs = await time(typed);
      const recordsMs = await time({ data: records });
      return { rows: n, fields: 3, recordsMs, typedMs };
    });
  } finally {
    await context.close();
  }
}

function summarize({ raw, counts, profiles, libs, datasets, machine, runs, buildBefore, buildAfter, seconds }) {
  const sizes = Object.fromEntries(LIBS.map((l) => [l.id, sizeReport(l.files)]));
  const figures = {};
  for (const d of datasets) {
    figures[d.id] = {};
    for (const l of libs) {
      const rs = raw.filter((r) => r.lib === l.id && r.data === d.id && !r.failed);
      const m = (f) => median(rs.map(f));
      figures[d.id][l.id] = {
        n: rs.length,
        failures: raw.filter((r) => r.lib === l.id && r.data === d.id && r.failed).map((r) => r.failed),
        loadMs: m((r) => r.load.loadMs),
        wasmInstantiateMs: m((r) => r.load.wasmMs),
        coldMs: m((r) => r.cold.ms),
        coldSyncMs: m((r) => r.cold.syncMs),
        coldWallMs: m((r) => r.cold.wallMs),
        zoomMs: m((r) => r.zoom.ms),
        hoverMs: m((r) => r.hover.ms),
        stepFrameMs: m((r) => r.step?.msPerFrame),
        stepFrameMaxMs: m((r) => r.step?.maxMs),
        stepDropped: m((r) => r.step?.dropped),
        stepIntervalMs: m((r) => r.step?.intervalMs),
        hoverSyncMs: m((r) => r.hover.syncMs),
        heapUsedMB: m((r) => r.heap.rendered.used / 1048576),
        chartHeapMB: m((r) => r.heap.chartUsed / 1048576),
        chartBackingMB: m((r) => (r.heap.chartBacking == null ? null : r.heap.chartBacking / 1048576)),
        libLoadedHeapMB: m((r) => r.heap.libLoadedUsed / 1048576),
        wasmMemoryMB: m((r) => (r.stats?.wasmMemoryBytes == null ? null : r.stats.wasmMemoryBytes / 1048576)),
        renderCountAfterFirstFrame: m((r) => r.cold.afterFirstFrame?.renderCount),
        renderCountSettled: m((r) => r.cold.settled?.renderCount),
        hoverDataRenders: m((r) => (r.hover.after?.renderCount == null ? null : r.hover.after.renderCount - r.hover.before.renderCount)),
        hoverOverlayRenders: m((r) => (r.hover.after?.overlayRenderCount == null ? null : r.hover.after.overlayRenderCount - r.hover.before.overlayRenderCount)),
      };
    }
  }
  const canvasCalls = counts.map((c) => ({
    lib: c.lib,
    data: c.data,
    failed: c.failed,
    cold: c.cold && { calls: c.cold.calls?.calls, sets: c.cold.calls?.sets, settledCalls: c.cold.settledCalls?.calls, byName: c.cold.calls?.byName },
    zoom: c.zoom && { calls: c.zoom.calls?.calls, sets: c.zoom.calls?.sets, byName: c.zoom.calls?.byName },
    hoverPerMove: c.hover?.callsPerMove,
  }));
  return {
    machine,
    runs,
    seconds,
    build: { before: buildBefore, after: buildAfter, changedDuringRun: JSON.stringify(buildBefore) !== JSON.stringify(buildAfter) },
    sizes,
    figures,
    canvasCalls,
    profiles: profiles.map((p) => ({ lib: p.lib, data: p.data, failed: p.failed, cold: p.profileCold, zoom: p.profileZoom, hover: p.profileHover, coldMs: p.cold?.ms })),
    raw,
  };
}

const TARGETS = "Targets (issues 12 and 15): cold render, zoom re-render and hover ≤ 1.0× uPlot at 8, 166,650 and 1M points; wasm memory ≤ 20 B per point at 1M; one chart ≤ 110 KB gzip; five charts on a page: main-thread time ≤ five uPlot charts.";

function renderTables(res) {
  const { figures, sizes, machine: mc } = res;
  const libs = LIBS.filter((l) => Object.values(figures)[0]?.[l.id]);
  const lines = [];
  const md = [];
  const rows = [
    ["cold render (ms)", "coldMs", fmtMs],
    ["  sync part (ms)", "coldSyncMs", fmtMs],
    ["zoom re-render (ms)", "zoomMs", fmtMs],
    ["hover / move (ms)", "hoverMs", fmtMs],
    ["step transition (ms/frame)", "stepFrameMs", fmtMs],
    ["  slowest frame (ms)", "stepFrameMaxMs", fmtMs],
    ["  frame interval (ms)", "stepIntervalMs", fmtMs],
    ["  dropped frames / 3 steps", "stepDropped", (v) => (v == null ? "—" : String(v))],
    ["JS heap used (MB)", "heapUsedMB", (v) => (v == null ? "—" : v.toFixed(1))],
    ["  held by chart (MB)", "chartHeapMB", (v) => (v == null ? "—" : v.toFixed(1))],
    ["wasm memory (MB)", "wasmMemoryMB", (v) => (v == null ? "—" : v.toFixed(1))],
  ];
  const headers = ["", ...libs.map((l) => l.name), "tc/uPlot"];
  const table = (title, body) => {
    const widths = headers.map((h, i) => Math.max(h.length, ...body.map((r) => String(r[i]).length)));
    lines.push(`\n${title}`);
    lines.push(headers.map((h, i) => (i ? h.padStart(widths[i]) : h.padEnd(widths[i]))).join("  "));
    for (const r of body) lines.push(r.map((c, i) => (i ? String(c).padStart(widths[i]) : String(c).padEnd(widths[i]))).join("  "));
    md.push(`\n### ${title}\n`);
    md.push(`| ${headers.map((h) => h || "figure").join(" | ")} |`);
    md.push(`| ${headers.map((_, i) => (i ? "---:" : "---")).join(" | ")} |`);
    for (const r of body) md.push(`| ${r.map((c) => String(c).trim()).join(" | ")} |`);
  };
  for (const d of DATASETS.filter((x) => figures[x.id])) {
    const f = figures[d.id];
    const body = rows.map(([label, key, fmt]) => [label, ...libs.map((l) => fmt(f[l.id][key])), fmtRatio(f["trade-chart"]?.[key], f.uplot?.[key])]);
    table(`${d.label} — medians of ${res.runs} runs`, body);
  }
  const f0 = Object.values(figures)[0];
  table("Load (first data set's pages)", [
    ["library load (ms)", ...libs.map((l) => fmtMs(f0[l.id].loadMs)), fmtRatio(f0["trade-chart"]?.loadMs, f0.uplot?.loadMs)],
    ["  of which wasm fetch+instantiate", ...libs.map((l) => fmtMs(f0[l.id].wasmInstantiateMs)), ""],
  ]);
  const kb = (n) => (n / 1024).toFixed(1);
  table("Bytes for one chart (KB)", [
    ["raw", ...libs.map((l) => kb(sizes[l.id].total.raw)), fmtRatio(sizes["trade-chart"].total.raw, sizes.uplot.total.raw)],
    ["gzip -9", ...libs.map((l) => kb(sizes[l.id].total.gzip)), fmtRatio(sizes["trade-chart"].total.gzip, sizes.uplot.total.gzip)],
    ["brotli -q11", ...libs.map((l) => kb(sizes[l.id].total.brotli)), fmtRatio(sizes["trade-chart"].total.brotli, sizes.uplot.total.brotli)],
  ]);
  const cc = res.canvasCalls.filter((c) => !c.failed);
  if (cc.length) {
    const get = (lib, data, fn) => {
      const c = cc.find((x) => x.lib === lib && x.data === data);
      return c ? fn(c) : null;
    };
    const body = [];
    for (const d of DATASETS.filter((x) => figures[x.id])) {
      body.push([`${d.id}: cold calls (+style sets)`, ...libs.map((l) => get(l.id, d.id, (c) => `${c.cold?.calls ?? "—"} (+${c.cold?.sets ?? "—"})`) ?? "—"), ""]);
      body.push([`${d.id}: zoom calls (+sets)`, ...libs.map((l) => get(l.id, d.id, (c) => `${c.zoom?.calls ?? "—"} (+${c.zoom?.sets ?? "—"})`) ?? "—"), ""]);
      body.push([`${d.id}: hover calls/move`, ...libs.map((l) => get(l.id, d.id, (c) => (c.hoverPerMove ? c.hoverPerMove.calls.toFixed(0) : "—")) ?? "—"), ""]);
    }
    table("Canvas 2D calls (CanvasRenderingContext2D methods; separate counting pass)", body);
  }
  const tc = (d, k) => figures[d]?.["trade-chart"]?.[k];
  const extra = [];
  for (const d of Object.keys(figures)) {
    const t = figures[d]["trade-chart"];
    if (t) extra.push(`trade-chart ${d}: data-layer renders after first frame ${t.renderCountAfterFirstFrame}, after 3 more frames ${t.renderCountSettled}; during hover: ${t.hoverDataRenders} data renders, ${t.hoverOverlayRenders} overlay renders`);
  }
  const machineLine = `Machine: ${mc.nproc} × ${mc.cpu}, ${mc.memGB} GB RAM, Chromium ${mc.chromium} (headless, --disable-gpu: software raster), Node ${mc.node}, ${mc.date}.`;
  lines.push("", ...extra, TARGETS, machineLine);
  if (res.build.changedDuringRun) lines.push("WARNING: pkg/ or the harness changed while the bench ran (someone rebuilt); figures may mix builds.");
  const markdown = [
    "# Benchmarks",
    "",
    "Generated by `make bench` (scripts/bench.mjs); figures below are from the last run. Compare ratios",
    "within one run, not absolute times across machines.",
    "",
    machineLine,
    "",
    "## How to reproduce",
    "",
    "```sh",
    "make bench            # builds pkg/ (release), then node scripts/bench.mjs (~5–8 min)",
    "node scripts/bench.mjs --runs 1 --libs trade-chart,uplot --data 166k   # a quick look",
    "make size             # where the wasm bytes go, bytes for one chart, budget check (size-budget.json)",
    "node scripts/hotpaths.mjs --data 1m   # mount/update/render/zoom/hover timed call by call",
    "```",
    "",
    "## Method",
    "",
    "- Every (run, data set, library) is a fresh browser context and page, `www/bench/index.html?lib=…&data=…`,",
    "  viewport 1940×1000, `deviceScaleFactor: 1.5`; the chart is 1920×600 CSS px (2880×900 device px).",
    "  Library order alternates between runs; figures are medians over runs.",
    "- Data: deterministic random walks (xorshift32, fixed seeds), generated in the page and converted to each",
    "  library's own input format before timing: trade-chart Float64Array columns (x epoch ms, one copy",
    "  into wasm); uPlot plain column arrays; Chart.js `{x, y}` objects with `parsing: false`, `normalized`,",
    "  decimation `min-max`, animation off; ECharts `[x, y]` arrays, canvas renderer, `sampling: 'lttb'`,",
    "  `showSymbol: false`, animation off; lightweight-charts `{time, value}` objects in a LineSeries",
    "  (`minBarSpacing` lowered so the whole range fits, like the others). Line width 2.5 CSS px (LWC: 3).",
    "- **cold render**: from the library's create call (trade-chart: `mount()` with the wasm already",
    "  instantiated) until a task posted from the next `requestAnimationFrame` runs (i.e. after that frame's",
    "  rendering). The idle wait between the end of the synchronous part and the start of that frame is",
    "  subtracted (work time, not vsync luck). The synchronous part ends with the task that drew: Chromium",
    "  rasterizes a canvas drawn outside an animation frame when that task ends, and that is counted (until",
    "  2026-12-01 it was counted as idle, which left out the raster of every library that draws",
    "  synchronously). Library/wasm load is reported separately.",
    "- **zoom**: a view of 10% of the range through each library's API (trade-chart `chart.setView`, uPlot",
    "  `setScale`, Chart.js scale min/max + `update('none')`, ECharts `dataZoom` action, LWC",
    "  `setVisibleRange`), timed the same way; median of three windows.",
    "- **hover**: 40 synthetic moves across the plot, one per frame, each dispatched like a real mouse",
    "  (`pointermove` then `mousemove` on the element under the point); per move: handler time + the work of",
    "  the frame that follows (where trade-chart, Chart.js and LWC draw). Median.",
    "- **step transition** (trade-chart only): three story steps (a 10% window with one series highlighted,",
    "  the full range, the window again), each a 400 ms eased transition. ms/frame = median synchronous time",
    "  to compute and draw one frame (`stepFrame` + render); frame interval = median time between frames,",
    "  which includes the raster the browser does after the draw calls; a frame is dropped when that",
    "  interval exceeds 25 ms (1.5 × 16.7 ms). Dropped frames are summed over the three steps.",
    "- **memory**: CDP `Runtime.getHeapUsage` after a forced GC, after the chart has settled. \"held by",
    "  chart\" = heap after render − heap with only the raw Float64Array columns in memory (so it includes the",
    "  library's own input format). wasm memory = trade-chart's `WebAssembly.Memory` size.",
    "- **bytes**: files one chart needs, raw / gzip -9 / brotli -q11 (node zlib). trade-chart =",
    "  pkg/trade_chart_bg.wasm + pkg/trade-chart.js + pkg/trade-chart-wasm.js (bundled by make build); uPlot = iife.min.js + min.css;",
    "  Chart.js = chart.umd.min.js (everything registered; a tree-shaken ESM build is smaller); ECharts =",
    "  echarts.min.js (full; a custom build is smaller); LWC = standalone production build.",
    "- **canvas calls**: a separate pass wraps every `CanvasRenderingContext2D.prototype` and `Path2D.prototype` method and style",
    "  setter and counts calls during the cold render's first frame, one zoom and per hover move.",
    "",
    "## Results",
    ...md,
    "",
    res.recordsIngest
      ? `Records ingest (trade-chart only): ${res.recordsIngest.rows.toLocaleString("en-US")} rows × ${res.recordsIngest.fields} fields as \`data\` records ${res.recordsIngest.recordsMs.toFixed(1)} ms, the same data as Float64Array series ${res.recordsIngest.typedMs.toFixed(1)} ms (${(res.recordsIngest.recordsMs / res.recordsIngest.typedMs).toFixed(2)}×; mount() with one draw, median of 7; target ≤ 2×).`
      : "",
    "",
    ...extra.map((e) => `- ${e}`),
    "",
    TARGETS,
    "",
    `Runs: ${res.runs}; the bench took ${res.seconds.toFixed(0)} s. Raw per-run figures, CPU profiles (top self time) and`,
    "per-method canvas call counts are in `target/bench/results.json`.",
    res.build.changedDuringRun ? "\n**Warning:** pkg/ or the harness changed during this run (a concurrent rebuild)." : "",
    "",
  ].join("\n");
  return { terminal: lines.join("\n"), markdown };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
