// The end-to-end cases every runtime runs: Node, a Chromium page, a Chromium dedicated Web
// Worker and workerd. It uses only what all four share and imports nothing: the harness hands
// it the package's module namespace and the emulator details, and it hands back plain data
// that survives `JSON.stringify`, structured clone and `page.evaluate` unchanged. The
// harnesses assert on that data with node:assert (tests/support/expectations.mjs), so what is
// right is written once for every runtime.

/** Stands in for `undefined`, which JSON would drop; a harness compares against it. */
export const UNDEFINED = "<undefined>";

/** The region the emulator and every client in these cases use. */
export const REGION = "us-west-2";

/** The account the emulator puts in every ARN it builds. */
export const ACCOUNT_ID = "111122223333";

/** The error classes the package must export, base classes first. */
export const ERROR_CLASS_NAMES = Object.freeze([
  "GameLiftStreamsServiceException",
  "ResourceNotFoundException",
  "AccessDeniedException",
  "ThrottlingException",
  "InternalServerException",
  "ValidationException",
  "GameLiftStreamsClientError",
  "InputValidationError",
  "ConfigurationError",
  "NetworkError",
]);

/** A wrong secret for the emulator's demo key: the emulator must answer 403. */
export const WRONG_SECRET = "thisIsNotTheEmulatorSecret/000000000000000";

/** The ARN of a stream group in the emulator's account. */
export function streamGroupArn(streamGroupId) {
  return `arn:aws:gameliftstreams:${REGION}:${ACCOUNT_ID}:streamgroup/${streamGroupId}`;
}

/** The ARN of a stream session in the emulator's account. */
export function streamSessionArn(streamGroupId, sessionId) {
  const prefix = `arn:aws:gameliftstreams:${REGION}:${ACCOUNT_ID}`;
  return `${prefix}:streamsession/${streamGroupId}/${sessionId}`;
}

/**
 * Inputs the package must refuse before signing or sending. `marker` is a valid ID unique to
 * one run, placed in the other member so that a request that leaks out anyway is found in the
 * emulator's log by its path.
 */
export function badInputs(streamGroupId, marker) {
  return [
    {
      label: "empty Identifier",
      input: { Identifier: "", StreamSessionIdentifier: marker },
      field: "Identifier",
    },
    {
      label: "dot-dot StreamSessionIdentifier",
      input: { Identifier: marker, StreamSessionIdentifier: ".." },
      field: "StreamSessionIdentifier",
    },
    {
      label: "129-character Identifier",
      input: {
        Identifier: marker + "a".repeat(129 - marker.length),
        StreamSessionIdentifier: marker,
      },
      field: "Identifier",
    },
    {
      label: "missing StreamSessionIdentifier",
      input: { Identifier: marker },
      field: "StreamSessionIdentifier",
    },
    {
      label: "number as Identifier",
      input: { Identifier: 1234567890, StreamSessionIdentifier: marker },
      field: "Identifier",
    },
    {
      label: "number as StreamSessionIdentifier",
      input: { Identifier: streamGroupId, StreamSessionIdentifier: 42 },
      field: "StreamSessionIdentifier",
    },
  ];
}

/** Copies a value into plain data, writing `undefined` as {@link UNDEFINED}. */
export function plain(value) {
  if (value === undefined) return UNDEFINED;
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(plain);
  const copy = {};
  for (const key of Object.keys(value)) copy[key] = plain(value[key]);
  return copy;
}

/** What a harness needs to know about a rejection, including every `instanceof` answer. */
export function describeError(error, pkg) {
  if (error === null || typeof error !== "object") {
    return { notAnObject: true, typeOf: typeof error, text: String(error) };
  }
  const instanceOf = { Error: error instanceof Error };
  for (const name of ERROR_CLASS_NAMES) {
    instanceOf[name] = typeof pkg[name] === "function" && error instanceof pkg[name];
  }
  return {
    name: plain(error.name),
    message: plain(error.message),
    constructorName: plain(error.constructor && error.constructor.name),
    fault: plain(error.$fault),
    metadata: plain(error.$metadata),
    field: plain(error.field),
    instanceOf,
  };
}

/**
 * Calls `terminateStreamSession` and records how it settled. `threwSynchronously` is kept
 * apart from a rejection because the contract is that every failure rejects.
 */
