echo "${arr[@]/%/.bak}" "${arr[*]//x/y}" "${arr[@]:1:2}" "${#arr[@]}"
