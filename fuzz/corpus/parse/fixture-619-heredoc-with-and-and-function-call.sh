f <<EOF && g
x
EOF
