// SVG export on www/test/export.html: toSVG() draws the same picture as the canvas (every
// demo spec, light and dark, at DPR 1 and 2), text stays text through a PDF conversion, and
// the Download SVG button follows the export switch.
//   node --test tests/e2e/export.test.mjs
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import {
  REPO,
  startServerAndBrowser,
  closeServerAndBrowser,
  loadPage,
  assertClean,
  ensureScreenshotDir,
} from "./harness.mjs";

const SPECS = fs
  .readdirSync(path.join(REPO, "www/data"))
  .filter((f) => f.endsWith(".json"))
  .map((f) => f.replace(/\.json$/, ""))
  .sort();

/** The gallery's specs (areas, ranges, gaps, bars, log scale, locales), minus the one that is invalid on purpose. */
const GALLERY = fs
  .readdirSync(path.join(REPO, "www/data/gallery"))
  .filter((f) => f.endsWith(".json") && !f.startsWith("error-"))
  .map((f) => `gallery/${f.replace(/\.json$/, "")}`)
  .sort();

/**
 * Most pixels that may differ between canvas and SVG (see compare() in export.js). The
 * measured worst case is well under it; a moved axis line or a dropped series is well over
 * it (checked below on every spec).
 */
const MAX_DIFF = Number(process.env.MAX_DIFF || 0.0005);

/** The SVG with its lowest long horizontal rule (the time axis or zero line) moved down 6 units (device px). */
function shiftAxis(svg) {
  const rules = [...svg.matchAll(/<rect x="(\d+)" y="(\d+)" width="(\d+)" height="(\d+)"[^>]*\/>/g)]
    .filter((m) => Number(m[4]) <= 4 && Number(m[3]) > 100);
  assert.ok(rules.length, "no horizontal rule found in the SVG");
  // The last of the lowest: the axis is drawn over a gridline at the same place.
  const lowest = rules.reduce((a, b) => (Number(b[2]) >= Number(a[2]) ? b : a));
  return svg.replace(lowest[0], lowest[0].replace(/y="\d+"/, `y="${Number(lowest[2]) + 6}"`));
}

/** The SVG without the marks of its first series' colour (line, area, dots, bars, swatch). */
function dropSeries(svg) {
  const line = svg.match(/<polyline[^>]*stroke="(#[0-9A-F]{6})"/);
  const bar = [...svg.matchAll(/<rect x="\d+" y="\d+" width="\d+" height="(\d+)"[^>]*fill="(#[0-9A-F]{6})"/g)].slice(1).find((m) => Number(m[1]) > 10);
  const colour = line ? line[1] : bar?.[2];
  assert.ok(colour, "no series colour found in the SVG");
  const mark = new RegExp(`<(?:polyline|polygon|rect|circle)[^>]*(?:stroke|fill)="${colour}"[^>]*/>`, "g");
  const dropped = svg.replace(mark, "");
  assert.notEqual(dropped, svg);
  return dropped;
}

