if true; then then :; fi
