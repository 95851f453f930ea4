//! Reading the caller's JS values (configuration, credentials, operation input) into checked
//! Rust values. Nothing here trusts the shape of what JS passed: a missing member, a number,
//! a getter that throws or a string with a lone surrogate is a typed error, never a panic.

use js_sys::{JsString, Reflect};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

use crate::abort::AbortSignal;
use crate::endpoint::{resolve_endpoint, Endpoint, EndpointParams};
use crate::error::ClientError;
use crate::model::IDENTIFIER_MAX_CHARS;
use crate::request::TerminateStreamSessionInput;
use crate::retry::DEFAULT_MAX_ATTEMPTS;
use crate::signing::Credentials;
use crate::validate::{
    validate_access_key_id, validate_identifier, validate_region, validate_secret_value,
};

/// The client configuration, checked and with its endpoint resolved.
#[derive(Clone, Debug)]
pub struct ClientConfig {
    /// The signing region.
    pub region: String,
    /// Where requests go.
    pub endpoint: Endpoint,
    /// Attempts in total, first one included.
    pub max_attempts: u32,
    /// The time limit of each attempt, if any.
    pub request_timeout_ms: Option<f64>,
}

/// Options of one call.
#[derive(Default)]
pub struct CallOptions {
    /// The caller's signal; when it fires the call rejects at once and is not retried.
    pub abort_signal: Option<AbortSignal>,
    /// The time limit of each attempt of this call, overriding the client's.
    pub request_timeout_ms: Option<f64>,
    /// Passed to `fetch` so the request outlives the page (for a `pagehide` handler).
    pub keepalive: bool,
}

/// The most attempts a client may be configured with.
const MAX_ATTEMPTS_LIMIT: u32 = 10;

/// What a JS member held, as far as this package cares.
enum Member {
    Missing,
    Text(String),
    Other(&'static str),
}

/// What [`read_bounded_member`] says of a string over its limit.
const TOO_LONG: &str = "a string too long to be valid";

/// Reads `object[name]` as a string, telling apart a missing member and another type.
fn read_member(object: &JsValue, name: &str) -> Member {
    read_bounded_member(object, name, MAX_MEMBER_UTF16)
}

/// No configuration or credential string is anywhere near this long; refusing longer ones
/// before copying them keeps a hostile 10 MB value cheap.
const MAX_MEMBER_UTF16: u32 = 64 * 1024;

/// Like [`read_member`], refusing strings of more than `max_utf16` UTF-16 units before they
/// are copied into Rust or scanned.
fn read_bounded_member(object: &JsValue, name: &str, max_utf16: u32) -> Member {
    if !object.is_object() && !object.is_function() {
        return Member::Missing;
    }
    let Ok(value) = Reflect::get(object, &JsValue::from_str(name)) else {
        return Member::Other("a member whose getter throws");
    };
    if value.is_undefined() || value.is_null() {
        return Member::Missing;
    }
    match value.dyn_ref::<JsString>() {
        Some(text) if text.length() > max_utf16 => Member::Other(TOO_LONG),
        // A lone surrogate would silently become U+FFFD on the way into Rust.
        Some(text) if !is_well_formed(text) => Member::Other("a string with a lone surrogate"),
        Some(text) => Member::Text(String::from(text)),
        None => Member::Other(type_name(&value)),
    }
}

#[wasm_bindgen]
extern "C" {
    /// A JS string, seen through the one method read here.
    type WellFormedText;

    /// `String.prototype.isWellFormed`, which throws where the runtime lacks it.
    #[wasm_bindgen(method, catch, js_name = isWellFormed)]
    fn is_well_formed(this: &WellFormedText) -> Result<bool, JsValue>;
}

/// Whether `text` has no lone surrogate. `String.prototype.isWellFormed` answers in one call
/// into JS; js-sys's own check, the fallback where it is missing, makes one per UTF-16 unit.
fn is_well_formed(text: &JsString) -> bool {
    text.unchecked_ref::<WellFormedText>()
        .is_well_formed()
        .unwrap_or_else(|_| text.is_valid_utf16())
}

fn type_name(value: &JsValue) -> &'static str {
    if value.as_f64().is_some() {
        "a number"
    } else if value.as_bool().is_some() {
        "a boolean"
    } else if value.is_symbol() {
        "a symbol"
    } else if value.is_bigint() {
        "a bigint"
    } else if value.is_function() {
        "a function"
    } else {
        "an object"
    }
}

