time ls 2>&1 | wc -l
time -p sleep 0 2>/dev/null
