// Test page for tests/e2e/reliability.test.mjs (CSP-safe: no inline script or style).
//
// - Wraps window.fetch before the harness is loaded, recording the URL and the
//   credentials mode of every call in window.fetchLog.
// - Mounts one healthy chart in #healthy (window.C.healthy) that the test hovers after each
//   failure, to prove that a bad chart never breaks its neighbours or the shared wasm.
// - Exposes mount, the wasm exports (window.wasm.memory) and the trade spec.
const realFetch = window.fetch.bind(window);
window.fetchLog = [];
/** Charts the test refers to by name (CSP forbids eval, so the test passes keys). */
window.C = {};
window.fetch = (input, init = {}) => {
  const url = typeof input === "string" ? input : input && input.url;
  window.fetchLog.push({ url: String(url), credentials: init.credentials ?? null, hasSignal: !!init.signal });
  return realFetch(input, init);
};

window.relReady = (async () => {
  // Imported only now, so that the harness sees the wrapped fetch whatever it captures.
  const tc = await import("../trade-chart.js");
  window.tc = tc;
  window.wasm = await tc.loadWasm();
  const res = await realFetch("../data/china-russia-trade.json", { credentials: "same-origin" });
  window.tradeSpec = await res.json();
  window.C.healthy = await tc.mount(document.getElementById("healthy"), window.tradeSpec);
  return true;
})().catch((err) => {
  console.error("reliability page: setup failed:", err);
  throw err;
});

/** Helpers the test calls through page.evaluate. */
window.rel = {
  /** Specs for the bad-input cases, built in the page (typed arrays and NaN do not survive JSON). */
  build: (name) => {
    const years = ["2019", "2020", "2021", "2022", "2023"];
    const day = 86400000;
    const t0 = Date.UTC(2000, 0, 1);
    switch (name) {
      case "empty": return {};
      case "no-series": return { series: [] };
      case "nan-plain-y": return { series: [{ name: "S", x: years, y: [1, 2, NaN, 4, 5] }] };
      case "nan-data": return { series: [{ name: "S", data: [["2019", 1], ["2020", NaN], ["2021", 3]] }] };
      case "inf-plain-y": return { series: [{ name: "S", x: years, y: [1, 2, 3, Infinity, 5] }] };
      case "nan-long-plain": {
        const x = Array.from({ length: 20000 }, (_, i) => t0 + i * day);
        const y = Array.from({ length: 20000 }, (_, i) => (i === 12345 ? NaN : i % 97));
        return { series: [{ name: "Long", x, y }] };
      }
      case "inf-long-plain": {
        const x = Array.from({ length: 20000 }, (_, i) => t0 + i * day);
        const y = Array.from({ length: 20000 }, (_, i) => (i === 15000 ? -Infinity : i % 97));
        return { series: [{ name: "Long", x, y }] };
      }
      case "f64-y-nan": {
        const x = Float64Array.from({ length: 50 }, (_, i) => t0 + i * day);
        const y = Float64Array.from({ length: 50 }, (_, i) => (i >= 20 && i < 25 ? NaN : Math.sin(i / 5) * 10 + 20));
        return { series: [{ name: "Gappy", x, y }] };
      }
      case "f64-x-inf": {
        const x = Float64Array.from({ length: 10 }, (_, i) => (i === 3 ? Infinity : t0 + i * day));
        const y = Float64Array.from({ length: 10 }, (_, i) => i);
        return { series: [{ name: "Bad x", x, y }] };
      }
      case "string-y": return { series: [{ name: "S", x: years, y: [1, "2", 3, 4, 5] }] };
      case "string-data": return { series: [{ name: "S", data: [["2019", 1], ["2020", "n/a"]] }] };
      case "string-height": return { height: "400", series: [{ name: "S", data: [["2019", 1], ["2020", 2]] }] };
      case "mismatch-typed": return { series: [{ name: "Short", x: new Float64Array([t0, t0 + day, t0 + 2 * day]), y: new Float64Array([1, 2]) }] };
      case "1000-series": return {
        title: "A thousand series",
        series: Array.from({ length: 1000 }, (_, s) => ({ name: "Series " + s, data: years.map((x, i) => [x, s + i]) })),
      };
      case "long-title": return {
        title: "word ".repeat(2000).slice(0, 9995) + " end.", // exactly 10,000 characters (the limit)
        series: [{ name: "S", data: years.map((x, i) => [x, i + 1]) }],
      };
      case "short-title": return { title: "Short", series: [{ name: "S", data: years.map((x, i) => [x, i + 1]) }] };
      case "rtl-cjk": return {
        title: "التجارة بين الصين وروسيا 中俄贸易创纪录",
        subtitle: "مليار دولار · 十亿美元",
        source: "الجمارك الصينية · 中国海关",
        locale: "zh-CN",
        series: [
          { name: "التجارة", unit: "$", data: years.map((x, i) => [x, 100 + i * 10]) },
          { name: "原油进口", unit: "$", data: years.map((x, i) => [x, 50 + i * 5]) },
          { name: "סחר", unit: "$", data: years.map((x, i) => [x, 20 + i]) },
        ],
        annotations: [{ type: "point", series: "原油进口", x: "2022", label: "创纪录 · رقم قياسي" }],
      };
      default: throw new Error("unknown case " + name);
    }
  },

  /** A fresh container in #work, `width` CSS px wide (full width when absent). */
  box(id, width) {
    const d = document.createElement("div");
    d.id = id;
    d.className = "rel-box";
    if (width) d.style.width = `${width}px`;
    document.getElementById("work").append(d);
    return d;
  },

  /** [width, height, FNV-1a of every pixel] of a canvas. */
  digest(canvas) {
    const ctx = canvas.getContext("2d");
    const d = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    let h = 2166136261;
    for (let i = 0; i < d.length; i++) {
      h ^= d[i];
      h = Math.imul(h, 16777619);
    }
    return [canvas.width, canvas.height, h >>> 0];
  },

  /** Share of the plot area (canvas data-plot, CSS px) whose pixels differ from the top-left one. */
  drawnShare(canvas) {
    const plot = (canvas.dataset.plot || "").split(",").map(Number);
    if (plot.length !== 4 || !plot.every(Number.isFinite)) return 0;
    const dpr = canvas.width / canvas.getBoundingClientRect().width;
    const [x, y, w, h] = plot.map((v) => Math.round(v * dpr));
    const ctx = canvas.getContext("2d");
    const bg = ctx.getImageData(0, 0, 1, 1).data;
    const pw = Math.max(0, Math.min(w, canvas.width - x));
    const ph = Math.max(0, Math.min(h, canvas.height - y));
    if (!pw || !ph) return 0;
    const d = ctx.getImageData(x, y, pw, ph).data;
    let drawn = 0;
    for (let i = 0; i < d.length; i += 4) {
      if (Math.abs(d[i] - bg[0]) + Math.abs(d[i + 1] - bg[1]) + Math.abs(d[i + 2] - bg[2]) + Math.abs(d[i + 3] - bg[3]) > 8) drawn++;
    }
    return drawn / (pw * ph);
  },

  /** Every element matching `selector` in the document and in every (nested) open shadow root. */
  deepQueryAll(selector) {
    const out = [];
    const visit = (root) => {
      out.push(...root.querySelectorAll(selector));
      for (const el of root.querySelectorAll("*")) if (el.shadowRoot) visit(el.shadowRoot);
    };
    visit(document);
    return out;
  },
};
