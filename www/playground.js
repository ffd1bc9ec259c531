// trade-chart playground: paste a JSON spec or CSV, see the chart, find the bad line.
//
// The module has two halves:
//   - pure helpers (exported, no DOM): format detection, a JSON parser that keeps the
//     position of every value, the error locator that maps a TradeChartError message to a
//     line of the input, the override logic and the embed-code builder. Node tests import
//     them directly; gallery.js reuses the locator.
//   - the page (runs only when the document has #playground): one mount(), then
//     chart.update() on every edit, debounced.
//
// All user and spec text reaches the DOM through textContent or a textarea's value.

/* ------------------------------------------------------------------ pure helpers */

/** "json" or "csv" from the first non-space character ("{" or "[" is JSON). */
export function detectFormat(text) {
  const m = /\S/.exec(text.replace(/^\uFEFF/, ""));
  if (!m) return "json";
  return m[0] === "{" || m[0] === "[" ? "json" : "csv";
}

/** 1-based line and column of a character offset in `text`. */
export function lineColumnOf(text, offset) {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Parses JSON text into a tree that remembers where each value starts:
 *   { type: "object", start, end, entries: [{ key, keyStart, value }] }
 *   { type: "array", start, end, items: [node] }
 *   { type: "string" | "number" | "literal", start, end, value }
 * Returns null when the text is not valid JSON (the engine reports the syntax error).
 */
export function parseJsonWithPositions(text) {
  return scanJson(text).root;
}

/**
 * Offset of the first character where `text` stops being valid JSON, or -1 when it is
 * valid. Used when the engine's syntax message carries no position (Chromium's JSON.parse
 * says `Unexpected token 'a', ..."…"... is not valid JSON`).
 */
export function jsonErrorOffset(text) {
  return scanJson(text).errorAt;
}

function scanJson(text) {
  let i = 0;
  const n = text.length;
  const fail = () => {
    throw new SyntaxError("invalid JSON");
  };
  const ws = () => {
    while (i < n && /[\s\uFEFF]/.test(text[i])) i++;
  };
  const string = () => {
    const start = i;
    i++; // opening quote
    let out = "";
    while (i < n && text[i] !== '"') {
      if (text[i] === "\\") {
        const c = text[i + 1];
        const map = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
        if (c === "u") {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail();
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
        } else if (c in map) {
          out += map[c];
          i += 2;
        } else fail();
      } else {
        if (text.charCodeAt(i) < 0x20) fail();
        out += text[i++];
      }
    }
    if (i >= n) fail();
    i++; // closing quote
    return { type: "string", start, end: i, value: out };
  };
  const value = () => {
    ws();
    const start = i;
    const c = text[i];
    if (c === "{") {
      i++;
      const entries = [];
      ws();
      if (text[i] === "}") {
        i++;
        return { type: "object", start, end: i, entries };
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        const keyStart = i;
        const key = string().value;
        ws();
        if (text[i] !== ":") fail();
        i++;
        entries.push({ key, keyStart, value: value() });
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "}") {
          i++;
          return { type: "object", start, end: i, entries };
        } else fail();
      }
    }
    if (c === "[") {
      i++;
      const items = [];
      ws();
      if (text[i] === "]") {
        i++;
        return { type: "array", start, end: i, items };
      }
      for (;;) {
        items.push(value());
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "]") {
          i++;
          return { type: "array", start, end: i, items };
        } else fail();
      }
    }
    if (c === '"') return string();
    const num = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (num) {
      i += num[0].length;
      return { type: "number", start, end: i, value: Number(num[0]) };
    }
    for (const [word, v] of [["true", true], ["false", false], ["null", null]]) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return { type: "literal", start, end: i, value: v };
      }
    }
    return fail();
  };
  try {
    const root = value();
    ws();
    return i === n ? { root, errorAt: -1 } : { root: null, errorAt: i };
  } catch {
    return { root: null, errorAt: Math.min(i, n) };
  }
}

function field(node, key) {
  if (!node || node.type !== "object") return null;
  // The engine reads the first occurrence of a key.
  return node.entries.find((e) => e.key === key) || null;
}

/** The series node named `name` (or at `index`) in a parsed spec. */
function findSeries(root, name, index) {
  const list = field(root, "series")?.value;
  if (!list || list.type !== "array") return null;
  if (name == null) return list.items[index] || null;
  return (
    list.items.find((s) => {
      const v = field(s, "name")?.value;
      return v && v.type === "string" && v.value === name;
    }) || null
  );
}

