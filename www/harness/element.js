// The custom element <trade-chart>: the chart in its own shadow root, loaded when it comes
// near the viewport, with its light-DOM children (a fallback image) shown until then.
import { loadWasm, preloadWasm } from "./wasm.js";
import { chartError } from "./errors.js";
import { fetchSpec } from "./fetch.js";
import { showMountError } from "./dom.js";
import { Chart } from "./chart.js";
import { parseAspect, release, reserve, reservedBox } from "./reserve.js";

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * `<trade-chart src="data/trade.json"></trade-chart>`: the chart as a custom element.
 *
 * The spec comes from `src` (a JSON spec or a CSV file), from a child
 * `<script type="application/json">`, or from JS as `element.spec = {...}`. The attributes
 * `view`, `theme`, `locale` and `height` override the spec; `aspect="16/9"` gives the
 * whole element's proportions. The element renders inside its own shadow root (host CSS
 * cannot reach it), fills its container's width, loads the wasm only when it comes near
 * the viewport, and shows its light-DOM children (a fallback image) until then and to
 * readers without JavaScript. It holds the chart's space from the start (reserve.js).
 */
export class TradeChartElement extends HTMLElement {
  static get observedAttributes() {
    return ["src", "view", "theme", "locale", "height", "aspect"];
  }

  constructor() {
    super();
    this._spec = null;
    this.chart = null;
    this.visible = false;
    this.generation = 0;
  }

  /** The spec set from JS (overrides `src` and an inline script). */
  get spec() {
    return this._spec;
  }

  set spec(value) {
    this._spec = value;
    this.refresh();
  }

  connectedCallback() {
    if (!this.style.display) this.style.display = "block";
    preloadWasm();
    if (!this.chart) reserve(this, this._spec);
    if (typeof IntersectionObserver === "undefined") {
      this.visible = true;
      this.refresh();
      return;
    }
    this.observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        this.visible = true;
        this.observer.disconnect();
        this.refresh();
      }
    }, { rootMargin: "400px 0px" });
    this.observer.observe(this);
  }

  disconnectedCallback() {
    this.observer?.disconnect();
    this.chart?.destroy();
    this.chart = null;
  }

  attributeChangedCallback(_name, oldValue, newValue) {
    if (oldValue !== newValue && this.isConnected) this.refresh();
  }

  /** The spec (an object, JSON text or `{csv}`) and the attribute overrides to set on it. */
  async resolveSpec() {
    let spec = this._spec;
    if (!spec) {
      const inline = this.querySelector('script[type="application/json"]');
      const src = this.getAttribute("src");
      if (inline) {
        spec = inline.textContent;
      } else if (src) {
        spec = await fetchSpec(src);
      } else {
        throw chartError('trade-chart: give the element a "src" attribute, an inline <script type="application/json"> or a spec', "missing-field");
      }
    }
    // JSON text stays text: Rust parses it (errors with line and column) and sets the
    // attribute overrides on it.
    const overrides = {};
    for (const name of ["view", "theme", "locale"]) {
      if (this.hasAttribute(name)) overrides[name] = this.getAttribute(name);
    }
    if (this.hasAttribute("height")) overrides.height = Number(this.getAttribute("height"));
    return { spec, overrides };
  }

  async refresh() {
    if (!this.visible || !this.isConnected) return;
    const generation = ++this.generation;
    this.dataset.tcState = "loading";
    let spec;
    let overrides;
    try {
      ({ spec, overrides } = await this.resolveSpec());
      await loadWasm();
      // Charts whose wasm and specs are ready at once each draw in a task of their own,
      // so five of them are five short tasks rather than one long one.
      if (!this.chart) await nextTask();
    } catch (e) {
      if (generation === this.generation) this.fail(e);
      return;
    }
    if (generation !== this.generation) return; // a newer refresh took over
    if (!this.shadowRoot) {
      // Measured while the fallback still shows: the first frame fills this box.
      this.fit = reservedBox(this);
      const shadow = this.attachShadow({ mode: "open" });
      this.holder = document.createElement("div");
      this.holder.className = "tc-host";
      shadow.append(this.holder);
    }
    try {
      const aspect = parseAspect(this.getAttribute("aspect"));
      if (this.chart) {
        Object.assign(this.chart.options, { overrides, aspect });
        this.chart.update(spec);
      } else {
        this.holder.replaceChildren();
        this.chart = new Chart(this.holder, spec, { exportButtons: !this.hasAttribute("no-export"), listenButton: !this.hasAttribute("no-listen"), storyFor: this.storyRoot(), overrides, aspect, fit: this.fit });
        release(this);
      }
      this.dataset.tcState = "ready";
      this.dispatchEvent(new CustomEvent("ready", { detail: { chart: this.chart } }));
    } catch (e) {
      this.fail(e);
    }
  }

  /** The element whose `data-trade-chart-step` paragraphs drive the chart: `story-for="id"`, else the nearest `[data-trade-chart-story]` ancestor. */
  storyRoot() {
    const id = this.getAttribute("story-for");
    if (id) return document.getElementById(id);
    return this.closest("[data-trade-chart-story]");
  }

  fail(e) {
    if (!this.shadowRoot) {
      const shadow = this.attachShadow({ mode: "open" });
      this.holder = document.createElement("div");
      shadow.append(this.holder);
    }
    if (!this.chart) {
      this.holder.replaceChildren();
      showMountError(this.holder, e);
    }
    release(this);
    this.dataset.tcState = "error";
    this.dispatchEvent(new CustomEvent("error", { detail: { error: e } }));
    console.error("trade-chart:", e);
  }
}

if (typeof customElements !== "undefined" && !customElements.get("trade-chart")) {
  customElements.define("trade-chart", TradeChartElement);
}
