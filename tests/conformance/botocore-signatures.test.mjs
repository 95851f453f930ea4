// Signature verification by a second implementation: the package's requests, as the
// emulator captured them (every header, raw path, host), are signed again by botocore's
// SigV4Auth (tests/conformance/botocore_verify.py, Python, from PyPI, in .venv/), and every
// signature must match. The emulator's own check uses @smithy/signature-v4; botocore shares
// no code with it nor with the crate.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { after, before, test } from "node:test";
import * as pkg from "gameliftstreams-wasm";
import * as admin from "../emulator/admin.mjs";
import { SEED_STREAM_GROUP_ID, startEmulator } from "../emulator/emulator.mjs";
import { REGION, streamGroupArn, streamSessionArn } from "../scenarios.mjs";
import { terminatePath } from "../support/expectations.mjs";
import { DEMO_CREDENTIALS, TOKEN_CREDENTIALS } from "../support/fixtures.mjs";
import { unregisteredInputs } from "./differential-inputs.mjs";

const PYTHON = fileURLToPath(new URL("../../.venv/bin/python", import.meta.url));
const VERIFY = fileURLToPath(new URL("./botocore_verify.py", import.meta.url));
const GOLDEN = JSON.parse(
  readFileSync(new URL("../emulator/golden-vectors.json", import.meta.url), "utf8"),
);
const KEYS = [DEMO_CREDENTIALS, TOKEN_CREDENTIALS];
/** A second emulator scoped to a region of another partition. */
const OTHER_REGION = "eu-isoe-west-1";

/** Runs botocore over the requests, with the secret of each key in `credentials`. */
function botocore(requests, { region = REGION, credentials = KEYS } = {}) {
  const secrets = Object.fromEntries(
    credentials.map(({ accessKeyId, secretAccessKey }) => [accessKeyId, secretAccessKey]),
  );
  const job = { region, service: "gameliftstreams", secrets, requests };
  const run = spawnSync(PYTHON, [VERIFY], { input: JSON.stringify(job), encoding: "utf8" });
  assert.equal(run.error, undefined, `cannot run ${PYTHON} (scripts/ensure-tools.sh makes it)`);
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout);
}

/** What botocore needs of a logged request. */
const captured = ({ method, path, headers }) => ({ method, path, headers });

let emulator;
let other;
before(async () => {
  const options = { seed: true, credentials: KEYS, terminateDelayMs: 600_000 };
  emulator = await startEmulator({ ...options, region: REGION });
  other = await startEmulator({ ...options, region: OTHER_REGION });
});
after(async () => {
  await emulator?.close();
  await other?.close();
});

test("botocore is the pinned release", () => {
  const run = spawnSync(PYTHON, [VERIFY, "--version"], { encoding: "utf8" });
  assert.equal(run.stdout.trim(), "1.44.5");
});

test("the verifier reproduces the five golden signatures of api-facts.md", () => {
  const requests = GOLDEN.vectors.map((vector) => ({
    method: GOLDEN.method,
    path: terminatePath(vector.identifier, vector.streamSessionIdentifier),
    headers: {
      host: GOLDEN.host,
      "x-amz-date": vector.time,
      ...(vector.sessionToken && { "x-amz-security-token": vector.sessionToken }),
      authorization:
        `AWS4-HMAC-SHA256 Credential=${GOLDEN.accessKeyId}/${vector.time.slice(0, 8)}/` +
        `${GOLDEN.region}/${GOLDEN.service}/aws4_request, ` +
        `SignedHeaders=${vector.signedHeaders}, Signature=${vector.signature}`,
    },
  }));
  const credentials = [
    { accessKeyId: GOLDEN.accessKeyId, secretAccessKey: GOLDEN.secretAccessKey },
  ];
  const results = botocore(requests, { region: GOLDEN.region, credentials });
  assert.deepEqual(
    results.map((r) => r.signature),
    GOLDEN.vectors.map((vector) => vector.signature),
  );
});

