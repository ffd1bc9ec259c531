// Where the wasm compiles (www/harness/wasm.js): in a worker that the page starts once and
// that ends as soon as the page has the compiled module; on the main thread when the
// page asks for that (`loadWasm({worker: false})`) or when no worker may start (a CSP
// with worker-src 'none'). In every case the chart draws and answers hover through Rust,
// and the wasm is fetched once. What the worker saves is measured by `make bench`.
//   node --test tests/e2e/compile.test.mjs
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launchBrowser, checkBuild, loadPage, assertClean } from "./harness.mjs";
import { CSP } from "../../scripts/serve.mjs";

/**
 * Opens test/lifecycle.html (with `query`), mounts one chart and hovers it; reports the
 * page's workers, its wasm fetches and what the chart gave.
 */
async function compilePage(browser, base, query = "") {
  const seen = { workers: [], closed: 0, wasm: 0 };
  const p = await loadPage(browser, `${base}test/lifecycle.html${query}`, { width: 900, height: 700 }, (q) => {
    q.page.on("request", (r) => /trade_chart_bg\.wasm/.test(r.url()) && seen.wasm++);
    q.page.on("worker", (w) => {
      seen.workers.push(new URL(w.url()).pathname);
      w.on("close", () => seen.closed++);
    });
  });
  const chart = await p.page.evaluate(() => window.mountAndHover());
  // A worker that answered is terminated in the same task; give its close event a moment.
  for (let i = 0; i < 50 && seen.closed < seen.workers.length; i++) await new Promise((r) => setTimeout(r, 50));
  return { p, seen, chart };
}

function assertDrawn(chart, what) {
  assert.ok(chart.renders >= 1, `${what}: the chart was not drawn (${JSON.stringify(chart)})`);
  assert.ok(chart.tooltip && chart.tooltip.title, `${what}: hover gave no tooltip (${JSON.stringify(chart.tooltip)})`);
}

describe("where the wasm compiles", () => {
  let browser;
  let open;
  let noWorkers;

  before(async () => {
    checkBuild();
    open = await startServer({ port: 0, csp: true });
    noWorkers = await startServer({ port: 0, csp: `${CSP}; worker-src 'none'` });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await open?.close();
    await noWorkers?.close();
  });

  test("in one worker, which ends once the page has the module", async () => {
    const { p, seen, chart } = await compilePage(browser, open.url);
    try {
      assertDrawn(chart, "with the worker");
      assert.deepEqual(seen.workers, ["/harness/trade-chart-worker.js"], "one compile worker");
      assert.equal(seen.closed, 1, "the compile worker was left running");
      assert.equal(seen.wasm, 1, `the wasm was fetched ${seen.wasm} times`);
      assertClean(p);
    } finally {
      await p.close();
    }
  });

  test("on the main thread when the page asks (loadWasm({worker: false}))", async () => {
    const { p, seen, chart } = await compilePage(browser, open.url, "?worker=off");
    try {
      assertDrawn(chart, "worker: false");
      assert.deepEqual(seen.workers, [], "a worker started although the page said worker: false");
      assert.equal(seen.wasm, 1, `the wasm was fetched ${seen.wasm} times`);
      assertClean(p);
    } finally {
      await p.close();
    }
  });

  test("on the main thread when the page's CSP refuses workers", async () => {
    const { p, seen, chart } = await compilePage(browser, noWorkers.url);
    try {
      assertDrawn(chart, "worker-src 'none'");
      assert.equal(seen.closed, seen.workers.length, "a refused worker was left running");
      assert.equal(seen.wasm, 1, `the wasm was fetched ${seen.wasm} times`);
      // The browser reports the refusal itself; nothing else may go wrong.
      assertClean(p, { allow: /Content Security Policy|worker-src/i });
    } finally {
      await p.close();
    }
  });
});
