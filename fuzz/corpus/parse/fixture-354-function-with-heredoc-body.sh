usage() {
  cat <<EOF
Usage: $0 [options]
  -h  help
EOF
  exit "${1:-0}"
}
