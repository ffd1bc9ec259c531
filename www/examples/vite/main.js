// A Vite app that uses the trade-chart package: mount() a chart from a JS object whose
// columns are typed arrays (x: epoch milliseconds, UTC; y: values, NaN for a gap).
// Vite bundles the harness and emits trade_chart_bg.wasm as an asset, because the package
// loads it with `new URL("./trade_chart_bg.wasm", import.meta.url)`.
import { mount } from "trade-chart";

const years = [2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023];
const trade = [69.52, 84.07, 107.06, 110.75, 107.76, 146.89, 190.27, 240.1];

const spec = {
  title: "China–Russia trade hit a record in 2023",
  subtitle: "Annual bilateral trade in goods, US$ bn",
  source: "Chinese customs data (General Administration of Customs of China), via Reuters",
  notes: "Total of Chinese exports to and imports from Russia, current US dollars.",
  kind: "bar",
  locale: "en-GB",
  series: [
    {
      name: "Trade",
      unit: { prefix: "$", suffix: "bn" },
      kind: "bar",
      x: Float64Array.from(years, (y) => Date.UTC(y, 0, 1)),
      y: Float64Array.from(trade),
    },
  ],
  annotations: [{ type: "point", series: "Trade", x: "2023", label: "Record: $240.1bn" }],
};

const container = document.getElementById("chart");
mount(container, spec).then(
  (chart) => {
    // Handy in the console; a real app would keep it in its own state.
    window.tradeChart = chart;
  },
  (err) => console.error("trade-chart:", err),
);
