for h in a b c; do
  ssh "$h" uptime &
done
wait
