// The faults on the authentication side: the clockSkew and hideDate fault kinds, the
// emulator's persistent clock (POST /_emulator/clock) and keys added while it runs (POST
// /_emulator/credentials), which tests of skew correction and credential providers use.

import assert from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";
import * as admin from "./admin.mjs";
import { sendSigned, terminatePath } from "./client-signer.mjs";
import {
  DEMO_CREDENTIALS,
  SEED_ACTIVE_SESSION_ID,
  SEED_SECOND_ACTIVE_SESSION_ID,
  SEED_STREAM_GROUP_ID,
  startEmulator,
} from "./emulator.mjs";
import { formatAmzDate, parseAmzDate } from "./sigv4-verify.mjs";

const CORAL = ":http://internal.amazon.com/coral/com.amazon.coral.service/";
const TEN_MINUTES = 10 * 60 * 1000;
const ORIGIN = "http://localhost:5173";
const EXPOSE_WITHOUT_DATE = "x-amzn-RequestId, x-amzn-ErrorType, x-amz-id-2, x-amz-cf-id";
const EXPOSE = `${EXPOSE_WITHOUT_DATE}, Date`;
const PATH = terminatePath(SEED_STREAM_GROUP_ID, SEED_ACTIVE_SESSION_ID);
const SECOND = terminatePath(SEED_STREAM_GROUP_ID, SEED_SECOND_ACTIVE_SESSION_ID);
const EXPIRED = "The security token included in the request is expired";
const ROTATED = Object.freeze({
  accessKeyId: "ASIAEMULATORROTATE01",
  secretAccessKey: "emulatorRotatedSecret/000000000000000000",
  sessionToken: "IQoJb3JpZ2luX2VjEROTATED/first+token==",
});
const NEXT = Object.freeze({
  accessKeyId: "ASIAEMULATORROTATE02",
  secretAccessKey: "emulatorRotatedSecret/111111111111111111",
  sessionToken: "IQoJb3JpZ2luX2VjEROTATED/second+token==",
});

let emulator;
before(async () => {
  emulator = await startEmulator({ seed: true, terminateDelayMs: 60_000 });
});
after(() => emulator.close());
beforeEach(() => admin.reset(emulator.url));

function send(options = {}) {
  return sendSigned(emulator.url, { path: PATH, credentials: DEMO_CREDENTIALS, ...options });
}

async function statusOf(sessionId) {
  return (await admin.getStreamSession(emulator.url, SEED_STREAM_GROUP_ID, sessionId)).status;
}

async function assertError(response, status, errorType, message) {
  assert.equal(response.status, status);
  assert.equal(response.headers.get("x-amzn-errortype"), errorType);
  const body = await response.json();
  if (message instanceof RegExp) assert.match(body.message, message);
  else assert.deepEqual(body, { message });
}

/**
 * Checks a clock-skew message in AWS's exact shape: `Signature expired: R is now earlier than
 * S-5m (S - 5 min.)` or `Signature not yet current: R is still later than S+5m (S + 5 min.)`,
 * R the signing time, S the server's clock, which the Date header shows too (give or take the
 * second between the check and the answer) and which is real time plus `offsetMs`.
 */
function assertSkewMessage(message, { signingDate, dateHeader, offsetMs }) {
  const time = "(\\d{8}T\\d{6}Z)";
  const shape = new RegExp(
    `^Signature (expired|not yet current): ${time} is (now earlier|still later) than ${time} ` +
      `\\(${time} ([-+]) 5 min\\.\\)$`,
  );
  const m = shape.exec(message);
  assert.ok(m, `unexpected message shape: ${message}`);
  const [, kind, requestTime, relation, bound, server, sign] = m;
  const expired = kind === "expired";
  assert.deepEqual([relation, sign], expired ? ["now earlier", "-"] : ["still later", "+"]);
  assert.equal(requestTime, formatAmzDate(signingDate.getTime()));
  const serverMs = parseAmzDate(server);
  assert.equal(bound, formatAmzDate(serverMs + (expired ? -5 : 5) * 60 * 1000));
  const dateMs = Date.parse(dateHeader);
  assert.ok(dateMs - serverMs >= 0 && dateMs - serverMs <= 1000, `${server} vs Date ${dateHeader}`);
  assert.ok(Math.abs(serverMs - (Date.now() + offsetMs)) < 5000, `server time ${server}`);
  return kind;
}

