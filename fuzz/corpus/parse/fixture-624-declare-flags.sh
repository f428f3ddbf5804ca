declare -r -x -i x=1
f() { local -r y; local -i z=1+1; }
readonly -f f
unset -f f; unset -v x; unset 'a[1]'
