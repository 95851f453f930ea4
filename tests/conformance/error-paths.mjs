// Every way a call can fail, each as a small recipe: the emulator's fault plan, the client's
// configuration and the call. tests/conformance/secret-hygiene.test.mjs runs them all with
// secrets of its own and searches every trace of every failure for those secrets.
//
// A recipe is {name, expect, faults?, config?, input?, options?}: `config` is merged over the
// base configuration (region, a key with a session token, the emulator as endpoint, a logger)
// and may be a function of the emulator's URL; `input`, when present, replaces the base input
// (a seeded session); `options` may be a function, so a signal is made when the recipe runs;
// `expect` is the error's name.

import { SEED_ACTIVATING_SESSION_ID, SEED_STREAM_GROUP_ID } from "../emulator/emulator.mjs";
import { HOSTILE_CASES } from "./hostile-cases.mjs";

const PAST = () => new Date(Date.now() - 60_000);

/**
 * @param {object} ctx `keys` ({withToken, withoutToken, expired, wrongSecret}), `closedPort`
 *   (nothing listens there), `redirectOrigin`
 */
export function errorPaths(ctx) {
  const { withToken, withoutToken, expired, wrongSecret } = ctx.keys;
  const throwing = (value) => () => {
    throw value;
  };
  // Builders for the one-line recipes of each group.
  const badInput = (name, input) => ({ name, expect: "InputValidationError", input });
  const badConfig = (name, config) => ({ name, expect: "ConfigurationError", config });
  const badCredentials = (name, credentials) => ({
    name,
    expect: "CredentialsError",
    config: { credentials },
  });
  const userInfo = `${withToken.accessKeyId}:${encodeURIComponent(withToken.secretAccessKey)}@`;
  return [
    // Bad input: refused before anything is signed.
    badInput("input missing", undefined),
    badInput("input a string", "sg-1"),
    badInput("Identifier missing", { StreamSessionIdentifier: "a" }),
    badInput("Identifier empty", { Identifier: "", StreamSessionIdentifier: "a" }),
    badInput("Identifier with a space", { Identifier: "a b", StreamSessionIdentifier: "a" }),
    badInput("Identifier 129 characters", {
      Identifier: "a".repeat(129),
      StreamSessionIdentifier: "a",
    }),
    badInput("Identifier a lone surrogate", { Identifier: "\ud800", StreamSessionIdentifier: "a" }),
    badInput("StreamSessionIdentifier a number", { Identifier: "a", StreamSessionIdentifier: 7 }),
    { name: "call options not an object", expect: "InputValidationError", options: "fast" },

    // Bad configuration.
    badConfig("region missing", { region: undefined }),
    badConfig("region not a host label", { region: "us-west-2.evil.com" }),
    badConfig("region a number", { region: 5 }),
    badConfig("endpoint unparsable", { endpoint: "not a url" }),
    badConfig("endpoint of another scheme", { endpoint: "ftp://127.0.0.1/" }),
    badConfig("endpoint carrying the key and secret as user information", (url) => ({
      endpoint: url.replace("//", `//${userInfo}`),
    })),
    badConfig("FIPS with a custom endpoint", { useFipsEndpoint: true }),
    badConfig("maxAttempts 0", { maxAttempts: 0 }),
    badConfig("retryMode adaptive", { retryMode: "adaptive" }),
    badConfig("requestTimeoutMs negative", { requestTimeoutMs: -1 }),
    badConfig("plain http to another host", { endpoint: "http://example.com" }),
    badConfig("plain http to a private address", { endpoint: "http://10.0.0.1:4510" }),

    // Bad credentials, static or from a provider.
    badCredentials("credentials missing", undefined),
    badCredentials("credentials a string", withToken.secretAccessKey),
    badCredentials("accessKeyId missing", { secretAccessKey: withToken.secretAccessKey }),
    badCredentials("secretAccessKey missing", { accessKeyId: withToken.accessKeyId }),
    badCredentials("secretAccessKey a number", { ...withToken, secretAccessKey: 12345 }),
    badCredentials("secretAccessKey with a space in it", {
      ...withToken,
      secretAccessKey: `${withToken.secretAccessKey} x`,
    }),
    badCredentials("sessionToken with a line break in it", {
      ...withToken,
      sessionToken: `${withToken.sessionToken}\n`,
    }),
    badCredentials("accessKeyId holding the secret", {
      ...withToken,
      accessKeyId: withToken.secretAccessKey,
    }),
    badCredentials("provider throws an Error", throwing(new Error("provider failed"))),
    badCredentials("provider throws a string", throwing("provider failed")),
    badCredentials("provider rejects", async () => Promise.reject(new Error("no"))),
    badCredentials("provider returns null", async () => null),
    badCredentials("provider returns a malformed secret", async () => ({
      ...withToken,
      secretAccessKey: `${withToken.secretAccessKey}\u00e9`,
    })),
    badCredentials("provider returns credentials already expired", async () => ({
      ...withToken,
      expiration: PAST(),
    })),

    // No HTTP answer.
    {
      name: "connection refused",
      expect: "NetworkError",
      config: { endpoint: `http://127.0.0.1:${ctx.closedPort}` },
    },
    {
      name: "connection dropped on every attempt",
      expect: "NetworkError",
      faults: [{ kind: "drop", times: -1 }],
    },
    {
      name: "every attempt times out",
      expect: "TimeoutError",
      faults: [{ kind: "delay", ms: 400, times: -1 }],
      config: { requestTimeoutMs: 40, maxAttempts: 2 },
    },
    {
      name: "aborted before the call",
      expect: "AbortError",
      options: () => ({ abortSignal: AbortSignal.abort(new Error("stop")) }),
    },
    {
      name: "aborted during the request",
      expect: "AbortError",
      faults: [{ kind: "delay", ms: 400 }],
      options: () => ({ abortSignal: AbortSignal.timeout(40) }),
    },
    {
      name: "aborted while waiting to retry after throttling",
      expect: "AbortError",
      faults: [{ kind: "status", errorType: "ThrottlingException", times: -1 }],
      options: () => ({ abortSignal: AbortSignal.timeout(150) }),
    },

    // The service's answers.
    {
      name: "ResourceNotFoundException",
      expect: "ResourceNotFoundException",
      input: { Identifier: SEED_STREAM_GROUP_ID, StreamSessionIdentifier: "NotThere0001" },
    },
    {
      name: "ValidationException",
      expect: "ValidationException",
      input: {
        Identifier: SEED_STREAM_GROUP_ID,
        StreamSessionIdentifier: SEED_ACTIVATING_SESSION_ID,
      },
    },
    {
      name: "AccessDeniedException",
      expect: "AccessDeniedException",
      faults: [{ kind: "status", errorType: "AccessDeniedException", times: -1 }],
    },
    {
      name: "ThrottlingException",
      expect: "ThrottlingException",
      faults: [{ kind: "status", errorType: "ThrottlingException", times: -1 }],
      config: { maxAttempts: 1 },
    },
    {
      name: "InternalServerException, retried",
      expect: "InternalServerException",
      faults: [{ kind: "status", errorType: "InternalServerException", times: -1 }],
    },
    {
      name: "InvalidSignatureException (wrong secret)",
      expect: "InvalidSignatureException",
      config: { credentials: wrongSecret },
    },
    {
      name: "UnrecognizedClientException (unknown key)",
      expect: "UnrecognizedClientException",
      config: { credentials: { ...withoutToken, accessKeyId: "AKIAUNKNOWNKEY000001" } },
    },
    {
      name: "ExpiredTokenException",
      expect: "ExpiredTokenException",
      config: { credentials: expired },
    },
    {
      name: "Signature expired (server clock 10 minutes ahead, one attempt)",
      expect: "InvalidSignatureException",
      faults: [{ kind: "clockSkew", offsetMs: 600_000 }],
      config: { maxAttempts: 1 },
    },
    {
      name: "HTML 503 on every attempt",
      expect: "UnknownError",
      faults: [{ kind: "html503", times: -1 }],
    },
    {
      name: "empty 502 on every attempt",
      expect: "UnknownError",
      faults: [{ kind: "empty5xx", times: -1 }],
    },

    // Hostile answers (the error cases of hostile-cases.mjs).
    ...HOSTILE_CASES.filter((hostile) => hostile.expect.settled === "rejected").map((hostile) => ({
      name: `hostile: ${hostile.name}`,
      expect: hostile.expect.name,
      faults: hostile.faults({ redirectOrigin: ctx.redirectOrigin }),
    })),
  ];
}
