f() ( set -e; cmd ) 2>/dev/null
function g() ( :; )
h() { :; } ; declare -f h
