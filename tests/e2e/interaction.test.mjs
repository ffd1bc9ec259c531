// Interaction tests with real input (mouse, keyboard, touch, wheel) on www/test/interaction.html:
// hover and tooltip, overlay-only redraws, brush, wheel, pinch, legend, keyboard, a11y,
// export and runtime theme.
//   node --test tests/e2e/interaction.test.mjs
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import fs from "node:fs";
import { AxeBuilder } from "@axe-core/playwright";
import {
  REPO,
  startServerAndBrowser,
  closeServerAndBrowser,
  newPage,
  loadPage,
  assertClean,
  canvasPixel,
  ensureScreenshotDir,
  describeProblems,
  waitForCharts,
  nextFrames,
} from "./harness.mjs";

const DESKTOP = { name: "desktop", opts: { width: 1280, height: 900, deviceScaleFactor: 1 } };
const DESKTOP2 = { name: "desktop-dpr2", opts: { width: 1280, height: 900, deviceScaleFactor: 2 } };
const PHONE = { name: "phone", opts: { width: 390, height: 844, deviceScaleFactor: 3, isMobile: true, hasTouch: true } };
const DESKTOPS = [DESKTOP, DESKTOP2];

const TRADE_CHART = 0; // window.charts[0]: data/china-russia-trade.json (bars)
const LINE_CHART = 1; // window.charts[1]: data/trade-vs-crude-indexed.json (two lines)

const tradeSpec = JSON.parse(fs.readFileSync(path.join(REPO, "www/data/china-russia-trade.json"), "utf8"));
const lineSpec = JSON.parse(fs.readFileSync(path.join(REPO, "www/data/trade-vs-crude-indexed.json"), "utf8"));
const TRADE = tradeSpec.series[0].data; // [["2016", 69.52], …]
const CRUDE = lineSpec.series[1].data;
const YEAR_MS = 365 * 24 * 3600 * 1000;

// ---- expected wording, computed from the data ----

const money = (v) => `$${v.toFixed(1)}bn`;
const tonnes = (v) => `${v.toFixed(1)} Mt`;
const pct = (p) => (Math.abs(p) >= 10 ? `${Math.round(Math.abs(p))}%` : `${Math.abs(p).toFixed(1)}%`);

/** "Trade, 2022: $190.3bn, up 30% on 2021"; the first point has no change part. */
function announcement(name, data, i, fmt) {
  const [x, v] = data[i];
  let text = `${name}, ${x}: ${fmt(v)}`;
  if (i > 0) {
    const [px, pv] = data[i - 1];
    const p = ((v - pv) / Math.abs(pv)) * 100;
    text += `, ${p >= 0 ? "up" : "down"} ${pct(p)} on ${px}`;
  }
  return text;
}

// ---- page helpers ----

let server;
let browser;

before(async () => {
  ({ server, browser } = await startServerAndBrowser());
});

after(() => closeServerAndBrowser({ server, browser }));

/** A fresh context on the test page (served under the strict CSP) with both charts drawn. */
async function openTestPage(profile, { colorScheme = "light" } = {}) {
  const p = await loadPage(browser, `${server.url}test/interaction.html`, { ...profile.opts, colorScheme });
  await waitForCharts(p.page, 2);
  const n = await p.page.evaluate(() => window.chartsReady);
  assert.equal(n, 2, `test page mounted ${n} charts; ${describeProblems(p)}`);
  await nextFrames(p.page, 2);
  return p;
}

/** Scrolls a chart's stage to the middle of the viewport. */
async function scrollChartIntoView(page, chart) {
  await page.evaluate((c) => window.charts[c].stage.scrollIntoView({ block: "center", behavior: "instant" }), chart);
  await nextFrames(page, 2);
}

/** A data point in viewport (client) CSS px. */
async function pointAt(page, chart, series, index) {
  return page.evaluate(
    ([c, s, i]) => {
      const ch = window.charts[c];
      const r = ch.stage.getBoundingClientRect();
      const pt = Array.from(ch.handle.pointPosition(s, i));
      if (pt.length !== 2) throw new Error(`pointPosition(${s}, ${i}) returned ${JSON.stringify(pt)}`);
      return { x: r.left + pt[0], y: r.top + pt[1] };
    },
    [chart, series, index],
  );
}

/** The plot area in viewport CSS px: {x, y, w, h, right, bottom}. */
async function plotRect(page, chart) {
  return page.evaluate((c) => {
    const ch = window.charts[c];
    const r = ch.stage.getBoundingClientRect();
    const [x, y, w, h] = Array.from(ch.handle.plotArea());
    return { x: r.left + x, y: r.top + y, w, h, right: r.left + x + w, bottom: r.top + y + h };
  }, chart);
}

