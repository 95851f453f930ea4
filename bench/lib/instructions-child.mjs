// One process of bench/instructions.mjs, run under callgrind: a warm-up, then one batch of
// `n` calls of one variant, with the benchmark's own batches (batches.mjs). The parent
// subtracts two such runs of different `n`.
//   node instructions-child.mjs <client> <variant> <n>     (BENCH_CONFIG: the client config)
// variant: "trip"  the floor's round trips (its presigned request, the real fetch);
//          "call"  the client's calls with fetch stubbed (the "stub" batches of run.mjs);
//          "both"  each call right after a round trip (the "after" batches of run.mjs).
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterRoundTrip, sequential, stubbed } from "./batches.mjs";
import { OUT_DIR } from "./common.mjs";

const [client, variant, count] = process.argv.slice(2);
const config = JSON.parse(process.env.BENCH_CONFIG);
const create = async (name) =>
  (await import(pathToFileURL(join(OUT_DIR, "node", `${name}.mjs`)).href)).create(config);
const floor = await create("floor");
const call = await create(client);
const variants = {
  trip: (n) => sequential("floor", floor, n),
  call: (n) => stubbed(client, call, n),
  both: (n) => afterRoundTrip(client, call, n, config.presigned),
};

// The same warm-up for every variant and run.
await variants.both(200);
await variants[variant](Number(count));
process.exit(0);
