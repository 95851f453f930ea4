// Answers from a hostile or broken server (tests/conformance/hostile-cases.mjs), in Node and
// in workerd, against the emulator's hugeBody, rawResponse and status faults. Each case must
// settle with a typed error or a success, in bounded time; a huge body must be cut short (the
// emulator counts what it could write before the client let go); a redirect must not be
// followed (a second server, on another loopback host, must see no connection at all).

import assert from "node:assert/strict";
import http from "node:http";
import { after, before, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import * as pkg from "gameliftstreams-wasm";
import * as admin from "../emulator/admin.mjs";
import {
  DEMO_CREDENTIALS,
  SEED_ACTIVE_SESSION_ID,
  SEED_STREAM_GROUP_ID,
  startEmulator,
} from "../emulator/emulator.mjs";
import { ERROR_CLASS_NAMES, REGION, settle, UNDEFINED } from "../scenarios.mjs";
import { HOSTILE_CASES, HUGE_BODY_BYTES, HUGE_BODY_WRITTEN_LIMIT } from "./hostile-cases.mjs";
import { startCallWorker } from "./support/workerd.mjs";

/** Far above what any case needs (the slowest, three cut-short 100 MiB bodies, takes < 1 s). */
const CASE_TIME_LIMIT_MS = 10_000;
const INPUT = { Identifier: SEED_STREAM_GROUP_ID, StreamSessionIdentifier: SEED_ACTIVE_SESSION_ID };

let emulator;
let elsewhere;
let elsewhereConnections = 0;
let worker;

before(async () => {
  emulator = await startEmulator({ seed: true, region: REGION, terminateDelayMs: 60_000 });
  // The redirect target: another loopback host, so a followed redirect would show up here.
  elsewhere = http.createServer((req, res) => res.end("followed"));
  elsewhere.on("connection", () => elsewhereConnections++);
  await new Promise((resolve) => elsewhere.listen(0, "127.0.0.2", resolve));
  worker = await startCallWorker();
}, { timeout: 120_000 });

after(async () => {
  try {
    await worker?.dispose();
  } finally {
    elsewhere?.close();
    await emulator?.close();
  }
});

function config() {
  return { region: REGION, credentials: { ...DEMO_CREDENTIALS }, endpoint: emulator.url };
}

/** The API requests of the case, once the emulator has finished with every one of them. */
async function settledLog() {
  const deadline = Date.now() + CASE_TIME_LIMIT_MS;
  let log = await admin.listRequests(emulator.url);
  while (log.some((entry) => entry.pending) && Date.now() < deadline) {
    await sleep(10);
    log = await admin.listRequests(emulator.url);
  }
  return log;
}

const RUNTIMES = {
  node: async (cfg, input) => {
    const started = performance.now();
    const outcome = await settle(new pkg.GameLiftStreamsClient(cfg), input, pkg);
    return { outcome, elapsedMs: performance.now() - started };
  },
  workerd: (cfg, input) => worker.call(cfg, input),
};

/** The `instanceof` answers for an error of these classes. */
function instanceOf(classes) {
  return Object.fromEntries([
    ["Error", true],
    ...ERROR_CLASS_NAMES.map((name) => [name, classes.includes(name)]),
  ]);
}

/** Runs one case in one runtime and checks everything about it. */
async function runCase(runtime, hostile) {
  await admin.reset(emulator.url);
  const redirectOrigin = `http://127.0.0.2:${elsewhere.address().port}`;
  await admin.setFaults(emulator.url, hostile.faults({ redirectOrigin }));
  const connectionsBefore = elsewhereConnections;

  const wallStart = performance.now();
  const { outcome, elapsedMs } = await RUNTIMES[runtime](config(), INPUT);
  const wallMs = performance.now() - wallStart;
  assert.ok(wallMs < CASE_TIME_LIMIT_MS, `settled after ${wallMs} ms`);
  assert.ok(elapsedMs <= wallMs + 1, `the runtime measured ${elapsedMs} ms`);

  const log = await settledLog();
  assert.equal(log.length, hostile.attempts, "requests that reached the emulator");
  for (const entry of log) {
    assert.equal(entry.pending, undefined);
    assert.equal(entry.status, hostile.status);
    assert.equal(entry.auth, "valid");
    if (hostile.huge) {
      assert.equal(entry.bodyComplete, false, "the whole 100 MiB body went out");
      assert.ok(
        entry.bodyBytesWritten < HUGE_BODY_WRITTEN_LIMIT,
        `${entry.bodyBytesWritten} bytes of the body went out`,
      );
    }
  }
  const last = log.at(-1);

  const expect = hostile.expectIn?.[runtime] ?? hostile.expect;
  assert.equal(outcome.settled, expect.settled, JSON.stringify(outcome).slice(0, 500));
  assert.equal(outcome.threwSynchronously, false);
  if (expect.settled === "resolved") {
    assert.deepEqual(outcome.output, {
      $metadata: {
        httpStatusCode: hostile.status,
        requestId: last.requestId,
        extendedRequestId: UNDEFINED,
        cfId: UNDEFINED,
        attempts: 1,
        totalRetryDelay: 0,
      },
    });
  } else {
    const { error } = outcome;
    assert.equal(error.name, expect.name);
    assert.equal(error.message, expect.message);
    assert.equal(error.fault, expect.fault);
    assert.deepEqual(error.instanceOf, instanceOf(expect.classes));
    assert.equal(error.metadata.httpStatusCode, hostile.status);
    assert.equal(error.metadata.requestId, last.requestId);
    assert.equal(error.metadata.attempts, hostile.attempts);
    if (hostile.attempts === 1) assert.equal(error.metadata.totalRetryDelay, 0);
  }
  if (hostile.redirect) {
    assert.equal(elsewhereConnections - connectionsBefore, 0, "the redirect target was reached");
  }
  return { wallMs, written: log.map((entry) => entry.bodyBytesWritten).filter(Boolean) };
}

test("control: a reader of the whole body lets all 100 MiB through", async () => {
  // Without this, a small count could also mean the emulator stopped writing by itself.
  await admin.reset(emulator.url);
  await admin.setFaults(emulator.url, [{ kind: "hugeBody", status: 400, bytes: HUGE_BODY_BYTES }]);
  const response = await fetch(new URL("/streamgroups/a/streamsessions/b", emulator.url), {
    method: "DELETE",
  });
  let read = 0;
  for await (const chunk of response.body) read += chunk.length;
  const [entry] = await settledLog();
  assert.deepEqual(
    [read, entry.bodyBytesWritten, entry.bodyComplete],
    [HUGE_BODY_BYTES, HUGE_BODY_BYTES, true],
  );
});

for (const runtime of Object.keys(RUNTIMES)) {
  describe(`hostile server answers, ${runtime}`, () => {
    for (const hostile of HOSTILE_CASES) {
      test(`${runtime}: ${hostile.name}`, { timeout: 30_000 }, async (t) => {
        const { wallMs, written } = await runCase(runtime, hostile);
        const bytes = written.length ? `; body bytes written ${written.join(", ")}` : "";
        t.diagnostic(`${Math.round(wallMs)} ms${bytes}`);
      });
    }

    test(`${runtime}: after every hostile case a plain call still succeeds`, async () => {
      await admin.reset(emulator.url);
      const { outcome } = await RUNTIMES[runtime](config(), INPUT);
      assert.equal(outcome.settled, "resolved");
      assert.equal(outcome.output.$metadata.httpStatusCode, 204);
    });
  });
}
