while read -r l; do echo "$l"; done < <(cat <<EOF
x
EOF
)
