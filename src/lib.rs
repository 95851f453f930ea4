//! Amazon GameLift Streams `TerminateStreamSession` for browsers, Cloudflare Workers and
//! Node.js, compiled to WebAssembly.
//!
//! The modules follow a request's path: [`js_input`] and [`validate`] check what the caller
//! gave, [`endpoint`] resolves where it goes, [`request`] builds it, [`signing`] signs it with
//! `aws-sigv4`, [`transport`] sends it with the global `fetch`, [`response`] and
//! [`error_response`] read the answer, and [`outcome`] hands the result back to JS.
#![deny(missing_docs)]

pub mod client;
pub mod clock;
pub mod endpoint;
pub mod error;
pub mod error_response;
pub mod js_input;
pub mod model;
pub mod outcome;
pub mod request;
pub mod response;
pub mod signing;
pub mod transport;
pub mod validate;

pub use client::WasmClient;
