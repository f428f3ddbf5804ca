[[ $(echo a) == `echo a` && $((1+1)) -eq 2 && ${x:-y} != z ]]
