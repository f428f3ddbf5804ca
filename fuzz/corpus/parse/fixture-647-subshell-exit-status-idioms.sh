( exit 3 ); echo $?
( set -e; false; echo never ) || echo "failed: $?"
