// Input and environment listeners. JS owns every DOM listener and forwards plain numbers
// (CSS px from the stage's corner, key names) to Rust, which answers with redraw bits.
// Everything added here is removed by the cleanup functions it pushes on `chart.cleanups`.
import { DATA, CONSUMED } from "./wasm.js";

function listen(chart, target, type, fn, opts) {
  target.addEventListener(type, fn, opts);
  chart.cleanups.push(() => target.removeEventListener(type, fn, opts));
}

/** Re-renders when devicePixelRatio changes (browser zoom, another screen). */
function watchPixelRatio(chart) {
  let query;
  const onChange = () => {
    query.removeEventListener("change", onChange);
    watch();
    chart.schedule(DATA);
  };
  const watch = () => {
    query = matchMedia(`(resolution: ${window.devicePixelRatio}dppx)`);
    query.addEventListener("change", onChange);
  };
  watch();
  chart.cleanups.push(() => query.removeEventListener("change", onChange));
}

/** Size, theme, colour-scheme and pixel-ratio changes: each schedules a redraw. */
function watchEnvironment(chart) {
  // Only a change of width re-lays out (the observer also fires once on observe()).
  const resize = new ResizeObserver(() => {
    if (!chart.size || chart.container.clientWidth !== chart.size[0]) chart.schedule(DATA);
  });
  resize.observe(chart.container);
  const theme = new MutationObserver(() => chart.schedule(DATA));
  theme.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme", "class"], subtree: false });
  theme.observe(chart.container, { attributes: true, attributeFilter: ["data-theme"] });
  chart.cleanups.push(() => resize.disconnect(), () => theme.disconnect());
  listen(chart, chart.darkQuery, "change", () => chart.schedule(DATA));
  watchPixelRatio(chart);
}

/** Pointer, touch (with two-finger pinch), wheel and double-click on the stage. */
function watchPointer(chart, input) {
  const { stage } = chart;
  const pos = (e) => {
    const r = stage.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top];
  };
  const touches = new Map();
  let pinchDistance = 0;
  const spread = () => {
    const [a, b] = [...touches.values()];
    return [(a[0] + b[0]) / 2, Math.hypot(a[0] - b[0], a[1] - b[1])];
  };
  listen(chart, stage, "pointerdown", (e) => {
    const [x, y] = pos(e);
    const touch = e.pointerType === "touch";
    if (touch) {
      touches.set(e.pointerId, [x, y]);
      if (touches.size === 2) {
        pinchDistance = spread()[1];
        return;
      }
    } else if (e.button !== 0) {
      return;
    }
    stage.setPointerCapture?.(e.pointerId);
    input(chart.handle.pointerDown(x, y, e.shiftKey || e.altKey, touch), touch ? null : e);
  });
  listen(chart, stage, "pointermove", (e) => {
    const [x, y] = pos(e);
    if (e.pointerType === "touch" && touches.has(e.pointerId)) {
      touches.set(e.pointerId, [x, y]);
      if (touches.size === 2) {
        const [mid, d] = spread();
        if (pinchDistance > 0 && d > 0) input(chart.handle.pinch(mid, d / pinchDistance), e);
        pinchDistance = d;
        return;
      }
    }
    input(chart.handle.pointerMove(x, y), e);
  });
  const up = (e) => {
    touches.delete(e.pointerId);
    if (touches.size < 2) pinchDistance = 0;
    const [x, y] = pos(e);
    input(chart.handle.pointerUp(x, y), null);
  };
  listen(chart, stage, "pointerup", up);
  listen(chart, stage, "pointercancel", up);
  listen(chart, stage, "pointerleave", (e) => {
    if (e.pointerType !== "touch") input(chart.handle.pointerLeave(), null);
  });
  listen(chart, stage, "wheel", (e) => {
    const delta = e.deltaMode === 1 ? e.deltaY * 16 : e.deltaY;
    input(chart.handle.wheel(pos(e)[0], delta, e.ctrlKey || e.metaKey), e);
  }, { passive: false });
  listen(chart, stage, "dblclick", (e) => input(chart.handle.doubleClick(), e));
  // A tap or click outside the chart dismisses its tooltip. Inside a <trade-chart>,
  // document sees e.target retargeted to the host element, so ask the composed path.
  listen(chart, document, "pointerdown", (e) => {
    if (!e.composedPath().includes(stage)) chart.afterInput(chart.handle.blur());
  });
}

/** Keys and focus: the data cursor, zoom keys, story steps (PageUp/PageDown) and sound (S). */
function watchKeys(chart, input) {
  const { stage } = chart;
  listen(chart, stage, "keydown", (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const sound = e.key === "s" || e.key === "S";
    if (chart.story?.key(e) || sound) {
      if (sound) chart.toggleSound();
      e.preventDefault();
      return;
    }
    if (e.key === "Escape") chart.stopSound();
    const flags = chart.handle.key(e.key);
    if (e.key === "Escape") stage.blur();
    input(flags, e);
  });
  // Only keyboard focus starts the data cursor; a click or tap that focuses the chart
  // leaves the pointer in charge of the tooltip.
  listen(chart, stage, "focus", () => {
    if (stage.matches(":focus-visible")) input(chart.handle.focus(), null);
  });
  listen(chart, stage, "blur", () => input(chart.handle.blur(), null));
}

/** Attaches every listener and observer a chart needs; `chart.detach()` removes them. */
export function attachListeners(chart) {
  chart.cleanups = [];
  chart.darkQuery = matchMedia("(prefers-color-scheme: dark)");
  const input = (flags, e) => {
    if (flags & CONSUMED && e && e.cancelable) e.preventDefault();
    chart.afterInput(flags);
  };
  watchEnvironment(chart);
  watchPointer(chart, input);
  watchKeys(chart, input);
}
