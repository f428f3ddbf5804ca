echo "\$ \` \" \\ \x \n \{ \' \
continued"
