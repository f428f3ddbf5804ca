{ cat <<EOF
grp
EOF
}
( cat <<EOF
sub
EOF
)
