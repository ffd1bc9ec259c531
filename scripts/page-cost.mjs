// What five charts cost the page they sit on: www/bench/page.html with the demo's five
// small charts drawn by trade-chart or by uPlot, each run in a fresh context, from
// navigation to all five on screen. trade-chart runs twice: as shipped (the wasm compiled
// in a worker, which also calls the first chart's functions once) and with
// `loadWasm({worker: false})` (everything on the main thread), to show what the worker moves. Main-thread busy time comes from CDP's Performance
// metrics (TaskDuration, ScriptDuration, LayoutDuration + RecalcStyleDuration); long
// tasks and their blocking time (the part of each over 50 ms) from a PerformanceObserver.
// Prints and returns figures; asserts nothing about time.
//
//   node scripts/page-cost.mjs [--runs 7]      (make bench runs it too)
import { chromium } from "playwright-core";
import { pathToFileURL } from "node:url";
import { CHROMIUM, CHROMIUM_ARGS } from "./chromium.mjs";

/** What runs: key → the page's query (page.js reads lib and worker). */
export const PAGE_VARIANTS = {
  "trade-chart": { lib: "trade-chart" },
  "trade-chart, no worker": { lib: "trade-chart", worker: "off" },
  uplot: { lib: "uplot" },
};
const KEYS = Object.keys(PAGE_VARIANTS);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};

async function onePage(browser, base, vendor, key) {
  const query = PAGE_VARIANTS[key];
  const context = await browser.newContext({ viewport: { width: 1280, height: 3000 }, deviceScaleFactor: 1.5, serviceWorkers: "block" });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  try {
    await cdp.send("Performance.enable", { timeDomain: "threadTicks" });
    await page.goto(`${base}bench/page.html?${new URLSearchParams({ ...query, vendor })}`);
    const cost = await (await page.waitForFunction(() => window.pageCost, undefined, { timeout: 30000, polling: 20 })).jsonValue();
    if (cost.error) throw new Error(`${key}: ${cost.error}`);
    const { metrics } = await cdp.send("Performance.getMetrics");
    const m = Object.fromEntries(metrics.map((x) => [x.name, x.value * 1000]));
    return { ...cost, key, taskMs: m.TaskDuration, scriptMs: m.ScriptDuration, layoutMs: m.LayoutDuration + m.RecalcStyleDuration };
  } finally {
    await context.close();
  }
}

/** `runs` fresh pages per library, alternating the order; medians per library. */
export async function pageCost(browser, base, vendor, { runs = 7 } = {}) {
  const raw = [];
  for (let run = 0; run < runs; run++) {
    for (const key of run % 2 ? [...KEYS].reverse() : KEYS) raw.push(await onePage(browser, base, vendor, key));
  }
  const fields = ["drawnAt", "taskMs", "scriptMs", "layoutMs", "longTasks", "longestTask", "blockingTime"];
  const medians = Object.fromEntries(
    KEYS.map((key) => [key, Object.fromEntries(fields.map((f) => [f, median(raw.filter((r) => r.key === key).map((r) => r[f]))]))]),
  );
  return { runs, medians, raw };
}

/** The page-cost table (markdown), trade-chart and uPlot side by side with the ratio. */
export function renderPageCost({ runs, medians }) {
  const tc = medians["trade-chart"];
  const own = medians["trade-chart, no worker"];
  const up = medians.uplot;
  const ratio = (a, b) => (b > 0 ? `${(a / b).toFixed(2)}×` : a > 0 ? "∞" : "=");
  const row = (label, f, unit = " ms") =>
    `| ${label} | ${tc[f].toFixed(1)}${unit} | ${own[f].toFixed(1)}${unit} | ${up[f].toFixed(1)}${unit} | ${ratio(tc[f], up[f])} | ${ratio(own[f], up[f])} |`;
  return [
    "## A page with five charts",
    "",
    `\`www/bench/page.html\`: the demo's five small charts (bar, line, two panels, two axes, indexed) in a`,
    `680 px column, drawn by trade-chart (\`<trade-chart src>\`, the bundled package) or by uPlot from the`,
    `same five JSON specs, all five in view; a fresh context per page, median of ${runs} pages each. Main-thread`,
    "time is CDP's `TaskDuration` of the page's main thread from navigation until the frame after the last",
    "chart is drawn. trade-chart as shipped compiles the wasm in a worker (which also calls a small chart's",
    "functions once); \"no worker\" is `loadWasm({worker: false})`, everything on the main thread.",
    "",
    "| | trade-chart | trade-chart, no worker | uPlot | ratio | ratio, no worker |",
    "|---|---|---|---|---|---|",
    row("navigation → all five drawn", "drawnAt"),
    row("main-thread busy time", "taskMs"),
    row("… of which script", "scriptMs"),
    row("… of which style and layout", "layoutMs"),
    row("long tasks (> 50 ms)", "longTasks", ""),
    row("longest task", "longestTask"),
    row("blocking time (Σ task − 50 ms)", "blockingTime"),
    "",
  ].join("\n");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const runs = Number(process.argv[process.argv.indexOf("--runs") + 1]) || 7;
  const { startServer } = await import("./serve.mjs");
  const { startVendorServer } = await import("./bench-vendor.mjs");
  const server = await startServer({ port: 0 });
  const vendor = await startVendorServer();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const result = await pageCost(browser, server.url, vendor.url, { runs });
    console.log(renderPageCost(result));
  } finally {
    await browser.close();
    await server.close();
    await vendor.close();
  }
}
