// One small interface over two ways of driving a browser, so that every check in
// tests/engines/checks.mjs is written once and runs in both engines:
//
//   firefox: Debian's firefox-esr through puppeteer-core (WebDriver BiDi), headless;
//   webkit:  WebKitGTK's MiniBrowser through WebKitWebDriver (classic WebDriver) and
//            selenium-webdriver, on an Xvfb display this module starts.
//
// A driver has: name, goto(url), evaluate(fn, ...args), waitFor(fn, arg, opts),
// mouseMove(x, y), click(x, y), doubleClick(x, y), drag(x1, y1, x2, y2), wheel(x, y, dx, dy),
// touchTap(x, y) (real touch only where `touch` is true), press(key),
// screenshot(file), resize(w, h[, dpr]) (Firefox only changes dpr at run time),
// problems() and close(). Coordinates are CSS px in the viewport. Functions given to
// evaluate/waitFor run in the page, so they must not use anything from this file.
//
// Page errors: the test server puts www/test/error-probe.js first in every page, which
// records errors, unhandled rejections, console.error and CSP violations in
// window.__tcProblems; problems() collects those from the current page (and its same-origin
// iframes) plus what the protocol reports natively (BiDi log entries in Firefox).
import { spawn, execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";

export const FIREFOX = process.env.FIREFOX || "/usr/bin/firefox-esr";
export const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER || "/usr/bin/WebKitWebDriver";
const MINIBROWSER_FALLBACK = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";

/** How long starting a browser session may take before the suite gives up. */
const SESSION_TIMEOUT_MS = 30000;

/** Rejects with `what` after `ms` unless `promise` settles first. */
export function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer after ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Runs in the page: the problems the probe recorded here and in same-origin iframes,
// emptied as they are read (so each check sees only its own).
function takeProbeProblems() {
  const out = [];
  if (location.protocol === "about:") return out; // before the first page
  const take = (win, where) => {
    let list;
    try {
      list = win.__tcProblems;
    } catch {
      return; // a cross-origin frame
    }
    if (!list) {
      out.push(`${where}: the error probe is missing (was the page served with headScript?)`);
      return;
    }
    out.push(...list.splice(0, list.length).map((p) => `${where}: ${p}`));
  };
  take(window, location.pathname + location.search);
  for (const f of document.querySelectorAll("iframe")) {
    if (f.contentWindow && f.contentDocument?.readyState !== "uninitialized") {
      take(f.contentWindow, `iframe ${f.getAttribute("src")}`);
    }
  }
  return out;
}

/** Polls `fn(arg)` in the page until it returns something truthy; returns that value. */
async function poll(driver, fn, arg, { timeout = 10000, interval = 100, what = "a condition" } = {}) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await driver.evaluate(fn, arg);
      if (last) return last;
    } catch (err) {
      last = err;
    }
    if (Date.now() > end) {
      const detail = last instanceof Error ? `last error: ${last.message}` : `last value: ${JSON.stringify(last)}`;
      throw new Error(`${driver.name}: timed out after ${timeout} ms waiting for ${what} (${detail})`);
    }
    await sleep(interval);
  }
}

// ---------------------------------------------------------------------------------------
// Firefox: puppeteer-core over WebDriver BiDi.

