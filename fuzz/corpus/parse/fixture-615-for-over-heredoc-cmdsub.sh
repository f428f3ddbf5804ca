for x in $(cat <<EOF
a b
c
EOF
); do echo "$x"; done
