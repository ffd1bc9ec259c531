// End-to-end tests of every way to embed a chart: the <trade-chart> element (src, inline
// JSON, el.spec), mount() with typed arrays, the iframe embed with embed-host.js, a Vite app
// built against pkg/, plus CSP, hostile host CSS, the SVG fallbacks and privacy.
//   node --test tests/e2e/embed.test.mjs
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import {
  REPO,
  startServerAndBrowser,
  closeServerAndBrowser,
  newPage,
  loadPage,
  assertClean,
  waitForCharts,
  measureCharts,
  describeProblems,
  nextFrames,
} from "./harness.mjs";

const run = promisify(execFile);

const WWW = path.join(REPO, "www");
const VITE_CONFIG = "www/examples/vite/vite.config.mjs";
const VITE_OUT = path.join(REPO, "target", "vite-example");
const TRADE = "data/china-russia-trade.json";
const SPECS = fs
  .readdirSync(path.join(WWW, "data"))
  .filter((f) => f.endsWith(".json"))
  .map((f) => f.slice(0, -5))
  .sort();
const readSpec = (name) => JSON.parse(fs.readFileSync(path.join(WWW, "data", `${name}.json`), "utf8"));

/** Width (CSS px) and devicePixelRatio at which the ways of embedding are compared. */
const COMPARE_WIDTH = 600;
const COMPARE_DPR = 2;
const MIN_DRAWN_FRACTION = 0.02;

// Runs in every frame before the page's own scripts (not subject to the page's CSP):
// records CSP violations and offers a pixel hash of a canvas.
const INIT_SCRIPT = () => {
  window.__tc = {
    violations: [],
    hash(canvas) {
      const ctx = canvas.getContext("2d", { willReadFrequently: true });
      const d = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      let h = 0x811c9dc5;
      for (let i = 0; i < d.length; i++) {
        h ^= d[i];
        h = Math.imul(h, 0x01000193) >>> 0;
      }
      return `${canvas.width}x${canvas.height}:${h.toString(16).padStart(8, "0")}`;
    },
    canvas(el) {
      return (el.shadowRoot || el).querySelector("canvas.tc-data");
    },
  };
  document.addEventListener("securitypolicyviolation", (e) => {
    window.__tc.violations.push(`${e.violatedDirective} blocked ${e.blockedURI || "(inline)"} at ${e.sourceFile}:${e.lineNumber}`);
  });
};

/** loadPage() in the light scheme, with INIT_SCRIPT in every frame and every request recorded in p.requests. */
function openPage(browser, url, opts = {}) {
  return loadPage(browser, url, { colorScheme: "light", ...opts }, async (p) => {
    await p.context.addInitScript(INIT_SCRIPT);
    const requests = [];
    p.context.on("request", (r) => requests.push({ url: r.url(), main: r.frame() === p.page.mainFrame() }));
    p.requests = requests;
  });
}

/** CSP violations recorded in every frame of the page. */
async function violations(page) {
  const out = [];
  for (const f of page.frames()) {
    const v = await f.evaluate(() => window.__tc?.violations ?? []).catch(() => []);
    out.push(...v.map((s) => `${f.url()}: ${s}`));
  }
  return out;
}

/** Polls `fn` in the page until it returns a truthy value; returns that value. */
async function until(pageOrFrame, fn, arg, { timeout = 10000, what = "condition" } = {}) {
  try {
    const handle = await pageOrFrame.waitForFunction(fn, arg, { timeout, polling: 50 });
    return handle.jsonValue();
  } catch (e) {
    throw new Error(`timed out after ${timeout} ms waiting for ${what}: ${e.message.split("\n")[0]}`);
  }
}

function embedFrame(page) {
  const f = page.frames().find((fr) => /\/embed\.html\?/.test(fr.url()));
  assert.ok(f, `no embed.html frame among ${page.frames().map((fr) => fr.url()).join(", ")}`);
  return f;
}

/** Sets every chart on the ways page to COMPARE_WIDTH and waits for the redraws. */
async function sizeWays(page) {
  await page.evaluate((w) => {
    for (const id of ["way-a", "way-b", "way-c", "way-d"]) document.getElementById(id).style.width = `${w}px`;
    const f = document.getElementById("way-e");
    f.style.border = "0";
    f.style.width = `${w}px`;
  }, COMPARE_WIDTH);
  await until(
    page,
    ([w, dpr]) =>
      ["way-a", "way-b", "way-c", "way-d"].every((id) => window.__tc.canvas(document.getElementById(id))?.width === w * dpr),
    [COMPARE_WIDTH, COMPARE_DPR],
    { what: `every chart drawn at ${COMPARE_WIDTH}px` },
  );
  // The iframe is drawn at its width once embed-host.js has grown it to fit (no scrollbar).
  const frame = embedFrame(page);
  await until(
    frame,
    ([w, dpr]) => {
      const c = document.querySelector("canvas.tc-data");
      return c && c.width === w * dpr && document.documentElement.scrollHeight <= innerHeight + 1;
    },
    [COMPARE_WIDTH, COMPARE_DPR],
    { what: "the iframe chart drawn at full width without a scrollbar" },
  );
  await nextFrames(page, 3);
}

/** Data table (as the Chart exposes it), visible table text and pixel hash of one chart. */
async function chartFacts(page, id) {
  return page.evaluate(async (id) => {
    const el = document.getElementById(id);
    const chart = el.localName === "trade-chart" ? el.chart : (await window.ways).chartD;
    return {
      state: el.dataset.tcState,
      table: chart.handle.dataTable(),
      tableText: chart.tableWrap.textContent,
      title: chart.handle.title(),
      hash: window.__tc.hash(chart.canvas),
    };
  }, id);
}

