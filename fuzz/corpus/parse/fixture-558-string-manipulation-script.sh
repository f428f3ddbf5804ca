s="Hello, World"
echo "${s,,}" "${s^^}" "${s:7}" "${s: -5:3}" "${#s}" "${s/World/There}" "${s//l/L}"
[[ $s == Hello* ]] && echo prefix
[[ $s =~ ^([A-Z][a-z]+),\ ([A-Z][a-z]+)$ ]] && echo "${BASH_REMATCH[1]}"
