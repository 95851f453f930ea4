//! The endpoint resolver with any custom endpoint, region and flags.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[allow(dead_code)]
#[path = "../../tests/properties/mod.rs"]
mod properties;
#[allow(dead_code)]
mod shapes;

#[derive(arbitrary::Arbitrary, Debug)]
struct Input<'a> {
    custom: Option<shapes::EndpointUrl<'a>>,
    region: shapes::Region<'a>,
    use_fips: bool,
    allow_insecure: bool,
}

fuzz_target!(|input: Input<'_>| {
    let custom = input.custom.map(|custom| custom.text());
    properties::endpoint(
        custom.as_deref(),
        &input.region.text(),
        input.use_fips,
        input.allow_insecure,
    );
});
