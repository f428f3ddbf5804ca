if [[ $a == b ]] || [[ $c ]]; then :; fi
[[ -f x ]] && echo yes || echo no
! [[ a == b ]]
