// The cross-engine checks (checks.mjs) in Firefox: Debian's firefox-esr, headless, driven by
// puppeteer-core over WebDriver BiDi.
//   node --test tests/engines/firefox.test.mjs
import { engineSuite } from "./checks.mjs";

// Starts at devicePixelRatio 1 and switches to 2 in the resize check.
engineSuite("firefox", { dpr: 1 });
