echo > "${dir:-/tmp}/${name%.*}.out" 2>> "${log:=/dev/null}"
