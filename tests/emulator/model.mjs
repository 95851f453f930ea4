// Facts about Amazon GameLift Streams that the emulator imitates. The shapes come from the
// service model in /work/shared/aws-model/gameliftstreams/service-2.json (API 2018-05-10);
// the front-door error codes are the ones the AWS request router answers before the service
// itself sees a request. Keeping them here means every other module names them, not spells them.

/** The SigV4 signing name and endpoint prefix. */
export const SERVICE_NAME = "gameliftstreams";

/** `Identifier`: 1 to 128 characters, an ID or a GameLift Streams ARN. */
export const IDENTIFIER_PATTERN =
  /(^[a-zA-Z0-9-]+$)|(^arn:aws:gameliftstreams:([^: ]*):([0-9]{12}):([^: ]*)$)/;
export const IDENTIFIER_MAX_LENGTH = 128;

/** Every value of the `StreamSessionStatus` enum. */
export const STREAM_SESSION_STATUSES = Object.freeze([
  "ACTIVATING",
  "ACTIVE",
  "CONNECTED",
  "PENDING_CLIENT_RECONNECTION",
  "RECONNECTING",
  "TERMINATING",
  "TERMINATED",
  "ERROR",
]);

/**
 * Modeled errors with their HTTP status (the `error` traits): TerminateStreamSession's own,
 * plus ConflictException, which the service defines for other operations and the admin
 * interface uses for duplicates.
 */
export const SERVICE_ERRORS = Object.freeze({
  ValidationException: 400,
  AccessDeniedException: 403,
  ResourceNotFoundException: 404,
  ConflictException: 409,
  ThrottlingException: 429,
  InternalServerException: 500,
});

/**
 * Errors from the AWS front door (authentication, routing). AWS sends their
 * `x-amzn-ErrorType` with this Coral namespace after a colon; clients must strip it.
 */
export const FRONT_DOOR_ERRORS = Object.freeze({
  MissingAuthenticationTokenException: 403,
  IncompleteSignatureException: 403,
  InvalidSignatureException: 403,
  UnrecognizedClientException: 403,
  ExpiredTokenException: 403,
  UnknownOperationException: 404,
});
export const CORAL_ERROR_SUFFIX = ":http://internal.amazon.com/coral/com.amazon.coral.service/";

/** What the front door says about a session token that is past its expiry. */
export const EXPIRED_TOKEN_MESSAGE = "The security token included in the request is expired";

/** The ARN of a stream group, as the service builds it. */
export function streamGroupArn(region, accountId, streamGroupId) {
  return `arn:aws:gameliftstreams:${region}:${accountId}:streamgroup/${streamGroupId}`;
}

/** The ARN of a stream session; it names its stream group. */
export function streamSessionArn(region, accountId, streamGroupId, sessionId) {
  const resource = `streamsession/${streamGroupId}/${sessionId}`;
  return `arn:aws:gameliftstreams:${region}:${accountId}:${resource}`;
}

/** True when `value` satisfies the model's `Identifier` constraints. */
export function isIdentifier(value) {
  return (
    typeof value === "string" &&
    value.length >= 1 &&
    value.length <= IDENTIFIER_MAX_LENGTH &&
    IDENTIFIER_PATTERN.test(value)
  );
}
