//! The clock: the time read from JS, and the per-client offset that corrects a wrong local
//! clock from the server's own time.
//!
//! `std::time::SystemTime::now()` traps on wasm32-unknown-unknown, so the time comes from
//! `Date.now()`. The server's time comes from a response's `Date` header, or, when a browser
//! hides that header from a cross-origin caller, from the time quoted in the service's
//! "Signature expired" message.

/// A correction at least this large means the local clock was wrong: the failed attempt is
/// re-signed and retried at once.
pub const SKEW_THRESHOLD_MS: f64 = 4.0 * 60.0 * 1_000.0;

/// Milliseconds since the Unix epoch, from `Date.now()`.
pub fn now_millis() -> f64 {
    js_sys::Date::now()
}

/// Parses an HTTP date (`Thu, 02 Jan 2025 03:04:05 GMT`) into epoch milliseconds.
pub fn parse_http_date(value: &str) -> Option<f64> {
    parse_date(value.trim())
}

/// Parses a SigV4 basic time (`20250102T030405Z`) into epoch milliseconds.
fn parse_basic_time(value: &str) -> Option<f64> {
    let bytes = value.as_bytes();
    let digits = |range: std::ops::Range<usize>| bytes[range].iter().all(u8::is_ascii_digit);
    if bytes.len() != 16 || bytes[8] != b'T' || bytes[15] != b'Z' || !digits(0..8) || !digits(9..15)
    {
        return None;
    }
    let rfc3339 = format!(
        "{}-{}-{}T{}:{}:{}Z",
        &value[0..4],
        &value[4..6],
        &value[6..8],
        &value[9..11],
        &value[11..13],
        &value[13..15]
    );
    parse_date(&rfc3339)
}

/// In wasm the runtime's own `Date.parse` reads dates: a Rust date parser would add about
/// 12 KB to the module for two header formats every JS engine already reads.
#[cfg(target_arch = "wasm32")]
fn parse_date(text: &str) -> Option<f64> {
    let millis = js_sys::Date::parse(text);
    millis.is_finite().then_some(millis)
}

/// Natively (the unit tests), aws-smithy-types reads the same two formats.
#[cfg(not(target_arch = "wasm32"))]
fn parse_date(text: &str) -> Option<f64> {
    use aws_smithy_types::date_time::{DateTime, Format};
    let date = DateTime::from_str(text, Format::HttpDate)
        .or_else(|_| DateTime::from_str(text, Format::DateTime))
        .ok()?;
    date.to_millis().ok().map(|millis| millis as f64)
}

/// Reads the server's time from an `InvalidSignatureException` message:
/// `Signature expired: A is now earlier than B (SERVER - 5 min.)` or
/// `Signature not yet current: A is still later than B (SERVER + 5 min.)`.
pub fn server_time_from_signature_message(message: &str) -> Option<f64> {
    let open = message.rfind('(')?;
    let inside = &message[open + 1..];
    let time = inside.get(..16)?;
    let rest = &inside[16..];
    if rest.starts_with(" - 5 min.)") || rest.starts_with(" + 5 min.)") {
        parse_basic_time(time)
    } else {
        None
    }
}

/// The per-client clock correction.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ClockOffset {
    millis: f64,
}

impl ClockOffset {
    /// The offset in milliseconds added to the local clock.
    pub fn millis(&self) -> f64 {
        self.millis
    }

    /// The corrected time for a local reading.
    pub fn corrected(&self, local_millis: f64) -> f64 {
        local_millis + self.millis
    }

    /// Takes the server's time seen at `local_millis`. When the corrected clock is off by the
    /// threshold or more, the offset moves to the server's and the change is returned; smaller
    /// differences (the `Date` header has whole seconds) leave it alone.
    pub fn observe_server_time(&mut self, server_millis: f64, local_millis: f64) -> Option<f64> {
        if !server_millis.is_finite() || !local_millis.is_finite() {
            return None;
        }
        let skew = server_millis - self.corrected(local_millis);
        if skew.abs() < SKEW_THRESHOLD_MS {
            return None;
        }
        self.millis = server_millis - local_millis;
        Some(skew)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T_030405: f64 = 1_735_787_045_000.0; // 2025-01-02T03:04:05Z

    #[test]
    fn http_dates_and_basic_times_parse_to_epoch_millis() {
        assert_eq!(
            parse_http_date("Thu, 02 Jan 2025 03:04:05 GMT"),
            Some(T_030405)
        );
        assert_eq!(parse_http_date("yesterday"), None);
        assert_eq!(parse_basic_time("20250102T030405Z"), Some(T_030405));
        for bad in [
            "20250102T030405",
            "2025010AT030405Z",
            "20251302T030405Z",
            "é0250102T030405Z",
        ] {
            assert_eq!(parse_basic_time(bad), None, "{bad}");
        }
    }

    /// Case C8: the server's time is the one in the parentheses.
    #[test]
    fn server_time_is_read_from_signature_messages() {
        let expired = "Signature expired: 20250102T030405Z is now earlier than 20250102T030905Z \
                       (20250102T031405Z - 5 min.)";
        assert_eq!(
            server_time_from_signature_message(expired),
            Some(T_030405 + 600_000.0)
        );
        let future = "Signature not yet current: 20250102T031405Z is still later than \
                      20250102T030905Z (20250102T030405Z + 5 min.)";
        assert_eq!(server_time_from_signature_message(future), Some(T_030405));
        for other in [
            "The request signature we calculated does not match",
            "(20250102T031405Z)",
            "(2025 - 5 min.)",
            "(é)",
            "",
        ] {
            assert_eq!(server_time_from_signature_message(other), None, "{other}");
        }
    }

    #[test]
    fn offset_moves_only_for_a_real_skew() {
        let mut offset = ClockOffset::default();
        assert_eq!(
            offset.observe_server_time(T_030405 + 1_500.0, T_030405),
            None
        );
        assert_eq!(offset.millis(), 0.0);
        assert_eq!(
            offset.observe_server_time(T_030405 + 600_000.0, T_030405),
            Some(600_000.0)
        );
        assert_eq!(offset.millis(), 600_000.0);
        assert_eq!(offset.corrected(T_030405), T_030405 + 600_000.0);
        // Once corrected, the same server time is no longer a skew.
        assert_eq!(
            offset.observe_server_time(T_030405 + 601_000.0, T_030405 + 1_000.0),
            None
        );
        assert_eq!(
            offset.observe_server_time(T_030405, T_030405),
            Some(-600_000.0)
        );
        assert_eq!(offset.millis(), 0.0);
        assert_eq!(offset.observe_server_time(f64::NAN, T_030405), None);
    }
}
