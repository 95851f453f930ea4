// A dedicated module Worker (no window, no document) that runs reliability cases on request:
// `{id, name, ctx}` in, `{id, ok, outcome}` or `{id, ok: false, error}` out.

const loaded = Promise.all([
  import("/pkg/browser.js"),
  import("/tests/reliability-scenarios.mjs"),
]);

self.onmessage = async ({ data: { id, name, ctx } }) => {
  try {
    const [pkg, { runReliabilityCase }] = await loaded;
    self.postMessage({ id, ok: true, outcome: await runReliabilityCase(pkg, name, ctx) });
  } catch (error) {
    self.postMessage({ id, ok: false, error: String((error && error.stack) || error) });
  }
};
