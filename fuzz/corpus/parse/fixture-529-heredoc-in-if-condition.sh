if grep -q needle <<EOF; then
hay needle stack
EOF
  echo found
fi
