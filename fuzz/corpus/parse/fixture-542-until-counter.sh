n=0
until [[ $n -ge 5 ]]; do ((n++)); done