async function view(page, chart) {
  return page.evaluate((c) => window.charts[c].getView(), chart);
}

/** The full view of a chart: the view of a fresh mount (read before any input). */
async function counts(page, chart) {
  return page.evaluate((c) => ({ data: window.charts[c].renderCount, overlay: window.charts[c].overlayRenderCount }), chart);
}

async function tooltipInfo(page, chart) {
  return page.evaluate((c) => {
    const ch = window.charts[c];
    const box = ch.tooltipBox;
    const r = box.getBoundingClientRect();
    const s = ch.stage.getBoundingClientRect();
    return {
      hidden: box.hidden || getComputedStyle(box).display === "none",
      text: box.textContent,
      side: box.dataset.side,
      rect: { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height },
      stage: { left: s.left, top: s.top, right: s.right, bottom: s.bottom },
      viewport: { width: window.innerWidth, height: window.innerHeight },
    };
  }, chart);
}

async function waitForTooltip(page, chart, title) {
  await page
    .waitForFunction(
      ([c, t]) => {
        const box = window.charts[c].tooltipBox;
        return !box.hidden && (!t || box.querySelector(".tc-tooltip-title")?.textContent === t);
      },
      [chart, title],
      { timeout: 3000, polling: "raf" },
    )
    .catch(async () => {
      const info = await tooltipInfo(page, chart);
      throw new Error(`tooltip with title ${JSON.stringify(title)} did not appear; tooltip is ${JSON.stringify(info)}`);
    });
}

/** Asserts that the tooltip does not cover the point and stays inside the chart and the viewport. */
function assertTooltipPlacement(info, pt, label) {
  const { rect, stage, viewport } = info;
  const eps = 0.5;
  const covers = pt.x >= rect.left && pt.x <= rect.right && pt.y >= rect.top && pt.y <= rect.bottom;
  assert.ok(!covers, `${label}: tooltip ${JSON.stringify(rect)} covers its point (${pt.x}, ${pt.y})`);
  assert.ok(
    rect.left >= stage.left - eps && rect.right <= stage.right + eps && rect.top >= stage.top - eps && rect.bottom <= stage.bottom + eps,
    `${label}: tooltip ${JSON.stringify(rect)} leaves the chart ${JSON.stringify(stage)}`,
  );
  assert.ok(
    rect.left >= -eps && rect.top >= -eps && rect.right <= viewport.width + eps && rect.bottom <= viewport.height + eps,
    `${label}: tooltip ${JSON.stringify(rect)} leaves the viewport ${JSON.stringify(viewport)}`,
  );
}

async function chartShot(page, chart, file) {
  const dir = ensureScreenshotDir();
  const root = page.locator(".tc-chart").nth(chart);
  await root.screenshot({ path: path.join(dir, file) });
}

async function scrollY(page) {
  return page.evaluate(() => window.scrollY);
}

// ---- 1. hover and tooltip ----

