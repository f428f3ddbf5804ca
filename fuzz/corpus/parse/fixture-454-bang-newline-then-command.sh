!
echo ok
