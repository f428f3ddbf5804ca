time { sleep 1; }
time (a)
time -p while false; do :; done
