if { a; }; then :; fi
if (a) then b; fi
if a; b; c; then d; fi
if ! a && b || c; then :; fi
if [[ -n $x ]] && (( y > 1 )); then :; fi
if while false; do :; done; then :; fi
