// One cold start, in a fresh Node process: import the client's bundle and construct it, then
// send the first request. Prints one JSON line. Started by run.mjs once per repetition.
//   node cold-child.mjs <client>     (BENCH_CONFIG: the client config as JSON)
import { GROUP_ID, SESSION_ID } from "./workload.mjs";

const client = process.argv[2];
const config = JSON.parse(process.env.BENCH_CONFIG);
const bundle = new URL(`../.out/node/${client}.mjs`, import.meta.url).href;

// Node 20 loads its fetch implementation (undici) lazily, on first use of any of these
// globals; a browser or workerd has them built in. Touching them here keeps that one-off,
// client-independent cost out of both timed parts, whichever client happens to touch them
// first (the SDK does so while constructing, the others on the first request).
void [globalThis.fetch, globalThis.Request, globalThis.Response, globalThis.Headers];

const cpu0 = process.cpuUsage();
const t0 = performance.now();
const { create } = await import(bundle);
const call = create(config);
const t1 = performance.now();
const status = await call(GROUP_ID, SESSION_ID);
const t2 = performance.now();
const cpu = process.cpuUsage(cpu0);
if (status !== 204) throw new Error(`${client}: first request answered ${status}`);
process.stdout.write(
  `${JSON.stringify({
    importMs: t1 - t0,
    firstMs: t2 - t1,
    totalMs: t2 - t0,
    cpuUs: cpu.user + cpu.system,
    // Time from process start to the first line of this module (Node's own start-up).
    bootMs: t0,
  })}\n`,
);
process.exit(0);
