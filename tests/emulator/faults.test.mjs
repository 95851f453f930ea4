// The fault plan over HTTP: the plan's admin routes and times/match rules, and the faults that
// stand for infrastructure (status, html503, empty5xx, drop, delay) as a client signed by the
// AWS SDK's signer meets them. The clock-side faults are in faults-clock.test.mjs.

import assert from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import * as admin from "./admin.mjs";
import { sendSigned, terminatePath } from "./client-signer.mjs";
import {
  DEMO_CREDENTIALS,
  SEED_ACTIVE_SESSION_ID,
  SEED_SECOND_ACTIVE_SESSION_ID,
  SEED_STREAM_GROUP_ID,
  startEmulator,
} from "./emulator.mjs";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ORIGIN = "http://localhost:5173";
const EXPOSE_WITHOUT_DATE = "x-amzn-RequestId, x-amzn-ErrorType, x-amz-id-2, x-amz-cf-id";
const EXPOSE = `${EXPOSE_WITHOUT_DATE}, Date`;
const CORAL = ":http://internal.amazon.com/coral/com.amazon.coral.service/";
const FIRST = terminatePath(SEED_STREAM_GROUP_ID, SEED_ACTIVE_SESSION_ID);
const SECOND = terminatePath(SEED_STREAM_GROUP_ID, SEED_SECOND_ACTIVE_SESSION_ID);

let emulator;
before(async () => {
  emulator = await startEmulator({ seed: true, terminateDelayMs: 60_000 });
});
after(() => emulator.close());
beforeEach(() => admin.reset(emulator.url));

/** Signs with @smithy/signature-v4 and sends with fetch: FIRST, demo key, now, by default. */
function send(options = {}, url = emulator.url) {
  return sendSigned(url, { path: FIRST, credentials: DEMO_CREDENTIALS, ...options });
}

async function statusOf(sessionId) {
  return (await admin.getStreamSession(emulator.url, SEED_STREAM_GROUP_ID, sessionId)).status;
}

async function statuses(count, options) {
  const answers = [];
  for (let i = 0; i < count; i++) answers.push((await send(options)).status);
  return answers;
}

