x=$(echo a # don't stop here
echo b)
