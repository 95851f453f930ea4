//! The official AWS SigV4 test suite, run through the crate's general signer
//! (`signing::sign_parts`, `aws-sigv4`'s HTTP request layer with this package's settings). The
//! lean signer that the package's own requests go through is checked against `sign_parts` in
//! `tests/sigv4_lean.rs` and `tests/properties/`, and against the suite cases of its shape.
//!
//! The cases are data files under `tests/data/aws-sigv4-testsuite/`; its README says where
//! they come from and which cases are left out and why. For each case the test checks:
//! - `.authz`: the `Authorization` header, byte for byte;
//! - `.creq`: the canonical request, read from the trace event `aws-sigv4` emits while
//!   signing (the only place it is visible), with the redacted session token put back;
//! - `.sts`: the string to sign, rebuilt from what is observable (the algorithm, the
//!   `x-amz-date` header, the scope in `Authorization`, the SHA-256 of the canonical request).
#![cfg(not(target_arch = "wasm32"))]

use std::fmt;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use gameliftstreams_wasm::signing::{sign_parts, Credentials, RequestParts, SignedRequest};
use sha2::{Digest, Sha256};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata};

/// Every case signs with these (the suite's README).
const ACCESS_KEY_ID: &str = "AKIDEXAMPLE";
const SECRET_ACCESS_KEY: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const REGION: &str = "us-east-1";
const SERVICE: &str = "service";
const DATE: &str = "20150830T123600Z";
/// 2015-08-30T12:36:00Z in seconds since the Unix epoch.
const DATE_EPOCH_SECONDS: u64 = 1_440_938_160;

/// The cases that run, by folder. `normalize-path/get-space` has its own test below.
const CASES: &[&str] = &[
    "get-header-key-duplicate",
    "get-header-value-order",
    "get-header-value-trim",
    "get-unreserved",
    "get-utf8",
    "get-vanilla",
    "get-vanilla-empty-query-key",
    "get-vanilla-query",
    "get-vanilla-query-order-encoded",
    "get-vanilla-query-order-key",
    "get-vanilla-query-order-key-case",
    "get-vanilla-query-order-value",
    "get-vanilla-query-unreserved",
    "get-vanilla-utf8-query",
    "get-vanilla-with-session-token",
    "post-header-key-case",
    "post-header-key-sort",
    "post-header-value-case",
    "post-vanilla",
    "post-vanilla-empty-query-value",
    "post-vanilla-query",
    "post-x-www-form-urlencoded",
    "post-x-www-form-urlencoded-parameters",
    "post-sts-token/post-sts-header-before",
    "normalize-path/get-relative",
    "normalize-path/get-relative-relative",
    "normalize-path/get-slash",
    "normalize-path/get-slash-dot-slash",
    "normalize-path/get-slash-pointless-dot",
    "normalize-path/get-slashes",
    "normalize-path/get-special-character",
];

/// One case's files.
struct Case {
    req: String,
    creq: String,
    sts: String,
    authz: String,
}

fn read_case(name: &'static str) -> Case {
    let base = name.rsplit('/').next().unwrap();
    let dir: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "tests/data/aws-sigv4-testsuite",
        name,
    ]
    .iter()
    .collect();
    let read = |ext: &str| {
        let path = dir.join(format!("{base}.{ext}"));
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    };
    Case {
        req: read("req"),
        creq: read("creq"),
        sts: read("sts"),
        authz: read("authz"),
    }
}

/// A `.req` file read as an HTTP/1.1 request: request line, `Name:value` lines, blank line,
/// body. Values lose the optional whitespace around them, as an HTTP parser drops it.
struct SuiteRequest<'a> {
    method: &'a str,
    target: &'a str,
    headers: Vec<(&'a str, &'a str)>,
    body: &'a str,
}

