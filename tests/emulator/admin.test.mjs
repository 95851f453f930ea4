// The admin interface through its client (admin.mjs), and the standalone runner (main.mjs).

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { after, before, describe, test } from "node:test";
import * as admin from "./admin.mjs";
import { sendSigned, terminatePath } from "./client-signer.mjs";
import { DEMO_CREDENTIALS, SEED_STREAM_GROUP_ID, startEmulator } from "./emulator.mjs";

describe("admin interface", () => {
  let emulator;
  before(async () => {
    emulator = await startEmulator({ region: "eu-central-1", accountId: "444455556666" });
  });
  after(() => emulator.close());

  test("starts empty when not seeded", async () => {
    await admin.reset(emulator.url);
    assert.deepEqual(await admin.listStreamSessions(emulator.url), []);
    assert.deepEqual(await admin.listRequests(emulator.url), []);
  });

  test("creates groups and sessions with the service's ID shapes and ARNs", async () => {
    await admin.reset(emulator.url);
    const named = await admin.createStreamGroup(emulator.url, { id: "sg-NAMED0001" });
    assert.deepEqual(named, {
      id: "sg-NAMED0001",
      arn: "arn:aws:gameliftstreams:eu-central-1:444455556666:streamgroup/sg-NAMED0001",
    });
    const generated = await admin.createStreamGroup(emulator.url);
    assert.match(generated.id, /^sg-[A-Za-z0-9]{9}$/);

    const session = await admin.createStreamSession(emulator.url, "sg-NAMED0001");
    assert.match(session.id, /^[A-Za-z0-9]{13}$/);
    assert.deepEqual(session, {
      id: session.id,
      arn: `arn:aws:gameliftstreams:eu-central-1:444455556666:streamsession/sg-NAMED0001/${session.id}`,
      streamGroupId: "sg-NAMED0001",
      status: "ACTIVE",
    });
    const other = await admin.createStreamSession(emulator.url, generated.id, {
      id: "CONN000000001",
      status: "CONNECTED",
    });
    assert.equal(other.status, "CONNECTED");

    assert.deepEqual(await admin.listStreamSessions(emulator.url), [session, other]);
    const fetched = await admin.getStreamSession(emulator.url, generated.id, "CONN000000001");
    assert.deepEqual(fetched, other);
  });

  test("refuses an unknown group, a duplicate and an unknown status", async () => {
    await admin.reset(emulator.url);
    await admin.createStreamGroup(emulator.url, { id: "sg-DUPLI0001" });
    await assert.rejects(
      admin.createStreamGroup(emulator.url, { id: "sg-DUPLI0001" }),
      /^Error: emulator admin POST streamgroups: 409 ConflictException /,
    );
    await assert.rejects(
      admin.createStreamSession(emulator.url, "sg-MISSING01"),
      /: 404 ResourceNotFoundException /,
    );
    await assert.rejects(
      admin.createStreamSession(emulator.url, "sg-DUPLI0001", { status: "SLEEPING" }),
      /: 400 ValidationException .*not 'SLEEPING'/,
    );
    await assert.rejects(
      admin.getStreamSession(emulator.url, "sg-DUPLI0001", "NOSUCH0000000"),
      /: 404 ResourceNotFoundException /,
    );
  });

  test("logs API requests with raw path, lower-case headers, status and error code", async () => {
    await admin.reset(emulator.url);
    await admin.createStreamGroup(emulator.url, { id: "sg-LOGGED001" });
    await admin.createStreamSession(emulator.url, "sg-LOGGED001", { id: "LOGGED0000001" });
    const path = terminatePath("sg-LOGGED001", "LOGGED0000001");
    const ok = await sendSigned(emulator.url, {
      path,
      credentials: DEMO_CREDENTIALS,
      region: "eu-central-1",
    });
    assert.equal(ok.status, 204);
    const refused = await fetch(new URL(path, emulator.url), { method: "DELETE" });
    assert.equal(refused.status, 403);

    const requests = await admin.listRequests(emulator.url);
    assert.deepEqual(
      requests.map(({ method, path: p, status, errorType }) => ({ method, p, status, errorType })),
      [
        { method: "DELETE", p: path, status: 204, errorType: undefined },
        { method: "DELETE", p: path, status: 403, errorType: "MissingAuthenticationTokenException" },
      ],
    );
    const [signed] = requests;
    assert.equal(signed.requestId, ok.headers.get("x-amzn-requestid"));
    assert.equal(signed.headers.host, new URL(emulator.url).host);
    assert.match(signed.headers["x-amz-date"], /^\d{8}T\d{6}Z$/);
    assert.match(
      signed.headers.authorization,
      /^AWS4-HMAC-SHA256 Credential=AKIAEMULATORDEMO0001\/\d{8}\/eu-central-1\/gameliftstreams\/aws4_request, SignedHeaders=host;x-amz-date, Signature=[0-9a-f]{64}$/,
    );
    for (const name of Object.keys(signed.headers)) assert.equal(name, name.toLowerCase());
    assert.ok(Date.parse(signed.time) <= Date.now());
  });

  test("reset clears sessions and the log", async () => {
    await admin.createStreamGroup(emulator.url, { id: "sg-RESET0001" });
    await admin.createStreamSession(emulator.url, "sg-RESET0001");
    await fetch(new URL("/streamgroups/a/streamsessions/b", emulator.url), { method: "DELETE" });
    assert.notDeepEqual(await admin.listStreamSessions(emulator.url), []);
    assert.notDeepEqual(await admin.listRequests(emulator.url), []);
    await admin.reset(emulator.url);
    assert.deepEqual(await admin.listStreamSessions(emulator.url), []);
    assert.deepEqual(await admin.listRequests(emulator.url), []);
  });
});

