(( i < ${#a[@]} )) && echo
let x=1+2 "y = 3" z++
for (( i=${#a[@]}-1; i>=0; i-- )); do echo "${a[i]}"; done
echo $(( $(( 1 )) + $[2] ))