/**
 * Finds the line of the input that an error message points at.
 *
 * - JSON syntax errors (our Rust parser) end with "at line L column C";
 * - CSV errors start with "CSV line N" (in a JSON spec with a "csv" string, the line of
 *   that string, since JSON strings cannot span lines);
 * - spec errors name `series "X" point N` (or `series I point N` for an unnamed series),
 *   `series "X": field …`, `annotation N: field …` or `spec: field …`; they are looked up
 *   in the JSON text itself, so the line is the one the editor sees.
 *
 * Returns { line, column?, what } or null when the message names no place.
 */
export function locateError(text, message, format = detectFormat(text)) {
  if (typeof message !== "string") return null;
  // Our JSON parser: "… at line L column C"; V8's JSON.parse: "… at position P (line L column C)".
  const syntax = /\bline (\d+),? column (\d+)\)?\s*$/.exec(message);
  if (syntax) return { line: Number(syntax[1]), column: Number(syntax[2]), what: "syntax" };
  const position = /\bat position (\d+)/.exec(message);
  if (position && format === "json") return { ...lineColumnOf(text, Number(position[1])), what: "syntax" };
  if (format === "json" && /\bJSON\b/.test(message)) {
    // A syntax message with no position: find the place ourselves.
    const at = jsonErrorOffset(text);
    if (at >= 0) return { ...lineColumnOf(text, at), what: "syntax" };
  }

  const csv = /CSV line (\d+)/.exec(message);
  if (csv && format === "csv") return { line: Number(csv[1]), what: "csv" };

  const root = format === "json" ? parseJsonWithPositions(text) : null;
  if (!root) return null;
  const at = (node, what) => (node ? { ...lineColumnOf(text, node.start), what } : null);
  const atKey = (entry, what) => (entry ? { ...lineColumnOf(text, entry.keyStart), what } : null);

  if (csv) return atKey(field(root, "csv"), "csv") || null;

  // data[7].trade is … (records; the root may be the records array itself)
  const record = /^data\[(\d+)\](?:\.([^\s]+))?/.exec(message);
  if (record) {
    const list = root.type === "array" ? root : field(root, "data")?.value;
    const item = list && list.type === "array" ? list.items[Number(record[1])] : null;
    if (!item) return null;
    const cell = record[2] && item.type === "object" ? item.entries.find((e) => e.key === record[2]) : null;
    return cell ? at(cell.value, "point") : at(item, "point");
  }

  // series "X" point N[ (label)]: field is …
  const point = /^series (?:"(.*?)"|(\d+)) point (\d+)(?: \([^)]*\))?: (\w+)/.exec(message);
  if (point) {
    const [, name, idx, pointIndex, fieldName] = point;
    const series = findSeries(root, name ?? null, Number(idx));
    if (!series) return null;
    const k = Number(pointIndex);
    const data = field(series, "data")?.value;
    if (data && data.type === "array") {
      const pair = data.items[k];
      if (!pair) return atKey(field(series, "data"), "series");
      if (pair.type === "array" && (fieldName === "x" || fieldName === "y")) {
        const part = pair.items[fieldName === "x" ? 0 : 1];
        if (part) return at(part, "point");
      }
      return at(pair, "point");
    }
    // Column form: "x": [...], "y": [...]
    const column = field(series, fieldName === "x" ? "x" : "y")?.value;
    if (column && column.type === "array" && column.items[k]) return at(column.items[k], "point");
    return at(series, "series");
  }

  // series "X": … / series I: …
  const seriesMsg = /^series (?:"(.*?)"|(\d+)):\s*(.*)$/s.exec(message);
  if (seriesMsg) {
    const [, name, idx, rest] = seriesMsg;
    const series = findSeries(root, name ?? null, Number(idx));
    if (!series) return null;
    const named = fieldNamedIn(rest);
    return atKey(named && field(series, named), "field") || at(series, "series");
  }

  const annotation = /^annotation (\d+):\s*(.*)$/s.exec(message);
  if (annotation) {
    const list = field(root, "annotations")?.value;
    const node = list && list.type === "array" ? list.items[Number(annotation[1])] : null;
    if (!node) return atKey(field(root, "annotations"), "field");
    const named = fieldNamedIn(annotation[2]);
    return atKey(named && field(node, named), "field") || at(node, "annotation");
  }

  const spec = /^spec:\s*(.*)$/s.exec(message);
  if (spec) {
    const named = fieldNamedIn(spec[1]);
    return atKey(named && field(root, named), "field");
  }
  return null;
}

