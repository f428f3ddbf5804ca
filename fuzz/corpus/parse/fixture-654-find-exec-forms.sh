find . -name '*.sh' -exec bash -n {} \;
find . -type f -exec grep -l "x" {} +
find . \( -name a -o -name b \) -print
