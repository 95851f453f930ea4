// The fault plan: rules, set through the admin interface, that make the emulator misbehave on
// chosen API requests (throttling, 5xx answers, dropped connections, slow answers, a skewed
// clock, an unreadable Date), so the client's retries, skew correction and timeouts can be
// tested against something that fails on demand.
//
// A fault is a chain of steps linked by `then`. Modifier steps (delay, clockSkew, hideDate)
// change how the request is handled and pass it on, to `then` or else to normal handling.
// Terminal steps (status, html503, empty5xx, drop, hugeBody, rawResponse) end it without the
// service seeing it. The last two stand for a hostile or broken server: a body far larger than
// any error document, and bytes that Node's HTTP module would refuse to frame (a 204 with a
// body, bytes that are not UTF-8), written straight to the socket.

import { performance } from "node:perf_hooks";
import { EmulatorError } from "./errors.mjs";
import { EXPIRED_TOKEN_MESSAGE, FRONT_DOOR_ERRORS, SERVICE_ERRORS } from "./model.mjs";

/** The fields each kind takes besides `kind`; `then` marks a modifier. */
const KINDS = Object.freeze({
  status: ["status", "errorType", "message", "headers", "body", "contentType"],
  html503: ["headers"],
  empty5xx: ["status", "headers"],
  drop: [],
  delay: ["ms", "headers", "then"],
  clockSkew: ["offsetMs", "headers", "then"],
  hideDate: ["headers", "then"],
  hugeBody: ["status", "errorType", "bytes", "contentType", "headers"],
  rawResponse: ["status", "reason", "headers", "body", "bodyBase64"],
});
/** Fields only the outer rule has: how many requests it applies to, and which. */
const RULE_FIELDS = ["times", "match"];
const MAX_CHAIN = 8;
const MAX_DELAY_MS = 10 * 60 * 1000;
export const HTML_503_BODY = "<html>Service Unavailable</html>";
/** A hugeBody answer opens like an error document whose message never ends. */
export const HUGE_BODY_PREFIX = '{"message":"';
export const HUGE_BODY_FILLER_BYTE = "x";
/** 1 GiB: far beyond what any test needs, small enough that a mistake cannot run for hours. */
const MAX_HUGE_BODY_BYTES = 2 ** 30;
const DEFAULT_EMPTY_STATUS = 502;
const DEFAULT_MESSAGES = {
  ThrottlingException: "Rate exceeded",
  InternalServerException: "An internal error occurred.",
  ExpiredTokenException: EXPIRED_TOKEN_MESSAGE,
};
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/** The ordered rules; each applies to its next `times` matching API requests. */
export class FaultPlan {
  #rules = [];

  /** Checks every rule, then appends them all; one bad rule appends none. */
  add(faults) {
    if (!Array.isArray(faults)) fail("faults", "must be an array of rules");
    const rules = faults.map((fault, index) => normalizeRule(fault, `faults[${index}]`));
    this.#rules.push(...rules);
  }

  /**
   * Takes the fault for one arriving request: the first rule that matches it, whose count
   * goes down by one (a rule at 0 is gone; -1 never runs out). Undefined when none matches.
   */
  take(method, target) {
    const index = this.#rules.findIndex((rule) => matches(rule, method, target));
    if (index < 0) return undefined;
    const rule = this.#rules[index];
    if (rule.times > 0 && --rule.times === 0) this.#rules.splice(index, 1);
    const { times, match, ...fault } = rule;
    return structuredClone(fault);
  }

