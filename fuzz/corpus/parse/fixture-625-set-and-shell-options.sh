set +e; set -x; set +o posix
set -o vi 2>/dev/null
shopt -u nocaseglob
