// Runs a seeded emulator in a process of its own, so that a long suite's client and server
// do not share one event loop and CPU. Prints one JSON line `{url}` once it listens, and
// exits when its stdin closes (so it never outlives the test that started it).
//   node tests/conformance/support/emulator-process.mjs

import { startEmulator } from "../../emulator/emulator.mjs";

const emulator = await startEmulator({ seed: true, terminateDelayMs: 600_000 });
process.stdout.write(`${JSON.stringify({ url: emulator.url })}\n`);
process.stdin.on("end", async () => {
  await emulator.close();
  process.exit(0);
});
process.stdin.resume();
