x=$(cat <<EOF
hi
EOF)
echo "$x"
