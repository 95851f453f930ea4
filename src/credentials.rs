//! Credentials: a static object, or an async provider function returning
//! `{accessKeyId, secretAccessKey, sessionToken?, expiration?}` (the shape of
//! `@aws-sdk/credential-providers`). Provided credentials are cached and refreshed when they
//! come within 5 minutes of `expiration`; concurrent calls share one refresh.
//!
//! Only resolved values are kept between calls. A pending refresh is shared while it runs
//! and dropped when it settles, because a Workers isolate must not carry a promise from one
//! request into another.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use crate::abort::{until_aborted, AbortSignal};
use crate::error::{ClientError, ClientErrorKind};
use crate::js_input::read_credentials;
use crate::signing::Credentials;

/// Credentials this close to their expiration are refreshed before use.
pub const REFRESH_WINDOW_MS: f64 = 5.0 * 60.0 * 1_000.0;

/// Whether credentials expiring at `expiration_ms` must be refreshed at `now_ms`.
pub fn needs_refresh(expiration_ms: Option<f64>, now_ms: f64) -> bool {
    expiration_ms.is_some_and(|expiration| expiration - now_ms <= REFRESH_WINDOW_MS)
}

/// Whether credentials expiring at `expiration_ms` are already unusable at `now_ms`.
pub fn is_expired(expiration_ms: Option<f64>, now_ms: f64) -> bool {
    expiration_ms.is_some_and(|expiration| expiration <= now_ms)
}

/// Why resolving credentials failed.
pub enum CredentialsFailure {
    /// The provider failed or returned something unusable.
    Error(ClientError, Option<JsValue>),
    /// The caller's signal fired while waiting for the provider.
    Aborted,
}

#[derive(Clone)]
struct Resolved {
    credentials: Credentials,
    expiration_ms: Option<f64>,
}

/// The `credentials` option, as given.
enum Origin {
    /// A static object, already read and checked.
    Static(Result<Credentials, ClientError>),
    /// An async function returning credentials.
    Provider(Function),
}

/// Where a client's credentials come from, with the provider's cache.
pub struct CredentialSource {
    origin: Origin,
    cached: RefCell<Option<Resolved>>,
    pending: Rc<RefCell<Option<Promise>>>,
}

impl CredentialSource {
    /// Wraps the `credentials` option: a function is a provider; anything else is a static
    /// credentials object, read once, here (the JS client builds its core at the first call),
    /// since reading it at each call would cost a dozen calls into JS per request. A bad
    /// object is reported by each call, as a bad configuration is.
    pub fn new(option: JsValue) -> CredentialSource {
        let origin = match option.dyn_ref::<Function>() {
            Some(provider) => Origin::Provider(provider.clone()),
            None => Origin::Static(read_credentials(&option)),
        };
        CredentialSource {
            origin,
            cached: RefCell::new(None),
            pending: Rc::new(RefCell::new(None)),
        }
    }

    /// The credentials to sign with at `now_ms`.
    pub async fn resolve(
        &self,
        now_ms: f64,
        signal: Option<&AbortSignal>,
    ) -> Result<Credentials, CredentialsFailure> {
        let provider = match &self.origin {
            Origin::Provider(provider) => provider,
            Origin::Static(fixed) => {
                return fixed
                    .clone()
                    .map_err(|e| CredentialsFailure::Error(e, None));
            }
        };
        if let Some(cached) = self.cached.borrow().as_ref() {
            if !needs_refresh(cached.expiration_ms, now_ms) {
                return Ok(cached.credentials.clone());
            }
        }
        let mut fresh = self.refresh(provider, signal).await?;
        if is_expired(fresh.expiration_ms, now_ms) {
            // An expired token is never sent: ask once more before giving up.
            fresh = self.refresh(provider, signal).await?;
            if is_expired(fresh.expiration_ms, now_ms) {
                return Err(CredentialsFailure::Error(
                    ClientError::credentials(
                        "expiration",
                        "the credential provider returned credentials that have already expired",
                    ),
                    None,
                ));
            }
        }
        Ok(fresh.credentials)
    }