/// Reads the `TerminateStreamSessionInput` members and checks them against the model.
pub fn read_input(input: &JsValue) -> Result<TerminateStreamSessionInput, ClientError> {
    if !input.is_object() {
        return Err(ClientError::input(
            "input",
            "the input must be an object with Identifier and StreamSessionIdentifier",
        ));
    }
    let identifier = read_identifier(input, "Identifier")?;
    let stream_session_identifier = read_identifier(input, "StreamSessionIdentifier")?;
    Ok(TerminateStreamSessionInput {
        identifier,
        stream_session_identifier,
    })
}

fn read_identifier(input: &JsValue, field: &'static str) -> Result<String, ClientError> {
    // A character takes at most two UTF-16 units, so anything longer is over the limit.
    let max_utf16 = 2 * IDENTIFIER_MAX_CHARS as u32;
    match read_bounded_member(input, field, max_utf16) {
        Member::Text(value) => validate_identifier(field, &value).map(|()| value),
        Member::Other(TOO_LONG) => Err(ClientError::input(
            field,
            format!("{field} is longer than {IDENTIFIER_MAX_CHARS} characters"),
        )),
        Member::Missing => Err(ClientError::input(field, format!("{field} is required"))),
        Member::Other(kind) => Err(ClientError::input(
            field,
            format!("{field} must be a string, not {kind}"),
        )),
    }
}

/// Reads `region`, `endpoint` and `useFipsEndpoint` and resolves the endpoint.
pub fn read_config(config: &JsValue) -> Result<ClientConfig, ClientError> {
    let region = match read_member(config, "region") {
        Member::Text(region) => {
            validate_region(&region)?;
            region
        }
        Member::Missing => {
            return Err(ClientError::configuration("region", "region is required"));
        }
        Member::Other(kind) => {
            return Err(ClientError::configuration(
                "region",
                format!("region must be a string, not {kind}"),
            ));
        }
    };
    let endpoint = match read_member(config, "endpoint") {
        Member::Text(endpoint) => Some(endpoint),
        Member::Missing => None,
        Member::Other(kind) => {
            return Err(ClientError::configuration(
                "endpoint",
                format!("endpoint must be a URL string, not {kind}"),
            ));
        }
    };
    let use_fips = read_flag(config, "useFipsEndpoint")?;
    let endpoint = resolve_endpoint(&EndpointParams {
        region: Some(&region),
        use_fips,
        endpoint: endpoint.as_deref(),
    })?;
    endpoint.check_transport_security(read_flag(config, "allowInsecureEndpoint")?)?;
    match read_member(config, "retryMode") {
        Member::Missing => {}
        Member::Text(mode) if mode == "standard" => {}
        _ => {
            return Err(ClientError::configuration(
                "retryMode",
                "retryMode must be \"standard\", the only mode this client implements",
            ));
        }
    }
    let max_attempts = match read_number(config, "maxAttempts")? {
        None => DEFAULT_MAX_ATTEMPTS,
        Some(n) if n.fract() == 0.0 && (1.0..=f64::from(MAX_ATTEMPTS_LIMIT)).contains(&n) => {
            n as u32
        }
        Some(_) => {
            return Err(ClientError::configuration(
                "maxAttempts",
                format!("maxAttempts must be a whole number from 1 to {MAX_ATTEMPTS_LIMIT}"),
            ));
        }
    };
    let request_timeout_ms = read_timeout(config)?;
    Ok(ClientConfig {
        region,
        endpoint,
        max_attempts,
        request_timeout_ms,
    })
}

