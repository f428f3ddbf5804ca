echo one
echo two
echo "three
four
