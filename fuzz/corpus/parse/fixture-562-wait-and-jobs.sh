sleep 1 &
sleep 2 &
wait -n
wait
jobs -l
kill %1 2>/dev/null
