// Reliability tests on www/test/reliability.html (served under the strict CSP): hostile
// text, fetch failures, bad input, failed and racing updates, resize storms, update storms
// with memory and listener bounds, and destroy.
//   node --test tests/e2e/reliability.test.mjs
//
// The page mounts a healthy chart first (window.C.healthy); after every failure the test
// hovers it to prove that the failure broke neither the page nor the shared wasm instance.
// Extra routes under /__rel/ (404, a server that never answers, a wrong content type, a
// stalled body, a CSV) are served by the same test server, so that the page's strict
// `connect-src 'self'` lets the harness fetch them.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  startServerAndBrowser,
  closeServerAndBrowser,
  loadPage,
  assertClean,
  nextFrames,
  globalListeners,
} from "./harness.mjs";

const H1 = '<img src=x onerror="window.__pwned=1">';
const H2 = "</script><script>window.__pwned=2</script>";
const H3 = "javascript:window.__pwned=3";
const FORMULA = '=HYPERLINK("http://evil.example/?q=1","click")';

const TRADE_CSV = "year,Trade (US$ bn)\n2016,69.52\n2017,84.07\n2018,107.06\n2019,110.75\n2020,107.76\n2021,146.89\n2022,190.27\n2023,240.1\n";

// ---------------------------------------------------------------------------------------
// server with test routes

/** Requests seen on /__rel/ routes, and responses deliberately left hanging. */
const seen = [];
const hanging = new Set();

function routeTestPaths(srv) {
  const original = srv.server.listeners("request");
  srv.server.removeAllListeners("request");
  srv.server.on("request", (req, res) => {
    const { pathname } = new URL(req.url, "http://localhost");
    if (!pathname.startsWith("/__rel/")) {
      for (const fn of original) fn.call(srv.server, req, res);
      return;
    }
    seen.push({ path: pathname, cookie: req.headers.cookie ?? null, origin: req.headers.origin ?? null });
    const base = { "Cache-Control": "no-store" };
    switch (pathname) {
      case "/__rel/missing.json":
        res.writeHead(404, { ...base, "Content-Type": "text/plain" });
        return res.end("not found\n");
      case "/__rel/hang.json":
        // Never answers: no status line, no headers.
        hanging.add(res);
        res.on("close", () => hanging.delete(res));
        return;
      case "/__rel/stall-body.json":
        // Answers with headers and the start of the body, then stalls forever.
        res.writeHead(200, { ...base, "Content-Type": "application/json" });
        res.write('{"title": "stalled", "series": [');
        hanging.add(res);
        res.on("close", () => hanging.delete(res));
        return;
      case "/__rel/login.json":
        // What a captive portal or an expired session returns instead of the spec.
        res.writeHead(200, { ...base, "Content-Type": "text/html; charset=utf-8" });
        return res.end("<!doctype html><title>Sign in</title><p>Please sign in</p>");
      case "/__rel/trade.csv":
        res.writeHead(200, { ...base, "Content-Type": "text/csv; charset=utf-8" });
        return res.end(TRADE_CSV);
      default:
        res.writeHead(404, { ...base, "Content-Type": "text/plain" });
        return res.end("no such test route\n");
    }
  });
}

// ---------------------------------------------------------------------------------------
// page helpers

let server;
let browser;

before(async () => {
  ({ server, browser } = await startServerAndBrowser());
  routeTestPaths(server);
});

after(async () => {
  for (const res of hanging) res.destroy();
  await closeServerAndBrowser({ server, browser });
});

async function openPage(opts = {}) {
  const p = await loadPage(browser, `${server.url}test/reliability.html`, { width: 1000, height: 800, deviceScaleFactor: 2, ...opts });
  await p.page.evaluate(() => window.relReady);
  await nextFrames(p.page, 2);
  return p;
}

/** Moves the real mouse onto point (series, index) of chart window.C[key]; returns the tooltip text. */
async function hoverPoint(page, key, series, index) {
  await page.evaluate((k) => {
    window.C[k].stage.scrollIntoView({ block: "center", behavior: "instant" });
  }, key);
  await nextFrames(page, 2);
  const pt = await page.evaluate(
    ([e, s, i]) => {
      const chart = window.C[e];
      const r = chart.stage.getBoundingClientRect();
      const p = Array.from(chart.handle.pointPosition(s, i));
      return p.length === 2 ? { x: r.left + p[0], y: r.top + p[1] } : null;
    },
    [key, series, index],
  );
  assert.ok(pt, `${key}: no position for point ${series}/${index}`);
  await page.mouse.move(pt.x - 3, pt.y);
  await page.mouse.move(pt.x, pt.y, { steps: 2 });
  await nextFrames(page, 3);
  return page.evaluate((e) => {
    const chart = window.C[e];
    return chart.tooltipBox.hidden ? null : chart.tooltipBox.textContent;
  }, key);
}

/** The healthy chart still answers the mouse (tooltip for 2019) and its wasm calls work. */
async function assertHealthyWorks(p, after) {
  const tip = await hoverPoint(p.page, "healthy", 0, 3);
  assert.ok(tip && tip.includes("2019") && tip.includes("Trade"), `after ${after}: the healthy chart's tooltip is ${JSON.stringify(tip)}`);
  const ok = await p.page.evaluate(() => {
    const h = window.C.healthy;
    return h.describe().length > 0 && h.toCSV().startsWith("date,") && h.container.dataset.tcState === "ready" && h.errorBox.hidden;
  });
  assert.ok(ok, `after ${after}: the healthy chart's describe/toCSV/state are wrong`);
  await p.page.mouse.move(1, 1);
  assert.deepEqual(p.pageErrors, [], `after ${after}: page errors`);
}

