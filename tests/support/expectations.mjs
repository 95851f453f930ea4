// What is right for one run of tests/scenarios.mjs, whatever runtime it ran in. Each harness
// collects a run (results from the runtime, the emulator's request log, session statuses) and
// calls defineScenarioTests, so Node, Chromium and workerd are held to the same exact values.

import assert from "node:assert/strict";
import { test } from "node:test";
import {
  badInputs,
  ERROR_CLASS_NAMES,
  streamGroupArn,
  streamSessionArn,
  UNDEFINED,
} from "../scenarios.mjs";
import { TOKEN_CREDENTIALS } from "./fixtures.mjs";

/** A request ID as the emulator makes them (crypto.randomUUID). */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The only request headers a browser may ask the service for (case C9). */
export const CORS_ALLOWED_HEADERS = Object.freeze([
  "authorization",
  "x-amz-date",
  "x-amz-security-token",
  "content-type",
]);

/** The emulator's answer to a signature made with the wrong secret, as AWS words it. */
export const SIGNATURE_MISMATCH_MESSAGE =
  "The request signature we calculated does not match the signature you provided. " +
  "Check your AWS Secret Access Key and signing method. " +
  "Consult the service documentation for details.";

/**
 * Percent-encodes one path label as the service expects: every byte outside `A-Za-z0-9-._~`
 * becomes `%XX` with upper-case hex (api-facts.md, section 4).
 */
