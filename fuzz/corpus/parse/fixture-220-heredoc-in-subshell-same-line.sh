(cat <<EOF
sub
EOF
)
