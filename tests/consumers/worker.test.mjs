// A Cloudflare Worker in the wrangler layout (wrangler.toml, src/index.js), in a scratch
// project that installed the packed tarball. Wrangler reads the layout and bundles the Worker
// as `wrangler dev` does, resolving the package through its `workerd` condition and loading
// the .wasm as a module, and runs it in workerd through Miniflare. The credentials and the
// emulator's URL are bindings from .dev.vars, the file wrangler reads secrets from locally.
//
// Only the Workers entry can pass here: the Node one imports node:fs, which a Worker without
// nodejs_compat cannot bundle, and the browser one fetches its .wasm by URL, which workerd
// cannot do from a bundle.
// Run: node --test tests/consumers/worker.test.mjs (after `npm run build`)

import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import * as admin from "../emulator/admin.mjs";
import { SEED_STREAM_GROUP_ID } from "../emulator/emulator.mjs";
import { terminatePath, UUID } from "../support/expectations.mjs";
import { DEMO_CREDENTIALS, startTestEmulator, withRequestLog } from "../support/fixtures.mjs";
import { installConsumer } from "./support/packed-package.mjs";

const UNKNOWN_SESSION = "NoSuchSession0004";

let project;
let emulator;
let worker;

before(async () => {
  project = await installConsumer("worker");
  emulator = await startTestEmulator();
  writeFileSync(
    join(project.dir, ".dev.vars"),
    [
      `AWS_ACCESS_KEY_ID=${DEMO_CREDENTIALS.accessKeyId}`,
      `AWS_SECRET_ACCESS_KEY=${DEMO_CREDENTIALS.secretAccessKey}`,
      `GAMELIFTSTREAMS_ENDPOINT=${emulator.url}`,
      "",
    ].join("\n"),
  );
  // Nothing leaves this machine: no usage metrics, no download of the Request.cf object.
  // Wrangler's log and its user settings (a device ID) stay with the scratch project.
  process.env.WRANGLER_SEND_METRICS = "false";
  process.env.CLOUDFLARE_CF_FETCH_ENABLED = "false";
  process.env.WRANGLER_LOG_PATH = join(project.dir, ".wrangler", "logs");
  process.env.XDG_CONFIG_HOME = join(project.dir, ".wrangler", "user-config");
  const { unstable_startWorker: startWorker } = await import("wrangler");
  worker = await startWorker({
    config: join(project.dir, "wrangler.toml"),
    sendMetrics: false,
    dev: {
      remote: false,
      inspector: false,
      watch: false,
      persist: false,
      logLevel: "warn",
      server: { hostname: "127.0.0.1", port: 0 },
    },
  });
  await worker.ready;
}, { timeout: 120_000 });

after(async () => {
  try {
    await worker?.dispose();
  } finally {
    await emulator?.close();
  }
});

/** Sends the Worker a request and resolves its status and JSON answer. */
async function callWorker(init) {
  const response = await worker.fetch("http://worker.test/", init);
  return { status: response.status, body: await response.json() };
}

function postSession(session) {
  return callWorker({
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ streamGroup: SEED_STREAM_GROUP_ID, session }),
  });
}

test("worker: terminates the session named in the request and answers JSON", async () => {
  const { id } = await admin.createStreamSession(emulator.url, SEED_STREAM_GROUP_ID);
  const { value: answer, requests } = await withRequestLog(emulator.url, () => postSession(id));
  assert.deepEqual(
    requests.map((entry) => `${entry.method} ${entry.path} ${entry.status}`),
    [`DELETE ${terminatePath(SEED_STREAM_GROUP_ID, id)} 204`],
  );
  assert.match(requests[0].requestId, UUID);
  const scope = /Credential=([^,]+),/.exec(requests[0].headers.authorization)?.[1] ?? "";
  assert.match(scope, /^AKIAEMULATORDEMO0001\/\d{8}\/us-west-2\/gameliftstreams\/aws4_request$/);
  assert.deepEqual(answer, {
    status: 200,
    body: {
      terminated: true,
      session: id,
      httpStatusCode: 204,
      requestId: requests[0].requestId,
      attempts: 1,
    },
  });
  const session = await admin.getStreamSession(emulator.url, SEED_STREAM_GROUP_ID, id);
  assert.equal(session.status, "TERMINATING");
});

test("worker: an unknown session answers 404 with ResourceNotFoundException", async () => {
  const { value: answer, requests } = await withRequestLog(emulator.url, () =>
    postSession(UNKNOWN_SESSION),
  );
  assert.equal(requests.length, 1);
  assert.equal(requests[0].status, 404);
  assert.deepEqual(answer, {
    status: 404,
    body: {
      terminated: false,
      error: "ResourceNotFoundException",
      alreadyGone: true,
      message:
        `Stream session '${UNKNOWN_SESSION}' was not found in stream group ` +
        `'${SEED_STREAM_GROUP_ID}'.`,
      httpStatusCode: 404,
      requestId: requests[0].requestId,
      attempts: 1,
    },
  });
});

test("worker: no session in the request: 400 InputValidationError, nothing sent", async () => {
  const { value: answer, requests } = await withRequestLog(emulator.url, () =>
    callWorker({ method: "POST", body: JSON.stringify({ streamGroup: SEED_STREAM_GROUP_ID }) }),
  );
  assert.deepEqual(requests, []);
  assert.equal(answer.status, 400);
  assert.equal(answer.body.terminated, false);
  assert.equal(answer.body.error, "InputValidationError");
  assert.equal(answer.body.attempts, 0);
  assert.equal(answer.body.httpStatusCode, undefined);
});

test("worker: anything but POST answers 405", async () => {
  assert.deepEqual(await callWorker({ method: "GET" }), {
    status: 405,
    body: { error: "POST a JSON body { streamGroup, session }" },
  });
});
