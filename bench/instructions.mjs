// Instructions per call, counted by callgrind (valgrind), for each client's call made apart
// from a real round trip and right after one. CPU time per call grows after a network wait
// (the "after" rows of `npm run bench`); if the instructions do not grow with it, the same
// code merely runs slower, as it does with cold caches and branch predictors. Node only;
// needs valgrind (Debian's package) and the bundles of a previous `npm run bench`.
//   node bench/instructions.mjs [calls] [client...]   (default: 500, this package only)
// Each figure is (instructions of a run of 3 x calls - those of a run of calls) / (2 x calls),
// so that start-up, warm-up and most JIT compilation, which both runs share, cancel out.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as admin from "../tests/emulator/admin.mjs";
import { BENCH_DIR, LABELS, OUT_DIR, REPO_ROOT } from "./lib/common.mjs";
import { startEmulatorProcess } from "./lib/ipc.mjs";
import { clientConfig } from "./lib/presign.mjs";

const calls = Number(process.argv[2] ?? 500);
const clients = process.argv.length > 3 ? process.argv.slice(3) : ["wasm"];
const unknown = clients.filter((client) => client === "floor" || !Object.hasOwn(LABELS, client));
if (!(calls > 0) || unknown.length > 0) {
  console.error("usage: node bench/instructions.mjs [calls] [wasm|aws4fetch|sdk ...]");
  process.exit(1);
}
// The bundles must be of the current pkg/: bench/.out/node/wasm/ holds the .wasm they load.
const bundledWasm = join(OUT_DIR, "node", "wasm", "gameliftstreams_bg.wasm");
const builtWasm = join(REPO_ROOT, "pkg", "wasm", "gameliftstreams_bg.wasm");
if (!existsSync(join(OUT_DIR, "node", "wasm.mjs")) || !existsSync(bundledWasm)) {
  console.error("bench/.out/ has no bundles: run `npm run bench` (or `--quick`) first");
  process.exit(1);
}
if (!existsSync(builtWasm) || !readFileSync(bundledWasm).equals(readFileSync(builtWasm))) {
  console.error("bench/.out/ was bundled from another build of pkg/: run `npm run bench` again");
  process.exit(1);
}
const emulator = await startEmulatorProcess(join(BENCH_DIR, "lib", "emulator-process.mjs"));

/** Instructions of one child run, from callgrind's summary on stderr. */
async function instructions(client, variant, n) {
  // Signed for every run: a run under callgrind is slow, and a signature lasts 5 minutes.
  await admin.reset(emulator.url);
  const config = await clientConfig(emulator.url);
  const child = spawnSync("valgrind", [
    "--tool=callgrind", "--callgrind-out-file=/dev/null", process.execPath,
    join(BENCH_DIR, "lib", "instructions-child.mjs"), client, variant, String(n),
  ], {
    env: { ...process.env, BENCH_CONFIG: JSON.stringify(config) },
    encoding: "utf8",
    stdio: ["ignore", "ignore", "pipe"],
    maxBuffer: 64 * 1024 * 1024,
  });
  const match = child.stderr?.match(/Collected : (\d+)/);
  if (child.status !== 0 || !match) {
    throw new Error(`callgrind run of ${client} ${variant} failed (${child.status}): ` +
      `${child.error ?? child.stderr?.slice(-2000)}`);
  }
  return Number(match[1]);
}

process.stderr.write(`${clients.length * 6} callgrind runs of about 25 s each (this package)\n`);
try {
  const rows = [];
  for (const client of clients) {
    const per = async (variant) =>
      ((await instructions(client, variant, 3 * calls)) -
        (await instructions(client, variant, calls))) / (2 * calls);
    const trip = await per("trip");
    const call = await per("call");
    const both = await per("both");
    rows.push({ client, trip, call, both, extra: both - trip - call });
    process.stderr.write(`${client} done\n`);
  }
  const k = (n) => `${(n / 1000).toFixed(1)}k`;
  console.log(`Instructions per call, Node ${process.version}, ${calls} calls per run\n`);
  console.log("| client | round trip alone | stubbed call alone | both, one after the other " +
    "| added by running them together |");
  console.log("| --- | ---: | ---: | ---: | ---: |");
  for (const { client, trip, call, both, extra } of rows) {
    console.log(`| ${LABELS[client]} | ${k(trip)} | ${k(call)} | ${k(both)} | ${k(extra)} |`);
  }
} finally {
  await emulator.stop();
}
