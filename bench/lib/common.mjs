// What every part of the harness shares: the clients, the workload, and small statistics.
import { fileURLToPath } from "node:url";

export const CLIENTS = ["floor", "wasm", "aws4fetch", "sdk"];
export const COMPETITORS = ["aws4fetch", "sdk"];
// This package's signer is `signForBench()` of the module built with the `bench-hooks`
// feature into HOOKS_PKG_DIR (bench/signers/wasm-hook.mjs); the published pkg/ has no signer.
export const SIGNERS = ["wasm", "aws4fetch", "sdk"];
export const LABELS = {
  floor: "bare fetch (floor)",
  wasm: "gameliftstreams-wasm",
  aws4fetch: "aws4fetch",
  sdk: "@aws-sdk/client-gameliftstreams",
};
export { GROUP_ID, REGION, SESSION_ID } from "./workload.mjs";

export const BENCH_DIR = fileURLToPath(new URL("../", import.meta.url));
export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const OUT_DIR = fileURLToPath(new URL("../.out/", import.meta.url));
/** The package built with `--features bench-hooks`; kept across runs, unlike OUT_DIR. */
export const HOOKS_PKG_DIR = fileURLToPath(new URL("../.hooks-pkg/", import.meta.url));

export function median(values) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The client order of round `round`: each client goes first once in every four rounds. */
export function rotation(list, round) {
  const k = round % list.length;
  return [...list.slice(k), ...list.slice(0, k)];
}

/** CPU time of this process in microseconds, user plus system, all threads. */
export function cpuMicros() {
  const { user, system } = process.cpuUsage();
  return user + system;
}
