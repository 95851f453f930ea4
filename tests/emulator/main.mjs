// Runs the emulator on its own, for manual tests or a harness in another process:
//   node tests/emulator/main.mjs [--port 4510] [--seed] [--region us-west-2]

import { parseArgs } from "node:util";
import { DEMO_CREDENTIALS, startEmulator } from "./emulator.mjs";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "4510" },
    seed: { type: "boolean", default: false },
    region: { type: "string", default: "us-west-2" },
  },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number, not '${values.port}'`);
  process.exit(2);
}

const emulator = await startEmulator({
  port,
  seed: values.seed,
  region: values.region,
  log: (line) => console.log(line),
});
console.log(`GameLift Streams emulator listening on ${emulator.url} (region ${values.region})`);
// The demo secret is a test value defined in emulator.mjs; it is left out of the output so
// that logs never show a secret, even a made-up one.
console.log(
  `access key id ${DEMO_CREDENTIALS.accessKeyId}; secret: DEMO_CREDENTIALS in emulator.mjs`,
);

let closing = false;
async function shutDown(signal) {
  if (closing) return;
  closing = true;
  await emulator.close();
  console.log(`emulator stopped (${signal})`);
}
process.on("SIGINT", shutDown);
process.on("SIGTERM", shutDown);
