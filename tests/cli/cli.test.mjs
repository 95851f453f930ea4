// The CLI as a user runs it: a child process with credentials in the environment, against
// the emulator.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import {
  DEMO_CREDENTIALS,
  SEED_ACTIVATING_SESSION_ID,
  SEED_ACTIVE_SESSION_ID,
  SEED_STREAM_GROUP_ID,
  startEmulator,
} from "../emulator/emulator.mjs";
import { getStreamSession, listRequests } from "../emulator/admin.mjs";

const cli = fileURLToPath(new URL("../../bin/gameliftstreams-terminate.js", import.meta.url));
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
let emulator;

before(async () => {
  emulator = await startEmulator({ seed: true });
});
after(() => emulator.close());

async function run(args, env = {}) {
  const baseEnv = {
    PATH: process.env.PATH,
    AWS_ACCESS_KEY_ID: DEMO_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: DEMO_CREDENTIALS.secretAccessKey,
    AWS_REGION: "us-west-2",
  };
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [cli, ...args], {
      env: { ...baseEnv, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    return { code: error.code, stdout: error.stdout, stderr: error.stderr };
  }
}

test("terminates a session and prints the request id", async () => {
  const result = await run([
    "--stream-group", SEED_STREAM_GROUP_ID,
    "--session", SEED_ACTIVE_SESSION_ID,
    "--endpoint", emulator.url,
  ]);
  assert.equal(result.code, 0, result.stderr);
  const match = result.stdout.match(/^Terminated stream session ABC123def4567 \(HTTP 204, request id (.+)\)\n$/);
  assert.ok(match, result.stdout);
  assert.match(match[1], uuid);
  const logged = (await listRequests(emulator.url)).filter((r) => r.method === "DELETE");
  assert.equal(logged.at(-1).requestId, match[1]);
  const session = await getStreamSession(emulator.url, SEED_STREAM_GROUP_ID, SEED_ACTIVE_SESSION_ID);
  assert.notEqual(session.status, "ACTIVE");
});

test("prints the typed error with status and request id, and exits 1", async () => {
  const result = await run([
    "--stream-group", SEED_STREAM_GROUP_ID,
    "--session", "NOSUCHSESSION",
    "--region", "us-west-2",
    "--endpoint", emulator.url,
  ]);
  assert.equal(result.code, 1);
  assert.equal(result.stdout, "");
  const lines = result.stderr.trimEnd().split("\n");
  assert.match(lines[0], /^ResourceNotFoundException: /);
  assert.equal(lines[1], "  status:     404");
  assert.match(lines[2], /^ {2}request id: [0-9a-f-]{36}$/);
});

test("an ACTIVATING session is a ValidationException", async () => {
  const result = await run([
    "--stream-group", SEED_STREAM_GROUP_ID,
    "--session", SEED_ACTIVATING_SESSION_ID,
    "--endpoint", emulator.url,
  ]);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /^ValidationException: .*\n {2}status: {5}400\n/);
});

test("bad input and missing credentials fail before sending, never quoting secrets", async () => {
  const before = (await listRequests(emulator.url)).length;
  const badInput = await run(["--stream-group", "..", "--session", "x", "--endpoint", emulator.url]);
  assert.equal(badInput.code, 1);
  assert.match(badInput.stderr, /^InputValidationError: Identifier must be/);
  assert.match(badInput.stderr, /\n {2}field: {6}Identifier\n/);

  const noSecret = await run(
    ["--stream-group", "sg-1", "--session", "s-1", "--endpoint", emulator.url],
    { AWS_SECRET_ACCESS_KEY: "" },
  );
  assert.equal(noSecret.code, 1);
  assert.match(noSecret.stderr, /^CredentialsError: credentials.secretAccessKey is required\n/);

  const noRegion = await run(
    ["--stream-group", "sg-1", "--session", "s-1", "--endpoint", emulator.url],
    { AWS_REGION: "" },
  );
  assert.equal(noRegion.code, 1);
  assert.match(noRegion.stderr, /^ConfigurationError: region is required\n/);
  assert.equal((await listRequests(emulator.url)).length, before);
});

test("a wrong secret is reported as the service's InvalidSignatureException", async () => {
  const result = await run(
    ["--stream-group", SEED_STREAM_GROUP_ID, "--session", "DEF456ghi7890", "--endpoint", emulator.url],
    { AWS_SECRET_ACCESS_KEY: "not-the-secret-0000" },
  );
  assert.equal(result.code, 1);
  assert.match(result.stderr, /^InvalidSignatureException: The request signature we calculated/);
  assert.equal(result.stderr.includes("not-the-secret-0000"), false);
});

test("usage errors exit 2 with the usage text", async () => {
  const result = await run(["--session", "x"]);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /^--stream-group is required\n\nUsage: gameliftstreams-terminate/);
  const help = await run(["--help"]);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: gameliftstreams-terminate --stream-group ID\|ARN --session ID\|ARN/);
});
