//! One `TerminateStreamSession` call from start to end: credentials, signing, sending, reading
//! the answer, correcting the clock, and retrying what is worth retrying.

use wasm_bindgen::JsValue;

use crate::abort::{sleep, AbortSignal, AttemptSignal};
use crate::client::ClientState;
use crate::clock::{now_millis, parse_http_date, server_time_from_signature_message};
use crate::credentials::CredentialsFailure;
use crate::error::{ClientError, ClientErrorKind};
use crate::error_response::ServiceError;
use crate::js_input::{CallOptions, ClientConfig};
use crate::outcome::{client_error, output, service_error, ResponseMetadata};
use crate::request::{build_terminate_request, TerminateStreamSessionInput, WireRequest};
use crate::response::{read_answer, Answer, ResponseHints};
use crate::retry::{
    backoff_delay_ms, classify_service_error, delay_with_hint_ms, retry_after_hint_ms, FailureClass,
};
use crate::signing::{sign_request, time_from_epoch_millis, Credentials, SignedRequest};
use crate::transport::send;

/// How one attempt ended, when it did not succeed.
enum AttemptFailure {
    /// The service answered with an error.
    Service(ServiceError, ResponseMetadata, ResponseHints),
    /// No answer: a network failure or the attempt's timeout.
    Transport(ClientError, JsValue),
}

/// Counters of the call so far, reported in `$metadata`.
struct Progress {
    attempts: u32,
    total_retry_delay: u32,
    last_retry_cost: Option<u32>,
}

impl Progress {
    fn metadata(&self, mut metadata: ResponseMetadata) -> ResponseMetadata {
        metadata.attempts = self.attempts;
        metadata.total_retry_delay = self.total_retry_delay;
        metadata
    }
}

fn abort_error(signal: Option<&AbortSignal>, progress: &Progress) -> JsValue {
    let error = ClientError::new(
        ClientErrorKind::Abort,
        "the call was aborted by its AbortSignal",
    );
    let reason = signal.map(AbortSignal::abort_reason);
    client_error(
        &error,
        &progress.metadata(ResponseMetadata::default()),
        reason.as_ref(),
    )
}

/// Signs one attempt afresh, with the corrected clock at that moment and the client's cached
/// signing key.
pub fn sign_attempt(
    state: &ClientState,
    config: &ClientConfig,
    request: &WireRequest,
    credentials: &Credentials,
) -> Result<SignedRequest, ClientError> {
    let time =
        time_from_epoch_millis(state.clock.get().corrected(now_millis())).ok_or_else(|| {
            ClientError::new(
                ClientErrorKind::Configuration,
                "Date.now() did not return a usable time",
            )
        })?;
    sign_request(
        request,
        credentials,
        &config.region,
        time,
        &mut state.signing_keys.borrow_mut(),
    )
}

