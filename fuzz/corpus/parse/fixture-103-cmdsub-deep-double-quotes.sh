echo "$(echo "$(echo "$(echo hi)")")"