async function frameFacts(frame) {
  return frame.evaluate(() => {
    const c = document.querySelector("canvas.tc-data");
    return {
      state: document.getElementById("chart").dataset.tcState,
      tableText: document.querySelector(".tc-table")?.textContent ?? null,
      hash: c ? window.__tc.hash(c) : null,
    };
  });
}

// ---- the Vite example: built once per run, served by a tiny static server ----

let viteBuild = null;
function buildVite() {
  viteBuild ??= run(path.join(REPO, "node_modules/.bin/vite"), ["build", "--config", VITE_CONFIG, "--logLevel", "warn"], {
    cwd: REPO,
    timeout: 120_000,
    env: { ...process.env, NO_COLOR: "1" },
  });
  return viteBuild;
}

const STATIC_MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".json": "application/json",
};

/** Serves `root` on 127.0.0.1 with the same strict CSP as `serve.mjs --csp`. */
function staticServer(root, csp) {
  const server = http.createServer((req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url, "http://x").pathname);
    let file = path.resolve(root, "." + path.posix.normalize("/" + urlPath));
    if (!file.startsWith(root)) return res.writeHead(404).end();
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    if (!fs.existsSync(file)) return res.writeHead(404).end("not found");
    res.writeHead(200, {
      "Content-Type": STATIC_MIME[path.extname(file)] || "application/octet-stream",
      "Cache-Control": "no-store",
      "Content-Security-Policy": csp,
    });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({
        url: `http://127.0.0.1:${server.address().port}/`,
        close: () => new Promise((done) => {
          server.close(() => done());
          server.closeAllConnections?.();
        }),
      }),
    ),
  );
}

// ---- tests ----

let server;
let browser;

before(async () => {
  ({ server, browser } = await startServerAndBrowser());
});

after(() => closeServerAndBrowser({ server, browser }));

describe("every way in renders the same chart", () => {
  let p;
  const facts = {};

  before(async () => {
    p = await openPage(browser, `${server.url}test/embed-ways.html`, { width: 1280, height: 900, deviceScaleFactor: COMPARE_DPR });
    await p.page.evaluate(() => window.ways.then(() => true));
    await waitForCharts(p.page, 4);
    await sizeWays(p.page);
    for (const id of ["way-a", "way-b", "way-c", "way-d"]) facts[id] = await chartFacts(p.page, id);
    facts["way-e"] = await frameFacts(embedFrame(p.page));
  });

  after(async () => {
    await p?.close();
  });

  test("the inline <script type=application/json> holds the same spec as the data file", async () => {
    const inline = await p.page.evaluate(() => document.querySelector('#way-b script[type="application/json"]').textContent);
    assert.deepEqual(JSON.parse(inline), readSpec("china-russia-trade"));
  });

  test("all five are ready, with the title of the spec", () => {
    const title = readSpec("china-russia-trade").title;
    for (const [id, f] of Object.entries(facts)) {
      assert.equal(f.state, "ready", `${id} is ${f.state}`);
      if (f.title !== undefined) assert.equal(f.title, title, id);
    }
  });

  test("the data tables are identical (src, inline JSON, el.spec, mount with typed arrays, iframe)", () => {
    const ref = facts["way-a"];
    assert.equal(ref.table.rows.length, 8, `reference table: ${JSON.stringify(ref.table)}`);
    assert.deepEqual(ref.table.rows.map((r) => r[0]), ["2016", "2017", "2018", "2019", "2020", "2021", "2022", "2023"]);
    for (const id of ["way-b", "way-c", "way-d"]) {
      assert.deepEqual(facts[id].table, ref.table, `${id} dataTable() differs from (a)`);
      assert.equal(facts[id].tableText, ref.tableText, `${id} .tc-table text differs from (a)`);
    }
    assert.equal(facts["way-e"].tableText, ref.tableText, "the iframe's .tc-table text differs from (a)");
  });

  test(`the canvases are pixel-identical at ${COMPARE_WIDTH}px and DPR ${COMPARE_DPR}`, () => {
    const want = facts["way-a"].hash;
    assert.match(want, new RegExp(`^${COMPARE_WIDTH * COMPARE_DPR}x\\d+:`), `unexpected backing store: ${want}`);
    const got = Object.fromEntries(Object.entries(facts).map(([id, f]) => [id, f.hash]));
    assert.deepEqual(got, Object.fromEntries(Object.keys(got).map((id) => [id, want])));
  });

  test("no console errors, CSP violations or failed requests", async () => {
    assert.deepEqual(await violations(p.page), []);
    assertClean(p);
  });

  test("the page loads trade_chart_bg.wasm exactly once for its four charts", () => {
    const wasm = p.requests.filter((r) => r.main && /trade_chart_bg[^/]*\.wasm(\?|$)/.test(r.url));
    assert.equal(wasm.length, 1, `wasm requests from the page: ${JSON.stringify(wasm.map((r) => r.url))}`);
  });
});

