// Tests of the gallery (www/gallery.html) and the playground (www/playground.html):
// the error locator and embed helpers in Node, then both pages in headless Chromium under
// the strict Content-Security-Policy.
//   node --test tests/e2e/pages.test.mjs
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import {
  REPO,
  startServerAndBrowser,
  closeServerAndBrowser,
  newPage,
  loadPage,
  canvasPixel,
  ensureScreenshotDir,
  describeProblems,
  nextFrames,
} from "./harness.mjs";
import os from "node:os";
import { pathToFileURL } from "node:url";

// www/playground.js is an ES module served to browsers as .js; imported from Node under
// its own name it would trigger a "module type not specified" warning (package.json has
// no "type"), so the helpers are loaded from a .mjs copy.
const helpersCopy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "tc-playground-")), "playground.mjs");
fs.copyFileSync(path.join(REPO, "www/playground.js"), helpersCopy);
const { detectFormat, lineColumnOf, parseJsonWithPositions, jsonErrorOffset, locateError, shortReason, applyOverrides, jsonForScript, embedSnippet, specFromInput, withDetected } =
  await import(pathToFileURL(helpersCopy).href);

const TRADE_SPEC = fs.readFileSync(path.join(REPO, "www/data/china-russia-trade.json"), "utf8");
const PANELS_SPEC = fs.readFileSync(path.join(REPO, "www/data/trade-vs-crude-panels.json"), "utf8");

/** 1-based line of the first occurrence of `needle` in `text`. */
function lineOfText(text, needle, from = 0) {
  const i = text.indexOf(needle, from);
  assert.ok(i >= 0, `"${needle}" not found`);
  return text.slice(0, i).split("\n").length;
}

/* ------------------------------------------------------------------ helpers, in Node */

