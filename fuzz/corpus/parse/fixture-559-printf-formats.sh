printf '%-10s|%5d|%05.2f|%x|%o|%e|%b|%q\n' name 42 3.14159 255 8 1e3 'a\tb' "it's"
printf "%s\n" "${arr[@]}"
