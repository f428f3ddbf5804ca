echo hi
if true; then
echo yes
fi
