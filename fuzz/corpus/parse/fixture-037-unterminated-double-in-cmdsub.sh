echo "$(echo "x)"
