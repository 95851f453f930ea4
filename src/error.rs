//! Errors raised on the client side, before or instead of a service answer.
//!
//! Each kind becomes its own exported JS class (see `js/errors.js`). Messages name the field
//! and the rule it broke, and never quote a credential.

use std::fmt;

/// The kind of a client-side failure; it picks the JS class.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClientErrorKind {
    /// The operation input broke the model's constraints.
    InputValidation,
    /// The client configuration (region, endpoint, FIPS) cannot produce a request.
    Configuration,
    /// The credentials are missing or malformed.
    Credentials,
    /// `fetch` rejected: the request may or may not have reached the service.
    Network,
    /// An attempt took longer than `requestTimeoutMs`.
    Timeout,
    /// The caller's `AbortSignal` fired.
    Abort,
}

impl ClientErrorKind {
    /// The JS class name, which is also the error's `name`.
    pub fn class_name(self) -> &'static str {
        match self {
            ClientErrorKind::InputValidation => "InputValidationError",
            ClientErrorKind::Configuration => "ConfigurationError",
            ClientErrorKind::Credentials => "CredentialsError",
            ClientErrorKind::Network => "NetworkError",
            ClientErrorKind::Timeout => "TimeoutError",
            ClientErrorKind::Abort => "AbortError",
        }
    }
}

/// A failure detected by the client, with the input or configuration field at fault.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientError {
    /// What went wrong.
    pub kind: ClientErrorKind,
    /// The input or configuration member at fault, as the caller spells it.
    pub field: Option<&'static str>,
    /// A sentence for people; it never contains a secret.
    pub message: String,
}

impl ClientError {
    /// An input member that breaks the model's constraints.
    pub fn input(field: &'static str, message: impl Into<String>) -> Self {
        Self::with_field(ClientErrorKind::InputValidation, field, message)
    }

    /// A configuration member that cannot be used.
    pub fn configuration(field: &'static str, message: impl Into<String>) -> Self {
        Self::with_field(ClientErrorKind::Configuration, field, message)
    }

    /// A credential member that is missing or malformed.
    pub fn credentials(field: &'static str, message: impl Into<String>) -> Self {
        Self::with_field(ClientErrorKind::Credentials, field, message)
    }

    /// A failure that concerns no single field.
    pub fn new(kind: ClientErrorKind, message: impl Into<String>) -> Self {
        ClientError {
            kind,
            field: None,
            message: message.into(),
        }
    }

    fn with_field(kind: ClientErrorKind, field: &'static str, message: impl Into<String>) -> Self {
        ClientError {
            kind,
            field: Some(field),
            message: message.into(),
        }
    }
}

impl fmt::Display for ClientError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ClientError {}
