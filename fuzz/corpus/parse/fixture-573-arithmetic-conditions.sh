if (( x > 5 && y < 3 )) || (( z == 0 )); then :; fi
while (( i-- > 0 )); do :; done
(( count += ${#items[@]} ))
