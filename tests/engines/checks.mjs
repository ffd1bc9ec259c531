// The cross-engine checks, written once against the driver interface of drivers.mjs and
// run by firefox.test.mjs and webkit.test.mjs. One browser per engine serves every check;
// each check loads its own page. Pages are served under the strict CSP with the error
// probe first in every <head>, and every check ends by asserting that nothing went wrong:
// no page error, unhandled rejection, console.error, CSP violation or HTTP error.
//
// Assertions are on structure and on drawn pixels, never on screenshots compared across
// engines (fonts differ by engine). Each engine saves its screenshots to target/screenshots/.
import { describe, test, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startServer } from "../../scripts/serve.mjs";
import { ENGINES } from "./drivers.mjs";

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const SCREENSHOTS = path.join(REPO, "target", "screenshots");
const PROBE = "/test/error-probe.js";

/** Every <trade-chart> written in the demo page's source must come up drawn. */
const DEMO_CHARTS = (fs.readFileSync(path.join(REPO, "www/index.html"), "utf8").match(/<trade-chart[\s>]/g) || []).length;
const MIN_DRAWN_FRACTION = 0.02;

// What each step of the demo's story (www/data/trade-story.json) shows; the same table
// as tests/e2e/story.test.mjs checks in Chromium.
const STORY_STEPS = [
  { id: "start", from: 2016, to: 2018, emphasis: [1, 0], said: "Showing 2016–2018: trade was $69.5bn in 2016" },
  { id: "no-limits", from: 2020, to: 2023, emphasis: [1, 0], said: "Showing 2020–2023: the 'no limits' partnership was declared on 4 February 2022; trade rose to $190.3bn that year" },
  { id: "record", from: 2021, to: 2023, emphasis: [1, 0], said: "Showing 2021–2023: trade rose to a record $240.1bn" },
  { id: "crude", from: 2016, to: 2023, emphasis: [0, 1], said: "Showing 2016–2023: crude imports rose 24% in 2023, to a record 107.0 Mt" },
];

const TRADE_SPEC = JSON.parse(fs.readFileSync(path.join(REPO, "www/data/china-russia-trade.json"), "utf8"));
const TRADE = TRADE_SPEC.series[0].data; // [["2016", 69.52], …]

// ---- expected wording, computed from the data (the spec's unit is $…bn, 1 decimal) ----

const money = (v) => `$${v.toFixed(1)}bn`;
const pct = (p) => (Math.abs(p) >= 10 ? `${Math.round(Math.abs(p))}%` : `${Math.abs(p).toFixed(1)}%`);
const changeOf = (i) => ((TRADE[i][1] - TRADE[i - 1][1]) / Math.abs(TRADE[i - 1][1])) * 100;

/** The tooltip of bar i: title, one row, and the change on the year before (none for the first). */
function tooltipOf(i) {
  const [x, v] = TRADE[i];
  const c = i > 0 ? changeOf(i) : null;
  return {
    title: x,
    rows: [`Trade: ${money(v)}`],
    changes: c === null ? [] : [`${c < 0 ? "\u2212" : "+"}${pct(c)} on ${TRADE[i - 1][0]}`],
  };
}

/** "Trade, 2017: $84.1bn, up 21% on 2016" */
function announcementOf(i) {
  const [x, v] = TRADE[i];
  let text = `Trade, ${x}: ${money(v)}`;
  if (i > 0) text += `, ${changeOf(i) >= 0 ? "up" : "down"} ${pct(changeOf(i))} on ${TRADE[i - 1][0]}`;
  return text;
}

// ---- functions that run in the page (self-contained: they are serialised) ----

/** Scrolls lazy <trade-chart>s in until `want` charts settled; returns their states, or null. */
function settleCharts(want) {
  const idle = document.querySelector("trade-chart:not([data-tc-state])");
  if (idle) {
    idle.scrollIntoView({ block: "center", behavior: "instant" });
    return null;
  }
  const els = [...document.querySelectorAll("trade-chart, .chart")].filter((e) => e.dataset.tcState);
  if (els.length < want || els.some((e) => e.dataset.tcState === "loading")) return null;
  return els.map((e) => ({ id: e.id || e.getAttribute("src") || e.localName, state: e.dataset.tcState }));
}

/**
 * Every chart matching `selector` (in the page, or in the iframe whose id is `frame`):
 * state, its data canvases with CSS and backing-store sizes, and how many pixels of the
 * whole canvas and of each plot area (data-plot) differ from the canvas's corner pixel.
 */
function measure([selector, frame]) {
  const doc = frame ? document.getElementById(frame).contentDocument : document;
  const win = doc.defaultView;
  const dpr = win.devicePixelRatio;
  return [...doc.querySelectorAll(selector)].map((el) => {
    const root = el.shadowRoot || el;
    const out = { id: el.id || el.getAttribute("src") || el.localName, state: el.dataset.tcState, dpr, canvases: [] };
    for (const c of root.querySelectorAll("canvas.tc-data")) {
      const r = c.getBoundingClientRect();
      const info = { cssWidth: r.width, cssHeight: r.height, width: c.width, height: c.height, plot: c.dataset.plot || null };
      out.canvases.push(info);
      const ctx = c.getContext("2d", { willReadFrequently: true });
      if (!ctx || !c.width || !c.height) continue;
      const count = (x, y, w, h) => {
        if (w <= 0 || h <= 0) return { total: 0, drawn: 0, colours: 0 };
        const d = ctx.getImageData(x, y, w, h).data;
        const bg = ctx.getImageData(0, 0, 1, 1).data;
        const seen = new Set();
        let drawn = 0;
        for (let i = 0; i < d.length; i += 4) {
          if (Math.abs(d[i] - bg[0]) > 2 || Math.abs(d[i + 1] - bg[1]) > 2 || Math.abs(d[i + 2] - bg[2]) > 2 || Math.abs(d[i + 3] - bg[3]) > 2) drawn++;
          if (seen.size < 64) seen.add((d[i] << 24) | (d[i + 1] << 16) | (d[i + 2] << 8) | d[i + 3]);
        }
        return { total: w * h, drawn, colours: seen.size };
      };
      info.whole = count(0, 0, c.width, c.height);
      info.plots = (info.plot || "")
        .split(/[;|]/)
        .map((s) => s.split(",").map(Number))
        .filter((a) => a.length === 4 && a.every(Number.isFinite))
        .map(([x, y, w, h]) => {
          const px = Math.round(x * dpr);
          const py = Math.round(y * dpr);
          return count(px, py, Math.min(c.width - px, Math.round(w * dpr)), Math.min(c.height - py, Math.round(h * dpr)));
        });
    }
    return out;
  });
}

