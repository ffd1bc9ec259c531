// Layout shift: a <trade-chart> holds the chart's space from the moment it is on the page
// (fallback image, height, aspect, inline spec height, or an estimate), and the chart's
// first frame fills exactly that space, so nothing on the page moves when the wasm, the
// spec and the first frame arrive. Measured as the browser does for Core Web Vitals: the
// sum of `layout-shift` entries (PerformanceObserver, buffered) without recent input.
// Chromium only: Firefox and WebKit do not report layout-shift entries.
//   node --test tests/e2e/layout-shift.test.mjs
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServerAndBrowser, closeServerAndBrowser, loadPage, assertClean, waitForCharts, nextFrames } from "./harness.mjs";

/** Records every layout shift with what moved, from before the page's first script. */
function recordShifts() {
  window.__shifts = [];
  const name = (n) => (n && n.nodeType === 1 ? `${n.localName}${n.id ? `#${n.id}` : ""}${n.className && typeof n.className === "string" ? `.${n.className.split(" ")[0]}` : ""}` : String(n && n.nodeName));
  const rect = (r) => `${Math.round(r.y)}+${Math.round(r.height)}`;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      window.__shifts.push({
        value: e.value,
        recentInput: e.hadRecentInput,
        at: Math.round(e.startTime),
        moved: (e.sources || []).map((s) => `${name(s.node)} y ${rect(s.previousRect)} -> ${rect(s.currentRect)}`),
      });
    }
  }).observe({ type: "layout-shift", buffered: true });
  // When every <trade-chart> has been upgraded and has reserved its space (two frames on).
  customElements.whenDefined("trade-chart").then(() =>
    requestAnimationFrame(() => requestAnimationFrame(() => {
      window.__upgradedAt = performance.now();
    })),
  );
}

/** Holds back the wasm by `ms`, as on a slow connection. */
async function lateWasm(p, ms) {
  await p.page.route(/trade_chart_bg\.wasm(\?|$)/, async (route) => {
    await new Promise((r) => setTimeout(r, ms));
    await route.continue();
  });
}

/** Scrolls to the bottom in reader-sized steps, then waits until every chart is drawn. */
async function readThrough(page, count) {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const step = await page.evaluate(() => Math.round(innerHeight * 0.6));
  for (let y = 0; y <= height; y += step) {
    await page.evaluate((top) => scrollTo({ top, behavior: "instant" }), y);
    await page.waitForTimeout(120);
  }
  await waitForCharts(page, count, { timeout: 30000 });
  await nextFrames(page, 3);
}

async function shifts(page) {
  return page.evaluate(() => window.__shifts.filter((s) => !s.recentInput));
}

function assertNoShift(list, what) {
  const total = list.reduce((sum, s) => sum + s.value, 0);
  assert.equal(total, 0, `${what}: cumulative layout shift ${total.toFixed(4)}:\n${JSON.stringify(list, null, 1)}`);
}

let server;
let browser;
before(async () => {
  ({ server, browser } = await startServerAndBrowser());
});
after(async () => {
  await closeServerAndBrowser({ server, browser });
});

const VIEWPORTS = {
  desktop: { width: 1280, height: 900 },
  phone: { width: 390, height: 844, deviceScaleFactor: 3, isMobile: true, hasTouch: true },
};

describe("no layout shift on the demo page", () => {
  for (const [name, viewport] of Object.entries(VIEWPORTS)) {
    for (const delay of [0, 2500]) {
      test(`${name}, wasm ${delay ? `${delay} ms late` : "on time"}: reading down the page moves nothing`, async () => {
        const p = await loadPage(browser, server.url, viewport, async (q) => {
          await q.page.addInitScript(recordShifts);
          if (delay) await lateWasm(q, delay);
        });
        try {
          const count = await p.page.evaluate(() => document.querySelectorAll("trade-chart").length);
          await readThrough(p.page, count);
          assertNoShift(await shifts(p.page), `index.html (${name})`);
          assertClean(p);
        } finally {
          await p.close();
        }
      });
    }
  }
});