export function encodeLabel(label) {
  let encoded = "";
  for (const byte of new TextEncoder().encode(label)) {
    const char = String.fromCharCode(byte);
    encoded += /[A-Za-z0-9\-._~]/.test(char)
      ? char
      : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return encoded;
}

/** The raw request path of TerminateStreamSession for two labels. */
export function terminatePath(identifier, streamSessionIdentifier) {
  const group = encodeLabel(identifier);
  return `/streamgroups/${group}/streamsessions/${encodeLabel(streamSessionIdentifier)}`;
}

/** The SignedHeaders list of a logged request's Authorization header. */
export function signedHeadersOf(entry) {
  const match = /SignedHeaders=([^,\s]+)/.exec(entry.headers.authorization ?? "");
  return match ? match[1] : UNDEFINED;
}

/** The `instanceof` answers an error should give: true for `names` and Error, else false. */
export function instanceOfOnly(...names) {
  const expected = { Error: true };
  for (const name of ERROR_CLASS_NAMES) expected[name] = names.includes(name);
  return expected;
}

/** `$metadata` of a call that was answered on its first attempt with no retry. */
function firstAttemptMetadata(httpStatusCode, requestId) {
  return {
    httpStatusCode,
    requestId,
    extendedRequestId: UNDEFINED,
    cfId: UNDEFINED,
    attempts: 1,
    totalRetryDelay: 0,
  };
}

/**
 * The API requests a run must send, in order. Bad inputs send nothing, so they are absent:
 * the log holding exactly these proves it.
 */
export function expectedCalls(fixtures) {
  const group = fixtures.streamGroupId;
  return [
    { name: "successById", path: terminatePath(group, fixtures.byId), status: 204 },
    {
      name: "successByArn",
      path: terminatePath(streamGroupArn(group), streamSessionArn(group, fixtures.byArn)),
      status: 204,
    },
    { name: "notFound", path: terminatePath(group, fixtures.missing), status: 404 },
    { name: "wrongSecret", path: terminatePath(group, fixtures.wrongSecret), status: 403 },
    { name: "sessionToken", path: terminatePath(group, fixtures.withToken), status: 204 },
    { name: "afterBadInput", path: terminatePath(group, fixtures.afterBadInput), status: 204 },
  ];
}

/** The logged API call (not a preflight) of one case, asserting there is exactly one. */
function loggedCall(run, name) {
  const call = expectedCalls(run.fixtures).find((c) => c.name === name);
  const entries = run.requests.filter((e) => e.method === "DELETE" && e.path === call.path);
  assert.equal(entries.length, 1, `one DELETE ${call.path} in the emulator log`);
  return entries[0];
}

/** Asserts a call resolved with exactly `{ $metadata }` for a first-attempt 204. */
function assertSucceeded(run, name) {
  const result = run.results[name];
  const entry = loggedCall(run, name);
  assert.equal(entry.status, 204);
  assert.match(entry.requestId, UUID);
  assert.deepEqual(result, {
    settled: "resolved",
    threwSynchronously: false,
    returnedPromise: true,
    outputKeys: ["$metadata"],
    output: { $metadata: firstAttemptMetadata(204, entry.requestId) },
  });
}

/**
 * Registers the shared tests for one run under `label`.
 *
 * @param {string} label names the runtime in every test name, e.g. "chromium worker"
 * @param {() => object} getRun returns the collected run; called inside each test
 * @param {object} options
 * @param {object} options.runtime the `describeRuntime()` facts this runtime must show
 * @param {(() => string) | null} options.pageOrigin where every call must pass a CORS
 *   preflight, returns the origin the calls come from; null outside a browser
 */
export function defineScenarioTests(label, getRun, { runtime, pageOrigin }) {
  test(`${label}: runs in the expected global scope`, () => {
    const actual = getRun().results.runtime;
    for (const [key, value] of Object.entries(runtime)) {
      assert.equal(actual[key], value, `runtime.${key} in ${JSON.stringify(actual)}`);
    }
  });

  test(`${label}: exports the client and every error class as constructors`, () => {
    const { exportTypes } = getRun().results;
    const expected = { GameLiftStreamsClient: "function" };
    for (const name of ERROR_CLASS_NAMES) expected[name] = "function";
    assert.deepEqual(exportTypes, expected);
  });

  test(`${label}: terminates a session by IDs: 204, attempts 1, the emulator's request ID`, () => {
    assertSucceeded(getRun(), "successById");
  });

  test(`${label}: terminates a session by ARNs, sending %3A and %2F in the path`, () => {
    const run = getRun();
    assertSucceeded(run, "successByArn");
    const entry = loggedCall(run, "successByArn");
    const group = run.fixtures.streamGroupId;
    const arnPrefix = "arn%3Aaws%3Agameliftstreams%3Aus-west-2%3A111122223333%3A";
    assert.equal(
      entry.path,
      `/streamgroups/${arnPrefix}streamgroup%2F${group}` +
        `/streamsessions/${arnPrefix}streamsession%2F${group}%2F${run.fixtures.byArn}`,
    );
  });

  test(`${label}: unknown session: ResourceNotFoundException with every $metadata field`, () => {
    const run = getRun();
    const entry = loggedCall(run, "notFound");
    assert.equal(entry.status, 404);
    assert.equal(entry.errorType, "ResourceNotFoundException");
    assert.match(entry.requestId, UUID);
    assert.deepEqual(run.results.notFound, {
      settled: "rejected",
      threwSynchronously: false,
      returnedPromise: true,
      error: {
        name: "ResourceNotFoundException",
        message:
          `Stream session '${run.fixtures.missing}' was not found in stream group ` +
          `'${run.fixtures.streamGroupId}'.`,
        constructorName: "ResourceNotFoundException",
        fault: "client",
        metadata: firstAttemptMetadata(404, entry.requestId),
        field: UNDEFINED,
        instanceOf: instanceOfOnly(
          "GameLiftStreamsServiceException",
          "ResourceNotFoundException",
        ),
      },
    });
  });

  test(`${label}: wrong secret: InvalidSignatureException 403, a service exception`, () => {
    const run = getRun();
    const entry = loggedCall(run, "wrongSecret");
    assert.equal(entry.status, 403);
    assert.equal(entry.errorType, "InvalidSignatureException");
    const { error } = run.results.wrongSecret;
    assert.equal(run.results.wrongSecret.settled, "rejected");
    assert.equal(run.results.wrongSecret.threwSynchronously, false);
    assert.equal(error.name, "InvalidSignatureException");
    assert.equal(error.message, SIGNATURE_MISMATCH_MESSAGE);
    assert.equal(error.fault, "client");
    assert.deepEqual(error.metadata, firstAttemptMetadata(403, entry.requestId));
    assert.deepEqual(error.instanceOf, instanceOfOnly("GameLiftStreamsServiceException"));
    assert.equal(run.statuses.wrongSecret, "ACTIVE", "a refused call must not end the session");
  });

  test(`${label}: with a token, signs host;x-amz-date;x-amz-security-token`, () => {
    const run = getRun();
    assertSucceeded(run, "sessionToken");
    const entry = loggedCall(run, "sessionToken");
    assert.equal(signedHeadersOf(entry), "host;x-amz-date;x-amz-security-token");
    assert.equal(entry.headers["x-amz-security-token"], TOKEN_CREDENTIALS.sessionToken);
    const keyId = /Credential=([^/]+)\//.exec(entry.headers.authorization)?.[1];
    assert.equal(keyId, TOKEN_CREDENTIALS.accessKeyId);
  });

  test(`${label}: without a token only host;x-amz-date is signed and no token is sent`, () => {
    const run = getRun();
    const calls = ["successById", "successByArn", "notFound", "wrongSecret", "afterBadInput"];
    for (const name of calls) {
      const entry = loggedCall(run, name);
      assert.equal(signedHeadersOf(entry), "host;x-amz-date", `SignedHeaders of ${name}`);
      assert.equal(entry.headers["x-amz-security-token"], undefined, `token header of ${name}`);
      assert.match(entry.headers["x-amz-date"], /^\d{8}T\d{6}Z$/, `x-amz-date of ${name}`);
      const scope = /^AWS4-HMAC-SHA256 Credential=([^,]+),/.exec(entry.headers.authorization)?.[1];
      assert.match(
        scope,
        /^AKIAEMULATORDEMO0001\/\d{8}\/us-west-2\/gameliftstreams\/aws4_request$/,
        `credential scope of ${name}`,
      );
    }
  });

  test(`${label}: bad input rejects: InputValidationError naming the field, nothing sent`, () => {
    const run = getRun();
    const cases = badInputs(run.fixtures.streamGroupId, run.fixtures.marker);
    assert.equal(run.results.badInput.length, cases.length);
    for (const [index, { label: caseLabel, field }] of cases.entries()) {
      const outcome = run.results.badInput[index];
      assert.equal(outcome.label, caseLabel);
      assert.equal(outcome.settled, "rejected", `${caseLabel}: ${JSON.stringify(outcome)}`);
      assert.equal(outcome.threwSynchronously, false, caseLabel);
      assert.equal(outcome.error.name, "InputValidationError", caseLabel);
      assert.equal(outcome.error.constructorName, "InputValidationError", caseLabel);
      assert.equal(outcome.error.field, field, caseLabel);
      assert.equal(outcome.error.fault, "client", caseLabel);
      assert.equal(typeof outcome.error.message, "string", caseLabel);
      assert.notEqual(outcome.error.message, "", caseLabel);
      assert.deepEqual(
        outcome.error.instanceOf,
        instanceOfOnly("GameLiftStreamsClientError", "InputValidationError"),
        caseLabel,
      );
    }
    const leaked = run.requests.filter((e) => e.path.includes(run.fixtures.marker));
    assert.deepEqual(leaked, [], "no request for a refused input reached the emulator");
  });

  test(`${label}: the client that refused bad input still terminates a session`, () => {
    assertSucceeded(getRun(), "afterBadInput");
  });

  test(`${label}: the emulator saw exactly the expected calls, in order`, () => {
    const run = getRun();
    const calls = run.requests
      .filter((e) => e.method !== "OPTIONS")
      .map((e) => `${e.method} ${e.path} ${e.status}`);
    assert.deepEqual(
      calls,
      expectedCalls(run.fixtures).map((c) => `DELETE ${c.path} ${c.status}`),
    );
  });

  if (pageOrigin) {
    test(`${label}: each call passed a preflight allowing only the four SigV4 headers`, () => {
      const run = getRun();
      const origin = pageOrigin();
      const preflights = run.requests.filter((e) => e.method === "OPTIONS");
      for (const call of expectedCalls(run.fixtures)) {
        const forCall = preflights.filter((e) => e.path === call.path);
        assert.equal(forCall.length, 1, `one preflight for ${call.path}`);
        const [preflight] = forCall;
        assert.equal(preflight.status, 204);
        assert.equal(preflight.headers.origin, origin);
        assert.equal(preflight.headers["access-control-request-method"], "DELETE");
        const asked = preflight.headers["access-control-request-headers"]
          .split(",")
          .map((header) => header.trim());
        const expected =
          call.name === "sessionToken"
            ? ["authorization", "x-amz-date", "x-amz-security-token"]
            : ["authorization", "x-amz-date"];
        assert.deepEqual(asked, expected, `headers asked for ${call.name}`);
        for (const header of asked) assert.ok(CORS_ALLOWED_HEADERS.includes(header), header);
        assert.equal(loggedCall(run, call.name).headers.origin, origin, `origin of ${call.name}`);
      }
      assert.equal(preflights.length, expectedCalls(run.fixtures).length, "no other preflights");
    });
  } else {
    test(`${label}: no CORS preflight is sent outside a browser`, () => {
      const preflights = getRun().requests.filter((e) => e.method === "OPTIONS");
      assert.deepEqual(preflights, []);
    });
  }

  test(`${label}: terminated sessions are TERMINATING, the refused one still ACTIVE`, () => {
    const { statuses } = getRun();
    assert.deepEqual(statuses, {
      byId: "TERMINATING",
      byArn: "TERMINATING",
      wrongSecret: "ACTIVE",
      withToken: "TERMINATING",
      afterBadInput: "TERMINATING",
    });
  });
}
