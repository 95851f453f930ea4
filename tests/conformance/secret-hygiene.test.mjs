// Secret hygiene: every error path (tests/conformance/error-paths.mjs) runs with secrets of
// this suite's own, and no trace of any failure may hold the secret access key, the session
// token or a request signature: not the error's message, String(), JSON.stringify(), stack
// or util.inspect() (what console.log(error) prints, causes included), not anything written
// to the console while the calls ran, not any line of the logger the client was given.

import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { format, inspect } from "node:util";
import { after, before, test } from "node:test";
import * as pkg from "gameliftstreams-wasm";
import * as admin from "../emulator/admin.mjs";
import {
  SEED_ACTIVE_SESSION_ID,
  SEED_STREAM_GROUP_ID,
  startEmulator,
} from "../emulator/emulator.mjs";
import { REGION } from "../scenarios.mjs";
import { errorPaths } from "./error-paths.mjs";
import { installLoopbackGuard } from "./support/loopback-guard.mjs";

/** Secrets made for this run, with the characters real ones have ('/', '+', '='). */
const unique = () => randomBytes(12).toString("hex");
const KEYS = {
  withToken: {
    accessKeyId: "ASIAHYGIENE000000001",
    secretAccessKey: `hygiene/${unique()}+Secret=`,
    sessionToken: `IQoJhygiene/${unique()}+Token==`,
  },
  withoutToken: { accessKeyId: "AKIAHYGIENE000000002", secretAccessKey: `hygiene/${unique()}+Two` },
  expired: {
    accessKeyId: "ASIAHYGIENE000000003",
    secretAccessKey: `hygiene/${unique()}+Three`,
    sessionToken: `IQoJexpired/${unique()}+Token==`,
  },
};
KEYS.wrongSecret = { ...KEYS.withoutToken, secretAccessKey: `hygiene/${unique()}+Wrong` };

const CONSOLE_METHODS = ["log", "info", "warn", "error", "debug", "trace", "dir"];

let emulator;
let elsewhere;
let closedPort;
let guard;
const consoleLines = [];
const loggerLines = [];
const traces = [];
// Signing is deterministic and X-Amz-Date has whole seconds, so requests of one second share
// a signature: both the requests and the distinct signatures are counted.
const signatures = new Set();
let signedRequests = 0;

/** A port nothing listens on: bound once to learn a free one, then closed. */
async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const logger = Object.fromEntries(
  ["debug", "info", "warn", "error"].map((level) => [
    level,
    (...args) => loggerLines.push(`${level} ${format(...args)}`),
  ]),
);

/** Every text a failure can show a person or a log pipeline. */
function tracesOf(error) {
  return {
    message: String(error?.message),
    string: String(error),
    json: JSON.stringify(error) ?? "",
    stack: String(error?.stack),
    inspect: inspect(error, { depth: null }),
  };
}

/** The forbidden strings found in `text`. */
function leaksIn(text, forbidden) {
  return forbidden.filter((secret) => text.includes(secret));
}

before(async () => {
  const credentials = [
    KEYS.withToken,
    KEYS.withoutToken,
    { ...KEYS.expired, expiresAt: new Date(Date.now() - 3_600_000).toISOString() },
  ];
  emulator = await startEmulator({ seed: true, region: REGION, credentials });
  elsewhere = await startEmulator({ host: "127.0.0.2" });
  closedPort = await freePort();
  guard = installLoopbackGuard();
});

after(async () => {
  guard?.uninstall();
  await elsewhere?.close();
  await emulator?.close();
});