describe("the iframe embed and embed-host.js", () => {
  let p;
  let frame;

  const sizes = (page) =>
    Promise.all([
      page.evaluate(() => {
        const f = document.getElementById("way-e");
        return { iframe: f.clientHeight, width: f.clientWidth, styled: f.style.height };
      }),
      embedFrame(page).evaluate(() => ({
        doc: document.documentElement.getBoundingClientRect().height,
        scroll: document.documentElement.scrollHeight,
        // The backing store changes only when the chart redraws (its CSS width is 100%).
        canvas: (document.querySelector("canvas.tc-data")?.width ?? 0) / devicePixelRatio,
      })),
    ]).then(([host, inner]) => ({ ...host, ...inner }));

  /** Waits until the iframe's content box matches the height its document reports. */
  const settled = async (page) => {
    const deadline = Date.now() + 10000;
    let s;
    while (Date.now() < deadline) {
      s = await sizes(page);
      if (s.doc > 100 && Math.abs(s.iframe - s.doc) <= 2 && Math.abs(s.canvas - s.width) <= 1) return s;
      await page.waitForTimeout(50);
    }
    throw new Error(`the iframe was not sized to its content: ${JSON.stringify(s)}`);
  };

  before(async () => {
    p = await openPage(browser, `${server.url}test/embed-ways.html`, { width: 1280, height: 900 });
    await waitForCharts(p.page, 4);
    frame = embedFrame(p.page);
    await until(frame, () => document.getElementById("chart").dataset.tcState === "ready", undefined, { what: "the iframe chart" });
  });

  after(async () => {
    await p?.close();
  });

  test("the host sizes the iframe to the height the embed posts (±2px)", async () => {
    const s = await settled(p.page);
    assert.ok(s.iframe > 300, `iframe only ${s.iframe}px tall: ${JSON.stringify(s)}`);
    assert.ok(s.scroll <= s.iframe + 1, `the embed still scrolls: ${JSON.stringify(s)}`);
  });

  test("the height follows the iframe's width", async () => {
    const wide = await settled(p.page);
    await p.page.evaluate(() => {
      document.getElementById("way-e").style.width = "320px";
    });
    await until(p.page, (w) => Math.abs(document.getElementById("way-e").clientWidth - w) <= 4, 320, { what: "the iframe narrowing" });
    let narrow;
    const deadline = Date.now() + 10000;
    do {
      narrow = await settled(p.page);
    } while (Math.abs(narrow.iframe - wide.iframe) <= 2 && Date.now() < deadline && (await p.page.waitForTimeout(50), true));
    assert.ok(Math.abs(narrow.iframe - wide.iframe) > 2, `height did not change with width: wide ${JSON.stringify(wide)}, narrow ${JSON.stringify(narrow)}`);
    assert.ok(Math.abs(narrow.iframe - narrow.doc) <= 2, JSON.stringify(narrow));
    await p.page.evaluate(() => {
      document.getElementById("way-e").style.width = "";
    });
    const back = await settled(p.page);
    assert.ok(Math.abs(back.iframe - wide.iframe) <= 2, `back at full width: ${JSON.stringify({ wide, back })}`);
  });

  test("messages from other windows or of the wrong shape are ignored", async () => {
    const before = await settled(p.page);
    // The right shape, but sent by the host page itself (event.source is not the iframe).
    await p.page.evaluate(() => window.postMessage({ type: "trade-chart:height", id: "way-e", height: 17 }, "*"));
    // From the iframe, but malformed.
    await frame.evaluate(() => {
      for (const m of [
        { type: "trade-chart:height", id: "way-e", height: "17" },
        { type: "trade-chart:height", id: "way-e", height: -5 },
        { type: "trade-chart:height", id: "way-e", height: Infinity },
        { type: "trade-chart:height", id: "way-e", height: 1e9 },
        { type: "other", id: "way-e", height: 17 },
        "trade-chart:height 17",
        null,
      ]) parent.postMessage(m, "*");
    });
    await p.page.waitForTimeout(200);
    const afterMsgs = await sizes(p.page);
    assert.equal(afterMsgs.iframe, before.iframe, `a bad message changed the iframe: ${JSON.stringify({ before, afterMsgs })}`);
  });

  test("a sized embed never scrolls, also after the wait for a host has passed", async () => {
    await settled(p.page);
    await p.page.waitForTimeout(1700);
    const state = await frame.evaluate(() => ({
      classes: document.documentElement.className,
      overflow: getComputedStyle(document.documentElement).overflowY,
    }));
    assert.deepEqual(state, { classes: "tc-hosted", overflow: "hidden" });
    // A "sized" reply that does not come from the parent window is ignored (here the embed's
    // own window claims the host capped it, which would make it scroll).
    await frame.evaluate(() => window.postMessage({ type: "trade-chart:sized", id: "way-e", asked: 900, height: 10 }, "*"));
    await p.page.waitForTimeout(200);
    assert.equal(await frame.evaluate(() => document.documentElement.className), "tc-hosted", "a reply from another window changed the embed");
  });

  test("no console errors or failed requests", async () => {
    assert.deepEqual(await violations(p.page), []);
    assertClean(p);
  });
});