/** Problems with what measure() returned: not ready, blurry (backing store ≠ CSS × dpr), or not drawn. */
function drawingProblems(charts) {
  const problems = [];
  for (const c of charts) {
    if (c.state !== "ready") problems.push(`${c.id}: data-tc-state=${c.state}`);
    if (!c.canvases.length) problems.push(`${c.id}: no canvas.tc-data`);
    for (const [i, cv] of c.canvases.entries()) {
      const tag = `${c.id} canvas#${i}`;
      const wantW = Math.round(cv.cssWidth * c.dpr);
      const wantH = Math.round(cv.cssHeight * c.dpr);
      if (cv.width !== wantW || cv.height !== wantH) {
        problems.push(`${tag}: backing store ${cv.width}×${cv.height} ≠ CSS ${cv.cssWidth}×${cv.cssHeight} × dpr ${c.dpr} (${wantW}×${wantH})`);
      }
      if (!cv.whole || cv.whole.drawn === 0) problems.push(`${tag}: no pixel differs from the background`);
      if (!cv.plots?.length) problems.push(`${tag}: no usable data-plot (${cv.plot})`);
      for (const pl of cv.plots || []) {
        if (!(pl.total > 0 && pl.drawn / pl.total > MIN_DRAWN_FRACTION && pl.colours >= 2)) {
          problems.push(`${tag}: plot area barely drawn: ${JSON.stringify(pl)}`);
        }
      }
    }
  }
  return problems;
}

/** The first <trade-chart>'s stage scrolled to the middle; returns the viewport position of bar `i`. */
function barPoint(i) {
  const el = document.querySelector("trade-chart");
  const stage = el.shadowRoot.querySelector(".tc-stage");
  stage.scrollIntoView({ block: "center", behavior: "instant" });
  const r = stage.getBoundingClientRect();
  const [x, y] = Array.from(el.chart.handle.pointPosition(0, i));
  return { x: r.left + x, y: r.top + y };
}

/** The first chart's tooltip: shown?, title, rows, changes, and where it sits. */
function tooltip() {
  const el = document.querySelector("trade-chart");
  const box = el.shadowRoot.querySelector(".tc-tooltip");
  const stage = el.shadowRoot.querySelector(".tc-stage").getBoundingClientRect();
  const r = box.getBoundingClientRect();
  const texts = (sel) => [...box.querySelectorAll(sel)].map((n) => n.textContent);
  return {
    shown: !box.hidden && getComputedStyle(box).display !== "none" && r.width > 0,
    title: box.querySelector(".tc-tooltip-title")?.textContent ?? null,
    rows: texts(".tc-tooltip-row"),
    changes: texts(".tc-tooltip-change"),
    rect: { left: r.left, top: r.top, right: r.right, bottom: r.bottom },
    stage: { left: stage.left, top: stage.top, right: stage.right, bottom: stage.bottom },
  };
}

// ---------------------------------------------------------------------------------------

/**
 * Defines the checks for one engine. `dpr` is the devicePixelRatio the browser starts with.
 */
