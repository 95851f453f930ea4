//! Building the HTTP request of `TerminateStreamSession` from a validated input.

use crate::endpoint::Endpoint;
use crate::model::TERMINATE_METHOD;

/// The operation input, already validated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TerminateStreamSessionInput {
    /// `Identifier`: the stream group ID or ARN.
    pub identifier: String,
    /// `StreamSessionIdentifier`: the stream session ID or ARN.
    pub stream_session_identifier: String,
}

/// A request ready to be signed and sent: the method and the absolute URL as it goes on the
/// wire. It has no body, no query and no headers of its own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WireRequest {
    /// The HTTP method.
    pub method: &'static str,
    /// The absolute URL, with each path label percent-encoded.
    pub url: String,
}

/// Builds `DELETE /streamgroups/{Identifier}/streamsessions/{StreamSessionIdentifier}` under
/// the endpoint (after its path prefix, if any).
pub fn build_terminate_request(
    endpoint: &Endpoint,
    input: &TerminateStreamSessionInput,
) -> WireRequest {
    let url = format!(
        "{}/streamgroups/{}/streamsessions/{}",
        endpoint.url,
        encode_label(&input.identifier),
        encode_label(&input.stream_session_identifier),
    );
    WireRequest {
        method: TERMINATE_METHOD,
        url,
    }
}

/// Percent-encodes one path label as a whole: every byte outside `A-Za-z0-9-._~` becomes
/// `%XX` with upper-case hex, so an ARN's `:` and `/` stay inside its one path segment.
pub fn encode_label(label: &str) -> String {
    percent_encode(label, false)
}

/// Percent-encodes every byte outside `A-Za-z0-9-._~` (and `/` when `keep_slash`) as `%XX`
/// with upper-case hex. The canonical request encodes a whole path this way, slashes kept.
pub fn percent_encode(value: &str, keep_slash: bool) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    // Built as bytes: every byte written is ASCII, and pushing bytes rather than `char`s
    // keeps this loop, which runs twice per request, free of UTF-8 encoding.
    let mut encoded = Vec::with_capacity(value.len() * 3);
    for &byte in value.as_bytes() {
        let unreserved = byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~');
        if unreserved || (keep_slash && byte == b'/') {
            encoded.push(byte);
        } else {
            encoded.extend_from_slice(&[
                b'%',
                HEX[usize::from(byte >> 4)],
                HEX[usize::from(byte & 0x0f)],
            ]);
        }
    }
    // Only ASCII was written, so this never takes the empty fallback.
    String::from_utf8(encoded).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn endpoint(url: &str) -> Endpoint {
        Endpoint { url: url.into() }
    }

    fn input(identifier: &str, session: &str) -> TerminateStreamSessionInput {
        TerminateStreamSessionInput {
            identifier: identifier.into(),
            stream_session_identifier: session.into(),
        }
    }

    #[test]
    fn ids_go_on_the_wire_as_they_are() {
        let request = build_terminate_request(
            &endpoint("https://gameliftstreams.us-west-2.api.aws"),
            &input("sg-1AB2C3De4", "ABC123def4567"),
        );
        assert_eq!(request.method, "DELETE");
        assert_eq!(
            request.url,
            "https://gameliftstreams.us-west-2.api.aws/streamgroups/sg-1AB2C3De4/streamsessions/ABC123def4567"
        );
    }

    #[test]
    fn arns_have_colon_and_slash_encoded_once() {
        let request = build_terminate_request(
            &endpoint("https://gameliftstreams.us-west-2.api.aws"),
            &input(
                "arn:aws:gameliftstreams:us-west-2:111122223333:streamgroup/sg-1AB2C3De4",
                "arn:aws:gameliftstreams:us-west-2:111122223333:streamsession/sg-1AB2C3De4/ABC123def4567",
            ),
        );
        assert_eq!(
            request.url,
            "https://gameliftstreams.us-west-2.api.aws/streamgroups/arn%3Aaws%3Agameliftstreams%3Aus-west-2%3A111122223333%3Astreamgroup%2Fsg-1AB2C3De4/streamsessions/arn%3Aaws%3Agameliftstreams%3Aus-west-2%3A111122223333%3Astreamsession%2Fsg-1AB2C3De4%2FABC123def4567"
        );
    }

    #[test]
    fn custom_endpoint_path_is_a_prefix() {
        let request = build_terminate_request(
            &endpoint("http://127.0.0.1:4510/gls"),
            &input("sg-1", "s-2"),
        );
        assert_eq!(
            request.url,
            "http://127.0.0.1:4510/gls/streamgroups/sg-1/streamsessions/s-2"
        );
    }

    #[test]
    fn every_byte_outside_unreserved_is_encoded_in_upper_case_hex() {
        assert_eq!(encode_label("aZ09-._~"), "aZ09-._~");
        assert_eq!(
            encode_label(":/?#[]@!$&'()*+,;=% "),
            "%3A%2F%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%25%20"
        );
        assert_eq!(encode_label("é\n"), "%C3%A9%0A");
    }
}