fn parse_request(text: &str) -> SuiteRequest<'_> {
    let (head, body) = text.split_once("\n\n").unwrap_or((text, ""));
    let mut lines = head.lines();
    let request_line = lines.next().unwrap();
    let (method, rest) = request_line.split_once(' ').unwrap();
    let (target, _version) = rest.rsplit_once(' ').unwrap();
    let headers = lines
        .map(|line| {
            let (name, value) = line.split_once(':').unwrap();
            (name, value.trim_matches([' ', '\t']))
        })
        .collect();
    SuiteRequest {
        method,
        target,
        headers,
        body,
    }
}

/// Collects the `canonical_request` field of `aws-sigv4`'s trace events.
#[derive(Clone, Default)]
struct CanonicalRequestCapture(Arc<Mutex<Vec<String>>>);

struct CanonicalRequestField<'a>(&'a mut Option<String>);

impl Visit for CanonicalRequestField<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        if field.name() == "canonical_request" {
            *self.0 = Some(format!("{value:?}"));
        }
    }
}

impl tracing::Subscriber for CanonicalRequestCapture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, _: &Attributes<'_>) -> Id {
        Id::from_u64(1)
    }
    fn record(&self, _: &Id, _: &Record<'_>) {}
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        let mut found = None;
        event.record(&mut CanonicalRequestField(&mut found));
        if let Some(creq) = found {
            self.0.lock().unwrap().push(creq);
        }
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

/// What signing one suite request gave: the signer's headers and its canonical request.
struct Outcome {
    signed: SignedRequest,
    creq: String,
}

/// Signs a suite request the way this package signs its own: the host and the path in the
/// URL, `X-Amz-Date` as the signing time, a session token through the credentials (the
/// signer adds `x-amz-security-token` itself), every other header as it is.
fn sign_suite_request(request: &SuiteRequest<'_>, token: Option<&str>) -> Outcome {
    let mut host = None;
    let mut headers = Vec::new();
    for &(name, value) in &request.headers {
        match name.to_ascii_lowercase().as_str() {
            "host" => host = Some(value),
            "x-amz-date" => assert_eq!(value, DATE),
            "x-amz-security-token" => assert_eq!(Some(value), token),
            _ => headers.push((name, value)),
        }
    }
    let url = format!("https://{}{}", host.unwrap(), request.target);
    let parts = RequestParts {
        method: request.method,
        url: &url,
        headers: &headers,
        body: request.body.as_bytes(),
    };
    let credentials = Credentials {
        access_key_id: ACCESS_KEY_ID.into(),
        secret_access_key: SECRET_ACCESS_KEY.into(),
        session_token: token.map(str::to_owned),
    };
    let time: SystemTime = UNIX_EPOCH + Duration::from_secs(DATE_EPOCH_SECONDS);

    let capture = CanonicalRequestCapture::default();
    let dispatch = tracing::Dispatch::new(capture.clone());
    let signed = tracing::dispatcher::with_default(&dispatch, || {
        sign_parts(&parts, &credentials, REGION, SERVICE, time)
    })
    .unwrap_or_else(|error| panic!("{url}: {error}"));
    let mut captured = capture.0.lock().unwrap();
    assert_eq!(captured.len(), 1, "one canonical request traced for {url}");
    let mut creq = captured.pop().unwrap();
    // The trace redacts the token; put the value the signer was given back in its place.
    if let Some(token) = token {
        let redacted = format!("** redacted (length={}) **", token.len());
        assert!(creq.contains(&redacted), "{creq}");
        creq = creq.replace(&redacted, token);
    }
    Outcome { signed, creq }
}

fn header<'a>(signed: &'a SignedRequest, name: &str) -> &'a str {
    let found = signed.headers.iter().find(|(header, _)| *header == name);
    &found.unwrap_or_else(|| panic!("no {name} header")).1
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// The string to sign, rebuilt from the signer's output and its canonical request.
fn string_to_sign(outcome: &Outcome) -> String {
    let authorization = header(&outcome.signed, "authorization");
    let (algorithm, rest) = authorization.split_once(' ').unwrap();
    let credential = rest.strip_prefix("Credential=").unwrap();
    let credential = credential.split(',').next().unwrap();
    let scope = credential.split_once('/').unwrap().1;
    let date = header(&outcome.signed, "x-amz-date");
    let creq_hash = sha256_hex(outcome.creq.as_bytes());
    format!("{algorithm}\n{date}\n{scope}\n{creq_hash}")
}

