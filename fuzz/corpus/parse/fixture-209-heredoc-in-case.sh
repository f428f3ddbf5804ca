case $1 in
  help)
    cat <<EOF
usage: x
EOF
    ;;
esac
