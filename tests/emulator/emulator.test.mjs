// The emulator over HTTP, as the package's clients meet it: requests signed by the AWS SDK's
// signer and sent with fetch, checked status by status and header by header.

import assert from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import * as admin from "./admin.mjs";
import { sendSigned, terminatePath } from "./client-signer.mjs";
import {
  DEMO_CREDENTIALS,
  SEED_ACTIVATING_SESSION_ID,
  SEED_ACTIVE_SESSION_ID,
  SEED_SECOND_ACTIVE_SESSION_ID,
  SEED_STREAM_GROUP_ID,
  startEmulator,
} from "./emulator.mjs";
import { formatAmzDate, parseAmzDate } from "./sigv4-verify.mjs";

const CORAL = ":http://internal.amazon.com/coral/com.amazon.coral.service/";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const SESSION_TOKEN = "EMULATORTESTSESSIONTOKEN";
const TEMPORARY_KEY = {
  accessKeyId: "ASIAEMULATORTEMP0001",
  secretAccessKey: "emulatorTemporarySecret/00000000000000000",
  sessionToken: SESSION_TOKEN,
};
const SEED_ARN_PREFIX = "arn:aws:gameliftstreams:us-west-2:111122223333";
const SEED_GROUP_ARN = `${SEED_ARN_PREFIX}:streamgroup/${SEED_STREAM_GROUP_ID}`;
const seedSessionArn = (id) => `${SEED_ARN_PREFIX}:streamsession/${SEED_STREAM_GROUP_ID}/${id}`;

let emulator;
before(async () => {
  emulator = await startEmulator({
    seed: true,
    terminateDelayMs: 300,
    credentials: [DEMO_CREDENTIALS, TEMPORARY_KEY],
  });
});
after(() => emulator.close());
beforeEach(() => admin.reset(emulator.url));

function terminate(group, session, options = {}) {
  return sendSigned(emulator.url, {
    path: terminatePath(group, session, options.prefix),
    credentials: DEMO_CREDENTIALS,
    ...options,
  });
}

async function statusOf(sessionId, group = SEED_STREAM_GROUP_ID) {
  return (await admin.getStreamSession(emulator.url, group, sessionId)).status;
}

/** Checks an AWS error answer: status, x-amzn-ErrorType, JSON content type and message. */
async function assertError(response, status, errorType, message) {
  assert.equal(response.status, status);
  assert.equal(response.headers.get("x-amzn-errortype"), errorType);
  assert.equal(response.headers.get("content-type"), "application/json");
  const body = await response.json();
  if (message instanceof RegExp) assert.match(body.message, message);
  else assert.deepEqual(body, { message });
  return body;
}

