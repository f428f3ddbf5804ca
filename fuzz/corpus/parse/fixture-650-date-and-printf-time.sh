printf '%(%F %T)T\n' -1
now=$(date +%s) start=$(( now - 3600 ))
