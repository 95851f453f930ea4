//! Properties that must hold for any input, shared by the bounded proptest run
//! (`tests/fuzz_properties.rs`, part of `cargo test`) and the cargo-fuzz targets (`fuzz/`).
//! Each function panics when its property breaks, which is what both harnesses report.
//!
//! Besides "never panics", each checks the module against a second, plainly written statement
//! of its rule (the model's pattern, the URL a request goes to, the date a signature carries).

use std::net::{Ipv4Addr, Ipv6Addr};
use std::time::{Duration, UNIX_EPOCH};

use gameliftstreams_wasm::clock::{parse_http_date, server_time_from_signature_message};
use gameliftstreams_wasm::endpoint::{resolve_endpoint, Endpoint, EndpointParams};
use gameliftstreams_wasm::error::{ClientError, ClientErrorKind};
use gameliftstreams_wasm::error_response::{
    parse_error_response, ErrorBody, ErrorHeaders, UNKNOWN_ERROR,
};
use gameliftstreams_wasm::model::{modeled_error, Fault};
use gameliftstreams_wasm::request::{build_terminate_request, TerminateStreamSessionInput};
use gameliftstreams_wasm::retry::retry_after_hint_ms;
use gameliftstreams_wasm::signing::{
    sign_parts, sign_request, time_from_epoch_millis, Credentials, RequestParts, SigningKeyCache,
};
use gameliftstreams_wasm::validate::{
    validate_access_key_id, validate_identifier, validate_region, validate_secret_value,
};

/// 10000-01-01T00:00:00Z in milliseconds: the first instant the signer cannot date.
const YEAR_10000_MILLIS: f64 = 253_402_300_800_000.0;

/// The dual-stack DNS suffixes of the partitions (README, "API").
const DNS_SUFFIXES: &[&str] = &[
    "api.aws",
    "api.amazonwebservices.com.cn",
    "api.aws.ic.gov",
    "api.aws.scloud",
    "api.cloud-aws.adc-e.uk",
    "api.aws.hci.ic.gov",
    "api.amazonwebservices.eu",
];

// Input checks

/// The model's `Identifier` rule, stated independently: 1 to 128 characters, and either
/// letters, digits and hyphens, or `arn:aws:gameliftstreams:REGION:ACCOUNT:RESOURCE` with a
/// 12-digit account and no `:` or space in the region and resource.
pub fn model_accepts_identifier(value: &str) -> bool {
    if !(1..=128).contains(&value.chars().count()) {
        return false;
    }
    if value.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return true;
    }
    let Some(rest) = value.strip_prefix("arn:aws:gameliftstreams:") else {
        return false;
    };
    let parts: Vec<&str> = rest.splitn(3, ':').collect();
    let free = |part: &str| !part.contains([':', ' ']);
    parts.len() == 3
        && free(parts[0])
        && parts[1].len() == 12
        && parts[1].chars().all(|c| c.is_ascii_digit())
        && free(parts[2])
}

/// One lower-case DNS label: 1 to 63 of `[a-z0-9-]`, no hyphen at either end.
fn is_region_label(value: &str) -> bool {
    (1..=63).contains(&value.len())
        && value
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !value.starts_with('-')
        && !value.ends_with('-')
}

fn assert_refused(result: Result<(), ClientError>, kind: ClientErrorKind, field: &str) {
    let error = result.expect_err("refused");
    assert_eq!(error.kind, kind);
    assert_eq!(error.field, Some(field));
}

