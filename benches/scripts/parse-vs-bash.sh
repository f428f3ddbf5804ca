#!/usr/bin/env bash
# Times `bash -n` and `vbash -n` on the same shell scripts, in one run, and prints the ratio.
#
#   benches/scripts/parse-vs-bash.sh [FILE...]
#
# Without arguments it uses every shell script under /usr/bin, /usr/sbin, /etc and /usr/share
# (a `#!` line naming sh/bash/dash, or a .sh name). Each tool parses each file in its own
# process (start-up included, as a user would run it), then both parse all files in one
# process where they can (`bash -n` on the concatenation is not equivalent, so the in-process
# figure comes from the criterion bench: `cargo bench -p vbash-benches --bench parse`).
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build --release -q -p vbash-cli
vbash=target/release/vbash

if [ $# -gt 0 ]; then
  files=("$@")
else
  mapfile -t files < <(
    find /usr/bin /usr/sbin /etc /usr/share -type f -size -1024k 2>/dev/null |
      while IFS= read -r f; do
        case $f in *.sh) echo "$f"; continue ;; esac
        IFS= read -r first < "$f" 2>/dev/null || continue
        case $first in
          '#!'*/sh|'#!'*/sh\ *|'#!'*bash*|'#!'*dash*|'#!'*'env sh'*) echo "$f" ;;
        esac
      done | sort
  )
fi
bytes=$(cat "${files[@]}" | wc -c)
echo "files: ${#files[@]}, bytes: $bytes"

time_it() { # prints elapsed seconds for running "$@" on every file
  local start end f
  start=$(date +%s.%N)
  for f in "${files[@]}"; do "$@" "$f" >/dev/null 2>&1 || true; done
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}

for round in 1 2; do
  tb=$(time_it /bin/bash -n)
  tv=$(time_it "$vbash" -n)
  printf 'round %d: bash -n %.3f s, vbash -n %.3f s, bash/vbash = %.2fx\n' \
    "$round" "$tb" "$tv" "$(echo "$tb / $tv" | bc -l)"
done

# Parse speed without process start-up: one large script made of every file that both accept,
# repeated, parsed once by each tool.
big=$(mktemp)
trap 'rm -f "$big"' EXIT
for f in "${files[@]}"; do
  if /bin/bash -n "$f" >/dev/null 2>&1 && "$vbash" -n "$f" >/dev/null 2>&1; then
    cat "$f"
    echo
  fi
done > "$big.one"
for _ in 1 2 3 4 5 6 7 8 9 10; do cat "$big.one"; done > "$big"
rm -f "$big.one"
size=$(wc -c < "$big")
for round in 1 2; do
  s=$(date +%s.%N); /bin/bash -n "$big" >/dev/null 2>&1; sb=$?; e=$(date +%s.%N)
  tb=$(echo "$e - $s" | bc -l)
  s=$(date +%s.%N); "$vbash" -n "$big" >/dev/null 2>&1; sv=$?; e=$(date +%s.%N)
  tv=$(echo "$e - $s" | bc -l)
  printf 'one %d-byte script (status bash %d, vbash %d): bash -n %.3f s (%.1f MB/s), vbash -n %.3f s (%.1f MB/s), bash/vbash = %.2fx\n' \
    "$size" "$sb" "$sv" "$tb" "$(echo "$size / $tb / 1000000" | bc -l)" "$tv" \
    "$(echo "$size / $tv / 1000000" | bc -l)" "$(echo "$tb / $tv" | bc -l)"
done

# Instructions executed (callgrind): repeatable whatever else the machine is doing.
if command -v valgrind >/dev/null; then
  head -c $((size / 10)) "$big" > "$big.one"
  count() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 | sed -n 's/.*Collected : //p'; }
  ib=$(count /bin/bash -n "$big.one")
  iv=$(count "$vbash" -n "$big.one")
  printf 'instructions on one copy (%d bytes): bash -n %d, vbash -n %d, bash/vbash = %.2fx\n' \
    "$(wc -c < "$big.one")" "$ib" "$iv" "$(echo "$ib / $iv" | bc -l)"
  rm -f "$big.one"
fi
