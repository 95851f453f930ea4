//! SigV4 signing with the `aws-sigv4` crate.
//!
//! The defaults are what this service needs: double percent-encoding of the path (it is not
//! S3), path normalisation, no payload hash header, the signature in headers. Only `host`,
//! `x-amz-date` and, with a session token, `x-amz-security-token` are signed, so a browser's
//! CORS preflight stays minimal.
//!
//! [`sign_request`] signs this package's requests with a canonical request it builds itself
//! ([`crate::canonical_request`]), keeping `aws-sigv4`'s HTTP request layer out of the
//! WebAssembly module. [`sign_parts`] is the general signer through that layer: it takes any
//! method, headers, body and scope, runs the official SigV4 test suite
//! (`tests/sigv4_testsuite.rs`), and is the reference `sign_request` is checked against
//! (`tests/sigv4_lean.rs`).

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use aws_credential_types::Credentials as AwsCredentials;
use aws_sigv4::http_request::{sign, SignableBody, SignableRequest, SigningSettings};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;

use crate::canonical_request::{
    canonical_request, signed_headers, split_url, string_to_sign, ALGORITHM,
};
use crate::error::{ClientError, ClientErrorKind};
use crate::model::SIGNING_NAME;
use crate::request::WireRequest;

/// Credentials as the caller gave them, already validated.
#[derive(Clone)]
pub struct Credentials {
    /// The access key ID.
    pub access_key_id: String,
    /// The secret access key; never formatted anywhere.
    pub secret_access_key: String,
    /// The session token of temporary credentials.
    pub session_token: Option<String>,
}

/// Shows the access key ID only; the secret and the token are never formatted.
impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"** redacted **")
            .field(
                "session_token",
                &self.session_token.as_ref().map(|_| "** redacted **"),
            )
            .finish()
    }
}

/// The headers to add to a request so that it carries its signature.
#[derive(Debug, PartialEq, Eq)]
pub struct SignedRequest {
    /// Header names (lower case) and values: `x-amz-date`, `authorization` and, with a
    /// session token, `x-amz-security-token`.
    pub headers: Vec<(&'static str, String)>,
    /// The hex signature, for tests and diagnostics; it is also inside `authorization`.
    pub signature: String,
}

/// The last second the signer can write: `aws-sigv4` formats dates with four-digit years and
/// panics from year 10000 on (9999-12-31T23:59:59Z, in seconds since the Unix epoch).
const LAST_SIGNABLE_SECOND: u64 = 253_402_300_799;

/// Converts milliseconds since the Unix epoch (JS `Date.now()`) into a `SystemTime` without
/// reading the system clock, which traps on wasm32-unknown-unknown. Times before 1970 or
/// after 9999 give `None`: a mocked `Date.now()` or a server's `Date` near the end of year
/// 9999 plus the client's offset must not reach the signer's date formatting.
pub fn time_from_epoch_millis(millis: f64) -> Option<SystemTime> {
    if !millis.is_finite() || millis < 0.0 {
        return None;
    }
    let time = UNIX_EPOCH.checked_add(Duration::from_millis(millis as u64))?;
    is_signable_time(time).then_some(time)
}

fn is_signable_time(time: SystemTime) -> bool {
    time.duration_since(UNIX_EPOCH)
        .is_ok_and(|since_epoch| since_epoch.as_secs() <= LAST_SIGNABLE_SECOND)
}

/// A request in the parts SigV4 covers.
#[derive(Clone, Copy, Debug)]
pub struct RequestParts<'a> {
    /// The HTTP method.
    pub method: &'a str,
    /// The absolute URL as it goes on the wire, already percent-encoded; the signer encodes
    /// its path once more.
    pub url: &'a str,
    /// Headers to sign besides `host`, `x-amz-date` and `x-amz-security-token`, which the
    /// signer adds itself.
    pub headers: &'a [(&'a str, &'a str)],
    /// The payload, whose SHA-256 ends the canonical request.
    pub body: &'a [u8],
}

/// The signing key last derived, with the secret, day and scope it was derived for. The key
/// takes four HMACs to derive and stays the same for a whole UTC day, so a client derives it
/// once a day rather than once a request. It lives in the client that holds the secret.
#[derive(Default)]
pub struct SigningKeyCache {
    entry: Option<CachedKey>,
}