/// Runs the call, attempt after attempt, and settles with the output or an error description.
pub async fn terminate_stream_session(
    state: &ClientState,
    config: &ClientConfig,
    input: &TerminateStreamSessionInput,
    options: &CallOptions,
) -> Result<JsValue, JsValue> {
    let signal = options.abort_signal.as_ref();
    let timeout_ms = options.request_timeout_ms.or(config.request_timeout_ms);
    let request = build_terminate_request(&config.endpoint, input);
    let mut progress = Progress {
        attempts: 0,
        total_retry_delay: 0,
        last_retry_cost: None,
    };

    loop {
        if signal.is_some_and(AbortSignal::is_aborted) {
            return Err(abort_error(signal, &progress));
        }
        let credentials = match state.credentials.resolve(now_millis(), signal).await {
            Ok(credentials) => credentials,
            Err(CredentialsFailure::Aborted) => return Err(abort_error(signal, &progress)),
            Err(CredentialsFailure::Error(error, cause)) => {
                let metadata = progress.metadata(ResponseMetadata::default());
                return Err(client_error(&error, &metadata, cause.as_ref()));
            }
        };

        let signed = sign_attempt(state, config, &request, &credentials)
            .map_err(|e| client_error(&e, &progress.metadata(ResponseMetadata::default()), None))?;

        progress.attempts += 1;
        state.logger.debug(format_args!(
            "attempt {} of {}: {} {}",
            progress.attempts, config.max_attempts, request.method, request.url
        ));
        let attempt_signal = AttemptSignal::new(signal, timeout_ms);
        let sent = send(
            &request,
            &signed.headers,
            attempt_signal.signal.as_ref(),
            options.keepalive,
        );
        let failure = match sent.await {
            Ok(response) => match read_answer(&response).await {
                (Answer::Success(metadata), hints) => {
                    observe_date(state, &hints, None);
                    let mut quota = state.quota.get();
                    quota.release(progress.last_retry_cost);
                    state.quota.set(quota);
                    return Ok(output(&progress.metadata(metadata)));
                }
                (Answer::Failure(error, metadata), hints) => {
                    AttemptFailure::Service(error, metadata, hints)
                }
            },
            Err(failure) if attempt_signal.timed_out() => {
                // Whole milliseconds: formatting an f64 would link in float printing.
                let limit = timeout_ms.unwrap_or(0.0) as u64;
                let message = format!("the attempt took longer than {limit} ms");
                AttemptFailure::Transport(
                    ClientError::new(ClientErrorKind::Timeout, message),
                    failure.cause,
                )
            }
            Err(failure) => {
                let message = "the request got no HTTP response (network failure)";
                AttemptFailure::Transport(
                    ClientError::new(ClientErrorKind::Network, message),
                    failure.cause,
                )
            }
        };
        if signal.is_some_and(AbortSignal::is_aborted) {
            return Err(abort_error(signal, &progress));
        }

        let (class, rejection, retry_after) = match failure {
            AttemptFailure::Service(error, metadata, hints) => {
                let skew_corrected = observe_date(state, &hints, Some(&error));
                let class = if skew_corrected {
                    FailureClass::ClockSkewCorrected
                } else {
                    classify_service_error(&error.name, error.status, error.retryable == Some(true))
                };
                let retry_after = retry_after_hint_ms(
                    hints.x_amz_retry_after.as_deref(),
                    hints.retry_after.as_deref(),
                    now_millis(),
                    parse_http_date,
                );
                let rejection = service_error(&error, &progress.metadata(metadata));
                (class, rejection, retry_after)
            }
            AttemptFailure::Transport(error, cause) => {
                let metadata = progress.metadata(ResponseMetadata::default());
                (
                    FailureClass::Transient,
                    client_error(&error, &metadata, Some(&cause)),
                    None,
                )
            }
        };

        if class == FailureClass::Final || progress.attempts >= config.max_attempts {
            return Err(rejection);
        }
        let mut quota = state.quota.get();
        let Some(cost) = quota.acquire(class) else {
            state.logger.info(format_args!(
                "not retrying: the client's retry quota is used up"
            ));
            return Err(rejection);
        };
        state.quota.set(quota);
        progress.last_retry_cost = Some(cost);

        let backoff = backoff_delay_ms(class, progress.attempts, js_sys::Math::random());
        let delay = delay_with_hint_ms(backoff, retry_after).round();
        state.logger.info(format_args!(
            "retrying attempt {} after {} ms ({})",
            progress.attempts,
            delay as u64,
            class.name()
        ));
        if sleep(delay, signal).await.is_err() {
            return Err(abort_error(signal, &progress));
        }
        progress.total_retry_delay = progress.total_retry_delay.saturating_add(delay as u32);
    }
}

/// Learns the server's time from `Date`, or, when a browser hides `Date`, from the time in an
/// `InvalidSignatureException` message. Returns whether the clock offset moved enough to
/// make a failed attempt worth re-signing at once.
fn observe_date(state: &ClientState, hints: &ResponseHints, error: Option<&ServiceError>) -> bool {
    let server_time = hints.date.as_deref().and_then(parse_http_date).or_else(|| {
        error
            .filter(|error| error.name == "InvalidSignatureException")
            .and_then(|error| server_time_from_signature_message(&error.message))
    });
    let Some(server_time) = server_time else {
        return false;
    };
    let mut clock = state.clock.get();
    let moved = clock.observe_server_time(server_time, now_millis());
    state.clock.set(clock);
    if let Some(skew) = moved {
        let skew = skew.round() as i64;
        state.logger.info(format_args!(
            "clock offset corrected by {skew} ms from the server's time"
        ));
    }
    moved.is_some() && error.is_some()
}
