[[ a == b && a = b && a != b && a < b && a > b ]]
[[ 1 -eq 1 && 1 -ne 2 && 1 -lt 2 && 1 -le 2 && 2 -gt 1 && 2 -ge 1 ]]
[[ a -nt b || a -ot b || a -ef b ]]
