// Test page for tests/e2e/export.test.mjs: mounts a demo spec, and compares the data canvas
// with the chart's own toSVG() drawn by the browser as an image at the same size and DPR.
import { mount } from "../trade-chart.js";

const host = document.getElementById("host");
// Set through the CSSOM: the page's strict CSP refuses style attributes.
document.body.style.margin = "0";
host.style.width = "640px";
const frame = () => new Promise((r) => requestAnimationFrame(() => r()));

/** Mounts www/data/NAME.json in #host (width px wide, theme "light" | "dark"). */
window.show = async (name, { width = 640, theme = "light", options = {} } = {}) => {
  window.chart?.destroy();
  host.style.width = `${width}px`;
  host.dataset.theme = theme;
  window.chart = await mount(host, `../data/${name}.json`, options);
  await frame();
  await frame();
  return window.chart.toSVG();
};

/** RGBA pixels of an SVG document drawn by the browser at `w`×`h` device pixels. */
async function rasterize(svg, w, h) {
  const url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const c = document.createElement("canvas");
    c.width = w;
    c.height = h;
    const ctx = c.getContext("2d");
    ctx.drawImage(img, 0, 0, w, h);
    return ctx.getImageData(0, 0, w, h).data;
  } finally {
    URL.revokeObjectURL(url);
  }
}

/**
 * The fraction of pixels that differ between the data canvas and `svg` drawn as an image:
 * a pixel of one matches when a pixel of the other within `radius` device pixels (default:
 * one CSS pixel) has every channel within `tolerance`, so the two text rasterizers'
 * antialiasing does not count, and a moved axis or a missing series does. Returns {fraction, width, height}; with `dump`,
 * also both images as PNG data URLs.
 */
window.compare = async (svg, { tolerance = 40, radius = Math.round(window.devicePixelRatio), dump = false } = {}) => {
  const canvas = host.querySelector("canvas.tc-data");
  const { width: w, height: h } = canvas;
  const a = canvas.getContext("2d").getImageData(0, 0, w, h).data;
  const b = await rasterize(svg, w, h);
  const mask = dump ? new Uint8ClampedArray(w * h * 4).fill(255) : null;
  const unmatched = (p, q, tint) => {
    let count = 0;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const i = (y * w + x) * 4;
        let found = false;
        for (let dy = -radius; dy <= radius && !found; dy++) {
          const yy = y + dy;
          if (yy < 0 || yy >= h) continue;
          for (let dx = -radius; dx <= radius; dx++) {
            const xx = x + dx;
            if (xx < 0 || xx >= w) continue;
            const j = (yy * w + xx) * 4;
            if (Math.abs(p[i] - q[j]) <= tolerance && Math.abs(p[i + 1] - q[j + 1]) <= tolerance && Math.abs(p[i + 2] - q[j + 2]) <= tolerance) {
              found = true;
              break;
            }
          }
        }
        if (!found) {
          count++;
          if (mask) {
            mask[i + tint] = 0;
            mask[i + 2] = 0;
          }
        }
      }
    }
    return count;
  };
  // In the diff image, canvas pixels the SVG lacks are red, SVG pixels the canvas lacks green.
  const fraction = (unmatched(a, b, 1) + unmatched(b, a, 0)) / (2 * w * h);
  const out = { fraction, width: w, height: h };
  if (dump) {
    out.canvas = canvas.toDataURL("image/png");
    const c = document.createElement("canvas");
    c.width = w;
    c.height = h;
    c.getContext("2d").putImageData(new ImageData(b, w, h), 0, 0);
    out.svg = c.toDataURL("image/png");
    c.getContext("2d").putImageData(new ImageData(mask, w, h), 0, 0);
    out.diff = c.toDataURL("image/png");
  }
  return out;
};
