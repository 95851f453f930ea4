// Node.js 20 users: a scratch project that installed the packed tarball runs an ES module
// (`import`) and a CommonJS module (`require`), each in its own `node` process, and the
// package's CLI from node_modules/.bin, all against the local emulator.
// Run: node --test tests/consumers/node.test.mjs (after `npm run build`)

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { after, before, test } from "node:test";
import { promisify } from "node:util";
import * as admin from "../emulator/admin.mjs";
import { SEED_STREAM_GROUP_ID } from "../emulator/emulator.mjs";
import { terminatePath, UUID } from "../support/expectations.mjs";
import { DEMO_CREDENTIALS, startTestEmulator, withRequestLog } from "../support/fixtures.mjs";
import { installConsumer } from "./support/packed-package.mjs";

const execFileAsync = promisify(execFile);
const UNKNOWN_SESSION = "NoSuchSession0001";

let emulator;
let project;

before(async () => {
  project = await installConsumer("node-app");
  emulator = await startTestEmulator();
}, { timeout: 60_000 });

after(() => emulator?.close());

/** Runs a command in the scratch project with the emulator's settings in its environment. */
function runInProject(command, args, extraEnv = {}) {
  return execFileAsync(command, args, {
    cwd: project.dir,
    env: {
      PATH: process.env.PATH,
      AWS_REGION: "us-west-2",
      AWS_ACCESS_KEY_ID: DEMO_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: DEMO_CREDENTIALS.secretAccessKey,
      GAMELIFTSTREAMS_ENDPOINT: emulator.url,
      ...extraEnv,
    },
  });
}

/** Runs one consumer script and checks its output against what the emulator logged. */
async function checkScript(script) {
  const { id } = await admin.createStreamSession(emulator.url, SEED_STREAM_GROUP_ID);
  const { value: run, requests } = await withRequestLog(emulator.url, () =>
    runInProject(process.execPath, [script], {
      STREAM_GROUP: SEED_STREAM_GROUP_ID,
      SESSION: id,
      UNKNOWN_SESSION,
    }),
  );
  assert.equal(run.stderr, "", "no warning or error on stderr");
  const printed = JSON.parse(run.stdout);

  assert.deepEqual(
    requests.map((entry) => `${entry.method} ${entry.path} ${entry.status}`),
    [
      `DELETE ${terminatePath(SEED_STREAM_GROUP_ID, id)} 204`,
      `DELETE ${terminatePath(SEED_STREAM_GROUP_ID, UNKNOWN_SESSION)} 404`,
    ],
  );
  const [done, missing] = requests;
  assert.match(done.requestId, UUID);
  assert.equal(
    printed.entry,
    pathToFileURL(join(project.dir, "node_modules/gameliftstreams-wasm/pkg/node.js")).href,
  );
  assert.deepEqual(printed.$metadata, {
    httpStatusCode: 204,
    requestId: done.requestId,
    attempts: 1,
    totalRetryDelay: 0,
  });
  assert.deepEqual(printed.unknown, {
    name: "ResourceNotFoundException",
    isResourceNotFoundException: true,
    message:
      `Stream session '${UNKNOWN_SESSION}' was not found in stream group ` +
      `'${SEED_STREAM_GROUP_ID}'.`,
    httpStatusCode: 404,
    requestId: missing.requestId,
  });
  const session = await admin.getStreamSession(emulator.url, SEED_STREAM_GROUP_ID, id);
  assert.equal(session.status, "TERMINATING");
}

test("node import: the Node entry terminates a session and types the unknown one", async () => {
  await checkScript("terminate.mjs");
});

test("node require: the same from CommonJS through require(), with no warning", async () => {
  await checkScript("terminate.cjs");
});

test("node: the installed gameliftstreams-terminate CLI terminates a session", async () => {
  const { id } = await admin.createStreamSession(emulator.url, SEED_STREAM_GROUP_ID);
  const cli = join(project.dir, "node_modules", ".bin", "gameliftstreams-terminate");
  const { value: run, requests } = await withRequestLog(emulator.url, () =>
    runInProject(cli, [
      "--stream-group",
      SEED_STREAM_GROUP_ID,
      "--session",
      id,
      "--endpoint",
      emulator.url,
    ]),
  );
  assert.equal(requests.length, 1);
  assert.equal(requests[0].status, 204);
  assert.equal(
    run.stdout,
    `Terminated stream session ${id} (HTTP 204, request id ${requests[0].requestId})\n`,
  );
  assert.equal(run.stderr, "");
});
