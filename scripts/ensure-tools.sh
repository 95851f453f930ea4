#!/usr/bin/env bash
# Installs what the build and the tests need and is missing: the wasm32 target, the
# wasm-bindgen CLI at the exact version Cargo.lock pins, Debian's Chromium and ChromeDriver,
# and the npm dev dependencies. Each step is skipped when already satisfied.
#   scripts/ensure-tools.sh              everything
#   scripts/ensure-tools.sh --no-browser all but Chromium (what `npm start` needs)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
with_browser=1
[ "${1:-}" = "--no-browser" ] && with_browser=0

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  echo "== adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

wanted=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
if [ -z "$wanted" ]; then
  echo "Cargo.lock names no wasm-bindgen version" >&2
  exit 1
fi
installed=$(wasm-bindgen --version 2>/dev/null || true)
if [ "$installed" != "wasm-bindgen $wanted" ]; then
  # Without --locked: the CLI's own lockfile pins a crate release the registry lacks.
  echo "== installing wasm-bindgen-cli $wanted (found: ${installed:-none}); this takes minutes"
  cargo install wasm-bindgen-cli --version "$wanted" --force
fi

if [ "$with_browser" = 1 ] && { [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; }; then
  echo "== installing Debian's chromium and chromium-driver"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y --no-install-recommends \
    chromium chromium-driver
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "== installing npm dependencies"
  npm ci --no-audit --no-fund
fi
