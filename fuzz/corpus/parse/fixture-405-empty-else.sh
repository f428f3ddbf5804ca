if true; then :; else fi
