// Error classes of gameliftstreams-wasm. Service errors follow the AWS SDK for JavaScript v3
// (name, message, $fault, $metadata, $retryable), so code written against the SDK's errors
// keeps working. `instanceof` matches by name as well as by prototype, so it still holds
// when two copies of this package are loaded (a bundler may duplicate it).

const SERVICE_BRAND = Symbol.for("gameliftstreams-wasm.ServiceException");
const CLIENT_BRAND = Symbol.for("gameliftstreams-wasm.ClientError");

function looksLikeMetadata(value) {
  return typeof value === "object" && value !== null && typeof value.attempts === "number";
}

/**
 * Fixes a class's `name` as a string: minifiers rename classes, and both the lookup of the
 * class for an error code and the `instanceof` check across package copies go by name.
 */
function named(Class, name) {
  Object.defineProperty(Class, "name", { value: name });
  return [name, Class];
}

/** Makes `instanceof` hold across package copies: brand check, then name or prototype. */
function installInstanceCheck(Base, brand) {
  Object.defineProperty(Base, Symbol.hasInstance, {
    value(candidate) {
      if (typeof candidate !== "object" || candidate === null) return false;
      if (!candidate[brand] || !looksLikeMetadata(candidate.$metadata)) return false;
      if (this === Base) return true;
      return Object.prototype.isPrototypeOf.call(this.prototype, candidate) ||
        candidate.name === this.name;
    },
  });
}

/** Base class of every error answer of the GameLift Streams service. */
export class GameLiftStreamsServiceException extends Error {
  constructor({ name = new.target.name, message, $fault = "client", $metadata, $retryable }) {
    super(message);
    Object.defineProperty(this, SERVICE_BRAND, { value: true });
    this.name = name;
    this.$fault = $fault;
    this.$metadata = $metadata ?? freshMetadata();
    if ($retryable !== undefined) this.$retryable = $retryable;
  }
}
named(GameLiftStreamsServiceException, "GameLiftStreamsServiceException");
installInstanceCheck(GameLiftStreamsServiceException, SERVICE_BRAND);

/** 403: the caller is not allowed to terminate this stream session. */
export class AccessDeniedException extends GameLiftStreamsServiceException {}
/** 404: the stream group or stream session does not exist. */
export class ResourceNotFoundException extends GameLiftStreamsServiceException {}
/** 429: the request was throttled; `$retryable.throttling` is true. */
export class ThrottlingException extends GameLiftStreamsServiceException {}
/** 500: the service failed; retryable. */
export class InternalServerException extends GameLiftStreamsServiceException {}
/** 400: the request broke a service constraint, such as a session still ACTIVATING. */
export class ValidationException extends GameLiftStreamsServiceException {}

const SERVICE_CLASSES = new Map([
  named(AccessDeniedException, "AccessDeniedException"),
  named(ResourceNotFoundException, "ResourceNotFoundException"),
  named(ThrottlingException, "ThrottlingException"),
  named(InternalServerException, "InternalServerException"),
  named(ValidationException, "ValidationException"),
]);

/** Base class of failures found by the client itself; `$fault` is always "client". */
export class GameLiftStreamsClientError extends Error {
  constructor({ name = new.target.name, message, $metadata, cause, field }) {
    super(message, cause === undefined ? undefined : { cause });
    Object.defineProperty(this, CLIENT_BRAND, { value: true });
    this.name = name;
    this.$fault = "client";
    this.$metadata = $metadata ?? freshMetadata();
    if (field !== undefined) this.field = field;
  }
}
named(GameLiftStreamsClientError, "GameLiftStreamsClientError");
installInstanceCheck(GameLiftStreamsClientError, CLIENT_BRAND);

/** The input broke the model's constraints; `field` names the member. Nothing was sent. */
export class InputValidationError extends GameLiftStreamsClientError {}
/** The client configuration (region, endpoint, FIPS) cannot produce a request. */
export class ConfigurationError extends GameLiftStreamsClientError {}
/** The credentials are missing or malformed; the message never quotes them. */
export class CredentialsError extends GameLiftStreamsClientError {}
/** `fetch` failed without an HTTP answer; `cause` is the runtime's own error. */
export class NetworkError extends GameLiftStreamsClientError {}
/** Every attempt ran past `requestTimeoutMs`. */
export class TimeoutError extends GameLiftStreamsClientError {}
/** The caller's AbortSignal fired; `cause` is the signal's reason. Never retried. */
export class AbortError extends GameLiftStreamsClientError {}

const CLIENT_CLASSES = new Map([
  named(InputValidationError, "InputValidationError"),
  named(ConfigurationError, "ConfigurationError"),
  named(CredentialsError, "CredentialsError"),
  named(NetworkError, "NetworkError"),
  named(TimeoutError, "TimeoutError"),
  named(AbortError, "AbortError"),
]);

function freshMetadata(metadata = {}) {
  return {
    httpStatusCode: metadata.httpStatusCode,
    requestId: metadata.requestId,
    extendedRequestId: metadata.extendedRequestId,
    cfId: metadata.cfId,
    attempts: metadata.attempts ?? 0,
    totalRetryDelay: metadata.totalRetryDelay ?? 0,
  };
}

/**
 * Turns the plain description the WebAssembly core rejects with into an instance of the
 * exported class. Anything else (which would be a bug in this package) is wrapped so that
 * callers still get a GameLiftStreamsClientError.
 * @internal
 */
export function toError(description) {
  if (typeof description !== "object" || description === null || !("kind" in description)) {
    return new GameLiftStreamsClientError({
      name: "GameLiftStreamsClientError",
      message: "gameliftstreams-wasm failed unexpectedly",
      $metadata: freshMetadata(),
      cause: description,
    });
  }
  const $metadata = freshMetadata(description.metadata);
  if (description.kind === "service") {
    const Class = SERVICE_CLASSES.get(description.name) ?? GameLiftStreamsServiceException;
    return new Class({
      name: description.name,
      message: description.message,
      $fault: description.fault,
      $metadata,
      $retryable: description.retryable,
    });
  }
  const Class = CLIENT_CLASSES.get(description.kind) ?? GameLiftStreamsClientError;
  return new Class({
    name: description.name,
    message: description.message,
    $metadata,
    cause: description.cause,
    field: description.field,
  });
}
