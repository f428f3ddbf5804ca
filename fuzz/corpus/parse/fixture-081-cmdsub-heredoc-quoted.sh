x=$(cat <<'EOF'
it's ) unbalanced "
EOF
)
