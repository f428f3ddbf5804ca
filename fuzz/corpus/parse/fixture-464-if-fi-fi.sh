if true; then :; fi fi
