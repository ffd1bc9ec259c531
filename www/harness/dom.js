// DOM building: element helpers and the one stylesheet every chart's elements use. The
// stylesheet is a constructed CSSStyleSheet adopted by the document or shadow root the
// chart sits in: no inline <style>, no style attributes, so it holds under a strict
// Content-Security-Policy (style-src 'self'). Only numbers Rust computes per frame (mark
// positions and sizes, series colours as custom properties) are set on elements directly.

const CSS = `
.tc-chart { position: relative; width: 100%; container-type: inline-size; }
@container (max-width: 520px) { .tc-long { display: none; } }
.tc-chart [hidden] { display: none !important; }
.tc-error {
  font: 14px/1.4 system-ui, sans-serif; padding: 10px 12px; margin: 0 0 8px;
  border: 1px solid #c0392b; border-left-width: 4px; background: #fdf0ee; color: #7b241c;
  white-space: pre-wrap;
}
.tc-dark .tc-error { background: #3a1d1a; color: #ffd9d3; border-color: #e0705f; }
.tc-stage { position: relative; touch-action: pan-y; outline: none; user-select: none; -webkit-user-select: none; }
.tc-stage:focus-visible { outline: 2px solid #1a73c8; outline-offset: 2px; }
.tc-data { display: block; width: 100%; }
.tc-overlay { position: absolute; left: 0; top: 0; width: 100%; height: 100%; pointer-events: none; overflow: hidden; }
.tc-mark { position: absolute; left: 0; top: 0; box-sizing: border-box; }
.tc-mark[data-kind="crosshair"] { background: var(--tc-color); opacity: 0.8; }
.tc-mark[data-kind="dot"] { background: var(--tc-fill); border: 2.5px solid var(--tc-color); border-radius: 50%; }
.tc-mark[data-kind="bar"] { background: var(--tc-color); opacity: 0.18; }
.tc-mark[data-kind="ring"] { border: 2px solid var(--tc-color); border-radius: 50%; }
.tc-mark[data-kind="brush"] { background: rgba(127, 127, 127, 0.18); border-left: 1px solid var(--tc-color); border-right: 1px solid var(--tc-color); }
.tc-tooltip {
  position: absolute; left: 0; top: 0; z-index: 2; pointer-events: none; max-width: 260px;
  font: 13px/1.35 system-ui, sans-serif; padding: 6px 9px; border-radius: 4px;
  box-shadow: 0 1px 4px rgba(0, 0, 0, 0.25); background: #fff; color: #111;
}
.tc-dark .tc-tooltip { background: #2b2e33; color: #eee; }
.tc-tooltip-title { font-weight: 700; margin-bottom: 2px; }
.tc-tooltip-row { display: flex; align-items: baseline; gap: 6px; font-weight: 400; }
.tc-tooltip-row.tc-current { font-weight: 600; }
.tc-swatch { display: inline-block; width: 9px; height: 9px; border-radius: 2px; flex: none; background: var(--tc-color); }
.tc-tooltip-change { padding-left: 15px; opacity: 0.75; font-size: 12px; }
.tc-controls { display: flex; gap: 6px; justify-content: flex-end; flex-wrap: wrap; margin: 4px 0 0; }
.tc-button {
  font: 12px/1.2 system-ui, sans-serif; padding: 4px 8px; border: 1px solid currentColor;
  border-radius: 3px; background: transparent; color: inherit; cursor: pointer; opacity: 0.8;
}
.tc-button:disabled { opacity: 0.4; cursor: default; }
.tc-step-status { font: 12px/1.2 system-ui, sans-serif; align-self: center; opacity: 0.8; }
.tc-hidden {
  position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
  clip-path: inset(50%); white-space: nowrap; border: 0;
}
.tc-table.tc-open { position: static; width: auto; height: auto; margin: 8px 0 0; overflow-x: auto; clip-path: none; white-space: normal; }
.tc-table table { border-collapse: collapse; font: 13px/1.4 system-ui, sans-serif; width: 100%; }
.tc-table caption { text-align: left; font-weight: 700; padding: 4px 0; }
.tc-table th, .tc-table td { padding: 2px 6px; text-align: right; }
.tc-table td, .tc-table tbody th { font-weight: 400; }
.tc-table thead th { text-align: left; border-bottom: 1px solid currentColor; }
.tc-table tbody th { text-align: left; }
`;

let sheet;

/** Adopts the chart stylesheet into the document or shadow root that holds `node` (once). */
export function adoptStyles(node) {
  if (typeof CSSStyleSheet !== "function" || !("adoptedStyleSheets" in Document.prototype)) return;
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
  }
  const root = node.getRootNode();
  const target = root instanceof ShadowRoot || root instanceof Document ? root : document;
  if (!target.adoptedStyleSheets.includes(sheet)) target.adoptedStyleSheets = [...target.adoptedStyleSheets, sheet];
}

/** A new element with a class name and attributes. */
export function el(tag, className, attrs = {}) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
}

/**
 * A chart button. With `short` ("PNG" for "Download PNG"), a narrow chart shows only
 * that part, so the controls stay one row on a phone; the accessible name stays whole.
 */
export function button(label, onClick, short) {
  const b = el("button", "tc-button", { type: "button" });
  if (short && label.endsWith(short) && label !== short) {
    const long = el("span", "tc-long");
    long.textContent = label.slice(0, -short.length);
    b.append(long, short);
    b.setAttribute("aria-label", label);
  } else {
    b.textContent = label;
  }
  b.addEventListener("click", onClick);
  return b;
}

/**
 * Dark when `node` or an ancestor (through shadow roots) says `data-theme="dark"`, light
 * when one says another theme, else the reader's colour-scheme preference.
 */
export function isDark(node) {
  for (let n = node; n; n = n.parentElement || n.getRootNode().host) {
    if (n.dataset && n.dataset.theme) return n.dataset.theme === "dark";
  }
  return matchMedia("(prefers-color-scheme: dark)").matches;
}

/** The box that says why a chart could not be drawn, where no chart is left to keep. */
export function showMountError(container, e) {
  adoptStyles(container);
  const box = el("div", "tc-error", { role: "alert" });
  box.textContent = `Chart could not be drawn: ${e && e.message ? e.message : e}`;
  const wrap = el("div", isDark(container) ? "tc-chart tc-dark" : "tc-chart");
  wrap.append(box);
  container.append(wrap);
  container.dataset.tcState = "error";
}
