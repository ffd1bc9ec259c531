// Fetching a spec or a CSV file by URL: same-origin credentials, a timeout, and errors that
// name the URL. Whatever arrives is handed to Rust as text; nothing fetched is run.
import { chartError } from "./errors.js";

/** How long a spec or CSV fetch may take before it fails with a clear error. */
export const FETCH_TIMEOUT_MS = 15000;

const ACCEPTED = /^(application\/(json|[\w.+-]+\+json)|text\/(csv|plain|tab-separated-values)|application\/(csv|octet-stream))$/;

/**
 * Fetches a spec or CSV by URL. A network failure, an HTTP error, a timeout or a content
 * type that is neither JSON, CSV nor text rejects with a TradeChartError (code "fetch")
 * that names the URL.
 */
export async function fetchText(url, timeoutMs = FETCH_TIMEOUT_MS) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const failed = (e) => {
    const why = e.name === "AbortError" ? `no answer after ${timeoutMs / 1000} s` : e.message;
    return chartError(`could not load ${url}: ${why}`, "fetch");
  };
  try {
    let response;
    try {
      response = await fetch(url, { credentials: "same-origin", signal: controller.signal });
    } catch (e) {
      throw failed(e);
    }
    if (!response.ok) {
      throw chartError(`could not load ${url}: HTTP ${response.status}`, "fetch");
    }
    const type = (response.headers.get("content-type") || "").split(";")[0].trim().toLowerCase();
    if (type && !ACCEPTED.test(type)) {
      throw chartError(`could not load ${url}: expected JSON or CSV, got ${type}`, "fetch");
    }
    // The timeout covers the body too: a server that stalls mid-response fails the same way.
    try {
      return await response.text();
    } catch (e) {
      throw failed(e);
    }
  } finally {
    clearTimeout(timer);
  }
}

/** What a URL holds as a spec: JSON text, or `{csv}` for a `.csv` URL. */
export async function fetchSpec(url, timeoutMs) {
  const text = await fetchText(url, timeoutMs);
  return /\.csv(\?|#|$)/i.test(url) ? { csv: text } : text;
}
