// Child processes driven over IPC, one command at a time.
import { fork } from "node:child_process";

/** Forks `script` and returns `call(command)`, which resolves with the child's answer. */
export function forkRunner(script, { execArgv = [], env } = {}) {
  const child = fork(script, [], {
    execArgv,
    env: env ?? process.env,
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  let nextId = 1;
  const waiting = new Map();
  child.on("message", (message) => {
    const pending = waiting.get(message.id);
    if (!pending) return;
    waiting.delete(message.id);
    if (message.ok) pending.resolve(message);
    else pending.reject(new Error(`${script}: ${message.error}`));
  });
  child.on("exit", (code, signal) => {
    for (const pending of waiting.values()) {
      pending.reject(new Error(`${script} exited (${code ?? signal}) during a command`));
    }
    waiting.clear();
  });
  return {
    child,
    call(command) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        child.send({ ...command, id });
      });
    },
    stop() {
      if (child.connected) child.disconnect();
    },
  };
}

/** The child's side of forkRunner: answers each command with `handle(command)`'s result, or
 * with the error it threw, and calls `onDisconnect` when the parent goes away. */
export function serveCommands(handle, onDisconnect) {
  process.on("message", async (command) => {
    try {
      process.send({ id: command.id, ...(await handle(command)) });
    } catch (error) {
      process.send({ id: command.id, ok: false, error: String(error?.stack ?? error) });
    }
  });
  process.on("disconnect", onDisconnect);
}

/** Forks the emulator process and resolves `{url, pid, stop}` once it listens. */
export function startEmulatorProcess(script) {
  const child = fork(script, [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`emulator exited early (${code})`)));
    child.once("message", ({ url, pid }) => {
      child.removeAllListeners("exit");
      resolve({
        url,
        pid,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.once("exit", done);
            child.disconnect();
          }),
      });
    });
  });
}
