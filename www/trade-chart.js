// trade-chart: the thin JavaScript harness around the WebAssembly chart engine.
//
//   import { mount } from "./trade-chart.js";
//   const chart = await mount(document.querySelector("#chart"), "data/trade.json");
//   chart.update(newSpec);   // throws (and shows) a TradeChartError on bad input
//   chart.destroy();         // removes everything mount added
//
// Importing this file also defines the <trade-chart> custom element. The harness owns the
// DOM and forwards plain numbers to Rust, which keeps the interaction state, lays out and
// draws. All text from a spec reaches the DOM through textContent, never as HTML. The code
// is in harness/, one small module per concern:
//
//   wasm.js       loading the wasm (compiled in trade-chart-worker.js where a worker can
//                 run, else here; one instance per page), redraw bits
//   fetch.js      fetching a spec or CSV by URL (timeout, errors naming the URL)
//   columns.js    handing numeric columns and records to wasm as Float64Arrays
//   dom.js        element helpers and the adopted stylesheet (no inline styles)
//   chart.js      the Chart class and mount()
//   listeners.js  pointer, touch, wheel, keyboard, size, theme and pixel-ratio listeners
//   overlay.js    the hover layer and the tooltip
//   a11y.js       accessible name, description, live region and data table
//   export.js     PNG, SVG and CSV export and the download buttons
//   element.js    the <trade-chart> custom element
//   errors.js     TradeChartError for errors raised in JS

export { Chart, mount } from "./harness/chart.js";
export { TradeChartElement } from "./harness/element.js";
export { loadWasm } from "./harness/wasm.js";
export { FETCH_TIMEOUT_MS } from "./harness/fetch.js";
