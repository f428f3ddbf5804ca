f() {
  local -a parts=("$@")
  local -A seen=()
  local p
  for p in "${parts[@]}"; do
    [[ -n ${seen[$p]:-} ]] && continue
    seen[$p]=1
    echo "$p"
  done
}