describe("clockSkew", () => {
  test("+10 min: a client with the right clock gets 'Signature expired', re-signs, 204 (case C8)", async () => {
    await admin.setFaults(emulator.url, [{ kind: "clockSkew", offsetMs: TEN_MINUTES, times: -1 }]);
    const signingDate = new Date();
    const first = await send({ signingDate });
    assert.equal(first.status, 403);
    assert.equal(first.headers.get("x-amzn-errortype"), `InvalidSignatureException${CORAL}`);
    const dateHeader = first.headers.get("date");
    const { message } = await first.json();
    const kind = assertSkewMessage(message, { signingDate, dateHeader, offsetMs: TEN_MINUTES });
    assert.equal(kind, "expired");
    assert.equal(await statusOf(SEED_ACTIVE_SESSION_ID), "ACTIVE");

    // What a client correcting its clock from Date does: sign again on the server's time.
    const retry = await send({ signingDate: new Date(Date.parse(dateHeader)) });
    assert.equal(retry.status, 204);
    const [a, b] = await admin.listRequests(emulator.url);
    assert.deepEqual(
      [a.fault, a.status, a.errorType, a.auth],
      ["clockSkew", 403, "InvalidSignatureException", "InvalidSignatureException"],
    );
    assert.deepEqual([b.fault, b.status, b.auth], ["clockSkew", 204, "valid"]);
    assert.notEqual(a.signing.amzDate, b.signing.amzDate);
    assert.notEqual(a.signing.signature, b.signing.signature);
    assert.equal(a.signing.amzDate, a.headers["x-amz-date"]);
  });

  test("-10 min: 'Signature not yet current', Date ten minutes behind; only for its requests", async () => {
    await admin.setFaults(emulator.url, [{ kind: "clockSkew", offsetMs: -TEN_MINUTES }]);
    const signingDate = new Date();
    const skewed = await send({ signingDate });
    assert.equal(skewed.status, 403);
    const dateHeader = skewed.headers.get("date");
    const { message } = await skewed.json();
    const kind = assertSkewMessage(message, { signingDate, dateHeader, offsetMs: -TEN_MINUTES });
    assert.equal(kind, "not yet current");
    const next = await send();
    assert.equal(next.status, 204);
    assert.ok(Math.abs(Date.parse(next.headers.get("date")) - Date.now()) < 5000);
  });

  test("within five minutes: accepted, and Date shows the moved clock", async () => {
    await admin.setFaults(emulator.url, [{ kind: "clockSkew", offsetMs: 120_000 }]);
    const response = await send();
    assert.equal(response.status, 204);
    const shift = Date.parse(response.headers.get("date")) - Date.now();
    assert.ok(Math.abs(shift - 120_000) < 5000, `Date is ${shift} ms ahead`);
  });

  test("adds to the persistent offset: -10 min set, +10 min skew, a right clock passes", async () => {
    await admin.setClockOffset(emulator.url, -TEN_MINUTES);
    await admin.setFaults(emulator.url, [{ kind: "clockSkew", offsetMs: TEN_MINUTES }]);
    assert.equal((await send()).status, 204);
    assert.equal((await send({ path: SECOND })).status, 403);
  });
});

