arr=(one "two three" four)
for i in "${!arr[@]}"; do
  printf '%d: %s\n' "$i" "${arr[$i]}"
done
echo "${#arr[@]}" "${arr[-1]}" "${arr[@]:1}"
unset 'arr[1]'
