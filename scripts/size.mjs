// Size report for one chart on a page: what the browser downloads (raw, gzip -9, brotli -q11),
// with a budget check, and where the wasm bytes go.
//
//   node scripts/size.mjs                  # where the wasm bytes go (by crate, by our module),
//                                          # then the files' report + budget check (exit 1 when
//                                          # over budget); what make size runs
//   node scripts/size.mjs --no-breakdown   # only the files' report + budget check
//   node scripts/size.mjs --top            # also the 20 largest functions
//   node scripts/size.mjs --wasm FILE      # breakdown of any wasm file that has a name section
//   node scripts/size.mjs --json           # machine-readable
//
// The breakdown comes from target/size/trade_chart_bg.named.wasm, rebuilt from the release
// build in target/ with the same wasm-bindgen and wasm-opt steps as pkg/ plus `-g` (names
// kept); its code is the shipped code to within a few hundred bytes.
//
// The budget is size-budget.json's "gzipTotalBytes" (gzip of the files together).
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";
import { execFileSync } from "node:child_process";

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** What a page loads for one trade-chart chart. */
export const TRADE_CHART_FILES = [
  "pkg/trade_chart_bg.wasm",
  // scripts/package.mjs: the harness and the wasm-bindgen glue, bundled and minified; the
  // story and sound chunks load only for a chart with steps or a reader who listens; the
  // worker that compiles the wasm off the main thread loads with the first chart.
  "pkg/trade-chart.js",
  "pkg/trade-chart-wasm.js",
  "pkg/trade-chart-worker.js",
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
  const exports = new Map();
  while (pos < buf.length) {
    const id = buf[pos];
    const [size, start] = leb(buf, pos + 1);
    const end = start + size;
    let name = SECTION_NAMES[id] || `id${id}`;
    if (id === 0) name = `custom:${str(buf, start)[0]}`;
    sections.push({ name, bytes: end - pos, content: buf.subarray(start, end) });
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
    } else if (id === 7) {
      let [count, p] = leb(buf, start);
      for (let i = 0; i < count; i++) {
        let n;
        [n, p] = str(buf, p);
        const kind = buf[p++];
        let idx;
        [idx, p] = leb(buf, p);
        if (kind === 0) exports.set(idx, n);
      }
    } else if (id === 10) {
      let [count, p] = leb(buf, start);
      for (let i = 0; i < count; i++) {
        const [len, q] = leb(buf, p);
        bodies.push({ start: p, end: q + len });
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
  const functions = bodies.map((b, i) => ({
    name: names.get(importedFuncs + i) || exports.get(importedFuncs + i) || `func[${importedFuncs + i}]`,
    exported: exports.has(importedFuncs + i),
    bytes: b.end - b.start,
    body: buf.subarray(b.start, b.end),
  }));
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

// ---- the named side build and the breakdown that make size prints ----

/** Where make size keeps the wasm with names (same code as pkg/, name section kept). */
export const NAMED_WASM = "target/size/trade_chart_bg.named.wasm";
const CARGO_WASM = "target/wasm32-unknown-unknown/release/trade_chart.wasm";

/** The wasm-opt flags of the release profile, from Cargo.toml's wasm-pack metadata. */
export function releaseWasmOptFlags(root = REPO) {
  const cargo = fs.readFileSync(path.join(root, "Cargo.toml"), "utf8");
  const section = /\[package\.metadata\.wasm-pack\.profile\.release\]([^[]*(?:\[[^\]\n]*\][^[]*)*?)(?=\n\[|$)/.exec(cargo);
  const line = section && /wasm-opt\s*=\s*(\[[^\]]*\]|false)/.exec(section[1]);
  if (!line || line[1] === "false") return null;
  return JSON.parse(line[1]);
}

/**
 * Rebuilds NAMED_WASM from the release build that wasm-pack left in target/ (make build):
 * the same wasm-bindgen and wasm-opt steps as pkg/, with `-g` so that wasm-opt keeps the
 * name section. Skipped when it is newer than its inputs. About 10–20 s (one wasm-opt run).
 */
export function buildNamedWasm(root = REPO) {
  const input = path.join(root, CARGO_WASM);
  const out = path.join(root, NAMED_WASM);
  if (!fs.existsSync(input)) throw new Error(`missing ${CARGO_WASM}: run make build first`);
  const newest = Math.max(fs.statSync(input).mtimeMs, fs.statSync(path.join(root, "Cargo.toml")).mtimeMs);
  if (fs.existsSync(out) && fs.statSync(out).mtimeMs > newest) return out;
  const dir = path.join(root, "target", "size", "bindgen");
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  execFileSync("wasm-bindgen", ["--target", "web", "--no-typescript", "--out-dir", dir, input], { stdio: "inherit" });
  const flags = releaseWasmOptFlags(root) || [];
  const bindgen = path.join(dir, "trade_chart_bg.wasm");
  execFileSync("wasm-opt", [...flags, "-g", bindgen, "-o", out], { stdio: "inherit" });
  return out;
}

/** Our module paths (`ingest::spec`, `layout`, …) from the files under src/. */
export function ourModules(root = REPO) {
  const mods = [];
  const walk = (dir, prefix) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) {
        if (e.name !== "bin") walk(path.join(dir, e.name), [...prefix, e.name]);
      } else if (e.name.endsWith(".rs") && e.name !== "lib.rs") {
        const stem = e.name.slice(0, -3);
        mods.push((stem === "mod" ? prefix : [...prefix, stem]).join("::"));
      }
    }
  };
  walk(path.join(root, "src"), []);
  return mods.filter(Boolean).sort((a, b) => b.length - a.length);
}

/** Which of our modules a function is (its first `trade_chart::` path), or null. */
export function moduleOf(fn, modules) {
  if (fn.exported && !/^_ZN/.test(fn.mangled)) return "web: exported entry points (+ what they inline)";
  const m = /trade_chart::([A-Za-z0-9_:]+)/.exec(fn.name);
  if (!m) return null;
  const p = m[1];
  const hit = modules.find((mod) => p === mod || p.startsWith(`${mod}::`));
  return hit ? hit.replace(/::/g, "/") : "(crate root)";
}

/** Per-function sizes grouped by crate and by our module, each with gzip/brotli of the group alone. */
export function breakdown(buf, root = REPO) {
  const { sections, functions, hasNames } = parseWasm(buf);
  const fns = functions.map((f) => ({ ...f, mangled: f.name, name: demangle(f.name).replace(/\[[0-9a-f]+\]/g, "") }));
  const modules = ourModules(root);
  const tally = (keyOf) => {
    const groups = new Map();
    for (const f of fns) {
      const k = keyOf(f);
      if (k === null) continue;
      const e = groups.get(k) || { name: k, bytes: 0, count: 0, bodies: [] };
      e.bytes += f.bytes;
      e.count += 1;
      e.bodies.push(f.body);
      groups.set(k, e);
    }
    return [...groups.values()]
      .map(({ bodies, ...e }) => ({ ...e, ...pick(compressedSizes(Buffer.concat(bodies)), "gzip", "brotli") }))
      .sort((a, b) => b.bytes - a.bytes);
  };
  const crateOf = (f) => (f.exported && !/^_ZN/.test(f.mangled) ? "trade_chart (our code)" : groupOf(f.name));
  const code = fns.reduce((t, f) => t + f.bytes, 0);
  const data = sections.find((s) => s.name === "data");
  return {
    hasNames,
    sections: sections.map(({ name, bytes }) => ({ name, bytes })),
    code,
    data: data ? { bytes: data.bytes, ...pick(compressedSizes(data.content), "gzip", "brotli") } : null,
    crates: hasNames ? tally(crateOf) : [],
    modules: hasNames ? tally((f) => (crateOf(f) === "trade_chart (our code)" ? moduleOf(f, modules) || "(our generic code)" : null)) : [],
    top: [...fns].sort((a, b) => b.bytes - a.bytes).slice(0, 20).map(({ name, bytes }) => ({ name, bytes })),
  };
}

function pick(o, ...keys) {
  return Object.fromEntries(keys.map((k) => [k, o[k]]));
}

function printGroups(title, groups, total) {
  console.log(`\n${title}`);
  console.log(`  ${"code bytes".padStart(10)} ${"share".padStart(6)} ${"fns".padStart(5)} ${"gzip*".padStart(8)} ${"brotli*".padStart(8)}  group`);
  for (const g of groups) {
    console.log(
      `  ${String(g.bytes).padStart(10)} ${`${((100 * g.bytes) / total).toFixed(1)}%`.padStart(6)} ${String(g.count).padStart(5)} ${String(g.gzip).padStart(8)} ${String(g.brotli).padStart(8)}  ${g.name}`,
    );
  }
}

function printBreakdown(file, b, { top = true } = {}) {
  console.log(`${file}: sections`);
  for (const s of b.sections) console.log(`  ${s.name.padEnd(28)} ${String(s.bytes).padStart(8)}`);
  if (!b.hasNames) {
    console.log("no name section: build with names (make size keeps one in target/size/) for a per-function breakdown");
    return;
  }
  if (top) {
    console.log(`\ntop 20 functions (code bytes of ${b.code}):`);
    for (const f of b.top) console.log(`  ${String(f.bytes).padStart(7)}  ${((100 * f.bytes) / b.code).toFixed(1).padStart(5)}%  ${f.name.slice(0, 110)}`);
  }
  printGroups("code bytes by crate (after LTO inlining: callers absorb much of what they inline):", b.crates, b.code);
  printGroups("our code by module (generic std code instantiated for our types counts as ours):", b.modules, b.code);
  if (b.data) console.log(`\n  data section (strings, tables): ${b.data.bytes} B raw, ${b.data.gzip} gzip*, ${b.data.brotli} brotli*`);
  console.log("  * gzip -9 / brotli -q11 of that group's bytes alone: a guide to where the compressed bytes go, not parts of the total");
}

function main() {
  const args = process.argv.slice(2);
  const json = args.includes("--json");
  const wasmArg = args.indexOf("--wasm");
  if (wasmArg >= 0) {
    const file = args[wasmArg + 1];
    const b = breakdown(fs.readFileSync(file));
    if (json) console.log(JSON.stringify(b, null, 2));
    else printBreakdown(file, b);
    return;
  }

  const missing = TRADE_CHART_FILES.filter((f) => !fs.existsSync(path.join(REPO, f)));
  if (missing.length) {
    console.error(`size: missing ${missing.join(", ")}; run make build first`);
    process.exit(1);
  }
  // Where the bytes go: from a side build with names (--no-breakdown skips it).
  let named = null;
  if (!args.includes("--no-breakdown")) {
    const file = buildNamedWasm();
    named = { file: path.relative(REPO, file), ...breakdown(fs.readFileSync(file)) };
    if (!json) {
      printBreakdown(named.file, named, { top: args.includes("--top") });
      console.log("");
    }
  }
  const report = sizeReport(TRADE_CHART_FILES);
  const budget = JSON.parse(fs.readFileSync(path.join(REPO, "size-budget.json"), "utf8"));
  const limit = budget.gzipTotalBytes;
  const over = report.total.gzip > limit;
  if (json) {
    console.log(JSON.stringify({ ...report, budget: limit, over, breakdown: named }, null, 2));
  } else {
    console.log("size: what a page loads for one chart (gzip -9 and brotli -q11, node zlib)");
    console.log(`  ${"file".padEnd(24)} ${"raw".padStart(10)} ${"gzip".padStart(10)} ${"brotli".padStart(10)}`);
    for (const r of [...report.files, { file: "total", ...report.total }]) {
      console.log(`  ${r.file.padEnd(24)} ${String(r.raw).padStart(10)} ${String(r.gzip).padStart(10)} ${String(r.brotli).padStart(10)}`);
    }
    const target = budget.targetGzipBytes;
    console.log(
      `size: gzip total ${report.total.gzip} B (brotli ${report.total.brotli} B), budget ${limit} B${target ? ` (target ${target} B)` : ""}: ${over ? "OVER BUDGET" : "ok"}`,
    );
  }
  if (over) process.exit(1);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