/** The field a message body is about: `unknown field "f"`, `the field "f" is required`, `f is …`, `x has …`. */
function fieldNamedIn(rest) {
  let m = /unknown field "([^"]+)"/.exec(rest);
  if (m) return m[1];
  m = /^the field "([^"]+)"/.exec(rest);
  if (m) return null; // missing: point at the owner instead
  m = /^x has \d+ values but y has/.exec(rest);
  if (m) return "y";
  m = /^(\w+) is /.exec(rest);
  return m ? m[1] : null;
}

/**
 * The spec for a pasted input: an array of records (what `fetch(...).json()` gives) is
 * `{data: records}`; anything else is as given.
 */
export function specFromInput(input) {
  return Array.isArray(input) ? { data: input } : input;
}

/**
 * The spec to embed: the last valid spec with the options detection chose (`xColumn`,
 * `seriesColumn`, `valueColumn`, `dateFormat`) written in, so the embedded chart reads
 * the data the same way even if the data changes. The spec's own fields win.
 */
export function withDetected(spec, detected = {}) {
  if (!spec || typeof spec !== "object" || Array.isArray(spec)) return spec;
  const out = { ...spec };
  const xField = out.x !== undefined ? "x" : "xColumn";
  for (const [k, v] of Object.entries(detected)) {
    if (k === "xColumn" && out[xField] !== undefined) continue;
    if (out[k] === undefined) out[k] = v;
  }
  return out;
}

/**
 * The spec the chart should show: the parsed input with the editor's overrides.
 * `input` is the spec object (JSON) or { csv: text }. A kind override also removes
 * per-series kinds, which would otherwise win over the chart's kind.
 */
export function applyOverrides(input, { view = "", kind = "", theme = "" } = {}) {
  if (!input || typeof input !== "object" || Array.isArray(input)) return input;
  const spec = { ...input };
  if (view) spec.view = view;
  if (theme) spec.theme = theme;
  if (kind) {
    spec.kind = kind;
    if (Array.isArray(spec.series)) {
      spec.series = spec.series.map((s) => {
        if (!s || typeof s !== "object" || !("kind" in s)) return s;
        const { kind: _dropped, ...rest } = s;
        return rest;
      });
    }
  }
  return spec;
}

