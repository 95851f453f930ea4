//! Amazon GameLift Streams `TerminateStreamSession` for browsers, Cloudflare Workers and
//! Node.js, compiled to WebAssembly.
//!
//! The modules follow a request's path: [`js_input`] and [`validate`] check what the caller
//! gave, [`endpoint`] resolves where it goes ([`custom_endpoint`] reads a caller's URL),
//! [`request`] builds it, [`credentials`] and [`signing`] sign it with `aws-sigv4` at the
//! [`clock`]'s time, [`transport`] sends it with the global `fetch` under an [`abort`] signal,
//! [`response`] and [`error_response`] read the answer, [`retry`] decides whether to try
//! again, [`operation`] runs those steps for one call, and [`outcome`] hands the result back
//! to JS. With the `bench-hooks` feature (never in the published package), `bench_hooks`
//! exposes the signing step alone to `npm run bench`.
#![deny(missing_docs)]

pub mod abort;
#[cfg(feature = "bench-hooks")]
pub mod bench_hooks;
pub mod canonical_request;
pub mod client;
pub mod clock;
pub mod credentials;
pub mod custom_endpoint;
pub mod endpoint;
pub mod error;
pub mod error_response;
pub mod js_input;
pub mod logger;
pub mod model;
pub mod operation;
pub mod outcome;
pub mod request;
pub mod response;
pub mod retry;
pub mod signing;
pub mod transport;
pub mod validate;

pub use client::WasmClient;

/// The module's allocator: talc's WebAssembly allocator in place of Rust's default (dlmalloc),
/// for a smaller module.
// SAFETY: talc requires a single-threaded WebAssembly module, which wasm32-unknown-unknown
// without the atomics feature is: one instance, no shared memory.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::TalckWasm = unsafe { talc::TalckWasm::new_global() };
