x=$(cat <<EOF
hello
EOF
)
