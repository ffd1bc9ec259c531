// Space before the chart arrives. A <trade-chart> holds a box of the chart's height from
// the moment it is on the page, so nothing below it moves when the wasm, the spec and the
// first frame arrive (cumulative layout shift 0). The box comes from, in this order:
//   aspect="4/3"       the whole element's width / height (CSS aspect-ratio, exact);
//   height / spec      the canvas height from the `height` attribute or an inline or
//                      element.spec `height`, plus the controls row;
//   a fallback image   whatever the element's light-DOM content (an <img> with width and
//                      height, a <picture>) already occupies;
//   nothing            an estimate from the width, as the chart's own layout sizes itself.
// For the first three the chart's first frame then fills exactly the box it had (its
// canvas takes what the buttons leave) and keeps that height until its width changes. An
// estimate only narrows the gap: the chart is drawn at the height its layout prefers.

/** Height of one row of buttons under the canvas: 12 px × 1.2 text, 8 px padding, 2 px
 *  border, 4 px margin (dom.js). `make fallback` leaves 28 px for it below each image. */
const CONTROLS_PX = 28.4;

/** An `aspect` attribute ("16/9", "1.5") as width / height, or null when absent or bad. */
export function parseAspect(text) {
  if (text == null) return null;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(?:[/:]\s*(\d+(?:\.\d+)?))?\s*$/.exec(text);
  if (!m) return null;
  const ratio = Number(m[1]) / (m[2] === undefined ? 1 : Number(m[2]));
  return Number.isFinite(ratio) && ratio >= 0.2 && ratio <= 10 ? ratio : null;
}

/** The `height` of an inline JSON spec or a spec object, when it is a plain number. */
function specHeight(spec, inline) {
  let value = spec && typeof spec === "object" ? spec.height : undefined;
  if (value === undefined && inline && inline.length < 200000) {
    try {
      value = JSON.parse(inline).height;
    } catch {
      // Rust reports the syntax error with its line and column when the chart is made.
    }
  }
  return typeof value === "number" && value > 0 && value < 10000 ? value : null;
}

/** The chart's own height rule (src/layout preferred_height) without its text: an estimate. */
function estimatedHeight(width) {
  // Title, subtitle, axis and source lines take about 140 px, more as they wrap when narrow.
  const text = 140 + Math.max(0, 640 - width) * 0.2;
  return Math.min(Math.max(width * 0.5, 200), 380) + text + CONTROLS_PX;
}

/** How tall the element's light-DOM fallback (an image, a picture, text) is drawn. */
function fallbackHeight(el) {
  let height = 0;
  for (const child of el.children) {
    if (child.localName !== "script") height += child.getBoundingClientRect().height;
  }
  return height;
}

/**
 * Sets the host's reserved box before the chart exists. `el` is the <trade-chart>; `spec`
 * the element.spec object (or null). Returns nothing; `release(el)` undoes it.
 */
export function reserve(el, spec) {
  const style = el.style;
  delete el.dataset.tcEstimate;
  const aspect = parseAspect(el.getAttribute("aspect"));
  style.aspectRatio = aspect ? String(aspect) : "";
  if (aspect) return;
  const inline = el.querySelector('script[type="application/json"]')?.textContent;
  const attr = Number(el.getAttribute("height"));
  const height = attr > 0 ? attr : specHeight(spec, inline);
  if (height) {
    style.minHeight = `${Math.round(height + CONTROLS_PX)}px`;
  } else if (!fallbackHeight(el)) {
    // No fallback content holds the space: estimate, as the layout would.
    style.minHeight = `${Math.round(estimatedHeight(el.clientWidth || 640))}px`;
    el.dataset.tcEstimate = "";
  }
}

/**
 * The content box the element holds now (before its shadow root hides the fallback), for
 * the chart's first frame to fill; null when it holds only an estimate.
 */
export function reservedBox(el) {
  if (el.dataset.tcEstimate !== undefined) return null;
  const r = el.getBoundingClientRect();
  const cs = getComputedStyle(el);
  const edge = (a, b, c, d) => [a, b, c, d].reduce((sum, k) => sum + (parseFloat(cs[k]) || 0), 0);
  const width = r.width - edge("paddingLeft", "paddingRight", "borderLeftWidth", "borderRightWidth");
  const height = r.height - edge("paddingTop", "paddingBottom", "borderTopWidth", "borderBottomWidth");
  return width > 0 && height > 0 ? { width, height } : null;
}

/** Drops the reservation once the chart is drawn at that size. */
export function release(el) {
  el.style.minHeight = "";
  el.style.aspectRatio = "";
  delete el.dataset.tcEstimate;
}
