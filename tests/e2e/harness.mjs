// Shared helpers for the end-to-end tests: server, browser, pages, chart waits and canvas checks.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { startServer } from "../../scripts/serve.mjs";
import { CHROMIUM, CHROMIUM_ARGS } from "../../scripts/chromium.mjs";

export { startServer, CHROMIUM, CHROMIUM_ARGS };

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const SCREENSHOTS = path.join(REPO, "target", "screenshots");

/** Throws a readable error if the wasm build or the JS harness is missing. */
export function checkBuild() {
  const need = ["pkg/trade_chart.js", "pkg/trade_chart_bg.wasm", "www/trade-chart.js"];
  const missing = need.filter((p) => !fs.existsSync(path.join(REPO, p)));
  if (missing.length) {
    throw new Error(
      `missing build output: ${missing.join(", ")} — run the wasm build (make / wasm-pack) first`,
    );
  }
}

export async function launchBrowser() {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}; install it with scripts/setup.sh --browser (or set CHROMIUM=/path)`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/**
 * Opens a page in a fresh context that records everything that went wrong.
 * Options are Playwright context options; width/height/deviceScaleFactor are shorthands.
 * Returns { page, context, consoleErrors, pageErrors, failedRequests, close() }.
 */
export async function newPage(browser, opts = {}) {
  const { width = 1280, height = 900, deviceScaleFactor = 1, ...rest } = opts;
  const context = await browser.newContext({
    viewport: { width, height },
    deviceScaleFactor,
    serviceWorkers: "block",
    ...rest,
  });
  const page = await context.newPage();
  const consoleErrors = [];
  const pageErrors = [];
  const failedRequests = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") {
      const loc = msg.location();
      const where = loc && loc.url ? ` (${loc.url}:${loc.lineNumber})` : "";
      consoleErrors.push(`${msg.text()}${where}`);
    }
  });
  page.on("pageerror", (err) => pageErrors.push(err.stack || String(err)));
  page.on("requestfailed", (req) =>
    failedRequests.push(`${req.method()} ${req.url()}: ${req.failure()?.errorText}`),
  );
  page.on("response", (res) => {
    if (res.status() >= 400) failedRequests.push(`${res.status()} ${res.url()}`);
  });
  return {
    page,
    context,
    consoleErrors,
    pageErrors,
    failedRequests,
    close: () => context.close(),
  };
}

/**
 * Checks the build, then starts the test server (under the strict CSP unless `csp: false`)
 * on a free port and launches Chromium. Returns { server, browser }; if the launch fails,
 * the server is closed again before the error is thrown.
 */
export async function startServerAndBrowser({ csp = true } = {}) {
  checkBuild();
  const server = await startServer({ port: 0, csp });
  try {
    return { server, browser: await launchBrowser() };
  } catch (err) {
    await server.close();
    throw err;
  }
}

/** Closes what startServerAndBrowser() opened: the browser, then the server (either may be missing). */
export async function closeServerAndBrowser({ server, browser } = {}) {
  await browser?.close();
  await server?.close();
}

/**
 * newPage(), then loads `url` and asserts that it answered 200. `prepare(p)`, if given, runs
 * on the new page before it loads (init scripts, request listeners). If anything fails, the
 * page's context is closed before the error is thrown.
 */
export async function loadPage(browser, url, opts = {}, prepare) {
  const p = await newPage(browser, opts);
  try {
    if (prepare) await prepare(p);
    const res = await p.page.goto(url, { waitUntil: "load" });
    assert.equal(res.status(), 200, `GET ${url} returned ${res.status()}`);
    return p;
  } catch (err) {
    await p.close().catch(() => {});
    throw err;
  }
}

/**
 * Fails on any console error, page error or failed request that newPage() recorded so far.
 * `allow` (a RegExp) drops the console errors and failed requests it matches (never page
 * errors); `what` is put before the list of problems in the message.
 */
export function assertClean(p, { allow, what = "" } = {}) {
  const keep = (list) => (allow ? list.filter((line) => !allow.test(line)) : list);
  const problems = { consoleErrors: keep(p.consoleErrors), pageErrors: p.pageErrors, failedRequests: keep(p.failedRequests) };
  assert.equal(
    problems.consoleErrors.length + problems.pageErrors.length + problems.failedRequests.length,
    0,
    `${what}${describeProblems(problems)}`,
  );
}

/**
 * Every chart on a page: `mount()` containers (`.chart`, `[data-chart-src]`) and
 * `<trade-chart>` elements (whose canvases live in their shadow root).
 */
export const CHART_SELECTOR = ".chart, [data-chart-src], trade-chart";

/** Summary of every chart container's state, for error messages. */
export async function chartStates(page) {
  return page.$$eval(CHART_SELECTOR, (els) =>
    els.map((el) => ({
      src: el.getAttribute("data-chart-src") ?? el.getAttribute("src"),
      state: el.getAttribute("data-tc-state"),
      error: el.getAttribute("data-tc-error") || undefined,
    })),
  );
}

/**
 * Waits until `count` chart containers carry data-tc-state and none is still "loading".
 * `<trade-chart>` elements load only near the viewport, so unstarted ones are scrolled
 * into view one at a time (`scroll: false` turns that off); the scroll position is
 * restored afterwards. On timeout, throws with the state of every chart.
 */
export async function waitForCharts(page, count, { timeout = 20000, scroll = true } = {}) {
  const start = await page.evaluate(() => [scrollX, scrollY]);
  try {
    await page.waitForFunction(
      ([n, scrollLazy]) => {
        if (scrollLazy) {
          const idle = document.querySelector("trade-chart:not([data-tc-state])");
          if (idle) idle.scrollIntoView({ block: "center", behavior: "instant" });
        }
        const els = document.querySelectorAll(".chart[data-tc-state], trade-chart[data-tc-state]");
        if (els.length < n) return false;
        for (const el of els) if (el.getAttribute("data-tc-state") === "loading") return false;
        return true;
      },
      [count, scroll],
      { timeout, polling: 100 },
    );
  } catch (err) {
    const states = await chartStates(page).catch(() => []);
    throw new Error(
      `charts did not settle within ${timeout} ms (wanted ${count} with data-tc-state, none loading).\n` +
        `states: ${JSON.stringify(states, null, 2)}\n(${err.message.split("\n")[0]})`,
    );
  } finally {
    if (scroll) await page.evaluate(([x, y]) => scrollTo({ left: x, top: y, behavior: "instant" }), start).catch(() => {});
  }
}

/**
 * Measures every chart on the page: container width, data canvas CSS and backing-store
 * size, and how much of the plot area (data-plot="x,y,w,h" in CSS px) is drawn.
 * A pixel counts as drawn when any channel differs from the canvas's top-left pixel
 * by more than `tolerance`. `selector` picks the chart containers (mount() containers or
 * <trade-chart> elements).
 */
export async function measureCharts(page, { tolerance = 2, selector = ".chart[data-chart-src], trade-chart" } = {}) {
  return page.$$eval(
    selector,
    (els, tol) => {
      const dpr = window.devicePixelRatio;
      return els.map((el) => {
        // A <trade-chart> draws into a holder inside its shadow root: that holder is the
        // chart's container, and it should fill the element's content box.
        const root = el.shadowRoot || el;
        const holder = el.shadowRoot ? el.shadowRoot.querySelector(".tc-host") || el : el;
        const cs = getComputedStyle(el);
        const out = {
          src: el.getAttribute("data-chart-src") ?? el.getAttribute("src"),
          state: el.getAttribute("data-tc-state"),
          element: el.localName,
          containerWidth: holder.clientWidth,
          hostContentWidth: el.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight),
          dpr,
          canvases: [],
        };
        const canvases = root.querySelectorAll("canvas.tc-data");
        for (const c of canvases) {
          const r = c.getBoundingClientRect();
          const info = {
            cssWidth: r.width,
            cssHeight: r.height,
            width: c.width,
            height: c.height,
            plotAttr: c.getAttribute("data-plot"),
            plots: [],
          };
          out.canvases.push(info);
          if (!info.plotAttr) continue;
          let ctx;
          try {
            ctx = c.getContext("2d", { willReadFrequently: true });
          } catch (e) {
            info.ctxError = String(e);
          }
          if (!ctx) {
            info.ctxError = info.ctxError || "getContext('2d') returned null (canvas has another context?)";
            continue;
          }
          const bg = ctx.getImageData(0, 0, 1, 1).data;
          info.background = Array.from(bg);
          // One or more rectangles: "x,y,w,h" separated by ";" or "|".
          const rects = info.plotAttr
            .split(/[;|]/)
            .map((s) => s.trim().split(/[\s,]+/).map(Number))
            .filter((a) => a.length === 4 && a.every(Number.isFinite));
          if (!rects.length) info.plotParseError = `cannot parse data-plot="${info.plotAttr}"`;
          for (const [x, y, w, h] of rects) {
            const px = Math.max(0, Math.round(x * dpr));
            const py = Math.max(0, Math.round(y * dpr));
            const pw = Math.min(c.width - px, Math.round(w * dpr));
            const ph = Math.min(c.height - py, Math.round(h * dpr));
            const plot = { css: [x, y, w, h], device: [px, py, pw, ph], total: 0, drawn: 0, colours: 0 };
            info.plots.push(plot);
            if (pw <= 0 || ph <= 0) continue;
            const d = ctx.getImageData(px, py, pw, ph).data;
            const seen = new Set();
            let drawn = 0;
            for (let i = 0; i < d.length; i += 4) {
              if (
                Math.abs(d[i] - bg[0]) > tol ||
                Math.abs(d[i + 1] - bg[1]) > tol ||
                Math.abs(d[i + 2] - bg[2]) > tol ||
                Math.abs(d[i + 3] - bg[3]) > tol
              ) {
                drawn++;
              }
              if (seen.size < 64) seen.add((d[i] << 24) | (d[i + 1] << 16) | (d[i + 2] << 8) | d[i + 3]);
            }
            plot.total = pw * ph;
            plot.drawn = drawn;
            plot.colours = seen.size;
          }
        }
        return out;
      });
    },
    tolerance,
  );
}

export function ensureScreenshotDir() {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  return SCREENSHOTS;
}

/** Formats the recorded problems of a page for an assertion message. */
export function describeProblems({ consoleErrors, pageErrors, failedRequests }) {
  const parts = [];
  if (consoleErrors.length) parts.push(`console errors:\n  ${consoleErrors.join("\n  ")}`);
  if (pageErrors.length) parts.push(`page errors:\n  ${pageErrors.join("\n  ")}`);
  if (failedRequests.length) parts.push(`failed requests:\n  ${failedRequests.join("\n  ")}`);
  return parts.join("\n") || "none";
}

/** Resolves after `n` animation frames in the page (lets scheduled redraws finish). */
export async function nextFrames(page, n = 2) {
  await page.evaluate(
    (k) =>
      new Promise((resolve) => {
        const step = (left) => (left <= 0 ? resolve() : requestAnimationFrame(() => step(left - 1)));
        step(k);
      }),
    n,
  );
}

/**
 * Counts the event listeners registered on the object that `expression` evaluates to in
 * the page (e.g. "document", "window", "window.charts[0].stage"), through the Chrome
 * DevTools Protocol. `cdp` is a CDPSession from context.newCDPSession(page).
 * Returns { total, byType: { type: count } }.
 */
export async function countEventListeners(cdp, expression) {
  const { result, exceptionDetails } = await cdp.send("Runtime.evaluate", { expression, objectGroup: "listeners" });
  if (exceptionDetails || !result.objectId) {
    throw new Error(`countEventListeners: cannot evaluate ${expression}: ${JSON.stringify(exceptionDetails || result)}`);
  }
  try {
    const { listeners } = await cdp.send("DOMDebugger.getEventListeners", { objectId: result.objectId });
    const byType = {};
    for (const l of listeners) byType[l.type] = (byType[l.type] || 0) + 1;
    return { total: listeners.length, byType };
  } finally {
    await cdp.send("Runtime.releaseObjectGroup", { objectGroup: "listeners" });
  }
}

/** How many event listeners `document` and `window` have (see countEventListeners). */
export async function globalListeners(cdp) {
  return {
    document: (await countEventListeners(cdp, "document")).total,
    window: (await countEventListeners(cdp, "window")).total,
  };
}

/**
 * The RGBA of one backing-store pixel of a canvas, by default (2, 2): the chart background.
 * `canvas` is a selector, or a function run in the page that returns the canvas.
 */
export async function canvasPixel(page, canvas, x = 2, y = 2) {
  const read = (c, [px, py]) => Array.from(c.getContext("2d").getImageData(px, py, 1, 1).data);
  if (typeof canvas === "string") return page.$eval(canvas, read, [x, y]);
  const handle = await page.evaluateHandle(canvas);
  try {
    return await handle.evaluate(read, [x, y]);
  } finally {
    await handle.dispose();
  }
}
