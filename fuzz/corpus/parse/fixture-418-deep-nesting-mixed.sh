f() {
  for i in 1 2; do
    while true; do
      case $i in
        1) until false; do
             { ( if [[ $i == 1 ]]; then
                   echo "$( (echo "${x:-$(( i + $(echo 1) ))}") )"
                 fi ) ; } | cat
             break
           done ;;
        *) break ;;
      esac
      break
    done
  done
}