describe("the plan through the admin interface", () => {
  test("setFaults appends checked rules; listFaults, clearFaults and reset", async () => {
    const plan = await admin.setFaults(emulator.url, [
      { kind: "status", errorType: "ThrottlingException" },
      { kind: "drop", times: 2, match: { method: "delete", pathIncludes: "ABC" } },
    ]);
    assert.deepEqual(plan, [
      { kind: "status", errorType: "ThrottlingException", status: 429, times: 1 },
      { kind: "drop", times: 2, match: { method: "DELETE", pathIncludes: "ABC" } },
    ]);
    await admin.setFaults(emulator.url, [{ kind: "delay", ms: 5, then: { kind: "html503" } }]);
    assert.deepEqual((await admin.listFaults(emulator.url)).at(-1), {
      kind: "delay",
      ms: 5,
      then: { kind: "html503" },
      times: 1,
    });
    await admin.clearFaults(emulator.url);
    assert.deepEqual(await admin.listFaults(emulator.url), []);
    await admin.setFaults(emulator.url, [{ kind: "drop", times: -1 }]);
    await admin.reset(emulator.url);
    assert.deepEqual(await admin.listFaults(emulator.url), []);
  });

  test("a bad rule is refused with 400 ValidationException and none of its batch is added", async () => {
    const kinds =
      "status, html503, empty5xx, drop, delay, clockSkew, hideDate, hugeBody, rawResponse";
    const refusals = [
      [{ kind: "teapot" }, `kind must be one of ${kinds}.`],
      [
        { kind: "drop", times: 0 },
        "times must be a whole number of at least 1, or -1 for every request.",
      ],
      [{ kind: "clockSkew", offset: 5 }, " a clockSkew fault has no field 'offset'."],
      [{ kind: "drop", then: { kind: "html503" } }, " a drop fault has no field 'then'."],
      [
        { kind: "hideDate", then: { kind: "drop", times: 2 } },
        "then a drop fault has no field 'times'.",
      ],
      [
        { kind: "status", errorType: "Other" },
        "status is required unless errorType is a known code.",
      ],
      [{ kind: "empty5xx", status: 404 }, "status must be a whole number from 500 to 599."],
      [{ kind: "delay", ms: -1 }, "ms must be a number from 0 to 600000."],
      [
        { kind: "status", status: 429, headers: { "retry-after": "1\r\nx: y" } },
        "headers.retry-after must be a string (or number) without line breaks.",
      ],
      [{ kind: "drop", match: { host: "x" } }, "match has no field 'host'."],
    ];
    for (const [rule, message] of refusals) {
      await assert.rejects(admin.setFaults(emulator.url, [{ kind: "drop" }, rule]), (error) => {
        assert.equal(
          error.message,
          `emulator admin POST faults: 400 ValidationException ${JSON.stringify({
            message: `faults[1]${message.startsWith(" ") ? "" : "."}${message}`,
          })}`,
        );
        return true;
      });
    }
    await assert.rejects(
      admin.setFaults(emulator.url, { kind: "drop" }),
      /faults must be an array of rules\./,
    );
    assert.deepEqual(await admin.listFaults(emulator.url), []);
  });

  test("rules apply in order, each to its next `times` matching requests", async () => {
    await admin.setFaults(emulator.url, [
      {
        kind: "status",
        status: 503,
        times: 2,
        match: { pathIncludes: SEED_SECOND_ACTIVE_SESSION_ID },
      },
      { kind: "status", status: 500, errorType: "InternalServerException" },
      { kind: "status", status: 502, match: { method: "GET" } },
    ]);
    // FIRST does not match the first rule, so the second one takes it; then nothing matches.
    assert.deepEqual(await statuses(2, { path: FIRST }), [500, 204]);
    assert.deepEqual(await statuses(3, { path: SECOND }), [503, 503, 204]);
    // The GET rule waited for a GET; without it the GET would be 404 UnknownOperation.
    assert.equal((await send({ path: SECOND, method: "GET" })).status, 502);
    assert.deepEqual(await admin.listFaults(emulator.url), []);
  });

  test("times -1 applies until cleared; preflights only count for a rule that names OPTIONS", async () => {
    await admin.setFaults(emulator.url, [{ kind: "empty5xx", status: 503, times: -1 }]);
    const preflight = () => fetch(new URL(FIRST, emulator.url), { method: "OPTIONS" });
    assert.equal((await preflight()).status, 204);
    assert.deepEqual(await statuses(4), [503, 503, 503, 503]);
    assert.deepEqual(await admin.listFaults(emulator.url), [
      { kind: "empty5xx", status: 503, times: -1 },
    ]);
    await admin.clearFaults(emulator.url);
    assert.deepEqual(await statuses(1), [204]);

    await admin.setFaults(emulator.url, [
      { kind: "status", status: 500, match: { method: "OPTIONS" } },
    ]);
    assert.equal((await preflight()).status, 500);
    const log = await admin.listRequests(emulator.url);
    assert.deepEqual(
      log.map((entry) => [entry.method, entry.status, entry.fault]),
      [
        ["OPTIONS", 204, undefined],
        ...Array(4).fill(["DELETE", 503, "empty5xx"]),
        ["DELETE", 204, undefined],
        ["OPTIONS", 500, "status"],
      ],
    );
  });
});

