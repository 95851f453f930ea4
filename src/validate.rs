//! Input checks made before anything is signed or sent.
//!
//! Neither reference SDK enforces the model's `Identifier` pattern; this package does, because
//! an empty label, `.` or `..` would otherwise reach a different path from the one signed.

use crate::error::ClientError;
use crate::model::{IDENTIFIER_ARN_PREFIX, IDENTIFIER_MAX_CHARS};

/// Checks one `Identifier`-shaped member: 1 to 128 characters matching
/// `(^[a-zA-Z0-9-]+$)|(^arn:aws:gameliftstreams:([^: ]*):([0-9]{12}):([^: ]*)$)`.
pub fn validate_identifier(field: &'static str, value: &str) -> Result<(), ClientError> {
    let chars = value.chars().count();
    if chars == 0 {
        return Err(ClientError::input(
            field,
            format!("{field} must not be empty"),
        ));
    }
    if chars > IDENTIFIER_MAX_CHARS {
        return Err(ClientError::input(
            field,
            format!(
                "{field} is {chars} characters long; the most allowed is {IDENTIFIER_MAX_CHARS}"
            ),
        ));
    }
    if is_resource_id(value) || is_gameliftstreams_arn(value) {
        return Ok(());
    }
    Err(ClientError::input(
        field,
        format!(
            "{field} must be an ID of letters, digits and hyphens, or an ARN of the form \
             arn:aws:gameliftstreams:REGION:ACCOUNT:RESOURCE"
        ),
    ))
}

