// The reliability cases of issue 3 (retries, clock skew, timeouts, abort, credential
// providers), the part that runs inside a runtime: Node, a Chromium page, a Chromium dedicated
// Worker or workerd. Each case gets a context prepared on the Node side (an emulator of its
// own with its fault plan, fresh sessions, keys: tests/support/reliability-cases.mjs), makes
// its calls with the package it is handed, and returns plain data (JSON, structured clone and
// page.evaluate keep it unchanged). The Node side then reads the emulator's request log and
// asserts exact values on both.
//
// It imports only modules that load in every runtime: the shared helpers of scenarios.mjs and
// the emulator's admin client, which is plain fetch.

import * as admin from "./emulator/admin.mjs";
import { describeRuntime, plain, UNDEFINED } from "./scenarios.mjs";

export { UNDEFINED };

/** The region of every client and emulator here. */
export const REGION = "us-west-2";

/** Every class whose `instanceof` answer a result records. */
export const RELIABILITY_CLASS_NAMES = Object.freeze([
  "GameLiftStreamsServiceException",
  "ThrottlingException",
  "InternalServerException",
  "ResourceNotFoundException",
  "ValidationException",
  "GameLiftStreamsClientError",
  "NetworkError",
  "TimeoutError",
  "AbortError",
  "CredentialsError",
]);

/** The logger levels the package may call. */
const LEVELS = ["debug", "info", "warn", "error"];

/** A logger that keeps every line, for the cases that count them. */
function recordingLogger(onLine) {
  const lines = [];
  const logger = {};
  for (const level of LEVELS) {
    logger[level] = (...args) => {
      const entry = { level, text: args.map(String).join(" "), args: args.length };
      lines.push(entry);
      onLine?.(entry);
    };
  }
  return { lines, logger };
}

/** What a harness needs to know about a value used as an error's `cause`. */
function describeCause(cause, signal) {
  if (cause === undefined) return UNDEFINED;
  const isObject = cause !== null && typeof cause === "object";
  return {
    name: isObject ? plain(cause.name) : UNDEFINED,
    message: isObject ? plain(cause.message) : String(cause),
    constructorName: isObject ? plain(cause.constructor?.name) : typeof cause,
    isSignalReason: signal ? cause === signal.reason : UNDEFINED,
  };
}

/** A rejection as plain data, with every `instanceof` answer. */
function describeFailure(error, pkg, signal) {
  if (error === null || typeof error !== "object") {
    return { notAnObject: true, text: String(error) };
  }
  const instanceOf = { Error: error instanceof Error, SyntaxError: error instanceof SyntaxError };
  for (const name of RELIABILITY_CLASS_NAMES) {
    instanceOf[name] = typeof pkg[name] === "function" && error instanceof pkg[name];
  }
  return {
    name: plain(error.name),
    message: plain(error.message),
    constructorName: plain(error.constructor?.name),
    fault: plain(error.$fault),
    metadata: plain(error.$metadata),
    retryable: plain(error.$retryable),
    field: plain(error.field),
    cause: describeCause(error.cause, signal),
    instanceOf,
  };
}

/**
 * Makes one call and records how it settled, when (performance.now(), ms) and how long it
 * took. `signal` is the call's abort signal, to tell whether a cause is its reason.
 */
async function callOnce(pkg, client, input, options, signal) {
  const startedAt = performance.now();
  try {
    const output = await client.terminateStreamSession(input, options);
    const endedAt = performance.now();
    return {
      settled: "resolved",
      output: plain(output),
      elapsedMs: endedAt - startedAt,
      endedAt,
    };
  } catch (error) {
    const endedAt = performance.now();
    return {
      settled: "rejected",
      error: describeFailure(error, pkg, signal),
      elapsedMs: endedAt - startedAt,
      endedAt,
    };
  }
}

function inputFor(ctx, session) {
  return { Identifier: ctx.group, StreamSessionIdentifier: session };
}

function clientFor(pkg, ctx, extra = {}) {
  return new pkg.GameLiftStreamsClient({
    region: REGION,
    endpoint: ctx.endpoint,
    credentials: ctx.credentials,
    ...extra,
  });
}

/**
 * Makes one signed call that the case's request log never shows, so that a case timed right
 * after runs on a loaded WebAssembly module whose signing code has run once (a runtime may
 * compile each function on its first call) and, in workerd, whose clock moves only on I/O, on
 * a fresh reading of the clock. The endpoint's path is a prefix: under /_emulator/ the call
 * reaches the emulator's admin interface, which logs nothing and answers 404.
 */
