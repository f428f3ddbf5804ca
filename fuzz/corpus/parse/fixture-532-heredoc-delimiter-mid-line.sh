cat <<EOF
this line mentions EOF in the middle
EOF at start but not alone
EOF
