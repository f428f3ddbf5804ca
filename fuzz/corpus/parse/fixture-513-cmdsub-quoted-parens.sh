echo $(echo "a)b") $(echo a\)b) $(echo "$(echo ")")")
