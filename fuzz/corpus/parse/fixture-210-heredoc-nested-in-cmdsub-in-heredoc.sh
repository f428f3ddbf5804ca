cat <<EOF
outer $(cat <<EOF2
inner
EOF2
)
EOF
