// The wasm's compile, off the page's main thread: a dedicated worker started by wasm.js.
// It fetches and compiles the module (streamed), then puts two small charts of its own
// through the path a page takes (spec text in, lay out, draw, hover, tooltip, accessible
// text) on an OffscreenCanvas, and posts the compiled module back.
//
// Why: Chromium compiles a wasm function the first time it is called, on the thread that
// calls it. The compiled code belongs to the module, which every thread that instantiates
// it shares, so what this worker calls is ready when the page draws its first chart and
// when a reader first hovers (BENCHMARKS.md "Compiling off the main thread"). Engines that
// compile the whole module up front lose nothing but a little work on another core.
//
// Protocol: the page posts the wasm's URL; the worker answers {started: true} once this
// module has loaded, then {module} or {error}. The warm-up charts' own failures are
// swallowed (the module is still good); a failed fetch or compile is reported, and the
// page then compiles on its own thread, whose error names the problem.
// The glue is imported once the wasm is on its way: the worker starts sooner, and the
// two downloads overlap.
const glue = () => import("../pkg/trade_chart.js");

/** Two charts that between them reach the demo's kinds: lines with two units, a point
 * and a line annotation on a second axis, and bars. Made-up figures; nobody sees them. */
const YEARS = ["2016", "2017", "2018", "2019", "2020", "2021", "2022", "2023"];
const series = (name, unit, values, kind) => ({ name, unit, kind, data: YEARS.map((y, i) => [y, values[i]]) });
const WARM_SPECS = [
  {
    title: "Warm-up",
    subtitle: "Two series, two units",
    source: "Made up",
    kind: "line",
    view: "dual-axis",
    series: [
      series("A", { prefix: "$", suffix: "bn" }, [70, 84, 107, 111, 108, 147, 190, 240], "line"),
      series("B", { suffix: " mt" }, [52, 60, 71, 78, 84, 80, 87, 107], "line"),
    ],
    annotations: [
      { type: "point", series: "A", x: "2023", label: "High" },
      { type: "line", x: "2022", label: "Event" },
    ],
  },
  {
    title: "Warm-up bars",
    kind: "bar",
    series: [series("A", { prefix: "$", suffix: "bn" }, [70, 84, 107, 111, 108, 147, 190, 240], "bar")],
  },
];
const WIDTH = 640;

/** The calls a page makes for one chart, on an OffscreenCanvas. */
function drawOne(ChartHandle, spec) {
  const canvas = new OffscreenCanvas(1, 1);
  const handle = new ChartHandle(canvas, JSON.stringify(spec), undefined, undefined);
  try {
    handle.render(WIDTH, handle.preferredHeight(WIDTH), 2, false);
    handle.describe();
    handle.dataTable();
    const [left, top, width, height] = handle.plotArea();
    handle.pointerMove(left + width * 0.6, top + height / 2);
    handle.overlayMarks();
    handle.tooltip();
    handle.pointerLeave();
  } finally {
    handle.free();
  }
}

/**
 * The draw path asks for an HTMLCanvasElement and its 2D context (wasm-bindgen checks them
 * with `instanceof`, and marks the canvas dir="ltr"). A worker has neither class; inside
 * this worker, and only here, the offscreen ones stand in for them.
 */
function offscreenStandIns() {
  if (typeof OffscreenCanvas !== "function" || typeof OffscreenCanvasRenderingContext2D !== "function") return false;
  globalThis.HTMLCanvasElement = OffscreenCanvas;
  globalThis.CanvasRenderingContext2D = OffscreenCanvasRenderingContext2D;
  const attributes = new WeakMap();
  OffscreenCanvas.prototype.getAttribute = function (name) {
    return attributes.get(this)?.[name] ?? null;
  };
  OffscreenCanvas.prototype.setAttribute = function (name, value) {
    attributes.set(this, { ...attributes.get(this), [name]: String(value) });
  };
  return true;
}

async function compileAndWarm(url) {
  const loading = glue().catch(() => null);
  const response = await fetch(url, { credentials: "same-origin" });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const module = await WebAssembly.compileStreaming(response);
  const bound = await loading;
  try {
    const { initSync, ChartHandle } = bound;
    initSync({ module });
    if (offscreenStandIns()) for (const spec of WARM_SPECS) drawOne(ChartHandle, spec);
  } catch {
    // Only the warm-up failed; the page compiles what it still needs itself.
  }
  return module;
}

self.onmessage = ({ data: url }) => {
  compileAndWarm(String(url)).then(
    (module) => self.postMessage({ module }),
    (e) => self.postMessage({ error: String(e && e.message ? e.message : e) }),
  );
};
self.postMessage({ started: true });
