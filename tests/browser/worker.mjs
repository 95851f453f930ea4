// A dedicated module Worker: no window, no document. It loads the same browser entry of the
// package as the page and runs the same scenarios, then posts the results back.

self.onmessage = async ({ data: options }) => {
  try {
    const pkg = await import("/pkg/browser.js");
    const { runScenarios } = await import("/tests/scenarios.mjs");
    self.postMessage({ ok: true, results: await runScenarios(pkg, options) });
  } catch (error) {
    self.postMessage({ ok: false, error: String((error && error.stack) || error) });
  }
};
