cat <<EOF # a comment
body
EOF
