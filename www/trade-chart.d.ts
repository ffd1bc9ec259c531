// Types for trade-chart's JavaScript API and chart spec (see README.md).

/** A date: "YYYY", "YYYY-Qn", "YYYY-MM", "YYYY-MM-DD", an ISO date-time, an everyday form ("Jan 2023", "16 May 2024", "2023 Q2"), or epoch ms (UTC). */
export type DateLike = string | number;

/** Written around values: {prefix: "$", suffix: "bn"} gives "$240.1bn". */
export interface Unit {
  prefix?: string;
  suffix?: string;
  /** What one raw value is worth: 1 shows raw dollars as "$240.1bn", 1000 data in thousands. */
  scale?: number;
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
  /** With `csv` or `data`: the column or field this series draws. */
  field?: string;
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

/** One state of the chart in a scroll-driven story (see README "Story steps"). */
export interface StepSpec {
  /** What pages call it by (`data-trade-chart-step="id"`); its index when absent. */
  id?: string;
  /** The time range shown, optionally with a view kind; or a view kind alone. */
  view?: { from?: DateLike; to?: DateLike; kind?: "panels" | "dual-axis" | "indexed" | "single" } | "panels" | "dual-axis" | "indexed" | "single";
  /** Series drawn in full colour (the rest muted); all when absent. */
  highlight?: string[] | string;
  /** The annotations shown: annotations, or indices into the spec's `annotations`. */
  annotations?: Array<Annotation | number>;
  indexBase?: DateLike;
  /** What the live region says after the range ("trade rose to a record $240.1bn"); generated when absent. */
  announce?: string;
}

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
  /** CSV text (header row, a date column, one column per series or a long table) instead of series data. */
  csv?: string;
  decimalComma?: boolean;
  /** States of the chart for `chart.step()` and scroll-driven stories. */
  steps?: StepSpec[];
  /** Records, as fetch(...).json() returns them: [{date: "2023-01", trade: 240.1}, …]. */
  data?: Array<Record<string, string | number | Date | null | undefined>>;
  /** With csv or data: the date column or field. */
  x?: string;
  xColumn?: string;
  /** With csv or data: a long table's series-name column and value column. */
  seriesColumn?: string;
  valueColumn?: string;
  /** With csv or data: the series to draw, in this order. */
  columns?: string[];
  /** How to read 01/02/2000 when the values do not say, or what numbers in the date column count. */
  dateFormat?: "day-first" | "month-first" | "epoch-seconds" | "epoch-milliseconds";
}

/** Errors thrown by trade-chart: `message` names the series, field and point. */
export interface TradeChartError extends Error {
  name: "TradeChartError";
  code:
    | "invalid-json" | "invalid-field" | "unknown-field" | "missing-field" | "empty"
    | "duplicate-x" | "length-mismatch" | "scale" | "limit" | "invalid-csv" | "render"
    | "destroyed" | "fetch" | "invalid-container" | "invalid-event" | "invalid-step";
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
  /** Show the "Listen" button (default true where Web Audio exists). */
  listenButton?: boolean;
  /** An element (or selector) whose `data-trade-chart-step` children drive the steps as they cross the trigger line. */
  storyFor?: Element | string;
  /** Width / height of the whole chart (canvas and buttons), e.g. 16 / 9; default: the height the layout prefers. */
  aspect?: number;
}

export interface SoundOptions {
  /** Seconds per series (0.5–60); 1.5–4 s from the number of points by default. */
  duration?: number;
  /** Pitch range in Hz (default 220–880). */
  lowHz?: number;
  highHz?: number;
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
  /** Shows or hides the data table, as the "Show data" button does. */
  toggleTable(): void;
  /** The chart as shown, at 2× resolution. */
  toPNG(): Promise<Blob>;
  /** The chart as shown (view, hidden series, theme) as an SVG document; text stays text. */
  toSVG(): string;
  on(event: "hover", fn: (tooltip: Tooltip | null) => void): () => void;
  on(event: "view", fn: (view: View) => void): () => void;
  on(event: "focus", fn: (announcement: string) => void): () => void;
  on(event: "step", fn: (step: { id: string; index: number }) => void): () => void;
  /** Moves to a story step by id or index; resolves when the transition has ended. */
  step(idOrIndex: string | number): Promise<void>;
  /** The id of the step shown, or null. */
  readonly currentStep: string | null;
  /** Plays the visible series as sound; resolves with true if stopped early. */
  sonify(options?: SoundOptions): Promise<boolean>;
  /** Stops this chart's sound. */
  stopSound(): void;
  /** What did not stop the chart: a text column left out, series split into panels by size. */
  readonly warnings: string[];
  /** The options detection chose for a table, to pin in an embed. */
  readonly detected: { xColumn?: string; seriesColumn?: string; valueColumn?: string; dateFormat?: string };
  readonly renderCount: number;
  readonly overlayRenderCount: number;
}

/** Mounts a chart in `container`; `spec` is an object, JSON text, or a URL (.json or .csv). */
export declare function mount(container: Element, spec: ChartSpec | string, options?: MountOptions): Promise<Chart>;

/**
 * Loads the wasm module (once per page; the first call or chart decides how). It is
 * compiled in a worker, which also runs two small charts through it so the page's first chart
 * and first hover find their code compiled; `{worker: false}` compiles on the main thread.
 * Where no worker can start (a harness from another origin, a CSP that refuses workers) it
 * compiles on the main thread anyway.
 */
export declare function loadWasm(options?: { worker?: boolean }): Promise<unknown>;

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
