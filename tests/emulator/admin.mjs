// A small client for the emulator's admin interface, for tests that run the emulator in
// another process or reach it from a browser page. Each function takes the emulator's base
// URL and throws if the emulator answers with an error.

async function call(url, method, path, body) {
  const response = await fetch(new URL(`/_emulator/${path}`, url), {
    method,
    ...(body !== undefined && {
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
  });
  const text = await response.text();
  if (!response.ok) {
    const code = response.headers.get("x-amzn-errortype") ?? "Error";
    throw new Error(`emulator admin ${method} ${path}: ${response.status} ${code} ${text}`);
  }
  return text === "" ? undefined : JSON.parse(text);
}

/** Creates a stream group; `body.id` picks its ID. Resolves `{id, arn}`. */
export function createStreamGroup(url, body = {}) {
  return call(url, "POST", "streamgroups", body);
}

/**
 * Creates a stream session in a group; `body.id` picks its ID, `body.status` its status
 * (ACTIVE unless given). Resolves `{id, arn, streamGroupId, status}`.
 */
export function createStreamSession(url, streamGroupId, body = {}) {
  const group = encodeURIComponent(streamGroupId);
  return call(url, "POST", `streamgroups/${group}/streamsessions`, body);
}

/** Resolves every stream session, of every group. */
export async function listStreamSessions(url) {
  return (await call(url, "GET", "streamsessions")).sessions;
}

/** Resolves one stream session; rejects if it does not exist. */
export function getStreamSession(url, streamGroupId, sessionId) {
  const group = encodeURIComponent(streamGroupId);
  return call(url, "GET", `streamgroups/${group}/streamsessions/${encodeURIComponent(sessionId)}`);
}

/**
 * Returns the emulator to how it started: clears groups, sessions, the request log and the
 * fault plan, restores the starting clock offset and keys, and seeds again if it was seeded.
 */
export async function reset(url) {
  await call(url, "POST", "reset");
}

/**
 * Resolves the API requests seen since the last reset, in order of arrival, CORS preflights
 * included: `{method, path, headers, signing?, fault?, time, status?, errorType?, requestId?,
 * auth?, dropped?, clientGone?, cancelled?, pending?}` (see README.md).
 */
export async function listRequests(url) {
  return (await call(url, "GET", "requests")).requests;
}

/**
 * Appends rules to the fault plan (it does not replace it: clearFaults first for that).
 * Each rule is `{kind, ...fields, times?, match?: {method?, pathIncludes?}}`; see README.md.
 * Resolves the whole plan after appending.
 */
export async function setFaults(url, faults) {
  return (await call(url, "POST", "faults", { faults })).faults;
}

/** Empties the fault plan. */
export async function clearFaults(url) {
  await call(url, "DELETE", "faults");
}

/** Resolves the rules not yet used up, `times` being what is left of each count. */
export async function listFaults(url) {
  return (await call(url, "GET", "faults")).faults;
}

/**
 * Sets the emulator's clock to real time plus `offsetMs`, for every request until the next
 * reset. Resolves `{offsetMs, now}`, `now` being the emulator's time (ISO 8601).
 */
export function setClockOffset(url, offsetMs) {
  return call(url, "POST", "clock", { offsetMs });
}

/** Resolves `{offsetMs, now}`: the emulator's clock offset and time. */
export function getClock(url) {
  return call(url, "GET", "clock");
}

/**
 * Adds a key the emulator accepts until the next reset (one with the same access key ID is
 * replaced): `{accessKeyId, secretAccessKey, sessionToken?, expiresAt?}`, `expiresAt` an ISO
 * 8601 time or epoch milliseconds. Resolves `{accessKeyId, sessionToken: boolean, expiresAt?}`.
 */
export function addCredentials(url, credentials) {
  return call(url, "POST", "credentials", credentials);
}
