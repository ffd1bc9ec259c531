// Test-only probe for tests/engines/: the test server (startServer({headScript})) puts it
// first in every page's <head>, so it runs before the page's own scripts, also inside the
// iframe embed. It records what went wrong in window.__tcProblems, which the tests read
// with executeScript: classic WebDriver (WebKit) has no console or page-error events.
// A classic script, no inline code: it runs under the strict CSP (script-src 'self').
(function () {
  "use strict";
  if (window.__tcProblems) return;
  var problems = [];
  window.__tcProblems = problems;

  function show(value) {
    if (value instanceof Error) return value.name + ": " + value.message;
    if (typeof value === "string") return value;
    try {
      return JSON.stringify(value);
    } catch (e) {
      return String(value);
    }
  }

  // Capture phase: also sees <img>/<script>/<link> that failed to load (they do not bubble)
  // and the "error" CustomEvent a <trade-chart> fires when it cannot draw.
  window.addEventListener("error", function (e) {
    var t = e.target;
    if (t && t !== window && t.nodeType === 1) {
      if (typeof CustomEvent !== "undefined" && e instanceof CustomEvent) {
        problems.push("error event from <" + t.localName + ">: " + show(e.detail && e.detail.error));
      } else {
        problems.push("failed to load <" + t.localName + "> " + (t.currentSrc || t.src || t.href || ""));
      }
      return;
    }
    problems.push("error: " + (e.error ? show(e.error) : e.message) + " (" + e.filename + ":" + e.lineno + ")");
  }, true);
  window.addEventListener("unhandledrejection", function (e) {
    problems.push("unhandled rejection: " + show(e.reason));
  });
  document.addEventListener("securitypolicyviolation", function (e) {
    problems.push("CSP violation: " + e.violatedDirective + " blocked " + (e.blockedURI || "inline") + " (" + e.sourceFile + ":" + e.lineNumber + ")");
  });
  var consoleError = console.error;
  console.error = function () {
    problems.push("console.error: " + Array.prototype.map.call(arguments, show).join(" "));
    return consoleError.apply(this, arguments);
  };
})();