describe("iframe embeds nobody sizes become scrollable (test/embed-scroll.html)", () => {
  let p;
  const frameOf = (id) => {
    const f = p.page.frames().find((fr) => fr.url().endsWith(`&id=${id}`));
    assert.ok(f, `no frame for ${id}`);
    return f;
  };
  const scrolling = (f) =>
    f.evaluate(() => {
      const el = document.scrollingElement;
      el.scrollTop = 80;
      const out = { classes: document.documentElement.className, overflow: getComputedStyle(el).overflowY, scrolled: el.scrollTop, tall: el.scrollHeight, view: el.clientHeight };
      el.scrollTop = 0;
      return out;
    });

  before(async () => {
    p = await openPage(browser, `${server.url}test/embed-scroll.html`, { width: 1280, height: 900 });
    for (const id of ["unhosted", "capped"]) {
      await until(frameOf(id), () => document.getElementById("chart")?.dataset.tcState === "ready", undefined, { what: `the ${id} chart` });
    }
  });

  after(async () => {
    await p?.close();
  });

  test("without embed-host.js the reader can scroll the whole chart", async () => {
    const f = frameOf("unhosted");
    await until(f, () => document.documentElement.classList.contains("tc-scroll"), undefined, { timeout: 5000, what: "the embed to give up waiting for a host" });
    const s = await scrolling(f);
    assert.equal(s.overflow, "auto", JSON.stringify(s));
    assert.ok(s.tall > s.view + 100 && s.scrolled === 80, `cannot scroll: ${JSON.stringify(s)}`);
    const height = await p.page.evaluate(() => document.getElementById("unhosted").clientHeight);
    assert.equal(height, 200, "an unhosted iframe keeps the height the page gave it");
  });

  test("a host whose CSS caps the iframe leaves it scrollable", async () => {
    const f = frameOf("capped");
    await until(f, () => document.documentElement.classList.contains("tc-scroll"), undefined, { timeout: 5000, what: "the capped embed to scroll" });
    const s = await scrolling(f);
    assert.match(s.classes, /tc-hosted/);
    assert.ok(s.scrolled === 80 && s.view <= 240, `capped embed: ${JSON.stringify(s)}`);
  });

  test("no console errors or failed requests", async () => {
    assert.deepEqual(await violations(p.page), []);
    assertClean(p);
  });
});

describe("the Vite example (www/examples/vite)", () => {
  let built;
  let vite;
  let p;

  before(async () => {
    built = await buildVite().catch((e) => ({ error: e }));
    if (!built.error) vite = await staticServer(VITE_OUT, "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'");
  });

  after(async () => {
    await p?.close();
    await vite?.close();
  });

  test("vite build succeeds and writes to target/vite-example only, with the wasm as an asset", () => {
    assert.ok(!built.error, `vite build failed:\n${built.error?.stderr || ""}\n${built.error?.stdout || ""}\n${built.error?.message || ""}`);
    assert.ok(fs.existsSync(path.join(VITE_OUT, "index.html")), "target/vite-example/index.html missing");
    const assets = fs.readdirSync(path.join(VITE_OUT, "assets"));
    const wasm = assets.filter((f) => /^trade_chart_bg-[\w-]+\.wasm$/.test(f));
    assert.equal(wasm.length, 1, `expected one hashed wasm asset, found ${JSON.stringify(assets)}`);
    const js = assets.filter((f) => f.endsWith(".js")).map((f) => fs.readFileSync(path.join(VITE_OUT, "assets", f), "utf8")).join("\n");
    assert.ok(js.includes(wasm[0]), "the bundle does not reference the emitted wasm file");
    assert.doesNotMatch(js, /data:application\/wasm/, "the wasm was inlined as a data: URL");
    for (const stray of ["www/examples/vite/dist", "www/dist", "www/examples/vite/assets"]) {
      assert.ok(!fs.existsSync(path.join(REPO, stray)), `the build wrote ${stray}`);
    }
  });

  test("the built app renders the chart (ready, pixels drawn) under a strict CSP with no console errors", async (t) => {
    if (built.error) return t.skip("the build failed");
    p = await openPage(browser, vite.url, { width: 1280, height: 900, deviceScaleFactor: COMPARE_DPR });
    await until(p.page, () => document.getElementById("chart").dataset.tcState === "ready", undefined, { what: "the Vite chart" });
    await nextFrames(p.page, 2);
    const [m] = await measureCharts(p.page, { selector: "#chart" });
    const cv = m.canvases[0];
    assert.ok(cv, `no canvas in #chart: ${JSON.stringify(m)}`);
    assert.equal(cv.width, Math.round(cv.cssWidth * COMPARE_DPR));
    assert.equal(cv.height, Math.round(cv.cssHeight * COMPARE_DPR));
    assert.ok(Math.abs(cv.cssWidth - m.containerWidth) <= 2, JSON.stringify(m));
    const pl = cv.plots[0];
    assert.ok(pl && pl.drawn / pl.total > MIN_DRAWN_FRACTION, `plot area not drawn: ${JSON.stringify(cv.plots)}`);
    const wasm = p.requests.filter((r) => /\.wasm(\?|$)/.test(r.url));
    assert.equal(wasm.length, 1, JSON.stringify(wasm));
    assert.deepEqual(await violations(p.page), []);
    assertClean(p);
  });

  test(`it matches the <trade-chart src> chart: same data table and pixels at ${COMPARE_WIDTH}px`, async (t) => {
    if (built.error || !p) return t.skip("the build failed");
    await p.page.evaluate((w) => {
      document.getElementById("chart").style.width = `${w}px`;
    }, COMPARE_WIDTH);
    await until(p.page, (w) => document.querySelector("#chart canvas.tc-data").width === w, COMPARE_WIDTH * COMPARE_DPR, { what: "the resize" });
    await nextFrames(p.page, 3);
    const vf = await p.page.evaluate(() => ({
      table: window.tradeChart.handle.dataTable(),
      tableText: document.querySelector("#chart .tc-table").textContent,
      hash: window.__tc.hash(document.querySelector("#chart canvas.tc-data")),
    }));

    const ref = await openPage(browser, `${server.url}test/embed-ways.html`, { width: 1280, height: 900, deviceScaleFactor: COMPARE_DPR });
    try {
      await waitForCharts(ref.page, 4);
      await sizeWays(ref.page);
      const a = await chartFacts(ref.page, "way-a");
      assert.deepEqual(vf.table, a.table);
      assert.equal(vf.tableText, a.tableText);
      assert.equal(vf.hash, a.hash, "the Vite app's canvas differs from <trade-chart src> at the same width and DPR");
    } finally {
      await ref.close();
    }
  });
});

