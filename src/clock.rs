//! The clock, read from JS: `std::time::SystemTime::now()` traps on wasm32-unknown-unknown.

use std::time::SystemTime;

use crate::error::{ClientError, ClientErrorKind};
use crate::signing::time_from_epoch_millis;

/// The current time from `Date.now()`, read at each signing.
pub fn now() -> Result<SystemTime, ClientError> {
    time_from_epoch_millis(js_sys::Date::now()).ok_or_else(|| ClientError {
        kind: ClientErrorKind::Configuration,
        field: None,
        message: "Date.now() did not return a usable time".into(),
    })
}