test("every sampled request of the package verifies with botocore", async (t) => {
  const group = SEED_STREAM_GROUP_ID;
  const sessions = [];
  for (let i = 0; i < 4; i++) {
    sessions.push((await admin.createStreamSession(emulator.url, group)).id);
  }
  const registered = [
    { Identifier: group, StreamSessionIdentifier: sessions[0] },
    { Identifier: streamGroupArn(group), StreamSessionIdentifier: sessions[1] },
    { Identifier: group, StreamSessionIdentifier: streamSessionArn(group, sessions[2]) },
    {
      Identifier: streamGroupArn(group),
      StreamSessionIdentifier: streamSessionArn(group, sessions[3]),
    },
  ];
  // A sample of the differential inputs: every fourth, so each class is represented.
  const unusual = unregisteredInputs(["us-west-2", "cn-north-1", "us-isof-south-1"])
    .filter((_, i) => i % 4 === 0)
    .map(({ input }) => input);

  for (const credentials of KEYS) {
    const client = new pkg.GameLiftStreamsClient({
      region: REGION,
      credentials,
      endpoint: emulator.url,
    });
    for (const input of [...registered, ...unusual]) {
      await client.terminateStreamSession(input).catch(() => {});
    }
    const elsewhere = new pkg.GameLiftStreamsClient({
      region: OTHER_REGION,
      credentials,
      endpoint: other.url,
    });
    await elsewhere.terminateStreamSession(registered[0]).catch(() => {});
  }

  // A re-signed retry: the emulator's clock is 10 minutes ahead, so the first attempt is
  // refused as expired and the retry carries another date and signature.
  await admin.setClockOffset(emulator.url, 10 * 60 * 1000);
  const skewed = new pkg.GameLiftStreamsClient({
    region: REGION,
    credentials: TOKEN_CREDENTIALS,
    endpoint: emulator.url,
  });
  const out = await skewed.terminateStreamSession(registered[0]);
  assert.equal(out.$metadata.attempts, 2);

  const mainLog = emulator.state.requests;
  const otherLog = other.state.requests;
  const results = [
    ...botocore(mainLog.map(captured)),
    ...botocore(otherLog.map(captured), { region: OTHER_REGION }),
  ];
  const log = [...mainLog, ...otherLog];
  assert.equal(results.length, log.length);

  for (const [i, result] of results.entries()) {
    const entry = log[i];
    assert.equal(result.signedHeaders, result.claimedSignedHeaders, entry.path);
    const where = `${entry.path}\n${result.canonicalRequest}`;
    assert.equal(result.signature, result.claimedSignature, where);
  }
  const withToken = log.filter((entry) => entry.signing.sessionToken).length;
  const verdicts = log.map((entry) => entry.auth);
  // Only the skewed first attempt is refused by the emulator, for its time, not its math.
  assert.deepEqual(
    verdicts.filter((verdict) => verdict !== "valid"),
    ["InvalidSignatureException"],
  );
  assert.equal(log.length, 2 * (registered.length + unusual.length + 1) + 2);
  t.diagnostic(`${log.length} requests verified by botocore, ${withToken} with a session token`);
});

test("control: botocore disagrees once the path or the secret is not the one signed", () => {
  const [entry] = emulator.state.requests.filter((e) => e.path.includes("%3A"));
  const changedPath = { ...captured(entry), path: entry.path.replace("%3A", ":") };
  const wrongSecret = KEYS.map((key) => ({ ...key, secretAccessKey: `${key.secretAccessKey}x` }));
  const [pathResult] = botocore([changedPath]);
  const [secretResult] = botocore([captured(entry)], { credentials: wrongSecret });
  assert.notEqual(pathResult.signature, pathResult.claimedSignature);
  assert.notEqual(secretResult.signature, secretResult.claimedSignature);
});
