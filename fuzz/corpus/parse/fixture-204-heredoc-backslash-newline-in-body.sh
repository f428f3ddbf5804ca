cat <<EOF
foo\
EOF
EOF
