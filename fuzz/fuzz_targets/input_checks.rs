//! The input checks (`validate::*`) against the model's rules, for any identifier, region and
//! credential text.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[allow(dead_code)]
#[path = "../../tests/properties/mod.rs"]
mod properties;
#[allow(dead_code)]
mod shapes;

#[derive(arbitrary::Arbitrary, Debug)]
struct Input<'a> {
    identifier: shapes::Identifier<'a>,
    region: shapes::Region<'a>,
    access_key_id: &'a str,
    secret: &'a str,
}

fuzz_target!(|input: Input<'_>| {
    properties::input_checks(
        &input.identifier.text(),
        &input.region.text(),
        input.access_key_id,
        input.secret,
    );
});
