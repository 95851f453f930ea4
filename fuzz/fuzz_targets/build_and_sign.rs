//! The request builder and the signer: any call that passes the checks goes to the right URL
//! and signs, and the low-level signer refuses what it cannot sign without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[allow(dead_code)]
#[path = "../../tests/properties/mod.rs"]
mod properties;
#[allow(dead_code)]
mod shapes;

#[derive(arbitrary::Arbitrary, Debug)]
enum Input<'a> {
    Call {
        identifier: shapes::Identifier<'a>,
        session: shapes::Identifier<'a>,
        region: shapes::Region<'a>,
        endpoint: Option<shapes::EndpointUrl<'a>>,
        use_fips: bool,
        access_key_id: Vec<u8>,
        secret: Vec<u8>,
        token: Option<Vec<u8>>,
        time: shapes::Time,
    },
    Raw {
        method: &'a str,
        url: shapes::EndpointUrl<'a>,
        headers: Vec<(&'a str, &'a str)>,
        body: &'a [u8],
        region: &'a str,
        service: &'a str,
        secret: &'a str,
        token: Option<&'a str>,
        seconds: u64,
        before_epoch: bool,
    },
}

fuzz_target!(|input: Input<'_>| match input {
    Input::Call {
        identifier,
        session,
        region,
        endpoint,
        use_fips,
        access_key_id,
        secret,
        token,
        time,
    } => {
        let endpoint = endpoint.map(|endpoint| endpoint.text());
        let token = token.map(|token| shapes::visible_ascii(&token));
        properties::build_and_sign(&properties::CallParts {
            identifier: &identifier.text(),
            session: &session.text(),
            region: &region.text(),
            endpoint: endpoint.as_deref(),
            use_fips,
            access_key_id: &shapes::alphanumeric(&access_key_id),
            secret: &shapes::visible_ascii(&secret),
            token: token.as_deref(),
            time_millis: time.millis(),
        });
    }
    Input::Raw {
        method,
        url,
        headers,
        body,
        region,
        service,
        secret,
        token,
        seconds,
        before_epoch,
    } => properties::sign_anything(&properties::RawSigning {
        method,
        url: &url.text(),
        headers: &headers,
        body,
        region,
        service,
        secret,
        token,
        seconds,
        before_epoch,
    }),
});
