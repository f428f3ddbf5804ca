#!/usr/bin/env bash
# Agent driver: pulls tasks from a queue, runs them with retries, reports results.
set -Eeuo pipefail
shopt -s nullglob

readonly API="${AGENT_API:-http://localhost:8080}"
readonly WORKDIR="${AGENT_WORKDIR:-/tmp/agent.$$}"
declare -A STATS=([ok]=0 [failed]=0 [retried]=0)
declare -a PENDING=()
LOG_LEVEL=${LOG_LEVEL:-info}

log() {
  local level=$1; shift
  local -A rank=([debug]=0 [info]=1 [warn]=2 [error]=3)
  (( ${rank[$level]:-1} >= ${rank[$LOG_LEVEL]:-1} )) || return 0
  printf '%(%Y-%m-%dT%H:%M:%S)T [%-5s] %s\n' -1 "${level^^}" "$*" >&2
}

cleanup() {
  local rc=$?
  log info "shutting down (rc=$rc, ok=${STATS[ok]}, failed=${STATS[failed]})"
  [[ -d $WORKDIR ]] && rm -rf -- "$WORKDIR"
  exit "$rc"
}
trap cleanup EXIT
trap 'log error "failed at line $LINENO: $BASH_COMMAND"' ERR
trap 'log warn "interrupted"; exit 130' INT TERM

fetch_tasks() {
  local response
  if ! response=$(curl -fsS --max-time 10 "$API/tasks?limit=${1:-5}"); then
    log warn "queue unavailable"
    return 1
  fi
  mapfile -t PENDING < <(jq -r '.tasks[] | "\(.id)\t\(.command)"' <<<"$response")
}

run_task() {
  local id=$1 cmd=$2 attempt=0 max=3 delay=1 out
  while (( attempt++ < max )); do
    log debug "task $id attempt $attempt: $cmd"
    if out=$(cd "$WORKDIR" && timeout 60 bash -c "$cmd" 2>&1); then
      report "$id" ok "$out"
      (( STATS[ok]++ )) || true
      return 0
    fi
    (( STATS[retried]++ )) || true
    sleep "$delay"
    delay=$(( delay * 2 > 30 ? 30 : delay * 2 ))
  done
  report "$id" failed "${out:-}"
  (( STATS[failed]++ )) || true
  return 1
}

report() {
  local id=$1 status=$2 output=$3
  jq -n --arg id "$id" --arg status "$status" --arg output "${output:0:4000}" \
    '{id: $id, status: $status, output: $output}' |
    curl -fsS -X POST -H 'Content-Type: application/json' --data-binary @- \
      "$API/tasks/$id/result" >/dev/null || log warn "could not report $id"
}

build_prompt() {
  local task=$1
  cat <<-PROMPT
	You are a careful agent. Task:
	  ${task}
	Rules:
	  - Never run "rm -rf /".
	  - Report with \`status\` and \$output.
	PROMPT
}

main() {
  mkdir -p "$WORKDIR"
  local idle=0 line id cmd
  while :; do
    if ! fetch_tasks 5 || (( ${#PENDING[@]} == 0 )); then
      (( idle++ < 10 )) || { log info "idle too long"; break; }
      sleep $(( idle < 5 ? 1 : 5 ))
      continue
    fi
    idle=0
    for line in "${PENDING[@]}"; do
      IFS=$'\t' read -r id cmd <<<"$line"
      [[ -n $id && -n $cmd ]] || continue
      [[ $cmd =~ ^(rm|mkfs|dd)[[:space:]] ]] && { log warn "refusing $id"; continue; }
      build_prompt "$cmd" >"$WORKDIR/$id.prompt"
      run_task "$id" "$cmd" || log warn "task $id failed"
    done
  done
}

main "$@"
