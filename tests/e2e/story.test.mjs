// End-to-end tests of story steps: the demo page's scroll-driven section (desktop, phone,
// reduced motion), the keyboard and buttons, step() from JS, and bad steps.
//   node --test tests/e2e/story.test.mjs
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import {
  startServerAndBrowser,
  closeServerAndBrowser,
  loadPage,
  assertClean,
  ensureScreenshotDir,
  nextFrames,
  canvasPixel,
} from "./harness.mjs";

const STORY = 'trade-chart[src="data/trade-story.json"]';
const year = (y) => (y > 9999 ? y : Date.UTC(y, 0, 1)); // a year, or epoch ms as it is

// What each step of www/data/trade-story.json shows: the dates of its view, the series in
// full colour (Trade, Crude imports) and what the live region says. The "no limits" step
// runs to 2023 so that the event line of 4 February 2022 (after the 2022 point, which is
// stamped 1 January) is inside it.
const STEPS = [
  { id: "start", from: 2016, to: 2018, emphasis: [1, 0], said: "Showing 2016–2018: trade was $69.5bn in 2016" },
  { id: "no-limits", from: 2020, to: 2023, emphasis: [1, 0], said: "Showing 2020–2023: the 'no limits' partnership was declared on 4 February 2022; trade rose to $190.3bn that year" },
  { id: "record", from: 2021, to: 2023, emphasis: [1, 0], said: "Showing 2021–2023: trade rose to a record $240.1bn" },
  { id: "crude", from: 2016, to: 2023, emphasis: [0, 1], said: "Showing 2016–2023: crude imports rose 24% in 2023, to a record 107.0 Mt" },
];

const PROFILES = [
  { name: "desktop", opts: { width: 1280, height: 900 } },
  { name: "phone", opts: { width: 390, height: 844, deviceScaleFactor: 2, isMobile: true, hasTouch: true } },
];

/** Scrolls so that step `id`'s paragraph sits on the page's trigger line. */
async function scrollToStep(page, id) {
  await page.evaluate((id) => {
    const el = document.querySelector(`[data-trade-chart-step="${id}"]`);
    const offset = parseFloat(getComputedStyle(el.closest("[data-trade-chart-story]")).getPropertyValue("--trade-chart-story-offset")) || 0.5;
    const r = el.getBoundingClientRect();
    window.scrollBy(0, r.top + Math.min(r.height / 2, 24) - innerHeight * offset);
  }, id);
}

/** The story chart's state once step `id` has arrived (transition over). */
async function stateAt(page, id) {
  await page.waitForFunction(
    ([sel, id]) => {
      const c = document.querySelector(sel)?.chart;
      return c && c.currentStep === id && c.story && !c.story.raf;
    },
    [STORY, id],
    { timeout: 10000 },
  );
  await nextFrames(page, 2);
  return page.evaluate((sel) => {
    const c = document.querySelector(sel).chart;
    return {
      view: c.getView(),
      emphasis: Array.from(c.handle.seriesEmphasis()),
      live: c.live.textContent,
      active: [...document.querySelectorAll("[data-trade-chart-active]")].map((el) => el.dataset.tradeChartStep),
      transition: c.story.lastTransition,
    };
  }, STORY);
}

function checkStep(state, step, what) {
  // Line charts show exactly the step's dates.
  assert.equal(state.view.from, year(step.from), `${what}: view starts in ${step.from}`);
  assert.equal(state.view.to, year(step.to), `${what}: view ends in ${step.to}`);
  assert.deepEqual(state.emphasis, step.emphasis, `${what}: highlighted series`);
  assert.equal(state.live, step.said, `${what}: announced text`);
  assert.deepEqual(state.active, [step.id], `${what}: the paragraph marked active`);
}

