// The page side of the browser reliability suite. It loads the browser entry of the package
// and the reliability cases, and exposes two functions for page.evaluate: one runs a case in
// this page, one in a dedicated module Worker that the page starts once and keeps, so that
// several cases can run in it side by side.

const loaded = Promise.all([
  import("/pkg/browser.js"),
  import("/tests/reliability-scenarios.mjs"),
]);

/** Settles with `{ ok: true }` once both modules loaded, or `{ ok: false, error }`. */
window.reliabilityLoaded = loaded.then(
  () => ({ ok: true }),
  (error) => ({ ok: false, error: String((error && error.stack) || error) }),
);

/** Runs one case in this page. */
window.runReliabilityInPage = async (name, ctx) => {
  const [pkg, { runReliabilityCase }] = await loaded;
  return runReliabilityCase(pkg, name, ctx);
};

let worker;
let nextId = 1;
const waiting = new Map();

function startWorker() {
  worker = new Worker("/tests/browser/reliability-worker.mjs", { type: "module" });
  worker.onmessage = ({ data }) => {
    const pending = waiting.get(data.id);
    waiting.delete(data.id);
    if (data.ok) pending.resolve(data.outcome);
    else pending.reject(new Error(`in the worker: ${data.error}`));
  };
  worker.onerror = (event) => {
    const error = new Error(`worker error event: ${event.message || "(no message)"}`);
    for (const pending of waiting.values()) pending.reject(error);
    waiting.clear();
  };
}

/** Runs one case in the page's dedicated Worker. */
window.runReliabilityInWorker = (name, ctx) =>
  new Promise((resolve, reject) => {
    if (!worker) startWorker();
    const id = nextId++;
    waiting.set(id, { resolve, reject });
    worker.postMessage({ id, name, ctx });
  });

/** Ends the Worker. */
window.stopReliabilityWorker = () => {
  worker?.terminate();
  worker = undefined;
};
