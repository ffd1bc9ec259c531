// Custom data from JS through mount(): records (with Date objects, epoch seconds, numbers
// as strings), long tables, everyday dates, text columns and their warnings, and the
// exact errors, on www/test/lifecycle.html (which exposes mount()).
//   node --test tests/e2e/data.test.mjs
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { startServerAndBrowser, closeServerAndBrowser, loadPage, assertClean, REPO } from "./harness.mjs";

const fixture = (name) => fs.readFileSync(path.join(REPO, "tests", "fixtures", name), "utf8");

describe("custom data through mount()", () => {
  let server;
  let browser;
  let p;

  before(async () => {
    ({ server, browser } = await startServerAndBrowser());
    p = await loadPage(browser, `${server.url}test/lifecycle.html`, { width: 900, height: 900 });
    await p.page.evaluate(() => window.lifecycleReady);
  });

  after(async () => {
    await p?.close();
    await closeServerAndBrowser({ server, browser });
  });

  /** Mounts `spec` (built in the page by `build`, with `arg`) and returns what the chart says. */
  const mounted = (build, arg) =>
    p.page.evaluate(async ([source, a]) => {
      const host = document.getElementById("host");
      const spec = new Function("arg", `return (${source})(arg);`)(a);
      try {
        const chart = await window.tc.mount(host, spec, { exportButtons: false });
        const out = {
          names: chart.handle.seriesNames(),
          points: chart.handle.pointCount(),
          warnings: chart.warnings,
          detected: chart.detected,
          description: chart.describe(),
          state: host.dataset.tcState,
        };
        chart.destroy();
        return out;
      } catch (e) {
        host.replaceChildren();
        return { error: e.message, code: e.code, name: e.name };
      }
    }, [build.toString(), arg]);

  test("records from fetch().json(): Date objects, epoch ms, numbers as strings", async () => {
    const dates = await mounted(() => ({
      title: "Trade",
      x: "date",
      data: [
        { date: new Date(Date.UTC(2023, 0, 1)), trade: 240.1, crude: 107 },
        { date: new Date(Date.UTC(2023, 1, 1)), trade: 231.5, crude: 104 },
        { date: new Date(Date.UTC(2023, 2, 1)), trade: "250.2", crude: null },
      ],
      series: [{ name: "Trade", field: "trade", unit: "$bn" }, { name: "Crude", field: "crude", unit: "Mt" }],
    }));
    assert.deepEqual(dates.names, ["Trade", "Crude"], JSON.stringify(dates));
    assert.equal(dates.points, 6);
    assert.match(dates.description, /Mar 2023/);

    const plain = await mounted(() => ({ data: [{ date: "2023-01", trade: 240.1 }, { date: "2023-02", trade: 231.5 }] }));
    assert.deepEqual(plain.names, ["trade"]);

    const seconds = await mounted(() => ({
      dateFormat: "epoch-seconds",
      data: [{ t: 1672531200, v: 1 }, { t: 1672617600, v: 2 }],
    }));
    assert.deepEqual(seconds.names, ["v"]);
    assert.match(seconds.description, /2023/);

    // Years as keys (JavaScript lists them before "country"): one series per record.
    const across = await mounted(() => ({
      data: [
        { country: "China", 2021: 3.36, 2022: 3.59 },
        { country: "India", 2021: 0.4, 2022: 0.45 },
      ],
    }));
    assert.deepEqual(across.names, ["China", "India"], JSON.stringify(across));
    assert.equal(across.points, 4);
    assert.match(across.description, /from 2021 to 2022/);
  });

  test("records errors name the record index and the field", async () => {
    const bad = await mounted(() => ({
      x: "date",
      data: Array.from({ length: 10 }, (_, i) => ({ date: `2023-${String(i + 1).padStart(2, "0")}`, trade: i === 7 ? "n/a" : i })),
    }));
    assert.deepEqual(bad, { error: 'data[7].trade is "n/a", expected a number or null', code: "invalid-field", name: "TradeChartError" });
    const missing = await mounted(() => ({ data: [{ date: "2023-01", v: 1 }, { v: 2 }] }));
    assert.equal(missing.error, "data[1].date is null, expected a date; every record needs one");
    const notRecord = await mounted(() => ({ data: [{ date: "2023-01", v: 1 }, 5] }));
    assert.equal(notRecord.error, 'data[1] is 5, expected a record such as {"date": "2023-01", "trade": 240.1}');
    const nested = await mounted(() => ({ data: [{ date: "2023-01", v: { n: 1 } }] }));
    assert.equal(nested.error, "data[0].v is an object, expected a number, a date, text or null");
  });

  test("Date objects in [x, y] pairs and in x read as the same dates as date strings", async () => {
    const strings = await mounted(() => ({ series: [{ name: "A", data: [["2023-01", 1], ["2023-02", 2], ["2023-03", 3]] }] }));
    const months = [0, 1, 2];
    const pairs = await mounted((m) => ({ series: [{ name: "A", data: m.map((k) => [new Date(Date.UTC(2023, k, 1)), k + 1]) }] }), months);
    const xs = await mounted((m) => ({ series: [{ name: "A", x: m.map((k) => new Date(Date.UTC(2023, k, 1))), y: [1, 2, 3] }] }), months);
    assert.match(strings.description, /from Jan 2023 to Mar 2023/);
    assert.equal(pairs.description, strings.description);
    assert.equal(xs.description, strings.description);
    const invalid = await mounted(() => ({ series: [{ name: "A", data: [[new Date(Date.UTC(2023, 0, 1)), 1], [new Date("not a date"), 2]] }] }));
    assert.match(invalid.error, /^series "A" point 1: x is "Invalid Date", expected a date/);
  });

  test("a function, a symbol or a cycle in a spec object is named where it sits", async () => {
    const tail = "; a spec holds only text, numbers, true or false, null, arrays and objects";
    const fn = await mounted(() => ({ title: () => "Trade", series: [{ name: "A", data: [["2020", 1], ["2021", 2]] }] }));
    assert.deepEqual(fn, { error: `the spec is not valid JSON: spec.title is a function${tail}`, code: "invalid-json", name: "TradeChartError" });
    const symbol = await mounted(() => ({ series: [{ name: "A", data: [["2020", 1], ["2021", Symbol("two")]] }] }));
    assert.equal(symbol.error, `the spec is not valid JSON: spec.series[0].data[1][1] is a symbol${tail}`);
    const cycle = await mounted(() => {
      const spec = { series: [{ name: "A", data: [["2020", 1], ["2021", 2]] }] };
      spec.series[0].parent = spec;
      return spec;
    });
    assert.deepEqual(cycle, { error: `the spec is not valid JSON: spec.series[0].parent refers back to an object that contains it${tail}`, code: "invalid-json", name: "TradeChartError" });
  });

  test("a long CSV pivots, a text column warns, detection is reported", async () => {
    const long = await mounted((csv) => ({ csv }), fixture("long-ports.csv"));
    assert.deepEqual(long.names, ["Harbourton", "Eastmouth", "Kelp Bay"]);
    assert.deepEqual(long.detected, { xColumn: "month", seriesColumn: "port", valueColumn: "teu_thousand" });
    const weather = await mounted((csv) => ({ csv }), fixture("weather.csv"));
    assert.deepEqual(weather.names, ["temp", "rain"]);
    assert.deepEqual(weather.warnings, [
      'column "description" has no numbers, so it is not drawn (a text column such as "sunny" can name the series of a long table; see seriesColumn)',
    ]);
    const ambiguous = await mounted(() => ({ csv: "date,A\n01/02/2000,1\n03/04/2000,2\n" }));
    assert.equal(
      ambiguous.error,
      'CSV line 2: column "date": "01/02/2000" is not a date (the day and the month could be either way round; set dateFormat to "day-first" or "month-first", or set locale)',
    );
    const several = await mounted(() => ({ csv: "symbol,date,open,close\nAAA,2020-01-02,10,10.5\nBBB,2020-01-02,20,19\n" }));
    assert.equal(
      several.error,
      'CSV line 1: the date "2020-01-02" appears on line 2 and line 3 and column "symbol" holds text, so this looks like a long table (one row per series and date), but several columns hold numbers ("open", "close"); set valueColumn to the one to draw',
    );
    assert.equal(several.code, "invalid-csv");
    const picked = await mounted(() => ({ csv: "symbol,date,open,close\nAAA,2020-01-02,10,10.5\nBBB,2020-01-02,20,19\n", valueColumn: "close" }));
    assert.deepEqual(picked.names, ["AAA", "BBB"]);
    const twice = await mounted(() => ({ csv: "symbol,date,price\nAAA,2020-01-02,10\nBBB,2020-01-02,20\nAAA,2020-01-02,11\n" }));
    assert.equal(
      twice.error,
      'CSV line 4: column "date": "2020-01-02" appears twice for "AAA", on line 2 and line 4; a long table can give each series one value per date',
    );
    const stray = await mounted(() => ({ csv: "date,description,temp\n2024-01-01,sunny,4\n2024-01-02,fog,cold\n" }));
    assert.equal(stray.error, 'CSV line 3: column "temp": "cold" is not a number');
    const longRecords = await mounted(() => ({
      data: ["Coal", "Gas", "Wind"].flatMap((source) => [2021, 2022, 2023].map((year) => ({ year, source, share: year - 2000 }))),
    }));
    assert.deepEqual(longRecords.names, ["Coal", "Gas", "Wind"]);
  });

  test("every everyday date form reads through mount(), with its granularity", async () => {
    const forms = [
      ["Jan 2000", "Jan 2000"],
      ["January 2000", "Jan 2000"],
      ["Jan 1 2000", "January 1, 2000"],
      ['"Jan 1, 2000"', "January 1, 2000"],
      ["1 Jan 2000", "January 1, 2000"],
      ["2000-01-03 00:00:00", "January 3, 2000"],
      ["2000/01/31", "January 31, 2000"],
      ["31.01.2000", "January 31, 2000"],
      ["01/31/2000", "January 31, 2000"],
      ["31/01/2000", "January 31, 2000"],
      ["2000 Q1", "Q1 2000"],
      ["Q1 2000", "Q1 2000"],
      ["2000Q1", "Q1 2000"],
      ["März 2000", "Mar 2000"],
      ["janv. 2000", "Jan 2000"],
    ];
    for (const [cell, label] of forms) {
      const out = await mounted((csv) => ({ csv }), `when,Price\n${cell},1\n`);
      assert.ok(out.description && out.description.includes(label), `${cell}: ${JSON.stringify(out)}`);
    }
  });

  test("a daily file with a volume column: panels by size, the warning, words on the axis", async () => {
    const out = await mounted((csv) => ({ csv }), fixture("daily-volume.csv"));
    assert.deepEqual(out.names, ["Open", "High", "Low", "Close", "Adj Close", "Volume"]);
    assert.equal(out.warnings.length, 1);
    assert.match(out.warnings[0], /^"Volume" is more than 100× the size of "Open", "High", "Low", "Close", "Adj Close" in the same unit/);
  });

  test("100,000 records × 3 fields give the same chart as the same data in typed arrays", async () => {
    const times = await p.page.evaluate(async () => {
      const n = 100000;
      const t0 = Date.UTC(2000, 0, 1);
      const records = Array.from({ length: n }, (_, i) => ({ t: t0 + i * 60000, a: Math.sin(i / 100), b: i % 977, c: i / 7 }));
      const x = Float64Array.from(records, (r) => r.t);
      const typed = { series: ["a", "b", "c"].map((f) => ({ name: f, x, y: Float64Array.from(records, (r) => r[f]) })) };
      const host = document.getElementById("host");
      const time = async (spec) => {
        let best = Infinity;
        for (let k = 0; k < 5; k++) {
          const start = performance.now();
          const chart = await window.tc.mount(host, spec, { exportButtons: false });
          best = Math.min(best, performance.now() - start);
          chart.destroy();
        }
        return best;
      };
      // Warm both paths first (wasm memory growth, JIT), then measure.
      await time(typed);
      await time({ data: records });
      const same = async (spec) => {
        const chart = await window.tc.mount(host, spec, { exportButtons: false });
        const out = { points: chart.handle.pointCount(), csv: chart.toCSV().split("\n").slice(1, 4).join("|"), names: Array.from(chart.handle.seriesNames()) };
        chart.destroy();
        return out;
      };
      return { records: await time({ data: records }), typed: await time(typed), fromRecords: await same({ data: records }), fromTyped: await same(typed) };
    });
    // Timing is reported, not asserted (the machine is shared): make bench compares the two.
    console.log(`records ingest ${times.records.toFixed(1)} ms, typed arrays ${times.typed.toFixed(1)} ms`);
    assert.equal(times.fromRecords.points, 300000, "every value of the 100,000 records went in");
    assert.deepEqual(times.fromRecords.names, ["a", "b", "c"]);
    assert.deepEqual(times.fromRecords, times.fromTyped, "records and typed arrays give different charts");
  });

  test("no console errors", () => {
    assertClean(p, { allow: [/trade-chart/i, /TradeChartError/, /could not be drawn/] });
  });
});
