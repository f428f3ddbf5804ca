cat <<EOF
${x:-$(echo a)} $((1+2)) ${#y} ${z//a/b} $'not-ansi' $"not-locale"
EOF
