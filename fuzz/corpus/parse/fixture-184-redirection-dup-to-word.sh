echo >&file
echo a >& 2
echo b >&$fd 2>&"$err"