describe("story steps", () => {
  let server;
  let browser;

  before(async () => {
    ({ server, browser } = await startServerAndBrowser());
  });

  after(() => closeServerAndBrowser({ server, browser }));

  for (const profile of PROFILES) {
    test(`the demo's scroll section moves through its four steps (${profile.name})`, async () => {
      const p = await loadPage(browser, server.url, profile.opts);
      try {
        const { page } = p;
        await page.locator(STORY).scrollIntoViewIfNeeded();
        await page.waitForFunction((sel) => document.querySelector(sel)?.chart?.story, STORY, { timeout: 20000 });
        await nextFrames(page, 2);
        ensureScreenshotDir();
        for (const step of STEPS) {
          await scrollToStep(page, step.id);
          const state = await stateAt(page, step.id);
          checkStep(state, step, `${profile.name} ${step.id}`);
          assert.equal(state.transition.instant, false, "animated without reduced motion");
          assert.ok(state.transition.frames >= 3, `several frames in a transition (${state.transition.frames})`);
          // The chart stays in view while the paragraphs scroll (sticky).
          const box = await page.locator(STORY).boundingBox();
          const vh = profile.opts.height;
          assert.ok(box.y >= -1 && box.y + Math.min(box.height, vh * 0.5) <= vh, `${step.id}: chart in view (top ${box.y}, height ${box.height})`);
          await page.screenshot({ path: path.join("target/screenshots", `story-${profile.name}-${step.id}.png`) });
        }
        // Scrolling back up returns to an earlier step.
        await scrollToStep(page, "no-limits");
        checkStep(await stateAt(page, "no-limits"), STEPS[1], `${profile.name} back to no-limits`);
        assertClean(p, { allow: /fallback\/.*\.svg/ });
      } finally {
        await p.close();
      }
    });
  }

  test("with reduced motion each step arrives at once", async () => {
    const p = await loadPage(browser, server.url, { width: 1280, height: 900, reducedMotion: "reduce" });
    try {
      const { page } = p;
      await page.locator(STORY).scrollIntoViewIfNeeded();
      await page.waitForFunction((sel) => document.querySelector(sel)?.chart?.story, STORY, { timeout: 20000 });
      for (const step of STEPS) {
        await scrollToStep(page, step.id);
        const state = await stateAt(page, step.id);
        checkStep(state, step, `reduced motion ${step.id}`);
        assert.equal(state.transition.instant, true, `${step.id}: no animation`);
      }
      // step() from JS: the state is there as soon as the promise resolves, with no frames between.
      const view = await page.evaluate(async (sel) => {
        const c = document.querySelector(sel).chart;
        const renders = c.renderCount;
        await c.step("record");
        return { view: c.getView(), frames: c.story.lastTransition.frames, drawn: c.renderCount - renders };
      }, STORY);
      assert.deepEqual(view.view, { from: year(2021), to: year(2023) });
      assert.equal(view.frames, 1);
      assertClean(p, { allow: /fallback\/.*\.svg/ });
    } finally {
      await p.close();
    }
  });

  test("keyboard readers step with PageDown / PageUp and the buttons; muting shows in the pixels", async () => {
    const p = await loadPage(browser, server.url, { width: 1280, height: 900 });
    try {
      const { page } = p;
      await page.locator(STORY).scrollIntoViewIfNeeded();
      await page.waitForFunction((sel) => document.querySelector(sel)?.chart?.story, STORY, { timeout: 20000 });
      // Put the story paragraphs out of the way, so scrolling does not pick steps.
      await page.evaluate((sel) => document.querySelector(sel).chart.story.unwatch(), STORY);
      // Whatever step scrolling chose, start from the first.
      await page.evaluate((sel) => document.querySelector(sel).chart.step("start"), STORY);
      checkStepNoParagraph(await stateAt(page, "start"), STEPS[0]);
      await page.evaluate((sel) => document.querySelector(sel).chart.stage.focus(), STORY);
      await page.keyboard.press("PageDown");
      checkStepNoParagraph(await stateAt(page, "no-limits"), STEPS[1]);
      await page.keyboard.press("PageDown");
      await page.keyboard.press("PageDown");
      checkStepNoParagraph(await stateAt(page, "crude"), STEPS[3]);
      // Muted trade: its last point is drawn pale; crude in full colour.
      const [trade, crude] = await page.evaluate((sel) => {
        const c = document.querySelector(sel).chart;
        return [c.handle.pointPosition(0, 7), c.handle.pointPosition(1, 7)].map(([x, y]) => [x, y]);
      }, STORY);
      const canvas = () => document.querySelector('trade-chart[src="data/trade-story.json"]').shadowRoot.querySelector("canvas");
      const px = async ([x, y]) => canvasPixel(page, canvas, Math.round(x - 6), Math.round(y));
      const light = (rgba) => rgba[0] + rgba[1] + rgba[2];
      // Sample just left of the end point, on the line.
      const tradeLine = await px(trade);
      const crudeLine = await px(crude);
      assert.ok(light(tradeLine) > light(crudeLine) + 120, `muted trade ${tradeLine} is much paler than crude ${crudeLine}`);
      await page.keyboard.press("PageUp");
      checkStepNoParagraph(await stateAt(page, "record"), STEPS[2]);
      // Buttons: "Step 3 of 4", then Next.
      const status = await page.evaluate((sel) => document.querySelector(sel).chart.story.buttons.status.textContent, STORY);
      assert.equal(status, "Step 3 of 4");
      await page.evaluate((sel) => document.querySelector(sel).chart.story.buttons.next.click(), STORY);
      checkStepNoParagraph(await stateAt(page, "crude"), STEPS[3]);
      const disabled = await page.evaluate((sel) => document.querySelector(sel).chart.story.buttons.next.disabled, STORY);
      assert.equal(disabled, true, "Next is disabled on the last step");
      assertClean(p, { allow: /fallback\/.*\.svg/ });
    } finally {
      await p.close();
    }
  });

  test("step() from JS; unknown steps and bad steps in a spec are errors that say where", async () => {
    const p = await loadPage(browser, `${server.url}test/interaction.html`, { width: 900, height: 800 });
    try {
      const { page } = p;
      await page.waitForFunction(() => window.charts && window.charts.length === 2, null, { timeout: 20000 });
      const result = await page.evaluate(async () => {
        const { mount } = await import("/trade-chart.js");
        const spec = await (await fetch("/data/trade-story.json")).json();
        const host = document.createElement("div");
        document.body.prepend(host);
        const chart = await mount(host, spec);
        const seen = [];
        chart.on("step", (s) => seen.push(s.id));
        await chart.step(2);
        const byIndex = { view: chart.getView(), current: chart.currentStep };
        const errors = {};
        try {
          chart.step("finale");
        } catch (e) {
          errors.unknown = { name: e.name, code: e.code, message: e.message };
        }
        try {
          chart.update({ ...spec, steps: [{ id: "a" }, { id: "b", highlight: ["Oil"] }] });
        } catch (e) {
          errors.series = { code: e.code, message: e.message };
        }
        try {
          chart.update({ ...spec, steps: [{ view: { from: "2030", to: "2031" } }] });
        } catch (e) {
          errors.range = { code: e.code, message: e.message };
        }
        const plain = await mount(document.createElement("div"), { series: spec.series });
        try {
          plain.step(0);
        } catch (e) {
          errors.none = e.code;
        }
        const buttons = [...host.querySelectorAll("button")].map((b) => b.textContent);
        chart.destroy();
        plain.destroy();
        return { byIndex, errors, seen, buttons };
      });
      assert.deepEqual(result.byIndex, { view: { from: year(2021), to: year(2023) }, current: "record" });
      assert.deepEqual(result.seen, ["record"]);
      assert.equal(result.errors.unknown.name, "TradeChartError");
      assert.equal(result.errors.unknown.code, "invalid-step");
      assert.match(result.errors.unknown.message, /no step "finale"; the steps are "start", "no-limits", "record", "crude"/);
      assert.equal(result.errors.series.code, "invalid-field");
      assert.match(result.errors.series.message, /step 1.*highlight\[0\].*"Oil"/);
      assert.match(result.errors.range.message, /step 0.*view\.from/);
      assert.equal(result.errors.none, "invalid-step");
      assert.ok(result.buttons.includes("Previous step") && result.buttons.includes("Next step") && result.buttons.includes("Listen"), result.buttons.join(", "));
      assertClean(p);
    } finally {
      await p.close();
    }
  });
});

function checkStepNoParagraph(state, step) {
  assert.equal(state.view.from, year(step.from), `${step.id}: view starts in ${step.from}`);
  assert.equal(state.view.to, year(step.to), `${step.id}: view ends in ${step.to}`);
  assert.deepEqual(state.emphasis, step.emphasis, `${step.id}: highlighted series`);
  assert.equal(state.live, step.said, `${step.id}: announced text`);
}
