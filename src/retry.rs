//! The retry policy: which failures are retried, how long to wait, and the per-client retry
//! quota. It follows the AWS SDKs' "standard" mode (api-facts.md section 6) and is pure, so
//! the random draw and the clock are passed in.

/// Attempts in total, the SDK's default.
pub const DEFAULT_MAX_ATTEMPTS: u32 = 3;
/// The backoff base for most errors, in milliseconds.
const BASE_DELAY_MS: f64 = 50.0;
/// The backoff base for throttling errors, in milliseconds.
const THROTTLING_BASE_DELAY_MS: f64 = 1_000.0;
/// No computed backoff exceeds this.
const MAX_BACKOFF_MS: f64 = 20_000.0;
/// A `retry-after` hint may stretch the computed delay by this much at most.
const MAX_RETRY_AFTER_STRETCH_MS: f64 = 5_000.0;
/// The quota a client starts with.
pub const INITIAL_RETRY_TOKENS: u32 = 500;
/// What a retry costs from the quota.
const RETRY_COST: u32 = 14;
/// What a retry after a throttling error costs.
const THROTTLING_RETRY_COST: u32 = 5;
/// What a success without retries gives back.
const NO_RETRY_INCREMENT: u32 = 1;

/// Error codes that mean "slow down", as the SDKs list them.
const THROTTLING_CODES: &[&str] = &[
    "BandwidthLimitExceeded",
    "EC2ThrottledException",
    "LimitExceededException",
    "PriorRequestNotComplete",
    "ProvisionedThroughputExceededException",
    "RequestLimitExceeded",
    "RequestThrottled",
    "RequestThrottledException",
    "SlowDown",
    "ThrottledException",
    "Throttling",
    "ThrottlingException",
    "TooManyRequestsException",
    "TransactionInProgressException",
];

/// Error codes that are transient whatever their status.
const TRANSIENT_CODES: &[&str] = &["RequestTimeout", "RequestTimeoutException"];

/// How a failed attempt is classed for retrying.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailureClass {
    /// Throttled: retried with the longer base and the cheaper quota cost.
    Throttling,
    /// A transient fault (5xx, timeout, network failure): retried.
    Transient,
    /// The clock offset was corrected: retried at once, re-signed.
    ClockSkewCorrected,
    /// Anything else: not retried.
    Final,
}

impl FailureClass {
    /// The class's name, for log lines.
    pub fn name(self) -> &'static str {
        match self {
            FailureClass::Throttling => "Throttling",
            FailureClass::Transient => "Transient",
            FailureClass::ClockSkewCorrected => "ClockSkewCorrected",
            FailureClass::Final => "Final",
        }
    }
}

/// Classes a service error answer by its code and status. 501 and 505 are final: retrying
/// cannot make the service support what it does not.
pub fn classify_service_error(code: &str, status: u16, throttling_trait: bool) -> FailureClass {
    if throttling_trait || status == 429 || THROTTLING_CODES.contains(&code) {
        FailureClass::Throttling
    } else if matches!(status, 500 | 502 | 503 | 504) || TRANSIENT_CODES.contains(&code) {
        FailureClass::Transient
    } else {
        FailureClass::Final
    }
}

/// The per-client retry quota: retries draw from it, successes refill it, so a struggling
/// service is not hammered by every caller at once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryQuota {
    available: u32,
}

impl Default for RetryQuota {
    fn default() -> Self {
        RetryQuota {
            available: INITIAL_RETRY_TOKENS,
        }
    }
}

impl RetryQuota {
    /// Tokens left.
    pub fn available(&self) -> u32 {
        self.available
    }

    /// Takes the cost of one retry, or returns `None` when the quota cannot pay for it.
    pub fn acquire(&mut self, class: FailureClass) -> Option<u32> {
        let cost = match class {
            FailureClass::Throttling => THROTTLING_RETRY_COST,
            _ => RETRY_COST,
        };
        self.available = self.available.checked_sub(cost)?;
        Some(cost)
    }

    /// Refills after a success: the cost of the last retry, or one token without retries.
    pub fn release(&mut self, last_retry_cost: Option<u32>) {
        let refund = last_retry_cost.unwrap_or(NO_RETRY_INCREMENT);
        self.available = (self.available + refund).min(INITIAL_RETRY_TOKENS);
    }
}

/// The full-jitter backoff before retry number `retry` (1 for the first retry):
/// `random * min(base * 2^(retry-1), 20 s)`, with `random` in `[0, 1)`.
pub fn backoff_delay_ms(class: FailureClass, retry: u32, random: f64) -> f64 {
    let base = match class {
        FailureClass::Throttling => THROTTLING_BASE_DELAY_MS,
        FailureClass::ClockSkewCorrected => return 0.0,
        _ => BASE_DELAY_MS,
    };
    let exponent = retry.saturating_sub(1).min(30) as i32;
    let ceiling = (base * 2f64.powi(exponent)).min(MAX_BACKOFF_MS);
    random.clamp(0.0, 1.0) * ceiling
}

/// The delay to wait: the backoff, stretched towards the server's hint by 5 s at most.
pub fn delay_with_hint_ms(backoff_ms: f64, retry_after_ms: Option<f64>) -> f64 {
    match retry_after_ms {
        Some(hint) if hint > backoff_ms => hint.min(backoff_ms + MAX_RETRY_AFTER_STRETCH_MS),
        _ => backoff_ms,
    }
}