describe("TerminateStreamSession", () => {
  test("by IDs: 204 with no body, then ACTIVE -> TERMINATING -> TERMINATED", async () => {
    assert.equal(await statusOf(SEED_ACTIVE_SESSION_ID), "ACTIVE");
    const response = await terminate(SEED_STREAM_GROUP_ID, SEED_ACTIVE_SESSION_ID);
    assert.equal(response.status, 204);
    assert.equal(await response.text(), "");
    assert.equal(await statusOf(SEED_ACTIVE_SESSION_ID), "TERMINATING");

    const deadline = Date.now() + 3000;
    while ((await statusOf(SEED_ACTIVE_SESSION_ID)) === "TERMINATING" && Date.now() < deadline) {
      await sleep(25);
    }
    assert.equal(await statusOf(SEED_ACTIVE_SESSION_ID), "TERMINATED");
    // The other seeded session was not touched.
    assert.equal(await statusOf(SEED_SECOND_ACTIVE_SESSION_ID), "ACTIVE");
  });

  test("by ARNs, percent-encoded in the path: 204, and the raw path is logged", async () => {
    const path = terminatePath(SEED_GROUP_ARN, seedSessionArn(SEED_SECOND_ACTIVE_SESSION_ID));
    const response = await terminate(SEED_GROUP_ARN, seedSessionArn(SEED_SECOND_ACTIVE_SESSION_ID));
    assert.equal(response.status, 204);
    assert.equal(await statusOf(SEED_SECOND_ACTIVE_SESSION_ID), "TERMINATING");
    const [logged] = await admin.listRequests(emulator.url);
    assert.equal(logged.path, path);
    assert.match(logged.path, /arn%3Aaws%3Agameliftstreams%3A.*streamsession%2Fsg-1AB2C3De4%2F/);
  });

  test("a path prefix before /streamgroups/ is accepted (endpoint with a path)", async () => {
    const response = await terminate(SEED_STREAM_GROUP_ID, SEED_ACTIVE_SESSION_ID, {
      prefix: "/prefix",
    });
    assert.equal(response.status, 204);
    assert.equal(await statusOf(SEED_ACTIVE_SESSION_ID), "TERMINATING");
  });

  test("a session already TERMINATED: 204 and it stays TERMINATED", async () => {
    await admin.createStreamSession(emulator.url, SEED_STREAM_GROUP_ID, {
      id: "DONE000000001",
      status: "TERMINATED",
    });
    const response = await terminate(SEED_STREAM_GROUP_ID, "DONE000000001");
    assert.equal(response.status, 204);
    assert.equal(await statusOf("DONE000000001"), "TERMINATED");
  });

  test("an ACTIVATING session: 400 ValidationException, status unchanged", async () => {
    const response = await terminate(SEED_STREAM_GROUP_ID, SEED_ACTIVATING_SESSION_ID);
    await assertError(
      response,
      400,
      "ValidationException",
      "Stream session 'GHI789jkl0123' is ACTIVATING and cannot be terminated until it is ACTIVE.",
    );
    assert.equal(await statusOf(SEED_ACTIVATING_SESSION_ID), "ACTIVATING");
  });

  test("an unknown session: 404 ResourceNotFoundException with a JSON message", async () => {
    const response = await terminate(SEED_STREAM_GROUP_ID, "NOSUCH0000000");
    await assertError(
      response,
      404,
      "ResourceNotFoundException",
      "Stream session 'NOSUCH0000000' was not found in stream group 'sg-1AB2C3De4'.",
    );
  });

  test("an unknown stream group: 404 ResourceNotFoundException", async () => {
    const response = await terminate("sg-000000000", SEED_ACTIVE_SESSION_ID);
    await assertError(
      response,
      404,
      "ResourceNotFoundException",
      "Stream group 'sg-000000000' was not found.",
    );
  });

  test("a session ARN that names another stream group: 404, session untouched", async () => {
    await admin.createStreamGroup(emulator.url, { id: "sg-OTHER0001" });
    const response = await terminate("sg-OTHER0001", seedSessionArn(SEED_ACTIVE_SESSION_ID));
    assert.equal(response.status, 404);
    assert.equal(response.headers.get("x-amzn-errortype"), "ResourceNotFoundException");
    assert.equal(await statusOf(SEED_ACTIVE_SESSION_ID), "ACTIVE");
  });

  test("an empty label: 400 ValidationException", async () => {
    const response = await terminate("", SEED_ACTIVE_SESSION_ID);
    await assertError(response, 400, "ValidationException", /^Identifier '' must be 1 to 128/);
  });

  test("another method or path: 404 UnknownOperationException", async () => {
    const get = await terminate(SEED_STREAM_GROUP_ID, SEED_ACTIVE_SESSION_ID, { method: "GET" });
    await assertError(
      get,
      404,
      `UnknownOperationException${CORAL}`,
      "No operation of this service answers GET /streamgroups/sg-1AB2C3De4/streamsessions/ABC123def4567.",
    );
    const other = await sendSigned(emulator.url, {
      path: "/streamgroups",
      credentials: DEMO_CREDENTIALS,
    });
    assert.equal(other.status, 404);
    assert.equal(await statusOf(SEED_ACTIVE_SESSION_ID), "ACTIVE");
  });
});

