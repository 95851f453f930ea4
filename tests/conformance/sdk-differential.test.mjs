// Differential check against the AWS SDK for JavaScript v3: the package and the SDK send the
// same generated inputs (tests/conformance/differential-inputs.mjs) to the emulator, with the
// same key, and what reached the emulator must agree byte for byte: method, raw path, host.
// Both signatures must verify, and both clients must settle alike. The SDK runs on both of
// its transports, node:http (its Node default) and fetch (its browser and Workers one).
// Where the package refuses what the SDK sends, the difference is checked as expected.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import * as pkg from "gameliftstreams-wasm";
import { TerminateStreamSessionCommand } from "@aws-sdk/client-gameliftstreams";
import * as admin from "../emulator/admin.mjs";
import { DEMO_CREDENTIALS, startEmulator } from "../emulator/emulator.mjs";
import { ACCOUNT_ID, REGION, streamGroupArn, streamSessionArn } from "../scenarios.mjs";
import { terminatePath } from "../support/expectations.mjs";
import {
  OTHER_ACCOUNT,
  registeredIds,
  registeredInputs,
  unregisteredInputs,
} from "./differential-inputs.mjs";
import { sdkClients, sdkPartitions } from "./support/sdk-reference.mjs";

let emulator;
let emulatorV6;
let mine;
let sdk;
let inputs;

before(async () => {
  const options = { region: REGION, accountId: ACCOUNT_ID, terminateDelayMs: 600_000 };
  emulator = await startEmulator(options);
  emulatorV6 = await startEmulator({ ...options, host: "::1" });
  const config = { endpoint: emulator.url, region: REGION, credentials: DEMO_CREDENTIALS };
  mine = new pkg.GameLiftStreamsClient({ ...config, maxAttempts: 1 });
  sdk = sdkClients(config);

  const pairs = registeredIds();
  for (const { group, session } of pairs) {
    await admin.createStreamGroup(emulator.url, { id: group });
    await admin.createStreamSession(emulator.url, group, { id: session });
  }
  const arns = { group: streamGroupArn, session: streamSessionArn };
  const regions = sdkPartitions().partitions.flatMap((partition) => Object.keys(partition.regions));
  inputs = [...registeredInputs(pairs, arns), ...unregisteredInputs(regions)];
}, { timeout: 60_000 });

after(async () => {
  sdk?.node.destroy();
  sdk?.fetch.destroy();
  mine?.destroy();
  await emulatorV6?.close();
  return emulator?.close();
});

/** Runs one call and returns how it settled with the requests it sent (in-process log). */
async function observe(call) {
  const before = emulator.state.requests.length;
  let settled;
  try {
    settled = { output: await call() };
  } catch (error) {
    settled = { error };
  }
  return { ...settled, requests: emulator.state.requests.slice(before) };
}

function callers(input) {
  return {
    package: () => mine.terminateStreamSession(input),
    "sdk node:http": () => sdk.node.send(new TerminateStreamSessionCommand(input)),
    "sdk fetch": () => sdk.fetch.send(new TerminateStreamSessionCommand(input)),
  };
}

/** Runs the input through each client in turn. */
async function observeAll(input) {
  const seen = {};
  for (const [client, call] of Object.entries(callers(input))) seen[client] = await observe(call);
  return seen;
}

/** What must be equal between two clients' calls, apart from request IDs and signatures. */
function comparable({ output, error, requests }) {
  const [request] = requests;
  return {
    requestCount: requests.length,
    method: request?.method,
    path: request?.path,
    host: request?.headers.host,
    auth: request?.auth,
    status: request?.status,
    settled: error ? "rejected" : "resolved",
    name: error?.name,
    message: error?.message,
    httpStatusCode: (output ?? error).$metadata.httpStatusCode,
  };
}

describe("the same inputs through the package and the AWS SDK reach the emulator alike", () => {
  test("every generated input: method, raw path, host, verified signatures, outcome", async (t) => {
    const counts = { inputs: 0, requests: 0, byStatus: {} };
    for (const { label, input, status } of inputs) {
      const seen = await observeAll(input);

      const reference = comparable(seen.package);
      const expectedPath = terminatePath(input.Identifier, input.StreamSessionIdentifier);
      assert.deepEqual(
        [reference.requestCount, reference.method, reference.path, reference.host],
        [1, "DELETE", expectedPath, `127.0.0.1:${emulator.port}`],
        label,
      );
      assert.equal(reference.auth, "valid", label);
      assert.equal(reference.status, status, `${label}: ${reference.message}`);
      assert.equal(seen.package.requests[0].signing.signedHeaders, "host;x-amz-date", label);
      for (const client of ["sdk node:http", "sdk fetch"]) {
        assert.deepEqual(comparable(seen[client]), reference, `${label}: ${client}`);
      }
      // Each client reports the request ID of its own request.
      for (const observed of Object.values(seen)) {
        const metadata = (observed.output ?? observed.error).$metadata;
        assert.equal(metadata.requestId, observed.requests[0].requestId, label);
      }
      if (status !== 204) {
        assert.ok(seen.package.error instanceof pkg.GameLiftStreamsServiceException, label);
      }

      counts.inputs++;
      counts.requests += 3;
      counts.byStatus[status] = (counts.byStatus[status] ?? 0) + 1;
    }
    t.diagnostic(`${counts.inputs} inputs compared, ${counts.requests} requests, by status ` +
      JSON.stringify(counts.byStatus));
    // The set is generated from fixed seeds and the pinned SDK's 55 partition regions; the
    // only 400 is the 128-character ARN beyond the BMP (see differential-inputs.mjs).
    assert.deepEqual(counts, {
      inputs: 328,
      requests: 984,
      byStatus: { 204: 51, 400: 1, 404: 276 },
    });
  });
});

