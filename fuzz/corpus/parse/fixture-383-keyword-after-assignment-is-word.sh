x=1 if true; then :; fi
