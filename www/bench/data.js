// Deterministic synthetic data for the bench: random walks from a fixed-seed xorshift32.

const START = Date.UTC(2020, 0, 1);

function xorshift(seed) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}

function walk(n, seed, level) {
  const next = xorshift(seed);
  const y = new Float64Array(n);
  let v = level;
  for (let i = 0; i < n; i++) {
    v += (next() - 0.5) * 2;
    y[i] = v;
  }
  return y;
}

function evenX(n, stepMs) {
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = START + i * stepMs;
  return x;
}

/**
 * A data set as columns: { name, x: Float64Array (epoch ms), ys: [Float64Array], annual }.
 *   "166k": 55,550 timestamps (1 min apart) × 3 series = 166,650 points (uPlot's bench shape)
 *   "1m":   1,000,000 timestamps (1 s apart) × 1 series
 *   "8":    the demo's 8 annual values (www/data/china-russia-trade.json)
 */
export async function makeData(name) {
  if (name === "166k") {
    const n = 55_550;
    return { name, x: evenX(n, 60_000), ys: [walk(n, 1, 100), walk(n, 2, 150), walk(n, 3, 200)], annual: false };
  }
  if (name === "1m") {
    const n = 1_000_000;
    return { name, x: evenX(n, 1_000), ys: [walk(n, 7, 500)], annual: false };
  }
  if (name === "8") {
    const spec = await (await fetch("../data/china-russia-trade.json")).json();
    const pts = spec.series[0].data;
    return {
      name,
      x: Float64Array.from(pts, ([year]) => Date.UTC(Number(year), 0, 1)),
      ys: [Float64Array.from(pts, ([, v]) => v)],
      annual: true,
    };
  }
  throw new Error(`unknown data set ${name}`);
}

export const COLORS = ["#1f77b4", "#d62728", "#2ca02c"];
