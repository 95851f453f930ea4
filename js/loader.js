// Loads the WebAssembly module once, lazily, on the first call. Each entry point (node.js,
// browser.js, workerd.js) registers how its runtime gets the module; nothing runs at import
// time, so there is no top-level await and a Worker may build a client at module top level.

let loadWasm;
let ready;

/** @internal Registers how this runtime instantiates the WebAssembly module. */
export function setWasmLoader(load) {
  loadWasm = load;
}

/** @internal Resolves once the module is instantiated; a failed load is tried again later. */
export function ensureWasm() {
  if (!ready) {
    ready = Promise.resolve()
      .then(() => loadWasm())
      .catch((error) => {
        ready = undefined;
        throw error;
      });
  }
  return ready;
}
