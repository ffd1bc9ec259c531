// Test page for tests/e2e/interaction.test.mjs: mounts the trade bar chart and a two-series
// line chart, exposes them as window.charts, and adds a tall spacer so the page scrolls.
// No inline scripts or styles (CSP-safe).
import { mount, loadWasm } from "../trade-chart.js";

document.getElementById("spacer").style.height = "3000px";

window.charts = [];
window.chartsReady = (async () => {
  window.wasm = await loadWasm();
  const els = [...document.querySelectorAll("[data-chart-src]")];
  const charts = await Promise.all(els.map((el) => mount(el, el.dataset.chartSrc)));
  window.charts = charts;
  return charts.length;
})().catch((err) => {
  console.error("test page: could not mount charts:", err);
  throw err;
});
