main() {
  local tmp
  tmp=$(mktemp -d) || return
  trap 'rm -rf "$tmp"' RETURN
  cd "$tmp" || return
}
main "$@"
