// Handing data to wasm: numeric columns of a spec (typed arrays, long plain arrays, `data`
// records) are taken out so they cross as Float64Arrays, one copy, instead of value by value.

/** Columns of at least this many plain numbers are handed over as Float64Arrays. */
const PLAIN_COLUMN_MIN = 10000;

/**
 * Takes numeric columns out of a spec object so they cross into wasm as Float64Arrays (one
 * copy) instead of being converted value by value. Typed arrays always go this way (NaN in
 * y is a gap); long plain arrays only when every value is a number or null (anything else
 * stays in the spec so Rust reports it with its location). The caller's object is not changed.
 */
export function extractColumns(spec) {
  if (spec && typeof spec === "object" && Array.isArray(spec.data) && spec.csv == null) {
    const records = recordColumns(spec.data);
    if (records) {
      const [rest, more] = extractColumns({ ...spec, data: null });
      return [rest, [...records, ...(more || [])]];
    }
  }
  if (!spec || typeof spec !== "object" || !Array.isArray(spec.series)) return [spec, undefined];
  const columns = [];
  const series = spec.series.map((s, i) => {
    if (!s || typeof s !== "object") return s;
    let copy = withDatesAsTimes(s);
    for (const field of ["x", "y"]) {
      const v = copy[field];
      let column = null;
      if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
        column = v instanceof Float64Array ? v : Float64Array.from(v);
      } else if (Array.isArray(v) && v.length >= PLAIN_COLUMN_MIN) {
        column = new Float64Array(v.length);
        for (let k = 0; k < v.length; k++) {
          const value = v[k];
          if (value === null && field === "y") column[k] = NaN;
          else if (typeof value === "number" && Number.isFinite(value)) column[k] = value;
          else {
            column = null;
            break;
          }
        }
      }
      if (column) {
        if (copy === s) copy = { ...s };
        copy[field] = null;
        columns.push([i, field, column]);
      }
    }
    return copy;
  });
  const changed = series.some((s, i) => s !== spec.series[i]);
  return [changed ? { ...spec, series } : spec, columns.length ? columns : undefined];
}

/**
 * A `Date` as epoch ms (what Rust reads as a date), an invalid one as the text "Invalid
 * Date" (so the error quotes it); anything else as it is.
 */
const timeOf = (v) => (v instanceof Date ? (Number.isNaN(v.getTime()) ? String(v) : v.getTime()) : v);

/**
 * A series whose dates are `Date` objects (`x: [Date, …]`, or `data: [[Date, y], …]`) with
 * epoch ms in their place, as records' `Date`s cross; told by the first date, so a series
 * of date strings is not walked. The caller's object is not changed.
 */
function withDatesAsTimes(s) {
  let copy = s;
  if (Array.isArray(s.x) && s.x[0] instanceof Date) copy = { ...copy, x: s.x.map(timeOf) };
  if (Array.isArray(s.data) && Array.isArray(s.data[0]) && s.data[0][0] instanceof Date) {
    copy = { ...copy, data: s.data.map((p) => (Array.isArray(p) && p[0] instanceof Date ? [timeOf(p[0]), ...p.slice(1)] : p)) };
  }
  return copy;
}

/** Separates the cells of a text column handed over as one string (src/web/mod.rs). */
const RECORD_SEPARATOR = "\u001f";

/**
 * Turns `data` records (`[{date: "2023-01", trade: 240.1}, …]`, as `fetch(...).json()`
 * gives them) into columns, one per field in order of first appearance, so that they
 * cross into wasm like typed arrays instead of value by value: numbers (and `Date`s, as
 * epoch ms) become a Float64Array with NaN for null or a missing field; text becomes one
 * string joined by U+001F; a field of mixed values (a number and "n/a") stays a plain
 * array, so Rust reports the bad value as `data[7].trade`. Returns null when `data` is
 * not an array of plain objects (Rust then reports what it is).
 */
function recordColumns(data) {
  const n = data.length;
  if (n === 0) return null;
  const fields = [];
  const seen = new Set();
  for (let i = 0; i < n; i++) {
    const r = data[i];
    if (!r || typeof r !== "object" || Array.isArray(r) || r instanceof Date) return null;
    for (const k in r) {
      if (!seen.has(k) && Object.prototype.hasOwnProperty.call(r, k)) {
        seen.add(k);
        fields.push(k);
      }
    }
  }
  return fields.map((field) => {
    const numbers = new Float64Array(n);
    let i = 0;
    for (; i < n; i++) {
      const v = data[i][field];
      if (typeof v === "number" && Number.isFinite(v)) numbers[i] = v;
      else if (v === null || v === undefined) numbers[i] = NaN;
      else if (v instanceof Date && Number.isFinite(v.getTime())) numbers[i] = v.getTime();
      else break;
    }
    if (i === n) return ["data", field, numbers];
    // Text (with gaps) goes over as one string, unless a cell holds the separator.
    let text = true;
    for (let k = 0; k < n && text; k++) {
      const v = data[k][field];
      text = v === null || v === undefined || (typeof v === "string" && v !== "" && !v.includes(RECORD_SEPARATOR));
    }
    if (text) return ["data", field, data.map((r) => r[field] ?? "").join(RECORD_SEPARATOR)];
    return ["data", field, data.map((r) => {
      const v = r[field];
      if (v instanceof Date) return v.getTime();
      return v === undefined ? null : v;
    })];
  });
}
