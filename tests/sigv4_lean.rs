//! The lean signer (`signing::sign_request`, which builds its own canonical request) checked
//! against the general one (`signing::sign_parts`, through `aws-sigv4`'s HTTP request layer)
//! for every identifier shape, endpoint form, time and token, and against the cases of AWS's
//! SigV4 test suite whose requests have the shape this package sends (no query, no headers of
//! their own, no body, an unreserved path).
#![cfg(not(target_arch = "wasm32"))]

use std::time::{Duration, UNIX_EPOCH};

use gameliftstreams_wasm::endpoint::{resolve_endpoint, EndpointParams};
use gameliftstreams_wasm::request::{build_terminate_request, TerminateStreamSessionInput};
use gameliftstreams_wasm::signing::{
    sign_parts, sign_request, sign_without_payload, Credentials, RequestParts, SigningKeyCache,
};
use gameliftstreams_wasm::validate::validate_identifier;
use proptest::prelude::*;

const SUITE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/aws-sigv4-testsuite"
);

const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

fn credentials(token: Option<String>) -> Credentials {
    with_secret(SECRET, token)
}

fn with_secret(secret: &str, token: Option<String>) -> Credentials {
    Credentials {
        access_key_id: "AKIDEXAMPLE".into(),
        secret_access_key: secret.into(),
        session_token: token,
    }
}

thread_local! {
    /// One signing-key cache for every random case, as a client keeps one for all its calls,
    /// so that a key reused for another secret, day or region would show as a mismatch.
    static SHARED_KEYS: std::cell::RefCell<SigningKeyCache> = Default::default();
}

/// IDs, and ARNs whose free parts take any character the model's pattern admits.
fn identifier() -> impl Strategy<Value = String> {
    let id = "[a-zA-Z0-9-]{1,128}";
    let free = "[^: ]{0,40}";
    let arn = (free, "[0-9]{12}", free).prop_map(|(region, account, resource)| {
        format!("arn:aws:gameliftstreams:{region}:{account}:{resource}")
    });
    prop_oneof![id.prop_map(String::from), arn].prop_filter("within the model's limits", |value| {
        validate_identifier("Identifier", value).is_ok()
    })
}

fn endpoint() -> impl Strategy<Value = (String, Option<String>)> {
    prop_oneof![
        prop::sample::select(vec![
            "us-west-2",
            "cn-north-1",
            "us-gov-east-1",
            "eusc-de-east-1"
        ])
        .prop_map(|region| (region.to_owned(), None)),
        (
            "[a-z]{1,10}(\\.[a-z]{1,10}){0,2}",
            1u16..65535,
            "(/[a-zA-Z0-9!$'()*+,;=@:_~-]{1,8}){0,3}"
        )
            .prop_map(|(host, port, prefix)| {
                (
                    "us-west-2".to_owned(),
                    Some(format!("https://{host}:{port}{prefix}")),
                )
            }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn lean_signer_matches_the_general_signer(
        group in identifier(),
        session in identifier(),
        (region, custom) in endpoint(),
        // Half the cases fall within three days, so that the cached key is often reused.
        seconds in prop_oneof![0u64..253_402_300_799, 1_764_633_600u64..1_764_892_800],
        secret in prop::sample::select(vec![SECRET, "another/secret+key", "k"]),
        token in prop::option::of("[A-Za-z0-9+/=]{1,64}"),
    ) {
        let endpoint = resolve_endpoint(&EndpointParams {
            region: Some(&region),
            use_fips: false,
            endpoint: custom.as_deref(),
        })
        .unwrap();
        let request = build_terminate_request(
            &endpoint,
            &TerminateStreamSessionInput { identifier: group, stream_session_identifier: session },
        );
        let time = UNIX_EPOCH + Duration::from_secs(seconds);
        let credentials = with_secret(secret, token);
        let lean = SHARED_KEYS.with(|keys| {
            sign_request(&request, &credentials, &region, time, &mut keys.borrow_mut()).unwrap()
        });
        let parts = RequestParts { method: request.method, url: &request.url, headers: &[], body: &[] };
        let general = sign_parts(&parts, &credentials, &region, "gameliftstreams", time).unwrap();
        prop_assert_eq!(lean, general);
    }
}

/// The suite cases this signer's shape covers, each checked against its `.authz`.
#[test]
fn applicable_suite_cases_pass_through_the_lean_signer() {
    let cases = [
        ("get-vanilla", None),
        ("get-unreserved", None),
        ("post-vanilla", None),
        (
            "get-vanilla-with-session-token",
            Some("6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267"),
        ),
    ];
    let time = UNIX_EPOCH + Duration::from_secs(1_440_938_160); // 20150830T123600Z
    for (name, token) in cases {
        let folder = format!("{SUITE}/{name}");
        let request = std::fs::read_to_string(format!("{folder}/{name}.req")).unwrap();
        let expected = std::fs::read_to_string(format!("{folder}/{name}.authz")).unwrap();
        let request_line = request.lines().next().unwrap();
        let mut words = request_line.split(' ');
        let (method, path) = (words.next().unwrap(), words.next().unwrap());
        let url = format!("https://example.amazonaws.com{path}");
        let credentials = credentials(token.map(str::to_owned));
        let signed = sign_without_payload(
            method,
            &url,
            &credentials,
            ("us-east-1", "service"),
            time,
            &mut SigningKeyCache::default(),
        )
        .unwrap();
        let authorization = &signed
            .headers
            .iter()
            .find(|(n, _)| *n == "authorization")
            .unwrap()
            .1;
        assert_eq!(authorization, expected.trim(), "{name}");
    }
}