/// Reads `{ abortSignal?, requestTimeoutMs? }`, the second argument of a call.
pub fn read_call_options(options: &JsValue) -> Result<CallOptions, ClientError> {
    if options.is_undefined() || options.is_null() {
        return Ok(CallOptions::default());
    }
    if !options.is_object() {
        return Err(ClientError::input(
            "options",
            "the call options must be an object",
        ));
    }
    let signal = Reflect::get(options, &JsValue::from_str("abortSignal"))
        .map_err(|_| ClientError::input("abortSignal", "abortSignal could not be read"))?;
    let abort_signal = if signal.is_undefined() || signal.is_null() {
        None
    } else if signal.is_instance_of::<AbortSignal>() {
        Some(signal.unchecked_into::<AbortSignal>())
    } else {
        return Err(ClientError::input(
            "abortSignal",
            "abortSignal must be an AbortSignal",
        ));
    };
    let keepalive = read_flag(options, "keepalive")
        .map_err(|_| ClientError::input("keepalive", "keepalive must be true or false"))?;
    Ok(CallOptions {
        abort_signal,
        request_timeout_ms: read_timeout(options)?,
        keepalive,
    })
}

/// `object[name]`, or `undefined` when `object` is not an object or the getter throws.
pub fn member(object: &JsValue, name: &str) -> JsValue {
    if !object.is_object() {
        return JsValue::UNDEFINED;
    }
    Reflect::get(object, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

fn read_number(object: &JsValue, field: &'static str) -> Result<Option<f64>, ClientError> {
    let value = member(object, field);
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    match value.as_f64() {
        Some(number) if number.is_finite() => Ok(Some(number)),
        _ => Err(ClientError::configuration(
            field,
            format!("{field} must be a finite number"),
        )),
    }
}

fn read_timeout(object: &JsValue) -> Result<Option<f64>, ClientError> {
    match read_number(object, "requestTimeoutMs")? {
        Some(ms) if ms > 0.0 => Ok(Some(ms.ceil())),
        Some(_) => Err(ClientError::configuration(
            "requestTimeoutMs",
            "requestTimeoutMs must be a positive number of milliseconds",
        )),
        None => Ok(None),
    }
}

fn read_flag(config: &JsValue, field: &'static str) -> Result<bool, ClientError> {
    let value = member(config, field);
    if value.is_undefined() || value.is_null() {
        return Ok(false);
    }
    value
        .as_bool()
        .ok_or_else(|| ClientError::configuration(field, format!("{field} must be true or false")))
}

/// Reads `{accessKeyId, secretAccessKey, sessionToken?}`. Messages name the member and never
/// quote a value.
pub fn read_credentials(credentials: &JsValue) -> Result<Credentials, ClientError> {
    if !credentials.is_object() {
        return Err(ClientError::credentials(
            "credentials",
            "credentials must be an object with accessKeyId and secretAccessKey",
        ));
    }
    let access_key_id = read_credential(credentials, "accessKeyId")?.ok_or_else(|| {
        ClientError::credentials("accessKeyId", "credentials.accessKeyId is required")
    })?;
    validate_access_key_id(&access_key_id)?;
    let secret_access_key = read_credential(credentials, "secretAccessKey")?.ok_or_else(|| {
        ClientError::credentials("secretAccessKey", "credentials.secretAccessKey is required")
    })?;
    validate_secret_value("secretAccessKey", &secret_access_key)?;
    let session_token = read_credential(credentials, "sessionToken")?;
    if let Some(token) = &session_token {
        validate_secret_value("sessionToken", token)?;
    }
    Ok(Credentials {
        access_key_id,
        secret_access_key,
        session_token,
    })
}

fn read_credential(
    credentials: &JsValue,
    field: &'static str,
) -> Result<Option<String>, ClientError> {
    match read_member(credentials, field) {
        Member::Text(value) => Ok(Some(value)),
        Member::Missing => Ok(None),
        Member::Other(kind) => Err(ClientError::credentials(
            field,
            format!("credentials.{field} must be a string, not {kind}"),
        )),
    }
}
