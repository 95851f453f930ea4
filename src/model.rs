//! Constants taken from the GameLift Streams service model (`service-2.json`, API version
//! 2018-05-10) and its endpoint rule set, kept in one place so every other module names them.

/// The SigV4 signing name and endpoint prefix of the service.
pub const SIGNING_NAME: &str = "gameliftstreams";

/// The HTTP method of `TerminateStreamSession`.
pub const TERMINATE_METHOD: &str = "DELETE";

/// The longest `Identifier` the model admits (its `max` length).
pub const IDENTIFIER_MAX_CHARS: usize = 128;

/// The ARN prefix that the `Identifier` pattern's second alternative requires.
pub const IDENTIFIER_ARN_PREFIX: &str = "arn:aws:gameliftstreams:";

/// Whether a modeled error is a client or a server fault.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// The request was at fault (4xx).
    Client,
    /// The service was at fault (5xx).
    Server,
}

impl Fault {
    /// The value of the JS `$fault` field.
    pub fn as_str(self) -> &'static str {
        match self {
            Fault::Client => "client",
            Fault::Server => "server",
        }
    }
}

/// An error shape that the model lists for `TerminateStreamSession`.
#[derive(Debug, PartialEq, Eq)]
pub struct ModeledError {
    /// The error code, which is also the JS class name.
    pub name: &'static str,
    /// The HTTP status the model gives it.
    pub status: u16,
    /// Client or server fault, from the model's `fault` trait.
    pub fault: Fault,
    /// The model's `retryable` trait: `Some(throttling)` when retryable.
    pub retryable: Option<bool>,
}

/// The errors of `TerminateStreamSession`, as the model lists them.
pub const MODELED_ERRORS: &[ModeledError] = &[
    ModeledError {
        name: "AccessDeniedException",
        status: 403,
        fault: Fault::Client,
        retryable: None,
    },
    ModeledError {
        name: "ResourceNotFoundException",
        status: 404,
        fault: Fault::Client,
        retryable: None,
    },
    ModeledError {
        name: "ThrottlingException",
        status: 429,
        fault: Fault::Client,
        retryable: Some(true),
    },
    ModeledError {
        name: "InternalServerException",
        status: 500,
        fault: Fault::Server,
        retryable: Some(false),
    },
    ModeledError {
        name: "ValidationException",
        status: 400,
        fault: Fault::Client,
        retryable: None,
    },
];

/// Finds the modeled error with this code.
pub fn modeled_error(name: &str) -> Option<&'static ModeledError> {
    MODELED_ERRORS.iter().find(|error| error.name == name)
}
