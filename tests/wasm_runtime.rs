//! Tests that need a JS engine: the JS clock, `JSON.parse` through serde-wasm-bindgen, and
//! hostile JS values at the crate's edge. Run with
//! `cargo test --target wasm32-unknown-unknown` (Node, through wasm-bindgen-test-runner).
#![cfg(target_arch = "wasm32")]

use gameliftstreams_wasm::clock;
use gameliftstreams_wasm::endpoint::{resolve_endpoint, Endpoint, EndpointParams};
use gameliftstreams_wasm::error::ClientErrorKind;
use gameliftstreams_wasm::error_response::ErrorBody;
use gameliftstreams_wasm::js_input::{read_config, read_credentials, read_input};
use gameliftstreams_wasm::request::{build_terminate_request, TerminateStreamSessionInput};
use gameliftstreams_wasm::response::error_body_from_js;
use gameliftstreams_wasm::signing::{
    sign_request, time_from_epoch_millis, Credentials, SigningKeyCache,
};
use gameliftstreams_wasm::WasmClient;
use js_sys::Function;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;

mod js_values;
use js_values::{get, js};

/// Case C4: signing inside wasm with the time taken from `Date.now()`, not `SystemTime::now()`.
#[wasm_bindgen_test]
fn signs_with_the_js_clock_without_trapping() {
    let before = js_sys::Date::new_0();
    let request = build_terminate_request(
        &Endpoint {
            url: "https://gameliftstreams.us-west-2.api.aws".into(),
        },
        &TerminateStreamSessionInput {
            identifier: "sg-1AB2C3De4".into(),
            stream_session_identifier: "ABC123def4567".into(),
        },
    );
    let credentials = Credentials {
        access_key_id: "AKIDEXAMPLE".into(),
        secret_access_key: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY".into(),
        session_token: None,
    };
    let now = time_from_epoch_millis(clock::now_millis()).unwrap();
    let signed = sign_request(
        &request,
        &credentials,
        "us-west-2",
        now,
        &mut SigningKeyCache::default(),
    )
    .unwrap();
    let date = &signed
        .headers
        .iter()
        .find(|(name, _)| *name == "x-amz-date")
        .unwrap()
        .1;
    // `Date#toISOString` gives 2026-12-03T16:20:50.123Z; x-amz-date is 20261203T162050Z.
    let iso: String = before.to_iso_string().into();
    let expected_day: String = iso[..10].replace('-', "");
    assert_eq!(&date[..8], expected_day.as_str());
    assert_eq!(signed.signature.len(), 64);
}

#[wasm_bindgen_test]
fn hostile_inputs_are_typed_errors() {
    let cases = [
        ("null", "input"),
        ("42", "input"),
        ("Symbol('x')", "input"),
        ("{}", "Identifier"),
        (
            "{ Identifier: 7, StreamSessionIdentifier: 'x' }",
            "Identifier",
        ),
        (
            "{ Identifier: Symbol('s'), StreamSessionIdentifier: 'x' }",
            "Identifier",
        ),
        (
            "{ Identifier: 'sg-1', StreamSessionIdentifier: '\\ud800' }",
            "StreamSessionIdentifier",
        ),
        (
            "{ get Identifier() { throw new Error('boom'); }, StreamSessionIdentifier: 'x' }",
            "Identifier",
        ),
        (
            "{ Identifier: 'a'.repeat(10 * 1024 * 1024), StreamSessionIdentifier: 'x' }",
            "Identifier",
        ),
        (
            "{ Identifier: new String('sg-1'), StreamSessionIdentifier: 'x' }",
            "Identifier",
        ),
        (
            "{ Identifier: 'sg-1', StreamSessionIdentifier: '..' }",
            "StreamSessionIdentifier",
        ),
    ];
    for (source, field) in cases {
        let error = read_input(&js(source)).unwrap_err();
        assert_eq!(error.kind, ClientErrorKind::InputValidation, "{source}");
        assert_eq!(error.field, Some(field), "{source}");
    }
}

