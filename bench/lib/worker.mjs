// The Worker that runs the clients inside workerd. The driver (workerd-driver.mjs) posts one
// JSON command per batch; the loop runs here, and the driver reads workerd's CPU around it.
//   {op: "init", config}                                   make every client and signer
//   {op: "run", kind, client, n, concurrency?, presigned?}  run one batch
import * as aws4fetch from "../clients/aws4fetch.mjs";
import * as floor from "../clients/floor.mjs";
import * as sdk from "../clients/sdk.mjs";
import * as wasm from "../clients/wasm.mjs";
import * as signAws4fetch from "../signers/aws4fetch.mjs";
import * as signSdk from "../signers/sdk.mjs";
// This package's signer: signForBench() of the bench-hooks build (bench/signers/wasm-hook.mjs).
import * as signWasm from "../signers/wasm-workerd.mjs";
import { runBatch } from "./batches.mjs";

const MAKERS = { floor, wasm, aws4fetch, sdk };
const SIGN_MAKERS = { wasm: signWasm, aws4fetch: signAws4fetch, sdk: signSdk };
let config;
let calls;
let signers;

export default {
  async fetch(request) {
    try {
      const command = await request.json();
      if (command.op === "init") {
        config = { ...command.config };
        calls = {};
        signers = {};
        for (const [name, maker] of Object.entries(MAKERS)) calls[name] = maker.create(config);
        for (const [name, maker] of Object.entries(SIGN_MAKERS)) {
          signers[name] = maker.createSigner(config);
        }
        return Response.json({ ok: true });
      }
      if (command.op === "run") {
        if (command.presigned) config.presigned = command.presigned;
        // Time inside a Worker only moves across I/O, so this is meaningful for the network
        // loops only; the driver's wall clock and workerd's CPU are the figures used.
        const start = performance.now();
        const done = await runBatch(command, calls, signers);
        return Response.json({ ok: true, n: done, innerMs: performance.now() - start });
      }
      return Response.json({ ok: false, error: `unknown op ${command.op}` }, { status: 400 });
    } catch (error) {
      return Response.json({ ok: false, error: String(error?.stack ?? error) }, { status: 500 });
    }
  },
};
