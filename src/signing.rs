//! SigV4 signing with the `aws-sigv4` crate's HTTP request signer.
//!
//! The defaults are what this service needs: double percent-encoding of the path (it is not
//! S3), path normalisation, no payload hash header, the signature in headers. Only `host`,
//! `x-amz-date` and, with a session token, `x-amz-security-token` are signed, so a browser's
//! CORS preflight stays minimal.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use aws_credential_types::Credentials as AwsCredentials;
use aws_sigv4::http_request::{sign, SignableBody, SignableRequest, SigningSettings};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;

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

/// Converts milliseconds since the Unix epoch (JS `Date.now()`) into a `SystemTime` without
/// reading the system clock, which traps on wasm32-unknown-unknown.
pub fn time_from_epoch_millis(millis: f64) -> Option<SystemTime> {
    if !millis.is_finite() || millis < 0.0 {
        return None;
    }
    UNIX_EPOCH.checked_add(Duration::from_millis(millis as u64))
}

/// Signs the request for `region` at `time`.
pub fn sign_request(
    request: &WireRequest,
    credentials: &Credentials,
    region: &str,
    time: SystemTime,
) -> Result<SignedRequest, ClientError> {
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
        .name(SIGNING_NAME)
        .time(time)
        .settings(SigningSettings::default())
        .build()
        .map_err(|_| signing_failed())?
        .into();

    let signable = SignableRequest::new(
        request.method,
        request.url.as_str(),
        std::iter::empty(),
        SignableBody::Bytes(&[]),
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
        sign_request(&request, &credentials, "us-west-2", time(when)).unwrap()
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

    #[test]
    fn epoch_millis_become_system_time_without_the_clock() {
        let time = time_from_epoch_millis(1_735_787_045_000.0).unwrap();
        assert_eq!(time, UNIX_EPOCH + Duration::from_secs(1_735_787_045));
        assert_eq!(time_from_epoch_millis(f64::NAN), None);
        assert_eq!(time_from_epoch_millis(-1.0), None);
        assert_eq!(time_from_epoch_millis(f64::INFINITY), None);
    }
}
