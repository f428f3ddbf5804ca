echo "$0" "$#" "$*" "$@" "$?" "$$" "$!" "$-" "$_" "${PIPESTATUS[@]}" "$RANDOM" "$SECONDS" "$LINENO"
