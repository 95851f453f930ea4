// Checks the SigV4 signature of a request the way the AWS front door does, and answers with
// the same error codes and messages. The signature is recomputed with @smithy/signature-v4
// (the JS SDK's signer), so the crate under test is checked against an independent
// implementation rather than against itself.

import { createHash, timingSafeEqual } from "node:crypto";
import { Sha256 } from "@aws-crypto/sha256-js";
import { SignatureV4 } from "@smithy/signature-v4";
import { EmulatorError } from "./errors.mjs";
import { EXPIRED_TOKEN_MESSAGE } from "./model.mjs";

const ALGORITHM = "AWS4-HMAC-SHA256";
const SCOPE_TERMINATOR = "aws4_request";
/** How far the signing time may be from the server's clock, either way. */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

const MISMATCH_MESSAGE =
  "The request signature we calculated does not match the signature you provided. " +
  "Check your AWS Secret Access Key and signing method. " +
  "Consult the service documentation for details.";
const INVALID_TOKEN_MESSAGE = "The security token included in the request is invalid.";

/**
 * Splits an `Authorization` header into its parts, or returns the names of what is missing.
 * @returns {{algorithm: string, credential?: string, signedHeaders?: string, signature?: string}}
 */
export function parseAuthorization(header) {
  const space = header.indexOf(" ");
  const algorithm = space < 0 ? header : header.slice(0, space);
  const parts = {};
  for (const item of space < 0 ? [] : header.slice(space + 1).split(",")) {
    const eq = item.indexOf("=");
    if (eq > 0) parts[item.slice(0, eq).trim()] = item.slice(eq + 1).trim();
  }
  return {
    algorithm,
    credential: parts.Credential,
    signedHeaders: parts.SignedHeaders,
    signature: parts.Signature,
  };
}

/** Formats epoch milliseconds as a SigV4 basic ISO 8601 time, `YYYYMMDDTHHMMSSZ`. */
export function formatAmzDate(ms) {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, "");
}

/** Reads `YYYYMMDDTHHMMSSZ` into epoch milliseconds, or NaN if it is not such a time. */
export function parseAmzDate(value) {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? "");
  if (!m) return NaN;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number);
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  // Date.UTC rolls 20250231 over into March; a real signer never produces such a date.
  return formatAmzDate(ms) === value ? ms : NaN;
}

/**
 * Verifies the SigV4 signature of one request.
 *
 * @param {object} request
 * @param {string} request.method
 * @param {string} request.url the request target exactly as received (path and query, not decoded)
 * @param {Record<string, string>} request.headers lower-case names; repeated headers joined by ","
 * @param {Uint8Array} [request.body]
 * @param {object} context
 * @param {string} context.region the only region this endpoint accepts in the scope
 * @param {string} context.service the only service name accepted in the scope
 * @param {(accessKeyId: string) => ({secretAccessKey: string, sessionToken?: string,
 *   expiresAtMs?: number} | undefined)} context.findCredentials the key's secret, token and
 *   expiry, if the key exists
 * @param {number} context.nowMs the server's clock, epoch milliseconds; also judges expiry
 * @returns {Promise<{accessKeyId: string}>} the caller's key; throws EmulatorError otherwise
 */
export async function verifySignature(request, context) {
  const { headers } = request;
  const authorization = headers.authorization;
  if (!authorization) {
    throw new EmulatorError("MissingAuthenticationTokenException", "Missing Authentication Token");
  }

  // Parse the header; anything missing is an incomplete signature, not a wrong one.
  const auth = parseAuthorization(authorization);
  if (auth.algorithm !== ALGORITHM) {
    throw incomplete(`Unsupported signing algorithm '${auth.algorithm}'; use ${ALGORITHM}.`);
  }
  const missing = ["credential", "signedHeaders", "signature"].filter((k) => !auth[k]);
  if (missing.length > 0) {
    const names = missing.map((k) => k[0].toUpperCase() + k.slice(1));
    throw incomplete(`The Authorization header lacks the parameter(s) ${names.join(", ")}.`);
  }
  const scope = auth.credential.split("/");
  if (scope.length !== 5 || scope.some((part) => part === "")) {
    throw incomplete(
      "Credential must have the form ACCESS_KEY_ID/YYYYMMDD/REGION/SERVICE/aws4_request, " +
        `not '${auth.credential}'.`,
    );
  }
  const [accessKeyId, scopeDate, scopeRegion, scopeService, terminator] = scope;
  if (!/^[0-9a-f]{64}$/.test(auth.signature)) {
    throw incomplete("Signature must be 64 lower-case hexadecimal digits.");
  }
  const signedHeaders = auth.signedHeaders.split(";");
  for (const required of ["host", "x-amz-date"]) {
    if (!signedHeaders.includes(required)) {
      throw incomplete(`'${required}' must be named in SignedHeaders.`);
    }
  }

  // The signing time.
  const amzDate = headers["x-amz-date"];
  if (!amzDate) throw incomplete("The request has no X-Amz-Date header to date the signature.");
  const signedAtMs = parseAmzDate(amzDate);
  if (Number.isNaN(signedAtMs)) {
    throw incomplete(`X-Amz-Date '${amzDate}' is not a time of the form YYYYMMDDTHHMMSSZ.`);
  }

  // The credential scope must name this endpoint and the signing day.
  if (terminator !== SCOPE_TERMINATOR) {
    throw invalid(`Credential should be scoped with a valid terminator: '${SCOPE_TERMINATOR}'.`);
  }
  if (scopeDate !== amzDate.slice(0, 8)) {
    throw invalid(
      `Date in Credential scope '${scopeDate}' is not the day of X-Amz-Date '${amzDate}'.`,
    );
  }
  if (scopeRegion !== context.region) {
    throw invalid("Credential should be scoped to a valid region.");
  }
  if (scopeService !== context.service) {
    throw invalid(`Credential should be scoped to correct service: '${context.service}'.`);
  }

  checkClockSkew(amzDate, signedAtMs, context.nowMs);

  // The caller's identity: the key, then the session token that goes with it.
  const key = context.findCredentials(accessKeyId);
  if (!key) throw unrecognized();
  checkSessionToken(key, headers["x-amz-security-token"], signedHeaders);
  // The token is known, so the front door can tell it has expired before it checks the
  // signature; it judges that by its own clock, as it does the signing time.
  if (key.expiresAtMs !== undefined && context.nowMs >= key.expiresAtMs) {
    throw new EmulatorError("ExpiredTokenException", EXPIRED_TOKEN_MESSAGE);
  }

  const expected = await computeSignature(request, {
    accessKeyId,
    secretAccessKey: key.secretAccessKey,
    region: scopeRegion,
    service: scopeService,
    signedHeaders,
    signingDate: new Date(signedAtMs),
  });
  if (!sameHex(expected, auth.signature)) throw invalid(MISMATCH_MESSAGE);
  return { accessKeyId };
}

