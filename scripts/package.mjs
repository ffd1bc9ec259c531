// Turns wasm-pack's pkg/ into the npm package: adds the harness bundled with the glue, its
// TypeScript types and the README, and points package.json at them.
import { readFileSync, writeFileSync, copyFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { rolldown } from "rolldown";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pkg = join(root, "pkg");

// What pages load from the package: the harness (www/trade-chart.js and its modules in
// www/harness/) and the wasm-bindgen glue bundled and minified by rolldown into
// trade-chart.js, with the lazily loaded story and sound modules as their own chunks, the
// loader they share in a third and the compile worker (trade-chart-worker.js) in a
// fourth. Source maps beside them.
const glue = join(pkg, "trade_chart.js");
const bundle = await rolldown({
  // The worker that compiles the wasm off the main thread is an entry of its own; it
  // shares the glue chunk with the page.
  input: { "trade-chart": join(root, "www/trade-chart.js"), "trade-chart-worker": join(root, "www/harness/trade-chart-worker.js") },
  platform: "browser",
  plugins: [{ name: "wasm-bindgen-glue", resolveId: (id) => (id.endsWith("/pkg/trade_chart.js") ? glue : null) }],
});
const { output } = await bundle.write({
  dir: pkg,
  format: "es",
  minify: true,
  sourcemap: true,
  entryFileNames: "[name].js",
  chunkFileNames: "trade-chart-[name].js",
  // The glue and its loader in one chunk, trade-chart-wasm.js, which the page and the
  // worker both import (otherwise the second entry splits them into two files).
  codeSplitting: { groups: [{ name: "wasm", test: /[\\/](pkg[\\/]trade_chart|harness[\\/]wasm)\.js$/ }] },
});
await bundle.close();
const chunks = output.filter((o) => o.type === "chunk").map((o) => o.fileName);
// In the package the wasm sits beside the bundle (www/ reaches it as ../pkg/).
let rewritten = 0;
for (const file of chunks) {
  const text = readFileSync(join(pkg, file), "utf8");
  const adjusted = text.replaceAll("../pkg/trade_chart_bg.wasm", "./trade_chart_bg.wasm");
  if (adjusted !== text) rewritten++;
  writeFileSync(join(pkg, file), adjusted);
}
if (rewritten !== 1) throw new Error(`package: expected the wasm URL in one chunk, found it in ${rewritten}`);
copyFileSync(join(root, "www/trade-chart.d.ts"), join(pkg, "trade-chart.d.ts"));
copyFileSync(join(root, "README.md"), join(pkg, "README.md"));

const cargo = readFileSync(join(root, "Cargo.toml"), "utf8");
const version = /^version\s*=\s*"([^"]+)"/m.exec(cargo)?.[1] ?? "0.0.0";
const manifest = {
  name: "trade-chart",
  version,
  description: "Interactive canvas charts of trade and commodity-shipment series (Rust + WebAssembly)",
  license: "MIT OR Apache-2.0",
  type: "module",
  main: "trade-chart.js",
  module: "trade-chart.js",
  types: "trade-chart.d.ts",
  exports: {
    ".": { types: "./trade-chart.d.ts", default: "./trade-chart.js" },
    "./trade_chart_bg.wasm": "./trade_chart_bg.wasm",
  },
  files: [...chunks, ...chunks.map((f) => `${f}.map`), "trade-chart.d.ts", "trade_chart_bg.wasm", "README.md"],
  sideEffects: ["./trade-chart.js"],
};
writeFileSync(join(pkg, "package.json"), JSON.stringify(manifest, null, 2) + "\n");
console.log(`package: pkg/ is the npm package trade-chart@${version}`);
