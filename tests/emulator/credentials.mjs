// The keys the emulator accepts: given at start, or added later through the admin interface
// so that tests of credential providers can rotate keys and let session tokens expire.

import { EmulatorError } from "./errors.mjs";

/**
 * Checks one key and returns the form the verifier reads: `expiresAt` (an ISO 8601 string or
 * epoch milliseconds) becomes `expiresAtMs`.
 * @param {{accessKeyId: string, secretAccessKey: string, sessionToken?: string,
 *   expiresAt?: string | number}} raw
 * @returns {{accessKeyId: string, secretAccessKey: string, sessionToken?: string,
 *   expiresAtMs?: number}}
 */
export function normalizeCredential(raw) {
  if (raw === null || typeof raw !== "object") invalid("A credential must be an object.");
  const { accessKeyId, secretAccessKey, sessionToken, expiresAt } = raw;
  if (typeof accessKeyId !== "string" || accessKeyId === "" || accessKeyId.includes("/")) {
    invalid("accessKeyId must be a non-empty string without '/'.");
  }
  if (typeof secretAccessKey !== "string" || secretAccessKey === "") {
    invalid("secretAccessKey must be a non-empty string.");
  }
  if (sessionToken !== undefined && (typeof sessionToken !== "string" || sessionToken === "")) {
    invalid("sessionToken, when given, must be a non-empty string.");
  }
  const key = { accessKeyId, secretAccessKey };
  if (sessionToken !== undefined) key.sessionToken = sessionToken;
  if (expiresAt !== undefined) {
    let ms = NaN;
    if (typeof expiresAt === "number") ms = expiresAt;
    else if (typeof expiresAt === "string") ms = Date.parse(expiresAt);
    if (!Number.isFinite(ms)) {
      invalid("expiresAt must be an ISO 8601 time or epoch milliseconds.");
    }
    key.expiresAtMs = ms;
  }
  return key;
}

/** What the admin interface answers about a key: never its secret or its token. */
export function describeCredential(key) {
  return {
    accessKeyId: key.accessKeyId,
    sessionToken: key.sessionToken !== undefined,
    ...(key.expiresAtMs !== undefined && { expiresAt: new Date(key.expiresAtMs).toISOString() }),
  };
}

function invalid(message) {
  throw new EmulatorError("ValidationException", message);
}