/// `validate_*` agree with the rules above, and an accepted identifier becomes exactly one
/// path segment that decodes back to itself.
pub fn input_checks(identifier: &str, region: &str, access_key_id: &str, secret: &str) {
    let accepted = validate_identifier("StreamSessionIdentifier", identifier);
    if model_accepts_identifier(identifier) {
        assert_eq!(accepted, Ok(()), "{identifier:?}");
        let segment = gameliftstreams_wasm::request::encode_label(identifier);
        assert!(!segment.contains('/') && segment != "." && segment != "..");
        assert_eq!(percent_decode(&segment).as_deref(), Some(identifier));
    } else {
        let kind = ClientErrorKind::InputValidation;
        assert_refused(accepted, kind, "StreamSessionIdentifier");
    }

    match validate_region(region) {
        Ok(()) => {
            assert!(is_region_label(region), "{region:?}");
            let url = format!("https://gameliftstreams.{region}.api.aws");
            let uri: http::Uri = url.parse().expect("a region label makes a valid host");
            assert_eq!(uri.host(), Some(&url["https://".len()..]));
        }
        Err(error) => {
            assert!(!is_region_label(region), "{region:?}");
            assert_eq!(
                (error.kind, error.field),
                (ClientErrorKind::Configuration, Some("region"))
            );
        }
    }

    // Credential messages are fixed sentences, so they can never quote the value.
    let key_ok = !access_key_id.is_empty()
        && access_key_id.len() <= 128
        && access_key_id.chars().all(|c| c.is_ascii_alphanumeric());
    match validate_access_key_id(access_key_id) {
        Ok(()) => assert!(key_ok, "{access_key_id:?}"),
        Err(error) => {
            assert!(!key_ok);
            assert_eq!(error.field, Some("accessKeyId"));
            assert!([
                "credentials.accessKeyId must not be empty",
                "credentials.accessKeyId must be 1 to 128 letters and digits",
            ]
            .contains(&error.message.as_str()));
        }
    }
    for field in ["secretAccessKey", "sessionToken"] {
        let visible = !secret.is_empty() && secret.chars().all(|c| c.is_ascii_graphic());
        match validate_secret_value(field, secret) {
            Ok(()) => assert!(visible),
            Err(error) => {
                assert!(!visible);
                assert_eq!(error.kind, ClientErrorKind::Credentials);
                assert_eq!(error.field, Some(field));
                let empty = format!("credentials.{field} must not be empty");
                let other =
                    format!("credentials.{field} must contain only visible ASCII characters");
                assert!(error.message == empty || error.message == other);
            }
        }
    }
}

/// Decodes `%XX` escapes; `None` for a malformed escape or bytes that are not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                return None;
            }
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

// Request building and signing

/// Everything one call signs with, as the caller could give it.
#[derive(Debug)]
pub struct CallParts<'a> {
    /// `Identifier`.
    pub identifier: &'a str,
    /// `StreamSessionIdentifier`.
    pub session: &'a str,
    /// `region`.
    pub region: &'a str,
    /// `endpoint`, if any.
    pub endpoint: Option<&'a str>,
    /// `useFipsEndpoint`.
    pub use_fips: bool,
    /// `credentials.accessKeyId`.
    pub access_key_id: &'a str,
    /// `credentials.secretAccessKey`.
    pub secret: &'a str,
    /// `credentials.sessionToken`.
    pub token: Option<&'a str>,
    /// `Date.now()` plus the clock offset.
    pub time_millis: f64,
}

