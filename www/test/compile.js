// Test page for tests/e2e/compile.test.mjs: loads the wasm (in the compile worker, or on
// the main thread with ?worker=off), then mounts one chart and hovers it through Rust.
import { mount, loadWasm } from "../trade-chart.js";

const worker = new URLSearchParams(location.search).get("worker") !== "off";
window.compiled = (async () => {
  await loadWasm({ worker });
  const chart = await mount(document.getElementById("host"), "../data/china-russia-trade.json");
  const [x, y, w, h] = chart.handle.plotArea();
  chart.handle.pointerMove(x + w / 2, y + h / 2);
  return { renders: chart.renderCount, tooltip: chart.handle.tooltip() };
})();
