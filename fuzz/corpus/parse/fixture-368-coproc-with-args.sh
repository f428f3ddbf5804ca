coproc tail -f /dev/null
coproc NAME3 { read -r x; echo "$x"; } 2>/dev/null
