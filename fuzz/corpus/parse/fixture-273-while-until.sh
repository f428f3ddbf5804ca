while read -r l; do echo "$l"; done < f
until false; do break; done
while :; do :; done &
while a && b || c; do :; done
