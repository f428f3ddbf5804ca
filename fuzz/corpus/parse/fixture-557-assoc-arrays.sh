declare -A colors=([red]=ff0000 [green]=00ff00)
colors[blue]=0000ff
for k in "${!colors[@]}"; do echo "$k=${colors[$k]}"; done
[[ -v colors[red] ]] && echo has-red
