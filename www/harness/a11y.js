// What screen readers get: the stage's name, the generated description and key help
// (linked with aria-describedby), a polite live region for announcements, and the data
// table, built after the chart is on screen and shown with "Show data".
import { el } from "./dom.js";

/** Charts with up to this many points build their data table without being asked. */
const EAGER_TABLE_POINTS = 5000;

const KEY_HELP = "Use the arrow keys to move between points and series, Home and End to jump to the ends, plus and minus to zoom, 0 to reset, S to listen, Escape to leave.";

/** The description, help, live region and table elements for the chart with DOM id `id`. */
export function buildA11y(id) {
  const description = el("p", "tc-desc tc-hidden", { id: `${id}-desc` });
  const help = el("p", "tc-help tc-hidden", { id: `${id}-help` });
  help.textContent = KEY_HELP;
  const live = el("div", "tc-live tc-hidden", { "aria-live": "polite", "aria-atomic": "true" });
  const tableWrap = el("div", "tc-table tc-hidden", { id: `${id}-table` });
  return { description, help, live, tableWrap };
}

/** Names and describes the chart again (after a spec change) and schedules its table. */
export function refreshText(chart) {
  const handle = chart.handle;
  chart.stage.setAttribute("aria-label", handle.title() || "Chart");
  chart.description.textContent = handle.describe();
  clearTimeout(chart.tableTimer);
  chart.tableTimer = 0;
  // For long series (thousands of rows) only when a reader asks for it with "Show data".
  if (handle.pointCount() <= EAGER_TABLE_POINTS) {
    chart.tableTimer = setTimeout(() => {
      chart.tableTimer = 0;
      if (chart.handle) buildTable(chart);
    }, 0);
  } else {
    chart.tableBuilt = false;
    chart.tableWrap.textContent = "The data table is long; use the Show data button to build it.";
  }
}

function cell(tag, text, attrs) {
  const node = el(tag, "", attrs);
  node.textContent = text;
  return node;
}

/** Builds the data table Rust formats (headers with units, one row per date). */
export function buildTable(chart) {
  const data = chart.handle.dataTable();
  const table = document.createElement("table");
  const caption = cell("caption", `Data: ${chart.handle.title() || "chart"}`);
  const thead = document.createElement("thead");
  const headRow = document.createElement("tr");
  for (const h of data.headers) headRow.append(cell("th", h, { scope: "col" }));
  thead.append(headRow);
  const tbody = document.createElement("tbody");
  for (const row of data.rows) {
    const tr = document.createElement("tr");
    row.forEach((text, i) => tr.append(i === 0 ? cell("th", text, { scope: "row" }) : cell("td", text)));
    tbody.append(tr);
  }
  table.append(caption, thead, tbody);
  chart.tableWrap.replaceChildren(table);
}

/** Shows or hides the data table ("Show data" / "Hide data"), building it first if needed. */
export function toggleTable(chart) {
  if (chart.tableTimer || chart.tableBuilt === false) {
    clearTimeout(chart.tableTimer);
    chart.tableTimer = 0;
    buildTable(chart);
    chart.tableBuilt = true;
  }
  chart.tableVisible = !chart.tableVisible;
  chart.tableWrap.classList.toggle("tc-open", chart.tableVisible);
  chart.tableButton.textContent = chart.tableVisible ? "Hide data" : "Show data";
  chart.tableButton.setAttribute("aria-expanded", String(chart.tableVisible));
}
