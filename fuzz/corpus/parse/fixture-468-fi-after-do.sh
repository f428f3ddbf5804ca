while true; do :; fi
