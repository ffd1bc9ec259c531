// Test page for tests/e2e/lifecycle.test.mjs and compile.test.mjs: exposes mount() and the
// wasm exports (window.wasm.memory) so a test can mount/destroy charts in a loop and watch
// memory. ?worker=off loads the wasm with loadWasm({worker: false}).
import { mount, loadWasm } from "../trade-chart.js";

window.tc = { mount };

/** Mounts the trade spec in #host and hovers its middle: what the compile tests check. */
window.mountAndHover = async () => {
  await window.lifecycleReady;
  const chart = await mount(document.getElementById("host"), window.tradeSpec);
  const [x, y, w, h] = chart.handle.plotArea();
  chart.handle.pointerMove(x + w / 2, y + h / 2);
  return { renders: chart.renderCount, tooltip: chart.handle.tooltip() };
};
window.lifecycleReady = (async () => {
  window.wasm = await loadWasm({ worker: new URLSearchParams(location.search).get("worker") !== "off" });
  const res = await fetch("../data/china-russia-trade.json", { credentials: "same-origin" });
  window.tradeSpec = await res.text();
  return true;
})().catch((err) => {
  console.error("lifecycle page: setup failed:", err);
  throw err;
});
