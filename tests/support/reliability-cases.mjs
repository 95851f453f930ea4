// The Node side of the reliability cases (tests/reliability-scenarios.mjs): for each case, how
// its emulator is prepared (fault plan, clock, keys, fresh sessions) and what is right for its
// result and for the emulator's request log. Every case gets an emulator of its own, so cases
// run side by side without sharing a fault plan, a clock offset or keys; a harness only says
// how to run a case in its runtime (collectReliabilityRuns) and registers the checks
// (defineReliabilityTests).

import assert from "node:assert/strict";
import { test } from "node:test";
import * as admin from "../emulator/admin.mjs";
import { SEED_STREAM_GROUP_ID } from "../emulator/emulator.mjs";
import { CORS_EXPOSE_HEADERS } from "../emulator/responses.mjs";
import { formatAmzDate, parseAmzDate } from "../emulator/sigv4-verify.mjs";
import { RELIABILITY_CLASS_NAMES, UNDEFINED } from "../reliability-scenarios.mjs";
import { DEMO_CREDENTIALS, startTestEmulator, TOKEN_CREDENTIALS } from "./fixtures.mjs";
import { UUID } from "./expectations.mjs";

const TEN_MINUTES = 10 * 60 * 1000;
const FIVE_MINUTES = 5 * 60 * 1000;
/** How far apart the two signing times of a skew-corrected retry may be from 10 minutes. */
const SKEW_TOLERANCE_MS = 2000;
/** The jitter ceilings of standard mode: retry n waits at most base * 2^(n-1). */
const TRANSIENT_BASE_MS = 50;
const THROTTLING_BASE_MS = 1000;
/**
 * The per-attempt limit of the timeout cases: well under the answers they hold back (4 s and
 * 10 s), and well over what a normal answer takes on a busy machine with every case of a
 * runtime running at once (300 ms was seen to be too short in Chromium).
 */
const ATTEMPT_LIMIT_MS = 1000;
/** How many AbortSignal.timeout(1) calls the median is taken over. */
const TIMEOUT_1_SAMPLES = 7;
/**
 * What "at once" means for a single timed sample on a busy test machine: far under the 1 s
 * wait and the 30 s answer that an abort must cut short, far over scheduling noise.
 */
const PROMPT_MS = 250;
const EXPIRED_TOKEN_MESSAGE = "The security token included in the request is expired";
const NETWORK_MESSAGE = "the request got no HTTP response (network failure)";
const ABORT_MESSAGE = "the call was aborted by its AbortSignal";
/** Case C8: `Signature expired: R is now earlier than S-5m (S - 5 min.)`, S the server's time. */
const AMZ = "(\\d{8}T\\d{6}Z)";
const CORAL_SHAPE = new RegExp(
  `^Signature expired: ${AMZ} is now earlier than ${AMZ} \\(${AMZ} - 5 min\\.\\)$`,
);

/** Cases run in every runtime: network, abort, timeouts and skew. */
const EVERYWHERE = "everywhere";
/** Cases run in Node only. */
const NODE_ONLY = "node";

// ---------------------------------------------------------------- setup helpers

async function newSessions(url, count, status) {
  const ids = [];
  for (let i = 0; i < count; i++) {
    const body = status ? { status } : {};
    ids.push((await admin.createStreamSession(url, SEED_STREAM_GROUP_ID, body)).id);
  }
  return ids;
}

function baseContext(url, extra) {
  return {
    endpoint: url,
    group: SEED_STREAM_GROUP_ID,
    credentials: { ...DEMO_CREDENTIALS },
    ...extra,
  };
}

/** A temporary key with a session token that no other case uses, registered on `url`. */
async function addKey(url, name, expiresAt) {
  const key = {
    accessKeyId: `ASIAREL${name.toUpperCase().padEnd(13, "0").slice(0, 13)}`,
    secretAccessKey: `reliability/${name}/Secret+0000000000000000`,
    sessionToken: `IQoJREL/${name}/token+with/slashes==`,
  };
  await admin.addCredentials(url, { ...key, expiresAt: new Date(expiresAt).toISOString() });
  return key;
}

// ---------------------------------------------------------------- check helpers

/** The DELETE requests of a run's emulator log (no preflights, no probes), in order. */
function deletes(run, pathPart) {
  return run.requests.filter(
    (e) => e.method === "DELETE" && (pathPart === undefined || e.path.includes(pathPart)),
  );
}

function terminatePathOf(ctx, session) {
  return `/streamgroups/${ctx.group}/streamsessions/${session}`;
}

/** The `instanceof` answers: true for Error and `names`, false for every other class. */
function instanceOfOnly(...names) {
  const expected = { Error: true, SyntaxError: false };
  for (const name of RELIABILITY_CLASS_NAMES) expected[name] = names.includes(name);
  return expected;
}

/** Asserts a call resolved with a 204 whose request ID is the emulator's `entry`. */
function assertResolved(call, entry, attempts, message) {
  assert.equal(call.settled, "resolved", `${message}: ${JSON.stringify(call)}`);
  assert.equal(entry.status, 204, message);
  assert.match(entry.requestId, UUID, message);
  const { totalRetryDelay, ...rest } = call.output.$metadata;
  assert.deepEqual(
    rest,
    {
      httpStatusCode: 204,
      requestId: entry.requestId,
      extendedRequestId: UNDEFINED,
      cfId: UNDEFINED,
      attempts,
    },
    message,
  );
  assert.equal(Object.keys(call.output).join(), "$metadata", message);
  return totalRetryDelay;
}

function assertRejected(call, message) {
  assert.equal(call.settled, "rejected", `${message}: ${JSON.stringify(call)}`);
  return call.error;
}

/** The metadata of a failure without an HTTP answer. */
function noAnswerMetadata(attempts, totalRetryDelay) {
  return {
    httpStatusCode: UNDEFINED,
    requestId: UNDEFINED,
    extendedRequestId: UNDEFINED,
    cfId: UNDEFINED,
    attempts,
    totalRetryDelay,
  };
}

function answerMetadata(status, entry, attempts, totalRetryDelay) {
  return {
    httpStatusCode: status,
    requestId: entry.requestId,
    extendedRequestId: UNDEFINED,
    cfId: UNDEFINED,
    attempts,
    totalRetryDelay,
  };
}

const ATTEMPT_LINE = /^\[gameliftstreams\] attempt (\d+) of (\d+): DELETE (\S+)$/;
const RETRY_LINE = /^\[gameliftstreams\] retrying attempt (\d+) after (\d+) ms \((\w+)\)$/;
const SKEW_LINE =
  /^\[gameliftstreams\] clock offset corrected by (-?\d+(?:\.\d+)?) ms from the server's time$/;

/**
 * Reads logger lines into `[kind, ...values]`: ["attempt", n, max, url], ["retry", n, ms,
 * class] or ["skew", ms]; anything else fails. Each line must come as a single argument.
 */