describe("SVG export", () => {
  let server;
  let browser;

  before(async () => {
    // No CSP here: the comparison draws the SVG as an image from a blob: URL, which the
    // strict test CSP (img-src 'self') refuses. toSVG() itself needs no permission.
    ({ server, browser } = await startServerAndBrowser({ csp: false }));
  });

  after(async () => {
    await closeServerAndBrowser({ server, browser });
  });

  test("toSVG() is the chart as shown: text stays text through a PDF, view and theme followed", async () => {
    const p = await loadPage(browser, `${server.url}test/export.html`, { width: 700, height: 900 });
    try {
      const title = "China–Russia trade hit a record in 2023";
      const svg = await p.page.evaluate(() => window.show("china-russia-trade", { theme: "light" }));
      assert.match(svg, /^<svg width="640" height="\d+" viewBox="0 0 640 \d+"/);
      assert.match(svg, /<text [^>]*font-family="system-ui, [^"]*"[^>]*fill="#121212" font-weight="bold">\s*China–Russia trade hit a record in 2023\s*<\/text>/);
      assert.match(svg, /fill="#0072B2"/, "the series colour, exact");
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tc-svg-"));
      try {
        fs.writeFileSync(path.join(dir, "chart.svg"), svg);
        execFileSync("rsvg-convert", ["-f", "pdf", "-o", path.join(dir, "chart.pdf"), path.join(dir, "chart.svg")]);
        const text = execFileSync("pdftotext", [path.join(dir, "chart.pdf"), "-"], { encoding: "utf8" });
        assert.ok(text.includes(title), `the PDF's text layer lacks the title:\n${text}`);
        assert.ok(text.includes("Source: Chinese customs data"), "the source line is text too");
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
      // The current view and theme: zoomed to 2020–2023 in dark mode, 2016 is gone.
      const zoomed = await p.page.evaluate(async () => {
        const host = document.getElementById("host");
        host.dataset.theme = "dark";
        window.chart.setView({ from: Date.UTC(2019, 6, 1), to: Date.UTC(2023, 6, 1) });
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        return window.chart.toSVG();
      });
      assert.match(svg, />\s*2016\s*</);
      assert.doesNotMatch(zoomed, />\s*2016\s*</, "the zoomed export still shows 2016");
      assert.match(zoomed, />\s*2023\s*</);
      assert.match(zoomed, /<rect x="0" y="0" [^>]*fill="#181A1D"/, "dark background");
      assertClean(p, { what: "export page" });
    } finally {
      await p.close();
    }
  });

  test("Download SVG sits beside PNG and CSV and follows the export switch", async () => {
    const p = await loadPage(browser, `${server.url}test/export.html`, { width: 700, height: 900, acceptDownloads: true });
    try {
      const { page } = p;
      await page.evaluate(() => window.show("russian-crude"));
      const labels = await page.$$eval("#host .tc-controls button:not([hidden])", (bs) => bs.map((b) => b.getAttribute("aria-label") || b.textContent));
      assert.deepEqual(labels.filter((l) => l.startsWith("Download")), ["Download PNG", "Download SVG", "Download CSV"]);
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.locator("#host .tc-controls").getByRole("button", { name: "Download SVG", exact: true }).click(),
      ]);
      assert.equal(download.suggestedFilename(), "china-imported-a-record-amount-of-russian-crude-in-2023.svg");
      const file = fs.readFileSync(await download.path(), "utf8");
      assert.match(file, /^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      assert.ok(file.trim().endsWith("</svg>"));

      await page.evaluate(() => window.show("russian-crude", { options: { exportButtons: false } }));
      const none = await page.$$eval("#host .tc-controls button", (bs) => bs.map((b) => b.textContent).filter((t) => t.startsWith("Download")));
      assert.deepEqual(none, [], "exportButtons: false leaves no download button");
      const inElement = await page.evaluate(async () => {
        window.chart?.destroy();
        window.chart = null;
        const el = document.createElement("trade-chart");
        el.setAttribute("src", "../data/russian-crude.json");
        el.setAttribute("no-export", "");
        const ready = new Promise((r) => el.addEventListener("ready", r, { once: true }));
        document.body.append(el);
        await ready;
        const found = [...el.shadowRoot.querySelectorAll(".tc-controls button")].map((b) => b.textContent).filter((t) => t.startsWith("Download"));
        el.remove();
        return found;
      });
      assert.deepEqual(inElement, [], "no-export leaves no download button");
      assertClean(p, { what: "export page" });
    } finally {
      await p.close();
    }
  });

  test("canvas and toSVG() draw the same picture, every gallery spec, DPR 2", async () => {
    const p = await loadPage(browser, `${server.url}test/export.html`, { width: 700, height: 900, deviceScaleFactor: 2 });
    try {
      assert.ok(GALLERY.length >= 15, `gallery specs: ${GALLERY.join(", ")}`);
      const worst = [];
      for (const name of GALLERY) {
        const svg = await p.page.evaluate((n) => window.show(n), name);
        const same = await p.page.evaluate((s) => window.compare(s), svg);
        worst.push([same.fraction, name]);
      }
      worst.sort((a, b) => b[0] - a[0]);
      console.log(`gallery, DPR 2, most differing: ${worst.slice(0, 3).map(([f, n]) => `${n} ${(f * 100).toFixed(4)}%`).join(", ")}`);
      const over = worst.filter(([f]) => f >= MAX_DIFF).map(([f, n]) => `${n}: ${(f * 100).toFixed(3)}%`);
      assert.deepEqual(over, [], `more than ${MAX_DIFF * 100}% of pixels differ`);
      assertClean(p, { what: "export page" });
    } finally {
      await p.close();
    }
  });

  for (const dpr of [1, 2, 3]) {
    test(`canvas and toSVG() draw the same picture, every demo spec, DPR ${dpr}`, async () => {
      const p = await loadPage(browser, `${server.url}test/export.html`, { width: 700, height: 900, deviceScaleFactor: dpr });
      try {
        const shots = ensureScreenshotDir();
        const report = [];
        const failures = [];
        const pct = (f) => `${(f * 100).toFixed(4)}%`;
        for (const name of SPECS) {
          for (const theme of ["light", "dark"]) {
            const svg = await p.page.evaluate(([n, t]) => window.show(n, { theme: t }), [name, theme]);
            const same = await p.page.evaluate((s) => window.compare(s, { dump: true }), svg);
            for (const kind of ["canvas", "svg", "diff"]) {
              fs.writeFileSync(path.join(shots, `export-${name}-${theme}-dpr${dpr}-${kind}.png`), Buffer.from(same[kind].split(",")[1], "base64"));
            }
            let line = `${name} ${theme}: ${pct(same.fraction)}`;
            if (same.fraction >= MAX_DIFF) failures.push(`${name} ${theme}: ${pct(same.fraction)} of pixels differ (limit ${pct(MAX_DIFF)})`);
            if (theme === "light") {
              // The comparison must notice a misplaced axis and a missing series.
              const moved = await p.page.evaluate((s) => window.compare(s), shiftAxis(svg));
              const missing = await p.page.evaluate((s) => window.compare(s), dropSeries(svg));
              line += `; axis moved 6 px: ${pct(moved.fraction)}; first series dropped: ${pct(missing.fraction)}`;
              if (moved.fraction < MAX_DIFF) failures.push(`${name}: moving the axis 6 px went unnoticed (${pct(moved.fraction)})`);
              if (missing.fraction < MAX_DIFF) failures.push(`${name}: dropping a series went unnoticed (${pct(missing.fraction)})`);
            }
            report.push(line);
          }
        }
        console.log(`DPR ${dpr}, differing pixels:\n  ${report.join("\n  ")}`);
        assert.deepEqual(failures, []);
        assertClean(p, { what: "export page" });
      } finally {
        await p.close();
      }
    });
  }
});
