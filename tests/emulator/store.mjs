// The emulator's in-memory world: stream groups, their stream sessions, and the one state
// change TerminateStreamSession makes. It knows nothing about HTTP.

import { randomInt } from "node:crypto";
import { EmulatorError } from "./errors.mjs";
import {
  isIdentifier,
  STREAM_SESSION_STATUSES,
  streamGroupArn,
  streamSessionArn,
} from "./model.mjs";

/** The stream group `seed: true` creates; IDs follow the service's documentation examples. */
export const SEED_STREAM_GROUP_ID = "sg-1AB2C3De4";
/** A seeded session in ACTIVE status. */
export const SEED_ACTIVE_SESSION_ID = "ABC123def4567";
/** A second seeded session in ACTIVE status, so two tests can each terminate one. */
export const SEED_SECOND_ACTIVE_SESSION_ID = "DEF456ghi7890";
/** A seeded session in ACTIVATING status, which cannot be terminated. */
export const SEED_ACTIVATING_SESSION_ID = "GHI789jkl0123";

const SEED_SESSIONS = [
  { id: SEED_ACTIVE_SESSION_ID, status: "ACTIVE" },
  { id: SEED_SECOND_ACTIVE_SESSION_ID, status: "ACTIVE" },
  { id: SEED_ACTIVATING_SESSION_ID, status: "ACTIVATING" },
];

const ALPHANUMERICS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

function randomAlphanumerics(length) {
  let text = "";
  for (let i = 0; i < length; i++) text += ALPHANUMERICS[randomInt(ALPHANUMERICS.length)];
  return text;
}

export class StreamStore {
  #groups = new Map();
  /** Keyed by `${streamGroupId}/${sessionId}`: a session ID is only unique within its group. */
  #sessions = new Map();
  /** Pending TERMINATING → TERMINATED changes, cancelled by clear(). */
  #timers = new Set();

  /**
   * @param {{region: string, accountId: string, terminateDelayMs: number}} options
   */
  constructor({ region, accountId, terminateDelayMs }) {
    this.region = region;
    this.accountId = accountId;
    this.terminateDelayMs = terminateDelayMs;
  }

  /** Creates a stream group; a new ID is `sg-` and nine alphanumerics, as the service makes. */
  createStreamGroup({ id } = {}) {
    const groupId = id ?? `sg-${randomAlphanumerics(9)}`;
    if (!isIdentifier(groupId) || groupId.startsWith("arn:")) {
      throw new EmulatorError("ValidationException", `'${groupId}' is not a stream group ID.`);
    }
    if (this.#groups.has(groupId)) {
      throw new EmulatorError("ConflictException", `Stream group '${groupId}' already exists.`);
    }
    const group = { id: groupId, arn: streamGroupArn(this.region, this.accountId, groupId) };
    this.#groups.set(groupId, group);
    return { ...group };
  }

  /** Creates a stream session in a group; a new ID is 13 alphanumerics. */
  createStreamSession(streamGroupId, { id, status = "ACTIVE" } = {}) {
    if (!this.#groups.has(streamGroupId)) throw groupNotFound(streamGroupId);
    if (!STREAM_SESSION_STATUSES.includes(status)) {
      throw new EmulatorError(
        "ValidationException",
        `Status must be one of ${STREAM_SESSION_STATUSES.join(", ")}, not '${status}'.`,
      );
    }
    const sessionId = id ?? randomAlphanumerics(13);
    if (!isIdentifier(sessionId) || sessionId.startsWith("arn:")) {
      throw new EmulatorError("ValidationException", `'${sessionId}' is not a stream session ID.`);
    }
    const key = `${streamGroupId}/${sessionId}`;
    if (this.#sessions.has(key)) {
      throw new EmulatorError("ConflictException", `Stream session '${key}' already exists.`);
    }
    const arn = streamSessionArn(this.region, this.accountId, streamGroupId, sessionId);
    const session = { id: sessionId, arn, streamGroupId, status };
    this.#sessions.set(key, session);
    return { ...session };
  }

  /** Copies of every session, so callers cannot change the store behind its back. */
  listStreamSessions() {
    return [...this.#sessions.values()].map((session) => ({ ...session }));
  }

  getStreamSession(streamGroupId, sessionId) {
    const session = this.#sessions.get(`${streamGroupId}/${sessionId}`);
    return session && { ...session };
  }

  /**
   * TerminateStreamSession on already decoded labels, each an ID or an ARN. Returns the
   * session after the change; throws the error the service answers with.
   */
  terminateStreamSession(groupIdentifier, sessionIdentifier) {
    const group = this.#findStreamGroup(groupIdentifier);
    if (!group) throw groupNotFound(groupIdentifier);
    const session = this.#findStreamSession(group, sessionIdentifier);
    if (!session) {
      throw new EmulatorError(
        "ResourceNotFoundException",
        `Stream session '${sessionIdentifier}' was not found in stream group '${group.id}'.`,
      );
    }

    // The documentation: any status but ACTIVATING can be terminated, and termination is
    // idempotent, so a session already on its way out is left as it is.
    if (session.status === "ACTIVATING") {
      throw new EmulatorError(
        "ValidationException",
        `Stream session '${session.id}' is ACTIVATING and cannot be terminated until it is ACTIVE.`,
      );
    }
    if (session.status !== "TERMINATING" && session.status !== "TERMINATED") {
      session.status = "TERMINATING";
      this.#scheduleTerminated(session);
    }
    return { ...session };
  }

  /** Creates the seed stream group and sessions. */
  seed() {
    this.createStreamGroup({ id: SEED_STREAM_GROUP_ID });
    for (const session of SEED_SESSIONS) this.createStreamSession(SEED_STREAM_GROUP_ID, session);
  }

  /** Forgets everything and cancels pending status changes. */
  clear() {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    this.#groups.clear();
    this.#sessions.clear();
  }

  #findStreamGroup(identifier) {
    if (this.#groups.has(identifier)) return this.#groups.get(identifier);
    // An ARN matches only as a whole, so one naming another region or account is not found.
    return [...this.#groups.values()].find((group) => group.arn === identifier);
  }

  #findStreamSession(group, identifier) {
    // Matching the whole ARN, which names its group, also rejects a session ARN that belongs
    // to a group other than the one in the path.
    const session = identifier.startsWith("arn:")
      ? [...this.#sessions.values()].find((candidate) => candidate.arn === identifier)
      : this.#sessions.get(`${group.id}/${identifier}`);
    return session?.streamGroupId === group.id ? session : undefined;
  }

  #scheduleTerminated(session) {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      if (session.status === "TERMINATING") session.status = "TERMINATED";
    }, this.terminateDelayMs);
    // A pending change must not keep a test process alive.
    timer.unref();
    this.#timers.add(timer);
  }
}

function groupNotFound(identifier) {
  return new EmulatorError(
    "ResourceNotFoundException",
    `Stream group '${identifier}' was not found.`,
  );
}
