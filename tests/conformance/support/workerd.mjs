// Starts the call Worker (support/call-worker.mjs) in workerd through Miniflare, configured
// as tests/workerd/ does it, and calls it. Miniflare lets the Worker reach loopback
// addresses, which is all these suites need.

import { fileURLToPath } from "node:url";
import { Miniflare } from "miniflare";

const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
/** The compatibility date tests/workerd/ uses; no flags, so no nodejs_compat. */
const COMPATIBILITY_DATE = "2026-04-01";

/** Resolves a running Miniflare whose `call(config, input)` runs one call in workerd. */
export async function startCallWorker() {
  const mf = new Miniflare({
    modules: true,
    scriptPath: fileURLToPath(new URL("./call-worker.mjs", import.meta.url)),
    modulesRoot: REPO_ROOT,
    // The package's .js files are ES modules, and its Workers entry imports the .wasm.
    modulesRules: [
      { type: "ESModule", include: ["**/*.js", "**/*.mjs"] },
      { type: "CompiledWasm", include: ["**/*.wasm"] },
    ],
    compatibilityDate: COMPATIBILITY_DATE,
  });
  await mf.ready;
  return {
    /** Resolves `{outcome, elapsedMs}`; throws if the Worker itself failed. */
    async call(config, input) {
      const response = await mf.dispatchFetch("http://worker.test/call", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ config, input }),
      });
      const text = await response.text();
      if (response.status !== 200) {
        throw new Error(`the Worker answered ${response.status}: ${text}`);
      }
      return JSON.parse(text);
    },
    dispose: () => mf.dispose(),
  };
}
