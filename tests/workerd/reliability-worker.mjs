// A Worker that runs one reliability case per request inside workerd, with the Workers entry
// of the package imported by a relative path as a bundled Worker would.
//   POST /case  body: {name, ctx}  -> what runReliabilityCase resolved

import * as pkg from "../../pkg/workerd.js";
import { runReliabilityCase } from "../reliability-scenarios.mjs";

export default {
  async fetch(request) {
    const { pathname } = new URL(request.url);
    if (request.method !== "POST" || pathname !== "/case") {
      return new Response("POST /case only\n", { status: 404 });
    }
    const { name, ctx } = await request.json();
    return Response.json(await runReliabilityCase(pkg, name, ctx));
  },
};