describe("every page under www/ under the strict CSP", () => {
  const pages = ["index.html", `embed.html?src=${TRADE}`];
  for (const optional of ["playground.html", "gallery.html"]) {
    if (fs.existsSync(path.join(WWW, optional))) pages.push(optional);
  }
  for (const f of fs.readdirSync(path.join(WWW, "test")).sort()) {
    if (/^embed-.*\.html$/.test(f)) pages.push(`test/${f}`);
  }

  for (const url of pages) {
    test(`${url}: charts settle, no securitypolicyviolation, no console errors`, async () => {
      const p = await openPage(browser, server.url + url, { width: 1280, height: 900 });
      try {
        // Scroll every lazy <trade-chart> in, then wait until nothing is loading.
        await until(
          p.page,
          () => {
            const idle = document.querySelector("trade-chart:not([data-tc-state])");
            if (idle) {
              idle.scrollIntoView({ block: "center", behavior: "instant" });
              return false;
            }
            return !document.querySelector('[data-tc-state="loading"]');
          },
          undefined,
          { timeout: 20000, what: `charts on ${url}` },
        );
        for (const f of p.page.frames().slice(1)) {
          await until(f, () => !document.querySelector('[data-tc-state="loading"]'), undefined, { what: `charts in ${f.url()}` });
        }
        await nextFrames(p.page, 3);
        const states = await p.page.evaluate(() => [...document.querySelectorAll("[data-tc-state]")].map((e) => `${e.id || e.localName}=${e.dataset.tcState}`));
        assert.ok(url.startsWith("playground") || url.startsWith("gallery") || !states.some((s) => s.endsWith("=error")), `chart errors: ${states}`);
        assert.deepEqual(await violations(p.page), [], `CSP violations on ${url}`);
        if (url === "gallery.html") {
          // The gallery shows a broken spec on purpose: the element logs one TradeChartError
          // for each example in its "Errors" section, and nothing else may be logged.
          const broken = await p.page.$$eval('trade-chart[data-tc-state="error"]', (els) => els.map((e) => e.getAttribute("src")));
          assert.ok(broken.every((src) => /\/error-/.test(src)), `unexpected broken charts: ${broken}`);
          const expected = p.consoleErrors.filter((e) => /^trade-chart: TradeChartError: /.test(e));
          assert.equal(expected.length, broken.length, describeProblems(p));
          p.consoleErrors.splice(0, p.consoleErrors.length, ...p.consoleErrors.filter((e) => !expected.includes(e)));
        }
        assertClean(p, { what: `${url}: ` });
      } finally {
        await p.close();
      }
    });
  }
});

describe("wasm is loaded once per page", () => {
  test("index.html: six charts, one trade_chart_bg.wasm request", async () => {
    const p = await openPage(browser, server.url, { width: 1280, height: 900 });
    try {
      await waitForCharts(p.page, 6);
      const wasm = p.requests.filter((r) => /trade_chart_bg[^/]*\.wasm(\?|$)/.test(r.url));
      assert.equal(wasm.length, 1, JSON.stringify(wasm));
      assertClean(p);
    } finally {
      await p.close();
    }
  });
});

