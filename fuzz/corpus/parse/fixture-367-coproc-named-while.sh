coproc W while :; do :; done
