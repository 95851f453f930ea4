// The inputs the package and the AWS SDK both send in the differential check. Generated, not
// listed: every character the model's pattern admits in an ARN's free parts, an ARN for every
// region of every partition, the longest identifiers, and random ones from a fixed seed, so a
// run is repeatable. Each input says which status the emulator must answer it with.
//
// The pattern: (^[a-zA-Z0-9-]+$)|(^arn:aws:gameliftstreams:([^: ]*):([0-9]{12}):([^: ]*)$),
// 1 to 128 characters. "[^: ]" is any character but ':' and ' ', so the free parts may hold
// control characters, '%', '?', '#', '/', '.', and anything beyond ASCII.

export const ARN_PREFIX = "arn:aws:gameliftstreams:";
/** The account in ARNs that name nothing in the emulator. */
export const OTHER_ACCOUNT = "123456789012";
export const MAX_CHARS = 128;

const ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-";

/** A small seeded generator (mulberry32), so the random inputs are the same every run. */
export function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const codePoints = (text) => [...text].length;

/**
 * The emulator's answer to an unregistered identifier that the pattern admits: 404, unless a
 * label is longer than 128 UTF-16 code units. The emulator (like a JVM service) counts those,
 * while the package counts characters as Smithy's length trait does, so an ARN of 128
 * characters beyond the Basic Multilingual Plane is sent by both clients and refused by the
 * emulator with 400.
 */
function unregisteredStatus(...labels) {
  return labels.some((label) => label.length > MAX_CHARS) ? 400 : 404;
}

function arnInput(label, region, resource, sessionRegion, sessionResource) {
  const Identifier = `${ARN_PREFIX}${region}:${OTHER_ACCOUNT}:${resource}`;
  const StreamSessionIdentifier =
    `${ARN_PREFIX}${sessionRegion}:${OTHER_ACCOUNT}:${sessionResource}`;
  return {
    label,
    input: { Identifier, StreamSessionIdentifier },
    status: unregisteredStatus(Identifier, StreamSessionIdentifier),
  };
}

/** One character `c` in both free parts of both labels, at the edges and inside. */
function characterInput(label, c) {
  return arnInput(label, `r${c}`, `streamgroup/${c}`, c, `streamsession/g${c}/${c}${c}`);
}

/** Every ASCII character the free parts admit: 126 of the 128 (not ':' or ' '). */
function asciiInputs() {
  const inputs = [];
  for (let code = 0; code < 128; code++) {
    const c = String.fromCharCode(code);
    if (c === ":" || c === " ") continue;
    inputs.push(characterInput(`ASCII 0x${code.toString(16).padStart(2, "0")}`, c));
  }
  return inputs;
}

/** Beyond ASCII: each UTF-8 length, separators and spaces that are not ' ', BOM, planes. */
const NON_ASCII = [
  "\u0080", "\u00a0", "\u00e9", "\u00ff", "\u0100", "\u07ff", "\u0800", "e\u0301",
  "\u200b", "\u2028", "\u3000", "\ufeff", "\ufffd", "\uffff", "\ue000", "\u4e2d\u6587",
  "\u05e2\u05d1\u05e8\u05d9\u05ea", "\u{10000}", "\u{1f600}", "\u{10ffff}",
];

/** Sequences that look like URL syntax or encoding, where a client might take a shortcut. */
const SEQUENCES = [
  "%", "%25", "%2F", "%2f", "%3A", "%2e%2e", "%%", "%zz", "?a=b&c=d", "#frag", "/", "//",
  "/./", "/../", ".", "..", "a/./b", "a/../b", "+", "=", "&", "+=&", "\r\n", "\\",
  "'\"<>`{}|^[]", "~", ";", "@", "$", "!*'()", "%00\u0000",
];

/** ARNs that fill all 128 characters, with characters of each UTF-8 length. */
function longestInputs() {
  const fill = (filler, prefix) => prefix + filler.repeat(MAX_CHARS - codePoints(prefix));
  const inputs = [];
  for (const [name, filler] of [
    ["ASCII", "x"],
    ["2-byte", "\u00e9"],
    ["3-byte", "\u4e2d"],
    ["4-byte", "\u{1f600}"],
  ]) {
    const Identifier = fill(filler, `${ARN_PREFIX}us-west-2:${OTHER_ACCOUNT}:streamgroup/`);
    const StreamSessionIdentifier = fill(filler, `${ARN_PREFIX}${filler}:${OTHER_ACCOUNT}:`);
    inputs.push({
      label: `longest ARNs, ${name}`,
      input: { Identifier, StreamSessionIdentifier },
      status: unregisteredStatus(Identifier, StreamSessionIdentifier),
    });
  }
  return inputs;
}

