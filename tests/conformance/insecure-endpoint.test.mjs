// A custom endpoint with plain http is refused unless its host is this machine (localhost,
// 127.x.x.x, [::1]) or the caller sets allowInsecureEndpoint: true: over http the session
// token and the signed request travel in the clear. The opt-in is proven with a real request
// to [::ffff:7f00:1], an IPv4-mapped IPv6 address: the package does not count it as loopback,
// yet it reaches 127.0.0.1, so nothing leaves the machine. A loopback guard makes sure no
// refused endpoint is contacted even if the package sent anyway.

import assert from "node:assert/strict";
import { createServer } from "node:net";
import { after, before, describe, test } from "node:test";
import * as pkg from "gameliftstreams-wasm";
import {
  DEMO_CREDENTIALS,
  SEED_ACTIVE_SESSION_ID,
  SEED_STREAM_GROUP_ID,
  startEmulator,
} from "../emulator/emulator.mjs";
import { REGION } from "../scenarios.mjs";
import { installLoopbackGuard } from "./support/loopback-guard.mjs";

const INPUT = { Identifier: SEED_STREAM_GROUP_ID, StreamSessionIdentifier: SEED_ACTIVE_SESSION_ID };
const REFUSAL =
  "endpoint uses plain http to a host other than this machine; use https, or set " +
  "allowInsecureEndpoint: true to send credentials-signed requests unencrypted";

const emulators = {};
let guard;

before(async () => {
  const options = { seed: true, region: REGION, terminateDelayMs: 600_000 };
  emulators.v4 = await startEmulator({ ...options, host: "127.0.0.1" });
  emulators.v4other = await startEmulator({ ...options, host: "127.0.0.2" });
  emulators.v6 = await startEmulator({ ...options, host: "::1" });
  guard = installLoopbackGuard();
});

after(async () => {
  guard?.uninstall();
  for (const emulator of Object.values(emulators)) await emulator.close();
});

/** Calls once through `endpoint` and returns the outcome with what each emulator received. */
async function callThrough(endpoint, extra = {}) {
  const before = Object.fromEntries(
    Object.entries(emulators).map(([name, e]) => [name, e.state.requests.length]),
  );
  const client = new pkg.GameLiftStreamsClient({
    region: REGION,
    credentials: DEMO_CREDENTIALS,
    endpoint,
    ...extra,
  });
  let outcome;
  try {
    outcome = { output: await client.terminateStreamSession(INPUT) };
  } catch (error) {
    outcome = { error };
  }
  const received = Object.entries(emulators).flatMap(([name, e]) =>
    e.state.requests.slice(before[name]).map((entry) => ({ at: name, ...entry })),
  );
  return { ...outcome, received };
}

describe("plain http to this machine needs no opt-in", () => {
  const cases = [
    ["127.0.0.1", () => `http://127.0.0.1:${emulators.v4.port}`, "v4"],
    ["localhost", () => `http://localhost:${emulators.v4.port}`, "v4"],
    ["another 127.x.x.x", () => `http://127.0.0.2:${emulators.v4other.port}`, "v4other"],
    ["[::1]", () => `http://[::1]:${emulators.v6.port}`, "v6"],
  ];
  for (const [label, endpoint, at] of cases) {
    test(`${label}: the call goes through and its signature verifies`, async () => {
      const url = endpoint();
      const { output, error, received } = await callThrough(url);
      assert.equal(error, undefined, String(error));
      assert.equal(output.$metadata.httpStatusCode, 204);
      assert.deepEqual(
        received.map((entry) => [entry.at, entry.headers.host, entry.auth, entry.status]),
        [[at, new URL(url).host, "valid", 204]],
      );
    });
  }
});

describe("plain http to another host is refused unless allowInsecureEndpoint is true", () => {
  const refused = [
    "http://example.com",
    "http://example.com:80/prefix",
    "http://10.0.0.1:4510",
    "http://192.168.1.10",
    "http://localhost.example.com",
    "http://[::2]:4510",
    // Loopback in fact, but not by the package's rule: so it must be refused as well.
    () => `http://[::ffff:7f00:1]:${emulators.v4.port}`,
  ];
  for (const entry of refused) {
    const label = typeof entry === "string" ? entry : "http://[::ffff:7f00:1]";
    test(`${label}: ConfigurationError, nothing sent`, async () => {
      const endpoint = typeof entry === "function" ? entry() : entry;
      const { error, received } = await callThrough(endpoint);
      assert.ok(error instanceof pkg.ConfigurationError, String(error));
      assert.equal(error.name, "ConfigurationError");
      assert.equal(error.field, "endpoint");
      assert.equal(error.message, REFUSAL);
      assert.equal(error.$metadata.attempts, 0);
      assert.deepEqual(received, []);
      assert.deepEqual(guard.blocked, []);
    });
  }

  test("allowInsecureEndpoint: true lets http to [::ffff:7f00:1] go; it verifies", async () => {
    const endpoint = `http://[::ffff:7f00:1]:${emulators.v4.port}`;
    const { output, error, received } = await callThrough(endpoint, {
      allowInsecureEndpoint: true,
    });
    assert.equal(error, undefined, String(error));
    assert.equal(output.$metadata.httpStatusCode, 204);
    assert.deepEqual(
      received.map((entry) => [entry.at, entry.headers.host, entry.auth, entry.status]),
      [["v4", `[::ffff:7f00:1]:${emulators.v4.port}`, "valid", 204]],
    );
  });

  test("allowInsecureEndpoint must be a boolean", async () => {
    const { error, received } = await callThrough("http://example.com", {
      allowInsecureEndpoint: "yes",
    });
    assert.ok(error instanceof pkg.ConfigurationError);
    assert.equal(error.field, "allowInsecureEndpoint");
    assert.equal(error.message, "allowInsecureEndpoint must be true or false");
    assert.deepEqual(received, []);
    assert.deepEqual(guard.blocked, []);
  });

  test("https is never refused for this: to a closed port it is a NetworkError", async () => {
    const probe = createServer();
    await new Promise((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const { port } = probe.address();
    await new Promise((resolve) => probe.close(resolve));
    const { error } = await callThrough(`https://127.0.0.1:${port}`, { maxAttempts: 1 });
    assert.ok(error instanceof pkg.NetworkError, String(error));
  });
});
