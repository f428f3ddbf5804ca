cat <<'EOF'
$not expanded
EOF
cat <<"EOF"
$not expanded
EOF
cat <<\EOF
$not expanded
EOF
cat <<E'O'F
$not expanded
EOF
cat <<"E"OF
x
EOF
