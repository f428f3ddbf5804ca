echo ${x
echo done
