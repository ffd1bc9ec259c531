// The cross-engine checks (checks.mjs) in WebKit: WebKitGTK's MiniBrowser on an Xvfb display,
// driven by selenium-webdriver through WebKitWebDriver.
//   node --test tests/engines/webkit.test.mjs
import { engineSuite } from "./checks.mjs";

// At devicePixelRatio 2, as on the Macs and iPhones that most Safari readers use.
engineSuite("webkit", { dpr: 2 });
