if (( x == 1 )); then :; elif (( x == 2 )); then :; else (( x = 0 )); fi