struct CachedKey {
    secret_access_key: String,
    day: String,
    region: String,
    service: String,
    key: Vec<u8>,
}

impl SigningKeyCache {
    /// The key for this secret, day (`YYYYMMDD`) and scope, derived only when one of them
    /// differs from the last call's.
    fn key(
        &mut self,
        secret_access_key: &str,
        time: SystemTime,
        day: &str,
        region: &str,
        service: &str,
    ) -> &[u8] {
        let fresh = self.entry.as_ref().is_some_and(|cached| {
            cached.day == day
                && cached.region == region
                && cached.service == service
                && cached.secret_access_key == secret_access_key
        });
        if !fresh {
            let key = v4::generate_signing_key(secret_access_key, time, region, service);
            self.entry = Some(CachedKey {
                secret_access_key: secret_access_key.to_owned(),
                day: day.to_owned(),
                region: region.to_owned(),
                service: service.to_owned(),
                key: key.as_ref().to_vec(),
            });
        }
        self.entry
            .as_ref()
            .map_or(&[], |cached| cached.key.as_slice())
    }
}

/// Signs this package's request for `region` at `time`: no headers of its own, no body.
/// The canonical request is built by [`crate::canonical_request`]; the key derivation and the
/// signature are `aws-sigv4`'s.
pub fn sign_request(
    request: &WireRequest,
    credentials: &Credentials,
    region: &str,
    time: SystemTime,
    keys: &mut SigningKeyCache,
) -> Result<SignedRequest, ClientError> {
    sign_without_payload(
        request.method,
        &request.url,
        credentials,
        (region, SIGNING_NAME),
        time,
        keys,
    )
}

/// Signs a request with no query, no headers of its own and an empty body, as this package
/// sends them, for any credential scope (the test suite signs for `service` in `us-east-1`).
/// `url` is absolute, its path already percent-encoded and free of dot segments; `scope` is
/// the region and the service.
pub fn sign_without_payload(
    method: &str,
    url: &str,
    credentials: &Credentials,
    (region, service): (&str, &str),
    time: SystemTime,
    keys: &mut SigningKeyCache,
) -> Result<SignedRequest, ClientError> {
    let (host, path) = split_url(url).ok_or_else(signing_failed)?;
    let amz_date = format_amz_date(time).ok_or_else(signing_failed)?;
    let token = credentials.session_token.as_deref();

    // Task 1: the canonical request; task 2: the string to sign.
    let creq = canonical_request(method, path, host, &amz_date, token);
    let day = &amz_date[..8];
    let scope = format!("{day}/{region}/{service}/aws4_request");
    let sts = string_to_sign(&amz_date, &scope, &creq);

    // Task 3: the signature, with the key derived from the secret for this day and scope.
    let key = keys.key(&credentials.secret_access_key, time, day, region, service);
    let signature = v4::calculate_signature(key, sts.as_bytes());

    let authorization = format!(
        "{ALGORITHM} Credential={}/{scope}, SignedHeaders={}, Signature={signature}",
        credentials.access_key_id,
        signed_headers(token.is_some()),
    );
    let mut headers = vec![("x-amz-date", amz_date), ("authorization", authorization)];
    if let Some(token) = token {
        headers.push(("x-amz-security-token", token.to_owned()));
    }
    Ok(SignedRequest { headers, signature })
}

/// `YYYYMMDDTHHMMSSZ` for a time the signer can write (years 1970 to 9999).
fn format_amz_date(time: SystemTime) -> Option<String> {
    if !is_signable_time(time) {
        return None;
    }
    let seconds = time.duration_since(UNIX_EPOCH).ok()?.as_secs();
    let utc = time::OffsetDateTime::from_unix_timestamp(i64::try_from(seconds).ok()?).ok()?;
    Some(format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        utc.year(),
        u8::from(utc.month()),
        utc.day(),
        utc.hour(),
        utc.minute(),
        utc.second()
    ))
}

