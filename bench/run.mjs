// `npm run bench`: this package against @aws-sdk/client-gameliftstreams (browser build),
// aws4fetch and a bare fetch, all against the local emulator on 127.0.0.1, in one interleaved
// run with medians. Prints a Markdown table and writes bench/results/latest.json (and .md).
// Besides pkg/, it builds the package with the `bench-hooks` feature into bench/.hooks-pkg/,
// whose `signForBench()` gives this package's signing-only figure.
//   node bench/run.mjs [--quick] [--no-build]
// What each figure means and how it is measured: bench/results/README.md.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join, relative } from "node:path";
import { parseArgs } from "node:util";
import * as admin from "../tests/emulator/admin.mjs";
import { buildAll } from "./lib/build.mjs";
import { computeMetrics } from "./lib/figures.mjs";
import {
  BENCH_DIR, CLIENTS, HOOKS_PKG_DIR, LABELS, median, REPO_ROOT, rotation, SIGNERS,
} from "./lib/common.mjs";
import { forkRunner, startEmulatorProcess } from "./lib/ipc.mjs";
import { clientConfig, presign as presignFloor } from "./lib/presign.mjs";
import { gzipMethod } from "./lib/sizes.mjs";
import { formatMarkdown } from "./lib/table.mjs";

const { values: args } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    "no-build": { type: "boolean", default: false },
  },
});

const CONCURRENCY = 32;
/** What the package and this harness are built from: uncommitted changes here make the
 * figures those of the working tree (`meta.dirty`). */
const SOURCES = [
  "src", "js", "Cargo.toml", "Cargo.lock",
  "bench/run.mjs", "bench/lib", "bench/clients", "bench/signers",
];
// Calls per batch (sign, stub, seq and after, conc), rounds, fresh processes for cold start
// and peak RSS. A full run takes 1.5 to 9 minutes on 2 cores, depending on the machine and on
// what else it runs.
const PARAMS = args.quick
  ? { rounds: 3, warmup: 100, sign: 300, stub: 300, seq: 150, conc: 600,
      coldReps: 5, rssN: 2_000, rssReps: 1 }
  : { rounds: 7, warmup: 300, sign: 1_000, stub: 1_000, seq: 400, conc: 1_000,
      coldReps: 15, rssN: 10_000, rssReps: 2 };

const startedAt = new Date();
const loadStart = os.loadavg();
const log = (line) =>
  process.stderr.write(`[${((Date.now() - startedAt) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);

function git(argsList) {
  try {
    const options = { cwd: REPO_ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] };
    return execFileSync("git", argsList, options).trim();
  } catch {
    return null;
  }
}

function packageVersion(name) {
  try {
    const file = join(REPO_ROOT, "node_modules", name, "package.json");
    return JSON.parse(readFileSync(file, "utf8")).version;
  } catch {
    return null;
  }
}

function cpuModel() {
  const lines = readFileSync("/proc/cpuinfo", "utf8").split("\n");
  const line = lines.find((l) => l.startsWith("model name"));
  return line ? line.split(":")[1].trim() : os.cpus()[0]?.model ?? "unknown";
}

// --- 1. the package and the bundles -------------------------------------------------------
const HOOKS_BUILD = ["--features", "bench-hooks", "--out", relative(REPO_ROOT, HOOKS_PKG_DIR)];
if (!args["no-build"]) {
  // One after the other: both builds write the same cargo output before wasm-bindgen reads it.
  const buildPkg = (extra) =>
    execFileSync(process.execPath, [join(REPO_ROOT, "scripts", "build.mjs"), "--if-stale",
      ...extra], { cwd: REPO_ROOT, stdio: ["ignore", "inherit", "inherit"] });
  log("== build pkg/ (only if a source is newer)");
  buildPkg([]);
  log("== build the signing hook into bench/.hooks-pkg/ (only if a source is newer)");
  buildPkg(HOOKS_BUILD);
}
if (!existsSync(join(REPO_ROOT, "pkg", "wasm", "gameliftstreams_bg.wasm"))) {
  log("pkg/ is not built: run `npm run build` first");
  process.exit(1);
}
if (!existsSync(join(HOOKS_PKG_DIR, "wasm", "gameliftstreams_bg.wasm"))) {
  log(`bench/.hooks-pkg/ is not built: run \`node scripts/build.mjs ${HOOKS_BUILD.join(" ")}\``);
  process.exit(1);
}
log("== bundle every client with esbuild");
const sizes = await buildAll();

