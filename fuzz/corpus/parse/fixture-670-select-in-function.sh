choose() {
  local PS3="$1: "; shift
  select opt in "$@"; do
    [[ -n $opt ]] && { echo "$opt"; return; }
  done
}
