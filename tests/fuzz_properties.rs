//! The bounded fuzz run of `npm test`: the properties of `tests/properties/` (the same ones
//! the cargo-fuzz targets in `fuzz/` run for hours) over a fixed number of random cases each.
//! `npm run fuzz` is the long run.
#![cfg(not(target_arch = "wasm32"))]

mod properties;

use proptest::prelude::*;
use proptest::test_runner::Config;

use properties::{basic_time, CallParts, RawSigning};

fn config(cases: u32) -> Config {
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

/// IDs, ARNs near the model's limits, and anything at all.
fn identifier() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z0-9-]{1,130}",
        "arn:aws:gameliftstreams:[^: ]{0,12}:[0-9]{11,13}:[^: ]{0,110}",
        "arn:aws:gameliftstreams:[a-z0-9 :-]{0,20}:[0-9:]{10,14}:[a-zA-Z0-9/: .%-]{0,40}",
        Just(String::new()),
        Just(".".to_owned()),
        Just("..".to_owned()),
        ".{0,140}",
    ]
}

/// Mostly identifiers the model accepts, so that most cases reach the signer.
fn valid_identifier() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[A-Za-z0-9-]{1,128}",
        5 => "arn:aws:gameliftstreams:[^: ]{0,12}:[0-9]{12}:[^: ]{0,80}",
        1 => identifier(),
    ]
}

fn region() -> impl Strategy<Value = String> {
    prop_oneof![
        "(us|eu|cn|us-gov|us-iso|us-isob|eu-isoe|us-isof|eusc-de|ap)-[a-z]{1,9}-[0-9]{1,2}",
        "[a-zA-Z0-9-]{0,65}",
        ".{0,20}",
    ]
}

/// Mostly well-formed URLs with loopback, IP and DNS hosts, ports and path prefixes; then
/// any visible ASCII after a scheme; then anything.
fn custom_endpoint() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => "(https?|HTTPS?|ftp)://(localhost|127\\.[0-9]{1,3}\\.0\\.1|\\[::[0-9]\\]|[a-zA-Z0-9.-]{1,20})(:[0-9]{1,5})?(/[a-zA-Z0-9./%~_@-]{0,12}){0,3}/?",
        3 => "(https?)://[!-~]{0,30}",
        1 => ".{0,40}",
    ]
}

/// Mostly times the signer can date, then the end of year 9999, then any number at all.
fn any_time_millis() -> impl Strategy<Value = f64> {
    prop_oneof![
        8 => 0.0..253_402_300_800_000.0,
        1 => 253_402_300_790_000.0..253_402_300_810_000.0,
        1 => prop_oneof![any::<f64>(), Just(f64::NAN), Just(-1.0), Just(8.64e15)],
    ]
}

#[test]
fn civil_dates_used_by_the_properties_are_right() {
    assert_eq!(basic_time(0), "19700101T000000Z");
    assert_eq!(basic_time(951_782_400), "20000229T000000Z");
    assert_eq!(basic_time(1_735_787_045), "20250102T030405Z");
    assert_eq!(basic_time(253_402_300_799), "99991231T235959Z");
}

proptest! {
    #![proptest_config(config(3_000))]

    #[test]
    fn input_checks_follow_the_model(
        identifier in identifier(),
        region in region(),
        access_key_id in prop_oneof!["[A-Za-z0-9]{0,130}", ".{0,20}"],
        secret in prop_oneof!["[!-~]{0,60}", ".{0,20}"],
    ) {
        properties::input_checks(&identifier, &region, &access_key_id, &secret);
    }

    #[test]
    fn valid_calls_build_the_right_url_and_always_sign(
        identifier in valid_identifier(),
        session in valid_identifier(),
        region in prop_oneof![9 => "[a-z]{2}(-[a-z]{1,9})?-[a-z]{1,9}-[0-9]", 1 => region()],
        endpoint in proptest::option::weighted(0.3, custom_endpoint()),
        use_fips in proptest::bool::weighted(0.2),
        access_key_id in "[A-Za-z0-9]{1,40}",
        secret in "[!-~]{1,60}",
        token in proptest::option::of("[!-~]{1,200}"),
        time_millis in any_time_millis(),
    ) {
        properties::build_and_sign(&CallParts {
            identifier: &identifier,
            session: &session,
            region: &region,
            endpoint: endpoint.as_deref(),
            use_fips,
            access_key_id: &access_key_id,
            secret: &secret,
            token: token.as_deref(),
            time_millis,
        });
    }

    #[test]
    fn the_low_level_signer_never_panics(
        method in prop_oneof!["[A-Z]{1,7}", ".{0,8}"],
        url in custom_endpoint(),
        headers in proptest::collection::vec(prop_oneof![
            9 => ("[A-Za-z0-9-]{1,12}", "[ -~\t]{0,20}"),
            1 => (".{0,12}", ".{0,20}"),
        ], 0..4),
        body in proptest::collection::vec(any::<u8>(), 0..64),
        region in ".{0,12}",
        service in ".{0,12}",
        secret in ".{0,20}",
        token in proptest::option::weighted(0.3, prop_oneof!["[!-~]{1,20}", ".{0,20}"]),
        seconds in prop_oneof![9 => 0..260_000_000_000_u64, 1 => any::<u64>()],
        before_epoch in proptest::bool::weighted(0.1),
    ) {
        let headers: Vec<(&str, &str)> =
            headers.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
        properties::sign_anything(&RawSigning {
            method: &method,
            url: &url,
            headers: &headers,
            body: &body,
            region: &region,
            service: &service,
            secret: &secret,
            token: token.as_deref(),
            seconds,
            before_epoch,
        });
    }

    #[test]
    fn resolved_endpoints_are_normalised_and_signable(
        custom in proptest::option::weighted(0.8, custom_endpoint()),
        region in region(),
        use_fips in any::<bool>(),
        allow_insecure in any::<bool>(),
    ) {
        properties::endpoint(custom.as_deref(), &region, use_fips, allow_insecure);
    }

    #[test]
    fn error_answers_read_into_named_errors(
        status in any::<u16>(),
        error_type in proptest::option::of(prop_oneof![
            "([a-z.]{0,10}#)?[A-Za-z]{0,20}(:[!-~]{0,20})?(,[A-Za-z]{0,5})?",
            ".{0,30}",
        ]),
        body in prop_oneof![
            "\\{(\"(code|Code|CODE|__type|message|Message|x)\":(\"[^\"\\\\]{0,20}\"|[0-9]{1,3}|null|\\[\\]|\\{\\}|true),?){0,5}\\}",
            ".{0,60}",
        ],
    ) {
        properties::error_response(status, error_type.as_deref(), body.as_bytes());
    }

    #[test]
    fn server_hints_are_numbers_or_nothing(
        date in prop_oneof![
            "(Mon|Thu|Fri), [0-9]{2} (Jan|Feb|Dec) [0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2} GMT",
            ".{0,40}",
        ],
        retry_after in proptest::option::of(prop_oneof!["-?[0-9]{0,400}(\\.[0-9]{0,5})?", ".{0,20}"]),
        x_amz in proptest::option::of(prop_oneof!["-?[0-9e.]{0,20}", ".{0,20}"]),
        message in prop_oneof![
            "Signature expired: [0-9T]{0,16}Z is now earlier than [0-9T]{16} \\([0-9]{8}T[0-9]{6}Z [-+] 5 min\\.\\)",
            ".{0,60}",
        ],
    ) {
        properties::server_hints(&date, retry_after.as_deref(), x_amz.as_deref(), &message);
    }
}