describe("playground helpers", () => {
  test("detectFormat looks at the first non-space character", () => {
    assert.equal(detectFormat('  \n{"series": []}'), "json");
    assert.equal(detectFormat("[1]"), "json");
    assert.equal(detectFormat("\uFEFFyear,Trade\n2016,1"), "csv");
    assert.equal(detectFormat("year;Trade"), "csv");
    assert.equal(detectFormat(""), "json");
  });

  test("records paste as data, and detected options go into the embed", () => {
    assert.deepEqual(specFromInput([{ date: "2023", v: 1 }]), { data: [{ date: "2023", v: 1 }] });
    assert.deepEqual(specFromInput({ csv: "a" }), { csv: "a" });
    assert.deepEqual(withDetected({ csv: "x", valueColumn: "close" }, { xColumn: "date", seriesColumn: "symbol" }), {
      csv: "x",
      valueColumn: "close",
      xColumn: "date",
      seriesColumn: "symbol",
    });
    assert.deepEqual(withDetected({ data: [], x: "when" }, { xColumn: "when" }), { data: [], x: "when" });
    const text = '[\n  {"date": "2023-01", "v": 1},\n  {"date": "2023-02", "v": "n/a"}\n]';
    assert.deepEqual(locateError(text, 'data[1].v is "n/a", expected a number or null', "json"), { line: 3, column: 28, what: "point" });
    assert.equal(shortReason('data[1].v is "n/a", expected a number or null'), 'v is "n/a", expected a number or null');
  });

  test("lineColumnOf is 1-based", () => {
    assert.deepEqual(lineColumnOf("ab\ncd", 0), { line: 1, column: 1 });
    assert.deepEqual(lineColumnOf("ab\ncd", 4), { line: 2, column: 2 });
  });

  test("parseJsonWithPositions keeps positions and agrees with JSON.parse", () => {
    const text = '{"a": [1, "x\\"y", {"b": null}], "c": -1.5e3, "d": true}';
    const root = parseJsonWithPositions(text);
    assert.equal(root.type, "object");
    assert.deepEqual(root.entries.map((e) => e.key), ["a", "c", "d"]);
    const arr = root.entries[0].value;
    assert.equal(text.slice(arr.items[1].start, arr.items[1].end), '"x\\"y"');
    assert.equal(arr.items[1].value, 'x"y');
    assert.equal(root.entries[1].value.value, -1500);
    for (const bad of ["{", '{"a" 1}', "[1,]", "{} x", '{"a": tru}', "'a'"]) {
      assert.equal(parseJsonWithPositions(bad), null, bad);
    }
  });

  test('locateError finds `series "X" point N` in the JSON text', () => {
    const text = TRADE_SPEC.replace("240.1", '"n/a"');
    const loc = locateError(text, 'series "Trade" point 7 (2023): y is "n/a", expected a number or null');
    assert.equal(loc.line, lineOfText(text, '"n/a"'));
    assert.equal(loc.column, text.split("\n")[loc.line - 1].indexOf('"n/a"') + 1);
    // Without the "(date)" part too, and the x of a pair.
    assert.equal(locateError(text, 'series "Trade" point 2: x is "x", expected a date').line, lineOfText(text, '"2018"'));
  });

  test("locateError picks the right series among several, and the x/y column form", () => {
    const bad = PANELS_SPEC.replace("83.57", "true");
    assert.equal(
      locateError(bad, 'series "Crude imports" point 4 (2020): y is true, expected a number or null').line,
      lineOfText(bad, "true"),
    );
    const columns = JSON.stringify(
      { series: [{ name: "A", x: ["2020", "2021"], y: [1, 2] }, { name: "B", x: ["2020", "2021"], y: [3, "bad"] }] },
      null,
      2,
    );
    assert.equal(locateError(columns, 'series "B" point 1: y is "bad", expected a number or null').line, lineOfText(columns, '"bad"'));
    const unnamed = '{"series": [\n{"name": "", "data": [\n["2020", 1],\n["2021", "x"]\n]}\n]}';
    assert.equal(locateError(unnamed, 'series 0 point 1: y is "x", expected a number or null').line, 4);
  });

  test("locateError reads syntax errors, CSV lines and field errors", () => {
    assert.deepEqual(locateError("{\n  \"a\": 1,\n}", "the spec is not valid JSON: trailing comma at line 3 column 1"), {
      line: 3,
      column: 1,
      what: "syntax",
    });
    // Chromium's JSON.parse: with a position, or with neither position nor line.
    const broken = '{\n  "series": [\n    ["2020", abc]\n  ]\n}';
    assert.equal(jsonErrorOffset(broken), broken.indexOf("abc"));
    assert.equal(jsonErrorOffset('{"a": 1}'), -1);
    assert.deepEqual(
      locateError(broken, `the spec is not valid JSON: Unexpected token 'a', ..."["2020", abc]\n"... is not valid JSON`),
      { line: 3, column: 14, what: "syntax" },
    );
    assert.equal(locateError(broken, "the spec is not valid JSON: Unexpected token 'a' in JSON at position 31").line, 3);
    assert.deepEqual(
      locateError(broken, "Expected ',' or ']' after array element in JSON at position 31 (line 3 column 14)"),
      { line: 3, column: 14, what: "syntax" },
    );
    const csv = "year,Trade\n2016,1\n2017,abc\n";
    assert.equal(locateError(csv, 'CSV line 3: column "Trade": "abc" is not a number').line, 3);
    const spec = '{\n  "kind": "pie",\n  "series": [{"name": "T",\n    "colour": "#fff", "data": [["2020", 1]]}],\n  "annotations": [\n    {"type": "line",\n     "x": "soon"}\n  ]\n}';
    assert.equal(locateError(spec, 'spec: kind is "pie", expected "line", "area", "bar" or "combo"').line, 2);
    assert.equal(locateError(spec, 'series "T": unknown field "colour" (known fields: name, unit)').line, 4);
    assert.equal(locateError(spec, 'annotation 0: x is "soon", expected a date').line, 7);
    const inCsvField = '{\n  "csv": "year,T\\n2016,x",\n  "series": []\n}';
    assert.equal(locateError(inCsvField, "CSV line 2: bad", "json").line, 2);
    assert.equal(locateError(TRADE_SPEC, "something unrelated"), null);
  });

  test("shortReason keeps what is wrong and drops where", () => {
    assert.equal(shortReason('series "Trade" point 7 (2023): y is "n/a", expected a number or null'), 'y is "n/a", expected a number or null');
    assert.equal(shortReason(`the spec is not valid JSON: Unexpected token 'a', ..."["2020", abc],"... is not valid JSON`), "Unexpected token 'a'");
    assert.equal(shortReason("the spec is not valid JSON: Expected ',' or '}' after property value in JSON at position 312 (line 7 column 3)"), "Expected ',' or '}' after property value");
    assert.equal(shortReason("the spec is not valid JSON: expected `,` or `]` at line 3 column 5"), "expected `,` or `]`");
    assert.equal(shortReason('CSV line 5: column "Trade": "abc" is not a number'), 'column "Trade": "abc" is not a number');
  });

  test("applyOverrides sets view, theme and kind, and a kind wins over per-series kinds", () => {
    const spec = JSON.parse(TRADE_SPEC);
    const out = applyOverrides(spec, { view: "indexed", kind: "line", theme: "dark" });
    assert.equal(out.view, "indexed");
    assert.equal(out.theme, "dark");
    assert.equal(out.kind, "line");
    assert.equal(out.series[0].kind, undefined);
    assert.equal(spec.series[0].kind, "bar", "the input is not changed");
    assert.deepEqual(applyOverrides(spec, {}), spec);
  });

  test("embed code cannot close its script element", () => {
    const spec = { title: "</script><script>alert(1)</script> <!-- x", series: [] };
    const json = jsonForScript(spec);
    assert.ok(!/<\/script/i.test(json) && !json.includes("<!--"), json);
    assert.deepEqual(JSON.parse(json), spec);
    const snippet = embedSnippet(spec, "https://example.org/trade-chart.js");
    assert.equal(snippet.match(/<\/script>/g).length, 2, "only the two real closing tags");
    assert.match(snippet, /^<script type="module" src="https:\/\/example\.org\/trade-chart\.js"><\/script>\n<trade-chart>/);
  });
});

