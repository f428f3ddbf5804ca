x=$(cat <<EOF
hello )
$(echo nested)
EOF
)
echo "$x"
