// Test page for tests/e2e/embed.test.mjs: the same chart embedded every way the library
// offers. (a) and (b) are in the HTML; this adds (c) a <trade-chart> whose spec is set
// from JavaScript and (d) mount() with typed-array columns. No inline scripts or styles.
import { mount } from "../trade-chart.js";

/** The JSON spec with its one series as Float64Array columns (x in epoch ms, UTC). */
export function typedSpec(spec) {
  const series = spec.series.map((s) => {
    const { data, ...rest } = s;
    return {
      ...rest,
      x: Float64Array.from(data, ([year]) => Date.UTC(Number(year), 0, 1)),
      y: Float64Array.from(data, ([, value]) => (value === null ? NaN : value)),
    };
  });
  return { ...spec, series };
}

window.ways = (async () => {
  const res = await fetch("../data/china-russia-trade.json", { credentials: "same-origin" });
  const spec = await res.json();

  const c = document.createElement("trade-chart");
  c.id = "way-c";
  document.getElementById("way-c-figure").append(c);
  c.spec = structuredClone(spec);

  const d = document.getElementById("way-d");
  const typed = typedSpec(spec);
  const chartD = await mount(d, typed);
  return { spec, typed, chartD };
})().catch((err) => {
  console.error("embed-ways page: setup failed:", err);
  throw err;
});
