//! Hostile JS values fed to the exported API (`new WasmClient(config)` and
//! `terminateStreamSession(input, options)`): each call rejects with a typed error description
//! naming the member at fault, and a valid call made right after still runs. A panic would trap
//! and poison the module, so the valid call proves it did not happen: it goes to
//! `http://127.0.0.1:9`, where nothing listens, and must reject with `NetworkError` after one
//! attempt. Run with `cargo test --target wasm32-unknown-unknown --test wasm_hostile` (Node).
#![cfg(target_arch = "wasm32")]

use gameliftstreams_wasm::WasmClient;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;

mod js_values;
use js_values::{get, js};

const CREDENTIALS: &str = "credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' }";
const REFUSED: &str = "endpoint: 'http://127.0.0.1:9', maxAttempts: 1";
const VALID_INPUT: &str = "{ Identifier: 'sg-1', StreamSessionIdentifier: 's-1' }";

fn valid_config() -> String {
    format!("{{ region: 'us-west-2', {REFUSED}, {CREDENTIALS} }}")
}

/// Calls and returns the rejection; a call that resolves fails the test.
async fn rejection(client: &WasmClient, input: JsValue, options: JsValue) -> JsValue {
    let promise = client.terminate_stream_session(input, options);
    match JsFuture::from(promise).await {
        Ok(value) => panic!("resolved with {value:?}"),
        Err(error) => error,
    }
}

/// The rejection is a typed client-side error for `field`, and nothing was sent.
fn assert_typed(error: &JsValue, kind: &str, field: &str, case: &str) {
    assert_eq!(get(error, "kind"), kind, "{case}");
    assert_eq!(get(error, "name"), kind, "{case}");
    assert_eq!(get(error, "field"), field, "{case}");
    assert_eq!(get(error, "fault"), "client", "{case}");
    assert!(get(error, "message").is_string(), "{case}");
    assert_eq!(get(&get(error, "metadata"), "attempts"), 0, "{case}");
}

/// A valid call on `client` reaches `fetch`, which proves the module still runs.
async fn assert_still_works(client: &WasmClient, case: &str) {
    let error = rejection(client, js(VALID_INPUT), JsValue::UNDEFINED).await;
    assert_eq!(get(&error, "kind"), "NetworkError", "after {case}");
    assert_eq!(get(&get(&error, "metadata"), "attempts"), 1, "after {case}");
}

/// Sets `Object.prototype[key]` from JS source for one call, and removes it before anything
/// else can fail.
async fn polluted<F: std::future::Future<Output = JsValue>>(
    key: &str,
    value: &str,
    call: impl FnOnce() -> F,
) -> JsValue {
    js(&format!(
        "Object.defineProperty(Object.prototype, '{key}', \
         {{ value: ({value}), writable: true, configurable: true }})"
    ));
    let error = call().await;
    js(&format!("delete Object.prototype['{key}']"));
    assert!(js(&format!("!('{key}' in {{}})")).is_truthy());
    error
}

/// Whole operation inputs that are not an object with the two members: (JS source, the
/// field the `InputValidationError` names).
const HOSTILE_INPUTS: &[(&str, &str)] = &[
    ("null", "input"),
    ("undefined", "input"),
    ("42", "input"),
    ("NaN", "input"),
    ("'sg-1'", "input"),
    ("true", "input"),
    ("Symbol('input')", "input"),
    ("10n", "input"),
    ("function () {}", "input"),
    ("[]", "Identifier"),
    ("{}", "Identifier"),
    (
        "new Proxy({}, { get() { throw new Error('trap'); } })",
        "Identifier",
    ),
    (
        "new Proxy({}, { get() { throw 1; }, has() { throw 2; }, ownKeys() { throw 3; }, \
         getPrototypeOf() { throw 4; }, getOwnPropertyDescriptor() { throw 5; } })",
        "Identifier",
    ),
    (
        "(() => { const r = Proxy.revocable({}, {}); r.revoke(); return r.proxy; })()",
        "Identifier",
    ),
];

