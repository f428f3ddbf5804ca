cat <<'EOF'
foo\
EOF
