// The iframe embed: embed.html?src=data/chart.json renders one chart at the iframe's full
// width and tells the parent page its height, so a CMS that only allows iframes can show
// the chart without scrollbars. The parent listens with the snippet in README.md.
//
// Only same-origin `src` URLs are accepted: the embed never fetches from elsewhere.
import { mount } from "./trade-chart.js";

const params = new URLSearchParams(location.search);
const src = params.get("src");
const id = params.get("id") || src || "";
const container = document.getElementById("chart");

function postHeight() {
  const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
  // "*" is safe here: the message carries only a height and the id the parent gave us.
  parent.postMessage({ type: "trade-chart:height", id, height }, "*");
}

new ResizeObserver(postHeight).observe(document.documentElement);
addEventListener("load", postHeight);

function sameOrigin(url) {
  try {
    return new URL(url, location.href).origin === location.origin;
  } catch {
    return false;
  }
}

if (!src) {
  container.textContent = "No chart: add ?src=path/to/spec.json to the embed URL.";
  container.dataset.tcState = "error";
} else if (!sameOrigin(src)) {
  container.textContent = "No chart: the embed only loads specs from its own site.";
  container.dataset.tcState = "error";
} else {
  mount(container, src).catch((e) => console.error("trade-chart embed:", e)).finally(postHeight);
}
