// Helpers shared by the per-library drivers.

/** Loads a classic script (a UMD/IIFE build) and resolves when it has run. */
export function loadScript(url) {
  return new Promise((resolve, reject) => {
    const s = document.createElement("script");
    s.src = url;
    s.onload = () => resolve();
    s.onerror = () => reject(new Error(`could not load ${url}`));
    document.head.append(s);
  });
}

/** Loads a stylesheet and resolves when it applies. */
export function loadStyle(url) {
  return new Promise((resolve, reject) => {
    const l = document.createElement("link");
    l.rel = "stylesheet";
    l.href = url;
    l.onload = () => resolve();
    l.onerror = () => reject(new Error(`could not load ${url}`));
    document.head.append(l);
  });
}

/** Line width in CSS px used by every library that lets us choose (trade-chart draws 2.5). */
export const LINE_WIDTH = 2.5;