  /** The remaining rules, `times` being what is left of each count. */
  list() {
    return structuredClone(this.#rules);
  }

  clear() {
    this.#rules.length = 0;
  }
}

/** The kinds of a fault's chain joined by "+", as the request log names it: "delay+status". */
export function faultName(fault) {
  const kinds = [];
  for (let step = fault; step; step = step.then) kinds.push(step.kind);
  return kinds.join("+");
}

/**
 * Walks a fault's chain for one request.
 * @param {object} fault what FaultPlan.take returned
 * @param {{wait: (ms: number) => Promise<boolean>}} io `wait` resolves false if cancelled
 * @returns {Promise<{action: "handle" | "answer" | "drop" | "cancelled", response?: object,
 *   clockShiftMs: number, exposeDate: boolean, headers: Record<string, string>}>} `handle`
 *   means authenticate and serve the request as usual; `response` comes with `answer`
 */
export async function applyFault(fault, { wait }) {
  const effect = { action: "handle", clockShiftMs: 0, exposeDate: true, headers: {} };
  for (let step = fault; step; step = step.then) {
    Object.assign(effect.headers, step.headers);
    switch (step.kind) {
      case "delay":
        if (!(await wait(step.ms))) return { ...effect, action: "cancelled" };
        break;
      case "clockSkew":
        effect.clockShiftMs += step.offsetMs;
        break;
      case "hideDate":
        effect.exposeDate = false;
        break;
      case "drop":
        return { ...effect, action: "drop" };
      default:
        return { ...effect, action: "answer", response: cannedResponse(step) };
    }
  }
  return effect;
}

/** The answer of a terminal step, before the step's extra headers are added. */
function cannedResponse(step) {
  if (step.kind === "html503") {
    return { status: 503, headers: { "Content-Type": "text/html" }, body: HTML_503_BODY };
  }
  if (step.kind === "empty5xx") return { status: step.status, headers: {} };
  if (step.kind === "hugeBody") return hugeBodyResponse(step);
  if (step.kind === "rawResponse") return rawResponse(step);

  const response = { status: step.status, headers: {} };
  if (step.errorType !== undefined) addErrorType(response, step.errorType);
  let body = step.body;
  if (body === undefined && (step.errorType !== undefined || step.message !== undefined)) {
    const code = response.errorCode;
    body = JSON.stringify({ message: step.message ?? DEFAULT_MESSAGES[code] ?? code });
  }
  if (body !== undefined) response.body = body;
  if (body !== undefined || step.contentType !== undefined) {
    response.headers["Content-Type"] = step.contentType ?? "application/json";
  }
  return response;
}

/** Sets `x-amzn-ErrorType` and the bare code the request log records. */
function addErrorType(response, errorType) {
  // A bare front-door code gets the Coral suffix as on AWS; one with a ':' is sent verbatim.
  const code = errorType.split(":")[0];
  response.headers["x-amzn-ErrorType"] = errorType.includes(":")
    ? errorType
    : new EmulatorError(code, "").errorType;
  response.errorCode = code;
}

/**
 * A hugeBody answer: the emulator streams `bytes` bytes, with backpressure, and records how
 * many the client let it write (see emulator.mjs). Content-Length announces the whole size.
 */
function hugeBodyResponse(step) {
  const response = { status: step.status, headers: {}, streamBytes: step.bytes };
  if (step.errorType !== undefined) addErrorType(response, step.errorType);
  response.headers["Content-Type"] = step.contentType ?? "application/json";
  response.headers["Content-Length"] = String(step.bytes);
  return response;
}

/**
 * A rawResponse answer: written byte for byte to the socket, which is then closed. The
 * standard headers are added as for any answer; Content-Length is the body's size unless
 * `headers` names one, so a test may also make it lie.
 */
function rawResponse(step) {
  const body =
    step.bodyBase64 !== undefined
      ? Buffer.from(step.bodyBase64, "base64")
      : Buffer.from(step.body ?? "", "utf8");
  const headers = { ...step.headers };
  const named = Object.keys(headers).some((name) => name.toLowerCase() === "content-length");
  if (!named) headers["Content-Length"] = String(body.length);
  return { status: step.status, headers, raw: { reason: step.reason, body } };
}

function matches(rule, method, target) {
  const wanted = rule.match?.method;
  // Browsers cache preflights, so whether one is sent is not up to the test: a rule only
  // counts them when it asks for OPTIONS by name.
  if (method === "OPTIONS" && wanted !== "OPTIONS") return false;
  if (wanted !== undefined && wanted !== method) return false;
  const part = rule.match?.pathIncludes;
  return part === undefined || target.includes(part);
}

function normalizeRule(raw, where) {
  const rule = normalizeStep(raw, where, 0);
  const { times = 1, match } = raw;
  if (!(times === -1 || (Number.isInteger(times) && times >= 1))) {
    fail(`${where}.times`, "must be a whole number of at least 1, or -1 for every request");
  }
  rule.times = times;
  if (match !== undefined) rule.match = normalizeMatch(match, `${where}.match`);
  return rule;
}

function normalizeMatch(raw, where) {
  if (!isPlainObject(raw)) fail(where, "must be an object");
  const match = {};
  for (const [name, value] of Object.entries(raw)) {
    if (name !== "method" && name !== "pathIncludes") fail(where, `has no field '${name}'`);
    if (typeof value !== "string" || value === "") fail(`${where}.${name}`, "must be a string");
    match[name] = name === "method" ? value.toUpperCase() : value;
  }
  return match;
}

function normalizeStep(raw, where, depth) {
  if (!isPlainObject(raw)) fail(where, "must be an object");
  const fields = KINDS[raw.kind];
  if (!fields) {
    fail(`${where}.kind`, `must be one of ${Object.keys(KINDS).join(", ")}`);
  }
  const allowed = new Set(["kind", ...fields, ...(depth === 0 ? RULE_FIELDS : [])]);
  for (const name of Object.keys(raw)) {
    if (!allowed.has(name)) fail(where, `a ${raw.kind} fault has no field '${name}'`);
  }

  const step = { kind: raw.kind };
  for (const name of ["errorType", "message", "body", "contentType", "reason", "bodyBase64"]) {
    if (raw[name] === undefined) continue;
    if (typeof raw[name] !== "string") fail(`${where}.${name}`, "must be a string");
    step[name] = raw[name];
  }
  if (step.errorType === "") fail(`${where}.errorType`, "must not be empty");
  if (raw.kind === "status" || raw.kind === "hugeBody") step.status = statusOf(raw, where);
  if (raw.kind === "hugeBody") {
    checkInteger(raw.bytes, HUGE_BODY_PREFIX.length, MAX_HUGE_BODY_BYTES, `${where}.bytes`);
    step.bytes = raw.bytes;
  }
  if (raw.kind === "rawResponse") checkRawResponse(raw, step, where);
  if (raw.kind === "empty5xx") {
    step.status = raw.status ?? DEFAULT_EMPTY_STATUS;
    checkInteger(step.status, 500, 599, `${where}.status`);
  }
  if (raw.kind === "delay") {
    checkNumber(raw.ms, 0, MAX_DELAY_MS, `${where}.ms`);
    step.ms = raw.ms;
  }
  if (raw.kind === "clockSkew") {
    if (!Number.isSafeInteger(raw.offsetMs)) fail(`${where}.offsetMs`, "must be a whole number");
    step.offsetMs = raw.offsetMs;
  }
  if (raw.headers !== undefined) step.headers = normalizeHeaders(raw.headers, `${where}.headers`);
  if (raw.then !== undefined) {
    if (depth + 1 >= MAX_CHAIN) fail(`${where}.then`, `chains at most ${MAX_CHAIN} steps`);
    step.then = normalizeStep(raw.then, `${where}.then`, depth + 1);
  }
  return step;
}

/** A rawResponse's status line and body: one status, a reason without line breaks, one body. */
function checkRawResponse(raw, step, where) {
  checkInteger(raw.status, 100, 599, `${where}.status`);
  step.status = raw.status;
  if (step.reason !== undefined && !/^[\t\x20-\x7e]*$/.test(step.reason)) {
    fail(`${where}.reason`, "must be printable ASCII without line breaks");
  }
  if (step.body !== undefined && step.bodyBase64 !== undefined) {
    fail(where, "takes body or bodyBase64, not both");
  }
  if (step.bodyBase64 !== undefined && !/^[A-Za-z0-9+/]*={0,2}$/.test(step.bodyBase64)) {
    fail(`${where}.bodyBase64`, "must be base64");
  }
}

/** A status fault's status: given, or the one the model gives its error code. */
function statusOf(raw, where) {
  const code = raw.errorType?.split(":")[0];
  const status = raw.status ?? SERVICE_ERRORS[code] ?? FRONT_DOOR_ERRORS[code];
  if (status === undefined) fail(`${where}.status`, "is required unless errorType is a known code");
  checkInteger(status, 200, 599, `${where}.status`);
  return status;
}

function normalizeHeaders(raw, where) {
  if (!isPlainObject(raw)) fail(where, "must be an object of header names and values");
  const headers = {};
  for (const [name, value] of Object.entries(raw)) {
    if (!HEADER_NAME.test(name)) fail(where, `'${name}' is not a header name`);
    const text = typeof value === "number" && Number.isFinite(value) ? String(value) : value;
    if (typeof text !== "string" || !HEADER_VALUE.test(text)) {
      fail(`${where}.${name}`, "must be a string (or number) without line breaks");
    }
    headers[name] = text;
  }
  return headers;
}

function checkNumber(value, min, max, where) {
  if (typeof value !== "number" || !(value >= min && value <= max)) {
    fail(where, `must be a number from ${min} to ${max}`);
  }
}

function checkInteger(value, min, max, where) {
  if (!Number.isInteger(value) || value < min || value > max) {
    fail(where, `must be a whole number from ${min} to ${max}`);
  }
}

function isPlainObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function fail(where, problem) {
  throw new EmulatorError("ValidationException", `${where} ${problem}.`);
}

/**
 * The timers of delay faults, so that close() can cancel them instead of waiting for them.
 * A wait lasts at least `ms` by the high-resolution clock (a timer may fire a little early),
 * so a client that measures the delay never sees less.
 */
export class PendingDelays {
  #pending = new Set();
  #closed = false;

  get size() {
    return this.#pending.size;
  }

  /** Resolves true after `ms`, or false at once if cancelled (or already closed). */
  wait(ms) {
    if (this.#closed) return Promise.resolve(false);
    return new Promise((resolve) => {
      const deadline = performance.now() + ms;
      const entry = { resolve, timer: undefined };
      const arm = () => {
        const left = deadline - performance.now();
        if (left <= 0) {
          this.#pending.delete(entry);
          resolve(true);
        } else {
          entry.timer = setTimeout(arm, Math.ceil(left));
        }
      };
      this.#pending.add(entry);
      arm();
    });
  }

  /** Cancels every pending wait and refuses new ones. */
  close() {
    this.#closed = true;
    for (const entry of this.#pending) {
      clearTimeout(entry.timer);
      entry.resolve(false);
    }
    this.#pending.clear();
  }
}