describe("attribute overrides", () => {
  let p;
  const hashOf = (id) => p.page.evaluate((id) => window.__tc.hash(window.__tc.canvas(document.getElementById(id))), id);
  const waitDrawn = (id, count) =>
    until(p.page, ([id, n]) => document.getElementById(id).chart?.renderCount >= n && document.getElementById(id).dataset.tcState === "ready", [id, count], { what: `${id} redrawn` });

  before(async () => {
    p = await openPage(browser, `${server.url}test/embed-attrs.html`, { width: 1280, height: 900 });
    await waitForCharts(p.page, 4);
    await nextFrames(p.page, 2);
  });

  after(async () => {
    await p?.close();
  });

  test('view="indexed" on a two-unit spec draws the indexed view', async () => {
    const panels = await hashOf("panels");
    const indexed = await hashOf("indexed");
    assert.notEqual(indexed, panels, "view=indexed drew the same pixels as the panels view");
    // Same as the spec with view: "indexed" set from JS.
    const viaSpec = await p.page.evaluate(async () => {
      const spec = await (await fetch("../data/trade-vs-crude-panels.json")).json();
      const el = document.createElement("trade-chart");
      document.getElementById("indexed").after(el);
      const ready = new Promise((resolve, reject) => {
        el.addEventListener("ready", resolve, { once: true });
        el.addEventListener("error", (e) => reject(e.detail.error), { once: true });
        setTimeout(() => reject(new Error("no ready event within 10 s")), 10000);
      });
      el.spec = { ...spec, view: "indexed" };
      el.scrollIntoView({ block: "center", behavior: "instant" }); // it loads only near the viewport
      await ready;
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const h = window.__tc.hash(window.__tc.canvas(el));
      el.remove();
      return h;
    });
    assert.equal(indexed, viaSpec, 'view="indexed" differs from the spec with view: "indexed"');
  });

  test("changing and removing the view attribute redraws", async () => {
    const panels = await hashOf("panels");
    const indexed = await hashOf("indexed");
    const n = await p.page.evaluate(() => document.getElementById("panels").chart.renderCount);
    await p.page.evaluate(() => document.getElementById("panels").setAttribute("view", "indexed"));
    await waitDrawn("panels", n + 1);
    await nextFrames(p.page, 2);
    assert.equal(await hashOf("panels"), indexed, "setAttribute('view', 'indexed') did not switch to the indexed view");
    const m = await p.page.evaluate(() => document.getElementById("panels").chart.renderCount);
    await p.page.evaluate(() => document.getElementById("panels").removeAttribute("view"));
    await waitDrawn("panels", m + 1);
    await nextFrames(p.page, 2);
    assert.equal(await hashOf("panels"), panels, "removeAttribute('view') did not go back to the spec's view");
  });

  test('theme="dark" draws dark on a light page', async () => {
    const bg = await p.page.evaluate(() =>
      Object.fromEntries(
        ["light", "dark"].map((id) => {
          const c = window.__tc.canvas(document.getElementById(id));
          const d = c.getContext("2d").getImageData(2, 2, 1, 1).data;
          return [id, 0.2126 * d[0] + 0.7152 * d[1] + 0.0722 * d[2]];
        }),
      ),
    );
    assert.ok(bg.light > 200, `the light chart's background is not light: luminance ${bg.light}`);
    assert.ok(bg.dark < 60, `theme="dark" background is not dark: luminance ${bg.dark}`);
  });

  test('a page-level <html data-theme="dark"> darkens <trade-chart> as it darkens mount() charts', async () => {
    const lum = () =>
      p.page.evaluate(() => {
        const d = window.__tc.canvas(document.getElementById("light")).getContext("2d").getImageData(2, 2, 1, 1).data;
        return 0.2126 * d[0] + 0.7152 * d[1] + 0.0722 * d[2];
      });
    const before = await lum();
    await p.page.evaluate(() => {
      document.documentElement.dataset.theme = "dark";
    });
    try {
      await p.page.waitForTimeout(300);
      await nextFrames(p.page, 3);
      const after = await lum();
      assert.ok(before > 200 && after < 60, `background luminance ${before} → ${after} after <html data-theme="dark"> (mount() charts turn dark; see Chart.prefersDark, which cannot see past the shadow root)`);
    } finally {
      await p.page.evaluate(() => delete document.documentElement.dataset.theme);
      await nextFrames(p.page, 3);
    }
  });

  test("no console errors or CSP violations", async () => {
    assert.deepEqual(await violations(p.page), []);
    assertClean(p);
  });

  test("a drag across a <trade-chart> (inside its shadow root) zooms; double-click resets", async () => {
    const { page } = p;
    await page.evaluate(() => document.getElementById("light").scrollIntoView({ block: "center", behavior: "instant" }));
    await nextFrames(page, 2);
    const full = await page.evaluate(() => document.getElementById("light").chart.getView());
    const plot = await page.evaluate(() => {
      const el = document.getElementById("light");
      const [x, y, w, h] = Array.from(el.chart.handle.plotArea());
      const r = el.chart.canvas.getBoundingClientRect();
      return { x: r.left + x, y: r.top + y, w, h };
    });
    const y = plot.y + plot.h * 0.6;
    await page.mouse.move(plot.x + plot.w * 0.2, y);
    await page.mouse.down();
    await page.mouse.move(plot.x + plot.w * 0.6, y, { steps: 12 });
    await page.mouse.up();
    await nextFrames(page, 2);
    const zoomed = await page.evaluate(() => document.getElementById("light").chart.getView());
    assert.ok(zoomed.to - zoomed.from < full.to - full.from, `a drag inside the shadow root did not zoom: ${JSON.stringify({ full, zoomed })}`);
    await page.mouse.dblclick(plot.x + plot.w * 0.5, y);
    await nextFrames(page, 2);
    assert.deepEqual(await page.evaluate(() => document.getElementById("light").chart.getView()), full, "double-click did not reset the view");
  });

  test("inline JSON is parsed in Rust: a syntax error names its line and column; height overrides it", async () => {
    const r = await p.page.evaluate(async () => {
      const make = (json, attrs = {}) => {
        const el = document.createElement("trade-chart");
        for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
        const script = document.createElement("script");
        script.type = "application/json";
        script.textContent = json;
        el.append(script);
        document.getElementById("content").append(el);
        const settled = new Promise((resolve) => {
          el.addEventListener("ready", () => resolve({ ok: true }), { once: true });
          el.addEventListener("error", (e) => resolve({ ok: false, code: e.detail.error.code, message: e.detail.error.message }), { once: true });
          setTimeout(() => resolve({ ok: false, message: "no event within 10 s" }), 10000);
        });
        el.scrollIntoView({ block: "center", behavior: "instant" });
        return settled.then((out) => {
          out.shown = el.shadowRoot?.textContent ?? "";
          out.height = el.chart ? el.chart.canvas.getBoundingClientRect().height : null;
          el.remove();
          return out;
        });
      };
      const broken = await make('{\n  "series": [\n    {"name": "A" "data": [["2023", 1]]}\n  ]\n}');
      const tall = await make('{"series": [{"name": "A", "data": [["2022", 1], ["2023", 2]]}]}', { height: "333" });
      return { broken, tall };
    });
    {
      const b = r.broken;
      assert.equal(b.ok, false, "a spec with a missing comma was drawn");
      assert.equal(b.code, "invalid-json");
      assert.match(b.message, /line 3 column \d+/, `the error does not name the line and column: ${b.message}`);
      assert.ok(b.shown.includes("line 3"), `the widget does not show the error: ${b.shown}`);
    }
    assert.equal(r.tall.ok, true, `a valid inline spec failed: ${r.tall.message}`);
    assert.ok(Math.abs(r.tall.height - 333) <= 1, `height="333" gave a canvas ${r.tall.height}px tall`);
  });
});

