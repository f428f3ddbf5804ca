echo $\
{HOME}
echo $(( 1 + \
 2 ))
