// The AWS SDK for JavaScript v3 as a reference: its GameLift Streams endpoint resolver (the
// `defaultEndpointResolver` every client of the package gets as `config.endpointProvider`),
// the partitions data that resolver reads, and clients that send through the SDK's own two
// transports. Nothing here talks to AWS: clients are only made with a loopback endpoint, and
// the resolver is a pure function.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { GameLiftStreamsClient } from "@aws-sdk/client-gameliftstreams";
import { FetchHttpHandler } from "@smithy/fetch-http-handler";

const require = createRequire(import.meta.url);

/** The installed version of `@aws-sdk/client-gameliftstreams`. */
export const SDK_VERSION = require("@aws-sdk/client-gameliftstreams/package.json").version;
/** The installed version of `@aws-sdk/core`, which holds the partitions data. */
export const SDK_CORE_VERSION = require("@aws-sdk/core/package.json").version;

/** The path, inside `@aws-sdk/core`, of the partitions data its endpoint functions use. */
export const PARTITIONS_FILE = "dist-es/submodules/client/util-endpoints/lib/aws/partitions.js";

/**
 * The SDK's partitions data (`partitions.json` of the AWS SDKs), read from the module that
 * holds it: the package does not export it, and the module is `export const partitionsInfo =
 * {JSON};`, so it is read as text and parsed, never evaluated.
 */
export function sdkPartitions() {
  const coreDir = require.resolve("@aws-sdk/core/package.json").replace(/package\.json$/, "");
  const text = readFileSync(coreDir + PARTITIONS_FILE, "utf8").trim();
  const opening = "export const partitionsInfo = ";
  if (!text.startsWith(opening) || !text.endsWith(";")) {
    throw new Error(`${PARTITIONS_FILE} no longer has the shape this reader expects`);
  }
  return JSON.parse(text.slice(opening.length, -1));
}

/**
 * The SDK's endpoint resolver for GameLift Streams. A client is built only to reach it (the
 * client package does not export it); building one sends nothing.
 */
export function sdkEndpointResolver() {
  return new GameLiftStreamsClient({ region: "us-west-2" }).config.endpointProvider;
}

/**
 * SDK clients for a loopback endpoint, one per SDK transport: `node` (node:http, the SDK's
 * default in Node) and `fetch` (the one it uses in browsers and Workers, on Node's fetch).
 * One attempt each, so a call is one request.
 */
export function sdkClients({ endpoint, region, credentials }) {
  const common = { endpoint, region, maxAttempts: 1 };
  // The SDK writes its own markers onto the credentials object, so each gets a copy.
  return {
    node: new GameLiftStreamsClient({ ...common, credentials: { ...credentials } }),
    fetch: new GameLiftStreamsClient({
      ...common,
      credentials: { ...credentials },
      requestHandler: new FetchHttpHandler(),
    }),
  };
}
