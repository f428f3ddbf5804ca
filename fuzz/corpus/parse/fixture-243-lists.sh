a && b || c; d & e &
a;b;c
a&&b||c
echo a&echo b
wait
