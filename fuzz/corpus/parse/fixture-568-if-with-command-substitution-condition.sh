if output=$(cmd 2>&1); then echo "$output"; fi
if ! command -v git >/dev/null 2>&1; then echo missing; fi
