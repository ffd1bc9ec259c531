// The headless Chromium that the end-to-end tests (tests/e2e/harness.mjs) and the benchmark
// (scripts/bench.mjs) launch, and the flags they launch it with. CHROMIUM=/path overrides it.

export const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];