/**
 * Rejects a signing time more than five minutes from the server's clock, with the messages
 * AWS uses. Clients read the server's time out of them to correct their clock skew, so the
 * shape matters, and both times are whole seconds as in the SigV4 date format.
 */
function checkClockSkew(amzDate, signedAtMs, nowMs) {
  const serverMs = Math.floor(nowMs / 1000) * 1000;
  const server = formatAmzDate(serverMs);
  if (signedAtMs < serverMs - MAX_CLOCK_SKEW_MS) {
    const earliest = formatAmzDate(serverMs - MAX_CLOCK_SKEW_MS);
    throw invalid(
      `Signature expired: ${amzDate} is now earlier than ${earliest} (${server} - 5 min.)`,
    );
  }
  if (signedAtMs > serverMs + MAX_CLOCK_SKEW_MS) {
    const latest = formatAmzDate(serverMs + MAX_CLOCK_SKEW_MS);
    throw invalid(
      `Signature not yet current: ${amzDate} is still later than ${latest} (${server} + 5 min.)`,
    );
  }
}

/** Temporary keys need their token, signed; long-term keys must not come with one. */
function checkSessionToken(key, sentToken, signedHeaders) {
  if (!key.sessionToken) {
    if (sentToken !== undefined) throw unrecognized();
    return;
  }
  if (sentToken === undefined) throw unrecognized();
  if (!signedHeaders.includes("x-amz-security-token")) {
    throw incomplete("'x-amz-security-token' must be named in SignedHeaders.");
  }
  // Hashing first gives equal lengths, which timingSafeEqual requires.
  const digest = (text) => createHash("sha256").update(text).digest();
  if (!timingSafeEqual(digest(sentToken), digest(key.sessionToken))) throw unrecognized();
}

/**
 * Signs a copy of the request that holds only the headers the client said it signed, at the
 * client's signing time, and returns the hex signature.
 */
async function computeSignature(request, signing) {
  const [path, rawQuery] = splitTarget(request.url);
  const headers = {};
  for (const name of signing.signedHeaders) {
    if (request.headers[name] !== undefined) headers[name] = request.headers[name];
  }
  const signer = new SignatureV4({
    credentials: {
      accessKeyId: signing.accessKeyId,
      secretAccessKey: signing.secretAccessKey,
    },
    region: signing.region,
    service: signing.service,
    sha256: Sha256,
    // Leave the path as received: SignatureV4 escapes it once more for the canonical URI,
    // which is what AWS does for every service except S3 (`%3A` on the wire, `%253A` signed).
    uriEscapePath: true,
    // The signer must not add an x-amz-content-sha256 header the client never sent.
    applyChecksum: false,
  });
  // Known limit: SignatureV4 drops a `date` header before signing, so a client that signs
  // `date` as well as `x-amz-date` fails here; no AWS SDK signs it.
  const signed = await signer.sign(
    {
      method: request.method,
      protocol: "http:",
      hostname: "emulator",
      path,
      query: parseQuery(rawQuery),
      headers,
      body: request.body && request.body.length > 0 ? request.body : undefined,
    },
    { signingDate: signing.signingDate, signableHeaders: new Set(signing.signedHeaders) },
  );
  return /Signature=([0-9a-f]+)/.exec(signed.headers.authorization)[1];
}

/** Splits a request target into its raw path and raw query. */
export function splitTarget(target) {
  const q = target.indexOf("?");
  return q < 0 ? [target, ""] : [target.slice(0, q), target.slice(q + 1)];
}

/**
 * Decodes the query into the map SignatureV4 expects; it encodes names and values again when
 * it builds the canonical query string.
 */
function parseQuery(rawQuery) {
  // No prototype, so a parameter named like an Object method is just a parameter.
  const query = Object.create(null);
  for (const pair of rawQuery.split("&")) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    const name = safeDecode(eq < 0 ? pair : pair.slice(0, eq));
    const value = eq < 0 ? "" : safeDecode(pair.slice(eq + 1));
    if (name in query) query[name] = [query[name], value].flat();
    else query[name] = value;
  }
  return query;
}

function safeDecode(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function sameHex(a, b) {
  const left = Buffer.from(a, "utf8");
  const right = Buffer.from(b, "utf8");
  return left.length === right.length && timingSafeEqual(left, right);
}

function incomplete(message) {
  return new EmulatorError("IncompleteSignatureException", message);
}

function invalid(message) {
  return new EmulatorError("InvalidSignatureException", message);
}

function unrecognized() {
  return new EmulatorError("UnrecognizedClientException", INVALID_TOKEN_MESSAGE);
}
