cat <<EOF
1
2
3
EOF
)
