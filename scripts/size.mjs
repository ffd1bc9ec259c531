// Size report for one chart on a page: what the browser downloads (raw, gzip -9, brotli -q11),
// with a budget check, and where the wasm bytes go.
//
//   node scripts/size.mjs                  # report + budget check (exit 1 when over budget)
//   node scripts/size.mjs --wasm FILE      # per-function/crate breakdown of a wasm file that
//                                          # has a name section (e.g. a --profiling build)
//   node scripts/size.mjs --json           # machine-readable
//
// The budget is size-budget.json's "gzipTotalBytes" (gzip of the files together).
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** What a page loads for one trade-chart chart. */
export const TRADE_CHART_FILES = [
  "pkg/trade_chart_bg.wasm",
  // scripts/package.mjs: the harness and the wasm-bindgen glue, bundled and minified; the
  // story and sound chunks load only for a chart with steps or a reader who listens.
  "pkg/trade-chart.js",
  "pkg/trade-chart-wasm.js",
  "pkg/trade-chart-story.js",
  "pkg/trade-chart-sound.js",
];

/** Raw, gzip (level 9) and brotli (quality 11) sizes of one buffer. */
export function compressedSizes(buf) {
  return {
    raw: buf.length,
    gzip: zlib.gzipSync(buf, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(buf, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length },
    }).length,
  };
}

/** Sizes of each file (paths relative to the repo) and their sum. */
export function sizeReport(files, root = REPO) {
  const rows = files.map((f) => ({ file: f, ...compressedSizes(fs.readFileSync(path.join(root, f))) }));
  const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
  return { files: rows, total };
}

// ---- wasm parsing (sections, and per-function sizes when a name section is present) ----

function leb(buf, pos) {
  let result = 0;
  let shift = 0;
  for (;;) {
    const b = buf[pos++];
    result += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (!(b & 0x80)) return [result, pos];
  }
}

function str(buf, pos) {
  const [len, p] = leb(buf, pos);
  return [buf.toString("utf8", p, p + len), p + len];
}

const SECTION_NAMES = ["custom", "type", "import", "function", "table", "memory", "global", "export", "start", "element", "code", "data", "datacount"];

/** Sections, function body sizes and names (if any) of a wasm binary. */
export function parseWasm(buf) {
  let pos = 8;
  const sections = [];
  let importedFuncs = 0;
  const bodies = [];
  const names = new Map();
  while (pos < buf.length) {
    const id = buf[pos];
    const [size, start] = leb(buf, pos + 1);
    const end = start + size;
    let name = SECTION_NAMES[id] || `id${id}`;
    if (id === 0) name = `custom:${str(buf, start)[0]}`;
    sections.push({ name, bytes: end - pos });
    if (id === 2) {
      let [count, p] = leb(buf, start);
      for (let i = 0; i < count; i++) {
        [, p] = str(buf, p);
        [, p] = str(buf, p);
        const kind = buf[p++];
        if (kind === 0) {
          [, p] = leb(buf, p);
          importedFuncs++;
        } else if (kind === 1) {
          p++;
          const [flags, q] = leb(buf, p);
          [, p] = leb(buf, q);
          if (flags & 1) [, p] = leb(buf, p);
        } else if (kind === 2) {
          const [flags, q] = leb(buf, p);
          [, p] = leb(buf, q);
          if (flags & 1) [, p] = leb(buf, p);
        } else if (kind === 3) {
          p += 2;
        } else if (kind === 4) {
          p++;
          [, p] = leb(buf, p);
        }
      }
    } else if (id === 10) {
      let [count, p] = leb(buf, start);
      for (let i = 0; i < count; i++) {
        const [len, q] = leb(buf, p);
        bodies.push(q + len - p);
        p = q + len;
      }
    } else if (id === 0 && name === "custom:name") {
      let p = str(buf, start)[1];
      while (p < end) {
        const sub = buf[p];
        const [len, q] = leb(buf, p + 1);
        if (sub === 1) {
          let [count, r] = leb(buf, q);
          for (let i = 0; i < count; i++) {
            let idx;
            let n;
            [idx, r] = leb(buf, r);
            [n, r] = str(buf, r);
            names.set(idx, n);
          }
        }
        p = q + len;
      }
    }
    pos = end;
  }
  const functions = bodies.map((bytes, i) => ({ name: names.get(importedFuncs + i) || `func[${importedFuncs + i}]`, bytes }));
  return { sections, functions, hasNames: names.size > 0 };
}

/** Rust legacy-mangled (_ZN...E) or v0-ish names → readable path (best effort). */
export function demangle(name) {
  const m = /^_ZN(.*)E$/.exec(name);
  if (!m) return name;
  const parts = [];
  let s = m[1];
  while (s.length) {
    const d = /^(\d+)/.exec(s);
    if (!d) break;
    const n = Number(d[1]);
    parts.push(s.slice(d[1].length, d[1].length + n));
    s = s.slice(d[1].length + n);
  }
  if (parts.length && /^h[0-9a-f]{16}$/.test(parts[parts.length - 1])) parts.pop();
  return parts
    .join("::")
    .replace(/\$LT\$/g, "<")
    .replace(/\$GT\$/g, ">")
    .replace(/\$u20\$/g, " ")
    .replace(/\$u27\$/g, "'")
    .replace(/\$RF\$/g, "&")
    .replace(/\$BP\$/g, "*")
    .replace(/\$C\$/g, ",")
    .replace(/\$u7b\$/g, "{")
    .replace(/\$u7d\$/g, "}")
    .replace(/\$u5b\$/g, "[")
    .replace(/\$u5d\$/g, "]")
    .replace(/\.\./g, "::");
}

