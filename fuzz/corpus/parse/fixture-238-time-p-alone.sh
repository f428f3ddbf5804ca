time -p
