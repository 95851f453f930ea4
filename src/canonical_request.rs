//! The SigV4 canonical request and string to sign for this package's own requests, built
//! directly, so that the WebAssembly module does not carry `aws-sigv4`'s general HTTP
//! request layer (the `http` crate's header tables, its header map and URI canonicaliser:
//! about 45 KB). The key derivation and the signature stay `aws-sigv4`'s
//! (`generate_signing_key`, `calculate_signature`), and SHA-256 is the `sha2` crate's.
//!
//! It covers exactly what this package sends: any method, a path already percent-encoded
//! and free of dot segments, no query, no headers besides `host`, `x-amz-date` and
//! `x-amz-security-token`, and an empty body. `signing::sign_parts`, the general signer, is
//! the reference it is checked against (`tests/sigv4_lean.rs`), besides the golden vectors,
//! the applicable cases of AWS's test suite and the emulator's independent verification.

use sha2::{Digest, Sha256};

use crate::request::percent_encode;

/// The SHA-256 of an empty payload, which ends every canonical request here.
const EMPTY_PAYLOAD_SHA256: &str =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// The signing algorithm named in the string to sign and the `Authorization` header.
pub const ALGORITHM: &str = "AWS4-HMAC-SHA256";

/// The canonical URI of a wire path for a service that is not S3: the path, already encoded
/// once, encoded again (every byte but `A-Za-z0-9-._~` and `/`), so `%3A` becomes `%253A`.
pub fn canonical_uri(path: &str) -> String {
    if path.is_empty() {
        return "/".into();
    }
    percent_encode(path, true)
}

/// `host;x-amz-date`, with `;x-amz-security-token` when a token is signed.
pub fn signed_headers(with_token: bool) -> &'static str {
    if with_token {
        "host;x-amz-date;x-amz-security-token"
    } else {
        "host;x-amz-date"
    }
}

/// The canonical request: method, canonical URI, an empty query, the three headers in
/// order, the signed header list and the empty payload's hash.
pub fn canonical_request(
    method: &str,
    path: &str,
    host: &str,
    amz_date: &str,
    session_token: Option<&str>,
) -> String {
    let mut headers = format!("host:{host}\nx-amz-date:{amz_date}\n");
    if let Some(token) = session_token {
        headers.push_str("x-amz-security-token:");
        headers.push_str(token);
        headers.push('\n');
    }
    let signed = signed_headers(session_token.is_some());
    let uri = canonical_uri(path);
    format!("{method}\n{uri}\n\n{headers}\n{signed}\n{EMPTY_PAYLOAD_SHA256}")
}

/// The string to sign: algorithm, time, scope and the canonical request's SHA-256.
pub fn string_to_sign(amz_date: &str, scope: &str, canonical_request: &str) -> String {
    let digest = Sha256::digest(canonical_request.as_bytes());
    let mut hash = String::with_capacity(64);
    for byte in digest.iter() {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        hash.push(HEX[usize::from(byte >> 4)] as char);
        hash.push(HEX[usize::from(byte & 0x0f)] as char);
    }
    format!("{ALGORITHM}\n{amz_date}\n{scope}\n{hash}")
}

/// Splits an absolute URL that this package built into its authority and path. `None` when
/// it has no `scheme://authority` (which the endpoint resolver never produces).
pub fn split_url(url: &str) -> Option<(&str, &str)> {
    let (_, rest) = url.split_once("://")?;
    let path_start = rest.find('/').unwrap_or(rest.len());
    let (authority, path) = rest.split_at(path_start);
    (!authority.is_empty()).then_some((authority, path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_uri_encodes_the_wire_path_again() {
        assert_eq!(
            canonical_uri("/streamgroups/arn%3Aaws%3Ax%2Fy/streamsessions/s-1"),
            "/streamgroups/arn%253Aaws%253Ax%252Fy/streamsessions/s-1"
        );
        assert_eq!(
            canonical_uri("/a!$'()*+,;=@:b"),
            "/a%21%24%27%28%29%2A%2B%2C%3B%3D%40%3Ab"
        );
        assert_eq!(canonical_uri(""), "/");
    }

    #[test]
    fn canonical_request_has_the_three_headers_in_order() {
        let creq = canonical_request("DELETE", "/x", "h.example", "20250102T030405Z", Some("T"));
        assert_eq!(
            creq,
            "DELETE\n/x\n\nhost:h.example\nx-amz-date:20250102T030405Z\nx-amz-security-token:T\n\n\
             host;x-amz-date;x-amz-security-token\n\
             e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn urls_split_into_authority_and_path() {
        assert_eq!(
            split_url("https://h.example/a/b"),
            Some(("h.example", "/a/b"))
        );
        assert_eq!(
            split_url("http://127.0.0.1:4510"),
            Some(("127.0.0.1:4510", ""))
        );
        assert_eq!(split_url("h.example/a"), None);
        assert_eq!(split_url("https:///a"), None);
    }
}
