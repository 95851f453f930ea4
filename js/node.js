// Node.js entry: reads the .wasm file next to this module and instantiates it synchronously,
// on the first call. `node:fs` comes from `process.getBuiltinModule` (Node 20.16 and later)
// rather than a static import: importing a built-in as an ES module costs about 3 ms at
// start-up in Node 20, more than the rest of this package's import.
import { initSync } from "./wasm/gameliftstreams.js";
import { setWasmLoader } from "./loader.js";

setWasmLoader(async () => {
  const { readFileSync } =
    globalThis.process?.getBuiltinModule?.("node:fs") ?? (await import("node:fs"));
  const bytes = readFileSync(new URL("./wasm/gameliftstreams_bg.wasm", import.meta.url));
  initSync({ module: bytes });
});

export * from "./index.js";
