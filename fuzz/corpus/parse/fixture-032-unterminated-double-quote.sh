echo "abc
echo more
