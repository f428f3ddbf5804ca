echo "a" > >(cat)
exec 3< <(cmd)
{ read -r a; read -r b; } < file
while read -r a && read -r b; do :; done < file
