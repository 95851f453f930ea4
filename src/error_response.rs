//! Reading a restJson1 error response into a service error.
//!
//! The code comes from the `x-amzn-errortype` header, else the body's `code` (any case), else
//! its top-level `__type`. A body that is not JSON never becomes a parse error: the error is
//! then known by its status alone.

use std::fmt;

use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};

use crate::model::{modeled_error, Fault};

/// The name given to an error response that carries no code.
pub const UNKNOWN_ERROR: &str = "UnknownError";

/// The members of a JSON error body that identify and describe the error.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ErrorBody {
    /// The first key spelled `code` in any case, when its value is a string.
    pub code: Option<String>,
    /// The top-level `__type`, when it is a string.
    pub type_name: Option<String>,
    /// `message`, when it is a string.
    pub message_lower: Option<String>,
    /// `Message`, when it is a string.
    pub message_upper: Option<String>,
}

/// The headers of an error response that this package reads.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ErrorHeaders {
    /// `x-amzn-errortype`.
    pub error_type: Option<String>,
    /// The first of `x-amzn-requestid`, `x-amzn-request-id`, `x-amz-request-id`.
    pub request_id: Option<String>,
    /// `x-amz-id-2`.
    pub extended_request_id: Option<String>,
    /// `x-amz-cf-id`.
    pub cf_id: Option<String>,
}

/// An error answer of the service, ready to become a JS exception.
#[derive(Debug, PartialEq, Eq)]
pub struct ServiceError {
    /// The sanitised error code, or [`UNKNOWN_ERROR`].
    pub name: String,
    /// The service's message, or a sentence naming the status.
    pub message: String,
    /// The HTTP status.
    pub status: u16,
    /// From the model for a modeled code, else from the status.
    pub fault: Fault,
    /// The model's `retryable` trait: `Some(throttling)` when retryable.
    pub retryable: Option<bool>,
}

/// Reads the error from the status, the headers and the body (`None` when it was not JSON).
pub fn parse_error_response(
    status: u16,
    headers: &ErrorHeaders,
    body: Option<&ErrorBody>,
) -> ServiceError {
    let empty = ErrorBody::default();
    let body = body.unwrap_or(&empty);
    let code = [&headers.error_type, &body.code, &body.type_name]
        .into_iter()
        .filter_map(|candidate| candidate.as_deref().map(sanitize_error_code))
        .find(|code| !code.is_empty());

    let modeled = code.and_then(modeled_error);
    let fault = match modeled {
        Some(error) => error.fault,
        None if status >= 500 => Fault::Server,
        None => Fault::Client,
    };
    let message = body
        .message_lower
        .clone()
        .or_else(|| body.message_upper.clone())
        .unwrap_or_else(|| match code {
            Some(code) => format!("{code} (HTTP {status})"),
            None => format!("The service answered HTTP {status} without an error code"),
        });
    ServiceError {
        name: code.unwrap_or(UNKNOWN_ERROR).to_owned(),
        message,
        status,
        fault,
        retryable: modeled.and_then(|error| error.retryable),
    }
}

/// Keeps what is before the first `,`, then before the first `:`, then, if a `#` remains,
/// what follows it: `aws.ns#Code:http://internal...` becomes `Code`.
pub fn sanitize_error_code(raw: &str) -> &str {
    let code = raw.split(',').next().unwrap_or(raw);
    let code = code.split(':').next().unwrap_or(code);
    match code.split('#').nth(1) {
        Some(after_hash) => after_hash,
        None => code,
    }
}

impl<'de> Deserialize<'de> for ErrorBody {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ErrorBodyVisitor)
    }
}

/// Visits a JSON document; anything but an object is an error body with no members.
struct ErrorBodyVisitor;

