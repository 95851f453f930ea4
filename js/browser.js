// Browser and bundler entry: fetches the .wasm file next to this module. Bundlers such as
// Vite recognise `new URL(..., import.meta.url)` and emit the file as an asset.
import init from "./wasm/gameliftstreams.js";
import { setWasmLoader } from "./loader.js";

setWasmLoader(() =>
  init({ module_or_path: new URL("./wasm/gameliftstreams_bg.wasm", import.meta.url) }),
);

export * from "./index.js";
