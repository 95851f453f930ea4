//! The optional logger. The library logs nothing unless the caller hands it an object with
//! `debug`, `info`, `warn` and `error` methods (`console` works). Lines never contain a
//! credential, a signature or an `Authorization` header: callers only pass text built from the
//! request line, statuses, error codes and delays.

use std::fmt::Arguments;

use js_sys::{Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// The caller's logger, or nothing.
#[derive(Clone, Default)]
pub struct Logger {
    target: Option<JsValue>,
}

impl Logger {
    /// Wraps the `logger` option; anything that is not an object logs nothing.
    pub fn new(target: JsValue) -> Logger {
        Logger {
            target: target.is_object().then_some(target),
        }
    }

    /// One line at debug level: attempts. The line is formatted only when there is a
    /// logger, so a client without one spends nothing on it.
    pub fn debug(&self, line: Arguments<'_>) {
        self.write("debug", line);
    }

    /// One line at info level: retries and clock corrections.
    pub fn info(&self, line: Arguments<'_>) {
        self.write("info", line);
    }

    fn write(&self, level: &str, line: Arguments<'_>) {
        let Some(target) = &self.target else {
            return;
        };
        let Ok(method) = Reflect::get(target, &JsValue::from_str(level)) else {
            return;
        };
        if let Some(method) = method.dyn_ref::<Function>() {
            // A logger that throws must not change the outcome of the call.
            let _ = method.call1(
                target,
                &JsValue::from_str(&format!("[gameliftstreams] {line}")),
            );
        }
    }
}
