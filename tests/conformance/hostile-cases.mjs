// Answers from a hostile or broken server, and what the package must make of each. The same
// cases run in Node and in workerd (tests/conformance/hostile-*.test.mjs), so this module
// imports nothing and builds only plain data: the fault rules the emulator is given, the
// client options, and the settled outcome expected (in the shape tests/scenarios.mjs
// `settle` reports). `$metadata` is checked apart, against the emulator's log.

const KIB = 1024;
const MIB = 1024 * KIB;

/** The body of a hugeBody answer: 100 MiB, far past the 64 KiB the package reads. */
export const HUGE_BODY_BYTES = 100 * MIB;
/**
 * The most a hugeBody answer may get out before the client cuts it: the 64 KiB the package
 * reads, plus what the runtime reads ahead and the kernel's socket buffers hold (a few MiB on
 * loopback). A client that read the whole body would let all 100 MiB through.
 */
export const HUGE_BODY_WRITTEN_LIMIT = 16 * MIB;

/** A 10,000-character error code, of characters a code may hold. */
export const LONG_CODE = `Long${"Code".repeat(2499)}`;

const DEPTH = 10_000;
const deepArray = "[".repeat(DEPTH) + "]".repeat(DEPTH);
const deepObjectWithType = '{"a":'.repeat(DEPTH - 1) + '{"__type":"ThrottlingException"}' +
  "}".repeat(DEPTH - 1);

/** Bytes as base64, without Buffer (this module also runs in workerd). */
function base64(bytes) {
  return btoa(String.fromCharCode(...bytes));
}

/** UTF-8 of `text` with the raw byte sequences of `holes` (arrays) put at each `\u0000`. */
function bytesWithHoles(text, ...holes) {
  const parts = text.split("\u0000");
  const out = [];
  parts.forEach((part, i) => {
    out.push(...new TextEncoder().encode(part));
    if (i < holes.length) out.push(...holes[i]);
  });
  return out;
}

const INVALID_UTF8_BODY = bytesWithHoles(
  '{"__type":"ValidationException","message":"bad \u0000 bytes \u0000 end"}',
  [0xff, 0xfe],
  [0xc3, 0x28],
);

const REDIRECT_MESSAGE = (status) =>
  `The service answered with a redirect (HTTP ${status}); it is not followed, since the ` +
  "signature covers one host and path only";

/** The error classes an outcome is an instance of, besides Error. */
const SERVICE_BASE = ["GameLiftStreamsServiceException"];

function rejected(name, message, fault, classes) {
  return { settled: "rejected", name, message, fault, classes };
}

/**
 * Every case. `faults(ctx)` gets `{redirectOrigin}` (a second server on another host);
 * `status` is the HTTP status of the last attempt; `attempts` how many requests it takes;
 * `expectIn` replaces `expect` in a runtime whose own fetch makes the difference.
 */
