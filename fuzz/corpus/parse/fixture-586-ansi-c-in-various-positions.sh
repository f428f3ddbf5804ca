IFS=$'\n\t'
case $c in $'\t') ;; esac
[[ $x == $'\n'* ]]
a=($'a\tb' $'c')
