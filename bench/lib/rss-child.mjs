// Peak memory of one client, alone in a fresh Node process: `n` requests with `concurrency`
// in flight, then the process's peak resident set size (process.resourceUsage().maxRSS).
//   node rss-child.mjs <client> <n> <concurrency>     (BENCH_CONFIG: the config as JSON)
import { concurrent } from "./batches.mjs";

const client = process.argv[2];
const n = Number(process.argv[3]);
const concurrency = Number(process.argv[4]);
const config = JSON.parse(process.env.BENCH_CONFIG);
const { create } = await import(new URL(`../.out/node/${client}.mjs`, import.meta.url).href);
const call = create(config);
const beforeKb = process.resourceUsage().maxRSS;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
await concurrent(client, call, n, concurrency);
const wallMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
process.stdout.write(
  `${JSON.stringify({
    peakRssKb: process.resourceUsage().maxRSS,
    beforeRssKb: beforeKb,
    wallMs,
    cpuUs: cpu.user + cpu.system,
  })}\n`,
);
process.exit(0);
