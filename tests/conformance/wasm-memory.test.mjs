// The WebAssembly linear memory stays flat: 100,000 calls, successes and errors mixed, must
// leave `memory.buffer.byteLength` where it was after the first 1,000. Linear memory only
// grows, so a leak of closures, strings or clients shows as growth; a steady state does not.
//
// The memory is reached through the wasm-bindgen glue the package's Node entry loads
// (pkg/wasm/gameliftstreams.js): its initSync returns the instance's exports once the module
// is instantiated, without instantiating it again. The emulator runs in a child process, so
// the client's event loop is its own, and keeps connections alive.

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { after, before, test } from "node:test";
import * as pkg from "gameliftstreams-wasm";
import { initSync } from "../../pkg/wasm/gameliftstreams.js";
import {
  DEMO_CREDENTIALS,
  SEED_ACTIVATING_SESSION_ID,
  SEED_ACTIVE_SESSION_ID,
  SEED_STREAM_GROUP_ID,
} from "../emulator/emulator.mjs";
import { REGION, streamGroupArn } from "../scenarios.mjs";

const TOTAL_CALLS = 100_000;
const WARM_UP_CALLS = 1_000;
/** Each block of 100 calls has two that reach the emulator; the other 98 do not. */
const BLOCK = 100;
/**
 * After the warm-up, the network calls run in a lane of their own, this many at a time,
 * beside the local ones: a block would otherwise wait on the emulator, whose signature
 * check (pure-JS SHA-256) takes a few milliseconds per request.
 */
const NETWORK_CONCURRENCY = 4;

let child;
let endpoint;

before(async () => {
  const script = fileURLToPath(new URL("./support/emulator-process.mjs", import.meta.url));
  child = spawn(process.execPath, [script], { stdio: ["pipe", "pipe", "inherit"] });
  const [line] = await once(child.stdout, "data");
  endpoint = JSON.parse(String(line)).url;
});

after(async () => {
  if (!child) return;
  const exited = once(child, "exit");
  child.stdin.end();
  await exited;
});

const group = SEED_STREAM_GROUP_ID;
const valid = { Identifier: group, StreamSessionIdentifier: SEED_ACTIVE_SESSION_ID };

/** A call as [run, expected outcome]: "resolved" or the error's name. */
const call = (client, input, expected, options) => [
  () => client.terminateStreamSession(input, options),
  expected,
];
/** A session ID in the seeded group. */
const inGroup = (StreamSessionIdentifier) => ({ Identifier: group, StreamSessionIdentifier });

/** The calls that never reach the network, each with the error it must give. */
function localCalls(clients) {
  const { good, badRegion, noSecret, fipsAndEndpoint, failingProvider } = clients;
  const aborted = AbortSignal.abort(new Error("stop"));
  const refused = (input, options) => call(good, input, "InputValidationError", options);
  return [
    refused({ Identifier: "", StreamSessionIdentifier: "a" }),
    refused({ Identifier: "a".repeat(129), StreamSessionIdentifier: "a" }),
    refused({ Identifier: "\ud800", StreamSessionIdentifier: "a" }),
    refused({ Identifier: 12, StreamSessionIdentifier: "a" }),
    refused({ Identifier: "a" }),
    refused({ Identifier: "a b", StreamSessionIdentifier: "a" }),
    refused("not an object"),
    refused(valid, "not an object"),
    call(good, valid, "AbortError", { abortSignal: aborted }),
    call(badRegion, valid, "ConfigurationError"),
    call(fipsAndEndpoint, valid, "ConfigurationError"),
    call(noSecret, valid, "CredentialsError"),
    call(failingProvider, valid, "CredentialsError"),
  ];
}

/** A block's two network calls: a success, and a 404 or a 400 in turn. */
function networkCalls(index, clients) {
  const byArn = { ...valid, Identifier: streamGroupArn(group) };
  return [
    call(clients.good, index % 2 ? valid : byArn, "resolved"),
    index % 2
      ? call(clients.good, inGroup("NotThere0001"), "ResourceNotFoundException")
      : call(clients.good, inGroup(SEED_ACTIVATING_SESSION_ID), "ValidationException"),
  ];
}

/**
 * A block's other 98 calls: a client made and destroyed, a 10,000-character identifier (one
 * per block, as reading it costs about a millisecond), then local failures in turn.
 */
