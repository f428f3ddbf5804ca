echo a=b =c d= --opt=value -x -- - --
printf '%s\n' "$@"
