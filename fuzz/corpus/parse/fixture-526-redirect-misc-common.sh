: > file
read -r x < /dev/stdin
exec 3>&-
echo > "file.$$"
cmd 2>/dev/null || true
cmd >/dev/null 2>&1 &
