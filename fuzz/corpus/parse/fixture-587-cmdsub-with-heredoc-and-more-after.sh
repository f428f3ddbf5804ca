x=$(cat <<EOF
a
EOF
echo b)
echo "$x"
