// The peers' dist files for the benchmark pages (scripts/bench.mjs, scripts/page-cost.mjs),
// copied into target/bench-vendor/ and served from another origin with CORS open.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { REPO } from "./size.mjs";

const VENDOR = {
  uplot: ["node_modules/uplot/dist/uPlot.iife.min.js", "node_modules/uplot/dist/uPlot.min.css"],
  chartjs: ["node_modules/chart.js/dist/chart.umd.min.js"],
  echarts: ["node_modules/echarts/dist/echarts.min.js"],
  "lightweight-charts": ["node_modules/lightweight-charts/dist/lightweight-charts.standalone.production.js"],
};

/** Copies the peers' dist files into target/bench-vendor/ and serves them (CORS open). */
export function startVendorServer() {
  const dir = path.join(REPO, "target", "bench-vendor");
  for (const [lib, files] of Object.entries(VENDOR)) {
    fs.mkdirSync(path.join(dir, lib), { recursive: true });
    for (const f of files) fs.copyFileSync(path.join(REPO, f), path.join(dir, lib, path.basename(f)));
  }
  const types = { ".js": "text/javascript", ".css": "text/css", ".mjs": "text/javascript" };
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url, "http://x").pathname).replace(/^\/+/, "");
    const file = path.resolve(dir, rel);
    if (!file.startsWith(dir + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404);
      return res.end();
    }
    res.writeHead(200, { "Content-Type": types[path.extname(file)] || "application/octet-stream", "Cache-Control": "no-store", "Access-Control-Allow-Origin": "*" });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((r) => server.close(r)) })));
}