// --- 2. the emulator, in its own process ----------------------------------------------------
const emulator = await startEmulatorProcess(join(BENCH_DIR, "lib", "emulator-process.mjs"));
log(`== emulator on ${emulator.url} (pid ${emulator.pid})`);

/** The floor's headers, signed now; the emulator accepts them for 5 minutes. */
const presign = () => presignFloor(emulator.url);
const config = await clientConfig(emulator.url);

// Every sample, by runtime, kind and client: [{n, wallMs, cpuUs}, ...], one per round.
const samples = {};
function record(runtime, kind, client, sample) {
  ((samples[runtime] ??= {})[kind] ??= {})[client] ??= [];
  samples[runtime][kind][client].push(sample);
}

let exitCode = 0;
const runners = {};
try {
  // --- 3. steady state, Node and workerd, interleaved -------------------------------------
  runners.node = forkRunner(join(BENCH_DIR, "lib", "node-runner.mjs"));
  runners.workerd = forkRunner(join(BENCH_DIR, "lib", "workerd-driver.mjs"));
  await runners.node.call({ op: "init", config });
  const { workerdPid } = await runners.workerd.call({ op: "init", config });
  log(`== workerd pid ${workerdPid}`);

  const batch = async (runtime, kind, client, n) => {
    const network = ["seq", "conc", "signsend", "after"].includes(kind);
    if (network) await admin.reset(emulator.url);
    const command = { op: "run", kind, client, n, concurrency: CONCURRENCY };
    // The floor sends presigned headers; an "after" batch sends them for every client.
    if ((client === "floor" && network) || kind === "after") command.presigned = await presign();
    return runners[runtime].call(command);
  };

  // Each signer's output is sent once, so a signer that signs wrongly cannot look fast.
  for (const runtime of ["node", "workerd"]) {
    for (const signer of SIGNERS) await batch(runtime, "signsend", signer, 3);
  }
  log("== warm-up");
  for (const runtime of ["node", "workerd"]) {
    for (const client of CLIENTS) {
      for (const kind of ["stub", "after", "seq", "conc"]) {
        await batch(runtime, kind, client, PARAMS.warmup);
      }
      if (SIGNERS.includes(client)) await batch(runtime, "sign", client, PARAMS.warmup);
    }
  }

  const KINDS = [
    ["sign", PARAMS.sign, SIGNERS],
    ["stub", PARAMS.stub, CLIENTS],
    ["after", PARAMS.seq, CLIENTS],
    ["seq", PARAMS.seq, CLIENTS],
    ["conc", PARAMS.conc, CLIENTS],
  ];
  for (let round = 0; round < PARAMS.rounds; round++) {
    log(`== steady state, round ${round + 1}/${PARAMS.rounds}`);
    for (const runtime of ["node", "workerd"]) {
      // workerd's CPU is read around a whole dispatchFetch; an empty batch gives what that
      // costs by itself, subtracted from every workerd batch of the round.
      if (runtime === "workerd") {
        record(runtime, "noop", "floor", await batch(runtime, "noop", "floor", 0));
      }
      for (const [kind, n, clients] of KINDS) {
        for (const client of rotation(clients, round)) {
          record(runtime, kind, client, await batch(runtime, kind, client, n));
        }
      }
    }
  }
  runners.node.stop();
  await runners.workerd.call({ op: "close" }).catch(() => {});
  runners.workerd.stop();

  // --- 4. cold start: a fresh process per repetition --------------------------------------
  log(`== cold start, ${PARAMS.coldReps} fresh processes per client`);
  for (let rep = 0; rep < PARAMS.coldReps; rep++) {
    for (const client of rotation(CLIENTS, rep)) {
      await admin.reset(emulator.url);
      const childConfig = { ...config, presigned: await presign() };
      const t0 = performance.now();
      const result = await runChild("cold-child.mjs", [client], childConfig);
      record("node", "cold", client, { ...result, processMs: performance.now() - t0 });
    }
  }

  // --- 5. peak RSS: a fresh process per client and repetition ----------------------------
  log(`== peak RSS, ${PARAMS.rssN} requests, ${CONCURRENCY} in flight, ` +
    `${PARAMS.rssReps} processes per client`);
  for (let rep = 0; rep < PARAMS.rssReps; rep++) {
    for (const client of rotation(CLIENTS, rep)) {
      await admin.reset(emulator.url);
      const childConfig = { ...config, presigned: await presign() };
      const childArgs = [client, String(PARAMS.rssN), String(CONCURRENCY)];
      const result = await runChild("rss-child.mjs", childArgs, childConfig);
      record("node", "rss", client, result);
    }
  }
} catch (error) {
  log(`benchmark failed: ${error.stack ?? error}`);
  exitCode = 1;
} finally {
  runners.node?.stop();
  runners.workerd?.stop();
  await emulator.stop();
}
if (exitCode) process.exit(exitCode);