describe("authentication", () => {
  test("with a session token: 204", async () => {
    const response = await terminate(SEED_STREAM_GROUP_ID, SEED_ACTIVE_SESSION_ID, {
      credentials: TEMPORARY_KEY,
    });
    assert.equal(response.status, 204);
    const [logged] = await admin.listRequests(emulator.url);
    assert.equal(logged.headers["x-amz-security-token"], SESSION_TOKEN);
    assert.match(
      logged.headers.authorization,
      /SignedHeaders=host;x-amz-date;x-amz-security-token,/,
    );
  });

  test("a temporary key without its token: 403 UnrecognizedClientException", async () => {
    const { sessionToken, ...withoutToken } = TEMPORARY_KEY;
    const response = await terminate(SEED_STREAM_GROUP_ID, SEED_ACTIVE_SESSION_ID, {
      credentials: withoutToken,
    });
    await assertError(
      response,
      403,
      `UnrecognizedClientException${CORAL}`,
      "The security token included in the request is invalid.",
    );
  });

  test("a wrong secret: 403 InvalidSignatureException, session untouched", async () => {
    const response = await terminate(SEED_STREAM_GROUP_ID, SEED_ACTIVE_SESSION_ID, {
      credentials: { ...DEMO_CREDENTIALS, secretAccessKey: "not/the/right/secret" },
    });
    await assertError(
      response,
      403,
      `InvalidSignatureException${CORAL}`,
      "The request signature we calculated does not match the signature you provided. " +
        "Check your AWS Secret Access Key and signing method. " +
        "Consult the service documentation for details.",
    );
    assert.equal(await statusOf(SEED_ACTIVE_SESSION_ID), "ACTIVE");
  });

  test("an unknown access key: 403 UnrecognizedClientException", async () => {
    const response = await terminate(SEED_STREAM_GROUP_ID, SEED_ACTIVE_SESSION_ID, {
      credentials: { accessKeyId: "AKIAUNKNOWN000000000", secretAccessKey: "x" },
    });
    await assertError(
      response,
      403,
      `UnrecognizedClientException${CORAL}`,
      "The security token included in the request is invalid.",
    );
  });

  test("no Authorization header: 403 MissingAuthenticationTokenException", async () => {
    const response = await fetch(
      new URL(terminatePath(SEED_STREAM_GROUP_ID, SEED_ACTIVE_SESSION_ID), emulator.url),
      { method: "DELETE" },
    );
    await assertError(
      response,
      403,
      `MissingAuthenticationTokenException${CORAL}`,
      "Missing Authentication Token",
    );
  });

  test("signed for another region: 403 InvalidSignatureException", async () => {
    const response = await terminate(SEED_STREAM_GROUP_ID, SEED_ACTIVE_SESSION_ID, {
      region: "us-east-1",
    });
    await assertError(
      response,
      403,
      `InvalidSignatureException${CORAL}`,
      "Credential should be scoped to a valid region.",
    );
  });

  test("signed 10 minutes ago: 403 'Signature expired' naming the server's time", async () => {
    const signingDate = new Date(Date.now() - 10 * 60 * 1000);
    const response = await terminate(SEED_STREAM_GROUP_ID, SEED_ACTIVE_SESSION_ID, { signingDate });
    const { message } = await assertError(
      response,
      403,
      `InvalidSignatureException${CORAL}`,
      /^Signature expired: /,
    );
    assertSkewMessage(message, signingDate, response.headers.get("date"), 0);
    assert.equal(await statusOf(SEED_ACTIVE_SESSION_ID), "ACTIVE");
  });

  test("emulator clock 10 minutes ahead: expired, and Date shows its clock", async () => {
    emulator.state.clockOffsetMs = 10 * 60 * 1000;
    try {
      const signingDate = new Date();
      const response = await terminate(SEED_STREAM_GROUP_ID, SEED_ACTIVE_SESSION_ID, {
        signingDate,
      });
      const { message } = await assertError(
        response,
        403,
        `InvalidSignatureException${CORAL}`,
        /^Signature expired: /,
      );
      assertSkewMessage(message, signingDate, response.headers.get("date"), 10 * 60 * 1000);
    } finally {
      emulator.state.clockOffsetMs = 0;
    }
  });

  test("signed 10 minutes ahead: 403 'Signature not yet current'", async () => {
    const signingDate = new Date(Date.now() + 10 * 60 * 1000);
    const response = await terminate(SEED_STREAM_GROUP_ID, SEED_ACTIVE_SESSION_ID, { signingDate });
    await assertError(
      response,
      403,
      `InvalidSignatureException${CORAL}`,
      /^Signature not yet current: \d{8}T\d{6}Z is still later than \d{8}T\d{6}Z \(\d{8}T\d{6}Z \+ 5 min\.\)$/,
    );
  });
});

