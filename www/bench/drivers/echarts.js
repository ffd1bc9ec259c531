// ECharts: canvas renderer, animation off, sampling "lttb", no symbols, time axis,
// an "inside" dataZoom for the zoom figure, axis tooltip for hover.
import { loadScript, LINE_WIDTH } from "./common.js";
import { COLORS } from "../data.js";

export default {
  name: "ECharts",
  async load(vendor) {
    await loadScript(`${vendor}echarts/echarts.min.js`);
    return {};
  },
  prepare(data) {
    return data.ys.map((y) => Array.from(y, (v, i) => [data.x[i], v]));
  },
  create(el, series) {
    const chart = window.echarts.init(el, null, { renderer: "canvas", width: 1920, height: 600 });
    chart.setOption({
      animation: false,
      tooltip: { trigger: "axis" },
      xAxis: { type: "time" },
      yAxis: { type: "value", scale: true },
      dataZoom: [{ type: "inside", xAxisIndex: 0 }],
      series: series.map((d, i) => ({
        name: `Series ${i + 1}`,
        type: "line",
        data: d,
        showSymbol: false,
        sampling: "lttb",
        lineStyle: { width: LINE_WIDTH, color: COLORS[i] },
        itemStyle: { color: COLORS[i] },
      })),
    });
    return chart;
  },
  zoom(chart, from, to) {
    chart.dispatchAction({ type: "dataZoom", startValue: from, endValue: to });
  },
  stats() {
    return {};
  },
};
