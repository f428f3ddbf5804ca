cat <<EOF >out 2>&1
x
EOF
