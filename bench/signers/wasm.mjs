// Signing only, this package in Node: the `bench-hooks` build's `signForBench()` (see
// wasm-hook.mjs). The module is read from disk next to the bundle, as pkg/node.js does;
// bench/lib/build.mjs copies it to bench/.out/node/hooks-wasm/.
import { readFileSync } from "node:fs";
import { createHookSigner } from "./wasm-hook.mjs";

export function createSigner(config) {
  const bytes = readFileSync(new URL("./hooks-wasm/gameliftstreams_bg.wasm", import.meta.url));
  return createHookSigner(config, bytes);
}