test("every error path runs and rejects with its typed error; traces are collected", async (t) => {
  const recipes = errorPaths({
    keys: KEYS,
    closedPort,
    redirectOrigin: elsewhere.url,
  });
  const base = { region: REGION, credentials: KEYS.withToken, endpoint: emulator.url, logger };
  const baseInput = {
    Identifier: SEED_STREAM_GROUP_ID,
    StreamSessionIdentifier: SEED_ACTIVE_SESSION_ID,
  };

  // The console is captured for the whole run, and restored whatever happens.
  const realConsole = Object.fromEntries(CONSOLE_METHODS.map((name) => [name, console[name]]));
  for (const name of CONSOLE_METHODS) {
    console[name] = (...args) => consoleLines.push(`${name} ${format(...args)}`);
  }
  const outcomes = [];
  try {
    // One success first, so the logger's lines of a good call are searched too.
    const ok = await new pkg.GameLiftStreamsClient(base).terminateStreamSession(baseInput);
    assert.equal(ok.$metadata.httpStatusCode, 204);
    collectSignatures();

    for (const recipe of recipes) {
      await admin.reset(emulator.url);
      if (recipe.faults) await admin.setFaults(emulator.url, recipe.faults);
      const overrides =
        typeof recipe.config === "function" ? recipe.config(emulator.url) : recipe.config;
      const client = new pkg.GameLiftStreamsClient({ ...base, ...overrides });
      const input = "input" in recipe ? recipe.input : baseInput;
      const options = typeof recipe.options === "function" ? recipe.options() : recipe.options;
      let error;
      try {
        await client.terminateStreamSession(input, options);
      } catch (caught) {
        error = caught;
      }
      outcomes.push([recipe.name, error?.name]);
      traces.push({ name: recipe.name, ...tracesOf(error) });
      collectSignatures();
    }
  } finally {
    Object.assign(console, realConsole);
  }

  assert.deepEqual(outcomes, recipes.map((recipe) => [recipe.name, recipe.expect]));
  assert.deepEqual(guard.blocked, [], "the package tried to reach a non-loopback host");
  t.diagnostic(
    `${recipes.length} error paths, ${signedRequests} signed requests, ` +
      `${signatures.size} distinct signatures, ` +
      `${loggerLines.length} logger lines, ${consoleLines.length} console lines`,
  );
});

function collectSignatures() {
  for (const entry of emulator.state.requests) {
    if (!entry.signing?.signature) continue;
    signatures.add(entry.signing.signature);
    signedRequests++;
  }
}

/** The secrets and every signature seen, also as they look percent-encoded. */
function forbidden() {
  const secrets = [KEYS.withToken, KEYS.withoutToken, KEYS.expired, KEYS.wrongSecret].flatMap(
    (key) => [key.secretAccessKey, key.sessionToken].filter(Boolean),
  );
  return [...secrets, ...secrets.map(encodeURIComponent), ...signatures];
}

test("no error trace holds a secret access key, a session token or a signature", () => {
  assert.equal(traces.length, errorPaths({ keys: KEYS }).length, "the error paths did not run");
  // Not exact: an abort during a random backoff may come before or after a second attempt.
  assert.ok(signedRequests >= 40, `only ${signedRequests} signed requests were captured`);
  const leaks = traces.flatMap(({ name, ...texts }) =>
    Object.entries(texts).flatMap(([where, text]) =>
      leaksIn(text, forbidden()).map((secret) => `${name}: ${where} holds ${secret}`),
    ),
  );
  assert.deepEqual(leaks, []);
});

test("no console output and no logger line holds one either", () => {
  // Not exact either: retries and backoff draws vary; every call logs at least its attempt.
  assert.ok(loggerLines.length > 50, `only ${loggerLines.length} logger lines`);
  const leaks = [...consoleLines, ...loggerLines].flatMap((line) =>
    leaksIn(line, forbidden()).map((secret) => `${line.slice(0, 80)} holds ${secret}`),
  );
  assert.deepEqual(leaks, []);
});

test("control: the search finds a secret where one is planted", () => {
  const planted = new Error("failed", { cause: { token: KEYS.withToken.sessionToken } });
  const found = Object.values(tracesOf(planted)).flatMap((text) => leaksIn(text, forbidden()));
  assert.deepEqual(found, [KEYS.withToken.sessionToken]);
});
