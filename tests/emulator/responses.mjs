// How every answer goes on the wire: the headers AWS always sends, the CORS headers a page
// on another origin needs, and the JSON error body.

import { randomUUID } from "node:crypto";

export const CORS_ALLOW_METHODS = "DELETE, GET, POST, OPTIONS";
// Exactly the headers a lean SigV4 client needs (case C9): a client that asks for more, such
// as SDK telemetry headers, must fail here as it would against a strict server.
export const CORS_ALLOW_HEADERS = "authorization, x-amz-date, x-amz-security-token, content-type";
// Without these a cross-origin page cannot read the request ID, the error code or the
// server's Date, which clock-skew correction needs.
export const CORS_EXPOSE_HEADERS_WITHOUT_DATE =
  "x-amzn-RequestId, x-amzn-ErrorType, x-amz-id-2, x-amz-cf-id";
export const CORS_EXPOSE_HEADERS = `${CORS_EXPOSE_HEADERS_WITHOUT_DATE}, Date`;
export const CORS_MAX_AGE_SECONDS = 600;

/** The answer to a CORS preflight. */
export function preflightResponse() {
  return {
    status: 204,
    headers: {
      "Access-Control-Allow-Methods": CORS_ALLOW_METHODS,
      "Access-Control-Allow-Headers": CORS_ALLOW_HEADERS,
      "Access-Control-Max-Age": String(CORS_MAX_AGE_SECONDS),
    },
    preflight: true,
  };
}

export function jsonResponse(status, value) {
  return {
    status,
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(value),
  };
}

/** An EmulatorError as AWS sends one: the code in a header, the message in a JSON body. */
export function errorResponse(error) {
  const response = jsonResponse(error.status, { message: error.message });
  response.headers["x-amzn-ErrorType"] = error.errorType;
  // Kept apart for the request log, which records the bare code.
  response.errorCode = error.code;
  return response;
}

/**
 * The headers every answer carries, in the order they are written, and the request ID among
 * them. Kept apart from writeResponse so that answers written another way (a raw socket
 * write, a streamed body) carry exactly the same ones.
 * @param {{status: number, headers?: object, preflight?: boolean}} response
 * @param {{origin?: string, nowMs: number, exposeDate?: boolean}} context `exposeDate: false`
 *   leaves Date out of Access-Control-Expose-Headers (the hideDate fault)
 * @returns {{requestId: string, headers: Array<[string, string]>}} the response's own headers
 *   come last, so they replace the standard ones of the same name
 */
export function answerHeaders(response, { origin, nowMs, exposeDate = true }) {
  const requestId = randomUUID();
  const headers = [
    ["x-amzn-RequestId", requestId],
    // The emulator's clock, not the host's: tests of clock-skew correction move it.
    ["Date", new Date(nowMs).toUTCString()],
    ["Access-Control-Allow-Origin", origin ?? "*"],
  ];
  if (origin) headers.push(["Vary", "Origin"]);
  if (!response.preflight) {
    const expose = exposeDate ? CORS_EXPOSE_HEADERS : CORS_EXPOSE_HEADERS_WITHOUT_DATE;
    headers.push(["Access-Control-Expose-Headers", expose]);
  }
  headers.push(...Object.entries(response.headers ?? {}));
  return { requestId, headers };
}

/**
 * Writes a response with the headers every answer carries.
 * @param {import("node:http").ServerResponse} res
 * @param {{status: number, headers?: object, body?: string, preflight?: boolean}} response
 * @param {{origin?: string, nowMs: number, exposeDate?: boolean}} context see answerHeaders
 * @returns {string} the request ID sent
 */
export function writeResponse(res, response, context) {
  const { requestId, headers } = answerHeaders(response, context);
  res.statusCode = response.status;
  for (const [name, value] of headers) res.setHeader(name, value);
  res.end(response.body);
  return requestId;
}
