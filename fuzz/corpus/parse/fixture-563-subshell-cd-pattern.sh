(cd /tmp && ls)
( cd "$dir" || exit; make )
