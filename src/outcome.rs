//! The JS values a call settles with: the operation output, or a plain error description
//! that `js/errors.js` turns into an instance of the right exported class.

use serde::Serialize;
use wasm_bindgen::JsValue;

use crate::error::ClientError;
use crate::error_response::ServiceError;

/// `$metadata`, as the AWS SDK for JavaScript v3 shapes it.
#[derive(Clone, Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResponseMetadata {
    /// The HTTP status of the last attempt, if it got one.
    pub http_status_code: Option<u16>,
    /// `x-amzn-requestid` (or its variants).
    pub request_id: Option<String>,
    /// `x-amz-id-2`.
    pub extended_request_id: Option<String>,
    /// `x-amz-cf-id`.
    pub cf_id: Option<String>,
    /// How many attempts were made.
    pub attempts: u32,
    /// Milliseconds spent waiting between attempts.
    pub total_retry_delay: u32,
}

/// The output of `TerminateStreamSession`: no members but `$metadata`.
#[derive(Serialize)]
struct Output<'a> {
    #[serde(rename = "$metadata")]
    metadata: &'a ResponseMetadata,
}

/// The model's `retryable` trait as the SDK exposes it: `$retryable: { throttling }`.
#[derive(Serialize)]
struct Retryable {
    throttling: bool,
}

/// What `js/errors.js` needs to build the exception.
#[derive(Serialize)]
struct ErrorDescription<'a> {
    /// `"service"` for an answer of the service, else the client-side class name.
    kind: &'a str,
    name: &'a str,
    message: &'a str,
    fault: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    retryable: Option<Retryable>,
    metadata: &'a ResponseMetadata,
}

fn to_js(value: &impl Serialize) -> JsValue {
    // Serialising these plain structs cannot fail; fall back to `undefined` rather than trap.
    serde_wasm_bindgen::to_value(value).unwrap_or(JsValue::UNDEFINED)
}

/// The resolved value of a successful call.
pub fn output(metadata: &ResponseMetadata) -> JsValue {
    to_js(&Output { metadata })
}

/// The rejection value for an answer of the service.
pub fn service_error(error: &ServiceError, metadata: &ResponseMetadata) -> JsValue {
    to_js(&ErrorDescription {
        kind: "service",
        name: &error.name,
        message: &error.message,
        fault: error.fault.as_str(),
        field: None,
        retryable: error.retryable.map(|throttling| Retryable { throttling }),
        metadata,
    })
}

/// The rejection value for a client-side failure, with the JS error behind it as `cause`.
pub fn client_error(
    error: &ClientError,
    metadata: &ResponseMetadata,
    cause: Option<&JsValue>,
) -> JsValue {
    let name = error.kind.class_name();
    let description = to_js(&ErrorDescription {
        kind: name,
        name,
        message: &error.message,
        fault: "client",
        field: error.field,
        retryable: None,
        metadata,
    });
    if let Some(cause) = cause {
        // Setting a member on a fresh plain object cannot fail.
        let _ = js_sys::Reflect::set(&description, &JsValue::from_str("cause"), cause);
    }
    description
}
