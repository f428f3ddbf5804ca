verlte() { [ "$1" = "$(printf '%s\n' "$1" "$2" | sort -V | head -n1)" ]; }
verlte 1.2.3 1.10.0 && echo ok