/// Whatever passes the input checks and the endpoint resolver goes to the URL it should, and
/// signs without error or panic, at any time `time_from_epoch_millis` lets through.
pub fn build_and_sign(call: &CallParts<'_>) {
    let signable_time = call.time_millis >= 0.0 && call.time_millis < YEAR_10000_MILLIS;
    let time = time_from_epoch_millis(call.time_millis);
    assert_eq!(time.is_some(), signable_time, "{}", call.time_millis);

    let valid = validate_identifier("Identifier", call.identifier).is_ok()
        && validate_identifier("StreamSessionIdentifier", call.session).is_ok()
        && validate_region(call.region).is_ok()
        && validate_access_key_id(call.access_key_id).is_ok()
        && validate_secret_value("secretAccessKey", call.secret).is_ok()
        && !matches!(call.token, Some(token)
            if validate_secret_value("sessionToken", token).is_err());
    let params = EndpointParams {
        region: Some(call.region),
        use_fips: call.use_fips,
        endpoint: call.endpoint,
    };
    let (true, Ok(endpoint), Some(time)) = (valid, resolve_endpoint(&params), time) else {
        return;
    };

    let input = TerminateStreamSessionInput {
        identifier: call.identifier.into(),
        stream_session_identifier: call.session.into(),
    };
    let request = build_terminate_request(&endpoint, &input);
    assert_eq!(request.method, "DELETE");
    let labels = request
        .url
        .strip_prefix(&endpoint.url)
        .and_then(|path| path.strip_prefix("/streamgroups/"))
        .and_then(|path| path.split_once("/streamsessions/"))
        .expect("the operation path follows the endpoint");
    assert_eq!(percent_decode(labels.0).as_deref(), Some(call.identifier));
    assert_eq!(percent_decode(labels.1).as_deref(), Some(call.session));

    let credentials = Credentials {
        access_key_id: call.access_key_id.into(),
        secret_access_key: call.secret.into(),
        session_token: call.token.map(str::to_owned),
    };
    let signed = sign_request(
        &request,
        &credentials,
        call.region,
        time,
        &mut SigningKeyCache::default(),
    )
    .unwrap_or_else(|error| panic!("{call:?} did not sign: {error}"));

    let seconds = call.time_millis as u64 / 1_000;
    let date = basic_time(seconds);
    let signed_headers = match call.token {
        Some(_) => "host;x-amz-date;x-amz-security-token",
        None => "host;x-amz-date",
    };
    let authorization = format!(
        "AWS4-HMAC-SHA256 Credential={}/{}/{}/gameliftstreams/aws4_request, \
         SignedHeaders={signed_headers}, Signature={}",
        call.access_key_id,
        &date[..8],
        call.region,
        signed.signature
    );
    let mut expected = vec![
        ("x-amz-date", date.clone()),
        ("authorization", authorization),
    ];
    if let Some(token) = call.token {
        expected.push(("x-amz-security-token", token.to_owned()));
    }
    assert_eq!(signed.headers, expected);

    // The lean signer agrees with the general one, aws-sigv4's HTTP request layer.
    let parts = RequestParts {
        method: request.method,
        url: &request.url,
        headers: &[],
        body: &[],
    };
    let reference = sign_parts(&parts, &credentials, call.region, "gameliftstreams", time);
    assert_eq!(reference.as_ref(), Ok(&signed), "{}", request.url);
    assert_eq!(signed.signature.len(), 64);
    assert!(signed
        .signature
        .bytes()
        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)));
}

/// `YYYYMMDDTHHMMSSZ` for whole seconds since the Unix epoch, computed from the day count
/// with the proleptic Gregorian calendar's 400-year cycle of 146,097 days.
pub fn basic_time(seconds: u64) -> String {
    let (days, second_of_day) = (seconds / 86_400, seconds % 86_400);
    // Count from 0000-03-01 so that the leap day closes each year.
    let shifted = days + 719_468;
    let cycle = shifted / 146_097;
    let day_of_cycle = shifted % 146_097;
    let year_of_cycle = (day_of_cycle - day_of_cycle / 1_460 + day_of_cycle / 36_524
        - day_of_cycle / 146_096)
        / 365;
    let day_of_year =
        day_of_cycle - (365 * year_of_cycle + year_of_cycle / 4 - year_of_cycle / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = cycle * 400 + year_of_cycle + u64::from(month <= 2);
    format!(
        "{year:04}{month:02}{day:02}T{:02}{:02}{:02}Z",
        second_of_day / 3_600,
        second_of_day % 3_600 / 60,
        second_of_day % 60
    )
}

/// A request as anyone could hand it to the low-level signer.
#[derive(Debug)]
pub struct RawSigning<'a> {
    /// Any method.
    pub method: &'a str,
    /// Any URL text.
    pub url: &'a str,
    /// Any header names and values.
    pub headers: &'a [(&'a str, &'a str)],
    /// Any body.
    pub body: &'a [u8],
    /// Any region text.
    pub region: &'a str,
    /// Any service text.
    pub service: &'a str,
    /// Any secret.
    pub secret: &'a str,
    /// Any session token.
    pub token: Option<&'a str>,
    /// Seconds from the Unix epoch, either way.
    pub seconds: u64,
    /// Whether `seconds` counts back from the epoch.
    pub before_epoch: bool,
}

