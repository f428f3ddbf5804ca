while read -r x; do echo "$x"; done <<EOF | sort
b
a
EOF
