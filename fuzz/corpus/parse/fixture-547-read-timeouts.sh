while true; do read -t 1 || break; done
