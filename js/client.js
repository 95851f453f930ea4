// The public client. Its input and output follow the AWS SDK for JavaScript v3
// (`TerminateStreamSessionCommand`), so code written against the SDK ports by changing the
// import. All the work happens in the WebAssembly core; this class only loads it lazily and
// turns its plain error descriptions into the exported error classes.

import { WasmClient } from "./wasm/gameliftstreams.js";
import { GameLiftStreamsClientError, toError } from "./errors.js";
import { ensureWasm } from "./loader.js";

function loadFailure(cause) {
  return new GameLiftStreamsClientError({
    message: "the gameliftstreams-wasm WebAssembly module could not be loaded",
    cause,
  });
}

/**
 * Loads the WebAssembly module now rather than on the first call, for example so that a
 * `keepalive` call made while the page closes does not have to wait for the download.
 * Resolves once loaded; rejects with a GameLiftStreamsClientError if it cannot be loaded.
 */
export async function ready() {
  try {
    await ensureWasm();
  } catch (cause) {
    throw loadFailure(cause);
  }
}

/** The input of TerminateStreamSession wrapped as a command, as the AWS SDK does. */
export class TerminateStreamSessionCommand {
  constructor(input) {
    this.input = input;
  }
}

/** A client for Amazon GameLift Streams. Constructing it never throws and sends nothing. */
export class GameLiftStreamsClient {
  #config;
  #core;

  constructor(config = {}) {
    this.#config = config ?? {};
  }

  /**
   * Terminates a stream session; resolves with `{ $metadata }`, rejects with an Error.
   * `options`: `{ abortSignal?, requestTimeoutMs? }`.
   */
  async terminateStreamSession(input, options) {
    // The module is loaded, and this client's core built, on the first call only: later
    // calls go straight to the core.
    if (!this.#core) {
      await ready();
      this.#core ??= new WasmClient(this.#config);
    }
    try {
      return await this.#core.terminateStreamSession(input, options);
    } catch (description) {
      throw toError(description);
    }
  }

  /** Sends a command, as the AWS SDK's `client.send` does. */
  async send(command, options) {
    if (command instanceof TerminateStreamSessionCommand) {
      return this.terminateStreamSession(command.input, options);
    }
    throw new GameLiftStreamsClientError({
      message: "only TerminateStreamSessionCommand is supported by this client",
    });
  }

  /** Releases the WebAssembly memory held by this client. */
  destroy() {
    this.#core?.free();
    this.#core = undefined;
  }
}
