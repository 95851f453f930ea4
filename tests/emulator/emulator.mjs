// A local stand-in for Amazon GameLift Streams' TerminateStreamSession, for the package's
// tests in Node, workerd and Chromium: it checks SigV4 signatures independently of the crate,
// answers with AWS's status codes, headers and error shapes, and answers CORS preflights.

import http from "node:http";
import { handleAdminRequest, isAdminPath } from "./admin-routes.mjs";
import { EmulatorError } from "./errors.mjs";
import { errorResponse, preflightResponse, writeResponse } from "./responses.mjs";
import { handleApiRequest } from "./service.mjs";
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
 * @param {Array<{accessKeyId: string, secretAccessKey: string, sessionToken?: string}>}
 *   [options.credentials] the keys it accepts; a key with a session token requires that
 *   token, signed. Defaults to `[DEMO_CREDENTIALS]`.
 * @param {number} [options.terminateDelayMs] TERMINATING to TERMINATED; 100
 * @param {boolean} [options.seed] create the seed stream group and sessions, also on reset
 * @param {number} [options.clockOffsetMs] the emulator's clock minus real time; 0. It is read
 *   on every request from `state.clockOffsetMs`, so a test may change it while running.
 * @param {(line: string) => void} [options.log] receives one line per request; silent without
 * @returns {Promise<{url: string, port: number, host: string,
 *   close: () => Promise<void>, state: object}>} `state` holds the store, the request log
 *   and `clockOffsetMs`, for tests in the same process
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
  const credentials = options.credentials ?? [DEMO_CREDENTIALS];
  for (const key of credentials) {
    if (typeof key?.accessKeyId !== "string" || typeof key?.secretAccessKey !== "string") {
      throw new TypeError("each credential needs a string accessKeyId and secretAccessKey");
    }
  }

  const state = {
    region,
    accountId,
    credentials: new Map(credentials.map((key) => [key.accessKeyId, key])),
    clockOffsetMs: options.clockOffsetMs ?? 0,
    store: new StreamStore({
      region,
      accountId,
      terminateDelayMs: options.terminateDelayMs ?? 100,
    }),
    /** API requests (not admin ones) since start or the last reset, oldest first. */
    requests: [],
    log: options.log,
    /** The emulator's clock in epoch milliseconds. */
    now: () => Date.now() + state.clockOffsetMs,
    reset: () => {
      state.store.clear();
      state.requests.length = 0;
      if (options.seed) state.store.seed();
    },
  };
  state.reset();
  return state;
}

/** Answers one HTTP request and records it if it was meant for the service. */
async function answer(state, req, res) {
  const receivedMs = state.now();
  const [path] = splitTarget(req.url);
  const admin = isAdminPath(path);
  const headers = joinHeaders(req.headersDistinct);

  // A fault plan (throttling, 5xx, dropped connections, clock skew per attempt) would be
  // consulted here, before the request is handled, so that it applies to every route alike.
  let response;
  try {
    const body = await readBody(req);
    if (req.method === "OPTIONS") {
      response = preflightResponse();
    } else if (admin) {
      response = handleAdminRequest(state, { method: req.method, path, body });
    } else {
      response = await handleApiRequest(state, { method: req.method, url: req.url, headers, body });
    }
  } catch (error) {
    response = errorResponse(asEmulatorError(error, state));
  }

  const origin = req.headers.origin;
  const requestId = writeResponse(res, response, { origin, nowMs: state.now() });
  state.log?.(`emulator: ${req.method} ${req.url} -> ${response.status}`);
  // Preflights are recorded too: a browser test can then see which headers a client asked for.
  if (!admin) {
    state.requests.push({
      method: req.method,
      path: req.url,
      headers,
      status: response.status,
      ...(response.errorCode && { errorType: response.errorCode }),
      requestId,
      time: new Date(receivedMs).toISOString(),
    });
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