function parseLines(lines) {
  return lines.map(({ level, text, args }) => {
    assert.equal(args, 1, `one argument per logger call: ${text}`);
    let m = ATTEMPT_LINE.exec(text);
    if (m) {
      assert.equal(level, "debug", text);
      return ["attempt", Number(m[1]), Number(m[2]), m[3]];
    }
    m = RETRY_LINE.exec(text);
    if (m) {
      assert.equal(level, "info", text);
      return ["retry", Number(m[1]), Number(m[2]), m[3]];
    }
    m = SKEW_LINE.exec(text);
    if (m) {
      assert.equal(level, "info", text);
      return ["skew", Number(m[1])];
    }
    assert.fail(`unexpected logger line (${level}): ${text}`);
  });
}

/** The URL each attempt line must name. */
function urlOf(ctx, session) {
  return `${ctx.endpoint}${terminatePathOf(ctx, session)}`;
}

/**
 * Asserts the logger lines are exactly `expected`, where a retry's delay or a skew's amount
 * may be a predicate; returns the retry delays in order.
 */
function assertLines(lines, expected) {
  const parsed = parseLines(lines);
  const texts = JSON.stringify(lines.map((line) => line.text));
  assert.equal(parsed.length, expected.length, `lines: ${texts}`);
  const delays = [];
  for (const [index, want] of expected.entries()) {
    const got = parsed[index];
    assert.equal(got[0], want[0], `line ${index}: ${lines[index].text}`);
    for (let i = 1; i < want.length; i++) {
      if (typeof want[i] === "function") {
        assert.ok(want[i](got[i]), `line ${index} value ${got[i]}: ${lines[index].text}`);
      } else {
        assert.equal(got[i], want[i], `line ${index}: ${lines[index].text}`);
      }
    }
    if (got[0] === "retry") delays.push(got[2]);
  }
  return delays;
}

const between = (low, high) => (value) => value >= low && value <= high;
const sum = (values) => values.reduce((a, b) => a + b, 0);

/** The two signing times of a skew-corrected call are 10 minutes apart, give or take. */
function assertTenMinutesLater(first, second) {
  const diff = parseAmzDate(second.signing.amzDate) - parseAmzDate(first.signing.amzDate);
  assert.ok(
    Math.abs(diff - TEN_MINUTES) <= SKEW_TOLERANCE_MS,
    `x-amz-date went from ${first.signing.amzDate} to ${second.signing.amzDate}`,
  );
}

/** An attempt refused for a clock 10 minutes behind the server's, then a retry accepted. */
function assertSkewedThenAccepted(first, second) {
  assert.equal(first.status, 403);
  assert.equal(first.errorType, "InvalidSignatureException");
  assert.equal(first.auth, "InvalidSignatureException");
  assert.equal(second.status, 204);
  assert.equal(second.auth, "valid");
  assertTenMinutesLater(first, second);
}

/** What a runtime reads of Date when a hideDate fault is on: nothing in a cross-origin page. */
function assertProbe(probe, env, { hidden, garbled }) {
  assert.equal(probe.status, 403, "the unsigned probe is refused");
  if (hidden && env.corsHidesDate) {
    assert.equal(probe.date, UNDEFINED, "a cross-origin caller cannot read a hidden Date");
    return;
  }
  if (garbled) {
    assert.equal(probe.date, "not a date");
    return;
  }
  const skew = Date.parse(probe.date) - probe.localNow;
  assert.ok(Math.abs(skew - TEN_MINUTES) < 5000, `Date ${probe.date} is 10 minutes ahead`);
}

/** Lines of one skew-corrected call with the default 3 attempts. */
function skewLines(ctx, session) {
  const url = urlOf(ctx, session);
  return [
    ["attempt", 1, 3, url],
    ["skew", between(TEN_MINUTES - SKEW_TOLERANCE_MS, TEN_MINUTES + SKEW_TOLERANCE_MS)],
    ["retry", 1, 0, "ClockSkewCorrected"],
    ["attempt", 2, 3, url],
  ];
}

function skewCase(name, title, faults, probeShape) {
  return {
    name,
    where: EVERYWHERE,
    title,
    async setup(url) {
      const sessions = await newSessions(url, 1);
      await admin.setClockOffset(url, TEN_MINUTES);
      if (faults.length) await admin.setFaults(url, faults);
      return baseContext(url, { sessions });
    },
    check(run, env) {
      const { call, lines, probe } = run.result;
      const entries = deletes(run);
      assert.equal(entries.length, 2, "one refused attempt and one accepted retry");
      assertSkewedThenAccepted(entries[0], entries[1]);
      const totalRetryDelay = assertResolved(call, entries[1], 2, "skew-corrected call");
      assert.equal(totalRetryDelay, 0, "a skew-corrected retry does not wait");
      assertLines(lines, skewLines(run.ctx, run.ctx.sessions[0]));
      assertProbe(probe, env, probeShape);
    },
  };
}

/**
 * Makes every CORS preflight answer close its connection (a zero delay carries the header), so
 * that a browser sends the DELETE on a fresh connection. Chromium resends a request by itself,
 * once, when a reused keep-alive connection closes without an answer, so a drop on the
 * preflight's connection never reaches fetch; on a fresh connection it does. Outside a
 * browser there are no preflights and this rule never applies.
 */
const PREFLIGHT_CLOSES_CONNECTION = {
  kind: "delay",
  ms: 0,
  times: -1,
  match: { method: "OPTIONS" },
  headers: { connection: "close" },
};

/** A fault rule answering 429 ThrottlingException every time, with extra headers. */
function throttleEveryTime(headers) {
  const rule = { kind: "status", errorType: "ThrottlingException", times: -1 };
  return headers ? { ...rule, headers } : rule;
}

function oneSessionSetup(faults, extra = {}, sessionCount = 1) {
  return async (url) => {
    const sessions = await newSessions(url, sessionCount);
    if (faults.length) await admin.setFaults(url, faults);
    return baseContext(url, { sessions, ...extra });
  };
}

/** A throttled call (maxAttempts 2) whose one retry waits as long as the hint allows. */
function hintCase(name, title, headers, check) {
  return {
    name,
    where: NODE_ONLY,
    title,
    setup: oneSessionSetup([throttleEveryTime(headers)]),
    check(run) {
      const { call, lines } = run.result;
      const entries = deletes(run);
      assert.equal(entries.length, 2);
      const error = assertRejected(call, "throttled twice");
      assert.equal(error.name, "ThrottlingException");
      assert.deepEqual(error.retryable, { throttling: true });
      const url = urlOf(run.ctx, run.ctx.sessions[0]);
      const [delay] = assertLines(lines, [
        ["attempt", 1, 2, url],
        ["retry", 1, () => true, "Throttling"],
        ["attempt", 2, 2, url],
      ]);
      assert.deepEqual(error.metadata, answerMetadata(429, entries[1], 2, delay));
      check(delay);
      assert.ok(call.elapsedMs >= delay - 2, `slept ${call.elapsedMs} ms for a ${delay} ms wait`);
    },
  };
}