/** Runs a child script with the config in BENCH_CONFIG; resolves its one JSON line. */
function runChild(script, childArgs, childConfig) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(BENCH_DIR, "lib", script), ...childArgs], {
      env: { ...process.env, BENCH_CONFIG: JSON.stringify(childConfig) },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
    child.stdout.on("data", (chunk) => (out += chunk));
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      if (code !== 0) {
        return reject(new Error(`${script} ${childArgs.join(" ")} exited ${code ?? signal}`));
      }
      try {
        resolve(JSON.parse(out.trim().split("\n").pop()));
      } catch (error) {
        reject(new Error(`${script}: no result line in ${JSON.stringify(out)}`));
      }
    });
  });
}

// --- 6. figures ------------------------------------------------------------------------------
const workerdNoopUs = median((samples.workerd?.noop?.floor ?? []).map((s) => s.cpuUs)) ?? 0;
const metrics = computeMetrics(samples, sizes, {
  concurrency: CONCURRENCY,
  rssN: PARAMS.rssN,
  workerdNoopUs,
});

const finishedAt = new Date();
const result = {
  schema: 1,
  meta: {
    startedAt: startedAt.toISOString(),
    durationS: Math.round((finishedAt - startedAt) / 1000),
    quick: args.quick,
    params: { ...PARAMS, concurrency: CONCURRENCY },
    commit: git(["rev-parse", "HEAD"]),
    dirty: (git(["status", "--porcelain", "--", ...SOURCES]) ?? "") !== "",
    machine: {
      cpu: cpuModel(),
      cores: os.cpus().length,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      os: `${os.type()} ${os.release()}`,
      loadAverageAtStart: loadStart.map((l) => Number(l.toFixed(2))),
      loadAverageAtEnd: os.loadavg().map((l) => Number(l.toFixed(2))),
    },
    versions: {
      node: process.version,
      "gameliftstreams-wasm": JSON.parse(readFileSync(join(REPO_ROOT, "package.json"))).version,
      "@aws-sdk/client-gameliftstreams": packageVersion("@aws-sdk/client-gameliftstreams"),
      aws4fetch: packageVersion("aws4fetch"),
      esbuild: packageVersion("esbuild"),
      miniflare: packageVersion("miniflare"),
      workerd: packageVersion("workerd"),
    },
    gzip: gzipMethod(),
    workerdDispatchCpuUs: workerdNoopUs,
    clients: LABELS,
  },
  sizes,
  metrics,
  // Every batch as measured, for checking: {runtime: {kind: {client: [{n, wallMs, cpuUs,
  // ...}]}}}; workerd batches also carry cpuTicksUs (whole-process utime+stime, 10 ms
  // resolution) and driverCpuUs (Miniflare's Node process) as cross-checks.
  raw: samples,
};

const resultsDir = join(BENCH_DIR, "results");
mkdirSync(resultsDir, { recursive: true });
const markdown = formatMarkdown(result);
writeFileSync(join(resultsDir, "latest.json"), `${JSON.stringify(result, null, 2)}\n`);
writeFileSync(join(resultsDir, "latest.md"), markdown);
process.stdout.write(markdown);
log(`\nwritten: bench/results/latest.json, bench/results/latest.md (${result.meta.durationS} s)`);
