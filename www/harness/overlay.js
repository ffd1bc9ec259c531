// The hover layer: crosshair, dots, bar highlight, focus ring and zoom brush as a few
// positioned elements, and the tooltip, all placed from numbers Rust computes. Hovering
// only touches these elements; the data canvas is never redrawn for it.
import { el } from "./dom.js";

/** The overlay and tooltip elements of one chart's stage. */
export function buildOverlay() {
  const overlay = el("div", "tc-overlay", { "aria-hidden": "true" });
  const tooltip = el("div", "tc-tooltip", { "aria-hidden": "true" });
  tooltip.hidden = true;
  return { overlay, tooltip };
}

/** Places the hover marks Rust computed; elements are pooled and reused. */
export function updateMarks(chart) {
  const marks = chart.handle.overlayMarks();
  const pool = chart.markPool;
  while (pool.length < marks.length) {
    const node = el("div", "tc-mark");
    chart.overlay.append(node);
    pool.push(node);
  }
  pool.forEach((node, i) => {
    const m = marks[i];
    node.hidden = !m;
    if (!m) return;
    node.dataset.kind = m.kind;
    const s = node.style;
    s.width = `${m.w}px`;
    s.height = `${m.h}px`;
    s.transform = `translate(${m.x}px, ${m.y}px)`;
    s.setProperty("--tc-color", m.color || "transparent");
    s.setProperty("--tc-fill", m.fill || "transparent");
  });
}

/** Sets a node's text only when it changed (a hover move mostly changes a few numbers). */
function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

/**
 * Fills the tooltip from Rust's rows, reusing the row elements of the last move: a move
 * along a line changes texts, not the tooltip's structure.
 */
function tooltipRows(box, tip) {
  if (!box.firstChild) box.append(el("div", "tc-tooltip-title"));
  setText(box.firstChild, tip.title);
  let node = box.firstChild.nextSibling;
  for (const row of tip.rows) {
    if (!node || !node.classList.contains("tc-tooltip-row")) {
      const line = el("div", "tc-tooltip-row");
      line.append(el("span", "tc-swatch"), el("span"));
      box.insertBefore(line, node);
      node = line;
    }
    node.classList.toggle("tc-current", Boolean(row.current));
    node.firstChild.style.setProperty("--tc-color", row.color);
    setText(node.lastChild, `${row.name}: ${row.value}`);
    node = node.nextSibling;
    if (row.change) {
      if (!node || !node.classList.contains("tc-tooltip-change")) {
        const change = el("div", "tc-tooltip-change");
        box.insertBefore(change, node);
        node = change;
      }
      setText(node, row.change);
      node = node.nextSibling;
    }
  }
  while (node) {
    const next = node.nextSibling;
    node.remove();
    node = next;
  }
}

/** Shows the tooltip Rust describes beside its point (never over it), flipped near the edges, inside chart and viewport. */
export function updateTooltip(chart) {
  const tip = chart.handle.tooltip();
  chart.emit("hover", tip);
  const box = chart.tooltipBox;
  if (!tip || tip.rows.length === 0) {
    box.hidden = true;
    return;
  }
  tooltipRows(box, tip);
  box.hidden = false;
  const [w, h] = chart.size || [chart.stage.clientWidth, chart.stage.clientHeight];
  const bw = box.offsetWidth;
  const bh = box.offsetHeight;
  const gap = 12 + (tip.half_width || 0);
  const stageRect = chart.stage.getBoundingClientRect();
  const viewportRight = Math.min(w, window.innerWidth - stageRect.left);
  let left = tip.x + gap;
  if (left + bw > viewportRight) left = tip.x - gap - bw;
  if (left < Math.max(0, -stageRect.left)) left = Math.max(0, Math.min(tip.x + gap, w - bw));
  let top = tip.y - bh / 2;
  top = Math.max(0, Math.min(top, h - bh));
  box.style.transform = `translate(${Math.round(left)}px, ${Math.round(top)}px)`;
  box.dataset.side = left >= tip.x ? "right" : "left";
}
