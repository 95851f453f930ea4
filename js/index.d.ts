// Types of gameliftstreams-wasm: Amazon GameLift Streams TerminateStreamSession for browsers,
// Cloudflare Workers and Node.js.

/** AWS credentials; `sessionToken` only for temporary credentials. */
export interface AwsCredentialIdentity {
  /** The access key ID, letters and digits. */
  accessKeyId: string;
  /** The secret access key. It is never placed in an error, a log line or a message. */
  secretAccessKey: string;
  /** The session token of temporary credentials. */
  sessionToken?: string;
}

/** Credentials with an optional expiry, as credential providers return them. */
export interface AwsCredentialIdentityWithExpiry extends AwsCredentialIdentity {
  /** When the credentials stop working; they are refreshed 5 minutes before. */
  expiration?: Date;
}

/** An async function returning credentials, such as those of `@aws-sdk/credential-providers`. */
export type AwsCredentialIdentityProvider = () => Promise<AwsCredentialIdentityWithExpiry>;

/** A logger; `console` works. Lines never contain a secret or a signature. */
export interface Logger {
  debug(line: string): void;
  info(line: string): void;
  warn(line: string): void;
  error(line: string): void;
}

/** Client configuration. */
export interface GameLiftStreamsClientConfig {
  /** The AWS Region, such as `us-west-2`; it signs every request. */
  region: string;
  /**
   * The credentials that sign each request: an object, read once at the first call, or a
   * provider function whose result is cached until 5 minutes before its `expiration`.
   */
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** A custom endpoint URL (http or https); its path, if any, is kept as a prefix. */
  endpoint?: string;
  /** Use the FIPS endpoint of the region; not allowed with a custom `endpoint`. */
  useFipsEndpoint?: boolean;
  /**
   * Allow a plain `http://` custom endpoint on a host other than this machine (loopback is
   * always allowed). Signed requests and session tokens then travel unencrypted.
   */
  allowInsecureEndpoint?: boolean;
  /** Attempts in total, first included: 1 to 10, default 3. */
  maxAttempts?: number;
  /** Only `"standard"` (the default) is implemented. */
  retryMode?: "standard";
  /** The time limit of each attempt, in milliseconds; none by default. */
  requestTimeoutMs?: number;
  /** Receives one line per attempt, retry and clock correction; silent by default. */
  logger?: Logger;
}

/** Options of one call. */
export interface HttpHandlerOptions {
  /** Aborts the call at once, also between attempts; an aborted call is never retried. */
  abortSignal?: AbortSignal;
  /** The time limit of each attempt of this call, overriding the client's. */
  requestTimeoutMs?: number;
  /** Passed to `fetch`, so that a request sent from `pagehide` outlives the page. */
  keepalive?: boolean;
}

/** The input of TerminateStreamSession. */
export interface TerminateStreamSessionCommandInput {
  /** The stream group: its ID (`sg-1AB2C3De4`) or ARN. 1 to 128 characters. */
  Identifier: string;
  /** The stream session: its ID (`ABC123def4567`) or ARN. 1 to 128 characters. */
  StreamSessionIdentifier: string;
}

/** Metadata of the HTTP exchange, as in the AWS SDK for JavaScript v3. */
export interface ResponseMetadata {
  /** The HTTP status of the last attempt; absent when no answer came. */
  httpStatusCode?: number;
  /** The request id the service gave (`x-amzn-RequestId`). */
  requestId?: string;
  /** `x-amz-id-2`, when present. */
  extendedRequestId?: string;
  /** `x-amz-cf-id`, when present. */
  cfId?: string;
  /** How many attempts were made (0 when the call failed before sending). */
  attempts: number;
  /** Milliseconds spent waiting between attempts. */
  totalRetryDelay: number;
}

/** The output of TerminateStreamSession: no members but `$metadata`. */
export interface TerminateStreamSessionCommandOutput {
  $metadata: ResponseMetadata;
}

