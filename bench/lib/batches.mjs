// The measured loops, shared by the Node runner and the Worker so that both runtimes run the
// same code. Each returns how many calls it made; the caller measures time and CPU around it.
import { GROUP_ID, SESSION_ID } from "./workload.mjs";

function expect204(client, status) {
  if (status !== 204) throw new Error(`${client}: expected HTTP 204, got ${status}`);
}

/** `n` calls one after another. */
export async function sequential(client, call, n) {
  for (let i = 0; i < n; i++) expect204(client, await call(GROUP_ID, SESSION_ID));
  return n;
}

/** `n` calls in total with `concurrency` of them in flight at any time. */
export async function concurrent(client, call, n, concurrency) {
  let started = 0;
  const lane = async () => {
    while (started < n) {
      started++;
      expect204(client, await call(GROUP_ID, SESSION_ID));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, lane));
  return n;
}

/** `n` signatures one after another, nothing sent. */
export async function signs(sign, n) {
  let last;
  for (let i = 0; i < n; i++) last = await sign(GROUP_ID, SESSION_ID);
  if (!last?.headers?.authorization) throw new Error("the signer returned no authorization");
  return n;
}

/** Replaces the global fetch with a stub that answers 204 at once, for the duration of `run`;
 * fails unless the clients called the stub exactly `n` times (a client that held on to the
 * real fetch would otherwise be measured with the network). */
async function withStubbedFetch(client, n, run) {
  const realFetch = globalThis.fetch;
  const headers = {
    "x-amzn-requestid": "00000000-0000-4000-8000-000000000000",
    date: new Date().toUTCString(),
  };
  let stubCalls = 0;
  globalThis.fetch = async () => {
    stubCalls++;
    return new Response(null, { status: 204, headers });
  };
  try {
    await run(realFetch);
  } finally {
    globalThis.fetch = realFetch;
  }
  if (stubCalls !== n) throw new Error(`${client}: the stub answered ${stubCalls} of ${n} calls`);
  return n;
}

/**
 * `n` calls with the global fetch replaced by a stub that answers 204 at once: everything a
 * client does per call (validation, signing, building the request, reading the answer), with
 * no network and no server. The floor's figure is then the cost of the stub alone.
 */
export function stubbed(client, call, n) {
  return withStubbedFetch(client, n, () => sequential(client, call, n));
}

/**
 * `n` calls with fetch stubbed, as in `stubbed`, each made right after one real round trip of
 * the floor's request (`presigned`) with the real fetch. The client's own work then runs
 * after the process has waited on the network, as it does in real use, where it costs more
 * than in a tight loop (README, "Results"). The floor's figure is a round trip plus the stub.
 */
export function afterRoundTrip(client, call, n, { url, headers }) {
  return withStubbedFetch(client, n, async (realFetch) => {
    for (let i = 0; i < n; i++) {
      const response = await realFetch(url, { method: "DELETE", headers });
      await response.body?.cancel();
      expect204(`${client} (the round trip before the call)`, response.status);
      expect204(client, await call(GROUP_ID, SESSION_ID));
    }
  });
}

/** `n` signatures, each sent with fetch: shows the emulator accepts what a signer makes. */
export async function signAndSend(client, sign, n) {
  for (let i = 0; i < n; i++) {
    const { url, headers } = await sign(GROUP_ID, SESSION_ID);
    const response = await fetch(url, { method: "DELETE", headers });
    await response.body?.cancel();
    expect204(`${client} signer`, response.status);
  }
  return n;
}

/** Runs one batch command (`kind`: seq, conc, stub, after, sign, signsend or noop) with the
 * given clients' calls and signers; shared by the Node runner and the Worker. */
export function runBatch({ kind, client, n, concurrency, presigned }, calls, signers) {
  switch (kind) {
    case "seq":
      return sequential(client, calls[client], n);
    case "conc":
      return concurrent(client, calls[client], n, concurrency);
    case "stub":
      return stubbed(client, calls[client], n);
    case "after":
      return afterRoundTrip(client, calls[client], n, presigned);
    case "sign":
      return signs(signers[client], n);
    case "signsend":
      return signAndSend(client, signers[client], n);
    case "noop":
      return 0;
    default:
      throw new Error(`unknown batch kind ${kind}`);
  }
}
