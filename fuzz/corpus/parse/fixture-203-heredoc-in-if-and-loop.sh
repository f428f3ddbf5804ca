if true; then
  cat <<EOF
in if
EOF
fi
while read -r line; do
  echo "$line"
done <<EOF
a
b
EOF
