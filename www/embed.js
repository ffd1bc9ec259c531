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

/**
 * The embedding page's origin when the browser tells us (ancestorOrigins in Chromium and
 * WebKit, else the referrer's origin), so the height goes only there. When neither is
 * known (Firefox with a no-referrer policy) it is posted to "*": the message carries only
 * a height in pixels and the id the parent itself put in our URL, nothing secret.
 */
function parentOrigin() {
  const ancestor = location.ancestorOrigins && location.ancestorOrigins[0];
  if (ancestor && ancestor !== "null") return ancestor;
  try {
    const origin = new URL(document.referrer).origin;
    if (origin && origin !== "null") return origin;
  } catch {
    // no referrer
  }
  return "*";
}
const target = parentOrigin();

// Scrolling. embed.css starts the page with overflow-y: hidden, so while a host page grows
// the iframe from its initial height no scrollbar appears and vanishes again: that would
// narrow and widen the chart (two extra layouts, a visible jump, and in WebKit a
// "ResizeObserver loop" error). The page becomes scrollable only when nobody sizes it:
// opened on its own, no reply from embed-host.js within HOST_WAIT_MS, or a host that gave
// it less height than it asked for (a max-height on the iframe, say). A host that answers
// late makes it unscrollable again.
const HOST_WAIT_MS = 1500;
const root = document.documentElement;
let hostTimer = 0;

function allowScrolling() {
  clearTimeout(hostTimer);
  root.classList.add("tc-scroll");
}

function postHeight() {
  if (parent === window) return allowScrolling();
  const height = Math.ceil(root.getBoundingClientRect().height);
  parent.postMessage({ type: "trade-chart:height", id, height }, target);
  if (!hostTimer && !root.classList.contains("tc-hosted")) hostTimer = setTimeout(allowScrolling, HOST_WAIT_MS);
}

// embed-host.js answers each height it was asked for with the height the iframe now has.
addEventListener("message", (event) => {
  const data = event.data;
  if (event.source !== parent || (target !== "*" && event.origin !== target)) return;
  if (!data || data.type !== "trade-chart:sized" || data.id !== id || typeof data.height !== "number" || typeof data.asked !== "number") return;
  clearTimeout(hostTimer);
  root.classList.add("tc-hosted");
  root.classList.toggle("tc-scroll", data.height + 1 < data.asked);
});

new ResizeObserver(postHeight).observe(root);
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
