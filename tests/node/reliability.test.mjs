// Issue 3's fault-injection cases for the built package in Node 20: retries, clock skew,
// timeouts, abort, credential providers, the retry quota and the logger, each against an
// emulator of its own. The emulators run in a worker thread, so that their work never holds
// back the timers of the client being timed. Run: node --test tests/node/reliability.test.mjs

import { after, before } from "node:test";
import * as pkg from "gameliftstreams-wasm";
import { runReliabilityCase } from "../reliability-scenarios.mjs";
import { startEmulatorThread } from "../support/emulator-thread.mjs";
import {
  collectReliabilityRuns,
  defineReliabilityTests,
} from "../support/reliability-cases.mjs";

let emulators;
let collected;

// The timeout turns a case that never settles into a failure instead of a hung run.
before(async () => {
  emulators = startEmulatorThread();
  collected = await collectReliabilityRuns(
    "node",
    (name, ctx) => runReliabilityCase(pkg, name, ctx),
    { startEmulator: () => emulators.start() },
  );
}, { timeout: 60_000 });

after(async () => {
  try {
    await collected?.close();
  } finally {
    await emulators?.stop();
  }
});

defineReliabilityTests("node", () => collected, {
  runtime: "node",
  globalScope: { hasWindow: false, hasDocument: false, isDedicatedWorker: false, hasProcess: true },
  abortLimitMs: 50,
  networkCause: { name: "TypeError", message: "fetch failed", constructorName: "TypeError" },
  corsHidesDate: false,
});