async function idsAndStatuses(url) {
  return (await admin.listStreamSessions(url)).map((s) => `${s.id} ${s.status}`);
}

describe("seeding", () => {
  test("reset of a seeded emulator restores the seed", async () => {
    const emulator = await startEmulator({ seed: true });
    try {
      const seeded = await idsAndStatuses(emulator.url);
      assert.deepEqual(seeded, [
        "ABC123def4567 ACTIVE",
        "DEF456ghi7890 ACTIVE",
        "GHI789jkl0123 ACTIVATING",
      ]);
      await admin.createStreamSession(emulator.url, SEED_STREAM_GROUP_ID, { id: "EXTRA00000001" });
      await admin.reset(emulator.url);
      assert.deepEqual(await idsAndStatuses(emulator.url), seeded);
    } finally {
      await emulator.close();
    }
  });
});

describe("main.mjs", () => {
  test("prints its URL and key id (not the secret), serves, stops on SIGTERM", async () => {
    const child = spawn(process.execPath, [
      new URL("./main.mjs", import.meta.url).pathname,
      "--port",
      "0",
      "--seed",
      "--region",
      "ap-northeast-1",
    ]);
    const lines = [];
    const firstLine = await new Promise((resolve) => {
      createInterface({ input: child.stdout }).on("line", (line) => {
        lines.push(line);
        if (lines.length === 1) resolve(line);
      });
    });

    const url = /on (http:\/\/127\.0\.0\.1:\d+) \(region ap-northeast-1\)$/.exec(firstLine)?.[1];
    assert.ok(url, firstLine);
    const sessions = await admin.listStreamSessions(url);
    assert.equal(sessions[0].arn.split(":")[3], "ap-northeast-1");

    child.kill("SIGTERM");
    // "close" comes after stdout has ended, so every line has been read by then.
    const [code] = await once(child, "close");
    assert.equal(code, 0);
    const output = lines.join("\n");
    assert.match(output, /access key id AKIAEMULATORDEMO0001/);
    assert.ok(!output.includes(DEMO_CREDENTIALS.secretAccessKey));
    assert.match(output, /emulator stopped \(SIGTERM\)$/);
  });
});
