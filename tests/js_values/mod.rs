//! JS values for the wasm tests (`tests/wasm_runtime.rs`, `tests/wasm_hostile.rs`).

use js_sys::{Function, Reflect};
use wasm_bindgen::JsValue;

/// A value built by JS source, so that each case reads as the JS a caller would write.
pub fn js(source: &str) -> JsValue {
    Function::new_no_args(&format!("return ({source});"))
        .call0(&JsValue::NULL)
        .unwrap()
}

/// `value[key]`.
pub fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).unwrap()
}