for (const profile of [...DESKTOPS, PHONE]) {
  describe(`hover tooltip — ${profile.name}`, () => {
    test("the 2023 bar shows its value and change beside (never over) the point, flipped left near the right edge", async () => {
      const p = await openTestPage(profile);
      try {
        const { page } = p;
        const pt = await pointAt(page, TRADE_CHART, 0, 7);
        if (profile === PHONE) await page.touchscreen.tap(pt.x, pt.y);
        else await page.mouse.move(pt.x, pt.y);
        await waitForTooltip(page, TRADE_CHART, "2023").catch(async (err) => {
          if (profile === PHONE) await chartShot(page, TRADE_CHART, "hover-phone.png");
          const focused = await page.evaluate(() => document.activeElement === window.charts[0].stage);
          err.message += `\n(after the ${profile === PHONE ? "tap" : "move"} the stage ${focused ? "has" : "does not have"} keyboard focus)`;
          throw err;
        });
        const info = await tooltipInfo(page, TRADE_CHART);
        if (profile === DESKTOP) await chartShot(page, TRADE_CHART, "hover-desktop.png");
        if (profile === PHONE) await chartShot(page, TRADE_CHART, "hover-phone.png");
        assert.ok(!info.hidden, "tooltip hidden");
        assertTooltipPlacement(info, pt, "2023");
        assert.equal(info.side, "left", `near the right edge the tooltip should sit left of the point, got data-side=${info.side}`);
        for (const want of ["2023", "$240.1bn", "+26% on 2022"]) {
          assert.ok(info.text.includes(want), `tooltip text ${JSON.stringify(info.text)} lacks ${JSON.stringify(want)}`);
        }
        assertClean(p);
      } finally {
        await p.close();
      }
    });

    if (profile !== PHONE) {
      test("every bar: the tooltip names its year and never covers the point or leaves the chart", async () => {
        const p = await openTestPage(profile);
        try {
          const { page } = p;
          const texts = [];
          for (let i = 0; i < TRADE.length; i++) {
            const pt = await pointAt(page, TRADE_CHART, 0, i);
            await page.mouse.move(pt.x, pt.y);
            await waitForTooltip(page, TRADE_CHART, TRADE[i][0]);
            const info = await tooltipInfo(page, TRADE_CHART);
            assertTooltipPlacement(info, pt, TRADE[i][0]);
            texts.push(info.text);
          }
          // The first bar is far from the right edge: the tooltip sits on its right.
          const first = await pointAt(page, TRADE_CHART, 0, 0);
          await page.mouse.move(first.x, first.y);
          await waitForTooltip(page, TRADE_CHART, TRADE[0][0]);
          assert.equal((await tooltipInfo(page, TRADE_CHART)).side, "right");
          // Leaving the chart hides the tooltip.
          await page.mouse.move(5, 5);
          await nextFrames(page, 2);
          assert.ok((await tooltipInfo(page, TRADE_CHART)).hidden, "tooltip still shown after the pointer left the chart");
          assertClean(p);
          // "2021Trade: $146.9bn+36% on 2020"
          const change = (i) => {
            const pc = ((TRADE[i][1] - TRADE[i - 1][1]) / TRADE[i - 1][1]) * 100;
            return `${pc < 0 ? "\u2212" : "+"}${pct(pc)} on ${TRADE[i - 1][0]}`;
          };
          const want = TRADE.map(([x, v], i) => `${x}Trade: ${money(v)}${i ? change(i) : ""}`);
          assert.deepEqual(texts, want, "tooltip texts");
        } finally {
          await p.close();
        }
      });

      test("after clicking into the chart, hovering another bar still shows that bar's tooltip", async () => {
        const p = await openTestPage(profile);
        try {
          const { page } = p;
          const b2 = await pointAt(page, TRADE_CHART, 0, 2);
          await page.mouse.click(b2.x, b2.y + 20);
          await nextFrames(page, 2);
          const b6 = await pointAt(page, TRADE_CHART, 0, 6);
          await page.mouse.move(b6.x, b6.y + 20, { steps: 5 });
          await waitForTooltip(page, TRADE_CHART, "2022");
        } finally {
          await p.close();
        }
      });

      test("after clicking the chart's title area (which focuses the stage), hovering a bar shows that bar's tooltip", async () => {
        const p = await openTestPage(profile);
        try {
          const { page } = p;
          const stage = await page.evaluate(() => window.charts[0].stage.getBoundingClientRect().toJSON());
          await page.mouse.click(stage.left + 100, stage.top + 20); // on the title, outside the plot
          await nextFrames(page, 2);
          const b6 = await pointAt(page, TRADE_CHART, 0, 6);
          await page.mouse.move(b6.x, b6.y + 20, { steps: 5 });
          await waitForTooltip(page, TRADE_CHART, "2022");
        } finally {
          await p.close();
        }
      });

      // ---- 2. hover redraws only the overlay ----

      test("hover redraws the overlay only, never the data canvas", async () => {
        const p = await openTestPage(profile);
        try {
          const { page } = p;
          const plot = await plotRect(page, TRADE_CHART);
          const before = await counts(page, TRADE_CHART);
          const y = plot.y + plot.h * 0.7;
          for (let k = 0; k < 20; k++) {
            await page.mouse.move(plot.x + 5 + ((plot.w - 10) * k) / 19, y);
            await nextFrames(page, 1);
          }
          await nextFrames(page, 3);
          const afterMoves = await counts(page, TRADE_CHART);
          assert.equal(afterMoves.data, before.data, `renderCount went from ${before.data} to ${afterMoves.data} on hover`);
          assert.ok(afterMoves.overlay > before.overlay, `overlayRenderCount did not increase (${before.overlay} → ${afterMoves.overlay})`);
          assertClean(p);
        } finally {
          await p.close();
        }
      });
    }
  });
}

// ---- 3. brush, reset, wheel ----