describe("hideDate", () => {
  test("Date is sent but left out of Access-Control-Expose-Headers, for its requests only", async () => {
    await admin.setFaults(emulator.url, [{ kind: "hideDate" }]);
    const hidden = await send({ headers: { origin: ORIGIN } });
    assert.equal(hidden.status, 204);
    assert.equal(hidden.headers.get("access-control-expose-headers"), EXPOSE_WITHOUT_DATE);
    assert.ok(hidden.headers.get("date"));
    const shown = await send({ path: SECOND, headers: { origin: ORIGIN } });
    assert.equal(shown.headers.get("access-control-expose-headers"), EXPOSE);
  });

  test("after clockSkew: the message still carries the server's time; Age on a real 403", async () => {
    await admin.setFaults(emulator.url, [
      {
        kind: "clockSkew",
        offsetMs: TEN_MINUTES,
        headers: { age: "10" },
        then: { kind: "hideDate" },
      },
    ]);
    const signingDate = new Date();
    const response = await send({ signingDate, headers: { origin: ORIGIN } });
    assert.equal(response.status, 403);
    assert.equal(response.headers.get("access-control-expose-headers"), EXPOSE_WITHOUT_DATE);
    assert.equal(response.headers.get("age"), "10");
    const dateHeader = response.headers.get("date");
    const { message } = await response.json();
    assertSkewMessage(message, { signingDate, dateHeader, offsetMs: TEN_MINUTES });
    assert.equal((await admin.listRequests(emulator.url))[0].fault, "clockSkew+hideDate");
  });
});

describe("POST /_emulator/clock", () => {
  test("moves the clock for every request until a reset", async () => {
    assert.equal((await admin.getClock(emulator.url)).offsetMs, 0);
    const set = await admin.setClockOffset(emulator.url, -TEN_MINUTES);
    assert.equal(set.offsetMs, -TEN_MINUTES);
    assert.ok(Math.abs(Date.parse(set.now) - (Date.now() - TEN_MINUTES)) < 5000);
    assert.deepEqual(
      Object.keys(await admin.getClock(emulator.url)).sort(),
      ["now", "offsetMs"],
    );

    for (let i = 0; i < 3; i++) {
      const response = await send();
      await assertError(
        response,
        403,
        `InvalidSignatureException${CORAL}`,
        /^Signature not yet current: \d{8}T\d{6}Z is still later than /,
      );
      const behind = Date.now() - Date.parse(response.headers.get("date"));
      assert.ok(Math.abs(behind - TEN_MINUTES) < 5000, `Date is ${behind} ms behind`);
    }
    // A client that signs on the emulator's time passes.
    const onServerTime = await send({ signingDate: new Date(Date.now() - TEN_MINUTES) });
    assert.equal(onServerTime.status, 204);

    await admin.reset(emulator.url);
    assert.equal((await admin.getClock(emulator.url)).offsetMs, 0);
  });

  test("a reset restores the clockOffsetMs the emulator started with", async () => {
    const own = await startEmulator({ clockOffsetMs: 30_000 });
    try {
      assert.equal((await admin.getClock(own.url)).offsetMs, 30_000);
      await admin.setClockOffset(own.url, 0);
      await admin.reset(own.url);
      assert.equal((await admin.getClock(own.url)).offsetMs, 30_000);
      assert.equal(own.state.clockOffsetMs, 30_000);
    } finally {
      await own.close();
    }
  });

  test("refuses an offset that is not a whole number", async () => {
    await assert.rejects(
      admin.setClockOffset(emulator.url, "10m"),
      /400 ValidationException .*offsetMs must be a whole number\./,
    );
  });
});

