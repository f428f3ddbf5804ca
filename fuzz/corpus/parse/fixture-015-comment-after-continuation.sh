echo a \
# this is a comment, not an argument
echo b
