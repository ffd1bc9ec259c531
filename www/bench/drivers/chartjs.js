// Chart.js: its performance guide's settings: parsing off with {x, y} objects, normalized,
// animation off, the decimation plugin (min-max), a linear x scale with fixed min/max.
import { loadScript, LINE_WIDTH } from "./common.js";
import { COLORS } from "../data.js";

export default {
  name: "Chart.js",
  async load(vendor) {
    await loadScript(`${vendor}chartjs/chart.umd.min.js`);
    return {};
  },
  prepare(data) {
    return data.ys.map((y) => Array.from(y, (v, i) => ({ x: data.x[i], y: v })));
  },
  create(el, datasets, data) {
    const canvas = document.createElement("canvas");
    el.append(canvas);
    const n = data.x.length;
    return new window.Chart(canvas, {
      type: "line",
      data: {
        datasets: datasets.map((d, i) => ({
          label: `Series ${i + 1}`,
          data: d,
          borderColor: COLORS[i],
          borderWidth: LINE_WIDTH,
          pointRadius: 0,
          tension: 0,
          spanGaps: true,
          indexAxis: "x",
        })),
      },
      options: {
        animation: false,
        parsing: false,
        normalized: true,
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: "nearest", axis: "x", intersect: false },
        scales: { x: { type: "linear", min: data.x[0], max: data.x[n - 1] } },
        plugins: { decimation: { enabled: true, algorithm: "min-max" } },
      },
    });
  },
  zoom(chart, from, to) {
    chart.options.scales.x.min = from;
    chart.options.scales.x.max = to;
    chart.update("none");
  },
  stats() {
    return {};
  },
};
