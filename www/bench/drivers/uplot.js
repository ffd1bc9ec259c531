// uPlot: columnar plain arrays [xs (seconds), ys...], its documented data shape.
import { loadScript, loadStyle, LINE_WIDTH } from "./common.js";
import { COLORS } from "../data.js";

export default {
  name: "uPlot",
  async load(vendor) {
    await Promise.all([loadScript(`${vendor}uplot/uPlot.iife.min.js`), loadStyle(`${vendor}uplot/uPlot.min.css`)]);
    return {};
  },
  prepare(data) {
    const xs = Array.from(data.x, (t) => t / 1000);
    return [xs, ...data.ys.map((y) => Array.from(y))];
  },
  create(el, cols, data) {
    const opts = {
      width: 1920,
      height: 600,
      scales: { x: { time: true } },
      series: [{}, ...data.ys.map((_, i) => ({ label: `Series ${i + 1}`, stroke: COLORS[i], width: LINE_WIDTH }))],
    };
    return new window.uPlot(opts, cols, el);
  },
  zoom(u, from, to) {
    u.setScale("x", { min: from / 1000, max: to / 1000 });
  },
  stats() {
    return {};
  },
};
