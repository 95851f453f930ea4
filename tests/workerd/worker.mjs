// A Worker that runs the built package inside workerd. It imports the Workers entry by a
// relative path, as a bundled Worker would, and holds one client made at module top level,
// as real Workers do, besides the clients tests/scenarios.mjs makes per request.
//   POST /scenarios  body: runScenarios options  -> the scenario results
//   POST /top-level  body: terminate input       -> how the top-level client's call settled

import { env } from "cloudflare:workers";
import * as pkg from "../../pkg/workerd.js";
import { describeError, REGION, runScenarios, settle } from "../scenarios.mjs";

// A failure here would stop the module from loading at all; keeping it lets the test report it.
let topLevelClient;
let topLevelError = null;
try {
  topLevelClient = new pkg.GameLiftStreamsClient({
    region: REGION,
    credentials: env.DEMO_CREDENTIALS,
    endpoint: env.EMULATOR_URL,
  });
} catch (error) {
  topLevelError = describeError(error, pkg);
}

export default {
  async fetch(request) {
    const { pathname } = new URL(request.url);
    if (request.method !== "POST") return new Response("POST only\n", { status: 405 });
    const body = await request.json();
    if (pathname === "/scenarios") {
      return Response.json(await runScenarios(pkg, body));
    }
    if (pathname === "/top-level") {
      const outcome = topLevelClient ? await settle(topLevelClient, body, pkg) : null;
      return Response.json({ topLevelError, outcome });
    }
    return new Response("no such route\n", { status: 404 });
  },
};
