#!/usr/bin/env bash
# `npm run fuzz`: long cargo-fuzz runs of the targets in fuzz/, one after another, each with
# its corpus (fuzz/corpus/TARGET, kept between runs) and dictionary. Installs the nightly
# toolchain and cargo-fuzz when missing. `npm test` runs the same properties briefly, through
# proptest (tests/fuzz_properties.rs).
#   npm run fuzz                          every target, FUZZ_SECONDS each (default 600)
#   FUZZ_SECONDS=60 npm run fuzz -- endpoint error_response
# Prints executions, executions per second and the outcome of each target; a crash stops
# nothing else, but the script then exits 1 and the input is in fuzz/artifacts/TARGET/.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
seconds="${FUZZ_SECONDS:-600}"

if ! rustup toolchain list | grep -q '^nightly'; then
  echo "== installing the nightly toolchain (cargo-fuzz needs its sanitizer flags)"
  rustup toolchain install nightly --profile minimal
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "== installing cargo-fuzz (a few minutes)"
  cargo install cargo-fuzz
fi

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(input_checks build_and_sign endpoint error_response)
fi

cd fuzz
mkdir -p logs
summary=()
status=0
for target in "${targets[@]}"; do
  mkdir -p "corpus/$target"
  log="logs/$target.log"
  echo "== $target: ${seconds}s (log: fuzz/$log)"
  outcome="no crash"
  if ! cargo +nightly fuzz run "$target" "corpus/$target" -- \
      -max_total_time="$seconds" -print_final_stats=1 \
      -dict="dictionaries/$target.dict" >"$log" 2>&1; then
    if grep -q '^Error: failed to build fuzz script' "$log"; then
      outcome="BUILD FAILED, see fuzz/$log"
    else
      outcome="CRASH, see fuzz/artifacts/$target/ and fuzz/$log"
    fi
    status=1
  fi
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  summary+=("$(printf '%-16s %12s execs %8s exec/s  %s' "$target" "${execs:-?}" "${rate:-?}" "$outcome")")
done

printf '\n== summary (%ss per target)\n' "$seconds"
printf '%s\n' "${summary[@]}"
exit "$status"
