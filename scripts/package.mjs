// Turns wasm-pack's pkg/ into the npm package: adds the harness (with its import path
// adjusted), its TypeScript types and the README, and points package.json at them.
import { readFileSync, writeFileSync, copyFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pkg = join(root, "pkg");

const harness = readFileSync(join(root, "www/trade-chart.js"), "utf8");
const adjusted = harness
  .replace('from "./pkg/trade_chart.js"', 'from "./trade_chart.js"')
  .replace('new URL("./pkg/trade_chart_bg.wasm", import.meta.url)', 'new URL("./trade_chart_bg.wasm", import.meta.url)');
if (adjusted === harness) throw new Error("package: the harness import paths were not found");
writeFileSync(join(pkg, "trade-chart.js"), adjusted);
// The harness's own modules (story steps, sound) sit beside it, imported as "./story.js".
for (const module of ["story.js", "sound.js"]) copyFileSync(join(root, "www", module), join(pkg, module));
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
  files: ["trade-chart.js", "story.js", "sound.js", "trade-chart.d.ts", "trade_chart.js", "trade_chart_bg.wasm", "README.md"],
  sideEffects: ["./trade-chart.js"],
};
writeFileSync(join(pkg, "package.json"), JSON.stringify(manifest, null, 2) + "\n");
console.log(`package: pkg/ is the npm package trade-chart@${version}`);