/// `sign_parts` turns anything it cannot sign into an error: it never panics.
pub fn sign_anything(raw: &RawSigning<'_>) {
    let offset = Duration::from_secs(raw.seconds);
    let time = match raw.before_epoch {
        true => UNIX_EPOCH.checked_sub(offset),
        false => UNIX_EPOCH.checked_add(offset),
    };
    let Some(time) = time else {
        return;
    };
    let parts = RequestParts {
        method: raw.method,
        url: raw.url,
        headers: raw.headers,
        body: raw.body,
    };
    let credentials = Credentials {
        access_key_id: "AKIDEXAMPLE".into(),
        secret_access_key: raw.secret.into(),
        session_token: raw.token.map(str::to_owned),
    };
    if let Ok(signed) = sign_parts(&parts, &credentials, raw.region, raw.service, time) {
        let authorization = &signed.headers[1];
        assert_eq!(authorization.0, "authorization");
        assert!(authorization
            .1
            .starts_with("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"));
    }
}

// Endpoints

/// Any endpoint the resolver accepts is a normalised absolute URL that resolves to itself,
/// plain `http` is allowed only to loopback unless opted in, and a request to it signs.
pub fn endpoint(custom: Option<&str>, region: &str, use_fips: bool, allow_insecure: bool) {
    let params = EndpointParams {
        region: Some(region),
        use_fips,
        endpoint: custom,
    };
    let endpoint = match resolve_endpoint(&params) {
        Ok(endpoint) => endpoint,
        Err(error) => {
            assert_eq!(error.kind, ClientErrorKind::Configuration);
            assert_eq!(error.field, Some("endpoint"), "{custom:?}: {error}");
            return;
        }
    };
    let Some(custom) = custom else {
        return default_endpoint(&endpoint, region, use_fips);
    };

    let uri: http::Uri = endpoint.url.parse().expect("a resolved endpoint parses");
    let scheme = uri.scheme_str().expect("absolute");
    assert!(scheme == "http" || scheme == "https", "{}", endpoint.url);
    let authority = uri.authority().expect("a host");
    let host = authority.host();
    assert!(!host.is_empty() && host == host.to_ascii_lowercase());
    let default_port = if scheme == "https" { 443 } else { 80 };
    assert_ne!(authority.port_u16(), Some(default_port));
    // The host and port are the ones given, the host lower-cased, a default port dropped.
    let given_uri: http::Uri = custom.parse().expect("it resolved, so it parses");
    let given = given_uri.authority().map_or("", |given| given.as_str());
    let (given_host, given_port) = match given.rsplit_once(':') {
        Some((host, port)) if !port.contains(']') => (host, Some(port)),
        _ => (given, None),
    };
    assert_eq!(host, given_host.to_ascii_lowercase(), "{custom:?}");
    let given_port = given_port.map_or(Ok(default_port), str::parse::<u16>);
    let port = authority.port_u16().unwrap_or(default_port);
    assert_eq!(Ok(port), given_port, "{custom:?}");
    assert!(uri.query().is_none());
    assert!(!authority.as_str().contains('@') && !endpoint.url.contains('#'));
    assert!(!endpoint.url.ends_with('/'));
    assert!(uri.path().split('/').all(|s| s != "." && s != ".."));
    let again = EndpointParams {
        endpoint: Some(&endpoint.url),
        ..params
    };
    assert_eq!(
        resolve_endpoint(&again).as_ref(),
        Ok(&endpoint),
        "{custom:?}"
    );

    let secure = endpoint.check_transport_security(allow_insecure);
    let allowed = scheme == "https" || allow_insecure || is_loopback(host);
    assert_eq!(secure.is_ok(), allowed, "{}", endpoint.url);
    sign_a_call_to(&endpoint);
}

fn default_endpoint(endpoint: &Endpoint, region: &str, use_fips: bool) {
    if validate_region(region).is_err() {
        return;
    }
    let fips = if use_fips { "-fips" } else { "" };
    let prefix = format!("https://gameliftstreams{fips}.{region}.");
    let suffix = endpoint.url.strip_prefix(&prefix).expect("service prefix");
    assert!(DNS_SUFFIXES.contains(&suffix), "{}", endpoint.url);
    assert_eq!(endpoint.check_transport_security(false), Ok(()));
    sign_a_call_to(endpoint);
}

