// End-to-end tests of sonification: the schedule rendered offline (OfflineAudioContext) and
// checked as audio, the Listen button, the S and Escape keys, one sound per page.
//   node --test tests/e2e/sound.test.mjs
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServerAndBrowser, closeServerAndBrowser, loadPage, assertClean } from "./harness.mjs";

const RISING = { title: "Rising", series: [{ name: "Rising", unit: "Mt", data: [["2016", 1], ["2017", 2], ["2018", 3], ["2019", 5], ["2020", 8], ["2021", 13], ["2022", 21], ["2023", 34]] }] };
const GAPPY = { title: "Gappy", series: [{ name: "Gappy", unit: "Mt", data: [["2016", 4], ["2017", 5], ["2018", null], ["2019", null], ["2020", 6], ["2021", 2]] }] };

describe("sound", () => {
  let server;
  let browser;
  let p;

  before(async () => {
    ({ server, browser } = await startServerAndBrowser());
    p = await loadPage(browser, `${server.url}test/interaction.html`, { width: 900, height: 800 });
    await p.page.waitForFunction(() => window.charts && window.charts.length === 2, null, { timeout: 20000 });
  });

  after(async () => {
    await p?.close();
    await closeServerAndBrowser({ server, browser });
  });

  /** Renders `spec`'s sound offline in the page and measures it (www/test/audio-probe.js);
   * `quiet` covers point slots 2 to 4, where GAPPY has its gap. */
  const renderOffline = (spec) =>
    p.page.evaluate(async (spec) => (await import("/test/audio-probe.js")).renderOffline(spec, [2, 4]), spec);

  test("a rising series rises in pitch, left to right", async () => {
    const out = await renderOffline(RISING);
    assert.equal(out.notes.length, 8);
    for (const n of out.notes) {
      assert.ok(n.rms > 0.05, `each point sounds (rms ${n.rms})`);
      assert.ok(Math.abs(n.freq - n.expected) / n.expected < 0.06, `dominant frequency ${n.freq.toFixed(1)} Hz ≈ ${n.expected.toFixed(1)} Hz`);
    }
    for (let k = 1; k < out.notes.length; k++) {
      assert.ok(out.notes[k].freq > out.notes[k - 1].freq, `note ${k} is higher than note ${k - 1}`);
    }
    assert.ok(out.notes[0].freq >= 200 && out.notes[7].freq <= 900, "within a comfortable range");
    assert.ok(out.notes[0].balance < 0 && out.notes[7].balance > 0, "starts on the left, ends on the right");
    assert.ok(out.duration > 1 && out.duration < 6, `a few seconds (${out.duration})`);
    assert.ok(out.lead.rms < 1e-4, "silent while the name is announced");
    assert.match(out.part.label, /^Rising, 2016 to 2023, from 1(\.0+)? Mt to 34(\.0+)? Mt$/);
  });

  test("a gap is silence", async () => {
    const out = await renderOffline(GAPPY);
    assert.equal(out.notes.length, 4);
    assert.ok(out.quiet.rms < 1e-4, `silent over the gap (rms ${out.quiet.rms})`);
    assert.ok(out.notes.every((n) => n.rms > 0.05), "the values around it sound");
  });

  test("Listen, S and Escape; one sound per page; the live region says what plays", async () => {
    const result = await p.page.evaluate(async (specs) => {
      const { mount } = await import("/trade-chart.js");
      const hosts = specs.map(() => document.body.insertBefore(document.createElement("div"), document.body.firstChild));
      const [a, b] = await Promise.all(specs.map((s, i) => mount(hosts[i], s)));
      const noListen = await mount(document.body.appendChild(document.createElement("div")), specs[0], { listenButton: false });
      const listenA = [...hosts[0].querySelectorAll("button")].find((x) => x.textContent === "Listen");
      const seen = {};
      listenA.click();
      await new Promise((r) => setTimeout(r, 300));
      seen.buttonWhilePlaying = listenA.textContent;
      await new Promise((r) => setTimeout(r, 700));
      seen.liveA = a.live.textContent;
      // Starting b stops a: never two sounds at once.
      const playingB = b.sonify();
      await new Promise((r) => setTimeout(r, 100));
      seen.buttonAfterOther = listenA.textContent;
      // S in keyboard mode toggles; Escape stops.
      b.stage.focus();
      b.stage.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
      seen.stoppedEarly = await playingB;
      a.stage.dispatchEvent(new KeyboardEvent("keydown", { key: "s", bubbles: true }));
      await new Promise((r) => setTimeout(r, 1000));
      seen.liveAfterS = a.live.textContent;
      a.stage.dispatchEvent(new KeyboardEvent("keydown", { key: "s", bubbles: true }));
      seen.liveAfterSecondS = a.live.textContent;
      // A short sound that plays to the end says so.
      seen.endedEarly = await b.sonify({ duration: 0.5 });
      seen.liveAtEnd = b.live.textContent;
      seen.noListenButtons = [...noListen.root.querySelectorAll("button")].map((x) => x.textContent);
      seen.listenFocusable = listenA.tabIndex >= 0 && !listenA.disabled;
      a.destroy();
      b.destroy();
      noListen.destroy();
      hosts.forEach((h) => h.remove());
      return seen;
    }, [RISING, GAPPY]);
    assert.equal(result.buttonWhilePlaying, "Stop sound");
    assert.match(result.liveA, /^Playing Rising, 2016 to 2023/);
    assert.equal(result.buttonAfterOther, "Listen", "the first chart stopped when the second started");
    assert.equal(result.stoppedEarly, true, "Escape stopped the sound");
    assert.match(result.liveAfterS, /^Playing Rising/);
    assert.equal(result.liveAfterSecondS, "Sound stopped");
    assert.equal(result.endedEarly, false);
    assert.equal(result.liveAtEnd, "Finished playing");
    assert.ok(!result.noListenButtons.includes("Listen"), "listenButton: false hides it");
    assert.ok(result.listenFocusable);
    assertClean(p);
  });
});
