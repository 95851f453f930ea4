// The faults that stand for a hostile or broken server: hugeBody (a body streamed under
// backpressure, with a count of what the client let through) and rawResponse (bytes written
// straight to the socket). The raw bytes are read with node:net, because fetch would hide
// exactly what these faults are about: a body after a 204, bytes that are not UTF-8.

import assert from "node:assert/strict";
import net from "node:net";
import { after, before, beforeEach, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import * as admin from "./admin.mjs";
import { sendSigned, terminatePath } from "./client-signer.mjs";
import {
  DEMO_CREDENTIALS,
  SEED_ACTIVE_SESSION_ID,
  SEED_STREAM_GROUP_ID,
  startEmulator,
} from "./emulator.mjs";

const FIRST = terminatePath(SEED_STREAM_GROUP_ID, SEED_ACTIVE_SESSION_ID);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const MIB = 1024 * 1024;

let emulator;
before(async () => {
  emulator = await startEmulator({ seed: true, terminateDelayMs: 60_000 });
});
after(() => emulator.close());
beforeEach(() => admin.reset(emulator.url));

function send(options = {}) {
  return sendSigned(emulator.url, { path: FIRST, credentials: DEMO_CREDENTIALS, ...options });
}

/** The only log entry, once the emulator is done with it (a stream ends after the client). */
async function settledEntry() {
  const deadline = Date.now() + 5000;
  let log = await admin.listRequests(emulator.url);
  while (log.some((entry) => entry.pending) && Date.now() < deadline) {
    await sleep(10);
    log = await admin.listRequests(emulator.url);
  }
  assert.equal(log.length, 1);
  assert.equal(log[0].pending, undefined, "the emulator never finished the answer");
  return log[0];
}

/** Sends an unsigned request over a plain socket and resolves every byte until the close. */
function rawExchange(requestText) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    const socket = net.connect(emulator.port, "127.0.0.1", () => socket.write(requestText));
    socket.on("data", (chunk) => chunks.push(chunk));
    socket.on("end", () => resolve(Buffer.concat(chunks)));
    socket.on("error", reject);
  });
}

function rawDelete() {
  return rawExchange(`DELETE ${FIRST} HTTP/1.1\r\nHost: 127.0.0.1:${emulator.port}\r\n\r\n`);
}

/** Splits a raw answer into its status line, headers (name -> value) and body bytes. */
function parseRaw(bytes) {
  const end = bytes.indexOf("\r\n\r\n");
  const [statusLine, ...lines] = bytes.subarray(0, end).toString("latin1").split("\r\n");
  const headers = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 2);
  }
  return { statusLine, headers, body: bytes.subarray(end + 4) };
}

/** Asserts that each rule is refused with its message, alone in a batch. */
async function assertRefusals(refusals) {
  for (const [rule, message] of refusals) {
    await assert.rejects(admin.setFaults(emulator.url, [rule]), (error) => {
      assert.equal(
        error.message,
        `emulator admin POST faults: 400 ValidationException ${JSON.stringify({ message })}`,
      );
      return true;
    });
  }
}

