// trade-chart: Float64Array columns straight into wasm (the harness's fast path).
export default {
  name: "trade-chart",
  autoHeight: true,
  async load() {
    const t0 = performance.now();
    // What a page loads from the package: the bundled harness (scripts/package.mjs).
    this.mod = await import("/pkg/trade-chart.js");
    const t1 = performance.now();
    this.wasm = await this.mod.loadWasm();
    const t2 = performance.now();
    return { importMs: t1 - t0, wasmMs: t2 - t1 };
  },
  prepare(data) {
    return {
      height: 600,
      series: data.ys.map((y, i) => ({ name: `Series ${i + 1}`, kind: "line", x: data.x, y, ...(data.annual ? { granularity: "annual" } : {}) })),
    };
  },
  create(el, spec) {
    // The public API. The wasm is loaded already, so mount() only awaits that resolved
    // promise and then validates, ingests and draws synchronously.
    return this.mod.mount(el, spec, { exportButtons: false });
  },
  zoom(chart, from, to) {
    chart.setView({ from, to });
  },
  async stepTransition(chart, spec, data) {
    const lo = data.x[0];
    const span = data.x[data.x.length - 1] - lo;
    chart.update({ ...spec, steps: [{ id: "window", view: { from: lo + span * 0.45, to: lo + span * 0.55 }, highlight: [spec.series[0].name] }, { id: "all" }] });
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const runs = [];
    for (const id of ["window", "all", "window"]) {
      await chart.step(id);
      runs.push(chart.story.lastTransition);
    }
    return runs;
  },
  stats(chart) {
    return { renderCount: chart.renderCount, overlayRenderCount: chart.overlayRenderCount, wasmMemoryBytes: this.wasm.memory.buffer.byteLength };
  },
};
