tmp=$(mktemp) || exit
trap 'rm -f -- "$tmp"' EXIT
sort -u "$1" > "$tmp" && mv -- "$tmp" "$1"
