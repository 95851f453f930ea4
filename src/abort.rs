//! Timers and abort signals, bound from the global scope of every runtime.
//!
//! Listeners are the `resolve`/`reject` functions of the promises themselves, never Rust
//! closures, so nothing is leaked when a signal never fires and each listener is removed
//! again once its wait is over.

use js_sys::{Array, Function, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    /// `AbortSignal`, as every runtime defines it.
    #[wasm_bindgen(js_name = AbortSignal)]
    #[derive(Clone)]
    pub type AbortSignal;

    #[wasm_bindgen(method, getter)]
    fn aborted(this: &AbortSignal) -> bool;

    #[wasm_bindgen(method, getter)]
    fn reason(this: &AbortSignal) -> JsValue;

    #[wasm_bindgen(method, js_name = addEventListener)]
    fn add_event_listener(this: &AbortSignal, kind: &str, listener: &Function);

    #[wasm_bindgen(method, js_name = removeEventListener)]
    fn remove_event_listener(this: &AbortSignal, kind: &str, listener: &Function);

    #[wasm_bindgen(static_method_of = AbortSignal, js_name = timeout)]
    fn timeout(millis: f64) -> AbortSignal;

    #[wasm_bindgen(static_method_of = AbortSignal, js_name = any, catch)]
    fn any(signals: &Array) -> Result<AbortSignal, JsValue>;

    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &Function, millis: f64) -> JsValue;

    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(handle: &JsValue);
}

impl AbortSignal {
    /// Whether the signal has fired.
    pub fn is_aborted(&self) -> bool {
        self.aborted()
    }

    /// The value the signal was aborted with.
    pub fn abort_reason(&self) -> JsValue {
        self.reason()
    }
}

/// The signal for one attempt: the caller's, a per-attempt timeout, both, or none.
pub struct AttemptSignal {
    /// What `fetch` gets.
    pub signal: Option<AbortSignal>,
    timeout: Option<AbortSignal>,
}

impl AttemptSignal {
    /// Combines the caller's signal with a timeout of `timeout_ms`.
    pub fn new(caller: Option<&AbortSignal>, timeout_ms: Option<f64>) -> AttemptSignal {
        let timeout = timeout_ms.map(AbortSignal::timeout);
        let signal = match (caller, &timeout) {
            (Some(caller), Some(timeout)) => {
                let both = Array::of2(caller, timeout);
                // Without AbortSignal.any the timeout still ends the attempt; the caller's
                // abort is then seen when the attempt ends.
                Some(AbortSignal::any(&both).unwrap_or_else(|_| timeout.clone()))
            }
            (Some(caller), None) => Some(caller.clone()),
            (None, Some(timeout)) => Some(timeout.clone()),
            (None, None) => None,
        };
        AttemptSignal { signal, timeout }
    }

    /// Whether the attempt ended because its timeout fired.
    pub fn timed_out(&self) -> bool {
        self.timeout.as_ref().is_some_and(AbortSignal::is_aborted)
    }
}

/// Waits `millis`, or rejects with the abort event as soon as `signal` fires.
pub async fn sleep(millis: f64, signal: Option<&AbortSignal>) -> Result<(), JsValue> {
    if signal.is_some_and(AbortSignal::is_aborted) {
        return Err(JsValue::UNDEFINED);
    }
    let mut timer = JsValue::UNDEFINED;
    let mut listener = None;
    let waiting = Promise::new(&mut |resolve, reject| {
        timer = set_timeout(&resolve, millis);
        if let Some(signal) = signal {
            signal.add_event_listener("abort", &reject);
            listener = Some(reject);
        }
    });
    let result = JsFuture::from(waiting).await;
    clear_timeout(&timer);
    if let (Some(signal), Some(listener)) = (signal, listener) {
        signal.remove_event_listener("abort", &listener);
    }
    result.map(drop)
}

/// Settles like `promise`, or rejects as soon as `signal` fires.
pub async fn until_aborted(
    promise: Promise,
    signal: Option<&AbortSignal>,
) -> Result<JsValue, JsValue> {
    let Some(signal) = signal else {
        return JsFuture::from(promise).await;
    };
    if signal.is_aborted() {
        return Err(signal.abort_reason());
    }
    let mut listener = None;
    let aborted = Promise::new(&mut |_, reject| {
        signal.add_event_listener("abort", &reject);
        listener = Some(reject);
    });
    let result = JsFuture::from(Promise::race(&Array::of2(&promise, &aborted))).await;
    if let Some(listener) = listener {
        signal.remove_event_listener("abort", &listener);
    }
    result
}
