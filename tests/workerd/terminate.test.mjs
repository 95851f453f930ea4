// The built package inside workerd (the Workers runtime), driven through Miniflare, against
// the local emulator. Miniflare's default outbound network allows private and loopback
// addresses, so the Worker's fetch reaches the emulator on 127.0.0.1 with no extra setting.
// Run: node --test tests/workerd/

import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { after, before, test } from "node:test";
import { Miniflare } from "miniflare";
import * as admin from "../emulator/admin.mjs";
import { SEED_STREAM_GROUP_ID } from "../emulator/emulator.mjs";
import { UNDEFINED } from "../scenarios.mjs";
import { defineScenarioTests, terminatePath, UUID } from "../support/expectations.mjs";
import {
  DEMO_CREDENTIALS,
  runAndCollect,
  startTestEmulator,
  withRequestLog,
} from "../support/fixtures.mjs";

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** A date workerd 1.20260426 supports; no compatibility flags, so no nodejs_compat. */
const COMPATIBILITY_DATE = "2026-04-01";

let emulator;
let mf;
let run;

/** POSTs JSON to the Worker and returns its JSON answer, failing on any other status. */
async function callWorker(path, body) {
  const response = await mf.dispatchFetch(`http://worker.test${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  assert.equal(response.status, 200, `Worker ${path} answered ${response.status}: ${text}`);
  return JSON.parse(text);
}

// The timeout turns a runtime that never answers into a failure instead of a hung run.
before(async () => {
  emulator = await startTestEmulator();
  mf = new Miniflare({
    modules: true,
    scriptPath: fileURLToPath(new URL("./worker.mjs", import.meta.url)),
    modulesRoot: REPO_ROOT,
    // Miniflare reads `.js` as CommonJS unless told otherwise; the package's files are ES
    // modules ("type": "module"), and its Workers entry imports the .wasm file as a module.
    modulesRules: [
      { type: "ESModule", include: ["**/*.js", "**/*.mjs"] },
      { type: "CompiledWasm", include: ["**/*.wasm"] },
    ],
    compatibilityDate: COMPATIBILITY_DATE,
    bindings: { EMULATOR_URL: emulator.url, DEMO_CREDENTIALS: { ...DEMO_CREDENTIALS } },
  });
  await mf.ready;
  run = await runAndCollect(emulator.url, (options) => callWorker("/scenarios", options));
}, { timeout: 120_000 });

after(async () => {
  // dispose() rethrows a failed start-up; the emulator must close all the same, or its open
  // server keeps this test process alive.
  try {
    await mf?.dispose();
  } finally {
    await emulator?.close();
  }
});

defineScenarioTests("workerd", () => run, {
  runtime: { hasWindow: false, hasDocument: false, isDedicatedWorker: false, hasProcess: false },
  pageOrigin: null,
});

test("workerd: a client made at module top level terminates sessions in two requests", async () => {
  for (let request = 1; request <= 2; request++) {
    const { id } = await admin.createStreamSession(emulator.url, SEED_STREAM_GROUP_ID);
    const input = { Identifier: SEED_STREAM_GROUP_ID, StreamSessionIdentifier: id };
    const { value: answer, requests } = await withRequestLog(emulator.url, () =>
      callWorker("/top-level", input),
    );

    assert.equal(answer.topLevelError, null, "constructing the client at top level threw");
    assert.equal(requests.length, 1, `request ${request}: one call reached the emulator`);
    const [entry] = requests;
    assert.equal(entry.method, "DELETE");
    assert.equal(entry.path, terminatePath(SEED_STREAM_GROUP_ID, id));
    assert.equal(entry.status, 204);
    assert.match(entry.requestId, UUID);
    assert.deepEqual(answer.outcome, {
      settled: "resolved",
      threwSynchronously: false,
      returnedPromise: true,
      outputKeys: ["$metadata"],
      output: {
        $metadata: {
          httpStatusCode: 204,
          requestId: entry.requestId,
          extendedRequestId: UNDEFINED,
          cfId: UNDEFINED,
          attempts: 1,
          totalRetryDelay: 0,
        },
      },
    });
    const session = await admin.getStreamSession(emulator.url, SEED_STREAM_GROUP_ID, id);
    assert.equal(session.status, "TERMINATING");
  }
});