/** JSON for inside <script type="application/json">: nothing in it can close the element. */
export function jsonForScript(spec) {
  return JSON.stringify(spec, null, 2)
    .replace(/<\//g, "<\\/")
    .replace(/<!--/g, "<\\u0021--")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** The HTML a reporter pastes into a page: the harness script and the element with its spec. */
export function embedSnippet(spec, scriptUrl) {
  const src = String(scriptUrl).replace(/&/g, "&amp;").replace(/"/g, "&quot;");
  return (
    `<script type="module" src="${src}"></script>\n` +
    `<trade-chart>\n<script type="application/json">\n${jsonForScript(spec)}\n</script>\n</trade-chart>\n`
  );
}

/** The part of an error message that says what is wrong, without where (shown on the line). */
export function shortReason(message) {
  return message
    .replace(/^the spec is not valid JSON: /, "")
    .replace(/^(series (?:"[^"]*"|\d+)(?: point \d+(?: \([^)]*\))?)?|annotation \d+|spec|CSV line \d+): /, "")
    .replace(/^data\[\d+\]\.?/, "")
    .replace(/, "?\.\.\.[\s\S]*$/, "") // Chromium: Unexpected token 'a', ..."context"... is not valid JSON
    .replace(/ (?:in JSON )?at (?:position \d+|line \d+)[\s\S]*$/, "")
    .trim();
}

/* ------------------------------------------------------------------ the page */

const DEBOUNCE_MS = 250;

async function startPlayground(root) {
  const { mount } = await import("./trade-chart.js");
  const $ = (id) => document.getElementById(id);
  const editor = $("pg-input");
  const gutter = $("pg-gutter");
  const marker = $("pg-marker");
  const errorList = $("pg-errors");
  const warningList = $("pg-warnings");
  const formatSelect = $("pg-format");
  const detected = $("pg-detected");
  const fileInput = $("pg-file");
  const viewSelect = $("pg-view");
  const kindSelect = $("pg-kind");
  const themeSelect = $("pg-theme");
  const chartBox = $("pg-chart");
  const status = $("pg-status");
  const embedButton = $("pg-embed-button");
  const embedCode = $("pg-embed-code");
  const embedNote = $("pg-embed-note");

  const state = { chart: null, lastGood: null, error: null, timer: 0, generation: 0 };
  window.playground = state; // for tests and the console

  const currentFormat = () => (formatSelect.value === "auto" ? detectFormat(editor.value) : formatSelect.value);
  const overrides = () => ({ view: viewSelect.value, kind: kindSelect.value, theme: themeSelect.value });

  function renderGutter() {
    const lines = editor.value.split("\n").length;
    if (Number(gutter.dataset.lines) !== lines) {
      let s = "";
      for (let k = 1; k <= lines; k++) s += k === lines ? `${k}` : `${k}\n`;
      gutter.textContent = s;
      gutter.dataset.lines = String(lines);
    }
    syncScroll();
  }

  function lineHeight() {
    return parseFloat(getComputedStyle(editor).lineHeight) || 20;
  }

  function syncScroll() {
    gutter.scrollTop = editor.scrollTop;
    const loc = state.error?.loc;
    if (!loc) return;
    const padTop = parseFloat(getComputedStyle(editor).paddingTop) || 0;
    const top = padTop + (loc.line - 1) * lineHeight() - editor.scrollTop;
    marker.style.transform = `translateY(${Math.round(top)}px)`;
    marker.style.height = `${lineHeight()}px`;
    // The reason sits at the right end of the line, only where it covers no text.
    const note = marker.querySelector(".pg-editor__marker-note");
    if (note) {
      const style = getComputedStyle(editor);
      const lineText = editor.value.split("\n")[loc.line - 1] || "";
      const textEnd =
        gutter.offsetWidth + parseFloat(style.paddingLeft) + textWidth(lineText.replace(/\t/g, "  "), style.font) - editor.scrollLeft;
      const room = marker.clientWidth - textEnd - 8 /* right */ - 16 /* gap */;
      note.hidden = room < 90;
      note.style.maxWidth = `${Math.max(0, Math.floor(room))}px`;
    }
  }

  const measure = document.createElement("canvas").getContext("2d");
  function textWidth(text, font) {
    if (!measure) return text.length * 8;
    measure.font = font;
    return measure.measureText(text).width;
  }

  function showError(message, loc) {
    state.error = { message, loc };
    errorList.replaceChildren();
    const item = document.createElement("li");
    item.className = "pg-error";
    if (loc) {
      const jump = document.createElement("button");
      jump.type = "button";
      jump.className = "pg-error__where";
      jump.textContent = loc.column ? `Line ${loc.line}, column ${loc.column}` : `Line ${loc.line}`;
      jump.addEventListener("click", () => goToLine(loc.line));
      item.append(jump);
    }
    const text = document.createElement("span");
    text.className = "pg-error__text";
    text.textContent = message;
    item.append(text);
    errorList.append(item);
    errorList.hidden = false;
    editor.setAttribute("aria-invalid", "true");
    if (loc) {
      marker.hidden = false;
      marker.dataset.line = String(loc.line);
      const note = document.createElement("span");
      note.className = "pg-editor__marker-note";
      // The part after the location: what is wrong with this line.
      note.textContent = shortReason(message);
      marker.replaceChildren(note);
      marker.title = message;
    } else {
      marker.hidden = true;
      delete marker.dataset.line;
    }
    root.dataset.state = "error";
    status.textContent = state.lastGood ? "Showing the last valid chart until the input is fixed." : "";
    syncScroll();
  }

  /** The chart's warnings (a column left out, series split by size) under the editor. */
  function showWarnings(warnings) {
    warningList.replaceChildren();
    for (const w of warnings) {
      const item = document.createElement("li");
      item.className = "pg-error pg-warning";
      const label = document.createElement("span");
      label.className = "pg-warning__label";
      label.textContent = "Note";
      const text = document.createElement("span");
      text.className = "pg-error__text";
      text.textContent = w;
      item.append(label, text);
      warningList.append(item);
    }
    warningList.hidden = warnings.length === 0;
  }

  function clearError() {
    state.error = null;
    errorList.replaceChildren();
    errorList.hidden = true;
    editor.removeAttribute("aria-invalid");
    marker.hidden = true;
    delete marker.dataset.line;
    root.dataset.state = "ok";
    status.textContent = "";
  }

  function goToLine(line) {
    const lines = editor.value.split("\n");
    let start = 0;
    for (let k = 0; k < line - 1 && k < lines.length; k++) start += lines[k].length + 1;
    const end = start + (lines[line - 1]?.length ?? 0);
    editor.focus();
    editor.setSelectionRange(start, end);
    const target = (line - 1) * lineHeight() - editor.clientHeight / 3;
    editor.scrollTop = Math.max(0, target);
    syncScroll();
  }

  /** Parses the editor, applies the overrides and hands the result to the chart. */
  async function apply() {
    clearTimeout(state.timer);
    state.timer = 0;
    const text = editor.value;
    const format = currentFormat();
    detected.textContent = formatSelect.value === "auto" ? `${format.toUpperCase()} detected` : "";
    let input;
    if (format === "csv") {
      input = { csv: text };
    } else {
      try {
        input = JSON.parse(text.replace(/^\uFEFF/, ""));
      } catch {
        // Let the engine parse the text: its message carries "at line L column C".
        input = text;
      }
    }
    const spec = typeof input === "string" ? input : applyOverrides(specFromInput(input), overrides());
    const generation = ++state.generation;
    try {
      if (!state.chart && typeof spec === "string") {
        // mount() would take text that does not start with "{" for a URL.
        JSON.parse(spec);
      }
      if (!state.chart) {
        chartBox.replaceChildren();
        const chart = await mount(chartBox, spec);
        if (generation !== state.generation) {
          // A newer edit arrived while mounting; show that instead.
          state.chart = chart;
          return apply();
        }
        state.chart = chart;
      } else {
        state.chart.update(spec);
      }
      // (A string here would be text the engine accepted but JSON.parse refused: keep the old one.)
      if (typeof spec !== "string") state.lastGood = spec;
      state.detected = state.chart.detected;
      clearError();
      showWarnings(state.chart.warnings);
      root.dataset.renders = String((Number(root.dataset.renders) || 0) + 1);
    } catch (e) {
      if (generation !== state.generation) return;
      const message = e && e.message ? e.message : String(e);
      if (!state.chart) chartBox.dataset.tcState = "error";
      showError(message, locateError(text, message, format));
    }
  }

  function schedule() {
    renderGutter();
    clearTimeout(state.timer);
    state.timer = setTimeout(apply, DEBOUNCE_MS);
  }

  editor.addEventListener("input", schedule);
  editor.addEventListener("scroll", syncScroll);
  window.addEventListener("resize", syncScroll);
  for (const select of [viewSelect, kindSelect, themeSelect, formatSelect]) {
    select.addEventListener("change", () => apply());
  }
  fileInput.addEventListener("change", async () => {
    const file = fileInput.files && fileInput.files[0];
    if (!file) return;
    editor.value = await file.text();
    fileInput.value = "";
    editor.scrollTop = 0;
    renderGutter();
    apply();
  });

  embedButton.addEventListener("click", async () => {
    if (!state.lastGood) {
      embedNote.textContent = "There is no valid chart to embed yet.";
      return;
    }
    const scriptUrl = new URL("trade-chart.js", document.baseURI).href;
    embedCode.value = embedSnippet(withDetected(state.lastGood, state.detected), scriptUrl);
    embedCode.hidden = false;
    let note = state.error ? "Embed code for the last valid chart (the input has an error). " : "";
    try {
      await navigator.clipboard.writeText(embedCode.value);
      note += "Copied to the clipboard.";
    } catch {
      embedCode.focus();
      embedCode.select();
      note += "Select the code below and copy it.";
    }
    embedNote.textContent = note;
  });

  // Prefill with the China–Russia trade spec.
  try {
    const response = await fetch("data/china-russia-trade.json", { credentials: "same-origin" });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    editor.value = await response.text();
  } catch (e) {
    editor.value = "";
    showError(`Could not load the example spec (data/china-russia-trade.json): ${e.message}`, null);
  }
  renderGutter();
  if (editor.value) await apply();
  root.dataset.ready = "true";
}

if (typeof document !== "undefined") {
  const root = document.getElementById("playground");
  if (root) {
    startPlayground(root).catch((e) => {
      console.error("playground:", e);
    });
  }
}
