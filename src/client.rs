//! The client exported to JS: configuration checked once, then one call per operation.

use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use crate::clock;
use crate::error::{ClientError, ClientErrorKind};
use crate::js_input::{read_config, read_credentials, read_input, ClientConfig};
use crate::outcome::{client_error, output, service_error, ResponseMetadata};
use crate::request::build_terminate_request;
use crate::response::{read_answer, Answer};
use crate::signing::sign_request;
use crate::transport::send;

/// The WebAssembly half of `GameLiftStreamsClient`; `js/client.js` wraps it.
#[wasm_bindgen]
pub struct WasmClient {
    /// A configuration error is kept and reported by every call, so that constructing a
    /// client never throws (a Worker may build it at module top level).
    config: Result<ClientConfig, ClientError>,
}

#[wasm_bindgen]
impl WasmClient {
    /// Checks `{ region, endpoint?, useFipsEndpoint? }` and resolves the endpoint.
    #[wasm_bindgen(constructor)]
    pub fn new(config: JsValue) -> WasmClient {
        WasmClient {
            config: read_config(&config),
        }
    }

    /// Terminates a stream session. Resolves with `{ $metadata }`; rejects with a plain error
    /// description (`kind`, `name`, `message`, `fault`, `metadata`, ...) for `js/errors.js`.
    /// Input, configuration and credentials are checked before anything is signed or sent.
    #[wasm_bindgen(js_name = terminateStreamSession)]
    pub fn terminate_stream_session(&self, input: JsValue, credentials: JsValue) -> Promise {
        let prepared = read_input(&input).and_then(|input| {
            let config = self.config.clone()?;
            let credentials = read_credentials(&credentials)?;
            Ok((config, input, credentials))
        });
        future_to_promise(async move {
            let metadata = ResponseMetadata {
                attempts: 0,
                ..ResponseMetadata::default()
            };
            let (config, input, credentials) =
                prepared.map_err(|error| client_error(&error, &metadata, None))?;

            let request = build_terminate_request(&config.endpoint, &input);
            let time = clock::now().map_err(|error| client_error(&error, &metadata, None))?;
            let signed = sign_request(&request, &credentials, &config.region, time)
                .map_err(|error| client_error(&error, &metadata, None))?;

            let attempted = ResponseMetadata {
                attempts: 1,
                ..ResponseMetadata::default()
            };
            let response = send(&request, &signed.headers).await.map_err(|failure| {
                let error = ClientError {
                    kind: ClientErrorKind::Network,
                    field: None,
                    message: "the request got no HTTP response (network failure)".into(),
                };
                client_error(&error, &attempted, Some(&failure.cause))
            })?;

            match read_answer(&response, 1).await {
                Answer::Success(metadata) => Ok(output(&metadata)),
                Answer::Failure(error, metadata) => Err(service_error(&error, &metadata)),
            }
        })
    }
}