/// Values that neither identifier member may take; each is tried in both members, as a plain
/// value, as the value of a getter, and in a frozen object.
const HOSTILE_IDENTIFIERS: &[&str] = &[
    "null",
    "7",
    "Symbol('id')",
    "10n",
    "() => 'sg-1'",
    "{ toString() { return 'sg-1'; } }",
    "new String('sg-1')",
    "['sg-1']",
    "'\\ud800'",
    "'\\udc00sg-1'",
    "'a'.repeat(10 * 1024 * 1024)",
    "'\\u00e9'.repeat(5 * 1024 * 1024)",
    "'a'.repeat(129)",
    "''",
    "'.'",
    "'..'",
    "'sg-1\\u0000'",
    "'sg-1/../x'",
    "'arn:aws:gameliftstreams:us-west-2:11112222333:streamgroup/sg-1'",
];

#[wasm_bindgen_test]
async fn hostile_inputs_reject_with_the_member_at_fault() {
    let client = WasmClient::new(js(&valid_config()));
    for (source, field) in HOSTILE_INPUTS {
        let error = rejection(&client, js(source), JsValue::UNDEFINED).await;
        assert_typed(&error, "InputValidationError", field, source);
        assert_still_works(&client, source).await;
    }
}

#[wasm_bindgen_test]
async fn hostile_identifier_values_reject_with_the_member_named() {
    let client = WasmClient::new(js(&valid_config()));
    for value in HOSTILE_IDENTIFIERS {
        for field in ["Identifier", "StreamSessionIdentifier"] {
            let other = if field == "Identifier" {
                "StreamSessionIdentifier: 's-1'"
            } else {
                "Identifier: 'sg-1'"
            };
            for source in [
                format!("{{ {field}: {value}, {other} }}"),
                format!("{{ get {field}() {{ return {value}; }}, {other} }}"),
                format!("Object.freeze({{ {field}: {value}, {other} }})"),
            ] {
                let error = rejection(&client, js(&source), JsValue::UNDEFINED).await;
                assert_typed(&error, "InputValidationError", field, &source);
                assert_still_works(&client, &source).await;
            }
        }
    }
    let throwing =
        "{ get Identifier() { throw new Error('getter'); }, StreamSessionIdentifier: 's-1' }";
    let error = rejection(&client, js(throwing), JsValue::UNDEFINED).await;
    assert_typed(&error, "InputValidationError", "Identifier", throwing);
    assert_still_works(&client, throwing).await;
}

/// Inputs that are odd but valid still make the call.
#[wasm_bindgen_test]
async fn frozen_and_null_prototype_inputs_are_read_normally() {
    let client = WasmClient::new(js(&valid_config()));
    for source in [
        "Object.freeze({ Identifier: 'sg-1', StreamSessionIdentifier: 's-1' })",
        "Object.assign(Object.create(null), { Identifier: 'sg-1', StreamSessionIdentifier: 's-1' })",
        "new Proxy({ Identifier: 'sg-1', StreamSessionIdentifier: 's-1' }, {})",
    ] {
        let error = rejection(&client, js(source), JsValue::UNDEFINED).await;
        assert_eq!(get(&error, "kind"), "NetworkError", "{source}");
    }
}

/// The call options: (JS source, error kind, field).
const HOSTILE_OPTIONS: &[(&str, &str, &str)] = &[
    ("7", "InputValidationError", "options"),
    ("'options'", "InputValidationError", "options"),
    ("Symbol('options')", "InputValidationError", "options"),
    ("10n", "InputValidationError", "options"),
    ("function () {}", "InputValidationError", "options"),
    (
        "new Proxy({}, { get() { throw new Error('trap'); } })",
        "InputValidationError",
        "abortSignal",
    ),
    (
        "{ get abortSignal() { throw new Error('getter'); } }",
        "InputValidationError",
        "abortSignal",
    ),
    ("{ abortSignal: {} }", "InputValidationError", "abortSignal"),
    (
        "{ abortSignal: Symbol('signal') }",
        "InputValidationError",
        "abortSignal",
    ),
    (
        "{ abortSignal: new Proxy({}, { getPrototypeOf() { throw new Error('trap'); } }) }",
        "InputValidationError",
        "abortSignal",
    ),
    ("{ keepalive: 'yes' }", "InputValidationError", "keepalive"),
    (
        "{ requestTimeoutMs: Symbol('ms') }",
        "ConfigurationError",
        "requestTimeoutMs",
    ),
    (
        "{ requestTimeoutMs: 10n }",
        "ConfigurationError",
        "requestTimeoutMs",
    ),
    (
        "{ requestTimeoutMs: Infinity }",
        "ConfigurationError",
        "requestTimeoutMs",
    ),
    (
        "{ requestTimeoutMs: -5 }",
        "ConfigurationError",
        "requestTimeoutMs",
    ),
];

