cat <<EOF
body
EOF
fi
