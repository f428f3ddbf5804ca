echo hi >
echo more
