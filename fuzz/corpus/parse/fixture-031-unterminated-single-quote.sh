echo 'abc
echo more