describe("POST /_emulator/credentials", () => {
  test("a key is accepted until its expiresAt, then 403 ExpiredTokenException (case C11)", async () => {
    const expiresAt = new Date(Date.now() + 3600_000).toISOString();
    assert.deepEqual(await admin.addCredentials(emulator.url, { ...ROTATED, expiresAt }), {
      accessKeyId: ROTATED.accessKeyId,
      sessionToken: true,
      expiresAt,
    });
    assert.equal((await send({ credentials: ROTATED })).status, 204);

    // The same key ID again replaces the key: now with an expiry in the past (epoch ms).
    await admin.addCredentials(emulator.url, { ...ROTATED, expiresAt: Date.now() - 1000 });
    const expired = await send({ credentials: ROTATED });
    await assertError(expired, 403, `ExpiredTokenException${CORAL}`, EXPIRED);
    await admin.addCredentials(emulator.url, NEXT);
    assert.equal((await send({ credentials: NEXT })).status, 204);

    const log = await admin.listRequests(emulator.url);
    assert.deepEqual(
      log.map(({ status, errorType, auth, signing }) => [
        status,
        errorType,
        auth,
        signing.accessKeyId,
        signing.sessionToken,
      ]),
      [
        [204, undefined, "valid", ROTATED.accessKeyId, true],
        [403, "ExpiredTokenException", "ExpiredTokenException", ROTATED.accessKeyId, true],
        [204, undefined, "valid", NEXT.accessKeyId, true],
      ],
    );
    assert.equal(log[2].headers["x-amz-security-token"], NEXT.sessionToken);
    assert.match(log[2].signing.signedHeaders, /^host;x-amz-date;x-amz-security-token$/);
  });

  test("expiry is judged by the emulator's clock", async () => {
    const expiresAt = new Date(Date.now() + 2 * 60_000).toISOString();
    await admin.addCredentials(emulator.url, { ...ROTATED, expiresAt });
    await admin.setClockOffset(emulator.url, 3 * 60_000);
    // Signed on the real clock, which is within five minutes of the emulator's.
    const late = await send({ credentials: ROTATED });
    await assertError(late, 403, `ExpiredTokenException${CORAL}`, EXPIRED);
    await admin.setClockOffset(emulator.url, 0);
    assert.equal((await send({ credentials: ROTATED })).status, 204);
  });

  test("expiry is checked after the token matches and before the signature", async () => {
    await admin.addCredentials(emulator.url, { ...ROTATED, expiresAt: Date.now() - 1 });
    const wrongSecret = await send({ credentials: { ...ROTATED, secretAccessKey: "wrong" } });
    await assertError(wrongSecret, 403, `ExpiredTokenException${CORAL}`, EXPIRED);
    const wrongToken = await send({ credentials: { ...ROTATED, sessionToken: "other" } });
    await assertError(
      wrongToken,
      403,
      `UnrecognizedClientException${CORAL}`,
      "The security token included in the request is invalid.",
    );
  });

  test("reset forgets added keys; malformed keys are refused", async () => {
    await admin.addCredentials(emulator.url, NEXT);
    await admin.reset(emulator.url);
    const forgotten = await send({ credentials: NEXT });
    assert.equal(forgotten.headers.get("x-amzn-errortype"), `UnrecognizedClientException${CORAL}`);
    await assert.rejects(
      admin.addCredentials(emulator.url, { accessKeyId: "AKIAONLYID" }),
      /400 ValidationException .*secretAccessKey must be a non-empty string\./,
    );
    await assert.rejects(
      admin.addCredentials(emulator.url, { ...NEXT, expiresAt: "soon" }),
      /400 ValidationException .*expiresAt must be an ISO 8601 time or epoch milliseconds\./,
    );
    await assert.rejects(
      startEmulator({ credentials: [{ accessKeyId: "AKIAONLYID" }] }),
      /^TypeError: options\.credentials: secretAccessKey must be a non-empty string\.$/,
    );
  });

  test("a starting key may carry expiresAt too", async () => {
    const own = await startEmulator({
      seed: true,
      credentials: [{ ...ROTATED, expiresAt: new Date(Date.now() - 1000).toISOString() }],
    });
    try {
      const response = await sendSigned(own.url, { path: PATH, credentials: ROTATED });
      await assertError(response, 403, `ExpiredTokenException${CORAL}`, EXPIRED);
    } finally {
      await own.close();
    }
  });
});