/// The pattern's first alternative: `^[a-zA-Z0-9-]+$`.
fn is_resource_id(value: &str) -> bool {
    !value.is_empty()
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// The pattern's second alternative: `^arn:aws:gameliftstreams:([^: ]*):([0-9]{12}):([^: ]*)$`.
fn is_gameliftstreams_arn(value: &str) -> bool {
    let Some(rest) = value.strip_prefix(IDENTIFIER_ARN_PREFIX) else {
        return false;
    };
    let mut parts = rest.split(':');
    let (Some(region), Some(account), Some(resource), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    let free_text = |part: &str| !part.contains(' ');
    free_text(region)
        && account.len() == 12
        && account.bytes().all(|b| b.is_ascii_digit())
        && free_text(resource)
}

/// Checks that a region is one lower-case DNS host label, as it becomes part of the
/// endpoint's host name (the rule set itself never checks it). Upper case is refused rather
/// than folded: `fetch` would lower-case the host after it was signed, and AWS regions have
/// none.
pub fn validate_region(region: &str) -> Result<(), ClientError> {
    if is_host_label(region) && !region.bytes().any(|b| b.is_ascii_uppercase()) {
        return Ok(());
    }
    Err(ClientError::configuration(
        "region",
        "region must be a single DNS label of lower-case letters, digits and hyphens, such as \
         us-west-2",
    ))
}

/// A DNS host label: 1 to 63 letters, digits and hyphens, neither first nor last a hyphen.
pub fn is_host_label(label: &str) -> bool {
    let bytes = label.as_bytes();
    (1..=63).contains(&bytes.len())
        && bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || *b == b'-')
        && bytes[0] != b'-'
        && bytes[bytes.len() - 1] != b'-'
}

/// Checks an access key ID: AWS issues them as letters and digits only, and the value is
/// placed unescaped in the `Credential=` part of the `Authorization` header.
pub fn validate_access_key_id(value: &str) -> Result<(), ClientError> {
    if value.is_empty() {
        return Err(ClientError::credentials(
            "accessKeyId",
            "credentials.accessKeyId must not be empty",
        ));
    }
    if !value.bytes().all(|b| b.is_ascii_alphanumeric()) || value.len() > 128 {
        return Err(ClientError::credentials(
            "accessKeyId",
            "credentials.accessKeyId must be 1 to 128 letters and digits",
        ));
    }
    Ok(())
}

/// Checks a secret key or session token: visible ASCII only, since the token travels in a
/// header and neither has any other characters when AWS issues it. The message never quotes
/// the value.
pub fn validate_secret_value(field: &'static str, value: &str) -> Result<(), ClientError> {
    if value.is_empty() {
        return Err(ClientError::credentials(
            field,
            format!("credentials.{field} must not be empty"),
        ));
    }
    if !value.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(ClientError::credentials(
            field,
            format!("credentials.{field} must contain only visible ASCII characters"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field_of(result: Result<(), ClientError>) -> Option<&'static str> {
        result.err().and_then(|error| error.field)
    }

    #[test]
    fn accepts_ids_and_arns_from_the_model_examples() {
        for value in [
            "sg-1AB2C3De4",
            "ABC123def4567",
            "arn:aws:gameliftstreams:us-west-2:111122223333:streamgroup/sg-1AB2C3De4",
            "arn:aws:gameliftstreams:us-west-2:111122223333:streamsession/sg-1AB2C3De4/ABC123def4567",
            "arn:aws:gameliftstreams::111122223333:",
            "-",
        ] {
            assert_eq!(validate_identifier("Identifier", value), Ok(()), "{value}");
        }
    }

    #[test]
    fn rejects_empty_dot_segments_and_other_shapes() {
        for value in [
            "",
            ".",
            "..",
            "sg/1",
            "sg 1",
            "sg%2F1",
            "arn:aws:gameliftstreams:us-west-2:11112222333:streamgroup/x",
            "arn:aws:gameliftstreams:us-west-2:111122223333:stream group/x",
            "arn:aws:gameliftstreams:us-west-2:111122223333:a:b",
            "arn:aws-cn:gameliftstreams:cn-north-1:111122223333:streamgroup/x",
            "sg-é",
        ] {
            assert_eq!(
                field_of(validate_identifier("Identifier", value)),
                Some("Identifier"),
                "{value:?}"
            );
        }
    }

    #[test]
    fn length_is_counted_in_characters_from_1_to_128() {
        assert_eq!(validate_identifier("Identifier", &"a".repeat(128)), Ok(()));
        let error = validate_identifier("StreamSessionIdentifier", &"a".repeat(129)).unwrap_err();
        assert_eq!(error.field, Some("StreamSessionIdentifier"));
        assert_eq!(
            error.message,
            "StreamSessionIdentifier is 129 characters long; the most allowed is 128"
        );
        let arn = format!(
            "arn:aws:gameliftstreams:us-west-2:111122223333:{}",
            "é".repeat(80)
        );
        assert_eq!(arn.chars().count(), 127);
        assert_eq!(validate_identifier("Identifier", &arn), Ok(()));
    }

    #[test]
    fn region_must_be_one_host_label() {
        assert_eq!(validate_region("us-west-2"), Ok(()));
        assert_eq!(validate_region("eusc-de-east-1"), Ok(()));
        for region in [
            "",
            "us-west-2.evil.com",
            "US WEST",
            "-us",
            "us-",
            "us/west",
            "a".repeat(64).as_str(),
        ] {
            assert_eq!(
                field_of(validate_region(region)),
                Some("region"),
                "{region:?}"
            );
        }
    }

    #[test]
    fn credential_messages_never_quote_the_value() {
        let error = validate_secret_value("secretAccessKey", "abc def-SECRET").unwrap_err();
        assert_eq!(
            error.message,
            "credentials.secretAccessKey must contain only visible ASCII characters"
        );
        assert_eq!(
            validate_secret_value("sessionToken", "FQoGZXIvYXdzEXAMPLETOKEN"),
            Ok(())
        );
        assert_eq!(
            field_of(validate_access_key_id("AKID/x")),
            Some("accessKeyId")
        );
        assert_eq!(validate_access_key_id("AKIDEXAMPLE"), Ok(()));
    }
}
