// The workerd side of the steady-state figures. It starts workerd through Miniflare with the
// Worker bundled in bench/.out/workerd/, and for each batch posts one command to the Worker.
// The CPU figure is workerd's own: the sum over its threads of /proc/<pid>/task/*/schedstat,
// read before and after the batch (workerd freezes its clocks while JavaScript runs, so it
// cannot time CPU work from inside). The wall figure is this process's clock around the call.
//   {op: "init", config}                                     -> {ok, workerdPid}
//   {op: "run", kind, client, n, concurrency?, presigned?}   -> {ok, n, wallMs, cpuUs, ...}
import { join } from "node:path";
import { Miniflare } from "miniflare";
import { cpuMicros, OUT_DIR } from "./common.mjs";
import { serveCommands } from "./ipc.mjs";
import { childPids, processCpuTicks, threadCpuNanos } from "./procstat.mjs";

const COMPATIBILITY_DATE = "2026-04-01";
let mf;
let workerdPid;

async function post(body) {
  const response = await mf.dispatchFetch("http://bench.worker/", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const answer = await response.json();
  if (!answer.ok) throw new Error(`Worker: ${answer.error}`);
  return answer;
}

async function handle(command) {
  if (command.op === "init") {
    mf = new Miniflare({
      modules: true,
      scriptPath: join(OUT_DIR, "workerd", "worker.mjs"),
      modulesRules: [
        { type: "ESModule", include: ["**/*.mjs"] },
        { type: "CompiledWasm", include: ["**/*.wasm"] },
      ],
      compatibilityDate: COMPATIBILITY_DATE,
    });
    await mf.ready;
    const pids = childPids(process.pid, "workerd");
    if (pids.length !== 1) throw new Error(`expected one workerd child, found ${pids.length}`);
    [workerdPid] = pids;
    await post({ op: "init", config: command.config });
    return { ok: true, workerdPid };
  }
  if (command.op === "run") {
    const ns0 = threadCpuNanos(workerdPid);
    const ticks0 = processCpuTicks(workerdPid);
    const driver0 = cpuMicros();
    const t0 = performance.now();
    const answer = await post(command);
    const wallMs = performance.now() - t0;
    const cpuUs = (threadCpuNanos(workerdPid) - ns0) / 1000;
    return {
      ok: true,
      n: answer.n,
      wallMs,
      cpuUs,
      innerMs: answer.innerMs,
      // Cross-checks kept in the JSON: the coarse whole-process figure, and this driver's CPU
      // (Miniflare's Node side), which should stay near zero if requests bypass it.
      cpuTicksUs: (processCpuTicks(workerdPid) - ticks0) * 10_000,
      driverCpuUs: cpuMicros() - driver0,
    };
  }
  if (command.op === "close") {
    await mf?.dispose();
    return { ok: true };
  }
  throw new Error(`unknown op ${command.op}`);
}

serveCommands(handle, async () => {
  await mf?.dispose().catch(() => {});
  process.exit(0);
});
