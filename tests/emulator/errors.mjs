// One error type for everything the emulator answers with a status other than success, so
// that the HTTP layer has a single place that turns a failure into headers and a JSON body.

import { CORAL_ERROR_SUFFIX, FRONT_DOOR_ERRORS, SERVICE_ERRORS } from "./model.mjs";

/** A failure that becomes an AWS-shaped error response. */
export class EmulatorError extends Error {
  /**
   * @param {string} code the error code, e.g. `ResourceNotFoundException`
   * @param {string} message the text sent as the body's `message`
   * @param {number} [status] HTTP status; defaults to the one the model gives the code
   */
  constructor(code, message, status) {
    super(message);
    this.name = "EmulatorError";
    this.code = code;
    this.status = status ?? SERVICE_ERRORS[code] ?? FRONT_DOOR_ERRORS[code] ?? 400;
  }

  /** The `x-amzn-ErrorType` value: front-door errors carry the Coral suffix, as on AWS. */
  get errorType() {
    return this.code in FRONT_DOOR_ERRORS ? this.code + CORAL_ERROR_SUFFIX : this.code;
  }
}
