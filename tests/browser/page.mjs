// The page side of the browser suite. It loads the built package the way an app would (an ES
// module import of /pkg/browser.js) and exposes two functions for page.evaluate: one runs the
// scenarios here, one runs them in a dedicated module Worker. Imports are dynamic so that a
// package that fails to load becomes a readable result rather than a bare module error.

const loaded = Promise.all([import("/pkg/browser.js"), import("/tests/scenarios.mjs")]);

/** Settles with `{ ok: true }` once both modules loaded, or `{ ok: false, error }`. */
window.harnessLoaded = loaded.then(
  () => ({ ok: true }),
  (error) => ({ ok: false, error: String((error && error.stack) || error) }),
);

/** Runs the scenarios in this page. */
window.runInPage = async (options) => {
  const [pkg, { runScenarios }] = await loaded;
  return runScenarios(pkg, options);
};

/** Runs the scenarios in a fresh dedicated module Worker and ends it afterwards. */
window.runInWorker = (options) =>
  new Promise((resolve, reject) => {
    const worker = new Worker("/tests/browser/worker.mjs", { type: "module" });
    worker.onmessage = ({ data }) => {
      worker.terminate();
      if (data.ok) resolve(data.results);
      else reject(new Error(`in the worker: ${data.error}`));
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(`worker error event: ${event.message || "(no message)"}`));
    };
    worker.postMessage(options);
  });
