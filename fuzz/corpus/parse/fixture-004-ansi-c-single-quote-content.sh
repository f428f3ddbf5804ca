echo $'it\'s' $'a\\' $'$HOME' $'`x`' $'$(y)' $'\\\\'
x=$'line1\nline2' y=$'\t'