function localBlockCalls(index, clients, local) {
  const longIdentifier = call(
    clients.good,
    { ...valid, Identifier: "a".repeat(10_000) },
    "InputValidationError",
  );
  const shortLived = [
    async () => {
      const client = new pkg.GameLiftStreamsClient(clients.goodConfig);
      try {
        return await client.terminateStreamSession(inGroup(""));
      } finally {
        client.destroy();
      }
    },
    "InputValidationError",
  ];
  const calls = [shortLived, longIdentifier];
  for (let i = 0; calls.length < BLOCK - 2; i++) calls.push(local[(index + i) % local.length]);
  return calls;
}

/** Runs calls `width` at a time. */
async function settleInLane(calls, width, tally) {
  let next = 0;
  const worker = async () => {
    while (next < calls.length) await settleAll([calls[next++]], tally);
  };
  await Promise.all(Array.from({ length: width }, worker));
}

async function settleAll(calls, tally) {
  await Promise.all(
    calls.map(async ([call, expected]) => {
      let outcome;
      try {
        await call();
        outcome = "resolved";
      } catch (error) {
        outcome = error.name;
      }
      const key = outcome === expected ? outcome : `UNEXPECTED ${outcome} for ${expected}`;
      tally[key] = (tally[key] ?? 0) + 1;
    }),
  );
}

const TEST_TIMEOUT_MS = 300_000;

test("100,000 calls leave the wasm memory as it was after the first 1,000", {
  timeout: TEST_TIMEOUT_MS,
}, async (t) => {
  const goodConfig = { region: REGION, credentials: DEMO_CREDENTIALS, endpoint };
  const clients = {
    goodConfig,
    good: new pkg.GameLiftStreamsClient(goodConfig),
    badRegion: new pkg.GameLiftStreamsClient({ ...goodConfig, region: "not a region" }),
    noSecret: new pkg.GameLiftStreamsClient({
      ...goodConfig,
      credentials: { accessKeyId: "AKIAX" },
    }),
    fipsAndEndpoint: new pkg.GameLiftStreamsClient({ ...goodConfig, useFipsEndpoint: true }),
    failingProvider: new pkg.GameLiftStreamsClient({
      ...goodConfig,
      credentials: async () => {
        throw new Error("no credentials today");
      },
    }),
  };
  // The first call loads the module; only then does initSync hand back its exports (before,
  // with no module given, it would throw rather than instantiate a second copy).
  await clients.good.terminateStreamSession(valid);
  // The build minifies export names (scripts/minify-boundary.mjs): the memory is the one
  // export that is a WebAssembly.Memory.
  const memories = Object.values(initSync()).filter((v) => v instanceof WebAssembly.Memory);
  assert.equal(memories.length, 1);
  const [memory] = memories;

  const local = localCalls(clients);
  const tally = {};
  const samples = [];
  const started = performance.now();
  const blocks = TOTAL_CALLS / BLOCK;
  const warmUpBlocks = WARM_UP_CALLS / BLOCK;
  // Warm-up: whole blocks, each run concurrently, the same mix as what follows.
  for (let index = 0; index < warmUpBlocks; index++) {
    const calls = [...networkCalls(index, clients), ...localBlockCalls(index, clients, local)];
    await settleAll(calls, tally);
  }
  const afterWarmUp = memory.buffer.byteLength;

  const networkLane = [];
  for (let index = warmUpBlocks; index < blocks; index++) {
    networkLane.push(...networkCalls(index, clients));
  }
  const localLane = (async () => {
    for (let index = warmUpBlocks; index < blocks; index++) {
      await settleAll(localBlockCalls(index, clients, local), tally);
      const done = (index + 1) * BLOCK;
      if (done % 10_000 === 0) samples.push(`${done}: ${memory.buffer.byteLength}`);
    }
  })();
  await Promise.all([settleInLane(networkLane, NETWORK_CONCURRENCY, tally), localLane]);
  const wallMs = performance.now() - started;
  const atEnd = memory.buffer.byteLength;
  for (const client of Object.values(clients)) client.destroy?.();

  t.diagnostic(`${TOTAL_CALLS} calls in ${Math.round(wallMs)} ms; memory after 1,000 calls ` +
    `${afterWarmUp} bytes, after ${TOTAL_CALLS}: ${atEnd}; local lane at: ${samples.join(", ")}`);
  t.diagnostic(`outcomes ${JSON.stringify(tally)}`);

  assert.equal(Object.keys(tally).filter((key) => key.startsWith("UNEXPECTED")).length, 0,
    JSON.stringify(tally));
  assert.equal(tally.resolved, blocks);
  assert.equal(tally.ResourceNotFoundException, blocks / 2);
  assert.equal(tally.ValidationException, blocks / 2);
  assert.equal(Object.values(tally).reduce((sum, n) => sum + n, 0), TOTAL_CALLS);
  assert.equal(atEnd, afterWarmUp);
});
