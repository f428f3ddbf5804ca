echo time -p
x=time
