cat <<EOF
it's "unbalanced ` $( ${ and (
EOF
echo after