// ---------------------------------------------------------------- the cases

export const RELIABILITY_CASES = [
  {
    name: "networkDropOnce",
    where: EVERYWHERE,
    title: "network failure once, then 204: success, attempts 2 (C6)",
    setup: oneSessionSetup([PREFLIGHT_CLOSES_CONNECTION, { kind: "drop" }]),
    check(run) {
      const entries = deletes(run);
      assert.equal(entries.length, 2, JSON.stringify(entries));
      assert.equal(entries[0].dropped, true);
      assert.equal(entries[0].status, undefined);
      assert.equal(entries[0].fault, "drop");
      const total = assertResolved(run.result.call, entries[1], 2, "after a dropped connection");
      const url = urlOf(run.ctx, run.ctx.sessions[0]);
      const delays = assertLines(run.result.lines, [
        ["attempt", 1, 3, url],
        ["retry", 1, between(0, TRANSIENT_BASE_MS), "Transient"],
        ["attempt", 2, 3, url],
      ]);
      assert.equal(total, sum(delays));
    },
  },
  {
    name: "networkDropAlways",
    where: EVERYWHERE,
    title: "network failure every time: NetworkError after 3 attempts, cause the runtime's error",
    setup: oneSessionSetup([PREFLIGHT_CLOSES_CONNECTION, { kind: "drop", times: -1 }]),
    check(run, env) {
      const entries = deletes(run);
      assert.equal(entries.length, 3, JSON.stringify(entries));
      for (const entry of entries) assert.equal(entry.dropped, true);
      const error = assertRejected(run.result.call, "dropped every time");
      const url = urlOf(run.ctx, run.ctx.sessions[0]);
      const delays = assertLines(run.result.lines, [
        ["attempt", 1, 3, url],
        ["retry", 1, between(0, TRANSIENT_BASE_MS), "Transient"],
        ["attempt", 2, 3, url],
        ["retry", 2, between(0, 2 * TRANSIENT_BASE_MS), "Transient"],
        ["attempt", 3, 3, url],
      ]);
      assert.deepEqual(error, {
        name: "NetworkError",
        message: NETWORK_MESSAGE,
        constructorName: "NetworkError",
        fault: "client",
        metadata: noAnswerMetadata(3, sum(delays)),
        retryable: UNDEFINED,
        field: UNDEFINED,
        cause: { ...env.networkCause, isSignalReason: UNDEFINED },
        instanceOf: instanceOfOnly("GameLiftStreamsClientError", "NetworkError"),
      });
    },
  },
  {
    name: "abortTimeout1",
    where: EVERYWHERE,
    timed: true,
    title: "AbortSignal.timeout(1) against a server that always answers 503: AbortError at once, " +
      "attempts at most 1, median of 7 calls under 50 ms (C10)",
    setup: oneSessionSetup([{ kind: "html503", times: -1 }], { samples: TIMEOUT_1_SAMPLES }),
    check(run, env, note) {
      const { calls } = run.result;
      assert.equal(calls.length, TIMEOUT_1_SAMPLES);
      const elapsed = calls.map((call) => call.elapsedMs);
      note(`timeout(1) calls rejected after ${elapsed.map((ms) => ms.toFixed(1)).join(", ")} ms`);
      let attemptsInAll = 0;
      for (const [index, call] of calls.entries()) {
        const error = assertRejected(call, `timeout(1) call ${index}`);
        const { attempts } = error.metadata;
        assert.ok(attempts <= 1, `call ${index}: attempts ${attempts}`);
        attemptsInAll += attempts;
        assert.deepEqual(error, {
          name: "AbortError",
          message: ABORT_MESSAGE,
          constructorName: "AbortError",
          fault: "client",
          metadata: noAnswerMetadata(attempts, 0),
          retryable: UNDEFINED,
          field: UNDEFINED,
          cause: {
            name: "TimeoutError",
            message: error.cause.message,
            constructorName: "DOMException",
            isSignalReason: true,
          },
          instanceOf: instanceOfOnly("GameLiftStreamsClientError", "AbortError"),
        }, `call ${index}`);
        assert.ok(call.elapsedMs < PROMPT_MS, `call ${index} took ${call.elapsedMs} ms`);
      }
      const median = [...elapsed].sort((a, b) => a - b)[Math.floor(elapsed.length / 2)];
      assert.ok(
        median < env.abortLimitMs,
        `median ${median.toFixed(1)} ms (limit ${env.abortLimitMs} ms) of ${elapsed.join(", ")}`,
      );
      const entries = deletes(run);
      assert.ok(
        entries.length <= attemptsInAll,
        `${entries.length} requests for ${attemptsInAll} attempts`,
      );
      for (const entry of entries) assert.equal(entry.fault, "html503");
    },
  },
  {
    name: "abortDuringThrottlingWait",
    where: EVERYWHERE,
    timed: true,
    title: "abort 100 ms into a 1 s throttling wait rejects at once, attempts 1 (C10)",
    // The hint makes the wait exactly 1 s; it is exposed so that a page can read it too.
    setup: oneSessionSetup(
      [
        throttleEveryTime({
          "retry-after": "1",
          "access-control-expose-headers": `${CORS_EXPOSE_HEADERS}, retry-after`,
        }),
      ],
      { abortAfterMs: 100 },
    ),
    check(run, env, note) {
      const { call, lines, abortToRejectionMs, waitToRejectionMs } = run.result;
      note(
        `rejected ${abortToRejectionMs.toFixed(1)} ms after the abort, ` +
          `${waitToRejectionMs.toFixed(1)} ms into the 1000 ms wait`,
      );
      const entries = deletes(run);
      assert.equal(entries.length, 1, "no attempt after the abort");
      assert.equal(entries[0].status, 429);
      const url = urlOf(run.ctx, run.ctx.sessions[0]);
      assertLines(lines, [
        ["attempt", 1, 3, url],
        ["retry", 1, 1000, "Throttling"],
      ]);
      const error = assertRejected(call, "aborted in the wait");
      assert.deepEqual(error, {
        name: "AbortError",
        message: ABORT_MESSAGE,
        constructorName: "AbortError",
        fault: "client",
        metadata: noAnswerMetadata(1, 0),
        retryable: UNDEFINED,
        field: UNDEFINED,
        cause: {
          name: "Error",
          message: "the user closed the console",
          constructorName: "Error",
          isSignalReason: true,
        },
        instanceOf: instanceOfOnly("GameLiftStreamsClientError", "AbortError"),
      });
      assert.ok(
        abortToRejectionMs < PROMPT_MS,
        `rejected ${abortToRejectionMs.toFixed(1)} ms after the abort`,
      );
      assert.ok(
        waitToRejectionMs < 500,
        `rejected ${waitToRejectionMs.toFixed(1)} ms into a 1000 ms wait`,
      );
    },
  },
  {
    name: "abortSharedSignal",
    where: EVERYWHERE,
    timed: true,
    title: "one signal shared by two concurrent calls aborts both (C10)",
    async setup(url) {
      const sessions = await newSessions(url, 2);
      await admin.setFaults(url, [{ kind: "delay", ms: 30_000, times: -1 }]);
      return baseContext(url, { sessions, heldPathPart: "/streamsessions/" });
    },
    check(run, env, note) {
      const { calls, abortToRejectionMs } = run.result;
      const times = abortToRejectionMs.map((ms) => ms.toFixed(1));
      note(`both rejected ${times.join(" and ")} ms after the abort`);
      assert.equal(calls.length, 2);
      for (const [index, call] of calls.entries()) {
        const error = assertRejected(call, `shared call ${index}`);
        assert.deepEqual(error, {
          name: "AbortError",
          message: ABORT_MESSAGE,
          constructorName: "AbortError",
          fault: "client",
          metadata: noAnswerMetadata(1, 0),
          retryable: UNDEFINED,
          field: UNDEFINED,
          cause: {
            name: "Error",
            message: "one signal for both calls",
            constructorName: "Error",
            isSignalReason: true,
          },
          instanceOf: instanceOfOnly("GameLiftStreamsClientError", "AbortError"),
        });
        assert.ok(
          abortToRejectionMs[index] < PROMPT_MS,
          `call ${index} rejected ${abortToRejectionMs[index].toFixed(1)} ms after the abort`,
        );
      }
      // Both requests were held by the emulator when the signal fired, and neither was sent
      // again.
      for (const session of run.ctx.sessions) {
        const entries = deletes(run, session);
        assert.equal(entries.length, 1, session);
        assert.equal(entries[0].fault, "delay");
        assert.equal(entries[0].path, terminatePathOf(run.ctx, session));
      }
    },
  },
  {
    name: "abortAlreadyAborted",
    where: EVERYWHERE,
    title: "an already-aborted signal rejects with AbortError and sends nothing",
    setup: oneSessionSetup([]),
    check(run) {
      const error = assertRejected(run.result.call, "already aborted");
      assert.deepEqual(error, {
        name: "AbortError",
        message: ABORT_MESSAGE,
        constructorName: "AbortError",
        fault: "client",
        metadata: noAnswerMetadata(0, 0),
        retryable: UNDEFINED,
        field: UNDEFINED,
        cause: {
          name: "Error",
          message: "aborted before the call",
          constructorName: "Error",
          isSignalReason: true,
        },
        instanceOf: instanceOfOnly("GameLiftStreamsClientError", "AbortError"),
      });
      assert.deepEqual(run.requests, [], "nothing reached the emulator, not even a preflight");
    },
  },
  {
    name: "timeoutEveryAttempt",
    where: EVERYWHERE,
    title: "requestTimeoutMs 1000 against a 10 s delay: TimeoutError after 3 attempts",
    setup: oneSessionSetup([{ kind: "delay", ms: 10_000, times: -1 }], {
      timeoutMs: ATTEMPT_LIMIT_MS,
    }),
    check(run) {
      const { call } = run.result;
      const entries = deletes(run);
      assert.equal(entries.length, 3, "each attempt reached the emulator");
      for (const entry of entries) assert.equal(entry.fault, "delay");
      const error = assertRejected(call, "timed out");
      const { totalRetryDelay } = error.metadata;
      assert.ok(totalRetryDelay <= 3 * TRANSIENT_BASE_MS, `waited ${totalRetryDelay} ms`);
      assert.deepEqual(error, {
        name: "TimeoutError",
        message: `the attempt took longer than ${ATTEMPT_LIMIT_MS} ms`,
        constructorName: "TimeoutError",
        fault: "client",
        metadata: noAnswerMetadata(3, totalRetryDelay),
        retryable: UNDEFINED,
        field: UNDEFINED,
        cause: {
          name: "TimeoutError",
          message: error.cause.message,
          constructorName: "DOMException",
          isSignalReason: false,
        },
        instanceOf: instanceOfOnly("GameLiftStreamsClientError", "TimeoutError"),
      });
      const floor = 3 * ATTEMPT_LIMIT_MS + totalRetryDelay;
      assert.ok(call.elapsedMs >= floor - 5, `took ${call.elapsedMs} ms, at least ${floor}`);
      assert.ok(call.elapsedMs < floor + 2000, `took ${call.elapsedMs} ms`);
    },
  },
  {
    name: "timeoutOnce",
    where: EVERYWHERE,
    title: "a 4 s delay once with the call's requestTimeoutMs 1000, then normal: " +
      "success, attempts 2",
    setup: oneSessionSetup([{ kind: "delay", ms: 4000 }], { timeoutMs: ATTEMPT_LIMIT_MS }),
    check(run) {
      const { call } = run.result;
      const entries = deletes(run);
      const brief = entries.map((e) => [e.time, e.fault, e.status, e.pending, e.clientGone]);
      assert.equal(entries.length, 2, JSON.stringify({ brief, call }));
      assert.equal(entries[0].fault, "delay");
      assert.equal(entries[1].fault, undefined);
      const total = assertResolved(call, entries[1], 2, "after one timed-out attempt");
      assert.ok(total <= TRANSIENT_BASE_MS, `waited ${total} ms`);
      assert.ok(call.elapsedMs >= ATTEMPT_LIMIT_MS + total - 5, `took ${call.elapsedMs} ms`);
      assert.ok(call.elapsedMs < 4000, `took ${call.elapsedMs} ms: the 4 s answer was awaited`);
    },
  },
  skewCase(
    "skewDateReadable",
    "server clock 10 minutes ahead, Date readable: success, attempts 2, " +
      "re-signed 10 min later (C8)",
    [],
    { hidden: false },
  ),
  skewCase(
    "skewDateHidden",
    "server clock 10 minutes ahead, Date not exposed to CORS (hideDate): success, attempts 2 (C8)",
    [{ kind: "hideDate", times: -1 }],
    { hidden: true },
  ),
  skewCase(
    "skewDateAged",
    "server clock 10 minutes ahead, Date hidden and an Age header (Date unusable everywhere): " +
      "the time comes from the message; success, attempts 2 (C8)",
    [{ kind: "hideDate", times: -1, headers: { age: "30" } }],
    { hidden: true },
  ),
  skewCase(
    "skewDateGarbled",
    "server clock 10 minutes ahead, Date hidden and unparsable: the time comes from the message; " +
      "success, attempts 2 (C8)",
    [{ kind: "hideDate", times: -1, headers: { date: "not a date" } }],
    { hidden: true, garbled: true },
  ),
  {
    name: "skewMessageOnly",
    where: EVERYWHERE,
    title: "maxAttempts 1 against a clock 10 minutes ahead: the C8 message, and the next call " +
      "is signed with the time read from it",
    async setup(url) {
      const sessions = await newSessions(url, 2);
      await admin.setClockOffset(url, TEN_MINUTES);
      await admin.setFaults(url, [{ kind: "hideDate", times: -1, headers: { age: "30" } }]);
      return baseContext(url, { sessions });
    },
    check(run, env) {
      const { first, second, lines, linesOfFirst, probe } = run.result;
      const entries = deletes(run);
      assert.equal(entries.length, 2);
      const error = assertRejected(first, "maxAttempts 1");
      assert.equal(error.name, "InvalidSignatureException");
      assert.equal(error.constructorName, "GameLiftStreamsServiceException");
      assert.equal(error.fault, "client");
      assert.deepEqual(error.metadata, answerMetadata(403, entries[0], 1, 0));
      assert.deepEqual(error.instanceOf, instanceOfOnly("GameLiftStreamsServiceException"));
      // Case C8: `Signature expired: R is now earlier than S-5m (S - 5 min.)`.
      const m = CORAL_SHAPE.exec(error.message);
      assert.ok(m, `message shape: ${error.message}`);
      const [, requestTime, bound, serverTime] = m;
      assert.equal(requestTime, entries[0].signing.amzDate);
      assert.equal(bound, formatAmzDate(parseAmzDate(serverTime) - FIVE_MINUTES));
      const ahead = parseAmzDate(serverTime) - parseAmzDate(requestTime);
      assert.ok(Math.abs(ahead - TEN_MINUTES) <= SKEW_TOLERANCE_MS, `server ahead by ${ahead}`);

      assertSkewedThenAccepted(entries[0], entries[1]);
      assertResolved(second, entries[1], 1, "the next call, on the corrected clock");
      assert.equal(second.output.$metadata.totalRetryDelay, 0);
      assert.equal(linesOfFirst, 2);
      assertLines(lines, [
        ["attempt", 1, 1, urlOf(run.ctx, run.ctx.sessions[0])],
        ["skew", between(TEN_MINUTES - SKEW_TOLERANCE_MS, TEN_MINUTES + SKEW_TOLERANCE_MS)],
        ["attempt", 1, 1, urlOf(run.ctx, run.ctx.sessions[1])],
      ]);
      assertProbe(probe, env, { hidden: true });
    },
  },
  {
    name: "skewUnparsable",
    where: NODE_ONLY,
    title: "a signature error with no readable time anywhere leaves the clock alone (no NaN)",
    setup: oneSessionSetup([
      {
        kind: "status",
        errorType: "InvalidSignatureException",
        message: "Signature expired: 2025-01-02 is now earlier than sometime (later - 5 min.)",
        headers: { date: "not a date" },
      },
    ], {}, 2),
    check(run) {
      const { first, second, lines } = run.result;
      const entries = deletes(run);
      assert.equal(entries.length, 2);
      const error = assertRejected(first, "unparsable time");
      assert.equal(error.name, "InvalidSignatureException");
      assert.deepEqual(error.metadata, answerMetadata(403, entries[0], 1, 0));
      assertResolved(second, entries[1], 1, "the next call");
      for (const entry of entries) {
        const drift = parseAmzDate(entry.signing.amzDate) - Date.parse(entry.time);
        assert.ok(Math.abs(drift) <= SKEW_TOLERANCE_MS, `signed ${entry.signing.amzDate}`);
      }
      assertLines(lines, [
        ["attempt", 1, 3, urlOf(run.ctx, run.ctx.sessions[0])],
        ["attempt", 1, 3, urlOf(run.ctx, run.ctx.sessions[1])],
      ]);
    },
  },
  {
    name: "html503Once",
    where: NODE_ONLY,
    title: "HTML 503 once, then 204: success, attempts 2 (C7)",
    setup: oneSessionSetup([{ kind: "html503" }]),
    check(run) {
      const entries = deletes(run);
      assert.equal(entries.length, 2);
      assert.equal(entries[0].status, 503);
      assert.equal(entries[0].fault, "html503");
      const total = assertResolved(run.result.call, entries[1], 2, "after an HTML 503");
      const url = urlOf(run.ctx, run.ctx.sessions[0]);
      const delays = assertLines(run.result.lines, [
        ["attempt", 1, 3, url],
        ["retry", 1, between(0, TRANSIENT_BASE_MS), "Transient"],
        ["attempt", 2, 3, url],
      ]);
      assert.equal(total, sum(delays));
    },
  },
  {
    name: "html503Always",
    where: NODE_ONLY,
    title: "HTML 503 every time: UnknownError, status 503, $fault server, attempts 3, " +
      "no SyntaxError (C7)",
    setup: oneSessionSetup([{ kind: "html503", times: -1 }]),
    check(run) {
      const entries = deletes(run);
      assert.equal(entries.length, 3);
      for (const entry of entries) assert.equal(entry.status, 503);
      const url = urlOf(run.ctx, run.ctx.sessions[0]);
      const delays = assertLines(run.result.lines, [
        ["attempt", 1, 3, url],
        ["retry", 1, between(0, TRANSIENT_BASE_MS), "Transient"],
        ["attempt", 2, 3, url],
        ["retry", 2, between(0, 2 * TRANSIENT_BASE_MS), "Transient"],
        ["attempt", 3, 3, url],
      ]);
      const error = assertRejected(run.result.call, "503 every time");
      assert.deepEqual(error, {
        name: "UnknownError",
        message: "The service answered HTTP 503 without an error code",
        constructorName: "GameLiftStreamsServiceException",
        fault: "server",
        metadata: answerMetadata(503, entries[2], 3, sum(delays)),
        retryable: UNDEFINED,
        field: UNDEFINED,
        cause: UNDEFINED,
        instanceOf: instanceOfOnly("GameLiftStreamsServiceException"),
      });
    },
  },
  {
    name: "transient5xxOnce",
    where: NODE_ONLY,
    title: "an empty 502, a 500 InternalServerException and an empty 504, each once: " +
      "success, attempts 2",
    async setup(url) {
      const sessions = await newSessions(url, 3);
      await admin.setFaults(url, [
        { kind: "empty5xx", status: 502, match: { pathIncludes: sessions[0] } },
        {
          kind: "status",
          errorType: "InternalServerException",
          match: { pathIncludes: sessions[1] },
        },
        { kind: "empty5xx", status: 504, match: { pathIncludes: sessions[2] } },
      ]);
      return baseContext(url, { sessions });
    },
    check(run) {
      const expected = [502, 500, 504];
      for (const [index, session] of run.ctx.sessions.entries()) {
        const entries = deletes(run, session);
        assert.deepEqual(entries.map((e) => e.status), [expected[index], 204], session);
        const total = assertResolved(run.result.calls[index], entries[1], 2, `${expected[index]}`);
        assert.ok(total <= TRANSIENT_BASE_MS, `waited ${total} ms`);
      }
    },
  },
  {
    name: "throttledThreeTimes",
    where: NODE_ONLY,
    title: "429 ThrottlingException three times: attempts 3, " +
      "totalRetryDelay within full jitter on 1 s",
    setup: oneSessionSetup([throttleEveryTime()]),
    check(run) {
      const { call, lines } = run.result;
      const entries = deletes(run);
      assert.equal(entries.length, 3);
      for (const entry of entries) assert.equal(entry.status, 429);
      const url = urlOf(run.ctx, run.ctx.sessions[0]);
      const delays = assertLines(lines, [
        ["attempt", 1, 3, url],
        ["retry", 1, between(0, THROTTLING_BASE_MS), "Throttling"],
        ["attempt", 2, 3, url],
        ["retry", 2, between(0, 2 * THROTTLING_BASE_MS), "Throttling"],
        ["attempt", 3, 3, url],
      ]);
      const error = assertRejected(call, "throttled three times");
      assert.deepEqual(error, {
        name: "ThrottlingException",
        message: "Rate exceeded",
        constructorName: "ThrottlingException",
        fault: "client",
        metadata: answerMetadata(429, entries[2], 3, sum(delays)),
        retryable: { throttling: true },
        field: UNDEFINED,
        cause: UNDEFINED,
        instanceOf: instanceOfOnly("GameLiftStreamsServiceException", "ThrottlingException"),
      });
      assert.ok(sum(delays) <= 3 * THROTTLING_BASE_MS);
      assert.ok(call.elapsedMs >= sum(delays) - 2, `slept ${call.elapsedMs} ms`);
    },
  },
  hintCase(
    "retryAfterSeconds",
    "429 with retry-after: 2 (maxAttempts 2): the wait is stretched to exactly 2000 ms",
    { "retry-after": "2" },
    (delay) => assert.equal(delay, 2000),
  ),
  hintCase(
    "xAmzRetryAfterMs",
    "429 with x-amz-retry-after: 1500 (maxAttempts 2): the wait is stretched to exactly 1500 ms",
    { "x-amz-retry-after": "1500" },
    (delay) => assert.equal(delay, 1500),
  ),
  hintCase(
    "retryAfterCapped",
    "429 with retry-after: 60 (maxAttempts 2): the wait is stretched by 5 s at most",
    { "retry-after": "60" },
    (delay) => assert.ok(delay >= 5000 && delay <= 5000 + THROTTLING_BASE_MS, `${delay} ms`),
  ),
  {
    name: "neverRetried",
    where: NODE_ONLY,
    title: "404, 400, 501, 505 and ExpiredTokenException (canned and real) are never retried",
    async setup(url) {
      const [s501, s505, sCanned, sExpired] = await newSessions(url, 4);
      const [activating] = await newSessions(url, 1, "ACTIVATING");
      await admin.setFaults(url, [
        { kind: "status", status: 501, times: -1, match: { pathIncludes: s501 } },
        { kind: "status", status: 505, times: -1, match: { pathIncludes: s505 } },
        {
          kind: "status",
          errorType: "ExpiredTokenException",
          times: -1,
          match: { pathIncludes: sCanned },
        },
      ]);
      const expiredKey = await addKey(url, "expired", Date.now() - 60_000);
      return baseContext(url, {
        cases: {
          notFound404: "NotThere0000000000",
          validation400: activating,
          notImplemented501: s501,
          versionNotSupported505: s505,
          expiredTokenCanned: sCanned,
        },
        expiredKey,
        expiredKeySession: sExpired,
      });
    },
    check(run) {
      const { calls } = run.result;
      const sessions = { ...run.ctx.cases, expiredTokenReal: run.ctx.expiredKeySession };
      const expected = {
        notFound404: ["ResourceNotFoundException", 404, "client"],
        validation400: ["ValidationException", 400, "client"],
        notImplemented501: ["UnknownError", 501, "server"],
        versionNotSupported505: ["UnknownError", 505, "server"],
        expiredTokenCanned: ["ExpiredTokenException", 403, "client", EXPIRED_TOKEN_MESSAGE],
        expiredTokenReal: ["ExpiredTokenException", 403, "client", EXPIRED_TOKEN_MESSAGE],
      };
      assert.deepEqual(Object.keys(calls).sort(), Object.keys(expected).sort());
      for (const [label, [name, status, fault, message]] of Object.entries(expected)) {
        const entries = deletes(run, sessions[label]);
        assert.equal(entries.length, 1, `${label}: one request`);
        assert.equal(entries[0].status, status, label);
        const error = assertRejected(calls[label], label);
        assert.equal(error.name, name, label);
        assert.equal(error.fault, fault, label);
        assert.deepEqual(error.metadata, answerMetadata(status, entries[0], 1, 0), label);
        if (message) assert.equal(error.message, message, label);
      }
      const real = deletes(run, run.ctx.expiredKeySession)[0];
      assert.equal(real.auth, "ExpiredTokenException", "the emulator judged the token expired");
      assert.equal(real.fault, undefined);
    },
  },
  {
    name: "retryQuota",
    where: NODE_ONLY,
    title: "retry quota: 500 tokens, 14 a retry, 5 after throttling, 1 back per clean success",
    async setup(url) {
      const [okSession] = await newSessions(url, 1);
      const failSession = "QuotaFailing0000";
      const throttleSession = "QuotaThrottled00";
      await admin.setFaults(url, [
        { kind: "html503", times: -1, match: { pathIncludes: failSession } },
        { ...throttleEveryTime(), match: { pathIncludes: throttleSession } },
      ]);
      return baseContext(url, { okSession, failSession, throttleSession });
    },
    check(run) {
      const { steps, successes } = run.result;
      const expected = [];
      for (let i = 1; i <= 35; i++) expected.push([`failing ${i}`, 2, "UnknownError"]);
      expected.push(
        ["failing 36, 10 tokens left", 1, "UnknownError"],
        ["failing after 3 successes, 13 tokens", 1, "UnknownError"],
        ["failing after 1 more success, 14 tokens", 2, "UnknownError"],
        ["failing with 0 tokens", 1, "UnknownError"],
        ["failing with 5 tokens: a retry costs 14", 1, "UnknownError"],
        ["throttled with 5 tokens: a throttling retry costs 5", 2, "ThrottlingException"],
        ["failing with 0 tokens again", 1, "UnknownError"],
      );
      assert.deepEqual(
        steps.map((s) => [s.label, s.attempts, s.name]),
        expected,
      );
      for (const step of steps) assert.equal(step.settled, "rejected", step.label);
      assert.deepEqual(successes, [1, 1, 1, 1, 1, 1, 1, 1, 1]);
      const failing = deletes(run, run.ctx.failSession);
      const failingAttempts = expected.filter(([, , name]) => name === "UnknownError");
      assert.equal(failing.length, sum(failingAttempts.map(([, attempts]) => attempts)));
      assert.equal(deletes(run, run.ctx.throttleSession).length, 2);
      assert.equal(deletes(run, run.ctx.okSession).length, 9);
    },
  },
  {
    name: "credentialsOneHour",
    where: NODE_ONLY,
    title: "a provider whose credentials expire in 1 hour is called once for 10 requests (C11)",
    async setup(url) {
      const key = await addKey(url, "hour", Date.now() + 60 * 60 * 1000);
      return baseContext(url, { key, sessions: await newSessions(url, 10) });
    },
    check(run) {
      assert.equal(run.result.providerCalls, 1);
      assertSignedBy(run, run.ctx.sessions, run.result.calls, () => run.ctx.key);
    },
  },
  {
    name: "credentialsFourMinutes",
    where: NODE_ONLY,
    title: "credentials expiring in 4 minutes are refreshed on each call (C11)",
    async setup(url) {
      const keys = [];
      for (const name of ["fourmina", "fourminb", "fourminc"]) {
        keys.push(await addKey(url, name, Date.now() + 4 * 60 * 1000));
      }
      return baseContext(url, { keys, sessions: await newSessions(url, 3) });
    },
    check(run) {
      assert.equal(run.result.providerCalls, 3);
      assertSignedBy(run, run.ctx.sessions, run.result.calls, (index) => run.ctx.keys[index]);
    },
  },
  {
    name: "credentialsExpiredFirst",
    where: NODE_ONLY,
    title: "expired credentials from the provider are refreshed before signing; " +
      "the old token is never sent (C11)",
    async setup(url) {
      const oldKey = await addKey(url, "oldexpired", Date.now() - 60 * 1000);
      const newKey = await addKey(url, "newvalid", Date.now() + 60 * 60 * 1000);
      return baseContext(url, { oldKey, newKey, sessions: await newSessions(url, 1) });
    },
    check(run) {
      assert.equal(run.result.providerCalls, 2, "asked again before signing");
      assertSignedBy(run, run.ctx.sessions, [run.result.call], () => run.ctx.newKey);
      for (const entry of run.requests) {
        assert.notEqual(entry.signing?.accessKeyId, run.ctx.oldKey.accessKeyId);
        assert.notEqual(entry.headers["x-amz-security-token"], run.ctx.oldKey.sessionToken);
        assert.ok(!JSON.stringify(entry).includes(run.ctx.oldKey.sessionToken));
      }
    },
  },
  {
    name: "credentialsConcurrent",
    where: NODE_ONLY,
    title: "10 concurrent calls share one provider refresh (C11)",
    async setup(url) {
      const key = await addKey(url, "concurrent", Date.now() + 60 * 60 * 1000);
      return baseContext(url, { key, sessions: await newSessions(url, 10) });
    },
    check(run) {
      assert.equal(run.result.callsBeforeAnswer, 1);
      assert.equal(run.result.providerCalls, 1);
      assertSignedBy(run, run.ctx.sessions, run.result.calls, () => run.ctx.key);
    },
  },
  {
    name: "credentialsAbortedWaiter",
    where: NODE_ONLY,
    title: "a caller aborted while waiting for a refresh leaves that refresh shared by the others",
    async setup(url) {
      const key = await addKey(url, "abortedwait", Date.now() + 60 * 60 * 1000);
      return baseContext(url, { key, sessions: await newSessions(url, 3) });
    },
    check(run) {
      const { aborted, waiting, late, callsBeforeAnswer, providerCalls } = run.result;
      const error = assertRejected(aborted, "the aborted caller");
      assert.equal(error.name, "AbortError");
      assert.equal(error.cause.isSignalReason, true);
      assert.equal(error.metadata.attempts, 0);
      assert.deepEqual(deletes(run, run.ctx.sessions[0]), [], "the aborted call sent nothing");
      const [, second, third] = run.ctx.sessions;
      assertSignedBy(run, [second, third], [waiting, late], () => run.ctx.key);
      assert.equal(callsBeforeAnswer, 1, "the late caller started a second refresh");
      assert.equal(providerCalls, 1);
    },
  },
  {
    name: "credentialsBadProviders",
    where: NODE_ONLY,
    title: "a provider that throws or returns a malformed object: CredentialsError, " +
      "no secret in its message",
    async setup(url) {
      const key = await addKey(url, "badprovider", Date.now() + 60 * 60 * 1000);
      return baseContext(url, { key, sessions: await newSessions(url, 1) });
    },
    check(run) {
      const { calls } = run.result;
      const { secretAccessKey, sessionToken } = run.ctx.key;
      const expected = {
        throwsSynchronously: ["credentials", `could not read ${secretAccessKey}`],
        rejects: ["credentials", `refused: ${secretAccessKey} ${sessionToken}`],
        returnsNull: ["credentials"],
        secretNotAString: ["secretAccessKey"],
        secretWithSpace: ["secretAccessKey"],
        tokenWithNewline: ["sessionToken"],
        keyIdHoldsSecret: ["accessKeyId"],
        missingSecret: ["secretAccessKey"],
        expiredTwice: ["expiration"],
      };
      assert.deepEqual(Object.keys(calls), Object.keys(expected));
      for (const [label, [field, causeMessage]] of Object.entries(expected)) {
        const error = assertRejected(calls[label], label);
        assert.equal(error.name, "CredentialsError", label);
        assert.equal(error.constructorName, "CredentialsError", label);
        assert.equal(error.field, field, label);
        assert.equal(error.fault, "client", label);
        assert.deepEqual(error.metadata, noAnswerMetadata(0, 0), label);
        assert.deepEqual(
          error.instanceOf,
          instanceOfOnly("GameLiftStreamsClientError", "CredentialsError"),
          label,
        );
        assert.equal(typeof error.message, "string", label);
        assert.notEqual(error.message, "", label);
        for (const secret of [secretAccessKey, sessionToken, "reliability/", "Secret+"]) {
          assert.ok(!error.message.includes(secret), `${label}: ${error.message}`);
        }
        if (causeMessage) {
          assert.equal(error.cause.message, causeMessage, `${label}: the provider's own error`);
        } else {
          assert.equal(error.cause, UNDEFINED, label);
        }
      }
      assert.deepEqual(run.requests, [], "nothing was sent");
    },
  },
  {
    name: "loggerLines",
    where: NODE_ONLY,
    title: "logger: one line per attempt, retry and skew correction, " +
      "no secret, signature or Authorization",
    setup: loggerSetup,
    check(run) {
      const { call, lines } = run.result;
      const entries = deletes(run);
      assert.equal(entries.length, 3);
      assert.deepEqual(entries.map((e) => e.status), [403, 503, 204]);
      const total = assertResolved(call, entries[2], 3, "skew, then HTML 503, then 204");
      const url = urlOf(run.ctx, run.ctx.sessions[0]);
      const delays = assertLines(lines, [
        ["attempt", 1, 3, url],
        ["skew", between(TEN_MINUTES - SKEW_TOLERANCE_MS, TEN_MINUTES + SKEW_TOLERANCE_MS)],
        ["retry", 1, 0, "ClockSkewCorrected"],
        ["attempt", 2, 3, url],
        ["retry", 2, between(0, 2 * TRANSIENT_BASE_MS), "Transient"],
        ["attempt", 3, 3, url],
      ]);
      assert.equal(total, sum(delays));
      const forbidden = [
        TOKEN_CREDENTIALS.secretAccessKey,
        TOKEN_CREDENTIALS.sessionToken,
        ...entries.map((e) => e.signing.signature),
        "AWS4-HMAC-SHA256",
        "Signature=",
        "Credential=",
        "SignedHeaders",
      ];
      for (const { text } of lines) {
        assert.ok(!/authorization/i.test(text), text);
        for (const value of forbidden) assert.ok(!text.includes(value), `${value} in ${text}`);
      }
    },
  },
  {
    name: "silentByDefault",
    where: NODE_ONLY,
    timed: true,
    title: "without a logger nothing is written to the console, " +
      "even with a skew, a retry and a token",
    setup: loggerSetup,
    check(run) {
      const { call, written } = run.result;
      assert.deepEqual(written, []);
      const entries = deletes(run);
      assert.deepEqual(entries.map((e) => e.status), [403, 503, 204]);
      assertResolved(call, entries[2], 3, "skew, then HTML 503, then 204");
    },
  },
];

