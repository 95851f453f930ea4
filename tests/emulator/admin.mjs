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

/** Clears groups, sessions and the request log; seeds again if the emulator was seeded. */
export async function reset(url) {
  await call(url, "POST", "reset");
}

/**
 * Resolves the API requests seen since the last reset, oldest first, CORS preflights
 * included: `{method, path, headers, status, errorType?, requestId, time}`.
 */
export async function listRequests(url) {
  return (await call(url, "GET", "requests")).requests;
}
