// Signing only, with this package's own signer: `WasmClient.signForBench(input)`, which exists
// only in the module built with the `bench-hooks` cargo feature (bench/.hooks-pkg/, built by
// `npm run bench`; never in the published pkg/). It reads and checks the input, builds the
// request and signs it with the same Rust code and the same per-client key cache as an attempt
// of `terminateStreamSession`, and returns before `fetch`. The public JS class has no such
// method, so this drives wasm-bindgen's `WasmClient` directly. Shared by the Node entry
// (wasm.mjs) and the workerd entry (wasm-workerd.mjs), which differ in how they get the module.
import { initSync, WasmClient } from "../.hooks-pkg/wasm/gameliftstreams.js";

/** `module`: the .wasm bytes or a compiled WebAssembly.Module. */
export function createHookSigner({ region, credentials, endpoint }, module) {
  initSync({ module });
  const client = new WasmClient({ region, credentials, endpoint });
  return async (Identifier, StreamSessionIdentifier) => {
    const { url, headers } = client.signForBench({ Identifier, StreamSessionIdentifier });
    return { url, headers };
  };
}
