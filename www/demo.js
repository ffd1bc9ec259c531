// Mounts every chart on the demo page. No inline scripts: the page's CSP allows only same-origin files.
import { mount } from "./trade-chart.js";

const charts = document.querySelectorAll("[data-chart-src]");

for (const el of charts) {
  const src = el.dataset.chartSrc;
  Promise.resolve()
    .then(() => mount(el, src))
    .catch((err) => {
      console.error(`trade-chart: could not draw ${src}:`, err);
    });
}
