// The Node side of the steady-state figures: one process that holds every client (bundled in
// bench/.out/node/), driven by run.mjs over IPC one batch at a time. Only the batch itself is
// inside the measured window; the emulator runs in another process.
//   {op: "init", config}                                    -> {ok}
//   {op: "run", kind, client, n, concurrency?, presigned?}  -> {ok, n, wallMs, cpuUs}
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { runBatch } from "./batches.mjs";
import { CLIENTS, cpuMicros, OUT_DIR, SIGNERS } from "./common.mjs";
import { serveCommands } from "./ipc.mjs";

let config;
const calls = {};
const signers = {};

async function load(file) {
  return import(pathToFileURL(join(OUT_DIR, "node", file)).href);
}

async function handle(command) {
  if (command.op === "init") {
    config = { ...command.config };
    for (const client of CLIENTS) calls[client] = (await load(`${client}.mjs`)).create(config);
    for (const signer of SIGNERS) {
      signers[signer] = (await load(`sign-${signer}.mjs`)).createSigner(config);
    }
    return { ok: true };
  }
  if (command.op === "run") {
    if (command.presigned) config.presigned = command.presigned;
    const cpu0 = cpuMicros();
    const t0 = performance.now();
    const n = await runBatch(command, calls, signers);
    const wallMs = performance.now() - t0;
    const cpuUs = cpuMicros() - cpu0;
    return { ok: true, n, wallMs, cpuUs };
  }
  throw new Error(`unknown op ${command.op}`);
}

serveCommands(handle, () => process.exit(0));
