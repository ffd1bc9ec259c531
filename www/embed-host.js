// trade-chart embed host: sizes every <iframe data-trade-chart> on the page to the height
// its chart reports, so iframe embeds (www/embed.html) show without scrollbars.
//
//   <iframe data-trade-chart src="https://charts.example/embed.html?src=data/trade.json"
//           title="China–Russia trade, 2016–2023" width="100%" height="480"></iframe>
//   <script src="https://charts.example/embed-host.js" defer></script>
//
// A classic script (no imports), safe under a strict CSP and safe to include twice. Only
// messages of the form {type: "trade-chart:height", id, height} sent by one of those
// iframes' own windows, from the origin of its src, are acted on; everything else is ignored.
(function () {
  "use strict";
  if (window.__tradeChartEmbedHost) return;
  window.__tradeChartEmbedHost = true;

  var MAX_HEIGHT = 20000;

  function frameOrigin(frame) {
    try {
      return new URL(frame.src, location.href).origin;
    } catch (e) {
      return null;
    }
  }

  // The CSS height that gives the iframe `height` px of content: adds padding and border
  // when the host page uses box-sizing: border-box.
  function cssHeight(frame, height) {
    var cs = getComputedStyle(frame);
    if (cs.boxSizing !== "border-box") return height;
    var extra = ["paddingTop", "paddingBottom", "borderTopWidth", "borderBottomWidth"]
      .reduce(function (sum, k) { return sum + (parseFloat(cs[k]) || 0); }, 0);
    return height + extra;
  }

  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || typeof data !== "object" || data.type !== "trade-chart:height") return;
    var height = data.height;
    if (typeof height !== "number" || !isFinite(height) || height < 0 || height > MAX_HEIGHT) return;
    if (data.id !== undefined && typeof data.id !== "string") return;
    var frames = document.querySelectorAll("iframe[data-trade-chart]");
    for (var i = 0; i < frames.length; i++) {
      var frame = frames[i];
      if (frame.contentWindow !== event.source) continue;
      if (event.origin !== frameOrigin(frame)) return;
      frame.style.height = Math.ceil(cssHeight(frame, height)) + "px";
      frame.dataset.tradeChartHeight = String(Math.ceil(height));
      // Tell the embed the height it got, so it knows a host sizes it and stays unscrollable
      // (or scrolls, when the page's CSS capped the iframe below what it asked for).
      event.source.postMessage({ type: "trade-chart:sized", id: data.id, asked: height, height: frame.clientHeight }, event.origin);
      return;
    }
  });
})();
