// Test page for tests/e2e/lifecycle.test.mjs: exposes mount() and the wasm exports
// (window.wasm.memory) so the test can mount/destroy charts in a loop and watch memory.
import { mount, loadWasm } from "../trade-chart.js";

window.tc = { mount };
window.lifecycleReady = (async () => {
  window.wasm = await loadWasm();
  const res = await fetch("../data/china-russia-trade.json", { credentials: "same-origin" });
  window.tradeSpec = await res.text();
  return true;
})().catch((err) => {
  console.error("lifecycle page: setup failed:", err);
  throw err;
});
