exec {fd}> file
exec {fd}<&-
exec {out}>&1 {in}<"$f"
echo hi >&$fd
exec {a1}>x {_b}<y
