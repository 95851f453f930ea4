// The emulator in a process of its own, so that its CPU never counts as the client's. It is
// started by run.mjs over IPC, reports its URL, and stops when its parent goes away. It logs
// nothing per request (no `log` option), so logging costs the benchmark nothing.
import { DEMO_CREDENTIALS, startEmulator } from "../../tests/emulator/emulator.mjs";
import { REGION } from "./common.mjs";

const emulator = await startEmulator({
  host: "127.0.0.1",
  port: 0,
  seed: true,
  region: REGION,
  credentials: [DEMO_CREDENTIALS],
});
process.send({ url: emulator.url, pid: process.pid });

let closing = false;
async function stop() {
  if (closing) return;
  closing = true;
  await emulator.close();
  process.exit(0);
}
process.on("disconnect", stop);
process.on("SIGTERM", stop);