async function warmUp(pkg, ctx) {
  const client = new pkg.GameLiftStreamsClient({
    region: REGION,
    endpoint: `${ctx.endpoint}/_emulator`,
    credentials: ctx.credentials,
    maxAttempts: 1,
  });
  const call = await callOnce(pkg, client, inputFor(ctx, ctx.sessions[0]));
  client.destroy();
  if (call.settled !== "rejected" || call.error.metadata.httpStatusCode !== 404) {
    throw new Error(`the warm-up call should get the admin 404: ${JSON.stringify(call)}`);
  }
}

/**
 * Resolves once the emulator holds `count` API requests whose paths include `part`, still
 * pending (a delay fault). The emulator runs outside this runtime, so its log is read back to
 * back until it shows them; each read is an awaited request, not a timer.
 */
async function untilPending(ctx, part, count) {
  for (let reads = 1; ; reads++) {
    const log = await admin.listRequests(ctx.endpoint);
    const held = log.filter((e) => e.method === "DELETE" && e.pending && e.path.includes(part));
    if (held.length >= count) return reads;
    if (reads >= 2000) throw new Error(`the emulator never held ${count} requests for ${part}`);
  }
}

/** Reads the Date header of a raw, unsigned request, to show whether this runtime can. */
async function probeDateHeader(ctx) {
  const response = await fetch(`${ctx.endpoint}/probe-date-header`);
  await response.text();
  return {
    status: response.status,
    date: plain(response.headers.get("date") ?? undefined),
    localNow: Date.now(),
  };
}

/** An Error used as an abort reason, so a harness can tell it apart from anything else. */
function reason(text) {
  return new Error(text);
}

/** The credential provider of a case: counts its calls, answers what `answer(n)` gives. */
function countingProvider(answer) {
  const state = { calls: 0 };
  const provider = async () => {
    state.calls += 1;
    return answer(state.calls);
  };
  return { state, provider };
}

/**
 * A counting provider that holds its answer until `release()`; `entered` resolves when it is
 * first called.
 */
function gatedProvider(answer) {
  let release;
  let entered;
  const gate = new Promise((resolve) => {
    release = resolve;
  });
  const enteredPromise = new Promise((resolve) => {
    entered = resolve;
  });
  const counted = countingProvider(async (n) => {
    entered();
    await gate;
    return answer(n);
  });
  return { ...counted, release, entered: enteredPromise };
}

/**
 * Resolves after the tasks and microtasks queued so far have run: every call started before
 * has then gone as far as it can without I/O or a timer of its own.
 */
