trap "echo \"caught \$?\"; rm -f '$tmp'" EXIT
eval "set -- $(printf '%q ' "$@")"
