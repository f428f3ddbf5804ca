echo "$(echo "inner "quoted"" $(echo 'x' "y"))"
echo "${x:-"$(echo "a b")"}"
