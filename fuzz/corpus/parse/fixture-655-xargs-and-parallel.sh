printf '%s\n' *.txt | xargs -n1 -P4 -I{} sh -c 'wc -l < "$1"' _ {}