/** A pool that holds every class: ASCII the parts admit, controls, BMP, astral. */
function characterPool() {
  const pool = [];
  for (let code = 0; code < 128; code++) {
    const c = String.fromCharCode(code);
    if (c !== ":" && c !== " ") pool.push(c);
  }
  return pool.concat(NON_ASCII.flatMap((text) => [...text]));
}

/** Random ARNs of up to 128 characters from the pool, with a fixed seed. */
function randomArnInputs(random, count) {
  const pool = characterPool();
  const pick = (length) => {
    let text = "";
    for (let i = 0; i < length; i++) text += pool[Math.floor(random() * pool.length)];
    return text;
  };
  const room = MAX_CHARS - codePoints(`${ARN_PREFIX}:${OTHER_ACCOUNT}:`);
  const inputs = [];
  for (let i = 0; i < count; i++) {
    const [a, b, c, d] = [0, 1, 2, 3].map(() => pick(Math.floor(random() * (room / 2 + 1))));
    inputs.push(arnInput(`random ARN ${i + 1}`, a, b, c, d));
  }
  return inputs;
}

/**
 * Inputs that name nothing in the emulator (so both clients get the same 404, or the 400 of
 * unregisteredStatus); `regions` is every region of the SDK's partitions data.
 */
export function unregisteredInputs(regions) {
  const partitionInputs = regions.map((region) =>
    arnInput(
      `ARN in ${region}`,
      region,
      "streamgroup/sg-1AB2C3De4",
      region,
      "streamsession/sg-1AB2C3De4/ABC123def4567",
    ),
  );
  return [
    ...partitionInputs,
    ...asciiInputs(),
    ...NON_ASCII.map((c) => characterInput(`non-ASCII ${JSON.stringify(c)}`, c)),
    ...SEQUENCES.map((text) => characterInput(`sequence ${JSON.stringify(text)}`, text)),
    arnInput("empty free parts", "", "", "", ""),
    ...longestInputs(),
    ...randomArnInputs(seededRandom(0x5eed), 40),
  ];
}

/**
 * Stream group and session IDs to register in the emulator, so both clients succeed: single
 * characters, the whole alphabet, the longest, sizes whose ARNs are exactly 128 characters,
 * and random ones.
 */
export function registeredIds() {
  const random = seededRandom(0x1d5);
  const randomId = (length) => {
    let id = "";
    for (let i = 0; i < length; i++) id += ID_ALPHABET[Math.floor(random() * ID_ALPHABET.length)];
    return id;
  };
  const pairs = [
    ["-", "-"],
    ["a", "Z"],
    ["0", "9"],
    [ID_ALPHABET, [...ID_ALPHABET].reverse().join("")],
    [randomId(128), randomId(128)],
    // Group ARN: 59 + 69 = 128. Session ARN: 61 + 20 + 1 + 46 = 128.
    [randomId(69), randomId(13)],
    [randomId(20), randomId(46)],
  ];
  for (let i = 0; i < 20; i++) {
    const lengths = [1 + Math.floor(random() * 128), 1 + Math.floor(random() * 128)];
    pairs.push(lengths.map(randomId));
  }
  // Each group ID must be new: the emulator refuses a duplicate, so a seed that drew one
  // would fail loudly when the groups are created.
  return pairs.map(([group, session]) => ({ group, session }));
}

/**
 * The inputs for registered IDs: IDs and ARNs in every combination whose members stay within
 * 128 characters. `arns` gives a group's ARN and a session's ARN as the emulator builds them.
 */
export function registeredInputs(pairs, arns) {
  const inputs = [];
  for (const { group, session } of pairs) {
    const groupForms = [["ID", group], ["ARN", arns.group(group)]];
    const sessionForms = [["ID", session], ["ARN", arns.session(group, session)]];
    for (const [groupForm, Identifier] of groupForms) {
      for (const [sessionForm, StreamSessionIdentifier] of sessionForms) {
        if (codePoints(Identifier) > MAX_CHARS) continue;
        if (codePoints(StreamSessionIdentifier) > MAX_CHARS) continue;
        inputs.push({
          label: `registered ${groupForm}/${sessionForm} (${group.length}/${session.length})`,
          input: { Identifier, StreamSessionIdentifier },
          status: 204,
        });
      }
    }
  }
  return inputs;
}
