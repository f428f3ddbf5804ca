#!/usr/bin/env bash
# Times bash and vbash on the same scripts, in one run, each as a whole process, and prints
# the ratios. Usage: benches/scripts/engine-vs-bash.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build --release -q -p vbash-cli
vbash=target/release/vbash
scripts=(
  'echo hi'
  'i=0; while (( i < 100000 )); do i=$((i+1)); done'
  'fib() { if (( $1 < 2 )); then echo $1; else echo $(( $(fib $(( $1 - 1 ))) + $(fib $(( $1 - 2 ))) )); fi; }; fib 18'
  's=; for i in {1..100000}; do s+=x; done; echo ${#s}'
  'a=(); for i in {1..20000}; do a+=($i); done; t=0; for v in "${a[@]}"; do ((t+=v)); done; echo $t'
  'for i in {1..20000}; do echo "line $i"; done | while IFS= read -r l; do n=$((n+1)); done; echo $n'
)
secs() { # the wall time of "$@" in seconds, best of 3
  local best= s e t
  for _ in 1 2 3; do
    s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N)
    t=$(( (e - s) / 1000 ))
    if [ -z "$best" ] || [ "$t" -lt "$best" ]; then best=$t; fi
  done
  printf '%d.%06d' $((best / 1000000)) $((best % 1000000))
}
printf '%-60s %10s %10s %8s\n' script bash vbash ratio
for s in "${scripts[@]}"; do
  tb=$(secs /bin/bash -c "$s")
  tv=$(secs "$vbash" -c "$s")
  printf '%-60s %10s %10s %7.1fx\n' "${s:0:60}" "$tb" "$tv" "$(echo "$tb / $tv" | bc -l)"
done
