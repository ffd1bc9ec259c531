// Test-only probe for test/layout-shift.html: when <trade-chart> is defined (every element
// on the page has just been upgraded and has reserved its space, and no chart can have
// arrived yet), records where each "after-…" paragraph sits in the document. The engine
// tests (Firefox, WebKit: no layout-shift entries there) compare that with where they sit
// once every chart is drawn. A classic script: it runs under the strict CSP.
(function () {
  "use strict";
  function positions() {
    var out = {};
    var els = document.querySelectorAll("[id^=after-]");
    for (var i = 0; i < els.length; i++) out[els[i].id] = els[i].getBoundingClientRect().top + window.scrollY;
    return out;
  }
  customElements.whenDefined("trade-chart").then(function () {
    window.__heldPositions = positions();
  });
  window.__positions = positions;
})();
