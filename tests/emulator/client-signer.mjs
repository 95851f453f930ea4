// The client side for the emulator's own tests: builds TerminateStreamSession paths and signs
// requests with @smithy/signature-v4, the AWS SDK for JavaScript's signer, so the emulator is
// tested against the signer real clients use and not against its own verifier.

import { Sha256 } from "@aws-crypto/sha256-js";
import { SignatureV4 } from "@smithy/signature-v4";

/** Percent-encodes one path label: every byte outside A-Za-z0-9-._~ as upper-case %XX. */
export function encodeLabel(label) {
  return encodeURIComponent(label).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** The TerminateStreamSession path for two identifiers, after an optional endpoint prefix. */
export function terminatePath(groupIdentifier, sessionIdentifier, prefix = "") {
  return (
    `${prefix}/streamgroups/${encodeLabel(groupIdentifier)}` +
    `/streamsessions/${encodeLabel(sessionIdentifier)}`
  );
}

/**
 * Signs a request as the JS SDK would, with the fewest headers: host, x-amz-date and, with a
 * session token, x-amz-security-token.
 * @returns {Promise<{method: string, url: string, headers: Record<string, string>}>} headers
 *   with lower-case names, ready for verifySignature or (without host) for fetch
 */
export async function signRequest({
  host,
  path,
  credentials,
  method = "DELETE",
  region = "us-west-2",
  service = "gameliftstreams",
  signingDate = new Date(),
  headers = {},
}) {
  const signer = new SignatureV4({
    credentials,
    region,
    service,
    sha256: Sha256,
    // The SDK adds x-amz-content-sha256 only for S3; GameLift Streams clients do not send it.
    applyChecksum: false,
  });
  const signed = await signer.sign(
    { method, protocol: "http:", hostname: host, path, query: {}, headers: { host, ...headers } },
    { signingDate },
  );
  const lowerCased = {};
  for (const [name, value] of Object.entries(signed.headers)) {
    lowerCased[name.toLowerCase()] = value;
  }
  return { method, url: path, headers: lowerCased };
}

/**
 * Signs a request for the emulator at `baseUrl` and sends it with fetch; `options.signal`,
 * if given, goes to fetch.
 */
export async function sendSigned(baseUrl, options) {
  const target = new URL(options.path, baseUrl);
  const { signal, ...signing } = options;
  const signed = await signRequest({ ...signing, host: target.host, path: target.pathname });
  // fetch derives Host from the URL, which is the value that was signed.
  const { host, ...headers } = signed.headers;
  return fetch(target, { method: signed.method, headers, signal });
}

/** The Signature and SignedHeaders parts of an Authorization header. */
export function authorizationParts(authorization) {
  return {
    signedHeaders: /SignedHeaders=([^,]+)/.exec(authorization)?.[1],
    signature: /Signature=([0-9a-f]+)/.exec(authorization)?.[1],
  };
}