for (const profile of DESKTOPS) {
  describe(`brush and wheel — ${profile.name}`, () => {
    test("a horizontal drag zooms to the brushed range; Reset zoom and double-click restore the full view", async () => {
      const p = await openTestPage(profile);
      try {
        const { page } = p;
        const full = await view(page, TRADE_CHART);
        const reset = page.locator("#chart-trade").getByRole("button", { name: "Reset zoom" });
        assert.equal(await reset.isVisible(), false, "Reset zoom visible before any zoom");

        const brush = async () => {
          const plot = await plotRect(page, TRADE_CHART);
          const y = plot.y + plot.h * 0.6;
          await page.mouse.move(plot.x + plot.w * 0.3, y);
          await page.mouse.down();
          await page.mouse.move(plot.x + plot.w * 0.7, y, { steps: 12 });
          await page.mouse.up();
          await nextFrames(page, 2);
        };

        await brush();
        const zoomed = await view(page, TRADE_CHART);
        assert.ok(zoomed.to - zoomed.from < full.to - full.from, `view not narrower after brushing: ${JSON.stringify({ full, zoomed })}`);
        assert.ok(zoomed.from >= full.from && zoomed.to <= full.to, `zoomed view ${JSON.stringify(zoomed)} outside the data ${JSON.stringify(full)}`);
        assert.ok(zoomed.to > zoomed.from, "zero-width view");
        await reset.waitFor({ state: "visible", timeout: 2000 });
        if (profile === DESKTOP) await chartShot(page, TRADE_CHART, "zoomed-desktop.png");

        await reset.click();
        await nextFrames(page, 2);
        assert.deepEqual(await view(page, TRADE_CHART), full, "Reset zoom did not restore the full view");
        assert.equal(await reset.isVisible(), false, "Reset zoom still visible at the full view");

        await brush();
        assert.notDeepEqual(await view(page, TRADE_CHART), full, "second brush did not zoom");
        const plot = await plotRect(page, TRADE_CHART);
        await page.mouse.dblclick(plot.x + plot.w / 2, plot.y + plot.h / 2);
        await nextFrames(page, 2);
        assert.deepEqual(await view(page, TRADE_CHART), full, "double-click did not restore the full view");
        assertClean(p);
      } finally {
        await p.close();
      }
    });

    test("a plain wheel over an un-clicked chart scrolls the page and does not zoom", async () => {
      const p = await openTestPage(profile);
      try {
        const { page } = p;
        const full = await view(page, TRADE_CHART);
        const plot = await plotRect(page, TRADE_CHART);
        await page.mouse.move(plot.x + plot.w / 2, plot.y + plot.h / 2);
        const y0 = await scrollY(page);
        await page.mouse.wheel(0, 300);
        await page.waitForFunction((y) => window.scrollY > y, y0, { timeout: 3000 }).catch(() => {});
        assert.ok((await scrollY(page)) > y0, `page did not scroll (scrollY ${y0} → ${await scrollY(page)})`);
        assert.deepEqual(await view(page, TRADE_CHART), full, "a plain wheel zoomed an un-clicked chart");
        assertClean(p);
      } finally {
        await p.close();
      }
    });

    test("Control + wheel zooms without scrolling the page, and never to zero width", async () => {
      const p = await openTestPage(profile);
      try {
        const { page } = p;
        const full = await view(page, TRADE_CHART);
        const plot = await plotRect(page, TRADE_CHART);
        await page.mouse.move(plot.x + plot.w * 0.5, plot.y + plot.h / 2);
        const y0 = await scrollY(page);
        await page.keyboard.down("Control");
        try {
          await page.mouse.wheel(0, -200);
          await nextFrames(page, 3);
          const zoomed = await view(page, TRADE_CHART);
          assert.ok(zoomed.to - zoomed.from < full.to - full.from, `Control+wheel did not zoom: ${JSON.stringify({ full, zoomed })}`);
          assert.equal(await scrollY(page), y0, "the page scrolled during Control+wheel");
          for (let k = 0; k < 40; k++) await page.mouse.wheel(0, -400);
          await nextFrames(page, 3);
        } finally {
          await page.keyboard.up("Control");
        }
        const tight = await view(page, TRADE_CHART);
        const span = tight.to - tight.from;
        assert.ok(span > 0, `zero-width view ${JSON.stringify(tight)}`);
        assert.ok(span >= 2 * YEAR_MS - 1, `view ${span / YEAR_MS} years wide is narrower than two data steps`);
        assert.ok(tight.from >= full.from && tight.to <= full.to, `view ${JSON.stringify(tight)} outside the data`);
        assert.equal(await scrollY(page), y0, "the page scrolled during Control+wheel");
        assertClean(p);
      } finally {
        await p.close();
      }
    });
  });
}

// ---- 4. touch: pinch zoom and vertical page scroll ----