/// A lone surrogate is named as such, whether the runtime has `String.prototype.isWellFormed`
/// or the check falls back to reading the string unit by unit.
#[wasm_bindgen_test]
fn lone_surrogates_are_refused_with_or_without_is_well_formed() {
    let input = "{ Identifier: 'sg-1', StreamSessionIdentifier: 'ab\\udc00' }";
    let expected = "StreamSessionIdentifier must be a string, not a string with a lone surrogate";
    assert_eq!(read_input(&js(input)).unwrap_err().message, expected);

    let saved = js("Object.getOwnPropertyDescriptor(String.prototype, 'isWellFormed')");
    assert!(saved.is_object(), "this runtime has isWellFormed");
    js("delete String.prototype.isWellFormed");
    let without = read_input(&js(input)).map_err(|error| error.message);
    let valid =
        read_input(&js("{ Identifier: 'sg-1', StreamSessionIdentifier: 'ab' }")).map(|_| ());
    Function::new_with_args(
        "d",
        "Object.defineProperty(String.prototype, 'isWellFormed', d)",
    )
    .call1(&JsValue::NULL, &saved)
    .unwrap();
    assert_eq!(without, Err(expected.to_owned()));
    assert_eq!(valid, Ok(()));
}

#[wasm_bindgen_test]
fn hostile_configuration_and_credentials_are_typed_errors() {
    let error = read_config(&js("{ region: 'us-west-2.evil.com' }")).unwrap_err();
    assert_eq!(
        (error.kind, error.field),
        (ClientErrorKind::Configuration, Some("region"))
    );
    let error = read_config(&js("{ region: 'us-west-2', useFipsEndpoint: 'yes' }")).unwrap_err();
    assert_eq!(error.field, Some("useFipsEndpoint"));
    let error = read_config(&js("undefined")).unwrap_err();
    assert_eq!(error.message, "region is required");

    let secret = "SECRET/with space";
    let source = format!("{{ accessKeyId: 'AKID', secretAccessKey: '{secret}' }}");
    let error = read_credentials(&js(&source)).unwrap_err();
    assert_eq!(
        (error.kind, error.field),
        (ClientErrorKind::Credentials, Some("secretAccessKey"))
    );
    assert!(!error.message.contains(secret));
    let error = read_credentials(&js("{ accessKeyId: 'AKID', secretAccessKey: 5 }")).unwrap_err();
    assert_eq!(
        error.message,
        "credentials.secretAccessKey must be a string, not a number"
    );
    let error = read_credentials(&js("{ secretAccessKey: 'x' }")).unwrap_err();
    assert_eq!(error.field, Some("accessKeyId"));
}

