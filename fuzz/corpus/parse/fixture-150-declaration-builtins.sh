declare -a a=(x y)
declare -A h=([x]=1)
local -a arr=(x y)
export X=1 Y
readonly R=(1 2)
typeset -A t=([k]=v)
declare -i n=1+2 -r c=3
export -f f
local x=(a b) y=$z
