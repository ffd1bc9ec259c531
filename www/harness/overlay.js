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

const overlaps = (a, b) => a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + b[3] && b[1] < a[1] + a[3];

/**
 * Where a `bw`×`bh` tooltip goes: beside the point (never over it), right or left, level
 * with it or else below or above it, the first that stays inside the chart and the
 * viewport and covers no annotation label (`tip.avoid`); else beside it, flipped near the
 * edges, as close as the chart allows.
 */
function placeTooltip(chart, tip, bw, bh) {
  const [w, h] = chart.size || [chart.stage.clientWidth, chart.stage.clientHeight];
  const gap = 12 + (tip.half_width || 0);
  const stageRect = chart.stage.getBoundingClientRect();
  const minLeft = Math.max(0, -stageRect.left);
  const maxRight = Math.min(w, window.innerWidth - stageRect.left);
  const avoid = tip.avoid || [];
  const point = [tip.x - gap + 2, tip.y - 6, 2 * gap - 4, 12];
  for (const left of [tip.x + gap, tip.x - gap - bw]) {
    for (const top of [tip.y - bh / 2, tip.y + 10, tip.y - 10 - bh]) {
      const box = [left, top, bw, bh];
      const inside = left >= minLeft && left + bw <= maxRight && top >= 0 && top + bh <= h;
      if (inside && !overlaps(box, point) && !avoid.some((a) => overlaps(box, a))) return [left, top];
    }
  }
  let left = tip.x + gap;
  if (left + bw > maxRight) left = tip.x - gap - bw;
  if (left < minLeft) left = Math.max(0, Math.min(tip.x + gap, w - bw));
  return [left, Math.max(0, Math.min(tip.y - bh / 2, h - bh))];
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
  const [left, top] = placeTooltip(chart, tip, box.offsetWidth, box.offsetHeight);
  box.style.transform = `translate(${Math.round(left)}px, ${Math.round(top)}px)`;
  box.dataset.side = left >= tip.x ? "right" : "left";
}