export async function launchFirefox({ width = 1280, height = 900 } = {}) {
  if (!fs.existsSync(FIREFOX)) {
    throw new Error(`Firefox not found at ${FIREFOX}: run scripts/setup.sh --engines (or set FIREFOX=/path)`);
  }
  const { default: puppeteer } = await import("puppeteer-core");
  const browser = await withTimeout(
    puppeteer.launch({
      browser: "firefox",
      executablePath: FIREFOX,
      headless: true,
      defaultViewport: { width, height, deviceScaleFactor: 1 },
    }),
    SESSION_TIMEOUT_MS,
    "launching Firefox",
  );
  // A new tab has the window's focus (document.hasFocus()); the tab Firefox opens at start
  // does not in headless mode, and then focus and blur events never fire.
  const first = await browser.pages();
  const page = await browser.newPage();
  for (const p of first) await p.close();
  await page.setViewport({ width, height, deviceScaleFactor: 1 });
  const native = [];
  page.on("pageerror", (err) => native.push(`page error: ${err.message ?? err}`));
  page.on("console", (msg) => {
    if (msg.type() === "error") native.push(`console error: ${msg.text()}`);
  });
  let dpr = 1;

  const driver = {
    name: "firefox",
    version: await browser.version(),
    canChangeDpr: true,
    touch: true,
    async goto(url) {
      await driver.harvest();
      const res = await page.goto(url, { waitUntil: "load" });
      if (!res || res.status() !== 200) throw new Error(`firefox: GET ${url} returned ${res?.status()}`);
    },
    evaluate: (fn, ...args) => page.evaluate(fn, ...args),
    waitFor: (fn, arg, opts) => poll(driver, fn, arg, opts),
    mouseMove: (x, y) => page.mouse.move(x, y),
    click: (x, y) => page.mouse.click(x, y),
    doubleClick: (x, y) => page.mouse.click(x, y, { count: 2 }),
    async drag(x1, y1, x2, y2) {
      await page.mouse.move(x1, y1);
      await page.mouse.down();
      await page.mouse.move(x2, y2, { steps: 8 });
      await page.mouse.up();
    },
    touchTap: (x, y) => page.touchscreen.tap(x, y),
    async wheel(x, y, dx, dy) {
      await page.mouse.move(x, y);
      await page.mouse.wheel({ deltaX: dx, deltaY: dy });
    },
    press: (key) => page.keyboard.press(key),
    screenshot: (file) => page.screenshot({ path: file }),
    /** Resizes the viewport (and devicePixelRatio, when given). */
    async resize(w, h, ratio = dpr) {
      dpr = ratio;
      await page.setViewport({ width: w, height: h, deviceScaleFactor: ratio });
    },
    pending: [],
    async harvest() {
      const probe = await page.evaluate(takeProbeProblems).catch(() => []);
      driver.pending.push(...probe, ...native.splice(0, native.length));
    },
    async problems() {
      await driver.harvest();
      return driver.pending.splice(0, driver.pending.length);
    },
    async close() {
      await browser.close().catch(() => {});
      // puppeteer has killed the process; make sure nothing is left behind.
      const proc = browser.process();
      if (proc && proc.exitCode === null) proc.kill("SIGKILL");
    },
  };
  return driver;
}

// ---------------------------------------------------------------------------------------
// WebKit: WebKitWebDriver + MiniBrowser on Xvfb, through selenium-webdriver.