/**
 * Inputs the model's pattern refuses. The SDK checks no pattern, so it sends them; the
 * package refuses them before signing (InputValidationError naming the member, nothing sent).
 * `node` and `fetch` are what the SDK put on the wire over each transport, with the verdict
 * of the emulator's signature check. Over fetch, the URL parser removes `.` and `..` segments
 * after the SDK signed, so the request reaches another path than the one asked for, and for a
 * trailing segment one that no longer matches its signature.
 */
const DIVERGENCES = [
  ["Identifier", { Identifier: ".", StreamSessionIdentifier: "x" },
    ["/streamgroups/./streamsessions/x", "valid"], ["/streamgroups/streamsessions/x", "valid"]],
  ["Identifier", { Identifier: "..", StreamSessionIdentifier: "x" },
    ["/streamgroups/../streamsessions/x", "valid"], ["/streamsessions/x", "valid"]],
  ["Identifier", { Identifier: "", StreamSessionIdentifier: "x" },
    ["/streamgroups//streamsessions/x", "valid"], ["/streamgroups//streamsessions/x", "valid"]],
  ["StreamSessionIdentifier", { Identifier: "a", StreamSessionIdentifier: "." },
    ["/streamgroups/a/streamsessions/.", "valid"],
    ["/streamgroups/a/streamsessions/", "InvalidSignatureException"]],
  ["StreamSessionIdentifier", { Identifier: "a", StreamSessionIdentifier: ".." },
    ["/streamgroups/a/streamsessions/..", "valid"],
    ["/streamgroups/a/", "InvalidSignatureException"]],
  ["StreamSessionIdentifier", { Identifier: "a", StreamSessionIdentifier: "" },
    ["/streamgroups/a/streamsessions/", "valid"], ["/streamgroups/a/streamsessions/", "valid"]],
  ["Identifier", { Identifier: "a".repeat(129), StreamSessionIdentifier: "x" },
    [`/streamgroups/${"a".repeat(129)}/streamsessions/x`, "valid"],
    [`/streamgroups/${"a".repeat(129)}/streamsessions/x`, "valid"]],
  ["Identifier", { Identifier: "sg 1", StreamSessionIdentifier: "x" },
    ["/streamgroups/sg%201/streamsessions/x", "valid"],
    ["/streamgroups/sg%201/streamsessions/x", "valid"]],
  ["Identifier", { Identifier: "sg/1", StreamSessionIdentifier: "x" },
    ["/streamgroups/sg%2F1/streamsessions/x", "valid"],
    ["/streamgroups/sg%2F1/streamsessions/x", "valid"]],
  // A real ARN of the China partition: the model's pattern admits only "arn:aws:".
  ["Identifier",
    { Identifier: `arn:aws-cn:gameliftstreams:cn-north-1:${OTHER_ACCOUNT}:streamgroup/sg-1`,
      StreamSessionIdentifier: "x" },
    [`/streamgroups/arn%3Aaws-cn%3Agameliftstreams%3Acn-north-1%3A${OTHER_ACCOUNT}` +
      "%3Astreamgroup%2Fsg-1/streamsessions/x", "valid"],
    [`/streamgroups/arn%3Aaws-cn%3Agameliftstreams%3Acn-north-1%3A${OTHER_ACCOUNT}` +
      "%3Astreamgroup%2Fsg-1/streamsessions/x", "valid"]],
  // A lone surrogate matches "[^: ]" in a JS regex; neither client sends it (the SDK's
  // encodeURIComponent throws a URIError).
  ["StreamSessionIdentifier",
    {
      Identifier: "a",
      StreamSessionIdentifier: `arn:aws:gameliftstreams:x:${OTHER_ACCOUNT}:\ud800`,
    },
    null, null],
];

