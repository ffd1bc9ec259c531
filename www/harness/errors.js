// Errors the harness itself raises, shaped like the TradeChartError Rust throws: an Error
// with name "TradeChartError" and a `code`.

/** A TradeChartError with `message` and `code` (e.g. "fetch", "destroyed"). */
export function chartError(message, code) {
  const err = new Error(message);
  err.name = "TradeChartError";
  err.code = code;
  return err;
}