export async function settle(client, input, pkg) {
  let promise;
  try {
    promise = client.terminateStreamSession(input);
  } catch (error) {
    return { settled: "threw", threwSynchronously: true, error: describeError(error, pkg) };
  }
  const isPromise =
    promise !== null && typeof promise === "object" && typeof promise.then === "function";
  try {
    const output = await promise;
    return {
      settled: "resolved",
      threwSynchronously: false,
      returnedPromise: isPromise,
      outputKeys: output && typeof output === "object" ? Object.keys(output).sort() : [],
      output: plain(output),
    };
  } catch (error) {
    return {
      settled: "rejected",
      threwSynchronously: false,
      returnedPromise: isPromise,
      error: describeError(error, pkg),
    };
  }
}

/** Constructs a client, recording a constructor failure instead of throwing it. */
function makeClient(pkg, config) {
  try {
    return { client: new pkg.GameLiftStreamsClient(config) };
  } catch (error) {
    return { constructorError: describeError(error, pkg) };
  }
}

/** Runs one call with a fresh client, so a constructor failure shows up as that case's result. */
async function callWith(pkg, config, input) {
  const made = makeClient(pkg, config);
  if (made.constructorError) return { settled: "constructor-threw", error: made.constructorError };
  return settle(made.client, input, pkg);
}

/** Facts about the global scope, so a harness can prove where the cases ran. */
export function describeRuntime() {
  return {
    hasWindow: typeof window !== "undefined",
    hasDocument: typeof document !== "undefined",
    isDedicatedWorker: typeof DedicatedWorkerGlobalScope !== "undefined" &&
      globalThis instanceof DedicatedWorkerGlobalScope,
    hasProcess: typeof process !== "undefined",
    userAgent: typeof navigator !== "undefined" ? plain(navigator.userAgent) : UNDEFINED,
  };
}

/**
 * Runs every case against the emulator.
 *
 * @param {object} pkg the package's module namespace
 * @param {object} options
 * @param {string} options.endpoint the emulator URL, e.g. `http://127.0.0.1:1234`
 * @param {object} options.credentials the emulator's demo key
 * @param {object} options.tokenCredentials a key the emulator knows with a session token
 * @param {object} options.fixtures the sessions made for this run (see tests/support/fixtures.mjs)
 */
export async function runScenarios(pkg, { endpoint, credentials, tokenCredentials, fixtures }) {
  const config = { region: REGION, credentials, endpoint };
  const groupId = fixtures.streamGroupId;
  const results = {
    runtime: describeRuntime(),
    exportNames: Object.keys(pkg).sort(),
    exportTypes: Object.fromEntries(
      ["GameLiftStreamsClient", ...ERROR_CLASS_NAMES].map((name) => [name, typeof pkg[name]]),
    ),
  };

  results.successById = await callWith(pkg, config, {
    Identifier: groupId,
    StreamSessionIdentifier: fixtures.byId,
  });

  results.successByArn = await callWith(pkg, config, {
    Identifier: streamGroupArn(groupId),
    StreamSessionIdentifier: streamSessionArn(groupId, fixtures.byArn),
  });

  results.notFound = await callWith(pkg, config, {
    Identifier: groupId,
    StreamSessionIdentifier: fixtures.missing,
  });

  results.wrongSecret = await callWith(
    pkg,
    { ...config, credentials: { ...credentials, secretAccessKey: WRONG_SECRET } },
    { Identifier: groupId, StreamSessionIdentifier: fixtures.wrongSecret },
  );

  results.sessionToken = await callWith(
    pkg,
    { ...config, credentials: tokenCredentials },
    { Identifier: groupId, StreamSessionIdentifier: fixtures.withToken },
  );

  // One client for all bad inputs: a refused input must leave the client usable.
  const made = makeClient(pkg, config);
  results.badInput = [];
  for (const { label, input } of badInputs(groupId, fixtures.marker)) {
    const outcome = made.client
      ? await settle(made.client, input, pkg)
      : { settled: "constructor-threw", error: made.constructorError };
    results.badInput.push({ label, ...outcome });
  }
  const afterInput = { Identifier: groupId, StreamSessionIdentifier: fixtures.afterBadInput };
  results.afterBadInput = made.client
    ? await settle(made.client, afterInput, pkg)
    : { settled: "constructor-threw", error: made.constructorError };

  return results;
}
