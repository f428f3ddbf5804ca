set -euo pipefail
trap 'echo "error on line $LINENO" >&2' ERR
trap cleanup EXIT INT TERM
trap - EXIT
trap '' HUP