#[wasm_bindgen_test]
async fn hostile_call_options_reject_with_the_member_at_fault() {
    let client = WasmClient::new(js(&valid_config()));
    for (source, kind, field) in HOSTILE_OPTIONS {
        let error = rejection(&client, js(VALID_INPUT), js(source)).await;
        assert_typed(&error, kind, field, source);
        assert_still_works(&client, source).await;
    }
}

/// Whole configurations that are not an object: the client is built all the same (the
/// constructor never throws), and each of its calls reports the missing region.
const HOSTILE_CONFIGS: &[&str] = &[
    "null",
    "undefined",
    "42",
    "'us-west-2'",
    "Symbol('config')",
    "10n",
    "function () {}",
    "new Proxy({}, { get() { throw new Error('trap'); } })",
    "(() => { const r = Proxy.revocable({}, {}); r.revoke(); return r.proxy; })()",
];

/// One member of an otherwise valid configuration: (member and its JS value, error kind,
/// field). `CREDENTIALS` stands for valid credentials.
const HOSTILE_MEMBERS: &[(&str, &str, &str)] = &[
    ("region: 7, CREDENTIALS", "ConfigurationError", "region"),
    (
        "region: Symbol('r'), CREDENTIALS",
        "ConfigurationError",
        "region",
    ),
    ("region: 10n, CREDENTIALS", "ConfigurationError", "region"),
    (
        "region: 'us-west-2\\ud800', CREDENTIALS",
        "ConfigurationError",
        "region",
    ),
    (
        "region: 'a'.repeat(10 * 1024 * 1024), CREDENTIALS",
        "ConfigurationError",
        "region",
    ),
    (
        "region: 'us-west-2.evil.com', CREDENTIALS",
        "ConfigurationError",
        "region",
    ),
    (
        "get region() { throw new Error('getter'); }, CREDENTIALS",
        "ConfigurationError",
        "region",
    ),
    (
        "region: 'us-west-2', endpoint: 'http://' + 'a'.repeat(10 * 1024 * 1024), CREDENTIALS",
        "ConfigurationError",
        "endpoint",
    ),
    (
        "region: 'us-west-2', endpoint: 'http://127.0.0.1:9/\\udfff', CREDENTIALS",
        "ConfigurationError",
        "endpoint",
    ),
    (
        "region: 'us-west-2', endpoint: Symbol('e'), CREDENTIALS",
        "ConfigurationError",
        "endpoint",
    ),
    (
        "region: 'us-west-2', get endpoint() { throw new Error('getter'); }, CREDENTIALS",
        "ConfigurationError",
        "endpoint",
    ),
    (
        "region: 'us-west-2', useFipsEndpoint: 1, CREDENTIALS",
        "ConfigurationError",
        "useFipsEndpoint",
    ),
    (
        "region: 'us-west-2', maxAttempts: 10n, CREDENTIALS",
        "ConfigurationError",
        "maxAttempts",
    ),
    (
        "region: 'us-west-2', maxAttempts: Symbol('n'), CREDENTIALS",
        "ConfigurationError",
        "maxAttempts",
    ),
    (
        "region: 'us-west-2', retryMode: Symbol('m'), CREDENTIALS",
        "ConfigurationError",
        "retryMode",
    ),
    ("region: 'us-west-2'", "CredentialsError", "credentials"),
    (
        "region: 'us-west-2', credentials: null",
        "CredentialsError",
        "credentials",
    ),
    (
        "region: 'us-west-2', credentials: Symbol('c')",
        "CredentialsError",
        "credentials",
    ),
    (
        "region: 'us-west-2', credentials: 10n",
        "CredentialsError",
        "credentials",
    ),
    (
        "region: 'us-west-2', get credentials() { throw new Error('getter'); }",
        "CredentialsError",
        "credentials",
    ),
    (
        "region: 'us-west-2', credentials: new Proxy({}, { get() { throw new Error('trap'); } })",
        "CredentialsError",
        "accessKeyId",
    ),
    (
        "region: 'us-west-2', credentials: { accessKeyId: 7, secretAccessKey: 's' }",
        "CredentialsError",
        "accessKeyId",
    ),
    (
        "region: 'us-west-2', credentials: { accessKeyId: 'a'.repeat(10 * 1024 * 1024), \
         secretAccessKey: 's' }",
        "CredentialsError",
        "accessKeyId",
    ),
    (
        "region: 'us-west-2', credentials: { accessKeyId: 'AKID', secretAccessKey: 's\\ud800' }",
        "CredentialsError",
        "secretAccessKey",
    ),
    (
        "region: 'us-west-2', credentials: { accessKeyId: 'AKID', secretAccessKey: 's', \
         sessionToken: Symbol('t') }",
        "CredentialsError",
        "sessionToken",
    ),
    (
        "region: 'us-west-2', credentials: () => { throw new Error('provider'); }",
        "CredentialsError",
        "credentials",
    ),
    (
        "region: 'us-west-2', credentials: async () => { throw new Error('provider'); }",
        "CredentialsError",
        "credentials",
    ),
    (
        "region: 'us-west-2', credentials: async () => Symbol('c')",
        "CredentialsError",
        "credentials",
    ),
    (
        "region: 'us-west-2', credentials: async () => ({ get accessKeyId() { throw 1; }, \
         secretAccessKey: 's' })",
        "CredentialsError",
        "accessKeyId",
    ),
    // Resolving a promise with the proxy reads its `then`, which throws: the provider failed.
    (
        "region: 'us-west-2', credentials: async () => new Proxy({}, { get() { throw 1; } })",
        "CredentialsError",
        "credentials",
    ),
    (
        "region: 'us-west-2', credentials: new Proxy(() => ({}), { apply() { throw 1; } })",
        "CredentialsError",
        "credentials",
    ),
];