/// Signs any request for the credential scope `region`/`service` at `time`. An input the
/// signer cannot take (a URL that is not absolute, a header it cannot carry, a time past
/// 9999) is an error, never a panic.
pub fn sign_parts(
    parts: &RequestParts<'_>,
    credentials: &Credentials,
    region: &str,
    service: &str,
    time: SystemTime,
) -> Result<SignedRequest, ClientError> {
    // aws-sigv4 expects an absolute URL and a date it can write, and panics without them.
    let is_absolute = parts
        .url
        .parse::<http::Uri>()
        .is_ok_and(|uri| uri.scheme().is_some() && uri.authority().is_some());
    if !is_absolute || !is_signable_time(time) {
        return Err(signing_failed());
    }

    let identity: Identity = AwsCredentials::new(
        credentials.access_key_id.as_str(),
        credentials.secret_access_key.as_str(),
        credentials.session_token.clone(),
        None,
        "gameliftstreams-wasm",
    )
    .into();
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(region)
        .name(service)
        .time(time)
        .settings(SigningSettings::default())
        .build()
        .map_err(|_| signing_failed())?
        .into();

    let signable = SignableRequest::new(
        parts.method,
        parts.url,
        parts.headers.iter().copied(),
        SignableBody::Bytes(parts.body),
    )
    .map_err(|_| signing_failed())?;
    let (instructions, signature) = sign(signable, &params)
        .map_err(|_| signing_failed())?
        .into_parts();

    let (headers, _) = instructions.into_parts();
    let headers = headers
        .into_iter()
        .map(|header| (header.name(), header.value().to_owned()))
        .collect();
    Ok(SignedRequest { headers, signature })
}