#[wasm_bindgen_test]
fn error_bodies_are_read_through_json_parse() {
    let parse =
        |text: &str| -> ErrorBody { error_body_from_js(&js_sys::JSON::parse(text).unwrap()) };
    let body = parse(r#"{"Code":"A","__type":"B","message":"m","Message":"M","x":{"y":[1,2]}}"#);
    assert_eq!(body.code.as_deref(), Some("A"));
    assert_eq!(body.type_name.as_deref(), Some("B"));
    assert_eq!(body.message_lower.as_deref(), Some("m"));
    assert_eq!(body.message_upper.as_deref(), Some("M"));

    let deep = format!(
        "{{\"code\":\"Deep\",\"n\":{}1{}}}",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    assert_eq!(parse(&deep).code.as_deref(), Some("Deep"));
    assert_eq!(parse(r#"{"code":{"nested":"x"}}"#).code, None);
    assert_eq!(parse("\"text\""), ErrorBody::default());
}

/// A rejected call leaves the module usable: the next valid call still reaches `fetch`.
#[wasm_bindgen_test]
async fn client_rejects_with_a_description_and_stays_usable() {
    let client = WasmClient::new(js(
        "{ region: 'us-west-2', endpoint: 'http://127.0.0.1:9', \
         maxAttempts: 1, credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' } }",
    ));
    let rejected = JsFuture::from(
        client.terminate_stream_session(js("{ Identifier: '' }"), JsValue::UNDEFINED),
    )
    .await
    .unwrap_err();
    assert_eq!(get(&rejected, "kind"), "InputValidationError");
    assert_eq!(get(&rejected, "field"), "Identifier");
    assert_eq!(get(&get(&rejected, "metadata"), "attempts"), 0);

    let input = js("{ Identifier: 'sg-1', StreamSessionIdentifier: 's-1' }");
    let rejected = JsFuture::from(client.terminate_stream_session(input, JsValue::UNDEFINED))
        .await
        .unwrap_err();
    assert_eq!(get(&rejected, "kind"), "NetworkError");
    assert_eq!(get(&get(&rejected, "metadata"), "attempts"), 1);
    assert!(get(&rejected, "cause").is_object());
}

#[wasm_bindgen_test]
async fn bad_options_and_configuration_reject_before_sending() {
    let credentials = "credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' }";
    let input = || js("{ Identifier: 'sg-1', StreamSessionIdentifier: 's-1' }");
    for (config, options, kind, field) in [
        (
            "maxAttempts: 0",
            "undefined",
            "ConfigurationError",
            "maxAttempts",
        ),
        (
            "maxAttempts: 2.5",
            "undefined",
            "ConfigurationError",
            "maxAttempts",
        ),
        (
            "retryMode: 'adaptive'",
            "undefined",
            "ConfigurationError",
            "retryMode",
        ),
        (
            "requestTimeoutMs: -1",
            "undefined",
            "ConfigurationError",
            "requestTimeoutMs",
        ),
        (
            "maxAttempts: 2",
            "{ abortSignal: {} }",
            "InputValidationError",
            "abortSignal",
        ),
        (
            "maxAttempts: 2",
            "{ requestTimeoutMs: NaN }",
            "ConfigurationError",
            "requestTimeoutMs",
        ),
        ("maxAttempts: 2", "7", "InputValidationError", "options"),
    ] {
        let client = WasmClient::new(js(&format!(
            "{{ region: 'us-west-2', endpoint: 'http://127.0.0.1:9', {credentials}, {config} }}"
        )));
        let rejected = JsFuture::from(client.terminate_stream_session(input(), js(options)))
            .await
            .unwrap_err();
        assert_eq!(get(&rejected, "kind"), kind, "{config} {options}");
        assert_eq!(get(&rejected, "field"), field, "{config} {options}");
        assert_eq!(get(&get(&rejected, "metadata"), "attempts"), 0);
    }
}

/// An aborted signal rejects before anything is sent, with the signal's reason as `cause`.
#[wasm_bindgen_test]
async fn an_aborted_signal_rejects_at_once() {
    let client = WasmClient::new(js(
        "{ region: 'us-west-2', endpoint: 'http://127.0.0.1:9', \
         credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' } }",
    ));
    let options = js("{ abortSignal: AbortSignal.abort('stop') }");
    let input = js("{ Identifier: 'sg-1', StreamSessionIdentifier: 's-1' }");
    let rejected = JsFuture::from(client.terminate_stream_session(input, options))
        .await
        .unwrap_err();
    assert_eq!(get(&rejected, "kind"), "AbortError");
    assert_eq!(get(&rejected, "cause"), "stop");
    assert_eq!(get(&get(&rejected, "metadata"), "attempts"), 0);
}

/// In wasm the clock reads dates with the runtime's `Date.parse` (natively, aws-smithy-types).
#[wasm_bindgen_test]
fn dates_are_read_by_the_runtime() {
    use gameliftstreams_wasm::clock::{parse_http_date, server_time_from_signature_message};
    let t_030405 = 1_735_787_045_000.0; // 2025-01-02T03:04:05Z
    assert_eq!(
        parse_http_date("Thu, 02 Jan 2025 03:04:05 GMT"),
        Some(t_030405)
    );
    assert_eq!(
        parse_http_date(" Thu, 02 Jan 2025 03:04:05 GMT "),
        Some(t_030405)
    );
    assert_eq!(parse_http_date("yesterday"), None);
    assert_eq!(parse_http_date(""), None);
    let expired = "Signature expired: 20250102T030405Z is now earlier than 20250102T030905Z \
                   (20250102T031405Z - 5 min.)";
    assert_eq!(
        server_time_from_signature_message(expired),
        Some(t_030405 + 600_000.0)
    );
    assert_eq!(
        server_time_from_signature_message("(20251302T031405Z - 5 min.)"),
        None
    );
}

/// The runtime's own `URL` reads each custom endpoint as the `url` crate does natively: the
/// URL or error recorded in `tests/data/custom-endpoints.json` (see
/// `tests/endpoint_differential.rs`).
#[wasm_bindgen_test]
fn custom_endpoints_read_by_the_runtime_url_as_recorded() {
    let text = include_str!("data/custom-endpoints.json");
    let document: serde_json::Value = serde_json::from_str(text).unwrap();
    let cases = document["cases"].as_array().unwrap();
    assert!(cases.len() >= 60);
    for case in cases {
        let endpoint = case["endpoint"].as_str().unwrap();
        let params = EndpointParams {
            region: Some("us-west-2"),
            use_fips: false,
            endpoint: Some(endpoint),
        };
        match resolve_endpoint(&params) {
            Ok(resolved) => assert_eq!(case["url"], resolved.url.as_str(), "{endpoint:?}"),
            Err(error) => assert_eq!(case["error"], error.message.as_str(), "{endpoint:?}"),
        }
    }
}