/**
 * A clock 10 minutes ahead, the token key, and an HTML 503 on the second request: the first
 * request is left to the signature check (a zero delay takes it), the second is answered 503.
 */
async function loggerSetup(url) {
  const sessions = await newSessions(url, 1);
  await admin.setClockOffset(url, TEN_MINUTES);
  await admin.setFaults(url, [{ kind: "delay", ms: 0 }, { kind: "html503" }]);
  return baseContext(url, { sessions, credentials: { ...TOKEN_CREDENTIALS } });
}

/** Each call resolved on its first attempt, signed with the key `keyFor(index)` gives. */
function assertSignedBy(run, sessions, calls, keyFor) {
  assert.equal(calls.length, sessions.length);
  for (const [index, session] of sessions.entries()) {
    const entries = deletes(run, session);
    assert.equal(entries.length, 1, session);
    const [entry] = entries;
    const key = keyFor(index);
    assertResolved(calls[index], entry, 1, `call ${index}`);
    assert.equal(entry.signing.accessKeyId, key.accessKeyId, `call ${index}`);
    assert.equal(entry.headers["x-amz-security-token"], key.sessionToken, `call ${index}`);
    assert.equal(entry.auth, "valid", `call ${index}`);
  }
}

// ---------------------------------------------------------------- running and registering