/** Which crate (or part of std) a demangled function belongs to, for grouping. */
export function groupOf(name) {
  const n = name.replace(/\[[0-9a-f]+\]/g, "").replace(/^<+/, "").replace(/^(impl )?/, "");
  const rules = [
    [/^(core::fmt::float|core::num::flt2dec|core::num::fmt|core::fmt::num|core::num::dec2flt|f64 as core::str::traits::FromStr|f64 as core::fmt|f32 as core::fmt|[iu](8|16|32|64|size) as core::fmt)/, "core::fmt + float/int formatting/parsing"],
    [/^(core::slice::sort|alloc::slice::.*sort)/, "slice sorting (monomorphised)"],
    [/multivalue shim|externref shim|^__wbg|^__wbindgen|^__externref/, "wasm-bindgen glue"],
    [/^core::fmt/, "core::fmt"],
    [/^(dlmalloc|__rdl_|__rust_alloc|__rust_dealloc|__rust_realloc)/, "dlmalloc / allocator"],
    [/^serde_json/, "serde_json"],
    [/^serde_wasm_bindgen/, "serde-wasm-bindgen"],
    [/^serde/, "serde"],
    [/^csv/, "csv"],
    [/^(wasm_bindgen|__wbg|__wbindgen|__externref)/, "wasm-bindgen glue"],
    [/^(js_sys|web_sys)/, "js-sys / web-sys"],
    [/^trade_chart/, "trade_chart (our code)"],
    [/^(dlmalloc|std::.*alloc)/, "dlmalloc / allocator"],
    [/^plotters/, "plotters-backend"],
    [/^console_error_panic_hook/, "console_error_panic_hook"],
    [/^(alloc::)/, "alloc (Vec/String/collections)"],
    [/^(core::)/, "core (other)"],
    [/^(std::)/, "std"],
  ];
  for (const [re, g] of rules) if (re.test(n)) return g;
  // Generic impls like "<T as trade_chart::…>" or "<trade_chart::X as core::fmt::Display>".
  const inner = /^[^ ]+ as ([a-z_0-9]+)::/.exec(n);
  if (/trade_chart::/.test(n)) return "trade_chart (our code)";
  if (inner) return groupOf(inner[1] + "::");
  return "other";
}

function kb(n) {
  return `${(n / 1024).toFixed(1)} KB`;
}

function main() {
  const args = process.argv.slice(2);
  const json = args.includes("--json");
  const wasmArg = args.indexOf("--wasm");
  if (wasmArg >= 0) {
    const file = args[wasmArg + 1];
    const { sections, functions, hasNames } = parseWasm(fs.readFileSync(file));
    console.log(`${file}: sections`);
    for (const s of sections) console.log(`  ${s.name.padEnd(28)} ${String(s.bytes).padStart(8)}`);
    if (!hasNames) {
      console.log("no name section: build with names (wasm-pack build --profiling) for a per-function breakdown");
      return;
    }
    const fns = functions.map((f) => ({ ...f, name: demangle(f.name).replace(/\[[0-9a-f]+\]/g, "") })).sort((a, b) => b.bytes - a.bytes);
    const total = fns.reduce((t, f) => t + f.bytes, 0);
    console.log(`\ntop 20 functions (code bytes of ${total}):`);
    for (const f of fns.slice(0, 20)) console.log(`  ${String(f.bytes).padStart(7)}  ${((100 * f.bytes) / total).toFixed(1).padStart(5)}%  ${f.name.slice(0, 110)}`);
    const groups = new Map();
    for (const f of fns) {
      const g = groupOf(f.name);
      const e = groups.get(g) || { bytes: 0, count: 0 };
      e.bytes += f.bytes;
      e.count += 1;
      groups.set(g, e);
    }
    const others = fns.filter((f) => groupOf(f.name) === "other").slice(0, 8);
    if (others.length) console.log(`\nlargest "other": ${others.map((f) => `${f.name.slice(0, 60)} (${f.bytes})`).join("; ")}`);
    console.log("\ncode bytes by crate (after LTO inlining: callers absorb much of what they inline):");
    for (const [g, e] of [...groups].sort((a, b) => b[1].bytes - a[1].bytes)) {
      console.log(`  ${String(e.bytes).padStart(7)}  ${((100 * e.bytes) / total).toFixed(1).padStart(5)}%  ${String(e.count).padStart(4)} fns  ${g}`);
    }
    return;
  }

  const missing = TRADE_CHART_FILES.filter((f) => !fs.existsSync(path.join(REPO, f)));
  if (missing.length) {
    console.error(`size: missing ${missing.join(", ")}; run make build first`);
    process.exit(1);
  }
  const report = sizeReport(TRADE_CHART_FILES);
  const budget = JSON.parse(fs.readFileSync(path.join(REPO, "size-budget.json"), "utf8"));
  const limit = budget.gzipTotalBytes;
  const over = report.total.gzip > limit;
  if (json) {
    console.log(JSON.stringify({ ...report, budget: limit, over }, null, 2));
  } else {
    console.log("size: what a page loads for one chart");
    console.log(`  ${"file".padEnd(24)} ${"raw".padStart(10)} ${"gzip".padStart(10)} ${"brotli".padStart(10)}`);
    for (const r of [...report.files, { file: "total", ...report.total }]) {
      console.log(`  ${r.file.padEnd(24)} ${kb(r.raw).padStart(10)} ${kb(r.gzip).padStart(10)} ${kb(r.brotli).padStart(10)}`);
    }
    const target = budget.targetGzipBytes;
    console.log(`size: gzip total ${report.total.gzip} B, budget ${limit} B${target ? ` (target ${target} B)` : ""}: ${over ? "OVER BUDGET" : "ok"}`);
  }
  if (over) process.exit(1);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
