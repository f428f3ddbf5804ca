{ echo; } > f 2>&1
( echo ) >> f
while :; do :; done < f
if true; then :; fi >f 2>&1
for i in 1; do :; done | cat
case x in x) ;; esac > /dev/null
[[ -f x ]] > out
(( 1 )) 2>err
f() { :; } > log
