//! Sending a signed request with the runtime's own global `fetch`.
//!
//! There is no `window` in Workers, dedicated workers or Node, so the global function is bound
//! directly. Only `method`, `headers`, `redirect: "manual"` and, when there is one, `signal`
//! are set on the `RequestInit` (`keepalive` only on request): workerd refuses members such
//! as `cache` and `mode` (aws-sdk-js-v3 #6493), and browsers default to `mode: "cors"`.

use js_sys::{Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    Headers, ReadableStreamDefaultReader, RequestInit, RequestRedirect, Response, ResponseType,
};

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
    init.set_redirect(RequestRedirect::Manual);
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

/// The most of an error body that is read: error documents are a few hundred bytes, and a
/// hostile or broken server must not make the client buffer megabytes.
pub const MAX_ERROR_BODY_BYTES: usize = 64 * 1024;

/// Reads at most [`MAX_ERROR_BODY_BYTES`] of the body as text (invalid UTF-8 becomes U+FFFD),
/// then cancels the rest. A body that cannot be read counts as empty: the status alone still
/// classifies the error.
pub async fn read_body_prefix(response: &Response) -> String {
    let Some(body) = response.body() else {
        return String::new();
    };
    let reader: ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    let mut bytes = Vec::new();
    while bytes.len() < MAX_ERROR_BODY_BYTES {
        let Ok(chunk) = JsFuture::from(reader.read()).await else {
            break;
        };
        let done = Reflect::get(&chunk, &JsValue::from_str("done")).unwrap_or(JsValue::TRUE);
        if done.is_truthy() {
            break;
        }
        let Ok(value) = Reflect::get(&chunk, &JsValue::from_str("value")) else {
            break;
        };
        let Some(array) = value.dyn_ref::<Uint8Array>() else {
            break;
        };
        let room = (MAX_ERROR_BODY_BYTES - bytes.len()).min(array.length() as usize);
        bytes.extend_from_slice(&array.subarray(0, room as u32).to_vec());
    }
    // Cancelling a finished stream is harmless; an unfinished one frees its connection.
    let _ = JsFuture::from(reader.cancel()).await;
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Drops a body that will not be read (a 2xx should have none), freeing its connection.
pub fn discard_body(response: &Response) {
    if let Some(body) = response.body() {
        // The returned promise only reports the cancellation; there is nothing to wait for.
        let _ = body.cancel();
    }
}

/// Whether the response is a redirect, which is never followed: the signature covers one
/// host and path only. Browsers report a manual redirect as an opaque response with status 0.
pub fn is_redirect(response: &Response) -> bool {
    response.type_() == ResponseType::Opaqueredirect || (300..400).contains(&response.status())
}

/// Reads one response header; a header the runtime hides (CORS) reads as absent.
pub fn header(headers: &Headers, name: &str) -> Option<String> {
    headers.get(name).ok().flatten()
}
