// `npm start`: installs and builds what is missing, starts the local GameLift Streams
// emulator with a stream group and a few sessions, terminates one of them through the CLI
// while showing its status go from ACTIVE to TERMINATED, then shows the typed error for a
// session that does not exist. It then serves the demo console (www/) against the same
// emulator and runs until Ctrl-C.
//   npm start                  demonstration, then the console (PORT, CONSOLE_PORT)
//   npm start -- --no-serve    demonstration only, then exit 0 or 1
import { spawn, spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const serve = !process.argv.includes("--no-serve");

function mustRun(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

mustRun("bash", ["scripts/ensure-tools.sh", "--no-browser"]);
mustRun(process.execPath, ["scripts/build.mjs", "--if-stale"]);

// Imported only now: the emulator needs the npm dependencies installed above.
const { startEmulator, DEMO_CREDENTIALS, SEED_STREAM_GROUP_ID, SEED_ACTIVE_SESSION_ID } =
  await import("../tests/emulator/emulator.mjs");
const { createStreamSession, getStreamSession, listStreamSessions } = await import(
  "../tests/emulator/admin.mjs"
);

const port = Number(process.env.PORT ?? 4510);
const emulator = await startEmulator({ port, seed: true, terminateDelayMs: 1500 });
console.log(`\nGameLift Streams emulator on ${emulator.url} (region us-west-2)\n`);

console.log("Stream sessions:");
for (const session of await listStreamSessions(emulator.url)) {
  console.log(`  ${session.streamGroupId}  ${session.id}  ${session.status}`);
}

function terminate(sessionId) {
  const args = [
    join(root, "bin", "gameliftstreams-terminate.js"),
    "--stream-group", SEED_STREAM_GROUP_ID,
    "--session", sessionId,
    "--region", "us-west-2",
    "--endpoint", emulator.url,
  ];
  console.log(`\n$ gameliftstreams-terminate ${args.slice(1).join(" ")}`);
  // Asynchronous: the emulator answers from this same process.
  const child = spawn(process.execPath, args, {
    stdio: "inherit",
    env: {
      ...process.env,
      AWS_ACCESS_KEY_ID: DEMO_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: DEMO_CREDENTIALS.secretAccessKey,
    },
  });
  return new Promise((resolve) => {
    child.on("exit", (code) => {
      console.log(`(exit code ${code})`);
      resolve(code);
    });
  });
}

const status = async () =>
  (await getStreamSession(emulator.url, SEED_STREAM_GROUP_ID, SEED_ACTIVE_SESSION_ID)).status;

console.log(`\nStatus of ${SEED_ACTIVE_SESSION_ID}: ${await status()}`);
const terminated = await terminate(SEED_ACTIVE_SESSION_ID);
let last = await status();
console.log(`Status of ${SEED_ACTIVE_SESSION_ID}: ${last}`);
for (let waited = 0; last !== "TERMINATED" && waited < 10_000; waited += 250) {
  await sleep(250);
  const now = await status();
  if (now !== last) console.log(`Status of ${SEED_ACTIVE_SESSION_ID}: ${now}`);
  last = now;
}

const failed = await terminate("NOSUCHSESSION1");

const ok = terminated === 0 && last === "TERMINATED" && failed === 1;
console.log(ok
  ? "\nDone: the session was terminated, and the unknown one gave a typed error."
  : "\nThe demonstration did not go as expected.");
if (!ok || !serve) {
  await emulator.close();
  process.exit(ok ? 0 : 1);
}

// The console: fresh sessions to terminate, and the emulator's settings one click away.
const { serveConsole } = await import("./serve-console.mjs");
for (let i = 0; i < 3; i++) await createStreamSession(emulator.url, SEED_STREAM_GROUP_ID);
const site = await serveConsole({
  port: Number(process.env.CONSOLE_PORT ?? 4511),
  demo: {
    region: "us-west-2",
    endpoint: emulator.url,
    credentials: { ...DEMO_CREDENTIALS },
    streamGroupId: SEED_STREAM_GROUP_ID,
  },
});
console.log(`
Demo console: ${site.url}
  Click "Fill in the local emulator", then Terminate a session and watch its status.
  The emulator stays on ${emulator.url}. Press Ctrl-C to stop both.`);

async function stop() {
  await site.close();
  await emulator.close();
  process.exit(0);
}
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
