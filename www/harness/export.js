// Exports: the chart as shown (current view, hidden series, theme) as a PNG at 2×, an SVG
// drawn by plotters-svg from the same layout, or the data as CSV, and the download buttons.
import { chartError } from "./errors.js";

function shownSize(chart) {
  const width = chart.container.clientWidth;
  return chart.size || [width, chart.handle.preferredHeight(width)];
}

/** The chart at 2× resolution, as a PNG Blob. */
export function toPNG(chart) {
  const [w, h] = shownSize(chart);
  const target = document.createElement("canvas");
  chart.handle.renderTo(target, w, h, 2, chart.prefersDark());
  return new Promise((resolve, reject) => target.toBlob((b) => (b ? resolve(b) : reject(chartError("PNG encoding failed", "render"))), "image/png"));
}

/** The chart as an SVG document string: text stays text, fonts are named, colours exact. */
export function toSVG(chart) {
  const [w, h] = shownSize(chart);
  return chart.handle.toSVG(w, h, chart.prefersDark());
}

/** A file name from the chart's title: "china-russia-trade-hit-a-record-in-2023.png". */
function fileName(chart, ext) {
  const base = (chart.handle.title() || "chart").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60);
  return `${base || "chart"}.${ext}`;
}

function download(blob, name) {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/** The three download buttons: [label, action, short label], for `chart`. */
export function downloads(chart) {
  return [
    ["Download PNG", async () => download(await toPNG(chart), fileName(chart, "png")), "PNG"],
    ["Download SVG", () => download(new Blob([toSVG(chart)], { type: "image/svg+xml" }), fileName(chart, "svg")), "SVG"],
    ["Download CSV", () => download(new Blob([chart.handle.toCSV()], { type: "text/csv" }), fileName(chart, "csv")), "CSV"],
  ];
}
