echo one
echo two
[[ -n a -o b ]]
