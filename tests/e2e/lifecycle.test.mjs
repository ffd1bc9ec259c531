// Mount/destroy lifecycle on www/test/lifecycle.html: nothing left behind in the DOM, no
// listeners left on document/window/stage, bounded wasm memory, and destroyed charts refuse
// calls with a TradeChartError code "destroyed".
//   node --test tests/e2e/lifecycle.test.mjs
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  startServerAndBrowser,
  closeServerAndBrowser,
  loadPage,
  assertClean,
  describeProblems,
  nextFrames,
  countEventListeners,
  globalListeners,
} from "./harness.mjs";

const CYCLES = 200;
const WARMUP = 20;

describe("lifecycle (mount/destroy)", () => {
  let server;
  let browser;
  let p;
  let cdp;

  before(async () => {
    ({ server, browser } = await startServerAndBrowser());
    p = await loadPage(browser, `${server.url}test/lifecycle.html`, { width: 1280, height: 900, deviceScaleFactor: 1 });
    await p.page.evaluate(() => window.lifecycleReady);
    const hasMemory = await p.page.evaluate(() => window.wasm && window.wasm.memory instanceof WebAssembly.Memory);
    assert.ok(hasMemory, "loadWasm() did not resolve to the wasm exports with a .memory");
    cdp = await p.context.newCDPSession(p.page);
  });

  after(async () => {
    await p?.close();
    await closeServerAndBrowser({ server, browser });
  });

  const listeners = () => globalListeners(cdp);

  /** Mounts and destroys `n` charts in the page (each awaits its first frame half the time). */
  const cycle = (n) =>
    p.page.evaluate(async (count) => {
      const host = document.getElementById("host");
      for (let i = 0; i < count; i++) {
        const chart = await window.tc.mount(host, window.tradeSpec);
        if (i % 2) await new Promise((r) => requestAnimationFrame(r));
        chart.destroy();
      }
      return window.wasm.memory.buffer.byteLength;
    }, n);

  test(`${CYCLES} mount/destroy cycles leave no DOM, no listeners and bounded wasm memory`, async () => {
    const { page } = p;
    const baseline = await listeners();

    // Sanity: a mounted chart does add listeners that the count sees.
    await page.evaluate(async () => {
      window.probe = await window.tc.mount(document.getElementById("host"), window.tradeSpec);
    });
    await nextFrames(page, 2);
    const mounted = await listeners();
    const stageMounted = (await countEventListeners(cdp, "window.probe.stage")).total;
    assert.ok(stageMounted > 0, "no listeners found on a mounted stage: the CDP count does not work");
    assert.ok(mounted.document > baseline.document, `a mounted chart adds no document listener? ${JSON.stringify({ baseline, mounted })}`);
    await page.evaluate(() => window.probe.destroy());
    const stageAfter = await countEventListeners(cdp, "window.probe.stage");
    assert.equal(stageAfter.total, 0, `listeners left on a destroyed stage: ${JSON.stringify(stageAfter.byType)}`);
    assert.deepEqual(await listeners(), baseline, "listeners on document/window after one destroy");

    const warm = await cycle(WARMUP);
    const end = await cycle(CYCLES);
    await nextFrames(page, 3);

    const left = await page.evaluate(() => ({
      charts: document.querySelectorAll(".tc-chart").length,
      hostChildren: document.getElementById("host").childElementCount,
      state: document.getElementById("host").dataset.tcState ?? null,
    }));
    assert.deepEqual(left, { charts: 0, hostChildren: 0, state: null }, "DOM left behind after destroy");
    assert.deepEqual(await listeners(), baseline, "listeners on document/window are not back to baseline");
    // What a real leak of one chart per cycle would cost: the same cycles with the charts
    // kept alive. Destroyed cycles must grow memory by under a quarter of that.
    const leaked = await p.page.evaluate(async (count) => {
      const host = document.getElementById("host");
      const before = window.wasm.memory.buffer.byteLength;
      window.kept = [];
      for (let i = 0; i < count; i++) window.kept.push(await window.tc.mount(host, window.tradeSpec));
      const grown = window.wasm.memory.buffer.byteLength - before;
      for (const chart of window.kept) chart.destroy();
      window.kept = [];
      return grown;
    }, CYCLES);
    const grew = end - warm;
    console.log(`lifecycle: ${CYCLES} destroyed cycles grew wasm memory by ${grew} B; ${CYCLES} kept charts grew it by ${leaked} B`);
    assert.ok(leaked >= 64 * 1024, `keeping ${CYCLES} charts alive grew wasm memory by only ${leaked} B: this measure could not see a leak`);
    assert.ok(grew * 4 <= leaked, `wasm memory grew by ${grew} B over ${CYCLES} mount/destroy cycles (after ${WARMUP} warm-up cycles); leaking one chart per cycle grows it by ${leaked} B`);
    assertClean(p);
  });

  test("destroy twice is harmless; calls after destroy throw TradeChartError code 'destroyed'", async () => {
    const r = await p.page.evaluate(async () => {
      const host = document.getElementById("host");
      const chart = await window.tc.mount(host, window.tradeSpec);
      chart.destroy();
      let second = null;
      try {
        chart.destroy();
      } catch (e) {
        second = `${e.name}: ${e.message}`;
      }
      const calls = {
        getView: () => chart.getView(),
        setView: () => chart.setView({ from: 0, to: 1 }),
        resetView: () => chart.resetView(),
        describe: () => chart.describe(),
        toCSV: () => chart.toCSV(),
        toPNG: () => chart.toPNG(),
        update: () => chart.update(window.tradeSpec),
      };
      const out = {};
      for (const [name, fn] of Object.entries(calls)) {
        try {
          const v = fn();
          // A promise-returning method may reject instead of throwing.
          if (v && typeof v.then === "function") await v;
          out[name] = "no error";
        } catch (e) {
          out[name] = `${e.name}/${e.code}`;
        }
      }
      return { second, calls: out, charts: document.querySelectorAll(".tc-chart").length, renderCount: chart.renderCount };
    });
    assert.equal(r.second, null, `second destroy threw ${r.second}`);
    for (const [name, got] of Object.entries(r.calls)) {
      assert.equal(got, "TradeChartError/destroyed", `${name}() after destroy gave ${got}`);
    }
    assert.equal(r.charts, 0);
    assert.equal(p.consoleErrors.length + p.pageErrors.length, 0, describeProblems(p));
  });

  test("destroy right after mount, before the first frame, draws nothing later and logs nothing", async () => {
    const r = await p.page.evaluate(async () => {
      const host = document.getElementById("host");
      const chart = await window.tc.mount(host, window.tradeSpec);
      chart.setView({ from: Date.UTC(2018, 0, 1), to: Date.UTC(2020, 0, 1) });
      chart.destroy();
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      return { charts: document.querySelectorAll(".tc-chart").length };
    });
    assert.equal(r.charts, 0);
    assert.equal(p.consoleErrors.length + p.pageErrors.length, 0, describeProblems(p));
  });
});
