get() { echo "value"; }
v=$(get)
v2="$(get) and $(get)"