function nextTask() {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Credentials as a provider returns them, `expiresInMs` from now (none if undefined). */
function provided(key, expiresInMs) {
  return {
    accessKeyId: key.accessKeyId,
    secretAccessKey: key.secretAccessKey,
    ...(key.sessionToken !== undefined && { sessionToken: key.sessionToken }),
    ...(expiresInMs !== undefined && { expiration: new Date(Date.now() + expiresInMs) }),
  };
}

/** Every case, by name. Each takes (pkg, ctx) and resolves plain data. */
export const RUNS = {
  // ---- network failures (case C6) ----

  async networkDropOnce(pkg, ctx) {
    const log = recordingLogger();
    const client = clientFor(pkg, ctx, { logger: log.logger });
    const call = await callOnce(pkg, client, inputFor(ctx, ctx.sessions[0]));
    return { call, lines: log.lines };
  },

  async networkDropAlways(pkg, ctx) {
    const log = recordingLogger();
    const client = clientFor(pkg, ctx, { logger: log.logger });
    const call = await callOnce(pkg, client, inputFor(ctx, ctx.sessions[0]));
    return { call, lines: log.lines };
  },

  // ---- abort (case C10) ----

  async abortTimeout1(pkg, ctx) {
    await warmUp(pkg, ctx);
    const client = clientFor(pkg, ctx);
    // Several samples, one after another: the harness judges the median, which a busy test
    // machine moves far less than any single sample.
    const calls = [];
    for (let i = 0; i < ctx.samples; i++) {
      const signal = AbortSignal.timeout(1);
      const options = { abortSignal: signal };
      calls.push(await callOnce(pkg, client, inputFor(ctx, ctx.sessions[0]), options, signal));
    }
    return { calls };
  },

  async abortDuringThrottlingWait(pkg, ctx) {
    await warmUp(pkg, ctx);
    const controller = new AbortController();
    const marks = {};
    const log = recordingLogger((entry) => {
      if (!entry.text.includes("retrying")) return;
      marks.waitStartedAt = performance.now();
      // 100 ms into the wait, the caller gives up.
      setTimeout(() => {
        marks.abortedAt = performance.now();
        controller.abort(reason("the user closed the console"));
      }, ctx.abortAfterMs);
    });
    const client = clientFor(pkg, ctx, { logger: log.logger });
    const call = await callOnce(pkg, client, inputFor(ctx, ctx.sessions[0]), {
      abortSignal: controller.signal,
    }, controller.signal);
    return {
      call,
      lines: log.lines,
      abortToRejectionMs: call.endedAt - marks.abortedAt,
      waitToRejectionMs: call.endedAt - marks.waitStartedAt,
    };
  },

  async abortSharedSignal(pkg, ctx) {
    await warmUp(pkg, ctx);
    const controller = new AbortController();
    const client = clientFor(pkg, ctx);
    const calls = ctx.sessions.map((session) =>
      callOnce(pkg, client, inputFor(ctx, session), { abortSignal: controller.signal },
        controller.signal),
    );
    const logReads = await untilPending(ctx, ctx.heldPathPart, ctx.sessions.length);
    const abortedAt = performance.now();
    controller.abort(reason("one signal for both calls"));
    const settled = await Promise.all(calls);
    return {
      calls: settled,
      logReads,
      abortToRejectionMs: settled.map((call) => call.endedAt - abortedAt),
    };
  },

  async abortAlreadyAborted(pkg, ctx) {
    const controller = new AbortController();
    controller.abort(reason("aborted before the call"));
    const client = clientFor(pkg, ctx);
    const call = await callOnce(pkg, client, inputFor(ctx, ctx.sessions[0]), {
      abortSignal: controller.signal,
    }, controller.signal);
    return { call };
  },

  // ---- per-attempt timeouts ----

  async timeoutEveryAttempt(pkg, ctx) {
    const client = clientFor(pkg, ctx, { requestTimeoutMs: ctx.timeoutMs });
    // A caller's signal that never fires: the timeout is combined with it.
    const signal = new AbortController().signal;
    const call = await callOnce(pkg, client, inputFor(ctx, ctx.sessions[0]), {
      abortSignal: signal,
    }, signal);
    return { call };
  },

  async timeoutOnce(pkg, ctx) {
    // The client's limit is long; the call's own option overrides it.
    const client = clientFor(pkg, ctx, { requestTimeoutMs: 60_000 });
    const call = await callOnce(pkg, client, inputFor(ctx, ctx.sessions[0]), {
      requestTimeoutMs: ctx.timeoutMs,
    });
    return { call };
  },

  // ---- clock skew (case C8) ----

  async skewDateReadable(pkg, ctx) {
    return skewCall(pkg, ctx);
  },

  async skewDateHidden(pkg, ctx) {
    return skewCall(pkg, ctx);
  },

  async skewDateAged(pkg, ctx) {
    return skewCall(pkg, ctx);
  },

  async skewDateGarbled(pkg, ctx) {
    return skewCall(pkg, ctx);
  },

  async skewMessageOnly(pkg, ctx) {
    const log = recordingLogger();
    const client = clientFor(pkg, ctx, { logger: log.logger, maxAttempts: 1 });
    const first = await callOnce(pkg, client, inputFor(ctx, ctx.sessions[0]));
    const linesOfFirst = log.lines.length;
    const second = await callOnce(pkg, client, inputFor(ctx, ctx.sessions[1]));
    return { first, second, lines: log.lines, linesOfFirst, probe: await probeDateHeader(ctx) };
  },

  async skewUnparsable(pkg, ctx) {
    const log = recordingLogger();
    const client = clientFor(pkg, ctx, { logger: log.logger });
    const first = await callOnce(pkg, client, inputFor(ctx, ctx.sessions[0]));
    const second = await callOnce(pkg, client, inputFor(ctx, ctx.sessions[1]));
    return { first, second, lines: log.lines, localNow: Date.now() };
  },

  // ---- 5xx answers (case C7) ----

  async html503Once(pkg, ctx) {
    return oneCallWithLogger(pkg, ctx);
  },

  async html503Always(pkg, ctx) {
    return oneCallWithLogger(pkg, ctx);
  },

  async transient5xxOnce(pkg, ctx) {
    // One client per session: each meets its own fault (matched by path) once.
    const calls = [];
    for (const session of ctx.sessions) {
      calls.push(await callOnce(pkg, clientFor(pkg, ctx), inputFor(ctx, session)));
    }
    return { calls };
  },

  // ---- throttling ----

  async throttledThreeTimes(pkg, ctx) {
    return oneCallWithLogger(pkg, ctx);
  },

  async retryAfterSeconds(pkg, ctx) {
    return oneCallWithLogger(pkg, ctx, { maxAttempts: 2 });
  },

  async xAmzRetryAfterMs(pkg, ctx) {
    return oneCallWithLogger(pkg, ctx, { maxAttempts: 2 });
  },

  async retryAfterCapped(pkg, ctx) {
    return oneCallWithLogger(pkg, ctx, { maxAttempts: 2 });
  },

  // ---- never retried ----

  async neverRetried(pkg, ctx) {
    const calls = {};
    for (const [label, session] of Object.entries(ctx.cases)) {
      calls[label] = await callOnce(pkg, clientFor(pkg, ctx), inputFor(ctx, session));
    }
    const expired = clientFor(pkg, ctx, { credentials: ctx.expiredKey });
    calls.expiredTokenReal = await callOnce(pkg, expired, inputFor(ctx, ctx.expiredKeySession));
    return { calls };
  },

  // ---- retry quota ----

  async retryQuota(pkg, ctx) {
    const client = clientFor(pkg, ctx, { maxAttempts: 2 });
    const failing = () => callOnce(pkg, client, inputFor(ctx, ctx.failSession));
    const throttled = () => callOnce(pkg, client, inputFor(ctx, ctx.throttleSession));
    const succeed = async (times) => {
      const attempts = [];
      for (let i = 0; i < times; i++) {
        const call = await callOnce(pkg, client, inputFor(ctx, ctx.okSession));
        attempts.push(call.settled === "resolved" ? call.output.$metadata.attempts : call);
      }
      return attempts;
    };
    const steps = [];
    const record = (label, call) =>
      steps.push({
        label,
        settled: call.settled,
        attempts: call.settled === "rejected" ? call.error.metadata.attempts : UNDEFINED,
        name: call.settled === "rejected" ? call.error.name : UNDEFINED,
      });
    // 500 tokens, 14 a retry: 35 failing calls retry once each, leaving 10.
    for (let i = 1; i <= 35; i++) record(`failing ${i}`, await failing());
    record("failing 36, 10 tokens left", await failing());
    const successes = [];
    successes.push(...(await succeed(3)));
    record("failing after 3 successes, 13 tokens", await failing());
    successes.push(...(await succeed(1)));
    record("failing after 1 more success, 14 tokens", await failing());
    record("failing with 0 tokens", await failing());
    successes.push(...(await succeed(5)));
    record("failing with 5 tokens: a retry costs 14", await failing());
    record("throttled with 5 tokens: a throttling retry costs 5", await throttled());
    record("failing with 0 tokens again", await failing());
    return { steps, successes };
  },

  // ---- credential providers (case C11) ----

  async credentialsOneHour(pkg, ctx) {
    const { state, provider } = countingProvider(() => provided(ctx.key, 60 * 60 * 1000));
    const client = clientFor(pkg, ctx, { credentials: provider });
    const calls = [];
    for (const session of ctx.sessions) {
      calls.push(await callOnce(pkg, client, inputFor(ctx, session)));
    }
    return { calls, providerCalls: state.calls };
  },

  async credentialsFourMinutes(pkg, ctx) {
    // Each answer is another key, so the log shows which one signed each request.
    const { state, provider } = countingProvider((n) => provided(ctx.keys[n - 1], 4 * 60 * 1000));
    const client = clientFor(pkg, ctx, { credentials: provider });
    const calls = [];
    for (const session of ctx.sessions) {
      calls.push(await callOnce(pkg, client, inputFor(ctx, session)));
    }
    return { calls, providerCalls: state.calls };
  },

  async credentialsExpiredFirst(pkg, ctx) {
    const { state, provider } = countingProvider((n) =>
      n === 1 ? provided(ctx.oldKey, -60 * 1000) : provided(ctx.newKey, 60 * 60 * 1000),
    );
    const client = clientFor(pkg, ctx, { credentials: provider });
    const call = await callOnce(pkg, client, inputFor(ctx, ctx.sessions[0]));
    return { call, providerCalls: state.calls };
  },

  async credentialsConcurrent(pkg, ctx) {
    const gated = gatedProvider(() => provided(ctx.key, 60 * 60 * 1000));
    const client = clientFor(pkg, ctx, { credentials: gated.provider });
    const pending = ctx.sessions.map((session) => callOnce(pkg, client, inputFor(ctx, session)));
    // The provider has been called, and every call has had its turn to reach the refresh
    // before the provider answers.
    await gated.entered;
    await nextTask();
    const callsBeforeAnswer = gated.state.calls;
    gated.release();
    const calls = await Promise.all(pending);
    return { calls, providerCalls: gated.state.calls, callsBeforeAnswer };
  },

  async credentialsAbortedWaiter(pkg, ctx) {
    const gated = gatedProvider(() => provided(ctx.key, 60 * 60 * 1000));
    const client = clientFor(pkg, ctx, { credentials: gated.provider });
    const controller = new AbortController();
    const aborted = callOnce(pkg, client, inputFor(ctx, ctx.sessions[0]), {
      abortSignal: controller.signal,
    }, controller.signal);
    await gated.entered;
    // A second caller joins the refresh the first one started.
    const waiting = callOnce(pkg, client, inputFor(ctx, ctx.sessions[1]));
    await nextTask();
    controller.abort(reason("this caller gave up"));
    const abortedCall = await aborted;
    // The refresh is still running for the second caller: a third one must share it too.
    const late = callOnce(pkg, client, inputFor(ctx, ctx.sessions[2]));
    await nextTask();
    const callsBeforeAnswer = gated.state.calls;
    gated.release();
    return {
      aborted: abortedCall,
      waiting: await waiting,
      late: await late,
      callsBeforeAnswer,
      providerCalls: gated.state.calls,
    };
  },

  async credentialsBadProviders(pkg, ctx) {
    const secret = ctx.key.secretAccessKey;
    const token = ctx.key.sessionToken;
    const good = { accessKeyId: ctx.key.accessKeyId, secretAccessKey: secret, sessionToken: token };
    const providers = {
      throwsSynchronously: () => {
        throw new Error(`could not read ${secret}`);
      },
      rejects: async () => {
        throw new Error(`refused: ${secret} ${token}`);
      },
      returnsNull: async () => null,
      secretNotAString: async () => ({ accessKeyId: good.accessKeyId, secretAccessKey: 42 }),
      secretWithSpace: async () => ({ ...good, secretAccessKey: `${secret} ${secret}` }),
      tokenWithNewline: async () => ({ ...good, sessionToken: `${token}\n${secret}` }),
      keyIdHoldsSecret: async () => ({ ...good, accessKeyId: secret }),
      missingSecret: async () => ({ accessKeyId: good.accessKeyId, sessionToken: token }),
      expiredTwice: async () => ({ ...good, expiration: new Date(Date.now() - 1000) }),
    };
    const calls = {};
    for (const [label, provider] of Object.entries(providers)) {
      const client = clientFor(pkg, ctx, { credentials: provider });
      const call = await callOnce(pkg, client, inputFor(ctx, ctx.sessions[0]));
      calls[label] = call;
    }
    return { calls };
  },

  // ---- logger ----

  async loggerLines(pkg, ctx) {
    const log = recordingLogger();
    const client = clientFor(pkg, ctx, { logger: log.logger });
    const call = await callOnce(pkg, client, inputFor(ctx, ctx.sessions[0]));
    return { call, lines: log.lines };
  },

  async silentByDefault(pkg, ctx) {
    // Every console method is replaced while the call runs: the package must call none.
    const written = [];
    const methods = ["debug", "info", "warn", "error", "log", "trace", "dir"];
    const saved = methods.map((name) => [name, console[name]]);
    for (const name of methods) {
      console[name] = (...args) => written.push({ method: name, text: args.map(String).join(" ") });
    }
    let call;
    try {
      const client = clientFor(pkg, ctx);
      call = await callOnce(pkg, client, inputFor(ctx, ctx.sessions[0]));
    } finally {
      for (const [name, method] of saved) console[name] = method;
    }
    return { call, written };
  },
};

/** One call of a fresh client whose logger keeps the lines. */
async function oneCallWithLogger(pkg, ctx, extra = {}) {
  const log = recordingLogger();
  const client = clientFor(pkg, ctx, { logger: log.logger, ...extra });
  const call = await callOnce(pkg, client, inputFor(ctx, ctx.sessions[0]));
  return { call, lines: log.lines };
}

/** A call against a server whose clock is ahead, then what this runtime sees of Date. */
async function skewCall(pkg, ctx) {
  const result = await oneCallWithLogger(pkg, ctx);
  return { ...result, probe: await probeDateHeader(ctx) };
}

/**
 * Runs one case by name. A case that throws (a bug in the case, not a rejection of the
 * package, which each case records) is reported as data so the harness shows it.
 */
export async function runReliabilityCase(pkg, name, ctx) {
  const run = RUNS[name];
  if (!run) return { caseError: `no case named ${name}` };
  try {
    return { runtime: describeRuntime(), result: await run(pkg, ctx) };
  } catch (error) {
    return { caseError: String(error?.stack ?? error) };
  }
}