/** Minimal RFC 4180 parser: rows of cells. */
function parseCSV(text) {
  const rows = [];
  let row = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += c;
  }
  if (cell || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

const HEAP = async (cdp) => {
  await cdp.send("HeapProfiler.collectGarbage");
  await cdp.send("HeapProfiler.collectGarbage");
  const { usedSize } = await cdp.send("Runtime.getHeapUsage");
  return usedSize;
};

const WASM = (page) => page.evaluate(() => window.wasm.memory.buffer.byteLength);

const MB = (b) => `${(b / 1048576).toFixed(2)} MB`;

/** Memory figures measured by the long tests, printed at the end of the run. */
const figures = [];

after(() => {
  if (figures.length) console.log(`reliability memory figures:\n  ${figures.join("\n  ")}`);
});

// ---------------------------------------------------------------------------------------
// 1. hostile text

const YEARS = ["2019", "2020", "2021", "2022", "2023"];
const pts = (k) => YEARS.map((x, i) => [x, (i + 1) * k]);

const HOSTILE_SPEC = {
  title: `Title ${H1}`,
  subtitle: `Subtitle ${H2}`,
  source: `Source ${H3}`,
  notes: `Notes ${H1}`,
  byline: `Byline ${H2}`,
  kind: "line",
  series: [
    { name: `A ${H1}`, unit: { prefix: H3, suffix: H1 }, data: pts(1) },
    { name: FORMULA, data: pts(2) },
    { name: "+SUM(1,2)", data: pts(3) },
    { name: "-2+3", data: pts(4) },
    { name: "@cmd", data: pts(5) },
    { name: H2, data: pts(6) },
  ],
  annotations: [
    { type: "point", series: `A ${H1}`, x: "2022", label: `${H1}${H2}${H3}` },
    { type: "line", x: "2020", label: H2 },
    { type: "range", from: "2020", to: "2021", label: H3 },
  ],
};

describe("hostile text in a spec", () => {
  let p;
  before(async () => {
    p = await openPage();
  });
  after(async () => p?.close());

  test("is never parsed as HTML or script: mount, hover, keyboard, table, CSV, PNG, <trade-chart>, error box", async () => {
    const { page } = p;
    await page.evaluate(async (spec) => {
      window.C.hostile = await window.tc.mount(window.rel.box("hostile"), spec);
    }, HOSTILE_SPEC);
    await nextFrames(page, 2);

    // Hover: the tooltip carries the literal name and unit.
    const tip = await hoverPoint(page, "hostile", 0, 2);
    assert.ok(tip, "no tooltip on the hostile chart");
    assert.ok(tip.includes(`A ${H1}`), `tooltip lacks the literal series name: ${tip}`);
    assert.ok(tip.includes(H3), `tooltip lacks the literal unit prefix: ${tip}`);
    assert.ok(tip.includes(H2), `tooltip lacks the literal series name ${H2}: ${tip}`);

    // Keyboard focus (Tab until the hostile stage has focus), then arrows: the live region.
    let focused = false;
    for (let i = 0; i < 20 && !focused; i++) {
      await page.keyboard.press("Tab");
      focused = await page.evaluate(() => document.activeElement === window.C.hostile.stage);
    }
    assert.ok(focused, "Tab never reached the hostile chart");
    await page.keyboard.press("ArrowRight");
    await nextFrames(page, 2);
    const live = await page.evaluate(() => window.C.hostile.live.textContent);
    assert.ok(live.includes(`A ${H1}`) || live.includes(H2), `live region lacks the literal text: ${JSON.stringify(live)}`);
    await page.keyboard.press("Escape");

    // Show data: the table shows the literal text.
    await page.evaluate(() => window.C.hostile.tableButton.click());
    const table = await page.evaluate(() => ({
      text: document.querySelector("#hostile .tc-table").textContent,
      caption: document.querySelector("#hostile .tc-table caption").textContent,
    }));
    for (const want of [`A ${H1}`, FORMULA, H2, "+SUM(1,2)"]) assert.ok(table.text.includes(want), `table lacks ${want}`);
    assert.ok(table.caption.includes(`Title ${H1}`), `caption: ${table.caption}`);

    // Description and accessible name.
    const a11y = await page.evaluate(() => ({
      desc: window.C.hostile.describe(),
      descEl: document.querySelector("#hostile .tc-desc").textContent,
      label: window.C.hostile.stage.getAttribute("aria-label"),
    }));
    assert.ok(a11y.desc.includes(`A ${H1}`) && a11y.descEl.includes(`A ${H1}`), `description: ${a11y.desc}`);
    assert.equal(a11y.label, `Title ${H1}`);

    // CSV: header cells starting with = + - @ are defused with a leading ' and quoted as needed.
    const csv = await page.evaluate(() => window.C.hostile.toCSV());
    assert.ok(csv.includes(`"'=HYPERLINK(""http://evil.example/?q=1"",""click"")"`), `CSV header does not defuse the formula:\n${csv.split("\n")[0]}`);
    const header = parseCSV(csv)[0];
    assert.ok(header.includes(`'${FORMULA}`), `header: ${JSON.stringify(header)}`);
    assert.ok(header.includes("'+SUM(1,2)"), `header: ${JSON.stringify(header)}`);
    assert.ok(header.includes("'-2+3"), `header: ${JSON.stringify(header)}`);
    assert.ok(header.includes("'@cmd"), `header: ${JSON.stringify(header)}`);
    for (const cell of header) assert.ok(!/^[=+\-@\t\r]/.test(cell), `CSV header cell not defused: ${JSON.stringify(cell)}`);
    for (const row of parseCSV(csv).slice(1)) {
      for (const cell of row) assert.ok(cell === "" || /^-?\d/.test(cell) || /^\d{4}/.test(cell) || !/^[=+\-@]/.test(cell), `CSV cell: ${cell}`);
    }

    // PNG.
    const png = await page.evaluate(async () => {
      const b = await window.C.hostile.toPNG();
      return { type: b.type, size: b.size };
    });
    assert.equal(png.type, "image/png");
    assert.ok(png.size > 1000, `PNG of ${png.size} B`);

    // The custom element (shadow DOM) with the same spec.
    await page.evaluate((spec) => {
      const el = document.createElement("trade-chart");
      el.id = "hostile-el";
      el.spec = spec;
      document.getElementById("work").append(el);
      el.scrollIntoView({ block: "center", behavior: "instant" });
    }, HOSTILE_SPEC);
    await page.waitForFunction(() => document.getElementById("hostile-el").dataset.tcState === "ready", null, { timeout: 10000 });
    const shadowText = await page.evaluate(() => {
      const el = document.getElementById("hostile-el");
      el.chart.toggleTable();
      return el.shadowRoot.querySelector(".tc-table").textContent;
    });
    assert.ok(shadowText.includes(`A ${H1}`), "shadow table lacks the literal name");

    // An error message that quotes a hostile series name.
    const err = await page.evaluate(async (h1) => {
      const box = window.rel.box("hostile-error");
      try {
        await window.tc.mount(box, { series: [{ name: h1, data: [["2020", "n/a"]] }] });
        return null;
      } catch (e) {
        return { code: e.code, message: e.message, shown: box.querySelector('.tc-error[role="alert"]')?.textContent ?? null };
      }
    }, H1);
    assert.ok(err, "a bad point in a hostile series mounted");
    assert.ok(err.shown && err.shown.includes(H1), `error box: ${JSON.stringify(err)}`);

    // Give any injected <img> time to fail loading and fire onerror.
    await page.waitForTimeout(300);
    await nextFrames(page, 2);
    const verdict = await page.evaluate(() => ({
      pwned: typeof window.__pwned === "undefined" ? "undefined" : String(window.__pwned),
      imgs: window.rel.deepQueryAll('img[src="x"]').length,
      anyImg: window.rel.deepQueryAll("img").length,
      scripts: window.rel.deepQueryAll("script").map((s) => s.getAttribute("src")),
      links: window.rel.deepQueryAll("a[href^='javascript' i]").length,
    }));
    assert.deepEqual(verdict, { pwned: "undefined", imgs: 0, anyImg: 0, scripts: ["reliability.js"], links: 0 });
    assertClean(p);
  });
});

// ---------------------------------------------------------------------------------------
// 2. fetch

describe("fetching a spec by URL", () => {
  let p;
  before(async () => {
    p = await openPage();
    await p.context.addCookies([{ name: "tcsession", value: "s3cret", url: server.url }]);
  });
  after(async () => p?.close());

  const mountUrl = (page, id, url, options) =>
    page.evaluate(
      async ([boxId, u, opts]) => {
        const box = window.rel.box(boxId);
        const t0 = performance.now();
        try {
          const chart = await window.tc.mount(box, u, opts);
          return { ok: true, ms: performance.now() - t0, state: box.dataset.tcState, names: Array.from(chart.handle.seriesNames()), csv: chart.toCSV() };
        } catch (e) {
          const alert = box.querySelector('.tc-error[role="alert"]');
          return { ok: false, ms: performance.now() - t0, name: e.name, code: e.code, message: e.message, alert: alert ? alert.textContent : null, state: box.dataset.tcState };
        }
      },
      [id, url, options],
    );

  test("404: rejects with code 'fetch' naming the URL and the status, shown in the container", async () => {
    const r = await mountUrl(p.page, "f404", "/__rel/missing.json");
    assert.equal(r.ok, false);
    assert.equal(r.name, "TradeChartError");
    assert.equal(r.code, "fetch");
    assert.match(r.message, /\/__rel\/missing\.json/);
    assert.match(r.message, /404/);
    assert.ok(r.alert && r.alert.includes(r.message), `alert: ${r.alert}`);
    assert.equal(r.state, "error");
    await assertHealthyWorks(p, "a 404");
  });

  test("a server that never answers: rejects after fetchTimeoutMs (1 s) with 'no answer after 1 s'", async () => {
    const r = await mountUrl(p.page, "fhang", "/__rel/hang.json", { fetchTimeoutMs: 1000 });
    assert.equal(r.ok, false);
    assert.equal(r.code, "fetch");
    assert.match(r.message, /no answer after 1 s/);
    assert.match(r.message, /\/__rel\/hang\.json/);
    assert.ok(r.ms >= 900 && r.ms < 2000, `rejected after ${Math.round(r.ms)} ms`);
    assert.ok(r.alert && r.alert.includes("no answer after 1 s"), `alert: ${r.alert}`);
    await assertHealthyWorks(p, "a timeout");
  });

  test("a server that sends headers then stalls the body: still rejects after fetchTimeoutMs", async () => {
    const pending = mountUrl(p.page, "fstall", "/__rel/stall-body.json", { fetchTimeoutMs: 1000 });
    pending.catch(() => {}); // settles (or is cut off by the page closing) after the test when it hangs
    const r = await Promise.race([
      pending,
      new Promise((resolve) => setTimeout(() => resolve({ pending: true }), 4000)),
    ]);
    assert.ok(!r.pending, "mount() was still pending 4 s after a 1 s fetchTimeoutMs: the timeout stops at the headers and response.text() is unbounded");
    assert.equal(r.ok, false);
    assert.equal(r.code, "fetch");
    assert.match(r.message, /stall-body\.json/);
    assert.ok(r.ms < 2500, `rejected after ${Math.round(r.ms)} ms`);
  });

  test("wrong content type (text/html): a clear error naming the URL and the type", async () => {
    const r = await mountUrl(p.page, "fhtml", "/__rel/login.json");
    assert.equal(r.ok, false);
    assert.equal(r.code, "fetch");
    assert.match(r.message, /\/__rel\/login\.json/);
    assert.match(r.message, /text\/html/);
    assert.ok(r.alert && r.alert.includes("text/html"), `alert: ${r.alert}`);
    await assertHealthyWorks(p, "a text/html answer");
  });

  test("a CSV URL mounts; every fetch used credentials 'same-origin' and sent the same-origin cookie", async () => {
    const r = await mountUrl(p.page, "fcsv", "/__rel/trade.csv");
    assert.equal(r.ok, true, JSON.stringify(r));
    assert.equal(r.state, "ready");
    assert.deepEqual(r.names, ["Trade"]);
    assert.match(r.csv, /^2023,240\.1$/m);

    const log = await p.page.evaluate(() => window.fetchLog.filter((f) => f.url.includes("/__rel/")));
    assert.ok(log.length >= 5, `fetch log: ${JSON.stringify(log)}`);
    for (const f of log) {
      assert.equal(f.credentials, "same-origin", `fetch(${f.url}) used credentials ${f.credentials}`);
      assert.ok(f.hasSignal, `fetch(${f.url}) had no AbortSignal`);
    }
    const csvReq = seen.filter((s) => s.path === "/__rel/trade.csv");
    assert.ok(csvReq.length === 1 && /tcsession=s3cret/.test(csvReq[0].cookie || ""), `CSV request: ${JSON.stringify(csvReq)}`);
    // The only problems the page saw are the ones provoked here.
    assertClean(p, { allow: /__rel\/(missing|hang|stall-body)\.json|status of 404/ });
  });
});

// ---------------------------------------------------------------------------------------
// 3. bad input


const ERROR_CASES = [
  { name: "empty", message: /"series" is required/ },
  { name: "no-series", message: /series is empty/ },
  { name: "nan-plain-y", message: /"S" point 2\b.*NaN/ },
  { name: "nan-data", message: /"S" point 1\b.*NaN/ },
  { name: "inf-plain-y", message: /"S" point 3\b.*Infinity/ },
  { name: "nan-long-plain", message: /"Long" point 12345\b.*NaN/ },
  { name: "inf-long-plain", message: /"Long" point 15000\b.*-Infinity/ },
  { name: "f64-x-inf", message: /"Bad x" point 3\b.*x is Infinity/ },
  { name: "string-y", message: /"S" point 1\b.*"2"/ },
  { name: "string-data", message: /"S" point 1\b.*"n\/a"/ },
  { name: "string-height", message: /height is "400"/ },
  { name: "mismatch-typed", message: /Short/, code: "length-mismatch" },
];

describe("bad input in the browser", () => {
  let p;
  before(async () => {
    p = await openPage({ width: 1000, height: 800, deviceScaleFactor: 1 });
    await p.page.evaluate(async () => {
      window.victim = await window.tc.mount(window.rel.box("victim"), window.tradeSpec);
    });
  });
  after(async () => p?.close());

  for (const c of ERROR_CASES) {
    test(`${c.name}: an error naming the problem, thrown and shown by mount and update, no trap`, async () => {
      const r = await p.page.evaluate(
        async (name) => {
          const make = window.rel.build;
          const box = window.rel.box(`bad-${name}`);
          const out = {};
          try {
            const chart = await window.tc.mount(box, make(name));
            out.mount = { ok: true, state: box.dataset.tcState };
            chart.destroy();
          } catch (e) {
            const alert = box.querySelector('.tc-error[role="alert"]');
            out.mount = { ok: false, name: e.name, code: e.code, message: e.message, alert: alert && !alert.hidden ? alert.textContent : null, state: box.dataset.tcState };
          }
          box.remove();
          const before = window.victim.toCSV();
          try {
            window.victim.update(make(name));
            out.update = { ok: true };
          } catch (e) {
            const eb = window.victim.errorBox;
            out.update = { ok: false, name: e.name, code: e.code, message: e.message, shown: eb.hidden ? null : eb.textContent, role: eb.getAttribute("role"), kept: window.victim.toCSV() === before };
          }
          return out;
        },
        c.name,
      );
      for (const [path, got] of Object.entries(r)) {
        assert.equal(got.ok, false, `${path}(${c.name}) succeeded: ${JSON.stringify(got)}`);
        assert.equal(got.name, "TradeChartError", `${path}: ${JSON.stringify(got)}`);
        assert.equal(typeof got.code, "string", `${path}: no code: ${JSON.stringify(got)}`);
        if (c.code) assert.equal(got.code, c.code, `${path}: ${got.message}`);
        assert.doesNotMatch(got.message, /unreachable|RuntimeError|panicked|recursive use|null pointer/i, `${path}: a trap`);
        assert.match(got.message, c.message, `${path}: message does not name the problem`);
      }
      assert.ok(r.mount.alert && r.mount.alert.includes(r.mount.message), `mount error not shown: ${JSON.stringify(r.mount)}`);
      assert.equal(r.mount.state, "error");
      assert.equal(r.update.shown, r.update.message, `update error not shown in the error box: ${JSON.stringify(r.update)}`);
      assert.equal(r.update.role, "alert");
      assert.ok(r.update.kept, "a failed update changed the chart's data");
      await p.page.evaluate(() => window.victim.update(window.tradeSpec));
      await assertHealthyWorks(p, c.name);
    });
  }

  /** Mounts a case that must render; returns what the test checks. */
  const mountOk = (name, width) =>
    p.page.evaluate(
      async ([n, w]) => {
        const make = window.rel.build;
        const box = window.rel.box(`ok-${n}`, w);
        const t0 = performance.now();
        let chart;
        try {
          chart = await window.tc.mount(box, make(n));
        } catch (e) {
          return { ok: false, message: `${e.name}/${e.code}: ${e.message}` };
        }
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        window.C[n] = chart;
        const c = chart.canvas;
        const rect = c.getBoundingClientRect();
        return {
          ok: true,
          ms: performance.now() - t0,
          state: box.dataset.tcState,
          errorShown: !chart.errorBox.hidden,
          drawn: window.rel.drawnShare(c),
          backing: [c.width, c.height],
          css: [rect.width, rect.height],
          dpr: devicePixelRatio,
          renderCount: chart.renderCount,
          pageOverflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
          boxOverflow: box.scrollWidth - box.clientWidth,
        };
      },
      [name, width],
    );

  const assertDrawn = (r, name) => {
    assert.equal(r.ok, true, `${name}: ${r.message}`);
    assert.equal(r.state, "ready");
    assert.equal(r.errorShown, false);
    assert.ok(r.renderCount >= 1, `${name}: renderCount ${r.renderCount}`);
    assert.ok(r.drawn > 0.002, `${name}: plot area ${(r.drawn * 100).toFixed(2)}% drawn`);
    assert.equal(r.backing[0], Math.round(r.css[0] * r.dpr), `${name}: backing width`);
    assert.equal(r.backing[1], Math.round(r.css[1] * r.dpr), `${name}: backing height`);
    assert.ok(r.pageOverflow <= 0, `${name}: the page overflows horizontally by ${r.pageOverflow}px`);
  };

  test("Float64Array y with NaN: a gap, the chart renders", async () => {
    const r = await mountOk("f64-y-nan");
    assertDrawn(r, "f64-y-nan");
    const csv = await p.page.evaluate(() => window.C["f64-y-nan"].toCSV());
    const rows = csv.trim().split("\n");
    assert.equal(rows.length, 51);
    assert.equal(rows[21].split(",")[1], "", `a NaN in a typed y column should be an empty (gap) cell: ${rows[21]}`);
    await assertHealthyWorks(p, "f64-y-nan");
  });

  test("1000 series render", async () => {
    const r = await mountOk("1000-series");
    assertDrawn(r, "1000-series");
    const n = await p.page.evaluate(() => window.C["1000-series"].handle.seriesNames().length);
    assert.equal(n, 1000);
    assert.ok(r.ms < 5000, `1000 series took ${Math.round(r.ms)} ms`);
    await p.page.evaluate(() => window.C["1000-series"].destroy());
    await assertHealthyWorks(p, "1000 series");
  });

  test("a 10,000-character title renders, wrapped, without horizontal overflow", async () => {
    const title = await p.page.evaluate(() => window.rel.build("long-title").title.length);
    assert.equal(title, 10000);
    const short = await mountOk("short-title", 600);
    const long = await mountOk("long-title", 600);
    assertDrawn(long, "long-title");
    assert.ok(long.css[0] <= 600, `canvas ${long.css[0]}px wide in a 600px box`);
    assert.ok(long.boxOverflow <= 0, `the box overflows by ${long.boxOverflow}px`);
    assert.ok(long.css[1] > short.css[1] + 100, `the long title did not wrap: heights ${short.css[1]} vs ${long.css[1]}`);
    await assertHealthyWorks(p, "a long title");
  });

  test("RTL and CJK labels render; the tooltip shows them literally", async () => {
    const r = await mountOk("rtl-cjk", 700);
    assertDrawn(r, "rtl-cjk");
    const tip = await hoverPoint(p.page, "rtl-cjk", 1, 2);
    assert.ok(tip, "no tooltip");
    assert.ok(tip.includes("原油进口"), `tooltip: ${tip}`);
    assert.ok(tip.includes("التجارة") && tip.includes("סחר"), `tooltip lacks the RTL names: ${tip}`);
    assert.ok(tip.includes("2021"), `tooltip lacks the date: ${tip}`);
    const table = await p.page.evaluate(() => document.querySelector("#ok-rtl-cjk .tc-table").textContent);
    assert.ok(table.includes("原油进口") && table.includes("التجارة"), "table lacks the names");
    await p.page.mouse.move(1, 1);
    await assertHealthyWorks(p, "RTL/CJK");
    assertClean(p);
  });
});

// ---------------------------------------------------------------------------------------
// 4–7. updates, resizes, destroy

const specA = {
  title: "Alpha",
  series: [{ name: "Alpha", decimals: 1, data: [["2016", 1.5], ["2017", 2.5], ["2018", 3.5], ["2019", 4.5]] }],
};
const specB = {
  title: "Beta",
  kind: "bar",
  series: [{ name: "Beta", decimals: 1, data: [["2010", 10.5], ["2011", 20.5], ["2012", 30.5], ["2013", 40.5], ["2014", 50.5], ["2015", 60.5]] }],
};
const specC = {
  title: "Gamma",
  series: [{ name: "Gamma", decimals: 1, data: [["2000", 7], ["2001", 8], ["2002", 9]] }],
};

describe("updates, resizes and destroy", () => {
  let p;
  let cdp;
  before(async () => {
    p = await openPage();
    cdp = await p.context.newCDPSession(p.page);
    await p.page.evaluate((s) => {
      window.specs = s;
    }, { A: specA, B: specB, C: specC });
  });
  after(async () => p?.close());

  const listeners = () => globalListeners(cdp);

  test("a failed update throws, shows the error above the unchanged last good chart; a good update clears it", async () => {
    const { page } = p;
    await page.evaluate(async () => {
      window.u = await window.tc.mount(window.rel.box("upd", 640), window.specs.A);
    });
    await nextFrames(page, 2);
    const before = await page.evaluate(() => window.rel.digest(window.u.canvas));
    const r = await page.evaluate(() => {
      const u = window.u;
      let err = null;
      try {
        u.update({ series: [{ name: "Alpha", data: [["2016", "oops"]] }] });
      } catch (e) {
        err = { name: e.name, code: e.code, message: e.message };
      }
      return { err, hidden: u.errorBox.hidden, text: u.errorBox.textContent };
    });
    assert.ok(r.err, "update(bad) did not throw");
    assert.equal(r.err.name, "TradeChartError");
    assert.equal(r.hidden, false);
    assert.equal(r.text, r.err.message);
    await nextFrames(page, 3);
    const after = await page.evaluate(() => {
      const u = window.u;
      const eb = u.errorBox.getBoundingClientRect();
      const cv = u.canvas.getBoundingClientRect();
      return {
        digest: window.rel.digest(u.canvas),
        errorBottom: eb.bottom,
        canvasTop: cv.top,
        order: u.errorBox.compareDocumentPosition(u.canvas) & Node.DOCUMENT_POSITION_FOLLOWING,
        role: u.errorBox.getAttribute("role"),
        visible: eb.height > 0 && getComputedStyle(u.errorBox).display !== "none",
        title: u.stage.getAttribute("aria-label"),
        state: u.container.dataset.tcState,
      };
    });
    assert.deepEqual(after.digest, before, "the canvas changed after a failed update");
    assert.ok(after.visible && after.role === "alert");
    assert.ok(after.order, "the error box is not before the canvas");
    assert.ok(after.errorBottom <= after.canvasTop + 0.5, `error box bottom ${after.errorBottom} > canvas top ${after.canvasTop}`);
    assert.equal(after.title, "Alpha");
    assert.equal(after.state, "ready");

    const cleared = await page.evaluate(async () => {
      const u = window.u;
      u.update(window.specs.B);
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      return { hidden: u.errorBox.hidden, text: u.errorBox.textContent, title: u.stage.getAttribute("aria-label"), drawn: window.rel.drawnShare(u.canvas) };
    });
    assert.deepEqual({ hidden: cleared.hidden, text: cleared.text, title: cleared.title }, { hidden: true, text: "", title: "Beta" });
    assert.ok(cleared.drawn > 0.01);
    assertClean(p);
  });

  test("two updates in one frame, and an update while a resize is pending, end consistent", async () => {
    const { page } = p;
    const r = await page.evaluate(async () => {
      const u = window.u;
      const frame = () => new Promise((res) => requestAnimationFrame(() => requestAnimationFrame(res)));
      await frame();
      const rc0 = u.renderCount;
      u.update(window.specs.A);
      u.update(window.specs.C);
      await frame();
      const twice = {
        delta: u.renderCount - rc0,
        title: u.stage.getAttribute("aria-label"),
        table: [...u.tableWrap.querySelectorAll("tbody tr")].map((tr) => [...tr.children].slice(0, 2).map((c) => c.textContent)),
        csv: u.toCSV(),
      };
      // Resize then update in the same task: the ResizeObserver has not run yet.
      const rc1 = u.renderCount;
      u.container.style.width = "500px";
      u.update(window.specs.B);
      await frame();
      await frame();
      const rect = u.canvas.getBoundingClientRect();
      const resized = {
        delta: u.renderCount - rc1,
        title: u.stage.getAttribute("aria-label"),
        backing: [u.canvas.width, u.canvas.height],
        css: [rect.width, rect.height],
        drawn: window.rel.drawnShare(u.canvas),
        plot: u.canvas.dataset.plot,
      };
      // Resize then a failed update: the last good chart is redrawn at the new size.
      u.container.style.width = "420px";
      let threw = false;
      try {
        u.update({ series: [] });
      } catch {
        threw = true;
      }
      await frame();
      await frame();
      const rect2 = u.canvas.getBoundingClientRect();
      const failed = { threw, title: u.stage.getAttribute("aria-label"), backing: [u.canvas.width, u.canvas.height], css: [rect2.width, rect2.height], error: !u.errorBox.hidden };
      u.update(window.specs.B);
      return { twice, resized, failed, dpr: devicePixelRatio };
    });
    assert.ok(r.twice.delta >= 1 && r.twice.delta <= 3, `two updates in a frame drew ${r.twice.delta} times`);
    assert.equal(r.twice.title, "Gamma");
    assert.deepEqual(r.twice.table, [["2000", "7"], ["2001", "8"], ["2002", "9"]]);
    assert.equal(r.twice.csv, "date,Gamma\n2000,7\n2001,8\n2002,9\n");
    assert.ok(r.resized.delta >= 1 && r.resized.delta <= 3, `update during a pending resize drew ${r.resized.delta} times`);
    assert.equal(r.resized.title, "Beta");
    assert.equal(r.resized.css[0], 500);
    assert.deepEqual(r.resized.backing, [Math.round(500 * r.dpr), Math.round(r.resized.css[1] * r.dpr)]);
    assert.ok(r.resized.drawn > 0.01);
    assert.equal(r.failed.threw, true);
    assert.equal(r.failed.error, true);
    assert.equal(r.failed.title, "Beta");
    assert.deepEqual(r.failed.backing, [Math.round(420 * r.dpr), Math.round(r.failed.css[1] * r.dpr)], "the last good chart was not redrawn at the new size after a failed update");
    assertClean(p);
  });

  test("resize to 0×0 and back: no error, redrawn at the restored size", async () => {
    const { page } = p;
    const r = await page.evaluate(async () => {
      const frame = () => new Promise((res) => requestAnimationFrame(() => requestAnimationFrame(res)));
      const z = await window.tc.mount(window.rel.box("zero", 640), window.specs.B);
      window.z = z;
      await frame();
      const box = z.container;
      const start = { rc: z.renderCount, backing: [z.canvas.width, z.canvas.height] };
      Object.assign(box.style, { width: "0px", height: "0px", overflow: "hidden" });
      await frame();
      await frame();
      const zero = { rc: z.renderCount, state: box.dataset.tcState, error: !z.errorBox.hidden };
      Object.assign(box.style, { width: "720px", height: "", overflow: "" });
      await frame();
      await frame();
      const rect = z.canvas.getBoundingClientRect();
      return {
        start,
        zero,
        end: { rc: z.renderCount, backing: [z.canvas.width, z.canvas.height], css: [rect.width, rect.height], drawn: window.rel.drawnShare(z.canvas), error: !z.errorBox.hidden, state: box.dataset.tcState, preferred: Math.round(z.handle.preferredHeight(720)) },
        dpr: devicePixelRatio,
      };
    });
    assert.equal(r.zero.error, false);
    assert.equal(r.zero.state, "ready");
    assert.ok(r.end.rc > r.zero.rc, `not redrawn after the restore (renderCount ${r.zero.rc} → ${r.end.rc})`);
    assert.equal(r.end.css[0], 720);
    assert.equal(r.end.css[1], r.end.preferred);
    assert.deepEqual(r.end.backing, [720 * r.dpr, r.end.preferred * r.dpr]);
    assert.ok(r.end.drawn > 0.01, `plot ${(r.end.drawn * 100).toFixed(2)}% drawn`);
    assert.equal(r.end.error, false);
    assertClean(p);
  });

  test("1,000 resizes: wasm memory, JS heap and window/document listeners stay flat", async () => {
    const { page } = p;
    const storm = (n, offset) =>
      page.evaluate(
        async ([count, off]) => {
          const z = window.z;
          const rc0 = z.renderCount;
          for (let i = 0; i < count; i++) {
            z.container.style.width = `${300 + (((i + off) * 37) % 601)}px`;
            if (i % 4 === 3) await new Promise((r) => requestAnimationFrame(r));
          }
          await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
          const rect = z.canvas.getBoundingClientRect();
          return { renders: z.renderCount - rc0, width: z.container.clientWidth, backing: [z.canvas.width, z.canvas.height], css: [rect.width, rect.height] };
        },
        [n, offset],
      );
    await storm(200, 0); // warm-up
    const l0 = await listeners();
    const wasm0 = await WASM(page);
    const heap0 = await HEAP(cdp);
    const t0 = Date.now();
    const r = await storm(1000, 200);
    const ms = Date.now() - t0;
    const wasm1 = await WASM(page);
    const heap1 = await HEAP(cdp);
    const l1 = await listeners();
    figures.push(`1,000 resizes (${r.renders} renders, ${ms} ms): wasm ${MB(wasm0)} → ${MB(wasm1)}; JS heap ${MB(heap0)} → ${MB(heap1)}; listeners ${JSON.stringify(l0)} → ${JSON.stringify(l1)}`);
    assert.ok(r.renders > 100, `only ${r.renders} renders during 1,000 resizes`);
    const dpr = await page.evaluate(() => devicePixelRatio);
    assert.equal(r.css[0], r.width);
    assert.deepEqual(r.backing, [Math.round(r.width * dpr), Math.round(r.css[1] * dpr)]);
    assert.ok(wasm1 <= wasm0 * 1.2, `wasm memory grew ${MB(wasm0)} → ${MB(wasm1)}`);
    assert.ok(heap1 <= heap0 * 1.2, `JS heap grew ${MB(heap0)} → ${MB(heap1)}`);
    assert.deepEqual(l1, l0, "listeners on window/document changed");
    assertClean(p);
  });

  test("10,000 updates (100 per frame): memory flat, the final chart matches the last spec", async () => {
    const { page } = p;
    const storm = (n) =>
      page.evaluate(async (count) => {
        const u = window.u;
        const { A, B } = window.specs;
        const rc0 = u.renderCount;
        for (let i = 0; i < count; i++) {
          u.update(i % 2 ? B : A);
          if (i % 100 === 99) await new Promise((r) => requestAnimationFrame(r));
        }
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        return { renders: u.renderCount - rc0 };
      }, n);
    // Only the healthy chart and the one being updated stay on the page.
    await page.evaluate(() => {
      window.z.destroy();
      for (const el of document.querySelectorAll("#work > :not(#upd)")) el.remove();
    });
    await storm(500); // warm-up
    const l0 = await listeners();
    const wasm0 = await WASM(page);
    const heap0 = await HEAP(cdp);
    const t0 = Date.now();
    const r = await storm(10000);
    const ms = Date.now() - t0;
    const wasm1 = await WASM(page);
    const heap1 = await HEAP(cdp);
    const l1 = await listeners();
    figures.push(`10,000 updates (${r.renders} renders, ${ms} ms): wasm ${MB(wasm0)} → ${MB(wasm1)}; JS heap ${MB(heap0)} → ${MB(heap1)}; listeners ${JSON.stringify(l0)} → ${JSON.stringify(l1)}`);
    const final = await page.evaluate(() => {
      const u = window.u;
      return {
        title: u.stage.getAttribute("aria-label"),
        caption: u.tableWrap.querySelector("caption").textContent,
        headers: [...u.tableWrap.querySelectorAll("thead th")].map((th) => th.textContent),
        rows: [...u.tableWrap.querySelectorAll("tbody tr")].map((tr) => [...tr.children].slice(0, 2).map((c) => c.textContent)),
        csv: u.toCSV(),
        names: Array.from(u.handle.seriesNames()),
        drawn: window.rel.drawnShare(u.canvas),
      };
    });
    assert.equal(final.title, "Beta");
    assert.equal(final.caption, "Data: Beta");
    assert.deepEqual(final.names, ["Beta"]);
    assert.deepEqual(final.rows, specB.series[0].data.map(([x, y]) => [x, y.toFixed(1)]));
    assert.equal(final.csv, `date,Beta\n${specB.series[0].data.map(([x, y]) => `${x},${y}`).join("\n")}\n`);
    assert.ok(final.drawn > 0.01);
    assert.ok(wasm1 <= wasm0 * 1.2, `wasm memory grew ${MB(wasm0)} → ${MB(wasm1)}`);
    assert.ok(heap1 <= heap0 * 1.2, `JS heap grew ${MB(heap0)} → ${MB(heap1)}`);
    assert.deepEqual(l1, l0, "listeners on window/document changed");
    assertClean(p);
  });

  test("destroy twice is harmless; every method after destroy throws code 'destroyed'; the container is empty", async () => {
    const r = await p.page.evaluate(async () => {
      const box = window.rel.box("doomed", 500);
      const chart = await window.tc.mount(box, window.specs.A);
      await new Promise((res) => requestAnimationFrame(res));
      chart.destroy();
      let second = null;
      try {
        chart.destroy();
      } catch (e) {
        second = `${e.name}: ${e.message}`;
      }
      const calls = {
        update: () => chart.update(window.specs.B),
        getView: () => chart.getView(),
        setView: () => chart.setView({ from: 0, to: 1 }),
        resetView: () => chart.resetView(),
        describe: () => chart.describe(),
        toCSV: () => chart.toCSV(),
        toPNG: () => chart.toPNG(),
        on: () => chart.on("hover", () => {}),
      };
      const out = {};
      for (const [name, fn] of Object.entries(calls)) {
        try {
          const v = fn();
          if (v && typeof v.then === "function") await v;
          out[name] = "no error";
        } catch (e) {
          out[name] = `${e.name}/${e.code}`;
        }
      }
      await new Promise((res) => requestAnimationFrame(() => requestAnimationFrame(res)));
      return { second, calls: out, children: box.childNodes.length, html: box.innerHTML, state: box.dataset.tcState ?? null, renderCount: chart.renderCount };
    });
    assert.equal(r.second, null, `second destroy threw ${r.second}`);
    assert.deepEqual({ children: r.children, html: r.html, state: r.state }, { children: 0, html: "", state: null });
    const wrong = Object.entries(r.calls).filter(([, got]) => got !== "TradeChartError/destroyed");
    assert.deepEqual(wrong, [], `methods after destroy that did not throw TradeChartError/destroyed: ${JSON.stringify(Object.fromEntries(wrong))}`);
    await assertHealthyWorks(p, "destroy");
    assertClean(p);
  });
});
