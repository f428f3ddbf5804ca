exec 3>&1 4>&2
exec 1> >(tee -a "$log") 2>&1
echo logged
exec 1>&3 2>&4 3>&- 4>&-
