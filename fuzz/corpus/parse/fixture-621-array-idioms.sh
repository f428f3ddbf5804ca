printf '%s\0' "${a[@]}" | xargs -0 ls
echo "${a[@]+"${a[@]}"}" "${@:2:$#-2}"
IFS= read -r line || [[ -n $line ]]
x=${x//$'\n'/ }
