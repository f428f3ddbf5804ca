cat <<EOF | while read -r l; do echo "$l"; done
one
two
EOF