impl<'de> Visitor<'de> for ErrorBodyVisitor {
    type Value = ErrorBody;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON document")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ErrorBody, A::Error> {
        let mut body = ErrorBody::default();
        let mut code_seen = false;
        while let Some(key) = map.next_key::<String>()? {
            let slot = if key.eq_ignore_ascii_case("code") && !code_seen {
                code_seen = true;
                &mut body.code
            } else if key == "__type" {
                &mut body.type_name
            } else if key == "message" {
                &mut body.message_lower
            } else if key == "Message" {
                &mut body.message_upper
            } else {
                map.next_value::<IgnoredAny>()?;
                continue;
            };
            *slot = map.next_value::<StringMember>()?.0;
        }
        Ok(body)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<ErrorBody, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(ErrorBody::default())
    }

    fn visit_str<E>(self, _: &str) -> Result<ErrorBody, E> {
        Ok(ErrorBody::default())
    }

    fn visit_f64<E>(self, _: f64) -> Result<ErrorBody, E> {
        Ok(ErrorBody::default())
    }

    fn visit_i64<E>(self, _: i64) -> Result<ErrorBody, E> {
        Ok(ErrorBody::default())
    }

    fn visit_u64<E>(self, _: u64) -> Result<ErrorBody, E> {
        Ok(ErrorBody::default())
    }

    fn visit_bool<E>(self, _: bool) -> Result<ErrorBody, E> {
        Ok(ErrorBody::default())
    }

    fn visit_unit<E>(self) -> Result<ErrorBody, E> {
        Ok(ErrorBody::default())
    }

    fn visit_none<E>(self) -> Result<ErrorBody, E> {
        Ok(ErrorBody::default())
    }
}

/// A member value that counts only when it is a string; any other value is skipped whole.
struct StringMember(Option<String>);

impl<'de> Deserialize<'de> for StringMember {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(StringMemberVisitor)
    }
}

struct StringMemberVisitor;

impl<'de> Visitor<'de> for StringMemberVisitor {
    type Value = StringMember;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_str<E>(self, value: &str) -> Result<StringMember, E> {
        Ok(StringMember(Some(value.to_owned())))
    }

    fn visit_string<E>(self, value: String) -> Result<StringMember, E> {
        Ok(StringMember(Some(value)))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<StringMember, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(StringMember(None))
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<StringMember, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(StringMember(None))
    }

    fn visit_f64<E>(self, _: f64) -> Result<StringMember, E> {
        Ok(StringMember(None))
    }

    fn visit_i64<E>(self, _: i64) -> Result<StringMember, E> {
        Ok(StringMember(None))
    }

    fn visit_u64<E>(self, _: u64) -> Result<StringMember, E> {
        Ok(StringMember(None))
    }

    fn visit_bool<E>(self, _: bool) -> Result<StringMember, E> {
        Ok(StringMember(None))
    }

    fn visit_unit<E>(self) -> Result<StringMember, E> {
        Ok(StringMember(None))
    }

