echo hi
x=1
echo "$x"
