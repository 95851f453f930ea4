// Cloudflare Workers entry: workerd (and wrangler) import a .wasm file as a compiled
// WebAssembly.Module, which is instantiated synchronously on first use.
import wasmModule from "./wasm/gameliftstreams_bg.wasm";
import { initSync } from "./wasm/gameliftstreams.js";
import { setWasmLoader } from "./loader.js";

setWasmLoader(() => {
  initSync({ module: wasmModule });
});

export * from "./index.js";
