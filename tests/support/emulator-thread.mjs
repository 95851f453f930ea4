// Emulators in a worker thread of their own. In the Node suites the emulator otherwise shares
// the event loop with the client under test, and its signature check (pure JS SHA-256) holds
// the client's timers back by tens of milliseconds; a test that times an abort would then
// measure the emulator. Tests reach these emulators over HTTP only (admin.mjs), as they would
// one in another process.

import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { startTestEmulator } from "./fixtures.mjs";

const ROLE = "gameliftstreams-emulator-thread";

if (!isMainThread && workerData?.role === ROLE) {
  const emulators = new Map();
  parentPort.on("message", async ({ id, op, url }) => {
    try {
      if (op === "start") {
        const emulator = await startTestEmulator();
        emulators.set(emulator.url, emulator);
        parentPort.postMessage({ id, url: emulator.url });
      } else if (op === "close") {
        await emulators.get(url)?.close();
        emulators.delete(url);
        parentPort.postMessage({ id });
      }
    } catch (error) {
      parentPort.postMessage({ id, error: String(error?.stack ?? error) });
    }
  });
}

/**
 * Starts the thread. `start()` resolves an emulator of tests/support/fixtures.mjs
 * (startTestEmulator: seeded, both test keys) as `{url, close()}`; `stop()` closes every
 * emulator and ends the thread.
 */
export function startEmulatorThread() {
  const worker = new Worker(new URL(import.meta.url), { workerData: { role: ROLE } });
  const waiting = new Map();
  let nextId = 1;
  const failAll = (error) => {
    for (const { reject } of waiting.values()) reject(error);
    waiting.clear();
  };
  worker.on("message", ({ id, error, ...rest }) => {
    const pending = waiting.get(id);
    waiting.delete(id);
    if (error) pending?.reject(new Error(`emulator thread: ${error}`));
    else pending?.resolve(rest);
  });
  worker.on("error", failAll);
  worker.on("exit", (code) => failAll(new Error(`emulator thread exited with ${code}`)));
  const ask = (message) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      worker.postMessage({ id, ...message });
    });
  const open = new Set();
  return {
    async start() {
      const { url } = await ask({ op: "start" });
      open.add(url);
      return {
        url,
        close: async () => {
          if (!open.delete(url)) return;
          await ask({ op: "close", url });
        },
      };
    },
    async stop() {
      await Promise.allSettled([...open].map((url) => ask({ op: "close", url })));
      open.clear();
      await worker.terminate();
    },
  };
}
