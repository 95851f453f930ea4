//! Endpoint resolution compared with the AWS SDK for JavaScript v3. The expected answers are
//! the SDK resolver's own, for every region of its partitions data with and without FIPS,
//! regions only a partition's pattern places, regions no partition claims, and the rule set's
//! errors. They are generated into `tests/data/endpoint-differential.json` by
//! `tests/conformance/endpoint-fixture.mjs`, whose Node test checks the file is current.

use gameliftstreams_wasm::endpoint::{resolve_endpoint, EndpointParams};
use gameliftstreams_wasm::validate::validate_region;
use serde_json::Value;

fn fixture_cases() -> Vec<Value> {
    let text = include_str!("data/endpoint-differential.json");
    let document: Value = serde_json::from_str(text).expect("the fixture is JSON");
    document["cases"].as_array().expect("cases").clone()
}

fn describe(case: &Value) -> String {
    format!(
        "region {} fips {} endpoint {}",
        case["region"], case["useFips"], case["endpoint"]
    )
}

#[test]
fn every_region_and_fips_resolve_as_the_aws_sdk_does() {
    let cases = fixture_cases();
    // The 55 regions of the eight partitions in SDK 3.1138.0 (global pseudo-regions
    // included) and 25 more, with and without FIPS, and six cases of the rule set's errors.
    assert!(cases.len() >= 150, "only {} cases", cases.len());

    // Every disagreement is collected, so one run names them all. A region with capital
    // letters is an expected divergence: the SDK lower-cases the host it builds, this package
    // refuses the region (`validate_region`), since fetch would lower-case a signed host.
    let mut disagreements = Vec::new();
    let mut refused = Vec::new();
    for case in &cases {
        if let Some(region) = case["region"].as_str() {
            if validate_region(region).is_err() && case["hostLabel"].as_bool() == Some(true) {
                refused.push(region.to_owned());
                continue;
            }
        }
        let params = EndpointParams {
            region: case["region"].as_str(),
            use_fips: case["useFips"].as_bool().expect("useFips"),
            endpoint: case["endpoint"].as_str(),
        };
        let package = match resolve_endpoint(&params) {
            Ok(endpoint) => format!("url {}", endpoint.url),
            Err(error) => format!("error {}", error.message),
        };
        let sdk = match (case["url"].as_str(), case["error"].as_str()) {
            (Some(url), None) => format!("url {url}"),
            (None, Some(error)) => format!("error {error}"),
            _ => panic!("{}: the fixture has neither url nor error", describe(case)),
        };
        if package != sdk {
            disagreements.push(format!("{}: package {package}, SDK {sdk}", describe(case)));
        }
    }
    refused.sort();
    refused.dedup();
    assert_eq!(refused, ["Cn-North-1", "US-WEST-2"]);
    assert!(
        disagreements.is_empty(),
        "{} of {} cases disagree:\n{}",
        disagreements.len(),
        cases.len(),
        disagreements.join("\n")
    );
}

#[test]
fn every_region_the_sdk_resolves_is_accepted_exactly_when_it_is_a_host_label() {
    for case in fixture_cases() {
        let Some(is_host_label) = case["hostLabel"].as_bool() else {
            continue;
        };
        let region = case["region"].as_str().expect("region");
        let lower_case = !region.bytes().any(|b| b.is_ascii_uppercase());
        assert_eq!(
            validate_region(region).is_ok(),
            is_host_label && lower_case,
            "{}",
            describe(&case)
        );
    }
}

#[test]
fn the_fixture_covers_every_partition_by_list_and_by_pattern() {
    let cases = fixture_cases();
    let partitions = [
        "aws",
        "aws-cn",
        "aws-us-gov",
        "aws-iso",
        "aws-iso-b",
        "aws-iso-e",
        "aws-iso-f",
        "aws-eusc",
    ];
    for partition in partitions {
        let listed = cases
            .iter()
            .filter(|case| case["listedIn"] == partition)
            .count();
        let by_pattern = cases
            .iter()
            .filter(|case| case["partition"] == partition && case["listedIn"].is_null())
            .count();
        assert!(listed >= 2, "{partition}: {listed} listed cases");
        assert!(by_pattern >= 2, "{partition}: {by_pattern} pattern cases");
    }
}

fn custom_endpoint_cases() -> Vec<Value> {
    let text = include_str!("data/custom-endpoints.json");
    let document: Value = serde_json::from_str(text).expect("the cases are JSON");
    document["cases"].as_array().expect("cases").clone()
}

fn answer(endpoint: &str) -> Value {
    let params = EndpointParams {
        region: Some("us-west-2"),
        use_fips: false,
        endpoint: Some(endpoint),
    };
    match resolve_endpoint(&params) {
        Ok(resolved) => serde_json::json!({ "endpoint": endpoint, "url": resolved.url }),
        Err(error) => serde_json::json!({ "endpoint": endpoint, "error": error.message }),
    }
}

/// Each custom endpoint gives the URL or the error recorded for it; `tests/wasm_runtime.rs`
/// checks the same file against the runtime's own `URL`.
#[test]
fn custom_endpoints_read_as_recorded() {
    let cases = custom_endpoint_cases();
    assert!(cases.len() >= 60, "only {} cases", cases.len());
    for case in cases {
        let endpoint = case["endpoint"].as_str().expect("endpoint");
        // On a mismatch the message shows the answer as JSON, to copy into the file once it
        // has been checked by hand.
        let answer = answer(endpoint);
        assert_eq!(answer, case, "{endpoint:?}: now {answer}");
    }
}
