cat <<$x
body
$x
cat <<"$y"
body
$y
