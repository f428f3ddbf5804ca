exec
exec 2>&1
