cat <<EOF
$(printf "%s" "$(echo "deep ${x:-"default"}")")
EOF
