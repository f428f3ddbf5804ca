if true; then :; fi && echo ok
while false; do :; done | sort
for i in 1; do :; done > out &
case x in *) ;; esac || echo no
{ :; } 2>/dev/null && ( : ) || [[ x ]]
