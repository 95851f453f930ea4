// What every entry point exports.
export { GameLiftStreamsClient, TerminateStreamSessionCommand, ready } from "./client.js";
export {
  GameLiftStreamsServiceException,
  AccessDeniedException,
  ResourceNotFoundException,
  ThrottlingException,
  InternalServerException,
  ValidationException,
  GameLiftStreamsClientError,
  InputValidationError,
  ConfigurationError,
  CredentialsError,
  NetworkError,
  TimeoutError,
  AbortError,
} from "./errors.js";