describe("status faults", () => {
  test("429 ThrottlingException with retry-after: the usual headers, session untouched, logged", async () => {
    await admin.setFaults(emulator.url, [
      { kind: "status", errorType: "ThrottlingException", headers: { "retry-after": "2" } },
    ]);
    const response = await send({ headers: { origin: ORIGIN } });
    assert.equal(response.status, 429);
    assert.equal(response.headers.get("x-amzn-errortype"), "ThrottlingException");
    assert.equal(response.headers.get("content-type"), "application/json");
    assert.equal(response.headers.get("retry-after"), "2");
    assert.match(response.headers.get("x-amzn-requestid"), UUID);
    assert.ok(Math.abs(Date.parse(response.headers.get("date")) - Date.now()) < 5000);
    assert.equal(response.headers.get("access-control-allow-origin"), ORIGIN);
    assert.equal(response.headers.get("access-control-expose-headers"), EXPOSE);
    assert.deepEqual(await response.json(), { message: "Rate exceeded" });
    assert.equal(await statusOf(SEED_ACTIVE_SESSION_ID), "ACTIVE");

    const [entry] = await admin.listRequests(emulator.url);
    assert.equal(entry.fault, "status");
    assert.equal(entry.status, 429);
    assert.equal(entry.errorType, "ThrottlingException");
    assert.equal(entry.requestId, response.headers.get("x-amzn-requestid"));
    assert.equal(entry.auth, "valid");
    assert.equal(entry.pending, undefined);
  });

  test("retry-after as an HTTP date, x-amz-retry-after in ms, and an Age header", async () => {
    const httpDate = new Date(Date.now() + 3000).toUTCString();
    await admin.setFaults(emulator.url, [
      { kind: "status", errorType: "ThrottlingException", headers: { "Retry-After": httpDate } },
      { kind: "status", errorType: "ThrottlingException", headers: { "x-amz-retry-after": 1500 } },
      { kind: "status", status: 503, headers: { age: "10" } },
    ]);
    const [a, b, c] = [await send(), await send(), await send()];
    assert.equal(a.headers.get("retry-after"), httpDate);
    assert.equal(b.headers.get("x-amz-retry-after"), "1500");
    assert.equal(b.headers.get("retry-after"), null);
    assert.deepEqual([a.status, b.status, c.status], [429, 429, 503]);
    assert.equal(c.headers.get("age"), "10");
    assert.ok(c.headers.get("date"));
  });

  test("500 InternalServerException; 502/503/504/501/505 without a code have an empty body", async () => {
    await admin.setFaults(emulator.url, [
      { kind: "status", status: 500, errorType: "InternalServerException" },
      ...[502, 503, 504, 501, 505].map((status) => ({ kind: "status", status })),
    ]);
    const first = await send();
    assert.equal(first.status, 500);
    assert.equal(first.headers.get("x-amzn-errortype"), "InternalServerException");
    assert.deepEqual(await first.json(), { message: "An internal error occurred." });
    for (const status of [502, 503, 504, 501, 505]) {
      const response = await send();
      assert.equal(response.status, status);
      assert.equal(response.headers.get("x-amzn-errortype"), null);
      assert.equal(response.headers.get("content-type"), null);
      assert.match(response.headers.get("x-amzn-requestid"), UUID);
      assert.equal(await response.text(), "");
    }
  });

  test("403 ExpiredTokenException carries the Coral suffix; bodies and codes as given", async () => {
    const coral = `ExpiredTokenException${CORAL}`;
    await admin.setFaults(emulator.url, [
      { kind: "status", errorType: "ExpiredTokenException" },
      { kind: "status", status: 400, body: "not json", contentType: "text/plain" },
      { kind: "status", status: 400, errorType: "Throttling:custom", message: "slow down" },
    ]);
    const expired = await send();
    assert.equal(expired.status, 403);
    assert.equal(expired.headers.get("x-amzn-errortype"), coral);
    assert.deepEqual(await expired.json(), {
      message: "The security token included in the request is expired",
    });
    const plain = await send();
    assert.equal(plain.headers.get("content-type"), "text/plain");
    assert.equal(await plain.text(), "not json");
    const verbatim = await send();
    assert.equal(verbatim.headers.get("x-amzn-errortype"), "Throttling:custom");
    assert.deepEqual(await verbatim.json(), { message: "slow down" });
    const log = await admin.listRequests(emulator.url);
    assert.deepEqual(
      log.map((e) => e.errorType),
      ["ExpiredTokenException", undefined, "Throttling"],
    );
  });

  test("canned answers skip the signature check; the log still says how it would have gone", async () => {
    await admin.setFaults(emulator.url, [{ kind: "status", status: 503, times: 2 }]);
    const unsigned = await fetch(new URL(FIRST, emulator.url), { method: "DELETE" });
    assert.equal(unsigned.status, 503);
    const wrong = await send({ credentials: { ...DEMO_CREDENTIALS, secretAccessKey: "wrong" } });
    assert.equal(wrong.status, 503);
    const log = await admin.listRequests(emulator.url);
    assert.deepEqual(
      log.map((e) => e.auth),
      ["MissingAuthenticationTokenException", "InvalidSignatureException"],
    );
  });
});

