#!/usr/bin/env bash
# Installs what the build and the tests need and is missing: Debian's gcc when there is no
# `cc` (rustup brings no linker), the wasm32 target and the
# standard library's source (the release build compiles std itself, see scripts/build.mjs), the
# wasm-bindgen CLI at the exact version Cargo.lock pins, Debian's Chromium and ChromeDriver,
# the npm dev dependencies, and a Python virtual environment in .venv/ holding botocore (the
# second SigV4 implementation the conformance tests check signatures with). Each step is
# skipped when already satisfied.
#   scripts/ensure-tools.sh              everything
#   scripts/ensure-tools.sh --no-browser all but Chromium and .venv (what `npm start` needs)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
with_browser=1
[ "${1:-}" = "--no-browser" ] && with_browser=0

# Installs Debian packages, as root or through sudo.
apt_install() {
  local sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y --no-install-recommends "$@"
}

# rustup brings no linker; cargo links build scripts, proc macros and native tests with cc.
if ! command -v cc >/dev/null 2>&1; then
  echo "== installing a C compiler and linker for cargo"
  apt_install gcc libc6-dev
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  echo "== adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
if ! rustup component list --installed | grep -qx rust-src; then
  echo "== adding the rust-src component"
  rustup component add rust-src
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
  apt_install chromium chromium-driver
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "== installing npm dependencies"
  npm ci --no-audit --no-fund
fi

botocore_version=1.44.5
has_botocore() {
  .venv/bin/python -c "import botocore, sys; sys.exit(botocore.__version__ != '$1')" 2>/dev/null
}
# Only the tests use it, so `npm start` (--no-browser) goes without, as it goes without Chromium.
if [ "$with_browser" = 1 ] && ! has_botocore "$botocore_version"; then
  echo "== creating .venv with botocore $botocore_version"
  # Debian's python3 ships venv (and ensurepip) in a separate package.
  if ! python3 -m venv .venv 2>/dev/null; then
    rm -rf .venv
    apt_install python3 python3-venv
    python3 -m venv .venv
  fi
  .venv/bin/pip install --quiet --disable-pip-version-check "botocore==$botocore_version"
fi
