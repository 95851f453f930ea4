// What the three harnesses do alike on the Node side: start an emulator that knows the demo
// key and a key with a session token, make fresh sessions for one run of the scenarios, and
// read back what the emulator saw during that run.

import { randomBytes } from "node:crypto";
import * as admin from "../emulator/admin.mjs";
import { DEMO_CREDENTIALS, SEED_STREAM_GROUP_ID, startEmulator } from "../emulator/emulator.mjs";
import { REGION } from "../scenarios.mjs";

export { DEMO_CREDENTIALS };

/**
 * A temporary key with its session token, known only to these tests' emulators. The token
 * holds `/`, `+` and `=`, as real STS tokens do, so a header value is never assumed plain.
 */
export const TOKEN_CREDENTIALS = Object.freeze({
  accessKeyId: "ASIAEMULATORE2E00001",
  secretAccessKey: "emulatorEndToEndSecret/0000000000000000000",
  sessionToken: "IQoJb3JpZ2luX2VjEMULATOR/e2e+session+token==",
});

/**
 * Long enough that a terminated session is still TERMINATING when a harness looks at it
 * after a run; the Node suite uses a short delay where it watches the session finish.
 */
export const SLOW_TERMINATE_DELAY_MS = 10 * 60 * 1000;

/** Starts a seeded emulator on a free 127.0.0.1 port that accepts both test keys. */
export function startTestEmulator({ terminateDelayMs = SLOW_TERMINATE_DELAY_MS } = {}) {
  return startEmulator({
    port: 0,
    seed: true,
    region: REGION,
    credentials: [DEMO_CREDENTIALS, TOKEN_CREDENTIALS],
    terminateDelayMs,
  });
}

/** A valid ID that names nothing in the emulator: a prefix and 16 hex digits. */
function unusedId(prefix) {
  return `${prefix}${randomBytes(8).toString("hex")}`;
}

/**
 * Makes the sessions one run of tests/scenarios.mjs terminates, all ACTIVE, in the seeded
 * stream group. Every ID is new, so runs in different runtimes never touch each other's.
 */
export async function createRunFixtures(url) {
  const streamGroupId = SEED_STREAM_GROUP_ID;
  const newSession = async () => (await admin.createStreamSession(url, streamGroupId)).id;
  return {
    streamGroupId,
    byId: await newSession(),
    byArn: await newSession(),
    wrongSecret: await newSession(),
    withToken: await newSession(),
    afterBadInput: await newSession(),
    missing: unusedId("NotThere"),
    marker: unusedId("leak"),
  };
}

/** The sessions a run was given, by fixture name, with their status now. */
export async function readStatuses(url, fixtures) {
  const statuses = {};
  for (const name of ["byId", "byArn", "wrongSecret", "withToken", "afterBadInput"]) {
    const session = await admin.getStreamSession(url, fixtures.streamGroupId, fixtures[name]);
    statuses[name] = session.status;
  }
  return statuses;
}

/**
 * Runs `work` and returns its result with the requests the emulator logged meanwhile, CORS
 * preflights included. Runs inside one harness happen one after another, so the slice of the
 * log belongs to `work` alone.
 */
export async function withRequestLog(url, work) {
  const before = (await admin.listRequests(url)).length;
  const value = await work();
  const requests = (await admin.listRequests(url)).slice(before);
  return { value, requests };
}

/**
 * Creates fixtures, runs the scenarios through `runIn` (which gets the options for
 * `runScenarios`), and collects everything the shared checks need.
 */
export async function runAndCollect(emulatorUrl, runIn) {
  const fixtures = await createRunFixtures(emulatorUrl);
  const options = {
    endpoint: emulatorUrl,
    credentials: { ...DEMO_CREDENTIALS },
    tokenCredentials: { ...TOKEN_CREDENTIALS },
    fixtures,
  };
  const { value: results, requests } = await withRequestLog(emulatorUrl, () => runIn(options));
  const statuses = await readStatuses(emulatorUrl, fixtures);
  return { fixtures, results, requests, statuses };
}