describe("expected divergence: what the package refuses and the SDK sends", () => {
  for (const [field, input, overNode, overFetch] of DIVERGENCES) {
    test(`${JSON.stringify(input).slice(0, 90)}: package refuses ${field}`, async () => {
      const seen = await observeAll(input);

      assert.equal(seen.package.requests.length, 0, "the package sent it");
      assert.ok(seen.package.error instanceof pkg.InputValidationError);
      assert.equal(seen.package.error.field, field);
      for (const [client, wire] of [["sdk node:http", overNode], ["sdk fetch", overFetch]]) {
        const { requests, error } = seen[client];
        if (wire === null) {
          assert.equal(requests.length, 0, client);
          assert.equal(error.name, "URIError", client);
          continue;
        }
        assert.deepEqual(
          requests.map((request) => [request.method, request.path, request.auth]),
          [["DELETE", ...wire]],
          client,
        );
      }
    });
  }
});

/**
 * Custom endpoints spelled in ways the URL parser rewrites: IPv4 in short, decimal or
 * zero-padded form, IPv6 uncompressed or with an embedded IPv4, upper-case names and
 * schemes, a trailing slash, a path prefix. fetch sends the parsed form, so whichever host
 * a client signs must be that one. The SDK signs what it parsed with the same parser. The
 * package needs allowInsecureEndpoint for the spellings it does not count as loopback.
 * `sdkPrefix`: an expected divergence, the SDK keeps a prefix's trailing slash and so sends
 * an empty segment ("//") before /streamgroups; the package drops it.
 * `refused`: an expected divergence, the package refuses a host spelling that fetch would
 * rewrite after signing (ConfigurationError on `endpoint`, nothing sent), where the SDK
 * parses first and signs the rewritten host.
 */
const SPELLINGS = [
  { spelling: "http://127.0.0.1:PORT/", host: "127.0.0.1:PORT" },
  { spelling: "HTTP://127.0.0.1:PORT", host: "127.0.0.1:PORT" },
  { spelling: "http://127.0.0.1:PORT/pre/fix", host: "127.0.0.1:PORT", prefix: "/pre/fix" },
  {
    spelling: "http://127.0.0.1:PORT/pre/fix/",
    host: "127.0.0.1:PORT",
    prefix: "/pre/fix",
    sdkPrefix: "/pre/fix/",
  },
  { spelling: "http://LocalHost:PORT", host: "localhost:PORT" },
  { spelling: "http://127.1:PORT", refused: true, host: "127.0.0.1:PORT" },
  { spelling: "http://2130706433:PORT", refused: true, host: "127.0.0.1:PORT" },
  { spelling: "http://127.000.000.001:PORT", refused: true, host: "127.0.0.1:PORT" },
  { spelling: "http://[::FFFF:127.0.0.1]:PORT", refused: true, host: "[::ffff:7f00:1]:PORT" },
  { spelling: "http://[0:0:0:0:0:0:0:1]:PORT6", refused: true, host: "[::1]:PORT6" },
];

describe("custom endpoint spellings: the same wire host and path, both signatures verify", () => {
  for (const { spelling, host, prefix = "", sdkPrefix = prefix, refused = false } of SPELLINGS) {
    test(spelling, async () => {
      const ports = (text) =>
        text.replace("PORT6", emulatorV6.port).replace("PORT", emulator.port);
      const target = host.includes("PORT6") ? emulatorV6 : emulator;
      const config = { endpoint: ports(spelling), region: REGION, credentials: DEMO_CREDENTIALS };
      const theirs = sdkClients(config);
      const ours = new pkg.GameLiftStreamsClient({ ...config, allowInsecureEndpoint: true });
      const input = { Identifier: "NotAGroup", StreamSessionIdentifier: "NotASession" };
      const wire = [];
      let ourError;
      for (const call of [
        () => ours.terminateStreamSession(input).catch((error) => {
          ourError = error;
          throw error;
        }),
        () => theirs.node.send(new TerminateStreamSessionCommand(input)),
        () => theirs.fetch.send(new TerminateStreamSessionCommand(input)),
      ]) {
        const before = target.state.requests.length;
        await call().catch(() => {});
        wire.push(
          target.state.requests
            .slice(before)
            .map((entry) => [entry.method, entry.path, entry.headers.host, entry.auth]),
        );
      }
      theirs.node.destroy();
      theirs.fetch.destroy();
      const path = terminatePath(input.Identifier, input.StreamSessionIdentifier);
      const expected = (before) => [["DELETE", `${before}${path}`, ports(host), "valid"]];
      if (refused) {
        assert.ok(ourError instanceof pkg.ConfigurationError, String(ourError));
        assert.equal(ourError.field, "endpoint");
        assert.equal(ourError.$metadata.attempts, 0);
        assert.deepEqual(wire, [[], expected(sdkPrefix), expected(sdkPrefix)]);
        return;
      }
      assert.deepEqual(wire, [expected(prefix), expected(sdkPrefix), expected(sdkPrefix)]);
    });
  }
});