    /// Clears the shared refresh once the provider has answered, whoever is still waiting:
    /// a caller that gave up (its signal fired) must not make the next caller start a second
    /// refresh while the first one runs. The handler is one JS function used for both
    /// outcomes, so it runs once and is freed; the promise `then` returns never rejects.
    fn forget_when_settled(&self, promise: &Promise) {
        let slot = Rc::clone(&self.pending);
        let marker = JsValue::from(promise);
        let clear = Closure::once_into_js(move || {
            let mut pending = slot.borrow_mut();
            if pending
                .as_ref()
                .is_some_and(|current| JsValue::from(current) == marker)
            {
                pending.take();
            }
        });
        let then = Reflect::get(promise, &JsValue::from_str("then"))
            .ok()
            .and_then(|then| then.dyn_into::<Function>().ok());
        if let Some(then) = then {
            let _ = then.call2(promise, &clear, &clear);
        }
    }

    async fn refresh(
        &self,
        provider: &Function,
        signal: Option<&AbortSignal>,
    ) -> Result<Resolved, CredentialsFailure> {
        let shared = self.pending.borrow().clone();
        let promise = match shared {
            Some(promise) => promise,
            None => {
                let returned = provider
                    .call0(&JsValue::UNDEFINED)
                    .map_err(|cause| provider_failed(Some(cause)))?;
                let promise = Promise::resolve(&returned);
                *self.pending.borrow_mut() = Some(promise.clone());
                self.forget_when_settled(&promise);
                promise
            }
        };
        let settled = until_aborted(promise, signal).await;
        if signal.is_some_and(AbortSignal::is_aborted) {
            return Err(CredentialsFailure::Aborted);
        }
        let value = settled.map_err(|cause| provider_failed(Some(cause)))?;
        let credentials =
            read_credentials(&value).map_err(|error| CredentialsFailure::Error(error, None))?;
        let resolved = Resolved {
            credentials,
            expiration_ms: read_expiration(&value),
        };
        *self.cached.borrow_mut() = Some(resolved.clone());
        Ok(resolved)
    }
}

fn provider_failed(cause: Option<JsValue>) -> CredentialsFailure {
    let error = ClientError {
        kind: ClientErrorKind::Credentials,
        field: Some("credentials"),
        message: "the credential provider failed; see the error's cause".into(),
    };
    CredentialsFailure::Error(error, cause)
}

/// `expiration` as a `Date` or epoch milliseconds; anything else means "does not expire".
fn read_expiration(value: &JsValue) -> Option<f64> {
    let expiration = Reflect::get(value, &JsValue::from_str("expiration")).ok()?;
    let millis = match expiration.dyn_ref::<js_sys::Date>() {
        Some(date) => date.get_time(),
        None => expiration.as_f64()?,
    };
    millis.is_finite().then_some(millis)
}

// At the end of the file, so that the line numbers the default build keeps stay the same.
#[cfg(feature = "bench-hooks")]
impl CredentialSource {
    /// The static credentials as read by [`CredentialSource::new`]; `None` for a provider.
    /// For `WasmClient.signForBench` (`src/bench_hooks.rs`) only.
    pub fn static_credentials(&self) -> Option<&Result<Credentials, ClientError>> {
        match &self.origin {
            Origin::Static(fixed) => Some(fixed),
            Origin::Provider(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: f64 = 1_735_787_045_000.0;

    #[test]
    fn refresh_window_is_five_minutes() {
        assert!(!needs_refresh(None, NOW));
        assert!(!needs_refresh(Some(NOW + 3_600_000.0), NOW));
        assert!(!needs_refresh(Some(NOW + 300_001.0), NOW));
        assert!(needs_refresh(Some(NOW + 300_000.0), NOW));
        assert!(needs_refresh(Some(NOW + 240_000.0), NOW));
        assert!(needs_refresh(Some(NOW - 1.0), NOW));
    }

    #[test]
    fn expired_means_at_or_before_now() {
        assert!(!is_expired(None, NOW));
        assert!(!is_expired(Some(NOW + 1.0), NOW));
        assert!(is_expired(Some(NOW), NOW));
        assert!(is_expired(Some(NOW - 60_000.0), NOW));
    }
}
