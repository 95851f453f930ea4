// Signing only, this package in workerd: the `bench-hooks` build's `signForBench()` (see
// wasm-hook.mjs). workerd imports the .wasm as a compiled WebAssembly.Module, as pkg/workerd.js
// does; bench/lib/build.mjs bundles it into the Worker with the `copy` loader.
import hookModule from "../.hooks-pkg/wasm/gameliftstreams_bg.wasm";
import { createHookSigner } from "./wasm-hook.mjs";

export function createSigner(config) {
  return createHookSigner(config, hookModule);
}
