// A local stand-in for Amazon GameLift Streams' TerminateStreamSession, for the package's
// tests in Node, workerd and Chromium: it checks SigV4 signatures independently of the crate,
// answers with AWS's status codes, headers and error shapes, and answers CORS preflights.

import http from "node:http";
import { handleAdminRequest, isAdminPath } from "./admin-routes.mjs";
import { normalizeCredential } from "./credentials.mjs";
import { EmulatorError } from "./errors.mjs";
import { applyFault, FaultPlan, faultName, PendingDelays } from "./faults.mjs";
import { streamHugeBody, writeRawResponse } from "./hostile-answers.mjs";
import { closeLogEntry, openLogEntry } from "./request-log.mjs";
import { errorResponse, preflightResponse, writeResponse } from "./responses.mjs";
import { authenticate, runOperation } from "./service.mjs";
import { splitTarget } from "./sigv4-verify.mjs";
import { StreamStore } from "./store.mjs";

export {
  SEED_ACTIVATING_SESSION_ID,
  SEED_ACTIVE_SESSION_ID,
  SEED_SECOND_ACTIVE_SESSION_ID,
  SEED_STREAM_GROUP_ID,
} from "./store.mjs";

/**
 * The key the emulator accepts unless told otherwise. It is a made-up test key, valid nowhere
 * but here; other parts of the project sign with exactly these values.
 */
export const DEMO_CREDENTIALS = Object.freeze({
  accessKeyId: "AKIAEMULATORDEMO0001",
  secretAccessKey: "emulatorDemoSecretKey/0000000000000000000",
});

/**
 * Starts an emulator and resolves once it listens.
 *
 * @param {object} [options]
 * @param {string} [options.host] interface to listen on; "127.0.0.1"
 * @param {number} [options.port] 0 picks a free port
 * @param {string} [options.region] the region signatures must be scoped to; "us-west-2"
 * @param {string} [options.accountId] the account in ARNs; "111122223333"
 * @param {Array<{accessKeyId: string, secretAccessKey: string, sessionToken?: string,
 *   expiresAt?: string | number}>} [options.credentials] the keys it accepts; a key with a
 *   session token requires that token, signed; past `expiresAt` (ISO time or epoch ms, by the
 *   emulator's clock) it is refused as expired. Defaults to `[DEMO_CREDENTIALS]`.
 * @param {number} [options.terminateDelayMs] TERMINATING to TERMINATED; 100
 * @param {boolean} [options.seed] create the seed stream group and sessions, also on reset
 * @param {number} [options.clockOffsetMs] the emulator's clock minus real time; 0. It is read
 *   on every request from `state.clockOffsetMs`, so a test may change it while running (or
 *   through POST /_emulator/clock); a reset restores this starting value.
 * @param {(line: string) => void} [options.log] receives one line per request; silent without
 * @returns {Promise<{url: string, port: number, host: string,
 *   close: () => Promise<void>, state: object}>} `state` holds the store, the request log,
 *   the fault plan and `clockOffsetMs`, for tests in the same process. close() cancels
 *   pending delay faults, so it never waits for them.
 */
export async function startEmulator(options = {}) {
  const host = options.host ?? "127.0.0.1";
  const state = createState(options);
  const server = http.createServer((req, res) => {
    answer(state, req, res).catch((error) => {
      // Only reached if writing the response itself failed, e.g. the client went away.
      state.log?.(`emulator: could not answer ${req.method} ${req.url}: ${error.message}`);
      res.destroy();
    });
  });

  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });

  const { port } = server.address();
  const urlHost = host.includes(":") ? `[${host}]` : host;
  const close = async () => {
    // A request held by a delay fault is dropped now rather than answered after the delay.
    state.delays.close();
    state.store.clear();
    await new Promise((resolve) => {
      server.close(() => resolve());
      // fetch keeps connections alive; without this close() would wait for them to idle out.
      server.closeAllConnections();
    });
  };
  return { url: `http://${urlHost}:${port}`, port, host, close, state };
}

function createState(options) {
  const region = options.region ?? "us-west-2";
  const accountId = options.accountId ?? "111122223333";
  const startingKeys = (options.credentials ?? [DEMO_CREDENTIALS]).map((raw) => {
    try {
      return normalizeCredential(raw);
    } catch (error) {
      throw new TypeError(`options.credentials: ${error.message}`);
    }
  });
  const startingOffsetMs = options.clockOffsetMs ?? 0;

  const state = {
    region,
    accountId,
    /** The keys by access key ID: the starting ones, and any added through the admin routes. */
    credentials: new Map(),
    clockOffsetMs: startingOffsetMs,
    store: new StreamStore({
      region,
      accountId,
      terminateDelayMs: options.terminateDelayMs ?? 100,
    }),
    /** API requests (not admin ones) since start or the last reset, in order of arrival. */
    requests: [],
    faults: new FaultPlan(),
    delays: new PendingDelays(),
    log: options.log,
    /** The emulator's clock in epoch milliseconds. */
    now: () => Date.now() + state.clockOffsetMs,
    /** Adds a key, or replaces the one with the same access key ID. */
    addCredentials: (raw) => {
      const key = normalizeCredential(raw);
      state.credentials.set(key.accessKeyId, key);
      return key;
    },
    /** Back to how the emulator started: store, log, faults, clock and keys. */
    reset: () => {
      state.store.clear();
      state.requests.length = 0;
      state.faults.clear();
      state.clockOffsetMs = startingOffsetMs;
      state.credentials = new Map(startingKeys.map((key) => [key.accessKeyId, key]));
      if (options.seed) state.store.seed();
    },
  };
  state.reset();
  return state;
}

