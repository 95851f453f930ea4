//! Turning a `fetch` response into the attempt's outcome: the output on 2xx, otherwise the
//! service error read by [`crate::error_response`], with the hints the retry and clock logic
//! need.

use js_sys::Reflect;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Response;

use crate::error_response::{parse_error_response, ErrorBody, ErrorHeaders, ServiceError};
use crate::outcome::ResponseMetadata;
use crate::transport::{discard_body, header, is_redirect, read_body_prefix};

/// What a response says beyond its outcome.
#[derive(Default)]
pub struct ResponseHints {
    /// The `Date` header, unless an `Age` header says it came from a cache.
    pub date: Option<String>,
    /// `x-amz-retry-after` (milliseconds).
    pub x_amz_retry_after: Option<String>,
    /// `retry-after` (seconds or an HTTP date).
    pub retry_after: Option<String>,
}

/// How a response ended the attempt.
pub enum Answer {
    /// Any 2xx: the operation succeeded (the model says 204).
    Success(ResponseMetadata),
    /// Anything else: the service's error.
    Failure(ServiceError, ResponseMetadata),
}

/// Reads the status and headers, and on an error status the body. The headers object is
/// fetched once and only the headers the outcome needs are read, since each read is a call
/// into JS: a success needs no error type and no retry hints.
pub async fn read_answer(response: &Response) -> (Answer, ResponseHints) {
    let status = response.status();
    let fields = response.headers();
    let header = |name: &str| header(&fields, name);
    let success = (200..300).contains(&status);
    let headers = ErrorHeaders {
        error_type: if success {
            None
        } else {
            header("x-amzn-errortype")
        },
        request_id: header("x-amzn-requestid")
            .or_else(|| header("x-amzn-request-id"))
            .or_else(|| header("x-amz-request-id")),
        extended_request_id: header("x-amz-id-2"),
        cf_id: header("x-amz-cf-id"),
    };
    let mut hints = ResponseHints {
        date: header("date").filter(|_| header("age").is_none()),
        ..ResponseHints::default()
    };
    if !success {
        hints.x_amz_retry_after = header("x-amz-retry-after");
        hints.retry_after = header("retry-after");
    }
    let metadata = ResponseMetadata {
        http_status_code: Some(status),
        request_id: headers.request_id.clone(),
        extended_request_id: headers.extended_request_id.clone(),
        cf_id: headers.cf_id.clone(),
        ..ResponseMetadata::default()
    };
    if success {
        discard_body(response);
        return (Answer::Success(metadata), hints);
    }
    if is_redirect(response) {
        discard_body(response);
        let mut error = parse_error_response(status, &headers, None);
        error.message = format!(
            "The service answered with a redirect (HTTP {status}); it is not followed, since \
             the signature covers one host and path only"
        );
        return (Answer::Failure(error, metadata), hints);
    }

    let text = read_body_prefix(response).await;
    let body = parse_json_body(&text);
    let error = parse_error_response(status, &headers, body.as_ref());
    (Answer::Failure(error, metadata), hints)
}

/// Parses the body with the runtime's `JSON.parse`; text that is not JSON gives `None`.
fn parse_json_body(text: &str) -> Option<ErrorBody> {
    if text.trim().is_empty() {
        return None;
    }
    let value = js_sys::JSON::parse(text).ok()?;
    Some(error_body_from_js(&value))
}

/// Reads the members that identify an error from a parsed JSON document, by the same rules
/// as `ErrorBody`'s `Deserialize` (which the native tests drive through serde_json): the
/// first key spelled `code` in any case, the top-level `__type`, `message`, `Message`, each
/// only when it is a string. Reading them directly keeps serde's error formatting (and with
/// it float printing) out of the module.
pub fn error_body_from_js(value: &JsValue) -> ErrorBody {
    let mut body = ErrorBody::default();
    if !value.is_object() || js_sys::Array::is_array(value) {
        return body;
    }
    let text = |key: &JsValue| Reflect::get(value, key).ok().and_then(|v| v.as_string());
    let mut code_seen = false;
    let object: &js_sys::Object = value.unchecked_ref();
    for key in js_sys::Object::keys(object).iter() {
        let Some(name) = key.as_string() else {
            continue;
        };
        if name.eq_ignore_ascii_case("code") && !code_seen {
            code_seen = true;
            body.code = text(&key);
        } else if name == "__type" {
            body.type_name = text(&key);
        } else if name == "message" {
            body.message_lower = text(&key);
        } else if name == "Message" {
            body.message_upper = text(&key);
        }
    }
    body
}