describe("html503, empty5xx and drop", () => {
  test("html503 once, then 204 (case C7)", async () => {
    await admin.setFaults(emulator.url, [{ kind: "html503" }]);
    const first = await send({ headers: { origin: ORIGIN } });
    assert.equal(first.status, 503);
    assert.equal(first.headers.get("content-type"), "text/html");
    assert.equal(first.headers.get("x-amzn-errortype"), null);
    assert.match(first.headers.get("x-amzn-requestid"), UUID);
    assert.equal(first.headers.get("access-control-allow-origin"), ORIGIN);
    assert.equal(await first.text(), "<html>Service Unavailable</html>");
    assert.equal(await statusOf(SEED_ACTIVE_SESSION_ID), "ACTIVE");
    assert.equal((await send()).status, 204);
    assert.equal(await statusOf(SEED_ACTIVE_SESSION_ID), "TERMINATING");
    const log = await admin.listRequests(emulator.url);
    assert.deepEqual(log.map((e) => [e.status, e.fault]), [[503, "html503"], [204, undefined]]);
  });

  test("empty5xx: 502 unless told, an empty body, no content type or error code", async () => {
    await admin.setFaults(emulator.url, [{ kind: "empty5xx" }, { kind: "empty5xx", status: 504 }]);
    for (const status of [502, 504]) {
      const response = await send();
      assert.equal(response.status, status);
      assert.equal(response.headers.get("content-type"), null);
      assert.equal(response.headers.get("x-amzn-errortype"), null);
      assert.equal(response.headers.get("content-length"), "0");
      assert.equal(await response.text(), "");
    }
  });

  test("drop: fetch rejects with no answer; the next request gets 204 (case C6)", async () => {
    await admin.setFaults(emulator.url, [{ kind: "drop" }]);
    await assert.rejects(send(), TypeError);
    assert.equal(await statusOf(SEED_ACTIVE_SESSION_ID), "ACTIVE");
    assert.equal((await send()).status, 204);
    const [dropped, ok] = await admin.listRequests(emulator.url);
    assert.equal(dropped.fault, "drop");
    assert.equal(dropped.dropped, true);
    assert.equal(dropped.auth, "valid");
    assert.equal(dropped.status, undefined);
    assert.equal(dropped.requestId, undefined);
    assert.equal(ok.status, 204);
  });
});

describe("delay", () => {
  test("holds the answer at least `ms`, then handles the request as usual", async () => {
    await admin.setFaults(emulator.url, [{ kind: "delay", ms: 250 }]);
    const start = performance.now();
    const response = await send();
    const elapsed = performance.now() - start;
    assert.equal(response.status, 204);
    assert.ok(elapsed >= 250, `answered after ${elapsed} ms`);
    assert.equal(await statusOf(SEED_ACTIVE_SESSION_ID), "TERMINATING");
    const [entry] = await admin.listRequests(emulator.url);
    assert.equal(entry.fault, "delay");
  });

  test("then another fault: delay+status", async () => {
    await admin.setFaults(emulator.url, [
      {
        kind: "delay",
        ms: 150,
        then: { kind: "status", status: 503, headers: { "retry-after": "0" } },
      },
    ]);
    const start = performance.now();
    const response = await send();
    assert.ok(performance.now() - start >= 150);
    assert.equal(response.status, 503);
    assert.equal(response.headers.get("retry-after"), "0");
    assert.equal((await admin.listRequests(emulator.url))[0].fault, "delay+status");
  });

  test("a client that gives up during the delay: the request still takes effect, nothing breaks", async () => {
    await admin.setFaults(emulator.url, [{ kind: "delay", ms: 300 }]);
    await assert.rejects(send({ signal: AbortSignal.timeout(50) }), { name: "TimeoutError" });
    const [waiting] = await admin.listRequests(emulator.url);
    assert.equal(waiting.pending, true);
    assert.equal(waiting.status, undefined);

    const deadline = Date.now() + 3000;
    while ((await admin.listRequests(emulator.url))[0].pending && Date.now() < deadline) {
      await sleep(20);
    }
    const [done] = await admin.listRequests(emulator.url);
    assert.deepEqual(
      [done.status, done.clientGone, done.requestId],
      [204, true, undefined],
    );
    assert.equal(await statusOf(SEED_ACTIVE_SESSION_ID), "TERMINATING");
    // A retry after the timeout finds the session terminating already: 204 again.
    assert.equal((await send()).status, 204);
  });

  test("close() returns at once with a delayed request pending", async () => {
    const own = await startEmulator({ seed: true });
    await admin.setFaults(own.url, [{ kind: "delay", ms: 60_000 }]);
    const pending = send({}, own.url);
    const deadline = Date.now() + 3000;
    while (own.state.delays.size === 0 && Date.now() < deadline) await sleep(5);
    assert.equal(own.state.delays.size, 1);

    const start = performance.now();
    await own.close();
    const elapsed = performance.now() - start;
    assert.ok(elapsed < 1000, `close() took ${elapsed} ms`);
    await assert.rejects(pending, TypeError);
    assert.equal(own.state.delays.size, 0);
    assert.equal(own.state.requests[0].cancelled, true);
  });
});
