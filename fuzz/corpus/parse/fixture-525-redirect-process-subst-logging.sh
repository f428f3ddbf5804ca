exec 2> >(logger -t myscript)
exec > >(tee -a log.txt) 2>&1
cmd 2>&1 | tee log
cmd > >(tee out) 2> >(tee err >&2)