describe("host CSS cannot break the <trade-chart> element", () => {
  for (const profile of [
    { name: "desktop", opts: { width: 1280, height: 900, deviceScaleFactor: 1 } },
    { name: "phone", opts: { width: 390, height: 844, deviceScaleFactor: 3, isMobile: true, hasTouch: true } },
  ]) {
    test(`hostile CSS page (${profile.name}): full width, correct backing store, drawn`, async () => {
      const p = await openPage(browser, `${server.url}test/embed-hostile.html`, profile.opts);
      try {
        await waitForCharts(p.page, 1);
        await nextFrames(p.page, 2);
        const [m] = await measureCharts(p.page, { selector: "#hostile" });
        const layout = await p.page.evaluate(() => {
          const el = document.getElementById("hostile");
          const body = getComputedStyle(document.body);
          const button = el.shadowRoot.querySelector("button");
          return {
            bodyContent: document.body.clientWidth - parseFloat(body.paddingLeft) - parseFloat(body.paddingRight),
            buttonFont: button ? getComputedStyle(button).fontSize : null,
            tableDisplay: getComputedStyle(el.shadowRoot.querySelector(".tc-table")).display,
          };
        });
        const info = JSON.stringify({ m, layout });
        assert.equal(m.state, "ready", info);
        const cv = m.canvases[0];
        assert.ok(cv, `no canvas in the shadow root: ${info}`);
        assert.ok(Math.abs(cv.cssWidth - m.hostContentWidth) <= 2, `canvas ${cv.cssWidth}px does not fill the element's ${m.hostContentWidth}px: ${info}`);
        // The element's own padding (30px each side from `*`) is the only thing the host changes.
        assert.ok(cv.cssWidth >= layout.bodyContent - 60 - 2, `canvas ${cv.cssWidth}px narrower than the column ${layout.bodyContent}px: ${info}`);
        assert.equal(cv.width, Math.round(cv.cssWidth * m.dpr), info);
        assert.equal(cv.height, Math.round(cv.cssHeight * m.dpr), info);
        assert.ok(cv.cssHeight > 150, info);
        const pl = cv.plots[0];
        assert.ok(pl && pl.drawn / pl.total > MIN_DRAWN_FRACTION && pl.colours >= 2, `plot not drawn: ${info}`);
        assert.equal(layout.buttonFont, "12px", `host CSS reached the chart's buttons: ${info}`);
        assertClean(p);
      } finally {
        await p.close();
      }
    });
  }
});

/** The Makefile's FALLBACK_CONTROLS_PX: the buttons' row a fallback image holds below the chart. */
const FALLBACK_CONTROLS_PX = Number(/^FALLBACK_CONTROLS_PX := (\d+)$/m.exec(fs.readFileSync(path.join(REPO, "Makefile"), "utf8"))?.[1]);

/** An SVG from the renderer with `px` more background at the bottom (trade-chart-render --space-below). */
function withSpaceBelow(svg, px) {
  const height = Number(/^<svg width="\d+" height="(\d+)"/.exec(svg)?.[1]);
  const [header, background, ...rest] = svg.split("\n");
  const grow = (line) => line.replace(`height="${height}"`, `height="${height + px}"`);
  return [grow(header).replace(` ${height}"`, ` ${height + px}"`), grow(background), ...rest].join("\n");
}

/** Width and height of an SVG file's root element. */
function svgSize(file) {
  const m = /^<svg width="(\d+)" height="(\d+)"/.exec(fs.readFileSync(file, "utf8"));
  return m ? [Number(m[1]), Number(m[2])] : null;
}

