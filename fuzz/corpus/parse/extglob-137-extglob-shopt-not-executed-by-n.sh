shopt -s extglob
echo @(a|b)
