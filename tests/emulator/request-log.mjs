// The log of API requests that tests read through GET /_emulator/requests. An entry is made
// when a request arrives, so the log is in arrival order even when a delayed request is
// answered after a later one, and it is completed once the emulator has done with it.

import { faultName } from "./faults.mjs";
import { parseAuthorization } from "./sigv4-verify.mjs";

/**
 * Appends the entry of an arriving request and returns it, for closeLogEntry.
 * @param {object} state the emulator state
 * @param {{method: string, url: string}} req
 * @param {Record<string, string>} headers lower-case names, repeats joined by ","
 * @param {object} [fault] the fault taken from the plan for this request
 * @param {number} arrivedMs the emulator's clock when it arrived
 */
export function openLogEntry(state, req, headers, fault, arrivedMs) {
  const entry = {
    method: req.method,
    path: req.url,
    headers,
    ...(headers.authorization !== undefined && { signing: signingOf(headers) }),
    ...(fault && { fault: faultName(fault) }),
    time: new Date(arrivedMs).toISOString(),
    pending: true,
  };
  state.requests.push(entry);
  return entry;
}

/**
 * Records what became of a request.
 * @param {object} entry from openLogEntry
 * @param {object} outcome
 * @param {number} [outcome.status] the status answered; none when the connection was dropped
 * @param {string} [outcome.errorCode] the bare error code answered
 * @param {string} [outcome.requestId] the x-amzn-RequestId sent
 * @param {string} [outcome.auth] "valid" or the error code the signature check gave
 * @param {boolean} [outcome.dropped] the connection was destroyed on purpose
 * @param {boolean} [outcome.clientGone] the client had gone before the answer was written
 * @param {boolean} [outcome.cancelled] the emulator closed while the request waited
 * @param {number} [outcome.bodyBytesWritten] hugeBody: body bytes the client let through
 * @param {boolean} [outcome.bodyComplete] hugeBody: whether the whole body was written
 */
export function closeLogEntry(entry, outcome) {
  delete entry.pending;
  if (outcome.status !== undefined) entry.status = outcome.status;
  if (outcome.errorCode) entry.errorType = outcome.errorCode;
  if (outcome.requestId) entry.requestId = outcome.requestId;
  const flags = ["auth", "dropped", "clientGone", "cancelled", "bodyBytesWritten", "bodyComplete"];
  for (const flag of flags) {
    if (outcome[flag] !== undefined) entry[flag] = outcome[flag];
  }
}

/**
 * The signing of a request at a glance, so a test can tell retries apart (a re-signed retry
 * has another amzDate or signature) and see whether a token was sent without comparing it.
 */
function signingOf(headers) {
  const { credential, signedHeaders, signature } = parseAuthorization(headers.authorization);
  return {
    accessKeyId: credential?.split("/")[0],
    amzDate: headers["x-amz-date"],
    signedHeaders,
    signature,
    sessionToken: headers["x-amz-security-token"] !== undefined,
  };
}
