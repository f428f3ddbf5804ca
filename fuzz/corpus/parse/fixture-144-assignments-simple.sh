x=1 y=2 cmd arg
x+=1
x= y=
x="a b" y='c d' z=$'e\tf'
x=$(cmd) y=`cmd` z=$((1+2))
PATH=$PATH:~/bin