export function engineSuite(engine, { dpr = 1 } = {}) {
  describe(engine, () => {
    let server;
    let driver;
    const httpErrors = [];
    /** Requests the server answered, by path (the compile check reads it). */
    const served = new Map();
    const started = Date.now();

    before(async () => {
      for (const f of ["pkg/trade_chart.js", "pkg/trade_chart_bg.wasm", `www${PROBE}`]) {
        assert.ok(fs.existsSync(path.join(REPO, f)), `missing ${f}: run make build first`);
      }
      server = await startServer({ port: 0, csp: true, headScript: PROBE });
      server.server.on("request", (req, res) => {
        const asked = new URL(req.url, "http://x").pathname;
        served.set(asked, (served.get(asked) ?? 0) + 1);
        res.on("finish", () => {
          if (res.statusCode >= 400) httpErrors.push(`HTTP ${res.statusCode} for ${req.url}`);
        });
      });
      const t0 = Date.now();
      driver = await ENGINES[engine]({ width: 1280, height: 900, dpr });
      console.log(`# ${engine}: ${driver.version}, started in ${Date.now() - t0} ms`);
      fs.mkdirSync(SCREENSHOTS, { recursive: true });
    });

    after(async () => {
      await driver?.close();
      await server?.close();
      console.log(`# ${engine}: all checks took ${((Date.now() - started) / 1000).toFixed(1)} s`);
    });

    // A check that failed half-way leaves its page's problems behind: not the next one's.
    beforeEach(async () => {
      await driver?.problems().catch(() => []);
      httpErrors.length = 0;
    });

    /** Fails on anything the probe, the protocol or the server recorded since the last call. */
    async function assertNoProblems(what) {
      const problems = [...(await driver.problems()), ...httpErrors.splice(0, httpErrors.length)];
      assert.deepEqual(problems, [], `${engine}, ${what}: something went wrong on the page:\n  ${problems.join("\n  ")}`);
    }

    /** Saves a screenshot of the viewport once what was just scrolled or drawn is painted. */
    async function shot(name) {
      await driver.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 50)))));
      await driver.screenshot(path.join(SCREENSHOTS, `engines-${engine}-${name}.png`));
    }

    async function openDemo() {
      await driver.goto(server.url);
      await driver.waitFor(settleCharts, DEMO_CHARTS, { timeout: 20000, what: `${DEMO_CHARTS} demo charts to settle` });
      await driver.evaluate(() => scrollTo({ top: 0, behavior: "instant" }));
    }

    test("the demo page draws every chart, sharp, with no page errors", async () => {
      await openDemo();
      const charts = await driver.evaluate(measure, ["trade-chart", null]);
      assert.equal(charts.length, DEMO_CHARTS, `expected ${DEMO_CHARTS} <trade-chart>s, found ${charts.length}`);
      assert.equal(charts.filter((c) => c.state === "ready").length, DEMO_CHARTS, JSON.stringify(charts.map((c) => [c.id, c.state])));
      assert.deepEqual(drawingProblems(charts), []);
      // The fallback images give way to the drawn charts.
      const fallbacksShown = await driver.evaluate(() =>
        [...document.querySelectorAll("trade-chart img")].filter((img) => img.getClientRects().length > 0).map((img) => img.getAttribute("src")),
      );
      assert.deepEqual(fallbacksShown, [], "fallback images still shown next to drawn charts");
      for (let i = 0; i < DEMO_CHARTS; i++) {
        await driver.evaluate((k) => document.querySelectorAll("trade-chart")[k].scrollIntoView({ block: "start", behavior: "instant" }), i);
        await shot(`demo-chart-${i + 1}`);
      }
      await assertNoProblems("demo page");
    });

    test("hovering the first chart shows its tooltip beside the bar, with the value and the change", async () => {
      await openDemo();
      for (const i of [TRADE.length - 1, 0]) {
        const pt = await driver.evaluate(barPoint, i);
        await driver.mouseMove(pt.x, pt.y);
        const tip = await driver.waitFor(
          (title) => {
            const el = document.querySelector("trade-chart");
            const box = el.shadowRoot.querySelector(".tc-tooltip");
            return !box.hidden && box.querySelector(".tc-tooltip-title")?.textContent === title;
          },
          TRADE[i][0],
          { timeout: 5000, what: `the tooltip of ${TRADE[i][0]}` },
        ).then(() => driver.evaluate(tooltip));
        const want = tooltipOf(i);
        assert.ok(tip.shown, "tooltip not shown");
        assert.deepEqual({ title: tip.title, rows: tip.rows, changes: tip.changes }, want, `tooltip of bar ${i}`);
        const covers = pt.x >= tip.rect.left && pt.x <= tip.rect.right && pt.y >= tip.rect.top && pt.y <= tip.rect.bottom;
        assert.ok(!covers, `the tooltip ${JSON.stringify(tip.rect)} covers its point ${JSON.stringify(pt)}`);
        const inside = tip.rect.left >= tip.stage.left - 0.5 && tip.rect.right <= tip.stage.right + 0.5 && tip.rect.top >= tip.stage.top - 0.5 && tip.rect.bottom <= tip.stage.bottom + 0.5;
        assert.ok(inside, `the tooltip ${JSON.stringify(tip.rect)} leaves the chart ${JSON.stringify(tip.stage)}`);
        if (i === TRADE.length - 1) await shot("hover");
      }
      // Leaving the chart hides it.
      await driver.mouseMove(2, 2);
      await driver.waitFor(() => document.querySelector("trade-chart").shadowRoot.querySelector(".tc-tooltip").hidden, undefined, {
        timeout: 3000,
        what: "the tooltip to hide after the pointer left",
      });
      await assertNoProblems("hover");
    });

    test("keyboard: Tab reaches the chart and announces the first point; ArrowRight walks on", async () => {
      await openDemo();
      const live = () => driver.evaluate(() => document.querySelector("trade-chart").shadowRoot.querySelector(".tc-live").textContent);
      const onStage = () =>
        driver.evaluate(() => {
          const el = document.querySelector("trade-chart");
          return document.activeElement === el && !!el.shadowRoot.activeElement?.classList.contains("tc-stage");
        });
      // The masthead link comes first; the first chart is the next tab stop.
      let presses = 0;
      while (!(await onStage()) && presses < 6) {
        await driver.press("Tab");
        presses++;
      }
      assert.ok(await onStage(), `${presses} presses of Tab did not reach the first chart (focus is on ${await driver.evaluate(() => document.activeElement?.outerHTML.slice(0, 80))})`);
      const heard = [
        await driver.waitFor(() => document.querySelector("trade-chart").shadowRoot.querySelector(".tc-live").textContent || null, undefined, {
          timeout: 3000,
          what: "an announcement when the chart takes keyboard focus",
        }),
      ];
      for (let k = 0; k < 2; k++) {
        const previous = await live();
        await driver.press("ArrowRight");
        heard.push(
          await driver.waitFor(
            (prev) => {
              const t = document.querySelector("trade-chart").shadowRoot.querySelector(".tc-live").textContent;
              return t && t !== prev ? t : null;
            },
            previous,
            { timeout: 3000, what: `a new announcement after ArrowRight #${k + 1} (was ${JSON.stringify(previous)})` },
          ),
        );
      }
      assert.deepEqual(heard, [announcementOf(0), announcementOf(1), announcementOf(2)], "aria-live announcements: Tab, ArrowRight, ArrowRight");
      // The tooltip follows on the next animation frame.
      await driver.waitFor(
        (title) => {
          const box = document.querySelector("trade-chart").shadowRoot.querySelector(".tc-tooltip");
          return !box.hidden && box.querySelector(".tc-tooltip-title")?.textContent === title;
        },
        TRADE[2][0],
        { timeout: 3000, what: `the keyboard cursor's tooltip for ${TRADE[2][0]}` },
      );
      const state = await driver.evaluate(() => {
        const root = document.querySelector("trade-chart").shadowRoot;
        const n = root.querySelector(".tc-live");
        return {
          region: [n.getAttribute("aria-live"), n.getAttribute("aria-atomic")],
          outline: getComputedStyle(root.querySelector(".tc-stage")).outlineStyle,
        };
      });
      assert.deepEqual(state.region, ["polite", "true"]);
      assert.notEqual(state.outline, "none", "no focus outline on the keyboard-focused chart");
      await shot("keyboard");
      await assertNoProblems("keyboard");
    });

    test("after a click into the chart, hovering another bar shows that bar (not a keyboard cursor)", async () => {
      await openDemo();
      const b2 = await driver.evaluate(barPoint, 2);
      await driver.click(b2.x, b2.y + 20);
      const b6 = await driver.evaluate(barPoint, 6);
      await driver.mouseMove(b6.x, b6.y + 20);
      await driver.waitFor(
        (title) => {
          const box = document.querySelector("trade-chart").shadowRoot.querySelector(".tc-tooltip");
          return !box.hidden && box.querySelector(".tc-tooltip-title")?.textContent === title;
        },
        TRADE[6][0],
        { timeout: 5000, what: `the tooltip of ${TRADE[6][0]} after clicking ${TRADE[2][0]} (tooltip: ${JSON.stringify(await driver.evaluate(tooltip))})` },
      );
      const live = await driver.evaluate(() => document.querySelector("trade-chart").shadowRoot.querySelector(".tc-live").textContent);
      assert.equal(live, "", "a mouse click started the keyboard cursor (its focus matched :focus-visible)");
      await assertNoProblems("click then hover");
    });

    test("touch: a tap shows that bar's tooltip; a tap outside the chart dismisses it", async (t) => {
      if (!driver.touch) return t.skip(`${engine}'s driver delivers touch actions as mouse events here`);
      await openDemo();
      const pt = await driver.evaluate(barPoint, 5);
      await driver.touchTap(pt.x, pt.y + 20);
      await driver.waitFor(
        (title) => {
          const box = document.querySelector("trade-chart").shadowRoot.querySelector(".tc-tooltip");
          return !box.hidden && box.querySelector(".tc-tooltip-title")?.textContent === title;
        },
        TRADE[5][0],
        { timeout: 5000, what: `the tooltip of ${TRADE[5][0]} after a tap` },
      );
      const tip = await driver.evaluate(tooltip);
      assert.deepEqual({ title: tip.title, rows: tip.rows, changes: tip.changes }, tooltipOf(5));
      const view = await driver.evaluate(() => document.querySelector("trade-chart").chart.getView());
      // A tap on the story text next to the chart.
      const outside = await driver.evaluate(() => {
        const r = document.querySelector("trade-chart").closest("figure").previousElementSibling.getBoundingClientRect();
        return { x: r.left + 20, y: r.bottom - 10, visible: r.bottom > 10 && r.bottom < innerHeight };
      });
      assert.ok(outside.visible, "no paragraph in view to tap outside the chart");
      await driver.touchTap(outside.x, outside.y);
      await driver.waitFor(() => document.querySelector("trade-chart").shadowRoot.querySelector(".tc-tooltip").hidden, undefined, {
        timeout: 3000,
        what: "the tooltip to go after a tap outside the chart",
      });
      assert.deepEqual(await driver.evaluate(() => document.querySelector("trade-chart").chart.getView()), view, "a tap changed the view");
      await assertNoProblems("touch");
    });

    test("dragging across the plot zooms to whole bars; a double-click resets", async () => {
      await openDemo();
      const full = await driver.evaluate(() => document.querySelector("trade-chart").chart.getView());
      const a = await driver.evaluate(barPoint, 2);
      const b = await driver.evaluate(barPoint, 5);
      const plot = await driver.evaluate(() => {
        const el = document.querySelector("trade-chart");
        const r = el.shadowRoot.querySelector(".tc-stage").getBoundingClientRect();
        const [x, y, w, h] = Array.from(el.chart.handle.plotArea());
        return { top: r.top + y, bottom: r.top + y + h };
      });
      const y = plot.bottom - 10;
      await driver.drag(a.x, y, b.x, y);
      const zoomed = await driver.waitFor(
        (f) => {
          const el = document.querySelector("trade-chart");
          const v = el.chart.getView();
          return v.from > f.from || v.to < f.to ? { ...v, reset: !el.shadowRoot.querySelector(".tc-controls button").hidden } : null;
        },
        full,
        { timeout: 5000, what: "the view to zoom after the drag" },
      );
      const year = (i) => Date.UTC(Number(TRADE[i][0]), 0, 1);
      assert.ok(zoomed.from <= year(2) && zoomed.from > year(1), `zoomed from ${new Date(zoomed.from).toISOString()}: should start at the 2018 bar`);
      assert.ok(zoomed.to >= year(5) && zoomed.to < year(6), `zoomed to ${new Date(zoomed.to).toISOString()}: should end at the 2021 bar`);
      assert.ok(zoomed.reset, "the Reset zoom button is not shown");
      const selected = await driver.evaluate(() => String(getSelection()));
      assert.equal(selected, "", "the drag selected text on the page");
      const charts = await driver.evaluate(measure, ["trade-chart:first-of-type", null]);
      assert.deepEqual(drawingProblems(charts.slice(0, 1)), [], "zoomed chart");
      const mid = await driver.evaluate(barPoint, 3);
      await driver.doubleClick(mid.x, y);
      await driver.waitFor(
        (f) => {
          const v = document.querySelector("trade-chart").chart.getView();
          return v.from === f.from && v.to === f.to;
        },
        full,
        { timeout: 5000, what: "the double-click to reset the view" },
      );
      await assertNoProblems("brush and reset");
    });

    test("the wheel scrolls the page over an un-clicked chart, and zooms once the reader has clicked into it", async () => {
      await openDemo();
      const full = await driver.evaluate(() => document.querySelector("trade-chart").chart.getView());
      const view = () => driver.evaluate(() => document.querySelector("trade-chart").chart.getView());
      const mid = await driver.evaluate(barPoint, 4);
      const y0 = await driver.evaluate(() => scrollY);
      await driver.wheel(mid.x, mid.y + 30, 0, 200);
      const y1 = await driver.waitFor((y) => (scrollY > y ? scrollY : null), y0, { timeout: 3000, what: "the page to scroll under a plain wheel" });
      assert.deepEqual(await view(), full, "a plain wheel zoomed a chart the reader had not clicked");
      // Click into the chart (bar 4 again, now higher up), then wheel up: zoom in, no scroll.
      const pt = await driver.evaluate(() => {
        const el = document.querySelector("trade-chart");
        const r = el.shadowRoot.querySelector(".tc-stage").getBoundingClientRect();
        const [x, y] = Array.from(el.chart.handle.pointPosition(0, 4));
        return { x: r.left + x, y: r.top + y + 30 };
      });
      await driver.click(pt.x, pt.y);
      const y2 = await driver.evaluate(() => scrollY);
      await driver.wheel(pt.x, pt.y, 0, -200);
      const zoomed = await driver.waitFor(
        (f) => {
          const v = document.querySelector("trade-chart").chart.getView();
          return v.to - v.from < f.to - f.from ? v : null;
        },
        full,
        { timeout: 3000, what: "the wheel to zoom after a click into the chart" },
      );
      assert.ok(zoomed.from >= full.from && zoomed.to <= full.to, `zoomed view ${JSON.stringify(zoomed)} outside ${JSON.stringify(full)}`);
      assert.equal(await driver.evaluate(() => scrollY), y2, "the page scrolled while the wheel zoomed the chart");
      assert.ok(y1 > y0);
      await assertNoProblems("wheel");
    });

    test('data-theme="dark" repaints the chart dark, and back', async () => {
      await openDemo();
      const sample = () =>
        driver.evaluate(() => {
          const el = document.querySelector("trade-chart");
          const c = el.shadowRoot.querySelector("canvas.tc-data");
          const [r, g, b] = c.getContext("2d").getImageData(2, 2, 1, 1).data;
          return { lum: 0.2126 * r + 0.7152 * g + 0.0722 * b, renders: el.chart.renderCount };
        });
      const light = await sample();
      assert.ok(light.lum > 200, `light background has luminance ${light.lum}`);
      await driver.evaluate(() => (document.documentElement.dataset.theme = "dark"));
      const dark = await driver.waitFor(
        (n) => {
          const el = document.querySelector("trade-chart");
          const [r, g, b] = el.shadowRoot.querySelector("canvas.tc-data").getContext("2d").getImageData(2, 2, 1, 1).data;
          const lum = 0.2126 * r + 0.7152 * g + 0.0722 * b;
          return el.chart.renderCount > n && lum < 60 ? { lum } : null;
        },
        light.renders,
        { timeout: 3000, what: "a dark repaint" },
      );
      assert.ok(dark.lum < 60);
      await driver.evaluate(() => document.querySelector("trade-chart").scrollIntoView({ block: "start", behavior: "instant" }));
      await shot("dark");
      await driver.evaluate(() => delete document.documentElement.dataset.theme);
      await driver.waitFor(() => {
        const c = document.querySelector("trade-chart").shadowRoot.querySelector("canvas.tc-data");
        const [r, g, b] = c.getContext("2d").getImageData(2, 2, 1, 1).data;
        return 0.2126 * r + 0.7152 * g + 0.0722 * b > 200;
      }, undefined, { timeout: 3000, what: "the light repaint" });
      await assertNoProblems("theme");
    });

    test("a bad spec: mount() and update() throw a TradeChartError naming the field, and the chart shows it", async () => {
      await driver.goto(`${server.url}test/lifecycle.html`);
      await driver.waitFor(() => window.lifecycleReady && window.tc && window.tradeSpec, undefined, { what: "the lifecycle test page" });
      const r = await driver.evaluate(async () => {
        const host = document.getElementById("host");
        const attempt = async (spec) => {
          const box = document.createElement("div");
          host.append(box);
          try {
            await window.tc.mount(box, spec);
            return { threw: false };
          } catch (e) {
            const shown = box.querySelector(".tc-error");
            return {
              threw: true,
              name: e.name,
              code: e.code,
              message: e.message,
              state: box.dataset.tcState,
              shown: shown ? shown.textContent : null,
              visible: !!shown && shown.getClientRects().length > 0,
            };
          }
        };
        const badValue = await attempt({ series: [{ name: "Crude imports", unit: "Mt", data: [["2022", 86.2], ["2023", "n/a"]] }] });
        const typo = await attempt({ series: [{ name: "Trade", data: [["2023", 240.1]] }], colour: "red" });
        // update() on a drawn chart: throws, shows the message, keeps the last good chart.
        const box = document.createElement("div");
        host.append(box);
        const chart = await window.tc.mount(box, window.tradeSpec);
        let update;
        try {
          chart.update({ series: [{ name: "Trade", data: [["2016", 1], ["2016", 2]] }] });
          update = { threw: false };
        } catch (e) {
          const shown = box.querySelector(".tc-error");
          update = { threw: true, name: e.name, code: e.code, message: e.message, shown: shown && !shown.hidden ? shown.textContent : null, state: box.dataset.tcState };
        }
        chart.destroy();
        return { badValue, typo, update };
      });
      for (const [what, got, code, mustName] of [
        ["y is a string", r.badValue, "invalid-field", ['series "Crude imports"', "point 1", "y"]],
        ["unknown top-level field", r.typo, "unknown-field", ["colour"]],
      ]) {
        assert.ok(got.threw, `${what}: mount() resolved instead of rejecting`);
        assert.equal(got.name, "TradeChartError", what);
        assert.equal(got.code, code, `${what}: ${got.message}`);
        for (const s of mustName) assert.ok(got.message.includes(s), `${what}: message ${JSON.stringify(got.message)} does not name ${s}`);
        assert.equal(got.state, "error", `${what}: data-tc-state`);
        assert.ok(got.visible && got.shown.includes(got.message), `${what}: the container does not show the message: ${JSON.stringify(got.shown)}`);
      }
      assert.ok(r.update.threw, "update() with duplicate dates did not throw");
      assert.equal(r.update.name, "TradeChartError");
      assert.equal(r.update.code, "duplicate-x", r.update.message);
      assert.ok(r.update.message.includes('series "Trade"'), r.update.message);
      assert.equal(r.update.shown, r.update.message, "update(): the message is not shown above the chart");
      assert.equal(r.update.state, "ready", "update(): the last good chart should stay");
      await assertNoProblems("bad spec");
    });

    test("story: scrolling through the demo's story section steps the chart (range, highlight, announcement)", async () => {
      await openDemo();
      const steps = await driver.evaluate(() => [...document.querySelectorAll("[data-trade-chart-step]")].map((el) => el.dataset.tradeChartStep));
      assert.deepEqual(steps, STORY_STEPS.map((st) => st.id), "the demo's story paragraphs");
      for (const step of STORY_STEPS) {
        await driver.evaluate((id) => {
          const el = document.querySelector(`[data-trade-chart-step="${id}"]`);
          const offset = parseFloat(getComputedStyle(el.closest("[data-trade-chart-story]")).getPropertyValue("--trade-chart-story-offset")) || 0.5;
          const r = el.getBoundingClientRect();
          window.scrollBy(0, r.top + Math.min(r.height / 2, 24) - innerHeight * offset);
        }, step.id);
        await driver.waitFor(
          (id) => {
            const c = document.querySelector('trade-chart[src="data/trade-story.json"]')?.chart;
            return Boolean(c && c.currentStep === id && c.story && !c.story.raf);
          },
          step.id,
          { timeout: 10000, what: `story step ${step.id}` },
        );
        const state = await driver.evaluate(() => {
          const c = document.querySelector('trade-chart[src="data/trade-story.json"]').chart;
          return { view: c.getView(), emphasis: Array.from(c.handle.seriesEmphasis()), live: c.live.textContent };
        });
        assert.deepEqual(state.view, { from: Date.UTC(step.from, 0, 1), to: Date.UTC(step.to, 0, 1) }, `${step.id}: the view`);
        assert.deepEqual(state.emphasis, step.emphasis, `${step.id}: the highlighted series`);
        assert.equal(state.live, step.said, `${step.id}: the announcement`);
      }
      await shot("story");
      await assertNoProblems("story");
    });

    test("sound: the schedule rendered offline rises in pitch for a rising series and is silent over a gap", async () => {
      await openDemo();
      // Points 2 and 3 are gaps: slots 2 to 4 must be silent.
      const spec = { title: "Rising", series: [{ name: "Rising", unit: "Mt", data: [["2016", 1], ["2017", 2], ["2018", null], ["2019", null], ["2020", 8], ["2021", 13], ["2022", 21], ["2023", 34]] }] };
      const r = await driver.evaluate(async (spec) => (await import("/test/audio-probe.js")).renderOffline(spec, [2, 4]), spec);
      r.gap = r.quiet;
      r.count = r.notes.length;
      assert.equal(r.count, 6, "one note per value, none for the two gaps");
      for (let i = 1; i < r.notes.length; i++) {
        assert.ok(r.notes[i].freq > r.notes[i - 1].freq, `note ${i} (${r.notes[i].freq.toFixed(0)} Hz) is not above note ${i - 1} (${r.notes[i - 1].freq.toFixed(0)} Hz)`);
      }
      assert.ok(r.notes.every((n) => n.rms > 0.01), `a note is silent: ${JSON.stringify(r.notes)}`);
      assert.ok(r.gap.rms < 0.002, `the gap is not silent: rms ${r.gap.rms}`);
      await assertNoProblems("sound");
    });

    test("export: toPNG() gives a PNG at 2× the chart, toCSV() the data with units", async () => {
      await openDemo();
      const r = await driver.evaluate(async () => {
        const chart = document.querySelector("trade-chart").chart;
        const blob = await chart.toPNG();
        const bytes = new Uint8Array(await blob.arrayBuffer());
        const dv = new DataView(bytes.buffer);
        const bmp = await createImageBitmap(blob);
        const rect = chart.canvas.getBoundingClientRect();
        return {
          isBlob: blob instanceof Blob,
          type: blob.type,
          size: blob.size,
          signature: Array.from(bytes.slice(0, 8)),
          chunk: String.fromCharCode(...bytes.slice(12, 16)),
          ihdr: [dv.getUint32(16), dv.getUint32(20)],
          decoded: [bmp.width, bmp.height],
          css: [rect.width, rect.height],
          csv: chart.toCSV(),
        };
      });
      assert.ok(r.isBlob, "toPNG() did not resolve to a Blob");
      assert.equal(r.type, "image/png");
      assert.deepEqual(r.signature, [137, 80, 78, 71, 13, 10, 26, 10], "not a PNG signature");
      assert.equal(r.chunk, "IHDR");
      assert.deepEqual(r.ihdr, r.decoded, "IHDR size differs from the decoded size");
      assert.deepEqual(r.ihdr, [Math.round(r.css[0] * 2), Math.round(r.css[1] * 2)], `PNG ${r.ihdr} is not 2 × the chart's CSS size ${r.css}`);
      assert.ok(r.size > 10000, `PNG of ${r.size} bytes is too small to hold the chart`);
      const lines = r.csv.trim().split(/\r?\n/);
      assert.deepEqual(lines, ["date,Trade ($bn)", ...TRADE.map(([x, v]) => `${x},${v}`)]);
      await assertNoProblems("export");
    });

    test("the compile worker fetches and compiles the wasm once, and the page's chart draws and hovers with it", async () => {
      served.clear();
      await driver.goto(`${server.url}test/lifecycle.html`);
      const chart = await driver.evaluate(() => window.mountAndHover());
      assert.ok(chart.renders >= 1 && chart.tooltip && chart.tooltip.title, `${engine}: ${JSON.stringify(chart)}`);
      assert.equal(served.get("/harness/trade-chart-worker.js"), 1, `${engine}: the compile worker was not loaded once`);
      assert.equal(served.get("/pkg/trade_chart_bg.wasm"), 1, `${engine}: the wasm was fetched ${served.get("/pkg/trade_chart_bg.wasm")} times`);
      // The page's own timeline has no wasm fetch: the module came from the worker.
      const ownFetches = await driver.evaluate(() => performance.getEntriesByType("resource").filter((r) => /trade_chart_bg\.wasm/.test(r.name)).length);
      assert.equal(ownFetches, 0, `${engine}: the page fetched the wasm itself (the worker's module did not arrive)`);
      await assertNoProblems("compile page");
    });

    test("every way in: <trade-chart> (src, inline, el.spec), mount() with typed arrays, and the iframe embed sized by embed-host.js", async () => {
      await driver.goto(`${server.url}test/embed-ways.html`);
      await driver.waitFor(settleCharts, 4, { timeout: 20000, what: "the four in-page charts" });
      await driver.waitFor(
        () => {
          const f = document.getElementById("way-e");
          const doc = f.contentDocument;
          const state = doc?.getElementById("chart")?.dataset.tcState;
          return state && state !== "loading" && f.dataset.tradeChartHeight ? state : null;
        },
        undefined,
        { timeout: 20000, what: "the iframe's chart and its height message" },
      );
      const inPage = await driver.evaluate(measure, ["#way-a, #way-b, #way-c, #way-d", null]);
      assert.deepEqual(inPage.map((c) => c.id).sort(), ["way-a", "way-b", "way-c", "way-d"]);
      assert.deepEqual(drawingProblems(inPage), []);
      const framed = await driver.evaluate(measure, ["#chart", "way-e"]);
      assert.deepEqual(drawingProblems(framed.map((c) => ({ ...c, id: "iframe #chart" }))), []);
      // The same data table whichever way the chart came in.
      const tables = await driver.evaluate(() => {
        const chartOf = (id) => document.getElementById(id).chart;
        return {
          a: chartOf("way-a").handle.dataTable(),
          b: chartOf("way-b").handle.dataTable(),
          c: chartOf("way-c").handle.dataTable(),
        };
      });
      assert.deepEqual(tables.b, tables.a, "inline spec vs src");
      assert.deepEqual(tables.c, tables.a, "el.spec vs src");
      const d = await driver.evaluate(async () => (await window.ways).chartD.handle.dataTable());
      assert.deepEqual(d, tables.a, "mount() with typed arrays vs src");
      // embed-host.js grew the iframe to its content: no scrollbar, no gap.
      const frame = await driver.evaluate(() => {
        const f = document.getElementById("way-e");
        const de = f.contentDocument.documentElement;
        return { reported: Number(f.dataset.tradeChartHeight), inner: f.clientHeight, content: Math.ceil(de.getBoundingClientRect().height), scroll: de.scrollHeight };
      });
      assert.ok(frame.reported > 300, `the iframe reported a height of ${frame.reported}`);
      assert.ok(Math.abs(frame.inner - frame.content) <= 1, `iframe is ${frame.inner}px tall for ${frame.content}px of content: ${JSON.stringify(frame)}`);
      assert.ok(frame.scroll <= frame.inner + 1, `the iframe scrolls: ${JSON.stringify(frame)}`);
      await driver.evaluate(() => document.getElementById("way-e").scrollIntoView({ block: "start", behavior: "instant" }));
      await shot("embed-iframe");
      await assertNoProblems("embed ways");
    });

    test("nothing below a chart moves when it arrives: fallback image, height, aspect and inline height hold its space", async () => {
      await driver.goto(`${server.url}test/layout-shift.html`);
      await driver.waitFor(() => window.__heldPositions || null, undefined, { timeout: 20000, what: "the elements to be defined" });
      const held = await driver.evaluate(() => window.__heldPositions);
      await driver.waitFor(settleCharts, 5, { timeout: 30000, what: "the five charts" });
      const drawn = await driver.evaluate(() => window.__positions());
      // (e) holds only an estimate: the chart there takes the height its layout prefers.
      const moved = Object.keys(held)
        .filter((id) => id !== "after-nothing" && Math.abs(drawn[id] - held[id]) > 0.5)
        .map((id) => `${id}: ${held[id].toFixed(1)} -> ${drawn[id].toFixed(1)}`);
      assert.deepEqual(moved, [], `${engine}: text moved when the charts arrived`);
      assert.ok(Object.keys(held).length === 5, JSON.stringify(held));
      await assertNoProblems("layout shift page");
    });

    test("the gallery draws every kind of chart; only its deliberately broken spec fails, and says why", async () => {
      await driver.goto(`${server.url}gallery.html`);
      const count = await driver.evaluate(() => document.querySelectorAll("trade-chart").length);
      assert.ok(count >= 20, `the gallery has only ${count} charts`);
      await driver.waitFor(settleCharts, count, { timeout: 30000, what: `${count} gallery charts to settle` });
      const charts = await driver.evaluate(measure, ["trade-chart", null]);
      const broken = charts.filter((c) => /\/error-/.test(c.id));
      const drawn = charts.filter((c) => !/\/error-/.test(c.id));
      assert.ok(broken.length >= 1, "the gallery has no error example");
      assert.deepEqual(drawingProblems(drawn), []);
      assert.deepEqual(broken.map((c) => c.state), broken.map(() => "error"));
      const shown = await driver.evaluate(() =>
        [...document.querySelectorAll("trade-chart[data-tc-state=error]")].map((el) => el.shadowRoot?.querySelector(".tc-error")?.textContent ?? ""),
      );
      await driver.evaluate(() => document.querySelector('trade-chart[src$="log-scale.json"]').scrollIntoView({ block: "start", behavior: "instant" }));
      await shot("gallery");
      for (const text of shown) assert.match(text, /^Chart could not be drawn: series "[^"]+" point \d+/, "the broken chart does not say what is wrong");
      // Each broken chart fires its error event and logs once; nothing else may go wrong.
      const problems = [...(await driver.problems()), ...httpErrors.splice(0, httpErrors.length)];
      const expected = problems.filter((p) => /(error event from <trade-chart>|console\.error: trade-chart:|console error: trade-chart:)/.test(p));
      assert.deepEqual(problems.filter((p) => !expected.includes(p)), [], "unexpected problems on the gallery");
      assert.ok(expected.length >= broken.length, `the broken chart did not report itself: ${JSON.stringify(problems)}`);
    });

    test("resizing the window re-lays out and redraws every chart sharp", async () => {
      await openDemo();
      const first = () =>
        driver.evaluate(() => {
          const el = document.querySelector("trade-chart");
          const c = el.shadowRoot.querySelector("canvas.tc-data");
          return { width: c.width, css: c.getBoundingClientRect().width, renders: el.chart.renderCount, dpr: devicePixelRatio, inner: innerWidth };
        });
      const before = await first();
      for (const [w, h] of [[700, 900], [1280, 900]]) {
        const start = await first();
        await driver.resize(w, h);
        const now = await driver.waitFor(
          (startWidth) => {
            const el = document.querySelector("trade-chart");
            const c = el.shadowRoot.querySelector("canvas.tc-data");
            const css = c.getBoundingClientRect().width;
            return c.width !== startWidth && c.width === Math.round(css * devicePixelRatio) ? { width: c.width, css, renders: el.chart.renderCount, inner: innerWidth } : null;
          },
          start.width,
          { timeout: 5000, what: `the first chart to redraw at a ${w}px wide window (was ${JSON.stringify(start)})` },
        );
        assert.ok(Math.abs(now.inner - w) <= 20, `the viewport is ${now.inner}px wide after resizing to ${w}`);
        assert.ok(now.renders > start.renders, `renderCount did not grow (${start.renders} → ${now.renders})`);
        // Let any other pending redraws finish, then check every chart.
        await driver.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        await driver.waitFor(settleCharts, DEMO_CHARTS, { timeout: 20000, what: "every chart after the resize" });
        const charts = await driver.evaluate(measure, ["trade-chart", null]);
        assert.deepEqual(drawingProblems(charts), [], `after resizing to ${w}×${h}`);
        if (w === 700) {
          await driver.evaluate(() => scrollTo({ top: 0, behavior: "instant" }));
          await shot("demo-narrow");
        }
      }
      const after = await first();
      assert.equal(after.width, before.width, "back at 1280px the chart should be as wide as before");
      if (driver.canChangeDpr) {
        // A new devicePixelRatio (browser zoom, another screen) at the same CSS width.
        const start = await first();
        const ratio = start.dpr === 2 ? 1 : 2;
        await driver.resize(1280, 900, ratio);
        const now = await driver.waitFor(
          ([css, r]) => {
            const c = document.querySelector("trade-chart").shadowRoot.querySelector("canvas.tc-data");
            return devicePixelRatio === r && c.width === Math.round(css * r) ? c.width : null;
          },
          [start.css, ratio],
          { timeout: 5000, what: `the first chart to redraw at devicePixelRatio ${ratio} (was ${JSON.stringify(start)})` },
        );
        assert.equal(now, Math.round(start.css * ratio));
        await driver.waitFor(settleCharts, DEMO_CHARTS, { timeout: 20000, what: "every chart after the dpr change" });
        assert.deepEqual(drawingProblems(await driver.evaluate(measure, ["trade-chart", null])), [], `at devicePixelRatio ${ratio}`);
        await driver.resize(1280, 900, start.dpr);
      }
      await assertNoProblems("resize");
    });
  });
}