describe("touch — phone", () => {
  test("a two-finger pinch apart zooms in", async () => {
    const p = await openTestPage(PHONE);
    try {
      const { page } = p;
      const full = await view(page, TRADE_CHART);
      const plot = await plotRect(page, TRADE_CHART);
      const cx = plot.x + plot.w / 2;
      const cy = plot.y + plot.h / 2;
      const cdp = await page.context().newCDPSession(page);
      const points = (d) => [
        { x: cx - d, y: cy, id: 0, radiusX: 2, radiusY: 2, force: 1 },
        { x: cx + d, y: cy, id: 1, radiusX: 2, radiusY: 2, force: 1 },
      ];
      await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: points(25) });
      for (let d = 30; d <= 120; d += 10) {
        await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: points(d) });
      }
      await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
      await nextFrames(page, 3);
      const zoomed = await view(page, TRADE_CHART);
      assert.ok(zoomed.to - zoomed.from < full.to - full.from, `pinch did not zoom in: ${JSON.stringify({ full, zoomed })}`);
      assert.ok(zoomed.from >= full.from && zoomed.to <= full.to, `pinched view ${JSON.stringify(zoomed)} outside the data`);
      assertClean(p);
    } finally {
      await p.close();
    }
  });

  test("a vertical swipe on the chart scrolls the page; the stage has touch-action: pan-y", async () => {
    const p = await openTestPage(PHONE);
    try {
      const { page } = p;
      const touchAction = await page.evaluate(() => getComputedStyle(window.charts[0].stage).touchAction);
      assert.equal(touchAction, "pan-y");
      const full = await view(page, TRADE_CHART);
      const plot = await plotRect(page, TRADE_CHART);
      const y0 = await scrollY(page);
      // Input.synthesizeScrollGesture does not scroll at all in this headless Chromium (not
      // even outside the charts), so the swipe is a sequence of real touch events.
      const cdp = await page.context().newCDPSession(page);
      const x = plot.x + plot.w / 2;
      const startY = plot.y + plot.h * 0.9;
      await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [{ x, y: startY, id: 0 }] });
      for (let d = 10; d <= 250; d += 10) {
        await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [{ x, y: startY - d, id: 0 }] });
      }
      await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
      await page.waitForFunction((y) => window.scrollY > y, y0, { timeout: 3000 }).catch(() => {});
      assert.ok((await scrollY(page)) > y0, `a vertical swipe on the chart did not scroll the page (scrollY ${y0} → ${await scrollY(page)})`);
      assert.deepEqual(await view(page, TRADE_CHART), full, "a vertical swipe changed the view");
      assertClean(p);
    } finally {
      await p.close();
    }
  });
});

// ---- 5. legend / direct-label toggling ----

for (const profile of [DESKTOP, PHONE]) {
  describe(`legend toggling — ${profile.name}`, () => {
    test("clicking a legend area hides and shows its series; the last visible series cannot be hidden", async () => {
      const p = await openTestPage(profile);
      try {
        const { page } = p;
        await scrollChartIntoView(page, LINE_CHART);
        const visible = () => page.evaluate((c) => Array.from(window.charts[c].handle.visibleSeries()), LINE_CHART);
        /** Centre of the clickable area of `series` in viewport px, from the current layout. */
        const areaOf = (series) =>
          page.evaluate(
            ([c, s]) => {
              const ch = window.charts[c];
              const a = Array.from(ch.handle.legendAreas());
              const r = ch.stage.getBoundingClientRect();
              for (let i = 0; i + 4 < a.length; i += 5) {
                if (a[i + 4] === s) return { x: r.left + a[i] + a[i + 2] / 2, y: r.top + a[i + 1] + a[i + 3] / 2, areas: a };
              }
              return { areas: a };
            },
            [LINE_CHART, series],
          );
        const click = async (series, step) => {
          const at = await areaOf(series);
          assert.ok(at.x !== undefined, `${step}: no clickable legend area for series ${series}; legendAreas = ${JSON.stringify(at.areas)}; visibleSeries = ${JSON.stringify(await visible())}`);
          if (profile === PHONE) await page.touchscreen.tap(at.x, at.y);
          else await page.mouse.click(at.x, at.y);
          await nextFrames(page, 3);
          await page.waitForTimeout(350); // keep two clicks from becoming a double-click
        };

        assert.deepEqual(await visible(), [1, 1]);
        await click(1, "hide series 1");
        assert.deepEqual(await visible(), [1, 0], "clicking series 1's legend did not hide it");
        await click(1, "show the hidden series 1 again");
        assert.deepEqual(await visible(), [1, 1], "clicking series 1's legend again did not show it");
        await click(0, "hide series 0");
        assert.deepEqual(await visible(), [0, 1], "clicking series 0's legend did not hide it");
        await click(1, "try to hide the last visible series");
        assert.deepEqual(await visible(), [0, 1], "hiding the last visible series was not refused");
        await click(0, "show the hidden series 0 again");
        assert.deepEqual(await visible(), [1, 1], "series 0 could not be shown again");
        assertClean(p);
      } finally {
        await p.close();
      }
    });
  });
}

// ---- 6. keyboard ----