/// Checks a client built from `config`: two calls reject with `kind` and `field`, and a valid
/// client keeps working.
async fn assert_config_refused(config: &str, kind: &str, field: &str, valid: &WasmClient) {
    let client = WasmClient::new(js(config));
    for _ in 0..2 {
        let error = rejection(&client, js(VALID_INPUT), JsValue::UNDEFINED).await;
        assert_typed(&error, kind, field, config);
    }
    assert_still_works(valid, config).await;
}

#[wasm_bindgen_test]
async fn hostile_configurations_reject_with_the_member_at_fault() {
    let valid = WasmClient::new(js(&valid_config()));
    for config in HOSTILE_CONFIGS {
        assert_config_refused(config, "ConfigurationError", "region", &valid).await;
    }
    for (members, kind, field) in HOSTILE_MEMBERS {
        let members = members.replace("CREDENTIALS", CREDENTIALS);
        for config in [
            format!("{{ {REFUSED}, {members} }}"),
            format!("Object.freeze({{ {REFUSED}, {members} }})"),
        ] {
            assert_config_refused(&config, kind, field, &valid).await;
        }
    }
}

/// A logger that throws or is hostile must not change the outcome of the call.
#[wasm_bindgen_test]
async fn hostile_loggers_do_not_change_the_outcome() {
    for logger in [
        "{ debug() { throw new Error('debug'); }, info() { throw new Error('info'); } }",
        "{ get debug() { throw new Error('getter'); } }",
        "new Proxy({}, { get() { throw new Error('trap'); } })",
        "{ debug: 'not a function', info: Symbol('info') }",
        "Symbol('logger')",
    ] {
        let config =
            format!("{{ region: 'us-west-2', {REFUSED}, {CREDENTIALS}, logger: {logger} }}");
        let client = WasmClient::new(js(&config));
        assert_still_works(&client, logger).await;
    }
}

