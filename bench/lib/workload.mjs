// The workload, shared by Node and the Worker (so nothing here may import node:*).
export const REGION = "us-west-2";
/** The seeded stream group and one of its sessions (see tests/emulator/store.mjs). Once
 * terminated, the session stays TERMINATING/TERMINATED and every further terminate is 204. */
export const GROUP_ID = "sg-1AB2C3De4";
export const SESSION_ID = "ABC123def4567";
