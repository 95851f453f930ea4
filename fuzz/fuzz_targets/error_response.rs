//! The error-response parser with any status, error-type header and body bytes (read with
//! serde_json), and the clock and retry hints read from the same answer.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[allow(dead_code)]
#[path = "../../tests/properties/mod.rs"]
mod properties;

#[derive(arbitrary::Arbitrary, Debug)]
struct Input<'a> {
    status: u16,
    error_type: Option<&'a str>,
    date: &'a str,
    retry_after: Option<&'a str>,
    x_amz_retry_after: Option<&'a str>,
    message: &'a str,
    body: &'a [u8],
}

fuzz_target!(|input: Input<'_>| {
    properties::error_response(input.status, input.error_type, input.body);
    properties::server_hints(
        input.date,
        input.retry_after,
        input.x_amz_retry_after,
        input.message,
    );
});
