cat <<'END OF'
x
END OF
cat << EOF
spaced operator
EOF
