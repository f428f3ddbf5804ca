echo 2 >x
echo a2>y
