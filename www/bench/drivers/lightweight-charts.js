// lightweight-charts: a LineSeries fed {time (UTC seconds), value} objects, fitted to
// the full range (minBarSpacing lowered so that every point fits the width, like the others).
import { loadScript } from "./common.js";
import { COLORS } from "../data.js";

export default {
  name: "lightweight-charts",
  async load(vendor) {
    await loadScript(`${vendor}lightweight-charts/lightweight-charts.standalone.production.js`);
    return {};
  },
  prepare(data) {
    return data.ys.map((y) => Array.from(y, (v, i) => ({ time: data.x[i] / 1000, value: v })));
  },
  create(el, series) {
    const LWC = window.LightweightCharts;
    const chart = LWC.createChart(el, { width: 1920, height: 600, timeScale: { minBarSpacing: 0.0001, timeVisible: true } });
    series.forEach((d, i) => {
      const s = chart.addSeries(LWC.LineSeries, { color: COLORS[i], lineWidth: 3, priceLineVisible: false, lastValueVisible: false });
      s.setData(d);
    });
    chart.timeScale().fitContent();
    return chart;
  },
  zoom(chart, from, to) {
    chart.timeScale().setVisibleRange({ from: from / 1000, to: to / 1000 });
  },
  stats() {
    return {};
  },
};
