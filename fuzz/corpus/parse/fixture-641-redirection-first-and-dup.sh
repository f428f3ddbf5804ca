>&2 echo error
2>&1 >/dev/null cmd
cmd &>/dev/null &
echo 1 >2
