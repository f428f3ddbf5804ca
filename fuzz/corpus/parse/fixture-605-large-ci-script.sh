#!/usr/bin/env bash
# CI pipeline driver with stages, timing and a summary table.
set -uo pipefail

declare -a STAGES=(lint unit integration package)
declare -A RESULT=() DURATION=()
FAIL_FAST=${FAIL_FAST:-1}
: "${CI_COMMIT_SHA:=$(git rev-parse HEAD 2>/dev/null || echo unknown)}"

section() { printf '\n\e[1;34m=== %s ===\e[0m\n' "$1"; }

stage_lint() {
  shellcheck -x scripts/*.sh &&
    cargo fmt --all -- --check &&
    cargo clippy --all-targets -- -D warnings
}

stage_unit() { cargo test --workspace --lib -- --nocapture; }

stage_integration() {
  local port=$(( 20000 + RANDOM % 10000 ))
  ./target/debug/server --port "$port" &>server.log &
  local pid=$!
  trap "kill $pid 2>/dev/null" RETURN
  for _ in {1..50}; do
    curl -fs "http://127.0.0.1:$port/health" >/dev/null && break
    sleep 0.1
  done
  PORT=$port cargo test --test '*' 2>&1 | tee integration.log
  return "${PIPESTATUS[0]}"
}

stage_package() {
  local out="dist/app-${CI_COMMIT_SHA:0:8}.tar.gz"
  mkdir -p dist && tar -czf "$out" -C target/release app && ls -l "$out"
}

rc=0
for stage in "${STAGES[@]}"; do
  if [[ -n ${ONLY:-} && ",$ONLY," != *",$stage,"* ]]; then
    RESULT[$stage]=skipped
    continue
  fi
  section "$stage"
  start=$SECONDS
  if "stage_$stage"; then
    RESULT[$stage]=passed
  else
    RESULT[$stage]=failed
    rc=1
  fi
  DURATION[$stage]=$(( SECONDS - start ))
  if (( rc && FAIL_FAST )); then
    break
  fi
done

section summary
printf '%-14s %-8s %s\n' STAGE RESULT TIME
for stage in "${STAGES[@]}"; do
  printf '%-14s %-8s %ss\n' "$stage" "${RESULT[$stage]:-not run}" "${DURATION[$stage]:--}"
done
exit $rc