/** Presses Tab until the given chart's stage has focus (at most `max` times); returns the number of presses. */
async function tabTo(page, chart, max = 12) {
  for (let k = 1; k <= max; k++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((c) => document.activeElement === window.charts[c].stage, chart)) return k;
  }
  throw new Error(`chart ${chart} not reached with ${max} Tab presses`);
}

const live = (page, chart) => page.evaluate((c) => window.charts[c].live.textContent, chart);

for (const profile of DESKTOPS) {
  describe(`keyboard — ${profile.name}`, () => {
    test("Tab reaches the chart as one tab stop; Home and Right announce every point", async () => {
      const p = await openTestPage(profile);
      try {
        const { page } = p;
        const presses = await tabTo(page, TRADE_CHART);
        assert.equal(presses, 1, "the first Tab should land on the first chart (nothing focusable precedes it)");
        const stop = await page.evaluate(() => {
          const st = window.charts[0].stage;
          const focusable = st.querySelectorAll("a[href], button, input, select, textarea, [tabindex]");
          return { tabindex: st.getAttribute("tabindex"), inner: focusable.length, live: window.charts[0].live.getAttribute("aria-live") };
        });
        assert.equal(stop.tabindex, "0");
        assert.equal(stop.inner, 0, "focusable elements inside the stage (more than one tab stop)");
        assert.equal(stop.live, "polite");

        await page.keyboard.press("Home");
        const heard = [await live(page, TRADE_CHART)];
        for (let i = 1; i < TRADE.length; i++) {
          await page.keyboard.press("ArrowRight");
          heard.push(await live(page, TRADE_CHART));
          if (i === 3 && profile === DESKTOP) {
            await nextFrames(page, 2);
            await chartShot(page, TRADE_CHART, "keyboard-focus.png");
          }
        }
        // Past the end it stays on the last point; Left goes back one.
        await page.keyboard.press("ArrowRight");
        heard.push(await live(page, TRADE_CHART));
        await page.keyboard.press("ArrowLeft");
        heard.push(await live(page, TRADE_CHART));
        // The keyboard cursor shows the same point in the tooltip.
        await nextFrames(page, 2);
        await waitForTooltip(page, TRADE_CHART, TRADE.at(-2)[0]);
        assertClean(p);
        const want = TRADE.map((_, i) => announcement("Trade", TRADE, i, money));
        want.push(want.at(-1), want.at(-2));
        assert.deepEqual(heard, want, "aria-live announcements after Home, Right ×8, Left");
      } finally {
        await p.close();
      }
    });

    test("Up/Down switch series on the two-series chart; Escape leaves", async () => {
      const p = await openTestPage(profile);
      try {
        const { page } = p;
        await tabTo(page, LINE_CHART);
        const heard = [];
        const press = async (key) => {
          await page.keyboard.press(key);
          heard.push(`${key} → ${await live(page, LINE_CHART)}`);
        };
        await press("Home");
        await press("ArrowRight");
        await press("ArrowRight");
        await press("ArrowDown");
        await press("ArrowDown"); // already the last series
        await press("End");
        await press("ArrowUp");
        const n = TRADE.length - 1;
        const want = [
          `Home → ${announcement("Trade", TRADE, 0, money)}`,
          `ArrowRight → ${announcement("Trade", TRADE, 1, money)}`,
          `ArrowRight → ${announcement("Trade", TRADE, 2, money)}`,
          `ArrowDown → ${announcement("Crude imports", CRUDE, 2, tonnes)}`,
          `ArrowDown → ${announcement("Crude imports", CRUDE, 2, tonnes)}`,
          `End → ${announcement("Crude imports", CRUDE, n, tonnes)}`,
          `ArrowUp → ${announcement("Trade", TRADE, n, money)}`,
        ];

        await nextFrames(page, 2);
        await page.keyboard.press("Escape");
        await nextFrames(page, 2);
        const after = await page.evaluate((c) => ({
          focused: document.activeElement === window.charts[c].stage,
          tooltip: !window.charts[c].tooltipBox.hidden,
        }), LINE_CHART);
        assert.equal(after.focused, false, "Escape did not move focus out of the chart");
        assert.equal(after.tooltip, false, "the keyboard tooltip is still shown after Escape");
        assertClean(p);
        assert.deepEqual(heard, want, "aria-live announcements");
      } finally {
        await p.close();
      }
    });

    test("+ and - zoom around the cursor, 0 resets", async () => {
      const p = await openTestPage(profile);
      try {
        const { page } = p;
        const full = await view(page, TRADE_CHART);
        await tabTo(page, TRADE_CHART);
        await page.keyboard.press("End");
        await page.keyboard.press("+");
        const z1 = await view(page, TRADE_CHART);
        assert.ok(z1.to - z1.from < full.to - full.from, `+ did not zoom in: ${JSON.stringify({ full, z1 })}`);
        assert.ok(z1.from >= full.from && z1.to <= full.to);
        await page.locator("#chart-trade").getByRole("button", { name: "Reset zoom" }).waitFor({ state: "visible", timeout: 2000 });
        // The cursor (2023) stays inside the zoomed view.
        assert.ok(Date.UTC(2023, 0, 1) >= z1.from && Date.UTC(2023, 0, 1) <= z1.to, `2023 left the view ${JSON.stringify(z1)}`);
        await page.keyboard.press("+");
        const z2 = await view(page, TRADE_CHART);
        assert.ok(z2.to - z2.from <= z1.to - z1.from);
        await page.keyboard.press("-");
        const z3 = await view(page, TRADE_CHART);
        assert.ok(z3.to - z3.from > z2.to - z2.from, `- did not zoom out: ${JSON.stringify({ z2, z3 })}`);
        await page.keyboard.press("+");
        await page.keyboard.press("0");
        assert.deepEqual(await view(page, TRADE_CHART), full, "0 did not reset the view");
        assert.equal(await page.evaluate(() => document.activeElement === window.charts[0].stage), true, "zoom keys moved the focus");
        await nextFrames(page, 2);
        assertClean(p);
      } finally {
        await p.close();
      }
    });
  });
}

