echo "it's" "'" "''" "a'b'c"
