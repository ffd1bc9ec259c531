// Times trade-chart's hot paths call by call in headless Chromium, without the frame
// scheduling that make bench measures around them: what an opt-level or wasm-opt change
// does to the wasm's own speed.
//
//   node scripts/hotpaths.mjs [--pages 5] [--data 1m]     # uses pkg/ as it is (make build)
//
// Per fresh page: mount() of the data set (validate, ingest, first draw: cold, on V8's
// baseline tier), then warm calls: update() with the same spec (ingest + draw), render()
// (layout + draw), zoom = setView() + render() over three 10% windows, and overlay marks
// for 40 pointer positions (pointerMove + updateMarks + updateTooltip). Prints medians over pages of each page's median.
import { chromium } from "playwright-core";
import { startServer } from "./serve.mjs";
import { CHROMIUM, CHROMIUM_ARGS } from "./chromium.mjs";

const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const pages = Number(opt("--pages", 5));
const dataset = opt("--data", "1m");

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2 : NaN;
};

const server = await startServer({ port: 0 });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
const rows = [];
try {
  for (let p = 0; p < pages; p++) {
    const context = await browser.newContext({ viewport: { width: 1940, height: 1000 }, deviceScaleFactor: 1.5 });
    const page = await context.newPage();
    await page.goto(new URL(`bench/index.html?lib=trade-chart&data=${dataset}`, server.url).href);
    const r = await page.evaluate(async (dataset) => {
      const mod = await import("/trade-chart.js");
      // The harness's own overlay step (module functions since the harness was split).
      const { updateMarks, updateTooltip } = await import("/harness/overlay.js");
      await mod.loadWasm();
      const { makeData } = await import("/bench/data.js");
      const data = await makeData(dataset);
      const spec = {
        height: 600,
        series: data.ys.map((y, i) => ({ name: `Series ${i + 1}`, kind: "line", x: data.x, y, ...(data.annual ? { granularity: "annual" } : {}) })),
      };
      const el = document.getElementById("chart");
      const now = () => performance.now();
      let t = now();
      const chart = await mod.mount(el, spec, { exportButtons: false });
      const mountMs = now() - t;
      const time = (n, f) => {
        const out = [];
        for (let i = 0; i < n; i++) {
          const t0 = now();
          f(i);
          out.push(now() - t0);
        }
        return out;
      };
      const update = time(5, () => chart.update(spec));
      const render = time(7, () => chart.render());
      const lo = data.x[0];
      const span = data.x[data.x.length - 1] - lo;
      const starts = [0.45, 0.2, 0.7];
      const zoom = time(9, (i) => {
        const from = lo + span * starts[i % 3];
        chart.setView({ from, to: from + span * 0.1 });
        chart.render();
      });
      // Hover as the harness does it for a pointermove: Rust's input step, then the
      // overlay marks and tooltip it places (what its animation frame runs).
      const [px, py, pw, ph] = chart.handle.plotArea();
      const hover = time(40, (i) => {
        chart.handle.pointerMove(px + ((i * 37) % 40) * (pw / 40), py + ph / 2);
        updateMarks(chart);
        updateTooltip(chart);
      });
      return { mountMs, update, render, zoom, hover };
    }, dataset);
    rows.push({ mount: r.mountMs, update: median(r.update), render: median(r.render), zoom: median(r.zoom), hover: median(r.hover) });
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
const keys = ["mount", "update", "render", "zoom", "hover"];
const med = Object.fromEntries(keys.map((k) => [k, median(rows.map((r) => r[k]))]));
console.log(`hotpaths ${dataset}, ${pages} pages, ms (median of pages; per page: mount once = cold, others median of warm calls)`);
for (const k of keys) console.log(`  ${k.padEnd(7)} ${med[k].toFixed(2).padStart(8)}   [${rows.map((r) => r[k].toFixed(1)).join(", ")}]`);
console.log(JSON.stringify(med));