/// The signer's own error text can quote the request; keep it out of the message.
fn signing_failed() -> ClientError {
    ClientError {
        kind: ClientErrorKind::Configuration,
        field: None,
        message: "the request could not be signed with this configuration".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoint::Endpoint;
    use crate::request::{build_terminate_request, TerminateStreamSessionInput};

    const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    fn time(iso_basic: &str) -> SystemTime {
        // Golden times are whole seconds in 2025; compute them from their parts.
        let day = &iso_basic[6..8];
        let (hour, minute, second) = (&iso_basic[9..11], &iso_basic[11..13], &iso_basic[13..15]);
        let days_since_epoch = 20089 + day.parse::<u64>().unwrap() - 1; // 2025-01-01
        let seconds = days_since_epoch * 86_400
            + hour.parse::<u64>().unwrap() * 3600
            + minute.parse::<u64>().unwrap() * 60
            + second.parse::<u64>().unwrap();
        UNIX_EPOCH + Duration::from_secs(seconds)
    }

    fn sign_golden(when: &str, group: &str, session: &str, token: Option<&str>) -> SignedRequest {
        let endpoint = Endpoint {
            url: "https://gameliftstreams.us-west-2.api.aws".into(),
        };
        let input = TerminateStreamSessionInput {
            identifier: group.into(),
            stream_session_identifier: session.into(),
        };
        let credentials = Credentials {
            access_key_id: "AKIDEXAMPLE".into(),
            secret_access_key: SECRET.into(),
            session_token: token.map(str::to_owned),
        };
        let request = build_terminate_request(&endpoint, &input);
        sign_request(
            &request,
            &credentials,
            "us-west-2",
            time(when),
            &mut SigningKeyCache::default(),
        )
        .unwrap()
    }

    /// A cached key gives the signature a fresh one gives, and is derived again when the
    /// secret, the day or the region changes.
    #[test]
    fn signing_key_cache_follows_secret_day_and_region() {
        let endpoint = Endpoint {
            url: "https://gameliftstreams.us-west-2.api.aws".into(),
        };
        let request = build_terminate_request(
            &endpoint,
            &TerminateStreamSessionInput {
                identifier: "sg-1AB2C3De4".into(),
                stream_session_identifier: "ABC123def4567".into(),
            },
        );
        let with_secret = |secret: &str| Credentials {
            access_key_id: "AKIDEXAMPLE".into(),
            secret_access_key: secret.into(),
            session_token: None,
        };
        let day = time("20250102T030405Z");
        let same_day = time("20250102T235959Z");
        let next_day = time("20250103T000000Z");
        let calls = [
            (SECRET, "us-west-2", day),
            (SECRET, "us-west-2", same_day),
            (SECRET, "us-west-2", next_day),
            ("other-secret", "us-west-2", next_day),
            ("other-secret", "eu-west-1", next_day),
            (SECRET, "us-west-2", day),
        ];
        let mut shared = SigningKeyCache::default();
        for (secret, region, when) in calls {
            let credentials = with_secret(secret);
            let cached = sign_request(&request, &credentials, region, when, &mut shared).unwrap();
            let fresh = sign_request(
                &request,
                &credentials,
                region,
                when,
                &mut SigningKeyCache::default(),
            )
            .unwrap();
            assert_eq!(cached, fresh, "{secret} {region} {when:?}");
        }
        let first = sign_request(
            &request,
            &with_secret(SECRET),
            "us-west-2",
            day,
            &mut shared,
        );
        let other = sign_request(&request, &with_secret("x"), "us-west-2", day, &mut shared);
        assert_ne!(first.unwrap().signature, other.unwrap().signature);
    }

    fn header<'a>(signed: &'a SignedRequest, name: &str) -> Option<&'a str> {
        signed
            .headers
            .iter()
            .find(|(header, _)| *header == name)
            .map(|(_, value)| value.as_str())
    }

    fn arn_pair(account: &str) -> (String, String) {
        (
            format!("arn:aws:gameliftstreams:us-west-2:{account}:streamgroup/sg-1AB2C3De4"),
            format!(
                "arn:aws:gameliftstreams:us-west-2:{account}:streamsession/sg-1AB2C3De4/ABC123def4567"
            ),
        )
    }

    #[test]
    fn golden_time_helper_matches_the_vectors() {
        let seconds = time("20250102T030405Z").duration_since(UNIX_EPOCH).unwrap();
        assert_eq!(seconds.as_secs(), 1_735_787_045);
    }

    #[test]
    fn golden_ids_without_token() {
        let signed = sign_golden("20250102T030405Z", "sg-1AB2C3De4", "ABC123def4567", None);
        assert_eq!(
            signed.signature,
            "f08aed7876c2c81e8230ff7c81e2c26fee28cd2c485f14b7c029586bf79fa84d"
        );
        assert_eq!(header(&signed, "x-amz-date"), Some("20250102T030405Z"));
        assert_eq!(
            header(&signed, "authorization"),
            Some(
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250102/us-west-2/gameliftstreams/aws4_request, \
                 SignedHeaders=host;x-amz-date, \
                 Signature=f08aed7876c2c81e8230ff7c81e2c26fee28cd2c485f14b7c029586bf79fa84d"
            )
        );
        assert_eq!(header(&signed, "x-amz-security-token"), None);
        assert_eq!(signed.headers.len(), 2);
    }

    #[test]
    fn golden_ids_with_token() {
        let token = Some("EXAMPLESESSIONTOKEN");
        let signed = sign_golden("20250102T030405Z", "sg-1AB2C3De4", "ABC123def4567", token);
        assert_eq!(
            signed.signature,
            "ec8b05f4115abff5ec31dcdcc70f60567556dc01e43bcd782ea3ac2d86b1b3f1"
        );
        assert!(header(&signed, "authorization")
            .unwrap()
            .contains("SignedHeaders=host;x-amz-date;x-amz-security-token,"));
        assert_eq!(header(&signed, "x-amz-security-token"), token);
    }

    #[test]
    fn golden_arns_are_double_encoded_in_the_canonical_path() {
        let (group, session) = arn_pair("111122223333");
        let signed = sign_golden("20250102T030405Z", &group, &session, None);
        assert_eq!(
            signed.signature,
            "bf8f83cbb4b00e470aa6f9e4f692a982b0f81d3109742f40826ef82ad1a96aed"
        );
    }

    /// Case C1: single encoding would give 43064ead..., which the service rejects.
    #[test]
    fn case_c1_arns_in_another_account() {
        let (group, session) = arn_pair("123456789012");
        let signed = sign_golden("20250115T123456Z", &group, &session, None);
        assert_eq!(
            signed.signature,
            "4e6c99702cec2b5df38ec2630a0634591dc7eafd1b98930a06bc7db59be2d818"
        );
        assert_ne!(
            signed.signature,
            "43064ead59cce7114db5fae3543acf132839849a37324aa6d15ded8b5dcabe8a"
        );
    }

    /// Case C2: the same with a session token.
    #[test]
    fn case_c2_arns_with_session_token() {
        let (group, session) = arn_pair("123456789012");
        let token = Some("FQoGZXIvYXdzEXAMPLETOKEN");
        let signed = sign_golden("20250115T123456Z", &group, &session, token);
        assert_eq!(
            signed.signature,
            "18021715d7bd637f899cd36882f0d4b293aecd466956c486d6e617cc04f08c5f"
        );
        assert!(header(&signed, "authorization")
            .unwrap()
            .contains("SignedHeaders=host;x-amz-date;x-amz-security-token,"));
    }

    #[test]
    fn debug_output_redacts_the_secret_and_token() {
        let credentials = Credentials {
            access_key_id: "AKIDEXAMPLE".into(),
            secret_access_key: SECRET.into(),
            session_token: Some("TOKENVALUE".into()),
        };
        let shown = format!("{credentials:?}");
        assert!(shown.contains("AKIDEXAMPLE"));
        assert!(
            !shown.contains(SECRET) && !shown.contains("TOKENVALUE"),
            "{shown}"
        );
    }

    /// `aws-sigv4` panics ("overflow adding duration to date") when asked to sign at or after
    /// 10000-01-01T00:00:00Z, which would poison the wasm module; the signer refuses instead.
    #[test]
    fn times_after_year_9999_are_refused_instead_of_panicking() {
        let last_millis = 253_402_300_799_999.0;
        assert_eq!(time_from_epoch_millis(last_millis + 1.0), None);
        assert_eq!(time_from_epoch_millis(8.64e15), None); // the largest JS Date
        let last = time_from_epoch_millis(last_millis).unwrap();
        let mut keys = SigningKeyCache::default();
        let (group, session) = ("sg-1AB2C3De4", "ABC123def4567");
        let request = build_terminate_request(
            &Endpoint {
                url: "https://gameliftstreams.us-west-2.api.aws".into(),
            },
            &TerminateStreamSessionInput {
                identifier: group.into(),
                stream_session_identifier: session.into(),
            },
        );
        let credentials = Credentials {
            access_key_id: "AKIDEXAMPLE".into(),
            secret_access_key: SECRET.into(),
            session_token: None,
        };
        let signed = sign_request(&request, &credentials, "us-west-2", last, &mut keys).unwrap();
        assert_eq!(header(&signed, "x-amz-date"), Some("99991231T235959Z"));

        let year_10000 = UNIX_EPOCH + Duration::from_secs(253_402_300_800);
        let error =
            sign_request(&request, &credentials, "us-west-2", year_10000, &mut keys).unwrap_err();
        assert_eq!(error, signing_failed());
        assert_eq!(
            error.message,
            "the request could not be signed with this configuration"
        );
    }

    /// Found by the bounded fuzz run: `aws-sigv4` panicked ("adding query should not
    /// invalidate URI") on a URL in authority form such as `example.com`, which has a host
    /// but no scheme and no path. Only absolute URLs are signed.
    #[test]
    fn a_url_that_is_not_absolute_is_refused() {
        let credentials = Credentials {
            access_key_id: "AKIDEXAMPLE".into(),
            secret_access_key: SECRET.into(),
            session_token: None,
        };
        for url in [
            "/streamgroups/a/streamsessions/b",
            "",
            "http://",
            "example.com",
            "a:1",
        ] {
            let parts = RequestParts {
                method: "DELETE",
                url,
                headers: &[],
                body: &[],
            };
            let result = sign_parts(&parts, &credentials, "us-west-2", SIGNING_NAME, UNIX_EPOCH);
            assert_eq!(result, Err(signing_failed()), "{url:?}");
        }
    }

    #[test]
    fn epoch_millis_become_system_time_without_the_clock() {
        let time = time_from_epoch_millis(1_735_787_045_000.0).unwrap();
        assert_eq!(time, UNIX_EPOCH + Duration::from_secs(1_735_787_045));
        assert_eq!(time_from_epoch_millis(f64::NAN), None);
        assert_eq!(time_from_epoch_millis(-1.0), None);
        assert_eq!(time_from_epoch_millis(f64::INFINITY), None);
    }
}