describe("every way a <trade-chart> holds its space (test/layout-shift.html)", () => {
  for (const [name, viewport] of Object.entries(VIEWPORTS)) {
    test(`${name}, wasm late, every chart in view: nothing moves once the element is defined, and each chart has the size it held`, async () => {
      const tall = { ...viewport, height: 4200 };
      const p = await loadPage(browser, `${server.url}test/layout-shift.html`, tall, async (q) => {
        await q.page.addInitScript(recordShifts);
        await lateWasm(q, 1500);
      });
      try {
        // The space is held before any chart exists: by the fallback image from the first
        // paint, by the element's own reservation from when trade-chart.js has run.
        await p.page.waitForFunction(() => window.__upgradedAt !== undefined);
        const held = await p.page.evaluate(() =>
          Object.fromEntries([...document.querySelectorAll("trade-chart")].map((el) => [el.id, { state: el.dataset.tcState ?? null, height: el.getBoundingClientRect().height }])),
        );
        for (const [id, h] of Object.entries(held)) {
          assert.notEqual(h.state, "ready", `${id} was drawn before the wasm arrived`);
          assert.ok(h.height > 150, `${id} holds only ${h.height}px before its chart: ${JSON.stringify(held)}`);
        }
        await waitForCharts(p.page, 5, { timeout: 30000, scroll: false });
        await nextFrames(p.page, 3);
        // (e) holds only an estimate and is drawn at the height its layout prefers: the
        // text after it (the page's last) may move; nothing else may.
        const all = (await shifts(p.page)).filter((s) => !s.moved.every((m) => m.startsWith("p#after-nothing")));
        const upgraded = await p.page.evaluate(() => window.__upgradedAt);
        assertNoShift(all.filter((s) => s.at >= upgraded), `layout-shift.html (${name}), once the element is defined`);
        const fallbackMoved = all.filter((s) => s.moved.some((m) => m.startsWith("p#after-fallback")));
        assert.deepEqual(fallbackMoved, [], "the text after the chart with a fallback image moved");
        const sizes = await p.page.evaluate(() =>
          Object.fromEntries(
            [...document.querySelectorAll("trade-chart")].map((el) => {
              const canvas = el.shadowRoot.querySelector("canvas.tc-data").getBoundingClientRect();
              const box = el.getBoundingClientRect();
              return [el.id, { width: box.width, height: box.height, canvas: canvas.height }];
            }),
          ),
        );
        for (const [id, s] of Object.entries(sizes)) {
          if (id !== "hold-nothing") assert.ok(Math.abs(s.height - held[id].height) <= 0.5, `${id} held ${held[id].height}px and ended ${s.height}px`);
          assert.ok(s.canvas >= 120, `${id}'s canvas is squashed to ${s.canvas}px`);
        }
        assert.ok(Math.abs(sizes["hold-height"].canvas - 300) <= 1, `height="300" drew a ${sizes["hold-height"].canvas}px canvas`);
        assert.ok(Math.abs(sizes["hold-inline"].canvas - 280) <= 1, `"height": 280 drew a ${sizes["hold-inline"].canvas}px canvas`);
        const estimate = sizes["hold-nothing"];
        assert.ok(Math.abs(estimate.height - held["hold-nothing"].height) < 0.15 * estimate.height, `the estimate ${held["hold-nothing"].height}px is far from the chart's ${estimate.height}px`);
        const a = sizes["hold-aspect"];
        assert.ok(Math.abs(a.width / a.height - 16 / 9) < 0.01, `aspect="16/9" gave ${a.width}×${a.height}`);
        assertClean(p);
      } finally {
        await p.close();
      }
    });
  }

  test("after a resize the chart takes the height its layout prefers; aspect stays", async () => {
    const p = await loadPage(browser, `${server.url}test/layout-shift.html`, { width: 1280, height: 4200 });
    try {
      await waitForCharts(p.page, 5, { timeout: 30000, scroll: false });
      await p.page.setViewportSize({ width: 700, height: 4200 });
      await p.page.waitForFunction(() => {
        const el = document.getElementById("hold-nothing");
        return el.chart?.size?.[0] === el.shadowRoot.querySelector(".tc-host").clientWidth;
      });
      await nextFrames(p.page, 2);
      const got = await p.page.evaluate(() => {
        const out = {};
        for (const id of ["hold-nothing", "hold-aspect"]) {
          const el = document.getElementById(id);
          const w = el.shadowRoot.querySelector(".tc-host").clientWidth;
          out[id] = { canvas: el.chart.size[1], preferred: Math.round(el.chart.handle.preferredHeight(w)), ratio: el.getBoundingClientRect().width / el.getBoundingClientRect().height };
        }
        return out;
      });
      assert.equal(got["hold-nothing"].canvas, got["hold-nothing"].preferred, JSON.stringify(got));
      assert.ok(Math.abs(got["hold-aspect"].ratio - 16 / 9) < 0.01, JSON.stringify(got));
    } finally {
      await p.close();
    }
  });

  test("on a phone the buttons stay one row (PNG, SVG, CSV), with their whole names for screen readers", async () => {
    const p = await loadPage(browser, `${server.url}test/layout-shift.html`, { ...VIEWPORTS.phone, height: 4200 });
    try {
      await waitForCharts(p.page, 5, { timeout: 30000, scroll: false });
      const row = await p.page.evaluate(() => {
        const controls = document.getElementById("hold-fallback").shadowRoot.querySelector(".tc-controls");
        const shown = [...controls.querySelectorAll("button")].filter((b) => !b.hidden);
        return {
          tops: [...new Set(shown.map((b) => Math.round(b.getBoundingClientRect().top)))],
          text: shown.map((b) => b.innerText.trim()),
          names: shown.map((b) => b.getAttribute("aria-label") || b.textContent),
        };
      });
      assert.equal(row.tops.length, 1, `the buttons wrap: ${JSON.stringify(row)}`);
      assert.deepEqual(row.text.slice(-3), ["PNG", "SVG", "CSV"]);
      assert.deepEqual(row.names.slice(-3), ["Download PNG", "Download SVG", "Download CSV"]);
      await p.page.getByRole("button", { name: "Download CSV" }).first().waitFor();
    } finally {
      await p.close();
    }
  });

  test("the wasm is fetched and compiled while the chart is still far below the fold, once", async () => {
    // The compile worker fetches it (its requests are the page's in Playwright) and ends
    // once the page has the compiled module.
    const fetched = [];
    let workerDone;
    const p = await loadPage(browser, `${server.url}test/late-chart.html`, { width: 1280, height: 900 }, (q) => {
      q.page.on("request", (r) => /trade_chart_bg\.wasm/.test(r.url()) && fetched.push(r.url()));
      workerDone = new Promise((resolve) => q.page.on("worker", (w) => w.on("close", resolve)));
    });
    try {
      let timer;
      const late = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error("no compile worker ended within 10 s")), 10000)));
      await Promise.race([workerDone, late]).finally(() => clearTimeout(timer));
      assert.equal(fetched.length, 1, `the wasm was fetched ${fetched.length} times before the chart came near`);
      const state = await p.page.evaluate(() => document.getElementById("late").dataset.tcState ?? null);
      assert.notEqual(state, "ready", "the chart 4000 px down was drawn before it came near the viewport");
      await p.page.evaluate(() => document.getElementById("late").scrollIntoView({ block: "center", behavior: "instant" }));
      await waitForCharts(p.page, 1, { timeout: 20000, scroll: false });
      assert.equal(fetched.length, 1, "the wasm was fetched more than once");
      assertClean(p);
    } finally {
      await p.close();
    }
  });

  test("mount() refuses an aspect that is not a number, and says which option", async () => {
    const p = await loadPage(browser, `${server.url}test/layout-shift.html`, { width: 800, height: 600 });
    try {
      const err = await p.page.evaluate(async () => {
        const { mount } = await import("/trade-chart.js");
        const div = document.createElement("div");
        document.body.append(div);
        try {
          await mount(div, "../data/china-russia-trade.json", { aspect: "wide" });
          return null;
        } catch (e) {
          return { name: e.name, code: e.code, message: e.message };
        }
      });
      assert.deepEqual(err && [err.name, err.code], ["TradeChartError", "invalid-option"], JSON.stringify(err));
      assert.match(err.message, /options\.aspect/);
    } finally {
      await p.close();
    }
  });
});