describe("SVG fallbacks (make fallback)", () => {
  let demo;
  let canvasFacts;

  before(async () => {
    demo = await openPage(browser, server.url, { width: 1280, height: 900 });
    await waitForCharts(demo.page, 6);
    canvasFacts = await demo.page.evaluate(() =>
      Object.fromEntries(
        [...document.querySelectorAll("trade-chart")].map((el) => [
          el.getAttribute("src").replace(/^data\/|\.json$/g, ""),
          { title: el.chart.handle.title(), firstColumn: el.chart.handle.dataTable().rows.map((r) => r[0]) },
        ]),
      ),
    );
  });

  after(async () => {
    await demo?.close();
  });

  test("the demo page uses every spec", () => {
    assert.deepEqual(Object.keys(canvasFacts).sort(), SPECS);
  });

  for (const name of SPECS) {
    test(`${name}: fallback/${name}.svg equals the snapshot, renders, and matches the canvas chart`, async () => {
      const file = path.join(WWW, "fallback", `${name}.svg`);
      assert.ok(fs.existsSync(file), `www/fallback/${name}.svg is missing: run \`make fallback\``);
      const snapshot = path.join(REPO, "tests", "snapshots", `${name}-640-light.svg`);
      const expected = withSpaceBelow(fs.readFileSync(snapshot, "utf8"), FALLBACK_CONTROLS_PX);
      assert.ok(fs.readFileSync(file, "utf8") === expected, `www/fallback/${name}.svg is not tests/snapshots/${name}-640-light.svg with ${FALLBACK_CONTROLS_PX}px below`);
      const phone = fs.readFileSync(path.join(WWW, "fallback", `${name}-phone.svg`), "utf8");
      assert.match(phone, /^<svg width="360" height="\d+"/, `www/fallback/${name}-phone.svg is not 360 px wide`);
      assert.ok(phone.includes(readSpec(name).title.split(" ")[0]), `the phone fallback of ${name} has no title`);

      const spec = readSpec(name);
      const p = await openPage(browser, `${server.url}fallback/${name}.svg`, { width: 800, height: 900 });
      try {
        const svg = await p.page.evaluate(() => {
          const root = document.documentElement;
          const box = root.getBBox();
          return {
            tag: root.localName,
            width: root.width.baseVal.value,
            box: [box.width, box.height],
            texts: [...document.querySelectorAll("text")].map((t) => t.textContent.replace(/\s+/g, " ").trim()).filter(Boolean),
          };
        });
        assert.equal(svg.tag, "svg");
        assert.equal(svg.width, 640);
        assert.ok(svg.box[0] > 600 && svg.box[1] > 300, `nothing drawn: ${JSON.stringify(svg.box)}`);
        const all = svg.texts.join(" ");
        assert.ok(all.includes(spec.title), `title ${JSON.stringify(spec.title)} not among the SVG's text lines:\n${svg.texts.join("\n")}`);
        if (spec.subtitle) assert.ok(all.includes(spec.subtitle), `subtitle missing:\n${svg.texts.join("\n")}`);
        assert.ok(all.includes("Source: "), "no source line");

        // x-axis labels: the years of the data, as the canvas version's data table lists them.
        const years = [...new Set(canvasFacts[name].firstColumn.map((d) => d.slice(0, 4)))];
        const xLabels = [...new Set(svg.texts.filter((t) => /^\d{4}$/.test(t)))];
        assert.deepEqual(xLabels, years, `SVG x-axis labels ${JSON.stringify(xLabels)} ≠ the data's years ${JSON.stringify(years)}`);
        // y-axis values: at least three numeric tick labels besides the years.
        const values = svg.texts.filter((t) => /^[-−]?[$€£¥₽]?[\d.,]+\s?(bn|Mt|%)?$/.test(t) && !/^\d{4}$/.test(t));
        assert.ok(values.length >= 3, `too few axis values in the SVG: ${JSON.stringify(svg.texts)}`);

        assert.equal(canvasFacts[name].title, spec.title, "the canvas chart's title differs from the spec");
        assertClean(p);
      } finally {
        await p.close();
      }
    });
  }

  test("every fallback <img> and <source> in www/ says the size of the SVG it shows", () => {
    const pages = ["index.html", ...fs.readdirSync(path.join(WWW, "test")).filter((f) => f.endsWith(".html")).map((f) => `test/${f}`)];
    const wrong = [];
    let seen = 0;
    for (const page of pages) {
      const html = fs.readFileSync(path.join(WWW, page), "utf8");
      for (const m of html.matchAll(/<(img|source)\s[^>]*?(?:src|srcset)="((?:\.\.\/)?fallback\/[\w-]+\.svg)"[^>]*>/g)) {
        seen++;
        const tag = m[0];
        const declared = [Number(/\swidth="(\d+)"/.exec(tag)?.[1]), Number(/\sheight="(\d+)"/.exec(tag)?.[1])];
        const actual = svgSize(path.join(WWW, path.dirname(page), m[2]));
        if (!actual || declared[0] !== actual[0] || declared[1] !== actual[1]) wrong.push(`${page}: ${m[2]} declared ${declared.join("×")}, is ${actual?.join("×")}`);
      }
    }
    assert.ok(seen >= 12, `only ${seen} fallback images found`);
    assert.deepEqual(wrong, []);
  });

  test("without JavaScript, index.html shows the six fallback images", async () => {
    const p = await newPage(browser, { width: 1280, height: 900, javaScriptEnabled: false });
    try {
      await p.page.goto(server.url, { waitUntil: "load" });
      const imgs = p.page.locator("trade-chart img");
      assert.equal(await imgs.count(), 6);
      for (let i = 0; i < 6; i++) {
        const img = imgs.nth(i);
        await img.scrollIntoViewIfNeeded();
        await p.page.waitForFunction((el) => el.complete && el.naturalWidth > 0, await img.elementHandle(), { timeout: 5000 });
        const box = await img.boundingBox();
        assert.ok(box && box.width > 600 && box.height > 400, `fallback image ${i} is ${JSON.stringify(box)}`);
      }
      assertClean(p);
    } finally {
      await p.close();
    }
  });
});

describe("no cookies, no storage, no third parties", () => {
  for (const url of ["", "test/embed-ways.html"]) {
    test(`${url || "index.html"}: document.cookie is empty, storage is empty, every request goes to 127.0.0.1`, async () => {
      const p = await openPage(browser, server.url + url, { width: 1280, height: 900 });
      try {
        await waitForCharts(p.page, url ? 4 : 6);
        // Use the charts a little: hover, keyboard, the data table.
        await p.page.evaluate(() => {
          const el = document.querySelector("trade-chart");
          el.shadowRoot.querySelector(".tc-stage").focus();
        });
        await p.page.keyboard.press("ArrowRight");
        await p.page.evaluate(() => document.querySelector("trade-chart").shadowRoot.querySelector(".tc-controls button:not([hidden])").click());
        await nextFrames(p.page, 2);
        for (const f of p.page.frames()) {
          const st = await f.evaluate(async () => ({
            cookie: document.cookie,
            local: localStorage.length,
            session: sessionStorage.length,
            idb: indexedDB.databases ? (await indexedDB.databases()).length : 0,
            caches: typeof caches === "undefined" ? 0 : (await caches.keys()).length,
          }));
          assert.deepEqual(st, { cookie: "", local: 0, session: 0, idb: 0, caches: 0 }, f.url());
        }
        assert.deepEqual(await p.context.cookies(), []);
        const elsewhere = p.requests.filter((r) => {
          const u = new URL(r.url);
          if (u.protocol === "data:" || u.protocol === "blob:") return false;
          return u.hostname !== "127.0.0.1";
        });
        assert.deepEqual(elsewhere.map((r) => r.url), []);
        assert.ok(p.requests.length > 3);
        assertClean(p);
      } finally {
        await p.close();
      }
    });
  }
});