/// The session token of a case is the value of its canonical `x-amz-security-token` line.
fn token_of(creq: &str) -> Option<&str> {
    creq.lines()
        .find_map(|line| line.strip_prefix("x-amz-security-token:"))
}

#[test]
fn suite_cases_give_the_expected_creq_sts_and_authorization() {
    for &name in CASES {
        let case = read_case(name);
        let token = token_of(&case.creq);
        let outcome = sign_suite_request(&parse_request(&case.req), token);

        assert_eq!(outcome.creq, case.creq, "{name}: canonical request");
        assert_eq!(string_to_sign(&outcome), case.sts, "{name}: string to sign");
        assert_eq!(
            header(&outcome.signed, "authorization"),
            case.authz,
            "{name}: authorization"
        );
        assert_eq!(header(&outcome.signed, "x-amz-date"), DATE, "{name}");
        let token_header = outcome
            .signed
            .headers
            .iter()
            .find(|(header, _)| *header == "x-amz-security-token")
            .map(|(_, value)| value.as_str());
        assert_eq!(token_header, token, "{name}: x-amz-security-token");
        assert_eq!(
            outcome.signed.headers.len(),
            2 + usize::from(token.is_some())
        );
    }
}

#[test]
fn every_case_folder_is_either_run_or_tested_on_its_own() {
    let root: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests/data/aws-sigv4-testsuite"]
        .iter()
        .collect();
    let mut found = Vec::new();
    for entry in walk(&root) {
        if entry.extension().is_some_and(|ext| ext == "req") {
            let relative = entry.parent().unwrap().strip_prefix(&root).unwrap();
            found.push(relative.to_string_lossy().replace('\\', "/"));
        }
    }
    found.sort();
    let mut expected: Vec<String> = CASES.iter().map(|case| case.to_string()).collect();
    expected.push("normalize-path/get-space".into());
    expected.sort();
    assert_eq!(found, expected);
}

fn walk(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

/// `get-space` writes a raw space in its request line, which no URL can carry; on the wire
/// it is `%20`. Like every service but S3, this one encodes the wire path once more, so the
/// canonical path is `/example%2520space/`. The suite's `/example%20space/` is what a signer
/// that encodes the raw path once, or that takes the wire path as it is (S3), computes.
#[test]
fn get_space_is_signed_as_its_wire_path_encoded_again() {
    let case = read_case("normalize-path/get-space");
    let mut request = parse_request(&case.req);
    assert_eq!(request.target, "/example space/");
    request.target = "/example%20space/";
    let outcome = sign_suite_request(&request, None);

    let expected_creq = case
        .creq
        .replace("\n/example%20space/\n", "\n/example%2520space/\n");
    assert_ne!(expected_creq, case.creq);
    assert_eq!(outcome.creq, expected_creq);
    let expected_sts = format!(
        "AWS4-HMAC-SHA256\n{DATE}\n20150830/{REGION}/{SERVICE}/aws4_request\n{}",
        sha256_hex(expected_creq.as_bytes())
    );
    assert_eq!(string_to_sign(&outcome), expected_sts);
    // Computed apart from this crate, with Python's hashlib and hmac, from `expected_creq`.
    assert_eq!(
        header(&outcome.signed, "authorization"),
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, \
         SignedHeaders=host;x-amz-date, \
         Signature=446b817944c553435b35e813c261ff4e161fff982d1bacdef1c87f6785dd1662"
    );
}