/** The cases a runtime runs: all of them in Node, the cross-runtime ones elsewhere. */
export function casesFor(runtime) {
  return RELIABILITY_CASES.filter((c) => runtime === "node" || c.where === EVERYWHERE);
}

/**
 * Runs every case of `runtime` through `runIn(name, ctx)`, which runs it in the runtime and
 * resolves what runReliabilityCase returned. Each case has its own emulator. Timed cases run
 * first, one at a time, so that their timings do not include other cases' work; the rest then
 * run side by side. `startEmulator` resolves `{url, close}`: by default an emulator in this
 * process (tests/support/fixtures.mjs). Resolves `{runs, durations, wallMs, close}`: `runs`
 * by case name, each `{ctx, runtime, result, caseError, requests}`; `durations` the
 * milliseconds each case took, setup and log read included; close() closes the emulators.
 */
export async function collectReliabilityRuns(
  runtime,
  runIn,
  { startEmulator = startTestEmulator } = {},
) {
  const started = performance.now();
  const emulators = [];
  const runs = new Map();
  const durations = {};
  const runOne = async (spec) => {
    const caseStarted = performance.now();
    const emulator = await startEmulator();
    emulators.push(emulator);
    await admin.clearFaults(emulator.url);
    const ctx = await spec.setup(emulator.url);
    const outcome = await runIn(spec.name, ctx);
    const requests = await admin.listRequests(emulator.url);
    runs.set(spec.name, { ctx, ...outcome, requests });
    durations[spec.name] = Math.round(performance.now() - caseStarted);
  };
  const cases = casesFor(runtime);
  try {
    for (const spec of cases.filter((c) => c.timed)) await runOne(spec);
    await Promise.all(cases.filter((c) => !c.timed).map(runOne));
  } catch (error) {
    await Promise.allSettled(emulators.map((e) => e.close()));
    throw error;
  }
  return {
    runs,
    durations,
    wallMs: Math.round(performance.now() - started),
    close: async () => {
      await Promise.allSettled(emulators.map((e) => e.close()));
    },
  };
}

