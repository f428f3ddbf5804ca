exec {lock}>/tmp/lock
flock -n "$lock" || exit 1
