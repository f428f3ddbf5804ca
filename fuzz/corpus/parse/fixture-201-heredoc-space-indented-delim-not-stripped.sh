cat <<-EOF
  body
  EOF
EOF
