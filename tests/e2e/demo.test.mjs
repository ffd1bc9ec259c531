// End-to-end tests of the demo page in headless Chromium.
//   node --test tests/e2e/
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import http from "node:http";
import {
  startServer,
  startServerAndBrowser,
  closeServerAndBrowser,
  newPage,
  loadPage,
  assertClean,
  waitForCharts,
  measureCharts,
  chartStates,
  ensureScreenshotDir,
  describeProblems,
  nextFrames,
} from "./harness.mjs";

const EXPECTED_CHARTS = 6;
const MIN_DRAWN_FRACTION = 0.02;

const PROFILES = [
  { name: "desktop", shot: "demo-desktop.png", opts: { width: 1280, height: 900, deviceScaleFactor: 1 } },
  { name: "desktop-dpr2", shot: "demo-desktop-dpr2.png", opts: { width: 1280, height: 900, deviceScaleFactor: 2 } },
  {
    name: "phone",
    shot: "demo-phone.png",
    opts: { width: 390, height: 844, deviceScaleFactor: 3, isMobile: true, hasTouch: true },
  },
];

describe("demo page", () => {
  let server;
  let browser;

  before(async () => {
    ({ server, browser } = await startServerAndBrowser({ csp: false }));
  });

  after(() => closeServerAndBrowser({ server, browser }));

  for (const profile of PROFILES) {
    describe(`${profile.name} (${profile.opts.width}×${profile.opts.height} @${profile.opts.deviceScaleFactor}x)`, () => {
      let p;
      let charts;

      before(async () => {
        p = await loadPage(browser, server.url, profile.opts);
        const n = await p.page.locator("trade-chart[src]").count();
        assert.equal(n, EXPECTED_CHARTS, `index.html should hold ${EXPECTED_CHARTS} <trade-chart> elements, found ${n}`);
        await waitForCharts(p.page, EXPECTED_CHARTS).catch((err) => {
          err.message += `\nproblems on the page: ${describeProblems(p)}`;
          throw err;
        });
        // Let a pending resize/redraw frame finish before measuring.
        await nextFrames(p.page, 2);
        charts = await measureCharts(p.page);
      });

      after(async () => {
        await p?.close();
      });

      test("every chart reaches data-tc-state=ready", async () => {
        const states = await chartStates(p.page);
        const bad = states.filter((s) => s.state !== "ready");
        assert.deepEqual(
          bad,
          [],
          `charts not ready:\n${JSON.stringify(bad, null, 2)}\nproblems on the page: ${describeProblems(p)}`,
        );
      });

      test("data canvas backing store = CSS size × devicePixelRatio, at full column width", () => {
        const problems = [];
        for (const c of charts) {
          if (!c.canvases.length) {
            problems.push(`${c.src}: no canvas.tc-data inside the ${c.element === "trade-chart" ? "element's shadow root" : "container"}`);
            continue;
          }
          for (const [i, cv] of c.canvases.entries()) {
            const tag = `${c.src} canvas#${i}`;
            const wantW = Math.round(cv.cssWidth * c.dpr);
            const wantH = Math.round(cv.cssHeight * c.dpr);
            if (cv.width !== wantW) {
              problems.push(`${tag}: canvas.width ${cv.width} ≠ round(${cv.cssWidth} CSS px × dpr ${c.dpr}) = ${wantW}`);
            }
            if (cv.height !== wantH) {
              problems.push(`${tag}: canvas.height ${cv.height} ≠ round(${cv.cssHeight} CSS px × dpr ${c.dpr}) = ${wantH}`);
            }
            if (cv.cssHeight < 50) problems.push(`${tag}: CSS height only ${cv.cssHeight}px`);
            if (Math.abs(cv.cssWidth - c.containerWidth) > 2) {
              problems.push(`${tag}: CSS width ${cv.cssWidth}px does not fill the container (clientWidth ${c.containerWidth}px)`);
            }
            if (Math.abs(cv.cssWidth - c.hostContentWidth) > 2) {
              problems.push(`${tag}: CSS width ${cv.cssWidth}px does not fill the <${c.element}> (content width ${c.hostContentWidth}px)`);
            }
          }
        }
        assert.deepEqual(problems, [], problems.join("\n"));
      });

      test("the plot area holds a drawn chart", () => {
        const problems = [];
        for (const c of charts) {
          for (const [i, cv] of c.canvases.entries()) {
            const tag = `${c.src} canvas#${i}`;
            if (!cv.plotAttr) {
              problems.push(`${tag}: no data-plot attribute`);
              continue;
            }
            if (cv.ctxError) problems.push(`${tag}: ${cv.ctxError}`);
            if (cv.plotParseError) problems.push(`${tag}: ${cv.plotParseError}`);
            for (const pl of cv.plots) {
              if (pl.total === 0) {
                problems.push(`${tag}: plot area ${pl.css.join(",")} (device ${pl.device.join(",")}) is empty or outside the canvas ${cv.width}×${cv.height}`);
                continue;
              }
              const frac = pl.drawn / pl.total;
              if (frac <= MIN_DRAWN_FRACTION) {
                problems.push(
                  `${tag}: only ${(frac * 100).toFixed(2)}% of plot area ${pl.css.join(",")} differs from the background rgba(${cv.background}) (need > ${MIN_DRAWN_FRACTION * 100}%)`,
                );
              }
              if (pl.colours < 2) {
                problems.push(`${tag}: plot area ${pl.css.join(",")} is a single colour`);
              }
            }
          }
        }
        assert.deepEqual(problems, [], problems.join("\n"));
      });

      test("hovering each bar of the first chart: the tooltip covers neither the point nor the annotation's label", async () => {
        const el = p.page.locator("trade-chart").first();
        await el.scrollIntoViewIfNeeded();
        const n = await el.evaluate((e) => e.chart.handle.dataTable().rows.length);
        const problems = [];
        let avoided = 0;
        for (let i = 0; i < n; i++) {
          const pt = await el.evaluate((e, k) => {
            const [x, y] = e.chart.handle.pointPosition(0, k);
            const r = e.chart.stage.getBoundingClientRect();
            return { x: r.left + x, y: r.top + y + 4 };
          }, i);
          await p.page.mouse.move(pt.x, pt.y);
          await nextFrames(p.page, 2);
          const got = await el.evaluate((e) => {
            const tip = e.chart.handle.tooltip();
            const box = e.chart.tooltipBox;
            const s = e.chart.stage.getBoundingClientRect();
            const r = box.getBoundingClientRect();
            return { hidden: box.hidden, title: tip?.title, tip: [r.left - s.left, r.top - s.top, r.width, r.height], avoid: tip?.avoid ?? [], point: tip && [tip.x, tip.y] };
          });
          if (got.hidden) {
            problems.push(`bar ${i}: no tooltip`);
            continue;
          }
          const [tx, ty, tw, th] = got.tip;
          const hit = (a) => tx < a[0] + a[2] && a[0] < tx + tw && ty < a[1] + a[3] && a[1] < ty + th;
          for (const a of got.avoid) {
            avoided++;
            if (hit(a)) problems.push(`${got.title}: the tooltip ${got.tip.map(Math.round)} covers the label at ${a.map(Math.round)}`);
          }
          const [px, py] = got.point;
          if (px > tx && px < tx + tw && py > ty && py < ty + th) problems.push(`${got.title}: the tooltip covers its point`);
        }
        await p.page.mouse.move(2, 2);
        assert.ok(avoided >= n, `the first chart's tooltip knew of no annotation label (${avoided})`);
        assert.deepEqual(problems, []);
      });

      test("every chart is a <trade-chart> with an SVG fallback image and a text alternative, hidden once drawn", async () => {
        const info = await p.page.$$eval("trade-chart", (els) =>
          els.map((el) => {
            const img = el.querySelector(":scope > img, :scope > picture > img");
            return {
              src: el.getAttribute("src"),
              img: img?.getAttribute("src") ?? null,
              alt: img?.getAttribute("alt") ?? "",
              shadow: !!el.shadowRoot,
              imgShown: img ? img.getClientRects().length > 0 : false,
            };
          }),
        );
        const problems = [];
        for (const c of info) {
          const name = c.src.replace(/^data\/|\.json$/g, "");
          if (c.img !== `fallback/${name}.svg`) problems.push(`${c.src}: fallback img src is ${c.img}, expected fallback/${name}.svg`);
          if (c.alt.trim().length < 40) problems.push(`${c.src}: alt text too short: ${JSON.stringify(c.alt)}`);
          if (!c.shadow) problems.push(`${c.src}: no shadow root`);
          if (c.imgShown) problems.push(`${c.src}: the fallback image is still rendered next to the drawn chart`);
        }
        assert.deepEqual(problems, [], problems.join("\n"));
      });

      test("no console errors, page errors or failed requests", () => {
        assertClean(p);
      });

      test("screenshots", async () => {
        const dir = ensureScreenshotDir();
        await p.page.screenshot({ path: path.join(dir, profile.shot), fullPage: true });
        if (profile.name === "desktop") {
          const first = p.page.locator("trade-chart").first();
          await first.screenshot({ path: path.join(dir, "chart-trade-desktop.png") });
        }
      });
    });
  }

  describe("under the Content-Security-Policy (--csp)", () => {
    let cspServer;
    let p;

    before(async () => {
      cspServer = await startServer({ port: 0, csp: true });
      p = await newPage(browser, { width: 1280, height: 900, deviceScaleFactor: 1 });
      const res = await p.page.goto(cspServer.url, { waitUntil: "load" });
      assert.match(res.headers()["content-security-policy"] || "", /wasm-unsafe-eval/, "CSP header missing");
      await waitForCharts(p.page, EXPECTED_CHARTS).catch((err) => {
        err.message += `\nproblems on the page: ${describeProblems(p)}`;
        throw err;
      });
    });

    after(async () => {
      await p?.close();
      await cspServer?.close();
    });

    test("all charts ready and no CSP violations or other errors", async () => {
      const bad = (await chartStates(p.page)).filter((s) => s.state !== "ready");
      assert.deepEqual(bad, [], `charts not ready under CSP: ${JSON.stringify(bad)}\n${describeProblems(p)}`);
      assertClean(p);
    });
  });
});

