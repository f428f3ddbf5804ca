eval "$var=\$value"
eval 'echo "$'"$name"'"'
declare -n ref=target
ref=42