/* ------------------------------------------------------------------ browser */

/** Scrolls every <trade-chart> into view (they load lazily) and waits until none is loading. */
async function settleGallery(page) {
  const charts = page.locator("trade-chart");
  const n = await charts.count();
  for (let i = 0; i < n; i++) await charts.nth(i).scrollIntoViewIfNeeded();
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll("trade-chart")].every((e) => ["ready", "error"].includes(e.dataset.tcState)) &&
      [...document.querySelectorAll("pre[data-spec-for]")].every((p) => p.dataset.text === "loaded"),
    null,
    { timeout: 30000, polling: 100 },
  );
  await page.evaluate(() => window.scrollTo(0, 0));
  await nextFrames(page, 3);
  return n;
}

/** Share of the plot area of each chart's data canvas (inside the shadow root) that is drawn. */
function drawnShares(page) {
  return page.$$eval("trade-chart", (els) =>
    els.map((el) => {
      const canvas = el.shadowRoot?.querySelector("canvas.tc-data");
      if (!canvas || !canvas.dataset.plot) return { src: el.getAttribute("src"), share: 0 };
      const [x, y, w, h] = canvas.dataset.plot.split(",").map(Number);
      const dpr = window.devicePixelRatio;
      const ctx = canvas.getContext("2d", { willReadFrequently: true });
      const bg = ctx.getImageData(0, 0, 1, 1).data;
      const d = ctx.getImageData(Math.round(x * dpr), Math.round(y * dpr), Math.round(w * dpr), Math.round(h * dpr)).data;
      let drawn = 0;
      for (let i = 0; i < d.length; i += 4) {
        if (Math.abs(d[i] - bg[0]) + Math.abs(d[i + 1] - bg[1]) + Math.abs(d[i + 2] - bg[2]) > 12) drawn++;
      }
      return { src: el.getAttribute("src"), share: drawn / (d.length / 4), width: el.getBoundingClientRect().width };
    }),
  );
}

const ERROR_EXAMPLE = "data/gallery/error-bad-value.json";
const EXPECTED_ERROR = 'series "Trade" point 7 (2023): y is "n/a", expected a number or null';

