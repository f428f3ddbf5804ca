cat <<'END'
still going
