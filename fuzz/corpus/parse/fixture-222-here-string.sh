cat <<< "$x"
cat <<<$'a\nb'
cat <<< word
read -r a b <<< "1 2"
cat <<<"$(echo x)" >out
