//! The client exported to JS: configuration checked once, state shared by its calls (retry
//! quota, clock offset, credentials cache), and one method per operation.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use crate::clock::ClockOffset;
use crate::credentials::CredentialSource;
use crate::error::ClientError;
use crate::js_input::{member, read_call_options, read_config, read_input, ClientConfig};
use crate::logger::Logger;
use crate::operation::terminate_stream_session;
use crate::outcome::{client_error, ResponseMetadata};
use crate::retry::RetryQuota;
use crate::signing::SigningKeyCache;

/// What the calls of one client share.
pub struct ClientState {
    /// The checked configuration; an error is reported by every call, so that constructing
    /// a client never throws (a Worker may build it at module top level).
    pub config: Result<ClientConfig, ClientError>,
    /// Static credentials or a provider with its cache.
    pub credentials: CredentialSource,
    /// The correction of the local clock, learnt from the service.
    pub clock: Cell<ClockOffset>,
    /// The retry quota of this client.
    pub quota: Cell<RetryQuota>,
    /// The caller's logger, if any.
    pub logger: Logger,
    /// The signing key of the current day, derived once.
    pub signing_keys: RefCell<SigningKeyCache>,
}

/// The WebAssembly half of `GameLiftStreamsClient`; `js/client.js` wraps it.
#[wasm_bindgen]
pub struct WasmClient {
    pub(crate) state: Rc<ClientState>,
}

#[wasm_bindgen]
impl WasmClient {
    /// Reads `{ region, credentials, endpoint?, useFipsEndpoint?, maxAttempts?, retryMode?,
    /// requestTimeoutMs?, logger? }`.
    #[wasm_bindgen(constructor)]
    pub fn new(config: JsValue) -> WasmClient {
        let state = ClientState {
            config: read_config(&config),
            credentials: CredentialSource::new(member(&config, "credentials")),
            clock: Cell::new(ClockOffset::default()),
            quota: Cell::new(RetryQuota::default()),
            logger: Logger::new(member(&config, "logger")),
            signing_keys: RefCell::default(),
        };
        WasmClient {
            state: Rc::new(state),
        }
    }

    /// Terminates a stream session. Resolves with `{ $metadata }`; rejects with a plain error
    /// description (`kind`, `name`, `message`, `fault`, `metadata`, ...) for `js/errors.js`.
    /// Input, options and configuration are checked before anything is signed or sent.
    #[wasm_bindgen(js_name = terminateStreamSession)]
    pub fn terminate_stream_session(&self, input: JsValue, options: JsValue) -> Promise {
        let state = Rc::clone(&self.state);
        let checked =
            read_input(&input).and_then(|input| Ok((input, read_call_options(&options)?)));
        future_to_promise(async move {
            let reject =
                |error: &ClientError| client_error(error, &ResponseMetadata::default(), None);
            let (input, options) = checked.map_err(|error| reject(&error))?;
            // The configuration was checked once, by the constructor; it is borrowed, not
            // copied, for each call.
            let config = state.config.as_ref().map_err(reject)?;
            terminate_stream_session(&state, config, &input, &options).await
        })
    }

    /// The retry tokens left, for tests and diagnostics.
    #[wasm_bindgen(js_name = retryTokens)]
    pub fn retry_tokens(&self) -> u32 {
        self.state.quota.get().available()
    }

    /// The clock offset in milliseconds, for tests and diagnostics.
    #[wasm_bindgen(js_name = clockOffsetMs)]
    pub fn clock_offset_ms(&self) -> f64 {
        self.state.clock.get().millis()
    }
}