/**
 * The expired message has the shape `Signature expired: R is now earlier than S-5 (S - 5 min.)`
 * where R is the signing time and S the server's clock, which is also the response's Date
 * (give or take the second that may pass between checking and answering).
 */
function assertSkewMessage(message, signingDate, dateHeader, offsetMs) {
  const shape = /^Signature expired: (\S+) is now earlier than (\S+) \((\S+) - 5 min\.\)$/;
  const m = shape.exec(message);
  assert.ok(m, `unexpected message shape: ${message}`);
  const [, requestTime, earliest, server] = m;
  assert.equal(requestTime, formatAmzDate(signingDate.getTime()));
  const serverMs = parseAmzDate(server);
  assert.equal(earliest, formatAmzDate(serverMs - 5 * 60 * 1000));
  const dateMs = Date.parse(dateHeader);
  assert.ok(dateMs - serverMs >= 0 && dateMs - serverMs <= 1000, `${server} vs Date ${dateHeader}`);
  assert.ok(Math.abs(serverMs - (Date.now() + offsetMs)) < 5000, `server time ${server}`);
}

describe("headers on every answer", () => {
  test("x-amzn-RequestId (fresh UUID) and Date on success, error, admin, preflight", async () => {
    const responses = [
      await terminate(SEED_STREAM_GROUP_ID, SEED_ACTIVE_SESSION_ID),
      await terminate(SEED_STREAM_GROUP_ID, "NOSUCH0000000"),
      await fetch(new URL("/_emulator/streamsessions", emulator.url)),
      await fetch(new URL("/streamgroups/x/streamsessions/y", emulator.url), { method: "OPTIONS" }),
    ];
    assert.deepEqual(
      responses.map((r) => r.status),
      [204, 404, 200, 204],
    );
    const ids = responses.map((r) => r.headers.get("x-amzn-requestid"));
    for (const id of ids) assert.match(id, UUID);
    assert.equal(new Set(ids).size, 4);
    for (const response of responses) {
      const date = response.headers.get("date");
      assert.match(date, /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
      assert.ok(Math.abs(Date.parse(date) - Date.now()) < 5000);
    }
  });

  test("CORS preflight allows exactly the methods and headers a lean client needs", async () => {
    const response = await fetch(new URL(terminatePath("sg-1", "s"), emulator.url), {
      method: "OPTIONS",
      headers: {
        origin: "http://localhost:5173",
        "access-control-request-method": "DELETE",
        "access-control-request-headers": "authorization,x-amz-date,x-amz-security-token",
      },
    });
    assert.equal(response.status, 204);
    assert.equal(response.headers.get("access-control-allow-origin"), "http://localhost:5173");
    assert.equal(
      response.headers.get("access-control-allow-methods"),
      "DELETE, GET, POST, OPTIONS",
    );
    assert.equal(
      response.headers.get("access-control-allow-headers"),
      "authorization, x-amz-date, x-amz-security-token, content-type",
    );
    assert.equal(response.headers.get("access-control-max-age"), "600");
    assert.equal(await response.text(), "");
  });

  test("actual answers expose the AWS headers to a page on another origin", async () => {
    const expose = "x-amzn-RequestId, x-amzn-ErrorType, x-amz-id-2, x-amz-cf-id, Date";
    const api = await terminate(SEED_STREAM_GROUP_ID, SEED_ACTIVE_SESSION_ID, {
      headers: { origin: "http://localhost:5173" },
    });
    assert.equal(api.status, 204);
    assert.equal(api.headers.get("access-control-allow-origin"), "http://localhost:5173");
    assert.equal(api.headers.get("access-control-expose-headers"), expose);
    const adminAnswer = await fetch(new URL("/_emulator/requests", emulator.url));
    assert.equal(adminAnswer.headers.get("access-control-allow-origin"), "*");
    assert.equal(adminAnswer.headers.get("access-control-expose-headers"), expose);
  });
});
