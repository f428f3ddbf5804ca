cat <<EOF; fi
body
EOF
