// Bench instrumentation, loaded before any chart library.
//
// 1. requestAnimationFrame is wrapped so the page knows when the current frame's callbacks
//    started (window.__frame.start): "work" times then exclude the idle wait for vsync.
// 2. With ?count=1, every CanvasRenderingContext2D method call and style-property set is
//    counted (window.__canvasCalls); the timed runs never load this wrapper.
(() => {
  const raf = window.requestAnimationFrame.bind(window);
  let lastTs = -1;
  window.__frame = { start: 0, frames: 0 };
  window.requestAnimationFrame = function requestAnimationFrame(cb) {
    return raf((ts) => {
      if (ts !== lastTs) {
        lastTs = ts;
        window.__frame.start = performance.now();
        window.__frame.frames++;
      }
      return cb(ts);
    });
  };

  if (!new URLSearchParams(location.search).has("count")) return;
  const counts = { calls: 0, sets: 0, byName: Object.create(null) };
  window.__canvasCalls = counts;
  window.__resetCanvasCalls = () => {
    counts.calls = 0;
    counts.sets = 0;
    counts.byName = Object.create(null);
  };
  // Path2D too: uPlot builds its paths there, so context calls alone undercount it.
  for (const [proto, prefix] of [[CanvasRenderingContext2D.prototype, ""], [Path2D.prototype, "Path2D."]])
  for (const name of Object.getOwnPropertyNames(proto)) {
    const d = Object.getOwnPropertyDescriptor(proto, name);
    if (!d || name === "constructor") continue;
    if (typeof d.value === "function") {
      const fn = d.value;
      Object.defineProperty(proto, name, {
        ...d,
        value: function (...args) {
          counts.calls++;
          counts.byName[prefix + name] = (counts.byName[prefix + name] || 0) + 1;
          return fn.apply(this, args);
        },
      });
    } else if (d.set) {
      const set = d.set;
      Object.defineProperty(proto, name, {
        ...d,
        set(v) {
          counts.sets++;
          const key = `${prefix}${name}=`;
          counts.byName[key] = (counts.byName[key] || 0) + 1;
          set.call(this, v);
        },
      });
    }
  }
})();