/// Reads the server's hint: `x-amz-retry-after` in whole milliseconds, else `retry-after`
/// in whole seconds or as an HTTP date (relative to `now_ms`, read by `parse_http_date`).
pub fn retry_after_hint_ms(
    x_amz_retry_after: Option<&str>,
    retry_after: Option<&str>,
    now_ms: f64,
    parse_http_date: impl Fn(&str) -> Option<f64>,
) -> Option<f64> {
    // Integers only, as both headers are defined: parsing floats would link in float parsing.
    if let Some(millis) = x_amz_retry_after.and_then(|v| v.trim().parse::<u64>().ok()) {
        return Some(millis as f64);
    }
    let value = retry_after?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(seconds.saturating_mul(1_000) as f64);
    }
    let millis = parse_http_date(value)?;
    Some((millis - now_ms).max(0.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_follow_the_sdk_tables() {
        assert_eq!(
            classify_service_error("ThrottlingException", 400, false),
            FailureClass::Throttling
        );
        assert_eq!(
            classify_service_error("Anything", 429, false),
            FailureClass::Throttling
        );
        assert_eq!(
            classify_service_error("X", 400, true),
            FailureClass::Throttling
        );
        assert_eq!(
            classify_service_error("SlowDown", 503, false),
            FailureClass::Throttling
        );
        for status in [500, 502, 503, 504] {
            assert_eq!(
                classify_service_error("UnknownError", status, false),
                FailureClass::Transient
            );
        }
        for status in [400, 403, 404, 409, 501, 505] {
            assert_eq!(
                classify_service_error("Some", status, false),
                FailureClass::Final,
                "{status}"
            );
        }
        assert_eq!(
            classify_service_error("RequestTimeout", 400, false),
            FailureClass::Transient
        );
    }

    #[test]
    fn backoff_is_full_jitter_with_base_and_cap() {
        assert_eq!(backoff_delay_ms(FailureClass::Transient, 1, 0.5), 25.0);
        assert_eq!(backoff_delay_ms(FailureClass::Transient, 2, 0.5), 50.0);
        assert_eq!(backoff_delay_ms(FailureClass::Throttling, 1, 0.5), 500.0);
        assert_eq!(
            backoff_delay_ms(FailureClass::Throttling, 3, 0.999),
            3_996.0
        );
        assert_eq!(
            backoff_delay_ms(FailureClass::Throttling, 10, 1.0),
            20_000.0
        );
        assert_eq!(backoff_delay_ms(FailureClass::Transient, 40, 1.0), 20_000.0);
        assert_eq!(backoff_delay_ms(FailureClass::Transient, 1, 0.0), 0.0);
        assert_eq!(
            backoff_delay_ms(FailureClass::ClockSkewCorrected, 2, 0.7),
            0.0
        );
    }

    #[test]
    fn retry_after_stretches_by_five_seconds_at_most() {
        assert_eq!(delay_with_hint_ms(100.0, None), 100.0);
        assert_eq!(delay_with_hint_ms(100.0, Some(50.0)), 100.0);
        assert_eq!(delay_with_hint_ms(100.0, Some(2_000.0)), 2_000.0);
        assert_eq!(delay_with_hint_ms(100.0, Some(60_000.0)), 5_100.0);
    }

    #[test]
    fn retry_after_hints_in_each_form() {
        let now = 1_735_787_045_000.0; // 2025-01-02T03:04:05Z
        let date = |value: &str| match value {
            "Thu, 02 Jan 2025 03:04:08 GMT" => Some(now + 3_000.0),
            "Thu, 02 Jan 2025 03:00:00 GMT" => Some(now - 245_000.0),
            _ => None,
        };
        let hint = |x_amz, retry_after| retry_after_hint_ms(x_amz, retry_after, now, date);
        assert_eq!(hint(Some("1500"), Some("9")), Some(1_500.0));
        assert_eq!(hint(None, Some("2")), Some(2_000.0));
        assert_eq!(hint(None, Some(" 2 ")), Some(2_000.0));
        assert_eq!(
            hint(None, Some("Thu, 02 Jan 2025 03:04:08 GMT")),
            Some(3_000.0)
        );
        assert_eq!(hint(None, Some("Thu, 02 Jan 2025 03:00:00 GMT")), Some(0.0));
        assert_eq!(hint(Some("soon"), Some("later")), None);
        assert_eq!(hint(Some("1.5"), None), None);
        assert_eq!(hint(None, Some("-3")), None);
        assert_eq!(hint(None, None), None);
    }

    #[test]
    fn quota_charges_retries_and_refunds_successes() {
        let mut quota = RetryQuota::default();
        assert_eq!(quota.acquire(FailureClass::Transient), Some(14));
        assert_eq!(quota.acquire(FailureClass::Throttling), Some(5));
        assert_eq!(quota.available(), 481);
        quota.release(Some(5));
        assert_eq!(quota.available(), 486);
        quota.release(None);
        assert_eq!(quota.available(), 487);
        let mut quota = RetryQuota::default();
        quota.release(None);
        assert_eq!(quota.available(), 500);
        for _ in 0..35 {
            quota.acquire(FailureClass::Transient).unwrap();
        }
        assert_eq!(quota.available(), 10);
        assert_eq!(quota.acquire(FailureClass::Transient), None);
        assert_eq!(quota.available(), 10);
        assert_eq!(quota.acquire(FailureClass::Throttling), Some(5));
    }
}
