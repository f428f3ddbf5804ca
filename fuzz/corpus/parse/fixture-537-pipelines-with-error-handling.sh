a || { echo fail >&2; exit 1; }
{ a || b; } && c
! { a; } && b
cmd & pid=$!
wait "$pid"
