// Vite config for the example app. Run from the repository root:
//   node_modules/.bin/vite build --config www/examples/vite/vite.config.mjs
//   node_modules/.bin/vite --config www/examples/vite/vite.config.mjs      (dev server)
// "trade-chart" resolves to the repository's pkg/ (build it first with `make build`), as
// if the npm package were installed; the build goes to target/vite-example/, never www/.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../../..");

export default defineConfig({
  root: here,
  base: "./",
  publicDir: false,
  resolve: {
    alias: [{ find: /^trade-chart$/, replacement: path.join(repo, "pkg") }],
  },
  server: {
    host: "127.0.0.1",
    fs: { allow: [here, path.join(repo, "pkg")] },
  },
  build: {
    outDir: path.join(repo, "target", "vite-example"),
    emptyOutDir: true,
    // Keep the wasm a separate file (it is ~400 kB) rather than an inlined data: URL,
    // which a strict Content-Security-Policy would also refuse to fetch.
    assetsInlineLimit: 0,
  },
});
