cat <<EOF && echo done || echo failed
body
EOF
