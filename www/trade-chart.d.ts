// Types for trade-chart's JavaScript API and chart spec (see README.md).

/** A date: "YYYY", "YYYY-Qn", "YYYY-MM", "YYYY-MM-DD", an ISO date-time, or epoch ms (UTC). */
export type DateLike = string | number;

/** Written around values: {prefix: "$", suffix: "bn"} gives "$240.1bn". */
export interface Unit {
  prefix?: string;
  suffix?: string;
}

export interface SeriesSpec {
  /** Display name; unique within a chart. */
  name?: string;
  /** A {prefix, suffix} pair, or shorthand: "$" (prefix), "%" (suffix), "Mt" (suffix " Mt"). */
  unit?: Unit | string;
  kind?: "line" | "area" | "bar";
  /** "#rrggbb" or "#rgb". */
  color?: string;
  granularity?: "annual" | "quarterly" | "monthly" | "daily" | "time";
  /** 0–6 decimals in labels and tooltips. */
  decimals?: number;
  /** Points as [x, y] pairs; y null is a gap. */
  data?: Array<[DateLike, number | null]>;
  /** The same points as columns (instead of data). */
  x?: DateLike[] | Float64Array;
  y?: Array<number | null> | Float64Array;
}

export type Annotation =
  | { type: "line"; x: DateLike; label?: string }
  | { type: "range"; from: DateLike; to: DateLike; label?: string }
  | { type: "point"; series: string; x: DateLike; label?: string };

export interface ChartSpec {
  title?: string;
  subtitle?: string;
  source?: string;
  notes?: string;
  byline?: string;
  kind?: "line" | "area" | "bar" | "combo";
  view?: "panels" | "dual-axis" | "indexed" | "single";
  indexBase?: DateLike;
  locale?: "en-US" | "en-GB" | "de-DE" | "fr-FR" | "es-ES" | "it-IT" | "ru-RU" | "zh-CN" | string;
  theme?: "auto" | "light" | "dark";
  scale?: "linear" | "log";
  connectGaps?: boolean;
  /** CSS pixels, 120–4000; chosen from the width when absent. */
  height?: number;
  series?: SeriesSpec[];
  annotations?: Annotation[];
  /** CSV text (header row, first column dates, one column per series) instead of series data. */
  csv?: string;
  decimalComma?: boolean;
}

/** Errors thrown by trade-chart: `message` names the series, field and point. */
export interface TradeChartError extends Error {
  name: "TradeChartError";
  code:
    | "invalid-json" | "invalid-field" | "unknown-field" | "missing-field" | "empty"
    | "duplicate-x" | "length-mismatch" | "scale" | "limit" | "invalid-csv" | "render"
    | "destroyed" | "fetch" | "invalid-container" | "invalid-event";
}

export interface TooltipRow {
  name: string;
  value: string;
  change: string;
  color: string;
  current: boolean;
}

export interface Tooltip {
  title: string;
  rows: TooltipRow[];
  x: number;
  y: number;
  /** Half the width of the highlighted bar (0 for lines). */
  half_width: number;
}

export interface View {
  /** Epoch milliseconds. */
  from: number;
  to: number;
}

export interface MountOptions {
  /** Show the "Download PNG/SVG/CSV" buttons (default true). */
  exportButtons?: boolean;
  /** Longest wait for a spec or CSV URL, in ms (default 15000). */
  fetchTimeoutMs?: number;
}

export declare class Chart {
  /** Swaps data or options; throws (and shows) a TradeChartError, keeping the last good chart. */
  update(spec: ChartSpec | string): void;
  /** Removes everything mount added and frees wasm memory. Safe to call twice. */
  destroy(): void;
  getView(): View;
  setView(view: { from: number | Date; to: number | Date }): void;
  resetView(): void;
  /** The generated accessible description. */
  describe(): string;
  /** The data as CSV, with units in the headers. */
  toCSV(): string;
  /** The chart as shown, at 2× resolution. */
  toPNG(): Promise<Blob>;
  /** The chart as shown (view, hidden series, theme) as an SVG document; text stays text. */
  toSVG(): string;
  on(event: "hover", fn: (tooltip: Tooltip | null) => void): () => void;
  on(event: "view", fn: (view: View) => void): () => void;
  on(event: "focus", fn: (announcement: string) => void): () => void;
  readonly renderCount: number;
  readonly overlayRenderCount: number;
}

/** Mounts a chart in `container`; `spec` is an object, JSON text, or a URL (.json or .csv). */
export declare function mount(container: Element, spec: ChartSpec | string, options?: MountOptions): Promise<Chart>;

/** Loads the wasm module (once per page). */
export declare function loadWasm(): Promise<unknown>;

/** The `<trade-chart>` custom element. */
export declare class TradeChartElement extends HTMLElement {
  spec: ChartSpec | string | null;
  readonly chart: Chart | null;
}

declare global {
  interface HTMLElementTagNameMap {
    "trade-chart": TradeChartElement;
  }
}
