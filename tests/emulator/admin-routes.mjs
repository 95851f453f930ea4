// The unsigned JSON interface under /_emulator/ through which tests arrange the world and
// read what the emulator saw. It is not part of the service, so it is never signed or logged.

import { describeCredential } from "./credentials.mjs";
import { EmulatorError } from "./errors.mjs";
import { jsonResponse } from "./responses.mjs";

export const ADMIN_PREFIX = "/_emulator/";

const ROUTES = [
  [
    "POST",
    /^streamgroups$/,
    (state, body) => jsonResponse(201, state.store.createStreamGroup(body)),
  ],
  [
    "POST",
    /^streamgroups\/([^/]+)\/streamsessions$/,
    (state, body, [groupId]) => jsonResponse(201, state.store.createStreamSession(groupId, body)),
  ],
  [
    "GET",
    /^streamsessions$/,
    (state) => jsonResponse(200, { sessions: state.store.listStreamSessions() }),
  ],
  [
    "GET",
    /^streamgroups\/([^/]+)\/streamsessions\/([^/]+)$/,
    (state, body, [groupId, sessionId]) => {
      const session = state.store.getStreamSession(groupId, sessionId);
      if (!session) {
        throw new EmulatorError(
          "ResourceNotFoundException",
          `Stream session '${groupId}/${sessionId}' does not exist.`,
        );
      }
      return jsonResponse(200, session);
    },
  ],
  [
    "POST",
    /^reset$/,
    (state) => {
      state.reset();
      return { status: 204 };
    },
  ],
  ["GET", /^requests$/, (state) => jsonResponse(200, { requests: state.requests })],
  [
    "POST",
    /^faults$/,
    (state, body) => {
      state.faults.add(body.faults);
      return jsonResponse(200, { faults: state.faults.list() });
    },
  ],
  ["GET", /^faults$/, (state) => jsonResponse(200, { faults: state.faults.list() })],
  [
    "DELETE",
    /^faults$/,
    (state) => {
      state.faults.clear();
      return { status: 204 };
    },
  ],
  [
    "POST",
    /^clock$/,
    (state, body) => {
      if (!Number.isSafeInteger(body.offsetMs)) {
        throw new EmulatorError("ValidationException", "offsetMs must be a whole number.");
      }
      state.clockOffsetMs = body.offsetMs;
      return jsonResponse(200, clockOf(state));
    },
  ],
  ["GET", /^clock$/, (state) => jsonResponse(200, clockOf(state))],
  [
    "POST",
    /^credentials$/,
    (state, body) => jsonResponse(201, describeCredential(state.addCredentials(body))),
  ],
];

function clockOf(state) {
  return { offsetMs: state.clockOffsetMs, now: new Date(state.now()).toISOString() };
}

/** True when a raw request path belongs to the admin interface. */
export function isAdminPath(path) {
  return path.startsWith(ADMIN_PREFIX);
}

/**
 * Answers one admin request.
 * @param {object} state the emulator state
 * @param {{method: string, path: string, body?: Uint8Array}} request path without the query
 */
export function handleAdminRequest(state, { method, path, body }) {
  const route = path.slice(ADMIN_PREFIX.length);
  for (const [routeMethod, pattern, handle] of ROUTES) {
    const match = pattern.exec(route);
    if (match && routeMethod === method) {
      return handle(state, parseJsonBody(body), match.slice(1).map(decodeSegment));
    }
  }
  throw new EmulatorError("UnknownOperationException", `No admin route answers ${method} ${path}.`);
}

function decodeSegment(raw) {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new EmulatorError("ValidationException", `'${raw}' is not valid percent-encoding.`);
  }
}

function parseJsonBody(body) {
  if (!body || body.length === 0) return {};
  let value;
  try {
    value = JSON.parse(Buffer.from(body).toString("utf8"));
  } catch {
    throw new EmulatorError("ValidationException", "The request body is not JSON.");
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new EmulatorError("ValidationException", "The request body must be a JSON object.");
  }
  return value;
}
