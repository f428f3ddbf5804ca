echo $( (echo sub) )
echo $( ( echo a; echo b ) | sort )
