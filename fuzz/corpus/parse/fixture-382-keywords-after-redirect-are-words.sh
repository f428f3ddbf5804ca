>f if true; then :; fi