export const HOSTILE_CASES = [
  {
    name: "a 100 MiB error body is read no further than a bounded prefix",
    faults: () => [
      { kind: "hugeBody", status: 400, errorType: "ValidationException", bytes: HUGE_BODY_BYTES },
    ],
    status: 400,
    attempts: 1,
    huge: true,
    expect: rejected("ValidationException", "ValidationException (HTTP 400)", "client", [
      ...SERVICE_BASE,
      "ValidationException",
    ]),
  },
  {
    name: "a 100 MiB 503 body, retried three times, each cut short",
    // Three attempts is the client's default.
    faults: () => [{ kind: "hugeBody", status: 503, bytes: HUGE_BODY_BYTES, times: 3 }],
    status: 503,
    attempts: 3,
    huge: true,
    expect: rejected(
      "UnknownError",
      "The service answered HTTP 503 without an error code",
      "server",
      SERVICE_BASE,
    ),
  },
  {
    name: "a 200 with a 100 MiB body is a success and the body is not read",
    faults: () => [{ kind: "hugeBody", status: 200, bytes: HUGE_BODY_BYTES }],
    status: 200,
    attempts: 1,
    huge: true,
    expect: { settled: "resolved" },
  },
  {
    name: "an error body that is not UTF-8 still gives its code and a repaired message",
    faults: () => [
      {
        kind: "rawResponse",
        status: 400,
        headers: { "Content-Type": "application/json" },
        bodyBase64: base64(INVALID_UTF8_BODY),
      },
    ],
    status: 400,
    attempts: 1,
    expect: rejected("ValidationException", "bad \ufffd\ufffd bytes \ufffd( end", "client", [
      ...SERVICE_BASE,
      "ValidationException",
    ]),
  },
  {
    name: "an error code header with a byte that is not UTF-8 gives a typed error",
    faults: () => [
      {
        kind: "rawResponse",
        status: 400,
        headers: { "x-amzn-ErrorType": "Bad\xffCode" },
        body: "",
      },
    ],
    status: 400,
    attempts: 1,
    // The package sees the header only as the runtime's Headers decode it: Node (undici)
    // decodes bytes as Latin-1, as the Fetch standard says, and workerd as UTF-8 with U+FFFD
    // for the stray byte.
    expect: rejected("Bad\u00ffCode", "Bad\u00ffCode (HTTP 400)", "client", SERVICE_BASE),
    expectIn: {
      workerd: rejected("Bad\ufffdCode", "Bad\ufffdCode (HTTP 400)", "client", SERVICE_BASE),
    },
  },
  {
    name: "JSON nested 10,000 deep beside the code: the code and message still count",
    faults: () => [
      {
        kind: "status",
        status: 400,
        body: `{"__type":"ValidationException","message":"deep","nested":${deepArray}}`,
      },
    ],
    status: 400,
    attempts: 1,
    expect: rejected("ValidationException", "deep", "client", [
      ...SERVICE_BASE,
      "ValidationException",
    ]),
  },
  {
    name: "a top-level array nested 10,000 deep carries no code",
    faults: () => [{ kind: "status", status: 400, body: deepArray }],
    status: 400,
    attempts: 1,
    expect: rejected(
      "UnknownError",
      "The service answered HTTP 400 without an error code",
      "client",
      SERVICE_BASE,
    ),
  },
  {
    name: "a __type 10,000 objects deep is not the top-level __type",
    faults: () => [{ kind: "status", status: 400, body: deepObjectWithType }],
    status: 400,
    attempts: 1,
    expect: rejected(
      "UnknownError",
      "The service answered HTTP 400 without an error code",
      "client",
      SERVICE_BASE,
    ),
  },
  {
    name: "a 10,000-character error code in x-amzn-ErrorType",
    faults: () => [
      { kind: "status", status: 400, errorType: LONG_CODE, message: "long code in the header" },
    ],
    status: 400,
    attempts: 1,
    expect: rejected(LONG_CODE, "long code in the header", "client", SERVICE_BASE),
  },
  {
    name: "a 10,000-character error code in the body's code",
    faults: () => [
      {
        kind: "status",
        status: 400,
        body: JSON.stringify({ code: LONG_CODE, message: "long code in the body" }),
      },
    ],
    status: 400,
    attempts: 1,
    expect: rejected(LONG_CODE, "long code in the body", "client", SERVICE_BASE),
  },
  {
    name: "a 204 with a body is a success",
    faults: () => [{ kind: "rawResponse", status: 204, body: '{"message":"not empty"}' }],
    status: 204,
    attempts: 1,
    expect: { settled: "resolved" },
  },
  {
    name: "a 200 instead of 204 is a success",
    faults: () => [{ kind: "status", status: 200, body: "{}" }],
    status: 200,
    attempts: 1,
    expect: { settled: "resolved" },
  },
  ...[301, 302, 303, 307, 308].map((status) => ({
    name: `a ${status} to another host is a final error and is not followed`,
    faults: ({ redirectOrigin }) => [
      {
        kind: "status",
        status,
        headers: { Location: `${redirectOrigin}/streamgroups/elsewhere/streamsessions/x` },
      },
    ],
    status,
    attempts: 1,
    redirect: true,
    expect: rejected("UnknownError", REDIRECT_MESSAGE(status), "client", SERVICE_BASE),
  })),
];
