// The test server's headScript option (used by the engine suites to load the error probe),
// without a browser.
//   node --test tests/engines/serve-probe.test.mjs
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer } from "../../scripts/serve.mjs";

const TAG = '<script src="/test/error-probe.js"></script>';
let plain;
let probed;

before(async () => {
  plain = await startServer({ port: 0, csp: true });
  probed = await startServer({ port: 0, csp: true, headScript: "/test/error-probe.js" });
});

after(async () => {
  await plain.close();
  await probed.close();
});

test("off by default: pages are served as they are", async () => {
  const body = await (await fetch(plain.url)).text();
  assert.ok(!body.includes("error-probe"), "the probe was injected without headScript");
});

test("with headScript, the probe is the first thing in <head> of every HTML page, with a correct Content-Length", async () => {
  for (const page of ["", "embed.html", "test/lifecycle.html"]) {
    const r = await fetch(probed.url + page);
    assert.equal(r.status, 200, page);
    const body = await r.text();
    assert.equal(Number(r.headers.get("content-length")), Buffer.byteLength(body), `${page}: Content-Length`);
    const head = body.match(/<head(\s[^>]*)?>/i);
    assert.ok(head, `${page}: no <head>`);
    assert.equal(body.slice(head.index + head[0].length, head.index + head[0].length + TAG.length), TAG, `${page}: probe not first in <head>`);
    assert.equal(body.split("error-probe.js").length - 1, 1, `${page}: probe injected more than once`);
    assert.match(r.headers.get("content-security-policy"), /script-src 'self'/, `${page}: CSP lost`);
  }
  const head = await fetch(probed.url + "embed.html", { method: "HEAD" });
  assert.equal(head.status, 200);
  assert.equal(await head.text(), "");
});

test("with headScript, nothing else changes: scripts, JSON and the probe itself are served untouched", async () => {
  for (const file of ["trade-chart.js", "data/china-russia-trade.json", "test/error-probe.js"]) {
    const a = await (await fetch(plain.url + file)).text();
    const b = await (await fetch(probed.url + file)).text();
    assert.equal(b, a, file);
  }
});

test("headScript must be a same-origin path to a .js file", async () => {
  for (const bad of ["//evil.example/x.js", "https://evil.example/x.js", "/x.js\" onload=\"alert(1)", "/x.css", "x.js", ""]) {
    await assert.rejects(startServer({ port: 0, headScript: bad }), /headScript/, JSON.stringify(bad));
  }
});
