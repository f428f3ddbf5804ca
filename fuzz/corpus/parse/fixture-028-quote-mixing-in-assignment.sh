msg="He said \"it's\" "'"fine"'$'\n'
echo "$msg"
