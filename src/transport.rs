//! Sending a signed request with the runtime's own global `fetch`.
//!
//! There is no `window` in Workers, dedicated workers or Node, so the global function is bound
//! directly. Only `method`, `headers` and, when there is one, `signal` are set on the
//! `RequestInit` (`keepalive` only on request): workerd refuses members such as `cache` and
//! `mode` (aws-sdk-js-v3 #6493), and browsers default to `mode: "cors"`.

use js_sys::{Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{RequestInit, Response};

use crate::abort::AbortSignal;
use crate::request::WireRequest;

#[wasm_bindgen]
extern "C" {
    /// The global `fetch` of whichever runtime loaded the module.
    #[wasm_bindgen(js_name = fetch, catch)]
    fn global_fetch(url: &str, init: &RequestInit) -> Result<Promise, JsValue>;
}

/// Why a request got no HTTP answer: the value `fetch` rejected or threw with.
pub struct TransportFailure {
    /// The JS error, kept as the `cause` of the typed error.
    pub cause: JsValue,
}

/// Sends the request with the signing headers added, and waits for the response head.
pub async fn send(
    request: &WireRequest,
    headers: &[(&'static str, String)],
    signal: Option<&AbortSignal>,
    keepalive: bool,
) -> Result<Response, TransportFailure> {
    let header_object = Object::new();
    for (name, value) in headers {
        Reflect::set(
            &header_object,
            &JsValue::from_str(name),
            &JsValue::from_str(value),
        )
        .map_err(|cause| TransportFailure { cause })?;
    }
    let init = RequestInit::new();
    init.set_method(request.method);
    init.set_headers(&header_object);
    if let Some(signal) = signal {
        init.set_signal(Some(signal.unchecked_ref()));
    }
    // Set only when asked (web-sys has no setter for it): a runtime without keepalive
    // support should not see the member at all.
    if keepalive {
        Reflect::set(&init, &JsValue::from_str("keepalive"), &JsValue::TRUE)
            .map_err(|cause| TransportFailure { cause })?;
    }

    let promise = global_fetch(&request.url, &init).map_err(|cause| TransportFailure { cause })?;
    let response = JsFuture::from(promise)
        .await
        .map_err(|cause| TransportFailure { cause })?;
    response
        .dyn_into::<Response>()
        .map_err(|cause| TransportFailure { cause })
}

/// Reads the response body as text; a body that cannot be read counts as empty, since the
/// status alone still classifies the error.
pub async fn read_text(response: &Response) -> String {
    let Ok(promise) = response.text() else {
        return String::new();
    };
    match JsFuture::from(promise).await {
        Ok(text) => text.as_string().unwrap_or_default(),
        Err(_) => String::new(),
    }
}

/// Reads one response header; a header the runtime hides (CORS) reads as absent.
pub fn header(response: &Response, name: &str) -> Option<String> {
    response.headers().get(name).ok().flatten()
}