/** The MiniBrowser binary: $MINIBROWSER, else where dpkg says it is, else the known path. */
export function findMiniBrowser() {
  if (process.env.MINIBROWSER) return process.env.MINIBROWSER;
  try {
    const pkgs = execFileSync("dpkg-query", ["-W", "-f", "${Package}\n", "libwebkit2gtk-*", "webkit2gtk-driver"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    })
      .split("\n")
      .filter(Boolean);
    for (const p of pkgs) {
      let files = "";
      try {
        files = execFileSync("dpkg", ["-L", p], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
      } catch {
        continue; // known to dpkg but not installed
      }
      const hit = files.split("\n").find((f) => f.endsWith("/MiniBrowser"));
      if (hit && fs.existsSync(hit)) return hit;
    }
  } catch {
    // no dpkg: fall through
  }
  return MINIBROWSER_FALLBACK;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Starts Xvfb on a free display (it tells us which through -displayfd). */
async function startXvfb() {
  const proc = spawn("Xvfb", ["-displayfd", "3", "-screen", "0", "1920x1200x24", "-nolisten", "tcp"], {
    stdio: ["ignore", "ignore", "pipe", "pipe"],
  });
  let stderr = "";
  proc.stderr.on("data", (d) => (stderr += d));
  const display = await withTimeout(
    new Promise((resolve, reject) => {
      let out = "";
      proc.stdio[3].on("data", (d) => {
        out += d;
        if (out.includes("\n")) resolve(`:${out.trim()}`);
      });
      proc.once("error", (e) => reject(new Error(`cannot start Xvfb: ${e.message} (install xvfb: scripts/setup.sh --engines)`)));
      proc.once("exit", (code) => reject(new Error(`Xvfb exited with ${code}: ${stderr.trim()}`)));
    }),
    10000,
    "starting Xvfb",
  ).catch((err) => {
    proc.kill("SIGKILL");
    throw err;
  });
  return { proc, display };
}

function stop(proc) {
  if (!proc || proc.exitCode !== null || proc.signalCode) return Promise.resolve();
  return new Promise((resolve) => {
    const t = setTimeout(() => {
      proc.kill("SIGKILL");
      resolve();
    }, 3000);
    proc.once("exit", () => {
      clearTimeout(t);
      resolve();
    });
    proc.kill("SIGTERM");
  });
}

/**
 * `dpr` sets devicePixelRatio for the whole session (GTK's GDK_SCALE, inherited by
 * MiniBrowser from the driver): WebKit cannot change it at run time from WebDriver.
 */
export async function launchWebKit({ width = 1280, height = 900, dpr = 1 } = {}) {
  if (!fs.existsSync(WEBKIT_DRIVER)) {
    throw new Error(`WebKitWebDriver not found at ${WEBKIT_DRIVER}: run scripts/setup.sh --engines`);
  }
  const binary = findMiniBrowser();
  if (!fs.existsSync(binary)) throw new Error(`MiniBrowser not found at ${binary}: run scripts/setup.sh --engines (or set MINIBROWSER=/path)`);
  const { Builder, Key, Origin } = await import("selenium-webdriver");
  const { Pointer } = (await import("selenium-webdriver/lib/input.js")).default;

  const xvfb = await startXvfb();
  let wd;
  let session;
  // If node exits without close() (a crash, a cancelled run), take both processes along.
  const killAll = () => {
    for (const p of [wd, xvfb.proc]) if (p && p.exitCode === null && !p.signalCode) p.kill("SIGKILL");
  };
  process.once("exit", killAll);
  const cleanup = async () => {
    await stop(wd);
    await stop(xvfb.proc);
    process.off("exit", killAll);
  };
  try {
    const port = await freePort();
    wd = spawn(WEBKIT_DRIVER, [`--port=${port}`, "--host=127.0.0.1"], {
      env: { ...process.env, DISPLAY: xvfb.display, GDK_SCALE: String(dpr) },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let wdErr = "";
    wd.stderr.on("data", (d) => (wdErr = (wdErr + d).slice(-2000)));
    const url = `http://127.0.0.1:${port}`;
    // Poll /status until the driver answers.
    await withTimeout(
      (async () => {
        for (;;) {
          if (wd.exitCode !== null) throw new Error(`WebKitWebDriver exited with ${wd.exitCode}: ${wdErr.trim()}`);
          try {
            const r = await fetch(`${url}/status`);
            if (r.ok && (await r.json()).value?.ready) return;
          } catch {
            // not listening yet
          }
          await sleep(100);
        }
      })(),
      10000,
      "WebKitWebDriver /status",
    );
    // Without a display or without --automation, session creation hangs instead of failing.
    const builder = new Builder().usingServer(url).withCapabilities({
      browserName: "MiniBrowser",
      "webkitgtk:browserOptions": { binary, args: ["--automation"] },
    });
    session = builder.build();
    const created = session.getSession();
    // After a timeout both fail again once the driver is stopped: nobody is waiting then.
    created.catch(() => {});
    session.catch(() => {});
    await withTimeout(created, SESSION_TIMEOUT_MS, `creating a MiniBrowser session (driver said: ${wdErr.trim() || "nothing"})`);
  } catch (err) {
    await cleanup();
    throw err;
  }
  const d = session;
  const KEYS = { ArrowRight: Key.ARROW_RIGHT, ArrowLeft: Key.ARROW_LEFT, ArrowUp: Key.ARROW_UP, ArrowDown: Key.ARROW_DOWN, Home: Key.HOME, End: Key.END, Tab: Key.TAB, Escape: Key.ESCAPE, Enter: Key.ENTER };
  const caps = await d.getCapabilities();

  // Any function, sync or async, through executeAsyncScript: one path for both, and the
  // page-side error comes back as an Error with its message.
  const evaluate = async (fn, ...args) => {
    const script = `
      const done = arguments[arguments.length - 1];
      const args = Array.prototype.slice.call(arguments, 0, -1);
      Promise.resolve().then(() => (${fn.toString()}).apply(null, args)).then(
        (value) => done({ ok: true, value: value === undefined ? null : value }),
        (e) => done({ ok: false, error: e instanceof Error ? e.name + ": " + e.message + "\\n" + e.stack : String(e) }));`;
    const r = await d.executeAsyncScript(script, ...args);
    if (!r || !r.ok) throw new Error(`webkit: in the page: ${r ? r.error : "no result"}`);
    return r.value;
  };

  const driver = {
    name: "webkit",
    version: `${caps.get("browserName")} ${caps.get("browserVersion")}, GDK_SCALE=${dpr}`,
    canChangeDpr: false,
    // WebKitGTK's driver accepts touch pointer actions but delivers them as mouse events
    // (pointerType "mouse", no touchstart): a touch check would only repeat the mouse one.
    touch: false,
    async goto(url) {
      await driver.harvest();
      await d.get(url);
      await poll(driver, () => document.readyState === "complete", undefined, { what: `load of ${url}` });
    },
    evaluate,
    waitFor: (fn, arg, opts) => poll(driver, fn, arg, opts),
    mouseMove: (x, y) => d.actions({ async: true }).move({ x: Math.round(x), y: Math.round(y), origin: Origin.VIEWPORT }).perform(),
    click: (x, y) => d.actions({ async: true }).move({ x: Math.round(x), y: Math.round(y), origin: Origin.VIEWPORT }).click().perform(),
    doubleClick: (x, y) => d.actions({ async: true }).move({ x: Math.round(x), y: Math.round(y), origin: Origin.VIEWPORT }).doubleClick().perform(),
    async drag(x1, y1, x2, y2) {
      let a = d.actions({ async: true }).move({ x: Math.round(x1), y: Math.round(y1), origin: Origin.VIEWPORT }).press();
      for (let k = 1; k <= 8; k++) {
        a = a.move({ x: Math.round(x1 + ((x2 - x1) * k) / 8), y: Math.round(y1 + ((y2 - y1) * k) / 8), origin: Origin.VIEWPORT, duration: 20 });
      }
      await a.release().perform();
    },
    /** Delivered as mouse events by WebKitGTK (see `touch` above). */
    async touchTap(x, y) {
      const finger = new Pointer("finger", Pointer.Type.TOUCH);
      const at = { x: Math.round(x), y: Math.round(y), origin: Origin.VIEWPORT };
      await d.actions({ async: true }).insert(finger, finger.move(at), finger.press(), finger.release()).perform();
    },
    wheel: (x, y, dx, dy) =>
      d.actions({ async: true }).scroll(Math.round(x), Math.round(y), Math.round(dx), Math.round(dy), Origin.VIEWPORT, 50).perform(),
    async press(key) {
      const k = KEYS[key] ?? key;
      await d.actions({ async: true }).keyDown(k).keyUp(k).perform();
    },
    async screenshot(file) {
      fs.writeFileSync(file, Buffer.from(await d.takeScreenshot(), "base64"));
    },
    /** Resizes the browser window so that the viewport is about w × h. */
    async resize(w, h) {
      // The window is bigger than its viewport by the frame MiniBrowser draws: measure it.
      const inner = await evaluate(() => [innerWidth, innerHeight]);
      const rect = await d.manage().window().getRect();
      await d.manage().window().setRect({ width: w + (rect.width - inner[0]), height: h + (rect.height - inner[1]) });
    },
    pending: [],
    async harvest() {
      const probe = await evaluate(takeProbeProblems).catch(() => []);
      driver.pending.push(...probe);
    },
    async problems() {
      await driver.harvest();
      return driver.pending.splice(0, driver.pending.length);
    },
    async close() {
      await withTimeout(d.quit(), 10000, "ending the WebKit session").catch(() => {});
      await cleanup();
    },
  };
  try {
    await driver.resize(width, height);
  } catch (err) {
    await driver.close();
    throw err;
  }
  return driver;
}

export const ENGINES = { firefox: launchFirefox, webkit: launchWebKit };
