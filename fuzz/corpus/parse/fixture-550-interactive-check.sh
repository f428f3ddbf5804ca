[[ $- == *i* ]] && echo interactive
case $- in *i*) ;; *) return 2>/dev/null || exit ;; esac
