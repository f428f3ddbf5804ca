# a comment ending in a backslash \
echo this is a command, not part of the comment