// ---- 7. accessibility ----

describe("accessibility", () => {
  for (const scheme of ["light", "dark"]) {
    for (const [label, url] of [["index.html", ""], ["test/interaction.html", "test/interaction.html"]]) {
      test(`axe: no violations on ${label} (${scheme})`, async () => {
        const p = await newPage(browser, { ...DESKTOP.opts, colorScheme: scheme });
        try {
          const { page } = p;
          await page.goto(server.url + url, { waitUntil: "load" });
          await waitForCharts(page, label === "index.html" ? 5 : 2);
          await page.emulateMedia({ colorScheme: scheme });
          await nextFrames(page, 3);
          const results = await new AxeBuilder({ page }).analyze();
          const summary = results.violations.map(
            (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 5).map((n) => `${n.target.join(" ")} — ${n.failureSummary?.split("\n").join(" ")}`).join("\n    ")}`,
          );
          assert.deepEqual(summary, [], `axe violations:\n${summary.join("\n")}`);
          assertClean(p);
        } finally {
          await p.close();
        }
      });
    }
  }

  test("the chart has an accessible name and a description naming first, last and highest values", async () => {
    const p = await openTestPage(DESKTOP);
    try {
      const { page } = p;
      const named = page.getByRole("application", { name: tradeSpec.title });
      assert.equal(await named.count(), 1, `no application named ${JSON.stringify(tradeSpec.title)}`);
      const a = await page.evaluate(() => {
        const ch = window.charts[0];
        const ids = (ch.stage.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
        return {
          label: ch.stage.getAttribute("aria-label"),
          desc: ch.root.querySelector(".tc-desc").textContent,
          described: ids.map((id) => document.getElementById(id)?.classList[0] || null),
        };
      });
      assert.equal(a.label, tradeSpec.title);
      assert.ok(a.described.includes("tc-desc"), `aria-describedby does not point at .tc-desc: ${JSON.stringify(a.described)}`);
      const [firstX, firstV] = TRADE[0];
      const [lastX, lastV] = TRADE.at(-1);
      const max = TRADE.reduce((m, d) => (d[1] > m[1] ? d : m));
      for (const want of [firstX, money(firstV), lastX, money(lastV), money(max[1])]) {
        assert.ok(a.desc.includes(want), `description ${JSON.stringify(a.desc)} lacks ${JSON.stringify(want)}`);
      }
      assert.match(a.desc, /highest|maximum|record/i, "description does not mention the maximum");
      assertClean(p);
    } finally {
      await p.close();
    }
  });

  test("Show data toggles a visible table whose rows match the data", async () => {
    const p = await openTestPage(DESKTOP);
    try {
      const { page } = p;
      const chartEl = page.locator("#chart-trade");
      const table = chartEl.locator(".tc-table table");
      // Visually hidden = a 1×1 px clipped wrapper; shown = the wrapper holds the whole table.
      const visibleBox = () =>
        chartEl.locator(".tc-table").evaluate((wrap) => {
          const r = wrap.getBoundingClientRect();
          const cs = getComputedStyle(wrap);
          return r.width > 50 && r.height > 50 && (cs.clipPath === "none" || cs.clipPath === "") && !wrap.hidden;
        });
      assert.equal(await visibleBox(), false, "the table is visible before Show data");
      const button = chartEl.getByRole("button", { name: "Show data" });
      assert.equal(await button.getAttribute("aria-expanded"), "false");
      await button.click();
      assert.equal(await visibleBox(), true, "the table is not visible after Show data");
      const toggle = chartEl.getByRole("button", { name: "Hide data" });
      assert.equal(await toggle.getAttribute("aria-expanded"), "true");
      const rows = await table.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
      await toggle.click();
      assert.equal(await visibleBox(), false, "the table is still visible after Hide data");
      assertClean(p);
      assert.equal(rows.length, TRADE.length, `table has ${rows.length} rows`);
      assert.deepEqual(rows.map((r) => r[0]), TRADE.map((d) => d[0]), "table dates");
      // The table gives each value as the data has it (not rounded like the tooltip).
      assert.deepEqual(rows.map((r) => r[1]), TRADE.map((d) => `$${d[1]}bn`), "table values");
    } finally {
      await p.close();
    }
  });
});

// ---- 8. export ----

for (const profile of DESKTOPS) {
  describe(`export — ${profile.name}`, () => {
    test("toPNG gives an image/png at 2× the chart's CSS size; toCSV has units in the header", async () => {
      const p = await openTestPage(profile);
      try {
        const { page } = p;
        const r = await page.evaluate(async () => {
          const ch = window.charts[0];
          const blob = await ch.toPNG();
          // The page runs under a CSP with img-src 'self' (via default-src), which blocks
          // blob: URLs in <img>; createImageBitmap decodes the same bytes without a URL.
          const bmp = await createImageBitmap(blob);
          const bytes = new Uint8Array(await blob.arrayBuffer());
          const dv = new DataView(bytes.buffer);
          const signature = Array.from(bytes.slice(0, 8));
          const rect = ch.canvas.getBoundingClientRect();
          return {
            isBlob: blob instanceof Blob,
            type: blob.type,
            w: bmp.width,
            h: bmp.height,
            ihdr: [dv.getUint32(16), dv.getUint32(20)],
            signature,
            css: [rect.width, rect.height],
          };
        });
        assert.ok(r.isBlob);
        assert.equal(r.type, "image/png");
        assert.deepEqual(r.signature, [137, 80, 78, 71, 13, 10, 26, 10], "not a PNG signature");
        assert.deepEqual(r.ihdr, [r.w, r.h], "IHDR size differs from the decoded size");
        assert.equal(r.w, Math.round(r.css[0] * 2), `PNG width ${r.w} ≠ 2 × ${r.css[0]}`);
        assert.equal(r.h, Math.round(r.css[1] * 2), `PNG height ${r.h} ≠ 2 × ${r.css[1]}`);

        const csv = await page.evaluate(() => window.charts[0].toCSV());
        const lines = csv.trim().split(/\r?\n/);
        assert.equal(lines[0], "date,Trade ($bn)");
        assert.deepEqual(lines.slice(1), TRADE.map(([x, v]) => `${x},${v}`));
        assert.ok(lines.includes("2023,240.1"));
        assertClean(p);
      } finally {
        await p.close();
      }
    });
  });
}

// ---- 9. theme at runtime ----

for (const profile of DESKTOPS) {
  describe(`theme — ${profile.name}`, () => {
    test('data-theme="dark" on <html> repaints the chart dark, and back', async () => {
      const p = await openTestPage(profile);
      try {
        const { page } = p;
        const sample = () => canvasPixel(page, () => window.charts[0].canvas);
        const lum = ([r, g, b]) => 0.2126 * r + 0.7152 * g + 0.0722 * b;
        const light = await sample();
        assert.ok(lum(light) > 200, `light background rgba(${light}) is not light`);
        const before = await counts(page, TRADE_CHART);
        await page.evaluate(() => (document.documentElement.dataset.theme = "dark"));
        await nextFrames(page, 3);
        const dark = await sample();
        assert.ok(lum(dark) < 60, `after data-theme=dark the background is rgba(${dark})`);
        assert.ok((await counts(page, TRADE_CHART)).data > before.data, "the data layer was not redrawn");
        if (profile === DESKTOP) {
          const pt = await pointAt(page, TRADE_CHART, 0, 5);
          await page.mouse.move(pt.x, pt.y);
          await waitForTooltip(page, TRADE_CHART, TRADE[5][0]);
          await chartShot(page, TRADE_CHART, "dark-desktop.png");
          await page.mouse.move(5, 5);
        }
        await page.evaluate(() => (document.documentElement.dataset.theme = "light"));
        await nextFrames(page, 3);
        assert.deepEqual(await sample(), light, "data-theme=light did not restore the light background");
        assertClean(p);
      } finally {
        await p.close();
      }
    });
  });
}
