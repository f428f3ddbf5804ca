x=1 y=2
if=1 echo done
