// Static development server for trade-chart (node built-ins only).
//
//   node scripts/serve.mjs [--port N] [--csp]
//
// Serves www/ at / and the wasm-pack output pkg/ at /pkg/, on 127.0.0.1.
// Port: --port, else $PORT, else 8080; 0 picks any free port.
// --csp adds a strict Content-Security-Policy header to every response (startServer's
// `csp` may also be a policy string of its own, for tests).
// startServer({headScript: "/test/x.js"}) (tests only) puts <script src="/test/x.js"> first
// in the <head> of every HTML page it serves, so a same-origin classic script runs before
// the page's own scripts even under the strict CSP, which blocks inline scripts.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "..");
const WWW = path.join(repo, "www");
const PKG = path.join(repo, "pkg");

export const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

const MIME = {
  ".html": "text/html; charset=utf-8",
  ".htm": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".ico": "image/x-icon",
  ".wasm": "application/wasm",
  ".ts": "text/plain; charset=utf-8",
};

function mimeFor(file) {
  return MIME[path.extname(file).toLowerCase()] || "application/octet-stream";
}

// Map a URL path to [root, relative path] — /pkg/... goes to pkg/, the rest to www/.
function pick(urlPath) {
  // Browsers ask for /favicon.ico on pages that name no icon (an SVG opened on its own,
  // for one); answer with the site's SVG icon instead of a 404.
  if (urlPath === "/favicon.ico") {
    return [WWW, "/favicon.svg"];
  }
  if (urlPath === "/pkg" || urlPath.startsWith("/pkg/")) {
    return [PKG, urlPath.slice("/pkg".length) || "/"];
  }
  return [WWW, urlPath];
}

// Resolve inside root; null if the result escapes root.
function inside(root, rel) {
  const full = path.resolve(root, "." + path.posix.normalize("/" + rel));
  if (full !== root && !full.startsWith(root + path.sep)) return null;
  return full;
}

function send(res, status, body, headers) {
  res.writeHead(status, headers);
  res.end(body);
}

// A same-origin absolute path (not "//host/…"), safe to put in an attribute as it is.
const HEAD_SCRIPT_PATH = /^\/(?!\/)[A-Za-z0-9_\-./]+\.js$/;

/** The HTML with `<script src=headScript>` as the first thing inside <head> (or in front). */
function withHeadScript(html, headScript) {
  const tag = `<script src="${headScript}"></script>`;
  const m = /<head(\s[^>]*)?>/i.exec(html);
  if (!m) return tag + html;
  const at = m.index + m[0].length;
  return html.slice(0, at) + tag + html.slice(at);
}

function handler(csp, headScript) {
  return (req, res) => {
    const base = { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" };
    if (csp) base["Content-Security-Policy"] = typeof csp === "string" ? csp : CSP;
    const text = (status, msg) =>
      send(res, status, msg + "\n", { ...base, "Content-Type": "text/plain; charset=utf-8" });

    if (req.method !== "GET" && req.method !== "HEAD") {
      res.setHeader("Allow", "GET, HEAD");
      return text(405, "method not allowed");
    }
    let urlPath;
    try {
      urlPath = decodeURIComponent(new URL(req.url, "http://localhost").pathname);
    } catch {
      return text(400, "bad request");
    }
    if (urlPath.includes("\0")) return text(400, "bad request");

    const [root, rel] = pick(urlPath);
    let full = inside(root, rel);
    if (!full) return text(404, "not found");

    fs.stat(full, (err, st) => {
      if (!err && st.isDirectory()) {
        if (!urlPath.endsWith("/")) {
          // Redirect so relative URLs in index.html resolve against the directory.
          return send(res, 301, "", { ...base, Location: urlPath + "/" });
        }
        full = path.join(full, "index.html");
        return fs.stat(full, (err2, st2) => serveFile(err2, st2));
      }
      serveFile(err, st);
    });

    function serveFile(err, st) {
      if (err || !st.isFile()) return text(404, "not found");
      // Symlinks could point outside the root: check the real path too.
      fs.realpath(full, (rerr, real) => {
        const realRoot = safeReal(root);
        if (rerr || (real !== realRoot && !real.startsWith(realRoot + path.sep))) {
          return text(404, "not found");
        }
        const headers = {
          ...base,
          "Content-Type": mimeFor(full),
          "Content-Length": String(st.size),
        };
        if (headScript && /\.html?$/i.test(full)) {
          return fs.readFile(full, "utf8", (rerr2, html) => {
            if (rerr2) return text(404, "not found");
            const body = Buffer.from(withHeadScript(html, headScript));
            headers["Content-Length"] = String(body.length);
            send(res, 200, req.method === "HEAD" ? undefined : body, headers);
          });
        }
        if (req.method === "HEAD") return send(res, 200, undefined, headers);
        res.writeHead(200, headers);
        const stream = fs.createReadStream(full);
        stream.on("error", () => res.destroy());
        stream.pipe(res);
      });
    }
  };
}

function safeReal(p) {
  try {
    return fs.realpathSync(p);
  } catch {
    return p;
  }
}

/**
 * Start the server. Resolves to { url, port, server, close() }.
 * `headScript` (tests only): a same-origin path like "/test/probe.js" put first in every HTML page's <head>.
 * @param {{port?: number, csp?: boolean | string, host?: string, headScript?: string}} [opts]
 */
export function startServer({ port = 8080, csp = false, host = "127.0.0.1", headScript } = {}) {
  if (headScript !== undefined && !HEAD_SCRIPT_PATH.test(headScript)) {
    return Promise.reject(new Error(`startServer: headScript must be a same-origin path to a .js file, got ${JSON.stringify(headScript)}`));
  }
  return new Promise((resolve, reject) => {
    const server = http.createServer(handler(csp, headScript));
    server.keepAliveTimeout = 1000;
    server.once("error", reject);
    server.listen(port, host, () => {
      const actual = server.address().port;
      const url = `http://${host}:${actual}/`;
      resolve({
        url,
        port: actual,
        server,
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            server.closeAllConnections?.();
          }),
      });
    });
  });
}

function parseArgs(argv) {
  const out = { port: undefined, csp: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--csp") out.csp = true;
    else if (a === "--port") out.port = argv[++i];
    else if (a.startsWith("--port=")) out.port = a.slice(7);
    else if (a === "-h" || a === "--help") {
      console.log("usage: node scripts/serve.mjs [--port N] [--csp]");
      process.exit(0);
    } else {
      console.error(`serve: unknown option ${a}`);
      process.exit(2);
    }
  }
  const raw = out.port ?? process.env.PORT ?? "8080";
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`serve: bad port ${raw}`);
    process.exit(2);
  }
  return { port, csp: out.csp };
}

const isMain =
  process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);

if (isMain) {
  const opts = parseArgs(process.argv.slice(2));
  startServer(opts).then(
    (s) => {
      console.log(`serving ${s.url}`);
      const stop = () => s.close().then(() => process.exit(0));
      process.on("SIGINT", stop);
      process.on("SIGTERM", stop);
    },
    (err) => {
      console.error(`serve: ${err.message}`);
      process.exit(1);
    },
  );
}
