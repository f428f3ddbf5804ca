echo fine # "unterminated '
echo also fine