    fn visit_none<E>(self) -> Result<StringMember, E> {
        Ok(StringMember(None))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(status: u16, error_type: Option<&str>, body: Option<&str>) -> ServiceError {
        let headers = ErrorHeaders {
            error_type: error_type.map(str::to_owned),
            ..ErrorHeaders::default()
        };
        let body = body.and_then(|text| serde_json::from_str::<ErrorBody>(text).ok());
        parse_error_response(status, &headers, body.as_ref())
    }

    const CORAL: &str = ":http://internal.amazon.com/coral/com.amazon.coral.validate/";

    /// The 13 cases of the Smithy restJson1 error-parsing protocol tests (api-facts.md §2).
    #[test]
    fn smithy_rest_json_error_cases() {
        let header_cases = [
            "FooError".to_owned(),
            format!("FooError{CORAL}"),
            format!("aws.protocoltests.restjson#FooError{CORAL}"),
            format!("aws.different.namespace#FooError{CORAL}"),
        ];
        for header in &header_cases {
            assert_eq!(parse(500, Some(header), None).name, "FooError", "{header}");
        }
        let body_cases = [
            r#"{"code":"FooError"}"#.to_owned(),
            r#"{"code":"aws.protocoltests.restjson#FooError"}"#.to_owned(),
            format!(r#"{{"code":"aws.protocoltests.restjson#FooError{CORAL}"}}"#),
            r#"{"__type":"FooError"}"#.to_owned(),
            r#"{"__type":"aws.protocoltests.restjson#FooError"}"#.to_owned(),
            format!(r#"{{"__type":"aws.protocoltests.restjson#FooError{CORAL}"}}"#),
        ];
        for body in &body_cases {
            assert_eq!(parse(500, None, Some(body)).name, "FooError", "{body}");
        }

        let greeting = parse(400, Some("InvalidGreeting"), Some(r#"{"Message":"Hi"}"#));
        assert_eq!(
            (greeting.name.as_str(), greeting.message.as_str()),
            ("InvalidGreeting", "Hi")
        );

        let both = r#"{"__type":"ThrottlingException","code":"ResourceNotFoundException"}"#;
        assert_eq!(
            parse(400, Some("ValidationException"), Some(both)).name,
            "ValidationException"
        );
        assert_eq!(
            parse(400, None, Some(both)).name,
            "ResourceNotFoundException"
        );
    }

    #[test]
    fn modeled_errors_take_fault_and_retryable_from_the_model() {
        let throttled = parse(
            429,
            Some("ThrottlingException"),
            Some(r#"{"message":"slow"}"#),
        );
        assert_eq!(throttled.fault, Fault::Client);
        assert_eq!(throttled.retryable, Some(true));
        assert_eq!(throttled.message, "slow");
        let internal = parse(500, Some("InternalServerException"), None);
        assert_eq!(
            (internal.fault, internal.retryable),
            (Fault::Server, Some(false))
        );
        let missing = parse(404, Some("ResourceNotFoundException"), None);
        assert_eq!((missing.fault, missing.retryable), (Fault::Client, None));
        assert_eq!(missing.message, "ResourceNotFoundException (HTTP 404)");
    }

    #[test]
    fn unmodeled_codes_keep_their_name_and_take_fault_from_status() {
        let header =
            "InvalidSignatureException:http://internal.amazon.com/coral/com.amazon.coral.service/";
        let error = parse(
            403,
            Some(header),
            Some(r#"{"message":"Signature expired"}"#),
        );
        assert_eq!(error.name, "InvalidSignatureException");
        assert_eq!(error.fault, Fault::Client);
        assert_eq!(parse(502, Some("BadGateway"), None).fault, Fault::Server);
    }

    /// Case C7: an HTML 503 page is an error with the status, never a JSON syntax error.
    #[test]
    fn non_json_and_empty_bodies_are_known_by_their_status() {
        for body in ["<html>Service Unavailable</html>", "", "{\"code\":"] {
            let error = parse(503, None, Some(body));
            assert_eq!(error.name, UNKNOWN_ERROR);
            assert_eq!(error.status, 503);
            assert_eq!(error.fault, Fault::Server);
            assert_eq!(
                error.message,
                "The service answered HTTP 503 without an error code"
            );
        }
        assert_eq!(parse(418, None, None).fault, Fault::Client);
    }

    #[test]
    fn code_key_is_matched_in_any_case_but_type_only_at_top_level() {
        assert_eq!(parse(400, None, Some(r#"{"CODE":"Upper"}"#)).name, "Upper");
        let nested = r#"{"error":{"__type":"Nested"},"message":"m"}"#;
        assert_eq!(parse(400, None, Some(nested)).name, UNKNOWN_ERROR);
        let not_strings = r#"{"code":7,"__type":["x"],"message":{"a":1}}"#;
        let error = parse(400, None, Some(not_strings));
        assert_eq!(error.name, UNKNOWN_ERROR);
        assert_eq!(parse(400, None, Some("[1,2]")).name, UNKNOWN_ERROR);
        assert_eq!(parse(400, None, Some("null")).name, UNKNOWN_ERROR);
    }

    #[test]
    fn sanitize_keeps_the_bare_code() {
        assert_eq!(sanitize_error_code("A,B"), "A");
        assert_eq!(sanitize_error_code("ns#A:http://x,y"), "A");
        assert_eq!(sanitize_error_code(""), "");
        assert_eq!(
            parse(400, Some(""), Some(r#"{"code":"FromBody"}"#)).name,
            "FromBody"
        );
    }
}