describe("hugeBody", () => {
  test("read whole: prefix and filler, `bytes` in all, logged complete", async () => {
    const bytes = 300_000;
    await admin.setFaults(emulator.url, [
      { kind: "hugeBody", status: 400, errorType: "ValidationException", bytes },
    ]);
    const response = await send();
    assert.equal(response.status, 400);
    assert.equal(response.headers.get("x-amzn-errortype"), "ValidationException");
    assert.equal(response.headers.get("content-type"), "application/json");
    assert.equal(response.headers.get("content-length"), String(bytes));
    assert.match(response.headers.get("x-amzn-requestid"), UUID);
    const body = await response.text();
    assert.equal(body, '{"message":"' + "x".repeat(bytes - 12));

    const entry = await settledEntry();
    assert.equal(entry.fault, "hugeBody");
    assert.equal(entry.status, 400);
    assert.equal(entry.errorType, "ValidationException");
    assert.equal(entry.requestId, response.headers.get("x-amzn-requestid"));
    assert.equal(entry.bodyBytesWritten, bytes);
    assert.equal(entry.bodyComplete, true);
    assert.equal(entry.auth, "valid");
  });

  test("cancelled after 64 KiB: the stream stops, the log counts what got out", async () => {
    const bytes = 100 * MIB;
    await admin.setFaults(emulator.url, [{ kind: "hugeBody", status: 500, bytes }]);
    const started = performance.now();
    const response = await send();
    const reader = response.body.getReader();
    let read = 0;
    while (read < 64 * 1024) read += (await reader.read()).value.length;
    await reader.cancel();

    const entry = await settledEntry();
    const elapsed = performance.now() - started;
    assert.equal(entry.status, 500);
    assert.equal(entry.bodyComplete, false);
    // What sits in the kernel's socket buffers counts as written, so the bound is loose; it
    // is still a small part of the 100 MiB the server would have sent.
    assert.ok(entry.bodyBytesWritten >= 64 * 1024, `${entry.bodyBytesWritten} bytes written`);
    assert.ok(entry.bodyBytesWritten < 16 * MIB, `${entry.bodyBytesWritten} bytes written`);
    assert.ok(elapsed < 5000, `the stream ended ${elapsed} ms after it started`);
  });

  test("refused: bytes out of range or missing, status missing for an unknown code", async () => {
    const range = "faults[0].bytes must be a whole number from 12 to 1073741824.";
    await assertRefusals([
      [{ kind: "hugeBody", status: 500 }, range],
      [{ kind: "hugeBody", status: 500, bytes: 2 ** 31 }, range],
      [
        { kind: "hugeBody", bytes: 100 },
        "faults[0].status is required unless errorType is a known code.",
      ],
      [
        { kind: "hugeBody", bytes: 100, status: 500, then: { kind: "drop" } },
        "faults[0] a hugeBody fault has no field 'then'.",
      ],
    ]);
  });
});

describe("rawResponse", () => {
  test("a 204 with a body: the bytes go out as given, framed by the given length", async () => {
    const body = '{"message":"not empty"}';
    await admin.setFaults(emulator.url, [{ kind: "rawResponse", status: 204, body }]);
    const answer = parseRaw(await rawDelete());
    assert.equal(answer.statusLine, "HTTP/1.1 204 No Content");
    assert.equal(answer.headers["content-length"], String(body.length));
    assert.equal(answer.headers.connection, "close");
    assert.match(answer.headers["x-amzn-requestid"], UUID);
    assert.ok(answer.headers.date);
    assert.equal(answer.body.toString("utf8"), body);

    const entry = await settledEntry();
    assert.deepEqual(
      [entry.fault, entry.status, entry.requestId, entry.auth],
      [
        "rawResponse",
        204,
        answer.headers["x-amzn-requestid"],
        "MissingAuthenticationTokenException",
      ],
    );
  });

  test("bodyBase64 sends bytes that are not UTF-8; a named Content-Length stays", async () => {
    const bytes = Buffer.from([0x7b, 0xff, 0xfe, 0xc3, 0x28, 0x7d]);
    await admin.setFaults(emulator.url, [
      {
        kind: "rawResponse",
        status: 400,
        reason: "Odd",
        headers: { "x-amzn-ErrorType": "ValidationException", "content-length": "6" },
        bodyBase64: bytes.toString("base64"),
      },
    ]);
    const answer = parseRaw(await rawDelete());
    assert.equal(answer.statusLine, "HTTP/1.1 400 Odd");
    assert.equal(answer.headers["x-amzn-errortype"], "ValidationException");
    assert.equal(answer.headers["content-length"], "6");
    assert.deepEqual([...answer.body], [...bytes]);
    // Like every terminal fault, it answers before the service: the session is untouched.
    const session = await admin.getStreamSession(
      emulator.url,
      SEED_STREAM_GROUP_ID,
      SEED_ACTIVE_SESSION_ID,
    );
    assert.equal(session.status, "ACTIVE");
  });

  test("refused: status out of range, body with bodyBase64, bad base64 or reason", async () => {
    await assertRefusals([
      [
        { kind: "rawResponse", status: 99 },
        "faults[0].status must be a whole number from 100 to 599.",
      ],
      [
        { kind: "rawResponse", status: 200, body: "a", bodyBase64: "YQ==" },
        "faults[0] takes body or bodyBase64, not both.",
      ],
      [
        { kind: "rawResponse", status: 200, bodyBase64: "not base64!" },
        "faults[0].bodyBase64 must be base64.",
      ],
      [
        { kind: "rawResponse", status: 200, reason: "a\r\nb: c" },
        "faults[0].reason must be printable ASCII without line breaks.",
      ],
    ]);
  });
});
