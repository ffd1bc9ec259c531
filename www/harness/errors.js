// Errors the harness itself raises, shaped like the TradeChartError Rust throws: an Error
// with name "TradeChartError" and a `code`.

/** A TradeChartError with `message` and `code` (e.g. "fetch", "destroyed"). */
export function chartError(message, code) {
  const err = new Error(message);
  err.name = "TradeChartError";
  err.code = code;
  return err;
}

/** What JSON has no value for, as a reader would name it. */
function nonJsonKind(value) {
  if (typeof value === "function") return "a function";
  if (typeof value === "symbol") return "a symbol";
  return null;
}

/**
 * Where a spec object holds what JSON cannot: "spec.series[0].name is a symbol", or
 * "spec.self refers back to an object that contains it"; null when nothing does. Walked
 * only after Rust has refused the object, so a good spec costs nothing.
 */
export function nonJsonValue(value, path = "spec", ancestors = []) {
  const kind = nonJsonKind(value);
  if (kind) return `${path} is ${kind}`;
  if (!value || typeof value !== "object" || ArrayBuffer.isView(value)) return null;
  if (ancestors.includes(value)) return `${path} refers back to an object that contains it`;
  if (ancestors.length >= 64) return null;
  const inner = [...ancestors, value];
  const entries = Array.isArray(value) ? value.map((v, i) => [`${path}[${i}]`, v]) : Object.entries(value).map(([k, v]) => [`${path}.${k}`, v]);
  for (const [p, v] of entries) {
    const found = nonJsonValue(v, p, inner);
    if (found) return found;
  }
  return null;
}

/**
 * The error Rust threw for a spec object, with the place named when the object holds a
 * function, a symbol or a cycle (serde-wasm-bindgen can say only that it could not read
 * the value). Any other error comes back as it was.
 */
export function explainSpecError(e, spec) {
  if (!e || (e.code !== "invalid-json" && e.code !== "limit") || !spec || typeof spec !== "object") return e;
  const found = nonJsonValue(spec);
  if (!found) return e;
  return chartError(`the spec is not valid JSON: ${found}; a spec holds only text, numbers, true or false, null, arrays and objects`, "invalid-json");
}