/// `Object.prototype` polluted for one call: an inherited member is read like an own one, so
/// a polluted invalid value is refused with the member named, and the next call, after the
/// pollution is removed, works.
#[wasm_bindgen_test]
async fn prototype_pollution_is_refused_and_leaves_no_trace() {
    let client = WasmClient::new(js(&valid_config()));
    let cases = [
        ("Identifier", "'..'", "InputValidationError", "Identifier"),
        (
            "Identifier",
            "Symbol('polluted')",
            "InputValidationError",
            "Identifier",
        ),
        (
            "StreamSessionIdentifier",
            "10n",
            "InputValidationError",
            "StreamSessionIdentifier",
        ),
        ("abortSignal", "{}", "InputValidationError", "abortSignal"),
        ("keepalive", "'yes'", "InputValidationError", "keepalive"),
        (
            "requestTimeoutMs",
            "-1",
            "ConfigurationError",
            "requestTimeoutMs",
        ),
    ];
    for (key, value, kind, field) in cases {
        let case = format!("Object.prototype.{key} = {value}");
        let input = if key == "Identifier" {
            "{ StreamSessionIdentifier: 's-1' }"
        } else if key == "StreamSessionIdentifier" {
            "{ Identifier: 'sg-1' }"
        } else {
            VALID_INPUT
        };
        let error = polluted(key, value, || {
            let promise = client.terminate_stream_session(js(input), js("{}"));
            async move { JsFuture::from(promise).await.unwrap_err() }
        })
        .await;
        assert_typed(&error, kind, field, &case);
        assert_still_works(&client, &case).await;
    }

    // Configuration read while the prototype is polluted.
    let cases = [
        (
            "region",
            "Symbol('polluted')",
            "ConfigurationError",
            "region",
        ),
        (
            "endpoint",
            "'http://evil.example'",
            "ConfigurationError",
            "endpoint",
        ),
        (
            "useFipsEndpoint",
            "'yes'",
            "ConfigurationError",
            "useFipsEndpoint",
        ),
        ("maxAttempts", "0", "ConfigurationError", "maxAttempts"),
        (
            "accessKeyId",
            "Symbol('polluted')",
            "CredentialsError",
            "accessKeyId",
        ),
    ];
    for (key, value, kind, field) in cases {
        let case = format!("Object.prototype.{key} = {value}");
        let config = match key {
            "region" => format!("{{ {REFUSED}, {CREDENTIALS} }}"),
            "accessKeyId" => format!(
                "{{ region: 'us-west-2', {REFUSED}, credentials: {{ secretAccessKey: 's' }} }}"
            ),
            "endpoint" => format!("{{ region: 'us-west-2', maxAttempts: 1, {CREDENTIALS} }}"),
            _ => format!("{{ region: 'us-west-2', {CREDENTIALS} }}"),
        };
        let error = polluted(key, value, || {
            let client = WasmClient::new(js(&config));
            let promise = client.terminate_stream_session(js(VALID_INPUT), JsValue::UNDEFINED);
            async move { JsFuture::from(promise).await.unwrap_err() }
        })
        .await;
        assert_typed(&error, kind, field, &case);
        assert_still_works(&client, &case).await;
    }
}

/// A server can put any `Date` on its answers, and in wasm `Date.parse` reads years past
/// 9999. Such a date moves the client's clock offset there, and the signer, which cannot date
/// a request after 9999, used to panic on the re-signed retry and poison the module. The call
/// now rejects with a typed error, and other clients keep working.
#[wasm_bindgen_test]
async fn a_server_date_after_year_9999_rejects_instead_of_trapping() {
    js(
        "(globalThis.realFetch = globalThis.fetch, globalThis.fetch = async () => new Response(\
        '{\"message\":\"Signature expired\"}', { status: 403, headers: { \
        'x-amzn-errortype': 'InvalidSignatureException', \
        date: 'Sat, 01 Jan 10000 00:00:00 GMT' } }))",
    );
    let client = WasmClient::new(js(&format!(
        "{{ region: 'us-west-2', endpoint: 'http://127.0.0.1:9', maxAttempts: 2, {CREDENTIALS} }}"
    )));
    let first =
        JsFuture::from(client.terminate_stream_session(js(VALID_INPUT), JsValue::NULL)).await;
    let second =
        JsFuture::from(client.terminate_stream_session(js(VALID_INPUT), JsValue::NULL)).await;
    let offset = client.clock_offset_ms();
    js("(globalThis.fetch = globalThis.realFetch, delete globalThis.realFetch)");

    assert!(
        offset > 253_402_300_000_000.0 - js_sys::Date::now(),
        "{offset}"
    );
    for (error, attempts) in [(first.unwrap_err(), 1), (second.unwrap_err(), 0)] {
        assert_eq!(get(&error, "kind"), "ConfigurationError");
        assert_eq!(
            get(&error, "message"),
            "Date.now() did not return a usable time"
        );
        assert_eq!(get(&get(&error, "metadata"), "attempts"), attempts);
    }
    let fresh = WasmClient::new(js(&valid_config()));
    assert_still_works(&fresh, "a server Date in year 10000").await;
}
