// Node.js entry: reads the .wasm file next to this module and instantiates it synchronously.
import { readFileSync } from "node:fs";
import { initSync } from "./wasm/gameliftstreams.js";
import { setWasmLoader } from "./loader.js";

setWasmLoader(() => {
  const bytes = readFileSync(new URL("./wasm/gameliftstreams_bg.wasm", import.meta.url));
  initSync({ module: bytes });
});

export * from "./index.js";
