echo "a $x ${y} $(z) `w` \$ \" \\ \a \n" "" "$" "a$"
echo "tab	inside" "new
line"
