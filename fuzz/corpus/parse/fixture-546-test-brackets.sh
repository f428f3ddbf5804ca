[ -f x ] && [ -d y ]
test ! -e x -o -z "$y"
if [ "$a" = "b" ]; then :; fi
[ "$x" \< "$y" ]
[ \( -n "$a" \) -a \( -n "$b" \) ]
[ ]
