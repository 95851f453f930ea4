// A Worker that makes one call with the built package inside workerd and reports how it
// settled, so the conformance suites can hold workerd to the same cases as Node.
//   POST /call  body: {config, input}  -> {outcome, elapsedMs}
// `outcome` is what tests/scenarios.mjs `settle` reports; `elapsedMs` is measured here, and
// workerd's clock only moves across I/O, which is all a call does.

import * as pkg from "../../../pkg/workerd.js";
import { settle } from "../../scenarios.mjs";

export default {
  async fetch(request) {
    const { pathname } = new URL(request.url);
    if (request.method !== "POST" || pathname !== "/call") {
      return new Response("POST /call only\n", { status: 404 });
    }
    const { config, input } = await request.json();
    const started = Date.now();
    const outcome = await settle(new pkg.GameLiftStreamsClient(config), input, pkg);
    return Response.json({ outcome, elapsedMs: Date.now() - started });
  },
};
