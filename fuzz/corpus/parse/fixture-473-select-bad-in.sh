select x a; do :; done
