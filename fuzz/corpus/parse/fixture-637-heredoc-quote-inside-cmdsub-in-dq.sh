echo "$(cat <<'EOF'
"
EOF
)"
