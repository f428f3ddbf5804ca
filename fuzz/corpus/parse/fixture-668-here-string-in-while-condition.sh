while read -r w; do echo "$w"; done <<< "a b c"
