// trade-chart gallery: shows the spec each <trade-chart> loads, next to it, and marks the
// offending line of a spec whose chart failed. Text reaches the DOM through textContent.
import "./trade-chart.js";
import { locateError, detectFormat } from "./playground.js";

/** JSON.stringify with 2-space indents, but short flat arrays and objects kept on one line. */
export function prettyJson(value, indent = "") {
  const inner = indent + "  ";
  const flat = (v) => v === null || typeof v !== "object";
  if (Array.isArray(value)) {
    if (!value.length) return "[]";
    if (value.every(flat)) return `[${value.map((v) => JSON.stringify(v)).join(", ")}]`;
    return `[\n${value.map((v) => inner + prettyJson(v, inner)).join(",\n")}\n${indent}]`;
  }
  if (value && typeof value === "object") {
    const keys = Object.keys(value);
    if (!keys.length) return "{}";
    const entries = keys.map((k) => [JSON.stringify(k), value[k]]);
    if (keys.every((k) => flat(value[k]))) {
      const one = `{${entries.map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join(", ")}}`;
      if (one.length + indent.length <= 88) return one;
    }
    return `{\n${entries.map(([k, v]) => `${inner}${k}: ${prettyJson(v, inner)}`).join(",\n")}\n${indent}}`;
  }
  return JSON.stringify(value);
}

/** Fills a <pre> with one span per line, so a line can be marked. */
function showCode(pre, text) {
  pre.replaceChildren();
  const lines = text.replace(/\n$/, "").split("\n");
  lines.forEach((line, i) => {
    const row = document.createElement("span");
    row.className = "g-code__line";
    row.dataset.line = String(i + 1);
    row.textContent = `${line}\n`;
    pre.append(row);
  });
  pre.dataset.text = "loaded";
}

function markError(example) {
  const pre = example.pre;
  if (!pre || !example.error || pre.dataset.text !== "loaded") return;
  const message = example.error.message || String(example.error);
  const loc = locateError(example.text, message, detectFormat(example.text));
  pre.querySelector(".g-code__line.is-error")?.classList.remove("is-error");
  if (loc) {
    const row = pre.querySelector(`.g-code__line[data-line="${loc.line}"]`);
    if (row) {
      row.classList.add("is-error");
      row.title = message;
      pre.dataset.errorLine = String(loc.line);
      // Scroll the pre (not the page) so the marked line is in view.
      pre.scrollTop = Math.max(0, row.offsetTop - pre.clientHeight / 2);
    }
  }
  let note = pre.parentElement.querySelector(".g-ex__error");
  if (!note) {
    note = document.createElement("p");
    note.className = "g-ex__error";
    pre.before(note);
  }
  note.textContent = loc ? `Line ${loc.line}: ${message}` : message;
}

async function setUp(article) {
  const element = article.querySelector("trade-chart");
  const pre = article.querySelector("pre[data-spec-for]");
  if (!element || !pre) return;
  const example = { pre, text: "", error: null };
  element.addEventListener("error", (e) => {
    example.error = e.detail && e.detail.error;
    markError(example);
  });
  element.addEventListener("ready", () => {
    example.error = null;
    pre.querySelector(".g-code__line.is-error")?.classList.remove("is-error");
  });
  const src = pre.dataset.specFor;
  try {
    const response = await fetch(src, { credentials: "same-origin" });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const raw = await response.text();
    if (/\.csv$/i.test(src)) {
      example.text = raw;
    } else {
      try {
        example.text = prettyJson(JSON.parse(raw));
      } catch {
        example.text = raw; // show it as it is; the chart reports the syntax error
      }
    }
    showCode(pre, example.text);
    markError(example);
  } catch (e) {
    pre.textContent = `Could not load ${src}: ${e.message}`;
  }
}

for (const article of document.querySelectorAll(".g-ex")) setUp(article);
