// The two ways of answering that Node's ServerResponse cannot give, for the hugeBody and
// rawResponse faults: a body streamed under backpressure, counting what the client let
// through, and bytes written straight to the socket (Node drops the body of a 204 and always
// writes valid framing, which is exactly what a broken server does not do).

import { STATUS_CODES } from "node:http";
import { answerHeaders } from "./responses.mjs";
import { HUGE_BODY_FILLER_BYTE, HUGE_BODY_PREFIX } from "./faults.mjs";

/** Small enough that the count of bytes written stays close to what the client took. */
const CHUNK_BYTES = 64 * 1024;

/**
 * Streams a hugeBody answer: HUGE_BODY_PREFIX, then filler, `response.streamBytes` bytes in
 * all. It writes only when the socket has room, so what it could write is what the client
 * (and the kernel's socket buffers) accepted; it stops as soon as the connection closes.
 * @param {import("node:http").ServerResponse} res
 * @param {{status: number, headers: object, streamBytes: number}} response
 * @param {object} context as for answerHeaders
 * @returns {Promise<{requestId: string, bodyBytesWritten: number, bodyComplete: boolean}>}
 *   `bodyBytesWritten` counts body bytes whose write completed (handed to the kernel)
 */
export async function streamHugeBody(res, response, context) {
  const { requestId, headers } = answerHeaders(response, context);
  res.statusCode = response.status;
  for (const [name, value] of headers) res.setHeader(name, value);
  // A write into a connection the client just cut reports an error; that is the expected
  // end of this answer, not a failure of the emulator.
  res.on("error", () => {});

  const total = response.streamBytes;
  const filler = Buffer.alloc(CHUNK_BYTES, HUGE_BODY_FILLER_BYTE);
  const prefix = Buffer.from(HUGE_BODY_PREFIX);
  let gone = false;
  let wake = () => {};
  res.once("close", () => {
    gone = true;
    wake();
  });
  res.on("drain", () => wake());

  let sent = 0;
  let accepted = 0;
  while (sent < total && !gone) {
    const size = Math.min(CHUNK_BYTES, total - sent);
    const piece =
      sent === 0
        ? Buffer.concat([prefix, filler]).subarray(0, size)
        : filler.subarray(0, size);
    sent += size;
    const hasRoom = res.write(piece, (error) => {
      if (!error) accepted += size;
    });
    if (!hasRoom && !gone) await new Promise((resolve) => (wake = resolve));
  }
  if (!gone) {
    await new Promise((resolve) => {
      wake = resolve;
      res.end(resolve);
    });
  }
  // Write callbacks of a connection that was cut run on a later turn; wait for them.
  await new Promise((resolve) => setImmediate(resolve));
  return { requestId, bodyBytesWritten: accepted, bodyComplete: accepted === total };
}

/**
 * Writes a rawResponse answer byte for byte and closes the connection (`Connection: close`),
 * since the HTTP module's own state for this request is left behind.
 * @param {import("node:net").Socket} socket
 * @param {{status: number, headers: object, raw: {reason?: string, body: Buffer}}} response
 * @param {object} context as for answerHeaders
 * @returns {string} the request ID sent
 */
export function writeRawResponse(socket, response, context) {
  const { requestId, headers } = answerHeaders(response, context);
  const reason = response.raw.reason ?? STATUS_CODES[response.status] ?? "";
  const lines = [`HTTP/1.1 ${response.status} ${reason}`];
  for (const [name, value] of headers) lines.push(`${name}: ${value}`);
  lines.push("Connection: close", "", "");
  // latin1 keeps header bytes 0x80-0xFF as single bytes, as the header check allows them.
  socket.end(Buffer.concat([Buffer.from(lines.join("\r\n"), "latin1"), response.raw.body]));
  return requestId;
}