describe("gallery page", () => {
  let server;
  let browser;

  before(async () => {
    ({ server, browser } = await startServerAndBrowser());
  });

  after(() => closeServerAndBrowser({ server, browser }));

  const profiles = [
    { name: "desktop", shot: "gallery-desktop.png", opts: { width: 1280, height: 900 } },
    { name: "phone", shot: "gallery-phone.png", opts: { width: 390, height: 844, deviceScaleFactor: 2, isMobile: true, hasTouch: true } },
  ];

  for (const profile of profiles) {
    test(`${profile.name}: every example is drawn, the error example shows its error`, async () => {
      const p = await loadPage(browser, server.url + "gallery.html", profile.opts);
      try {
        const n = await settleGallery(p.page);
        assert.ok(n >= 22, `expected at least 22 examples, found ${n}`);

        const states = await p.page.$$eval("trade-chart", (els) =>
          els.map((e) => ({ src: e.getAttribute("src"), state: e.dataset.tcState })),
        );
        const wrong = states.filter((s) => s.state !== (s.src === ERROR_EXAMPLE ? "error" : "ready"));
        assert.deepEqual(wrong, [], `unexpected states: ${JSON.stringify(wrong)}\n${describeProblems(p)}`);
        for (const src of ["data/gallery/trade-and-crude.csv", "data/gallery/long-table.csv", "data/gallery/records.json", "data/gallery/daily-events.json", "data/gallery/locale-de-DE.json"]) {
          assert.ok(states.some((s) => s.src === src), `${src} is in the gallery`);
        }

        // The error example: a visible message naming the series, the point and the value.
        const box = p.page.locator(`trade-chart[src="${ERROR_EXAMPLE}"] .tc-error`);
        await box.scrollIntoViewIfNeeded();
        assert.ok(await box.isVisible(), "the error box is visible");
        assert.equal(await box.textContent(), `Chart could not be drawn: ${EXPECTED_ERROR}`);
        // …and its spec has the offending line marked.
        const pre = p.page.locator(`pre[data-spec-for="${ERROR_EXAMPLE}"]`);
        const preText = await pre.evaluate((el) => el.textContent);
        assert.equal(await pre.getAttribute("data-error-line"), String(lineOfText(preText, '"n/a"')));
        assert.equal(await pre.locator(".is-error").textContent(), '        ["2023", "n/a"]\n');

        // Every drawn chart has something in its plot area.
        const shares = await drawnShares(p.page);
        const empty = shares.filter((s) => s.src !== ERROR_EXAMPLE && !(s.share > 0.01));
        assert.deepEqual(empty, [], "charts with an empty plot area");
        if (profile.name === "desktop") {
          const narrow = shares.find((s) => s.src === "data/gallery/narrow.json");
          assert.equal(Math.round(narrow.width), 320, "the narrow example is 320 px wide");
        }

        // Specs are shown, pretty-printed.
        const specs = await p.page.$$eval("pre[data-spec-for]", (els) => els.map((e) => [e.dataset.specFor, e.textContent]));
        assert.equal(specs.length, n);
        for (const [src, text] of specs) {
          if (src.endsWith(".json")) assert.match(text, /^\{\n {2}"/, `${src} is pretty-printed`);
          else assert.match(text, /^year,/, `${src} is shown as CSV`);
        }

        // No horizontal scrolling on the page.
        const overflow = await p.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px`);

        // Console: only the error example's own message, once.
        const expected = p.consoleErrors.filter((m) => m.startsWith(`trade-chart: TradeChartError: ${EXPECTED_ERROR}`));
        const others = p.consoleErrors.filter((m) => !expected.includes(m));
        assert.equal(expected.length, 1, `the error example logs once: ${describeProblems(p)}`);
        assert.deepEqual(others, [], describeProblems(p));
        assert.deepEqual(p.pageErrors, [], describeProblems(p));
        assert.deepEqual(p.failedRequests, [], describeProblems(p));

        await p.page.screenshot({ path: path.join(ensureScreenshotDir(), profile.shot), fullPage: true });
      } finally {
        await p.close();
      }
    });
  }
});

describe("playground page", () => {
  let server;
  let browser;
  let p;
  let page;

  before(async () => {
    ({ server, browser } = await startServerAndBrowser());
    p = await loadPage(browser, server.url + "playground.html", { width: 1280, height: 900 });
    page = p.page;
    await page.waitForSelector("#playground[data-ready]", { timeout: 20000 });
  });

  after(async () => {
    await p?.close();
    await closeServerAndBrowser({ server, browser });
  });

  const editorValue = () => page.$eval("#pg-input", (t) => t.value);
  const renders = async () => Number(await page.getAttribute("#playground", "data-renders"));
  const snapshot = () =>
    page.evaluate(() => ({
      pixels: document.querySelector("#pg-chart canvas.tc-data").toDataURL(),
      table: document.querySelector("#pg-chart .tc-table").textContent,
    }));
  /** Replaces the first `from` in the editor by typing `to` over it. */
  async function typeOver(from, to) {
    const text = await editorValue();
    const i = text.indexOf(from);
    assert.ok(i >= 0, `"${from}" is in the editor`);
    await page.$eval("#pg-input", (t, [a, b]) => {
      t.focus();
      t.setSelectionRange(a, b);
    }, [i, i + from.length]);
    await page.keyboard.type(to);
  }
  /** Replaces the whole editor as a paste would. */
  async function paste(text) {
    await page.focus("#pg-input");
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.insertText(text);
  }
  async function waitForRender(before) {
    await page.waitForFunction((n) => Number(document.getElementById("playground").dataset.renders) > n, before, { timeout: 5000 });
    await nextFrames(page, 2);
  }
  async function waitForError() {
    await page.waitForFunction(() => document.getElementById("playground").dataset.state === "error", null, { timeout: 5000 });
    await nextFrames(page, 2);
  }

  test("loads prefilled with the China–Russia trade chart", async () => {
    assert.equal(await editorValue(), TRADE_SPEC);
    assert.equal(await page.getAttribute("#pg-chart", "data-tc-state"), "ready");
    assert.equal(await page.getAttribute("#pg-chart .tc-stage", "aria-label"), "China–Russia trade hit a record in 2023");
    const { table } = await snapshot();
    assert.match(table, /2023/);
    assert.match(table, /240\.1/);
    assert.equal(await page.textContent("#pg-detected"), "JSON detected");
    const gutterLines = await page.$eval("#pg-gutter", (g) => g.textContent.split("\n").length);
    assert.equal(gutterLines, TRADE_SPEC.split("\n").length);
  });

  test('a bad value is marked on its line and the chart keeps the last good data', async () => {
    const good = await snapshot();
    await typeOver("240.1", '"n/a"');
    await waitForError();
    const text = await editorValue();
    const marked = Number(await page.getAttribute("#pg-marker", "data-line"));
    assert.equal(marked, lineOfText(text, '"n/a"'), "the marked line is the line of the bad value");
    assert.ok(await page.isVisible("#pg-marker"));
    assert.match(await page.textContent("#pg-marker"), /y is "n\/a", expected a number or null/);
    const listed = await page.textContent("#pg-errors");
    assert.ok(listed.includes(`Line ${marked}, column`), listed);
    assert.ok(listed.includes('series "Trade" point 7'), listed);
    assert.equal(await page.getAttribute("#pg-input", "aria-invalid"), "true");
    // The harness shows the message above the chart, and the chart is unchanged.
    assert.ok(await page.isVisible("#pg-chart .tc-error"));
    const after = await snapshot();
    assert.equal(after.table, good.table, "data table unchanged");
    assert.ok(after.pixels === good.pixels, "canvas pixels unchanged");
    assert.deepEqual(p.pageErrors, []);
    await page.screenshot({ path: path.join(ensureScreenshotDir(), "playground-error.png"), fullPage: true });
  });

  test("fixing the value clears the error and updates the chart", async () => {
    const stale = await snapshot();
    const n = await renders();
    await typeOver('"n/a"', "250");
    await waitForRender(n);
    assert.equal(await page.getAttribute("#playground", "data-state"), "ok");
    assert.ok(await page.isHidden("#pg-marker"));
    assert.ok(await page.isHidden("#pg-errors"));
    assert.ok(await page.isHidden("#pg-chart .tc-error"));
    const now = await snapshot();
    assert.match(now.table, /250/);
    assert.doesNotMatch(now.table, /240\.1/);
    assert.notEqual(now.pixels, stale.pixels);
  });

  test("a JSON syntax error marks the broken line", async () => {
    const text = await editorValue();
    // A missing comma (reported on the next line by the parsers) and a bare word.
    for (const [broken, line] of [
      [text.replace('"kind": "bar",', '"kind": "bar"'), lineOfText(text, '"kind": "bar",') + 1],
      [text.replace("107.76", "abc"), lineOfText(text, "107.76")],
    ]) {
      await paste(broken);
      await page.waitForFunction((l) => document.getElementById("pg-marker").dataset.line === l, String(line), { timeout: 5000 }).catch(() => {});
      await waitForError();
      const listed = await page.textContent("#pg-errors");
      assert.match(listed, /not valid JSON/);
      assert.equal(await page.getAttribute("#pg-marker", "data-line"), String(line), listed);
      assert.ok(listed.startsWith(`Line ${line}, column`), listed);
    }
    await paste(text);
    await page.waitForFunction(() => document.getElementById("playground").dataset.state === "ok");
  });

  test("pasting CSV draws it, and a bad CSV cell is marked on its line", async () => {
    const csv = [
      "year,Trade (US$ bn),Crude imports (Mt)",
      "2016,69.52,52.48",
      "2017,84.07,59.7",
      "2018,107.06,71.49",
      "2019,110.75,77.64",
      "2020,107.76,83.57",
      "2021,146.89,79.64",
      "2022,190.27,86.25",
      "2023,240.1,107.02",
    ].join("\n");
    const n = await renders();
    await paste(csv);
    await waitForRender(n);
    assert.equal(await page.textContent("#pg-detected"), "CSV detected");
    const { table } = await snapshot();
    assert.match(table, /Crude imports/);
    assert.match(table, /2023\$240\.1bn/); // the table rounds to the series decimals (107.02 shows as 107.0 Mt)
    const plot = await page.getAttribute("#pg-chart canvas.tc-data", "data-plot");
    assert.ok(plot, "the CSV chart has a plot area");

    await typeOver("2019,110.75", "2019,abc");
    await waitForError();
    assert.equal(await page.getAttribute("#pg-marker", "data-line"), "5");
    assert.match(await page.textContent("#pg-errors"), /CSV line 5/);
    await typeOver("2019,abc", "2019,110.75");
    await page.waitForFunction(() => document.getElementById("playground").dataset.state === "ok");
  });

  test("the view, kind and theme selectors override the spec", async () => {
    let n = await renders();
    await paste(PANELS_SPEC);
    await waitForRender(n);
    const panels = await snapshot();

    n = await renders();
    await page.selectOption("#pg-view", "dual-axis");
    await waitForRender(n);
    const dual = await snapshot();
    assert.notEqual(dual.pixels, panels.pixels, "dual-axis draws differently from panels");
    assert.equal(await page.evaluate(() => window.playground.lastGood.view), "dual-axis");

    n = await renders();
    await page.selectOption("#pg-view", "indexed");
    await waitForRender(n);
    assert.notEqual((await snapshot()).pixels, dual.pixels, "indexed draws differently from dual-axis");

    n = await renders();
    await page.selectOption("#pg-kind", "bar");
    await waitForRender(n);
    assert.deepEqual(
      await page.evaluate(() => window.playground.lastGood.series.map((s) => s.kind)),
      [undefined, undefined],
      "per-series kinds give way to the override",
    );

    n = await renders();
    await page.selectOption("#pg-theme", "dark");
    await waitForRender(n);
    const bg = await canvasPixel(page, "#pg-chart canvas.tc-data");
    assert.ok(bg[0] + bg[1] + bg[2] < 150, `dark background, got rgba(${bg})`);

    for (const id of ["#pg-view", "#pg-kind", "#pg-theme"]) {
      n = await renders();
      await page.selectOption(id, "");
      await waitForRender(n);
    }
  });

  test("a file can be opened with the upload button", async () => {
    const n = await renders();
    await page.setInputFiles("#pg-file", {
      name: "crude.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("year,Crude imports (Mt)\n2021,79.64\n2022,86.25\n2023,107.02\n"),
    });
    await waitForRender(n);
    assert.match(await editorValue(), /^year,Crude imports/);
    assert.match((await snapshot()).table, /2022\s*86\.25 Mt/); // the table keeps the data's own precision
  });

  test('"Copy embed code" gives a snippet that renders the same chart on another page', async () => {
    // A title that tries to break out of the inline script.
    const spec = JSON.parse(TRADE_SPEC);
    spec.title = "Trade </script><script>window.pwned = 1</script> record";
    const text = JSON.stringify(spec, null, 2);
    let n = await renders();
    await paste(text);
    await waitForRender(n);
    await page.click("#pg-embed-button");
    await page.waitForSelector("#pg-embed-code:not([hidden])");
    const snippet = await page.$eval("#pg-embed-code", (t) => t.value);
    assert.ok(snippet.startsWith(`<script type="module" src="${server.url}trade-chart.js"></script>`), snippet.slice(0, 120));
    assert.ok(snippet.includes("<\\/script>"), "</ is escaped inside the JSON");
    assert.match(await page.textContent("#pg-embed-note"), /Copied|copy it/);

    const width = await page.$eval("#pg-chart", (el) => el.clientWidth);
    const here = await snapshot();
    const title = await page.getAttribute("#pg-chart .tc-stage", "aria-label");
    assert.equal(title, spec.title);

    // A fresh page on the same origin whose body is the snippet (body margin 8px).
    const q = await newPage(browser, { width: width + 16, height: 900 });
    try {
      const url = `${server.url}embed-check.html`;
      await q.page.route(url, (route) =>
        route.fulfill({
          status: 200,
          headers: {
            "Content-Type": "text/html; charset=utf-8",
            "Content-Security-Policy": "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'",
          },
          body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>embed</title></head><body>\n${snippet}</body></html>`,
        }),
      );
      await q.page.goto(url, { waitUntil: "load" });
      await q.page.waitForFunction(() => document.querySelector("trade-chart")?.dataset.tcState === "ready", null, { timeout: 20000 });
      await nextFrames(q.page, 3);
      const there = await q.page.evaluate(() => {
        const root = document.querySelector("trade-chart").shadowRoot;
        return {
          width: root.querySelector(".tc-host").clientWidth,
          title: root.querySelector(".tc-stage").getAttribute("aria-label"),
          table: root.querySelector(".tc-table").textContent,
          pixels: root.querySelector("canvas.tc-data").toDataURL(),
          pwned: window.pwned,
        };
      });
      assert.equal(there.pwned, undefined, "the title did not run as a script");
      assert.equal(there.title, title);
      assert.equal(there.table, here.table);
      assert.equal(there.width, width, "same width as the playground chart");
      assert.ok(there.pixels === here.pixels, "the embedded chart is drawn pixel for pixel like the preview");
      assert.deepEqual(q.consoleErrors, [], describeProblems(q));
      assert.deepEqual(q.pageErrors, [], describeProblems(q));
    } finally {
      await q.close();
    }
    n = await renders();
    await paste(TRADE_SPEC);
    await waitForRender(n);
  });

  test("pasted records, a long CSV and a text column: warnings beside errors, detection in the embed", async () => {
    // An array of records, as fetch().json() gives it.
    let n = await renders();
    await paste(JSON.stringify([{ date: "2023-01", trade: 240.1, note: "final" }, { date: "2023-02", trade: 231.5, note: "provisional" }], null, 2));
    await waitForRender(n);
    assert.match((await snapshot()).table, /trade/);
    assert.match(await page.textContent("#pg-warnings"), /field "note" has no numbers, so it is not drawn/);
    assert.ok(await page.isVisible("#pg-warnings"));

    // A bad record value is marked on its line.
    const records = JSON.stringify([{ date: "2023-01", trade: 240.1 }, { date: "2023-02", trade: "n/a" }], null, 2);
    await paste(records);
    await waitForError();
    assert.match(await page.textContent("#pg-errors"), /data\[1\]\.trade is "n\/a", expected a number or null/);
    assert.equal(await page.getAttribute("#pg-marker", "data-line"), String(lineOfText(records, '"n/a"')));

    // A long table pivots; its detected columns go into the embed code.
    n = await renders();
    await paste("port,month,teu\nNorth,2022-01,410\nSouth,2022-01,265\nNorth,2022-02,420\nSouth,2022-02,270\n");
    await waitForRender(n);
    assert.ok(await page.isHidden("#pg-warnings"));
    assert.match((await snapshot()).table, /North/);
    await page.click("#pg-embed-button");
    await page.waitForSelector("#pg-embed-code:not([hidden])");
    const snippet = await page.$eval("#pg-embed-code", (t) => t.value);
    const embedded = JSON.parse(snippet.split('<script type="application/json">\n')[1].split("\n</script>")[0]);
    assert.equal(embedded.xColumn, "month");
    assert.equal(embedded.seriesColumn, "port");
    assert.equal(embedded.valueColumn, "teu");

    n = await renders();
    await paste(TRADE_SPEC);
    await waitForRender(n);
  });

  test("nothing unexpected was logged", () => {
    assert.deepEqual(p.consoleErrors, [], describeProblems(p));
    assert.deepEqual(p.pageErrors, [], describeProblems(p));
    assert.deepEqual(p.failedRequests, [], describeProblems(p));
  });
});