fn is_loopback(host: &str) -> bool {
    let bracketed = host.strip_prefix('[').and_then(|h| h.strip_suffix(']'));
    host == "localhost"
        || host.parse::<Ipv4Addr>().is_ok_and(|ip| ip.is_loopback())
        || bracketed.is_some_and(|h| h.parse::<Ipv6Addr>().is_ok_and(|ip| ip.is_loopback()))
}

fn sign_a_call_to(endpoint: &Endpoint) {
    let input = TerminateStreamSessionInput {
        identifier: "arn:aws:gameliftstreams:us-west-2:111122223333:streamgroup/sg-1".into(),
        stream_session_identifier: "ABC123def4567".into(),
    };
    let request = build_terminate_request(endpoint, &input);
    let credentials = Credentials {
        access_key_id: "AKIDEXAMPLE".into(),
        secret_access_key: "secret".into(),
        session_token: None,
    };
    let time = UNIX_EPOCH + Duration::from_secs(1_735_787_045);
    if let Err(error) = sign_request(
        &request,
        &credentials,
        "us-west-2",
        time,
        &mut SigningKeyCache::default(),
    ) {
        panic!("{} did not sign: {error}", request.url);
    }
}

// Error responses and the hints read from an answer

/// An error answer with any status, error-type header and body reads into a named error
/// whose fault follows the model or the status.
pub fn error_response(status: u16, error_type: Option<&str>, body: &[u8]) {
    let body = serde_json::from_slice::<ErrorBody>(body).ok();
    let headers = ErrorHeaders {
        error_type: error_type.map(str::to_owned),
        ..ErrorHeaders::default()
    };
    let error = parse_error_response(status, &headers, body.as_ref());

    assert_eq!(error.status, status);
    assert!(!error.name.is_empty());
    assert!(!error.name.contains([',', ':', '#']), "{:?}", error.name);
    let modeled = modeled_error(&error.name);
    let fault = match modeled {
        Some(modeled) => modeled.fault,
        None if status >= 500 => Fault::Server,
        None => Fault::Client,
    };
    assert_eq!(error.fault, fault);
    assert_eq!(error.retryable, modeled.and_then(|m| m.retryable));
    let code = [
        error_type,
        body.as_ref().and_then(|b| b.code.as_deref()),
        body.as_ref().and_then(|b| b.type_name.as_deref()),
    ]
    .into_iter()
    .flatten()
    .map(bare_code)
    .find(|code| !code.is_empty());
    assert_eq!(error.name, code.unwrap_or(UNKNOWN_ERROR));
    let body_message = body
        .as_ref()
        .and_then(|b| b.message_lower.as_ref().or(b.message_upper.as_ref()));
    match body_message {
        Some(message) => assert_eq!(&error.message, message),
        None if code.is_some() => {
            assert_eq!(error.message, format!("{} (HTTP {status})", error.name))
        }
        None => assert_eq!(
            error.message,
            format!("The service answered HTTP {status} without an error code")
        ),
    }
}

/// An error code without its namespace (`ns#Code`) and without what follows a `,` or `:`.
fn bare_code(raw: &str) -> &str {
    let code = &raw[..raw.find([',', ':']).unwrap_or(raw.len())];
    match code.find('#') {
        Some(hash) => {
            let after = &code[hash + 1..];
            &after[..after.find('#').unwrap_or(after.len())]
        }
        None => code,
    }
}

/// The `Date`, `retry-after` and `x-amz-retry-after` headers and the "Signature expired"
/// message give a time or a delay that is a number, or nothing; they never panic.
pub fn server_hints(date: &str, retry_after: Option<&str>, x_amz: Option<&str>, message: &str) {
    let now = 1_735_787_045_000.0;
    if let Some(millis) = parse_http_date(date) {
        assert!(millis.is_finite());
    }
    if let Some(millis) = server_time_from_signature_message(message) {
        assert!(millis.is_finite());
    }
    if let Some(delay) = retry_after_hint_ms(x_amz, retry_after, now, parse_http_date) {
        assert!(delay >= 0.0, "{delay}");
    }
}
