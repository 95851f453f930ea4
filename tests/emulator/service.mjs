// The service's side of an API request: after the signature is accepted, find the operation
// from the method and path, decode its labels and run it against the store.

import { EmulatorError } from "./errors.mjs";
import { IDENTIFIER_MAX_LENGTH, isIdentifier, SERVICE_NAME } from "./model.mjs";
import { splitTarget, verifySignature } from "./sigv4-verify.mjs";

// Any prefix is allowed before /streamgroups/, because a custom endpoint may carry a path.
// Labels are matched on the raw path, where a `/` inside an ARN is still `%2F`.
const TERMINATE_PATH = /\/streamgroups\/([^/]*)\/streamsessions\/([^/]*)$/;

/**
 * Answers one API request (anything outside the admin interface and CORS preflights).
 * @param {object} state the emulator state (see emulator.mjs)
 * @param {{method: string, url: string, headers: Record<string, string>, body?: Uint8Array}}
 *   request `url` is the raw request target, `headers` as for verifySignature
 * @param {number} [nowMs] the clock that judges the signature; the emulator's clock now
 * @returns {Promise<{status: number}>} the success response; failures throw EmulatorError
 */
export async function handleApiRequest(state, request, nowMs = state.now()) {
  // Authentication comes first, as at the AWS front door: an unsigned request to an unknown
  // path is refused for its missing signature, not for its path.
  await authenticate(state, request, nowMs);
  return runOperation(state, request);
}

/** Verifies the request's signature against the emulator's keys; throws EmulatorError. */
export function authenticate(state, request, nowMs) {
  return verifySignature(request, {
    region: state.region,
    service: SERVICE_NAME,
    findCredentials: (accessKeyId) => state.credentials.get(accessKeyId),
    nowMs,
  });
}

/** Runs the operation the method and path name, for a request already authenticated. */
export function runOperation(state, request) {
  const [path] = splitTarget(request.url);
  const match = TERMINATE_PATH.exec(path);
  if (!match || request.method !== "DELETE") {
    throw new EmulatorError(
      "UnknownOperationException",
      `No operation of this service answers ${request.method} ${path}.`,
    );
  }
  const groupIdentifier = decodeLabel(match[1], "Identifier");
  const sessionIdentifier = decodeLabel(match[2], "StreamSessionIdentifier");
  state.store.terminateStreamSession(groupIdentifier, sessionIdentifier);
  return { status: 204 };
}

/** Percent-decodes one path label and checks it against the model's `Identifier` shape. */
function decodeLabel(raw, member) {
  let value;
  try {
    value = decodeURIComponent(raw);
  } catch {
    throw new EmulatorError("ValidationException", `${member} is not valid percent-encoding.`);
  }
  if (!isIdentifier(value)) {
    throw new EmulatorError(
      "ValidationException",
      `${member} '${value}' must be 1 to ${IDENTIFIER_MAX_LENGTH} characters: ` +
        "an ID of letters, digits and hyphens, or a GameLift Streams ARN.",
    );
  }
  return value;
}
