cat <<EOF
hello $USER
  $(date) `id`
EOF
