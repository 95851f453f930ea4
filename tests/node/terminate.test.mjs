// The built package in Node 20, imported by its own name (package self-reference), against
// the local emulator. Run: node --test tests/node/

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import * as pkg from "gameliftstreams-wasm";
import * as admin from "../emulator/admin.mjs";
import { REGION, runScenarios } from "../scenarios.mjs";
import { defineScenarioTests } from "../support/expectations.mjs";
import { DEMO_CREDENTIALS, runAndCollect, startTestEmulator } from "../support/fixtures.mjs";

let emulator;
let run;

// The timeout turns a runtime that never answers into a failure instead of a hung run.
before(async () => {
  emulator = await startTestEmulator();
  run = await runAndCollect(emulator.url, (options) => runScenarios(pkg, options));
}, { timeout: 60_000 });

after(() => emulator?.close());

test("node: the package name resolves to the Node entry pkg/node.js", () => {
  const resolved = import.meta.resolve("gameliftstreams-wasm");
  assert.equal(resolved, new URL("../../pkg/node.js", import.meta.url).href);
});

defineScenarioTests("node", () => run, {
  runtime: { hasWindow: false, hasDocument: false, isDedicatedWorker: false, hasProcess: true },
  pageOrigin: null,
});

test("node: a terminated session goes ACTIVE -> TERMINATING -> TERMINATED", async () => {
  // A second emulator whose sessions finish terminating quickly, so the last step is seen.
  const quick = await startTestEmulator({ terminateDelayMs: 300 });
  try {
    const { id, streamGroupId } = await admin.createStreamSession(quick.url, "sg-1AB2C3De4");
    const statusNow = async () =>
      (await admin.getStreamSession(quick.url, streamGroupId, id)).status;
    assert.equal(await statusNow(), "ACTIVE");

    const client = new pkg.GameLiftStreamsClient({
      region: REGION,
      credentials: DEMO_CREDENTIALS,
      endpoint: quick.url,
    });
    const out = await client.terminateStreamSession({
      Identifier: streamGroupId,
      StreamSessionIdentifier: id,
    });
    assert.equal(out.$metadata.httpStatusCode, 204);
    assert.equal(await statusNow(), "TERMINATING");

    const deadline = Date.now() + 5000;
    while ((await statusNow()) === "TERMINATING" && Date.now() < deadline) await sleep(25);
    assert.equal(await statusNow(), "TERMINATED");
  } finally {
    await quick.close();
  }
});
