//! `WasmClient.signForBench(input)`: the signing step of one attempt alone, for the
//! signing-only figures of `npm run bench`. Built only with the `bench-hooks` feature, which
//! the benchmark turns on in its own copy of the module (`bench/.hooks-pkg/`); the published
//! `pkg/` never has it. It runs the steps of an attempt of `terminateStreamSession` up to
//! `fetch`, signing with the same [`sign_attempt`], with static credentials only.

use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;

use crate::client::WasmClient;
use crate::error::ClientError;
use crate::js_input::read_input;
use crate::operation::sign_attempt;
use crate::outcome::{client_error, ResponseMetadata};
use crate::request::build_terminate_request;

fn set(object: &Object, name: &str, value: &str) {
    // Setting a member on a fresh plain object cannot fail.
    let _ = Reflect::set(object, &JsValue::from_str(name), &JsValue::from_str(value));
}

#[wasm_bindgen]
impl WasmClient {
    /// Checks the input, builds the request and signs it as an attempt does, without sending
    /// it: `{ url, method, headers: { "x-amz-date", authorization, "x-amz-security-token"? } }`.
    /// Throws the error description a call would reject with; a credential provider is
    /// refused, since it would need an await.
    #[wasm_bindgen(js_name = signForBench)]
    pub fn sign_for_bench(&self, input: JsValue) -> Result<JsValue, JsValue> {
        let state = &self.state;
        let signed = (|| {
            let input = read_input(&input)?;
            let config = state.config.as_ref().map_err(Clone::clone)?;
            let request = build_terminate_request(&config.endpoint, &input);
            let credentials = state.credentials.static_credentials().ok_or_else(|| {
                ClientError::credentials("credentials", "signForBench takes static credentials")
            })?;
            let credentials = credentials.as_ref().map_err(Clone::clone)?;
            let signed = sign_attempt(state, config, &request, credentials)?;
            Ok::<_, ClientError>((request, signed))
        })();
        let (request, signed) =
            signed.map_err(|error| client_error(&error, &ResponseMetadata::default(), None))?;

        let headers = Object::new();
        for (name, value) in &signed.headers {
            set(&headers, name, value);
        }
        let result = Object::new();
        set(&result, "url", &request.url);
        set(&result, "method", request.method);
        let _ = Reflect::set(&result, &JsValue::from_str("headers"), &headers);
        Ok(result.into())
    }
}