// ---- the static server alone (no browser, no wasm needed) ----

// fetch() normalises "..", so use a raw request to test traversal.
function rawGet(url, rawPath) {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, path: rawPath, method: "GET" }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("scripts/serve.mjs", () => {
  let s;
  let c;
  before(async () => {
    s = await startServer({ port: 0 });
    c = await startServer({ port: 0, csp: true });
  });
  after(async () => {
    await s.close();
    await c.close();
  });

  test("serves index.html with no-store and no CSP by default", async () => {
    const r = await fetch(s.url);
    assert.equal(r.status, 200);
    assert.match(r.headers.get("content-type"), /^text\/html/);
    assert.equal(r.headers.get("cache-control"), "no-store");
    assert.equal(r.headers.get("content-security-policy"), null);
    assert.match(await r.text(), /<trade-chart src="data\/[a-z-]+\.json">/);
  });

  test("MIME types", async () => {
    for (const [p, type] of [
      ["style.css", /^text\/css/],
      ["trade-chart.js", /^text\/javascript/],
      ["fallback/china-russia-trade.svg", /^image\/svg\+xml/],
      ["data/china-russia-trade.json", /^application\/json/],
    ]) {
      const r = await fetch(s.url + p);
      assert.equal(r.status, 200, p);
      assert.match(r.headers.get("content-type"), type, p);
    }
  });

  test("404 for missing files and for traversal attempts", async () => {
    assert.equal((await fetch(s.url + "nope.html")).status, 404);
    for (const raw of ["/../Cargo.toml", "/%2e%2e/Cargo.toml", "/pkg/../../Cargo.toml", "/..%2f..%2fetc/passwd", "/pkg/%2e%2e/Cargo.toml"]) {
      const r = await rawGet(s.url, raw);
      assert.equal(r.status, 404, `${raw} → ${r.status}`);
      assert.doesNotMatch(r.body, /\[package\]/, raw);
    }
  });

  test("--csp adds the policy", async () => {
    const r = await fetch(c.url);
    assert.equal(
      r.headers.get("content-security-policy"),
      "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'",
    );
  });
});