/** Answers one HTTP request and records it if it was meant for the service. */
async function answer(state, req, res) {
  const arrivedMs = state.now();
  const [path] = splitTarget(req.url);
  if (isAdminPath(path)) return answerAdmin(state, req, res, path);

  const headers = joinHeaders(req.headersDistinct);
  // Taken before anything is awaited, so rules go to requests in the order they arrive.
  const fault = state.faults.take(req.method, req.url);
  // Preflights are recorded too: a browser test can then see which headers a client asked for.
  const entry = openLogEntry(state, req, headers, fault, arrivedMs);
  let effect = { action: "handle", clockShiftMs: 0, exposeDate: true, headers: {} };
  const outcome = {};
  let response;
  try {
    const body = await readBody(req);
    if (fault) effect = await applyFault(fault, { wait: (ms) => state.delays.wait(ms) });
    if (effect.action === "cancelled") {
      closeLogEntry(entry, { cancelled: true });
      res.destroy();
      return;
    }
    if (req.method === "OPTIONS") {
      if (effect.action === "handle") response = preflightResponse();
    } else {
      // The signature is checked for every API request, so the log can tell whether a retry
      // was signed properly, but only requests handled as usual are refused for it: canned
      // answers and drops stand for infrastructure that acts before authentication.
      const request = { method: req.method, url: req.url, headers, body };
      const auth = await checkSignature(state, request, state.now() + effect.clockShiftMs);
      outcome.auth = auth.code;
      if (effect.action === "handle") {
        if (auth.error) throw auth.error;
        response = runOperation(state, request);
      }
    }
    if (effect.action === "answer") response = effect.response;
    if (effect.action === "drop") {
      closeLogEntry(entry, { ...outcome, dropped: true });
      state.log?.(`emulator: ${req.method} ${req.url} -> connection dropped (fault)`);
      req.socket.destroy();
      return;
    }
  } catch (error) {
    response = errorResponse(asEmulatorError(error, state));
  }

  response = { ...response, headers: { ...response.headers, ...effect.headers } };
  outcome.status = response.status;
  outcome.errorCode = response.errorCode;
  if (res.destroyed || req.socket.destroyed) {
    // A client that timed out during a delay: the request took effect, nobody hears of it.
    outcome.clientGone = true;
  } else {
    const context = {
      origin: req.headers.origin,
      nowMs: state.now() + effect.clockShiftMs,
      exposeDate: effect.exposeDate,
    };
    if (response.raw) {
      outcome.requestId = writeRawResponse(req.socket, response, context);
    } else if (response.streamBytes !== undefined) {
      const streamed = await streamHugeBody(res, response, context);
      outcome.requestId = streamed.requestId;
      outcome.bodyBytesWritten = streamed.bodyBytesWritten;
      outcome.bodyComplete = streamed.bodyComplete;
    } else {
      outcome.requestId = writeResponse(res, response, context);
    }
  }
  closeLogEntry(entry, outcome);
  const note = fault ? ` (fault ${faultName(fault)})` : "";
  state.log?.(`emulator: ${req.method} ${req.url} -> ${response.status}${note}`);
}

/** The admin interface: never faulted, never logged. */
async function answerAdmin(state, req, res, path) {
  let response;
  try {
    const body = await readBody(req);
    response =
      req.method === "OPTIONS"
        ? preflightResponse()
        : handleAdminRequest(state, { method: req.method, path, body });
  } catch (error) {
    response = errorResponse(asEmulatorError(error, state));
  }
  writeResponse(res, response, { origin: req.headers.origin, nowMs: state.now() });
  state.log?.(`emulator: ${req.method} ${req.url} -> ${response.status}`);
}

/** The signature check's verdict: `code` is "valid" or the error code, with the error. */
async function checkSignature(state, request, nowMs) {
  try {
    await authenticate(state, request, nowMs);
    return { code: "valid" };
  } catch (error) {
    if (!(error instanceof EmulatorError)) throw error;
    return { code: error.code, error };
  }
}

/** Header values as SigV4 canonicalises repeats: joined by a comma, names already lower-case. */
function joinHeaders(headersDistinct) {
  const headers = {};
  for (const [name, values] of Object.entries(headersDistinct)) headers[name] = values.join(",");
  return headers;
}

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** A bug in the emulator still answers like the service would, as a 500. */
function asEmulatorError(error, state) {
  if (error instanceof EmulatorError) return error;
  state.log?.(`emulator: internal error: ${error.stack ?? error}`);
  return new EmulatorError("InternalServerException", "The emulator failed to handle the request.");
}
