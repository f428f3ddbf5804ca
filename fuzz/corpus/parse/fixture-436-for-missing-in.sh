for x a b; do :; done