/**
 * Loads the WebAssembly module now instead of on the first call, so that a `keepalive` call
 * made while the page closes does not wait for the download.
 */
export declare function ready(): Promise<void>;

/** TerminateStreamSession as a command object, for `client.send`. */
export declare class TerminateStreamSessionCommand {
  constructor(input: TerminateStreamSessionCommandInput);
  readonly input: TerminateStreamSessionCommandInput;
}

/** A client for Amazon GameLift Streams. Constructing it never throws and sends nothing. */
export declare class GameLiftStreamsClient {
  constructor(config: GameLiftStreamsClientConfig);
  /**
   * Terminates a stream session. Resolves on HTTP 2xx; rejects with a
   * {@link GameLiftStreamsServiceException} for an error answer of the service, or a
   * {@link GameLiftStreamsClientError} for a failure found by the client.
   */
  terminateStreamSession(
    input: TerminateStreamSessionCommandInput,
    options?: HttpHandlerOptions,
  ): Promise<TerminateStreamSessionCommandOutput>;
  /** Sends a command, as the AWS SDK's `client.send` does. */
  send(
    command: TerminateStreamSessionCommand,
    options?: HttpHandlerOptions,
  ): Promise<TerminateStreamSessionCommandOutput>;
  /** Releases the WebAssembly memory this client holds. */
  destroy(): void;
}

/** Fields to build a service exception with. */
export interface ServiceExceptionOptions {
  name?: string;
  message?: string;
  $fault?: "client" | "server";
  $metadata?: ResponseMetadata;
  $retryable?: { throttling: boolean };
}

/** Base class of every error answer of the service; `name` is the error code. */
export declare class GameLiftStreamsServiceException extends Error {
  constructor(options: ServiceExceptionOptions);
  /** Whether the caller (`client`) or the service (`server`) was at fault. */
  readonly $fault: "client" | "server";
  readonly $metadata: ResponseMetadata;
  /** Present on retryable errors; `throttling` on ThrottlingException. */
  readonly $retryable?: { throttling: boolean };
}
/** 403: the caller is not allowed to terminate this stream session. */
export declare class AccessDeniedException extends GameLiftStreamsServiceException {}
/** 404: the stream group or stream session does not exist. */
export declare class ResourceNotFoundException extends GameLiftStreamsServiceException {}
/** 429: the request was throttled. */
export declare class ThrottlingException extends GameLiftStreamsServiceException {}
/** 500: the service failed. */
export declare class InternalServerException extends GameLiftStreamsServiceException {}
/** 400: the request broke a service constraint, such as a session still ACTIVATING. */
export declare class ValidationException extends GameLiftStreamsServiceException {}

/** Fields to build a client-side error with. */
export interface ClientErrorOptions {
  name?: string;
  message?: string;
  $metadata?: ResponseMetadata;
  cause?: unknown;
  field?: string;
}

/** Base class of failures found by the client itself; `$fault` is always `client`. */
export declare class GameLiftStreamsClientError extends Error {
  constructor(options: ClientErrorOptions);
  readonly $fault: "client";
  readonly $metadata: ResponseMetadata;
  /** The input, configuration or credentials member at fault, when there is one. */
  readonly field?: string;
}
/** The input broke the model's constraints; nothing was sent. */
export declare class InputValidationError extends GameLiftStreamsClientError {}
/** The configuration (region, endpoint, FIPS) cannot produce a request. */
export declare class ConfigurationError extends GameLiftStreamsClientError {}
/** The credentials are missing or malformed. */
export declare class CredentialsError extends GameLiftStreamsClientError {}
/** `fetch` failed without an HTTP answer; `cause` is the runtime's error. */
export declare class NetworkError extends GameLiftStreamsClientError {}
/** Every attempt ran past `requestTimeoutMs`. */
export declare class TimeoutError extends GameLiftStreamsClientError {}
/** The caller's AbortSignal fired; `cause` is the signal's reason. Never retried. */
export declare class AbortError extends GameLiftStreamsClientError {}
