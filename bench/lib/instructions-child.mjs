// One process of bench/instructions.mjs, run under callgrind: a warm-up, then `n` iterations
// of one variant. The parent subtracts two such runs of different `n`.
//   node instructions-child.mjs <client> <variant> <n>     (BENCH_CONFIG: the client config)
// variant: "trip"  a real round trip of the floor's presigned request, with the real fetch;
//          "call"  one call of the client with fetch stubbed;
//          "both"  a round trip, then a call, as the "after" batches of run.mjs do.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { GROUP_ID, OUT_DIR, SESSION_ID } from "./common.mjs";

const [client, variant, count] = process.argv.slice(2);
const config = JSON.parse(process.env.BENCH_CONFIG);
const bundle = pathToFileURL(join(OUT_DIR, "node", `${client}.mjs`)).href;
const call = (await import(bundle)).create(config);
const realFetch = globalThis.fetch;
const stubHeaders = {
  "x-amzn-requestid": "00000000-0000-4000-8000-000000000000",
  date: new Date().toUTCString(),
};
let stubCalls = 0;
globalThis.fetch = async () => {
  stubCalls++;
  return new Response(null, { status: 204, headers: stubHeaders });
};

async function trip() {
  const { url, headers } = config.presigned;
  const response = await realFetch(url, { method: "DELETE", headers });
  await response.body?.cancel();
  return response.status;
}
const stubbedCall = () => call(GROUP_ID, SESSION_ID);
const variants = {
  trip,
  call: stubbedCall,
  both: async () => {
    const status = await trip();
    return status === 204 ? stubbedCall() : status;
  },
};

// The same warm-up for every variant and run.
for (let i = 0; i < 200; i++) {
  await trip();
  await stubbedCall();
}
const run = variants[variant];
const n = Number(count);
stubCalls = 0;
for (let i = 0; i < n; i++) {
  const status = await run();
  if (status !== 204) throw new Error(`${client} ${variant}: HTTP ${status}`);
}
// A client that held on to the real fetch would be counted with the network.
const expected = variant === "trip" ? 0 : n;
if (stubCalls !== expected) {
  throw new Error(`${client} ${variant}: the stub answered ${stubCalls} calls, not ${expected}`);
}
process.exit(0);
