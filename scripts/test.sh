#!/usr/bin/env bash
# `npm test`: installs what is missing, builds, and runs every suite. The first failing suite
# stops the run with its exit code.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

step() { printf '\n== %s\n' "$*"; }

step "tools"
bash scripts/ensure-tools.sh

step "rustfmt and clippy"
cargo fmt --check
cargo clippy --all-targets -- -D warnings
cargo clippy --lib --target wasm32-unknown-unknown -- -D warnings
cargo clippy --lib --target wasm32-unknown-unknown --features bench-hooks -- -D warnings

step "Rust unit tests (native)"
cargo test

step "wasm tests (Node, wasm-bindgen-test)"
cargo test --target wasm32-unknown-unknown --test wasm_runtime
cargo test --target wasm32-unknown-unknown --test wasm_hostile

step "build pkg/"
node scripts/build.mjs

step "Node, emulator, Chromium, workerd and consumer tests"
node --test --test-concurrency=1 \
  tests/emulator/ tests/node/ tests/cli/ tests/browser/ tests/workerd/ tests/consumers/ tests/size/ \
  tests/conformance/