/**
 * Registers one test per case of `env.runtime` under `label`.
 * @param {string} label names the runtime in every test name
 * @param {() => object} getCollected what collectReliabilityRuns resolved
 * @param {object} env what differs between runtimes
 * @param {"node" | "chromium" | "workerd"} env.runtime which cases apply
 * @param {object} env.globalScope the describeRuntime() facts every run must show
 * @param {number} env.abortLimitMs the median time an AbortSignal.timeout(1) call may take
 * @param {{name: string, message: string, constructorName: string}} env.networkCause the
 *   runtime's own error for a connection dropped without an answer
 * @param {boolean} env.corsHidesDate whether a hidden Date is unreadable (a cross-origin page)
 */
export function defineReliabilityTests(label, getCollected, env) {
  const getRuns = () => getCollected().runs;
  test(`${label}: every reliability case ran in the expected global scope`, () => {
    for (const spec of casesFor(env.runtime)) {
      const run = getRuns().get(spec.name);
      assert.ok(run, `${spec.name} ran`);
      assert.equal(run.caseError, undefined, `${spec.name} failed to run: ${run.caseError}`);
      for (const [key, value] of Object.entries(env.globalScope)) {
        assert.equal(run.runtime[key], value, `${spec.name}: runtime.${key}`);
      }
    }
  });
  for (const spec of casesFor(env.runtime)) {
    test(`${label}: ${spec.title}`, (t) => {
      const run = getRuns().get(spec.name);
      assert.ok(run, `${spec.name} ran`);
      assert.equal(run.caseError, undefined, `${spec.name} failed to run: ${run.caseError}`);
      spec.check(run, env, (text) => t.diagnostic(`${label}: ${text}`));
    });
  }
  test(`${label}: the reliability cases ran within the time budget`, (t) => {
    const { wallMs, durations } = getCollected();
    const slowest = Object.entries(durations)
      .sort(([, a], [, b]) => b - a)
      .slice(0, 3)
      .map(([name, ms]) => `${name} ${ms} ms`);
    t.diagnostic(`${label}: ${wallMs} ms for every case; slowest: ${slowest.join(", ")}`);
    // The slowest case waits a capped 5 to 6 s hint; everything else runs alongside it.
    assert.ok(wallMs < 20_000, `${wallMs} ms`);
  });
}
