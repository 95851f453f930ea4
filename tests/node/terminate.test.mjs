// The built package in Node 20, imported by its own name (package self-reference), against
// the local emulator. Run: node --test tests/node/

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { after, before, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import * as pkg from "gameliftstreams-wasm";
import * as admin from "../emulator/admin.mjs";
import { REGION, runScenarios } from "../scenarios.mjs";
import { defineScenarioTests } from "../support/expectations.mjs";
import { DEMO_CREDENTIALS, runAndCollect, startTestEmulator } from "../support/fixtures.mjs";

const execFileAsync = promisify(execFile);

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

test("node: a static credentials object is read once, at the first call", async () => {
  const credentials = { ...DEMO_CREDENTIALS };
  const client = new pkg.GameLiftStreamsClient({
    region: REGION,
    credentials,
    endpoint: emulator.url,
  });
  const input = { Identifier: "sg-1AB2C3De4", StreamSessionIdentifier: "ABC123def4567" };
  assert.equal((await client.terminateStreamSession(input)).$metadata.httpStatusCode, 204);
  // Changed after the first call: the client keeps signing with what it read.
  credentials.secretAccessKey = "not-the-secret";
  credentials.accessKeyId = 42;
  assert.equal((await client.terminateStreamSession(input)).$metadata.httpStatusCode, 204);

  // A bad object is still reported by each call, as a CredentialsError naming the member.
  const bad = new pkg.GameLiftStreamsClient({
    region: REGION,
    credentials: { accessKeyId: "AKID" },
    endpoint: emulator.url,
  });
  for (let i = 0; i < 2; i++) {
    await assert.rejects(
      bad.terminateStreamSession({ Identifier: "sg-1AB2C3De4", StreamSessionIdentifier: "s-1" }),
      (error) => error instanceof pkg.CredentialsError && error.field === "secretAccessKey",
    );
  }
});

test("node: the module loads without process.getBuiltinModule (Node before 20.16)", async () => {
  // The Node entry reads the .wasm with fs from process.getBuiltinModule when there is one,
  // and from `import("node:fs")` otherwise; this runs the second path in a child process.
  const script = `
    delete process.getBuiltinModule;
    const { GameLiftStreamsClient } = await import("gameliftstreams-wasm");
    const client = new GameLiftStreamsClient(JSON.parse(process.env.CONFIG));
    const out = await client.terminateStreamSession({
      Identifier: "sg-1AB2C3De4",
      StreamSessionIdentifier: "ABC123def4567",
    });
    console.log(typeof process.getBuiltinModule, out.$metadata.httpStatusCode);
  `;
  const config = { region: REGION, credentials: DEMO_CREDENTIALS, endpoint: emulator.url };
  const { stdout } = await execFileAsync(process.execPath, ["--input-type=module", "-e", script], {
    cwd: fileURLToPath(new URL("../../", import.meta.url)),
    env: { ...process.env, CONFIG: JSON.stringify(config) },
  });
  assert.equal(stdout.trim(), "undefined 204");
});
