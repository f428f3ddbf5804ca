declare -a x=( a b
echo hi
