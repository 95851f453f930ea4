// Issue 3's network, abort, timeout and clock-skew cases for the built package inside workerd
// (the Workers runtime), driven through Miniflare. Each case runs in its own request to the
// Worker and has its own emulator. Run: node --test tests/workerd/reliability.test.mjs

import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { after, before } from "node:test";
import { Miniflare } from "miniflare";
import {
  collectReliabilityRuns,
  defineReliabilityTests,
} from "../support/reliability-cases.mjs";

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** The same compatibility date as tests/workerd/terminate.test.mjs; no nodejs_compat. */
const COMPATIBILITY_DATE = "2026-04-01";

let mf;
let collected;

/** Runs one case in the Worker and returns its JSON answer, failing on any other status. */
async function runInWorker(name, ctx) {
  const response = await mf.dispatchFetch("http://worker.test/case", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name, ctx }),
  });
  const text = await response.text();
  assert.equal(response.status, 200, `Worker answered ${response.status} for ${name}: ${text}`);
  return JSON.parse(text);
}

// The timeout turns a case that never settles into a failure instead of a hung run.
before(async () => {
  mf = new Miniflare({
    modules: true,
    scriptPath: fileURLToPath(new URL("./reliability-worker.mjs", import.meta.url)),
    modulesRoot: REPO_ROOT,
    modulesRules: [
      { type: "ESModule", include: ["**/*.js", "**/*.mjs"] },
      { type: "CompiledWasm", include: ["**/*.wasm"] },
    ],
    compatibilityDate: COMPATIBILITY_DATE,
  });
  await mf.ready;
  collected = await collectReliabilityRuns("workerd", runInWorker);
}, { timeout: 60_000 });

after(async () => {
  // dispose() rethrows a failed start-up; the emulators must close all the same.
  try {
    await mf?.dispose();
  } finally {
    await collected?.close();
  }
});

defineReliabilityTests("workerd", () => collected, {
  runtime: "workerd",
  globalScope: {
    hasWindow: false,
    hasDocument: false,
    isDedicatedWorker: false,
    hasProcess: false,
  },
  abortLimitMs: 50,
  networkCause: { name: "Error", message: "Network connection lost.", constructorName: "Error" },
  corsHidesDate: false,
});
